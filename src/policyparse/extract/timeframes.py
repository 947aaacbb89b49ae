"""Task timeframes: ``Quý IV/2024`` → deadline 2024-12-31, ``Hằng năm`` → recurring, ...

>>> find_timeframe("Thời gian hoàn thành: Quý IV/2024").end
datetime.date(2024, 12, 31)
>>> find_timeframe("trước ngày 30/6/2024").kind.value
'deadline'
>>> find_timeframe("Hằng năm").recurrence.value
'annual'
>>> find_timeframe("giai đoạn 2024 - 2030").start
datetime.date(2024, 1, 1)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from policyparse.extract.references import parse_date
from policyparse.langdata import alternation, vi
from policyparse.model import Recurrence, Timeframe, TimeframeKind

_QUARTER_NUMBERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"(?:19|20)\d{2}"


def _w(words: list[str]) -> str:
    return rf"(?<!\w)(?:{alternation(words)})(?!\w)"


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    build: Callable[[re.Match[str]], Timeframe | None]


def _end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _quarter(m: re.Match[str]) -> Timeframe | None:
    quarter, year = _QUARTER_NUMBERS[m["q"].upper()], int(m["y"])
    return Timeframe(text=m[0], kind=TimeframeKind.DEADLINE, end=_end_of_month(year, quarter * 3))


def _date(m: re.Match[str]) -> Timeframe | None:
    date = parse_date(m["date"])
    if date is None:
        return None
    return Timeframe(text=m[0], kind=TimeframeKind.DEADLINE, end=date)


def _month(m: re.Match[str]) -> Timeframe | None:
    month, year = int(m["m"]), int(m["y"])
    if not 1 <= month <= 12:
        return None
    return Timeframe(text=m[0], kind=TimeframeKind.DEADLINE, end=_end_of_month(year, month))


def _half_year(m: re.Match[str]) -> Timeframe | None:
    year = int(m["y"])
    end = dt.date(year, 6, 30) if m["half"].lower() == "đầu" else dt.date(year, 12, 31)
    return Timeframe(text=m[0], kind=TimeframeKind.DEADLINE, end=end)


def _period(m: re.Match[str]) -> Timeframe | None:
    first, last = int(m["y1"]), int(m["y2"])
    if last < first:
        return None
    return Timeframe(
        text=m[0], kind=TimeframeKind.PERIOD, start=dt.date(first, 1, 1), end=dt.date(last, 12, 31)
    )


def _year(m: re.Match[str]) -> Timeframe | None:
    year = int(m["y"])
    return Timeframe(text=m[0], kind=TimeframeKind.DEADLINE, end=dt.date(year, 12, 31))


def _recurring(recurrence: Recurrence | None) -> Callable[[re.Match[str]], Timeframe | None]:
    def build(m: re.Match[str]) -> Timeframe:
        return Timeframe(text=m[0], kind=TimeframeKind.RECURRING, recurrence=recurrence)

    return build


def _continuous(m: re.Match[str]) -> Timeframe | None:
    return Timeframe(text=m[0], kind=TimeframeKind.CONTINUOUS)


@cache
def _rules() -> tuple[_Rule, ...]:
    t = vi().timeframes
    flags = re.VERBOSE | re.IGNORECASE
    rules = [
        _Rule(
            "quarter",
            re.compile(
                rf"""{_w(t.quarter_words)}\s+(?P<q>IV|III|II|I|[1-4])   # Quý IV
                     \s*(?:/|,?\s*năm\s+)\s*(?P<y>{_YEAR})             # /2024 | năm 2024
                """,
                flags,
            ),
            _quarter,
        ),
        _Rule(
            "half_year",
            re.compile(rf"6\s+tháng\s+(?P<half>đầu|cuối)\s+năm\s+(?P<y>{_YEAR})", flags),
            _half_year,
        ),
        _Rule(
            "date",
            re.compile(
                r"""(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}          # 30/6/2024
                      | \d{1,2}-\d{1,2}-\d{4}                          # 30-6-2024
                      | ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})  # ngày 30 tháng 6 năm 2024
                """,
                flags,
            ),
            _date,
        ),
        _Rule(
            "month",
            re.compile(
                rf"{_w(t.month_words)}\s+(?P<m>\d{{1,2}})\s*(?:/|,?\s*năm\s+)\s*(?P<y>{_YEAR})",
                flags,
            ),
            _month,
        ),
        _Rule(
            "period",
            re.compile(
                rf"""(?:(?:{_w(t.period_words)}|từ\s+năm|từ)\s+)?
                     (?P<y1>{_YEAR})\s*(?:-|đến(?:\s+năm)?)\s*(?P<y2>{_YEAR})""",
                flags,
            ),
            _period,
        ),
    ]
    for name, phrases in t.recurring.items():
        recurrence = None if name == "unspecified" else Recurrence(name)
        rules.append(
            _Rule(f"recurring_{name}", re.compile(_w(phrases), flags), _recurring(recurrence))
        )
    rules.append(_Rule("continuous", re.compile(_w(t.continuous), flags), _continuous))
    rules.append(
        _Rule("year", re.compile(rf"(?:{_w(t.year_words)})\s+(?P<y>{_YEAR})(?!\s*-)", flags), _year)
    )
    return tuple(rules)


@cache
def label_pattern() -> re.Pattern[str]:
    """A line that states a timeframe: ``Thời gian hoàn thành: Quý IV/2024``."""
    labels = alternation(vi().timeframes.labels)
    return re.compile(rf"^\(?\s*(?:{labels})\s*:\s*(?P<value>.+?)\s*[.;)]*$", re.IGNORECASE)


def find_timeframe(text: str, masked: list[tuple[int, int]] | None = None) -> Timeframe | None:
    """The timeframe ``text`` states, ignoring the ``masked`` spans (body names).

    A labelled value wins (``...; thời gian trình: tháng 11/2024``). Otherwise a
    phrase introduced by a completion word (``hoàn thành ... trước ngày 30/9/2024``,
    ``trình ... trong quý III/2024``) is preferred to one that only describes the
    work (``Đề án ... giai đoạn 2025 - 2030``, ``khám sức khỏe định kỳ``); among
    equals the earliest, and where phrases overlap the longest (``định kỳ 6 tháng``).
    """
    label = label_pattern().match(text) or _inline_label().search(text)
    if label:
        text = label["value"]
        masked = None
    candidates: list[tuple[int, int, Timeframe]] = []
    for rule in _rules():
        for m in rule.pattern.finditer(text):
            if masked and any(a <= m.start() < b or a < m.end() <= b for a, b in masked):
                continue
            built = rule.build(m)
            if built is not None:
                candidates.append((m.start(), m.end(), built))
    if not candidates:
        return Timeframe(text=text, kind=None) if label else None
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    chosen: list[tuple[int, int, Timeframe]] = []
    for cand in candidates:  # of overlapping phrases keep the longest
        if chosen and cand[0] < chosen[-1][1]:
            if cand[1] - cand[0] > chosen[-1][1] - chosen[-1][0]:
                chosen[-1] = cand
            continue
        chosen.append(cand)

    def cue(candidate: tuple[int, int, Timeframe]) -> int:
        before = text[max(0, candidate[0] - 25) : candidate[0]]
        if _strong_cue().search(before):
            return 2  # "hoàn thành ... trước ngày 31/10/2024"
        return 1 if _completion_cue().search(before) else 0

    return max(chosen, key=lambda c: (cue(c), -c[0]))[2]


@cache
def _inline_label() -> re.Pattern[str]:
    """A label inside a sentence: "...; thời gian trình: tháng 11/2024."."""
    labels = alternation(vi().timeframes.labels)
    return re.compile(rf"(?i)(?<!\w)(?:{labels})(?:\s+\w+)?\s*:\s*(?P<value>[^;.]+)")


@cache
def _strong_cue() -> re.Pattern[str]:
    return re.compile(rf"(?i)(?<!\w)(?:{alternation(vi().timeframes.deadline_cues)})(?!\w)[^;]*$")


@cache
def _completion_cue() -> re.Pattern[str]:
    return re.compile(rf"(?i)(?<!\w)(?:{alternation(vi().timeframes.completion_cues)})(?!\w)[^;]*$")
