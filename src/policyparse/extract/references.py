"""Document numbers (số và ký hiệu), dates and citations of other documents.

>>> [m["number"] for m in DOC_NUMBER.finditer("Nghị quyết số 42-NQ/TW và Kế hoạch 87/KH-UBND")]
['42-NQ/TW', '87/KH-UBND']
>>> parse_date("ngày 24 tháng 11 năm 2023")
datetime.date(2023, 11, 24)
>>> parse_date("24-11-2023")
datetime.date(2023, 11, 24)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from policyparse.langdata import alternation, vi

_CODE = r"[A-ZĐ][A-Za-zĐđ]*"  # NQ, CTr, QĐ, UBND, BLĐTBXH

DOC_NUMBER = re.compile(
    rf"""(?<![\w/-])
        (?P<number>
            \d{{1,5}}-{_CODE}/{_CODE}(?:-{_CODE})?          # Party: 42-NQ/TW, 12-CTr/HU
          | \d{{1,5}}/(?:\d{{4}}/)?{_CODE}(?:-{_CODE})+\d{{0,2}}  # State: 87/KH-UBND, 30/2020/NĐ-CP
          | \d{{1,5}}/\d{{4}}/{_CODE}\d{{1,2}}              # National Assembly: 88/2019/QH14
        )
        (?![\w/])
    """,
    re.VERBOSE,
)

DATE = re.compile(
    r"""(?P<date>
            (?P<d1>\d{1,2})\s*[/.\-]\s*(?P<m1>\d{1,2})\s*[/.\-]\s*(?P<y1>\d{4})   # 24/11/2023
          | (?:ngày\s+)?(?P<d2>\d{1,2})\s+tháng\s+   # ngày 24 tháng
            (?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})     # 11 năm 2023
        )
    """,
    re.VERBOSE | re.IGNORECASE,
)


def parse_date(text: str) -> dt.date | None:
    """The first valid date in ``text``, or None."""
    for m in DATE.finditer(text):
        day, month, year = (m["d1"], m["m1"], m["y1"]) if m["d1"] else (m["d2"], m["m2"], m["y2"])
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            continue
    return None


def abbreviation_type(number: str) -> str | None:
    """The document type its number names: ``42-NQ/TW`` → ``Nghị quyết``."""
    m = re.match(r"\d+-(?P<p>[^/]+)/|\d+/(?:\d{4}/)?(?P<s>[^-]+)-", number)
    if not m:
        return None
    code = m["p"] or m["s"]
    for name, codes in vi().documents.types.items():
        if code in codes:
            return name
    return None


@dataclass(frozen=True, slots=True)
class Citation:
    number: str
    doc_type: str | None
    issued_date: dt.date | None
    issuer: str | None
    alias: str | None
    start: int
    end: int
    text: str


@cache
def _citation_head() -> re.Pattern[str]:
    types = alternation(list(vi().documents.types))
    return re.compile(rf"(?P<type>{types})\s+(?:số\s+)?$", re.IGNORECASE)


_DATE_AFTER = re.compile(r"^\s*,?\s*(?:ban hành\s+)?(?:ngày\s+)?(?=\d)", re.IGNORECASE)
_ISSUER_AFTER = re.compile(
    r"""^\s*,?\s*của\s+(?P<issuer>[^,;()]+?)           # của Ban Chấp hành Trung ương Đảng
        (?=\s+(?:về|thực\ hiện|ban\ hành|phê\ duyệt|quy\ định)\s  # up to the subject
          |[,;()]|$)""",
    re.VERBOSE,
)
_ALIAS = re.compile(r"\((?P<alias>[^()]{3,80})\)")


def find_citations(text: str, own_number: str | None = None) -> list[Citation]:
    """Every cited document number in ``text`` with what follows it (date, issuer, alias)."""
    found: list[Citation] = []
    matches = list(DOC_NUMBER.finditer(text))
    for i, m in enumerate(matches):
        number = m["number"]
        if own_number and number == own_number:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[max(line_start, m.start() - 40) : m.start()]
        head = _citation_head().search(before)
        start = m.start() - (len(before) - head.start()) if head else m.start()
        doc_type = _canonical_type(head["type"]) if head else abbreviation_type(number)
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        next_start = matches[i + 1].start() if i + 1 < len(matches) else line_end
        after = text[m.end() : min(line_end, next_start)]
        issued, rest = _date_after(after)
        issuer_m = _ISSUER_AFTER.match(rest)
        issuer = issuer_m["issuer"].strip() if issuer_m else None
        alias_m = _alias_after(text[m.end() : line_end], number, next_start - m.end())
        alias = alias_m["alias"].strip() if alias_m else None
        end = m.end() + (alias_m.end() if alias_m else len(after.rstrip()))
        found.append(
            Citation(
                number=number,
                doc_type=doc_type,
                issued_date=issued,
                issuer=issuer,
                alias=alias,
                start=start,
                end=end,
                text=text[start:end].strip(),
            )
        )
    return _merge(found)


def _alias_after(rest: str, number: str, region: int) -> re.Match[str] | None:
    """The short name defined in parentheses after a citation.

    Either a parenthesis that repeats the number (``(Nghị quyết số 42-NQ/TW)``),
    wherever it is in the sentence, or a short one (six words at most) before
    the next document number.
    """
    for m in _ALIAS.finditer(rest):
        content = m["alias"]
        if number in content and DOC_NUMBER.search(content) and len(content.split()) <= 8:
            return m
        short = len(content.split()) <= 6 and not DOC_NUMBER.search(content)
        if m.start() < region and short and parse_date(content) is None:
            return m
    return None


def _date_after(after: str) -> tuple[dt.date | None, str]:
    """A date printed right after a number, and the text after that date."""
    lead = _DATE_AFTER.match(after)
    if lead is None:
        return None, after
    m = DATE.match(after, lead.end())
    if m is None:
        return None, after
    return parse_date(m["date"]), after[m.end() :]


def _canonical_type(printed: str) -> str:
    lower = printed.lower()
    for name in vi().documents.types:
        if name.lower() == lower:
            return name
    return printed


def _merge(citations: list[Citation]) -> list[Citation]:
    """One entry per number: the first mention, completed by later ones."""
    by_number: dict[str, Citation] = {}
    for c in citations:
        seen = by_number.get(c.number)
        if seen is None:
            by_number[c.number] = c
            continue
        by_number[c.number] = Citation(
            number=seen.number,
            doc_type=seen.doc_type or c.doc_type,
            issued_date=seen.issued_date or c.issued_date,
            issuer=seen.issuer or c.issuer,
            alias=seen.alias or c.alias,
            start=seen.start,
            end=seen.end,
            text=seen.text,
        )
    return list(by_number.values())
