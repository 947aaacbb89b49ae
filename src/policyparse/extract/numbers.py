"""Vietnamese number notation: decimal comma, thousands dot, number words.

>>> parse_number("2,45")
2.45
>>> parse_number("12.900")
12900.0
>>> parse_number("1.234,5")
1234.5
>>> parse_number("0.7")
0.7
>>> [f.number for f in find_figures("xây một triệu căn, hỗ trợ 2.500 hộ và một số xã")]
['một', '2.500']
>>> [f.number for f in find_figures("xây ít nhất năm (05) nhà")]
['05', '05']
>>> [f.number for f in find_figures("142/148 xã, trước ngày 15/6")]
['142']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from policyparse.langdata import alternation, vi

# A figure as printed in a plan.
_FIGURE = r"""
        (?P<number>
            \d{1,3}(?:\.\d{3})+(?:,\d+)?  # 12.900  1.234,5   (thousands dots)
          | \d+,\d+                       # 2,45                (decimal comma)
          | \d+\.\d{1,2}(?!\d)            # 0.7  2.45           (decimal point, rare)
          | \d+                           # 40
        )
        (?!\d)
        (?!/(?!\s*(?:100\.000|10\.000|1\.000|100)(?!\d)))  # not a date 24/11, but 30/100.000
"""
# A figure as printed in a plan (not inside a code, date or longer number).
NUMBER = re.compile(r"(?<![\w.,/-])" + _FIGURE, re.VERBOSE)
# The second figure of a range, which may follow a hyphen directly: "35-38".
RANGE_END = re.compile(_FIGURE, re.VERBOSE)


def parse_number(text: str) -> float:
    """Parse a figure written the Vietnamese way (see module doctests)."""
    raw = text.strip()
    word = vi().numbers.words.get(raw.lower())
    if word is not None:
        return float(word)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
        raw = raw.replace(".", "").replace(",", ".")
    else:
        raw = raw.replace(",", ".")
    try:
        return float(Decimal(raw))
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None


@cache
def _word_figure() -> re.Pattern[str]:
    """A number word, only where a multiplier follows it ("một triệu căn", not "một số"),
    or with its digits after it in parentheses ("năm (05) nhà", "một (01) mô hình")."""
    data = vi().numbers
    words = alternation(list(data.words))
    spelled = alternation([*data.words, "năm"])  # "năm (05)": five, with its digits
    return re.compile(
        rf"""(?<!\w)(?:
            (?P<number>{words})(?=\s+(?:{alternation(list(data.multipliers))})(?!\w))
          | (?:{spelled})\s*\(\s*(?P<digits>\d{{1,4}})\s*\)
        )""",
        re.IGNORECASE | re.VERBOSE,
    )


@dataclass(frozen=True, slots=True)
class Printed:
    """A figure as printed: where it stands and its number (digits or a number word)."""

    start: int
    end: int
    number: str


@cache
def _fraction() -> re.Pattern[str]:
    """``142/148 xã``: 142 of the 148 communes (the denominator says of how many)."""
    nouns = alternation(vi().numbers.fraction_nouns)
    return re.compile(rf"(?<![\w./-])(?P<number>\d{{1,4}})/\d{{1,4}}(?=\s+(?:{nouns})(?!\w))")


def find_figures(text: str) -> list[Printed]:
    """Every figure in ``text`` in order: digits, and number words (see ``_word_figure``)."""
    found = [Printed(m.start(), m.end(), m["number"]) for m in NUMBER.finditer(text)]
    for m in _word_figure().finditer(text):
        found.append(Printed(m.start(), m.end(), m["number"] or m["digits"]))
    for m in _fraction().finditer(text):
        found.append(Printed(m.start(), m.end(), m["number"]))
    return sorted(found, key=lambda f: f.start)


@cache
def multiplier_pattern() -> re.Pattern[str]:
    """A multiplier word right after a figure (``1,2 triệu``)."""
    return re.compile(rf"\s*(?P<word>{alternation(list(vi().numbers.multipliers))})(?!\w)")


def multiplier(word: str) -> int:
    return vi().numbers.multipliers[word.lower()]
