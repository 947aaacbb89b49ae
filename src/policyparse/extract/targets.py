"""Quantified and qualitative targets from the objective sections of a plan.

A paragraph is split into clauses (at ``;`` and sentence ends). In a clause,
every figure that is not a year, a date, a document number, an ordinal, an age
or kind that qualifies a population (``trẻ em dưới 5 tuổi``, ``14 loại vắc
xin``) or a denominator (``trên 10.000 dân``) is a target. For each figure we
read, in order: a range partner (``35 - 40%``, ``từ 60% đến 65%``), a
multiplier word, the unit, a per-year marker; the comparator chain right
before it (``tối thiểu đạt``); a change verb (``giảm xuống còn``); and the
indicator, either before the figure (``Tỷ lệ thất nghiệp chung dưới 2,45%``)
or after it (``41,2% lực lượng lao động ... tham gia bảo hiểm xã hội``).
Clauses of a target section without a target figure are qualitative targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from policyparse.extract.numbers import (
    RANGE_END,
    Printed,
    find_figures,
    multiplier,
    multiplier_pattern,
    parse_number,
)
from policyparse.extract.references import DATE, DOC_NUMBER
from policyparse.langdata import alternation, vi
from policyparse.model import Change, Comparator, QualitativeTarget, Span, Target, Unit

_CLAUSE_END = re.compile(r";|\.(?=\s+[A-ZĐÀ-Ỹ])|\.$|:\s+(?=-)")
_SPACE = re.compile(r"\s+")
_PARENTHESIS = re.compile(r"\([^()]*\)")
_QUALIFIER = re.compile(r"(?<!so)\s(?:với|theo)\s")  # not "so với" (compared with)
_OPEN_QUOTE = re.compile(r"\s*[\"“]")
_CONNECTOR = re.compile(r"\s*(?:(?:vào|trong|đến|tới)\s+)?")  # "3,2% vào cuối năm 2025"
_AND_MORE = re.compile(r"[^,;]{0,40}?\strở lên(?!\w)")
_LIST_HEAD = re.compile(r"^(?P<head>[^:;\d()]{6,100}):\s")  # "Tỷ lệ trường đạt chuẩn quốc gia: ..."
_BASELINE = re.compile(r"(?i)so với(?:\s+(?:cuối|đầu))?\s*$")  # a baseline year is not the target's
_BASELINE_PHRASE = re.compile(r"(?i)\s*so với\s.*$")
# Words that may stand before the year phrase opening a paragraph: "Riêng năm 2025, ...".
_OPENING_YEAR = re.compile(r"(?i)^(?:(?:phấn đấu|riêng|trong|từ nay|đến hết|đến cuối)\s+)*(?=\S)")
_EDGE = " ,;:.-–\t"


def _words(phrases: list[str]) -> str:
    """Alternation of phrases as whole words."""
    return rf"(?<![\w/])(?:{alternation(phrases)})(?![\w])"


@dataclass(frozen=True, slots=True)
class _Patterns:
    year_mention: re.Pattern[str]
    year_range: re.Pattern[str]
    per_population: re.Pattern[str]
    per_population_at: re.Pattern[str]
    ratio: re.Pattern[str]
    unit: re.Pattern[str]
    unit_of: dict[str, Unit]
    comparator_chain: re.Pattern[str]
    comparator_of: dict[str, Comparator]
    change: re.Pattern[str]
    change_of: dict[str, Change]
    per_year: re.Pattern[str]
    after_bound: re.Pattern[str]
    noun_bound: re.Pattern[str]
    range_tail: re.Pattern[str]
    range_opener: re.Pattern[str]
    age_unit: re.Pattern[str]
    counted_kind: re.Pattern[str]
    ordinal_before: re.Pattern[str]
    amount_opener: re.Pattern[str]
    frequency_only: re.Pattern[str]
    lead_verbs: re.Pattern[str]
    indicator_head: re.Pattern[str]
    specifier: re.Pattern[str]
    subset: re.Pattern[str]
    restriction: re.Pattern[str]
    predicate: re.Pattern[str]
    scope_phrase: re.Pattern[str]
    place: re.Pattern[str]
    place_filler: re.Pattern[str]
    age_scope: re.Pattern[str]
    locative: re.Pattern[str]
    duration: re.Pattern[str]
    duration_unit: re.Pattern[str]


@cache
def patterns() -> _Patterns:
    data = vi()
    comps = data.comparators
    unit_of = {
        phrase: Unit(unit) for unit, phrases in data.units.units.items() for phrase in phrases
    }
    comparator_of = {p: Comparator(c) for c, phrases in comps.comparators.items() for p in phrases}
    change_of = {p: Change(c) for c, phrases in comps.changes.model_dump().items() for p in phrases}
    # Unit phrases: "%" and "/"-phrases need no word boundary.
    unit_alt = alternation(list(unit_of))
    years = r"(?:19|20)\d{2}"
    return _Patterns(
        year_mention=re.compile(
            rf"""(?:{_words(data.targets.year_markers)})\s+
                 (?P<y1>{years})(?:\s*-\s*(?P<y2>{years}))?(?!\d)""",
            re.VERBOSE | re.IGNORECASE,
        ),
        year_range=re.compile(rf"(?<!\d)(?P<y1>{years})\s*-\s*(?P<y2>{years})(?!\d)"),
        per_population_at=re.compile(
            rf"\s*(?:{alternation(data.units.per_population)})(?![\w])", re.IGNORECASE
        ),
        ratio=re.compile(r"\s*/\s*(?:100\.000|10\.000|1\.000|100)(?!\d)"),
        per_population=re.compile(
            rf"(?:{alternation(data.units.per_population)})(?![\w])", re.IGNORECASE
        ),
        unit=re.compile(rf"\s*(?P<unit>{unit_alt})(?![\w²])", re.IGNORECASE),
        unit_of=unit_of,
        comparator_chain=re.compile(rf"(?:{_words(list(comparator_of))}\s*)+$", re.IGNORECASE),
        comparator_of=comparator_of,
        change=re.compile(_words(list(change_of)), re.IGNORECASE),
        change_of=change_of,
        per_year=re.compile(rf"\s*(?:{alternation(comps.per_year)})(?![\w])", re.IGNORECASE),
        after_bound=re.compile(
            rf"\s*(?P<bound>{alternation(comps.after_ge + comps.after_le)})(?![\w])", re.IGNORECASE
        ),
        # "đạt 94% dân số trở lên": the bound after a short noun that follows the unit.
        noun_bound=re.compile(
            rf"(?:\s+[^\W\d_]+){{1,3}}?\s+(?P<bound>{alternation(comps.after_ge + comps.after_le)})"
            rf"(?![\w])",
            re.IGNORECASE,
        ),
        range_tail=re.compile(
            rf"\s*(?:%\s*)?(?:{alternation(comps.range_joiners)})\s*(?=\d)", re.IGNORECASE
        ),
        range_opener=re.compile(rf"{_words(comps.range_openers)}\s*$", re.IGNORECASE),
        age_unit=re.compile(rf"\s*(?:{alternation(data.scope.age_units)})(?![\w])", re.IGNORECASE),
        counted_kind=re.compile(
            rf"\s*(?:{alternation(data.scope.counted_kinds)})(?![\w])", re.IGNORECASE
        ),
        ordinal_before=re.compile(
            rf"{_words(data.targets.ordinal_words + data.targets.document_words)}\s*$",
            re.IGNORECASE,
        ),
        frequency_only=re.compile(
            rf"(?:\s*{_words(data.targets.frequency_leads)}[\s,]*)+", re.IGNORECASE
        ),
        amount_opener=re.compile(rf"{_words(data.targets.amount_openers)}\s*$", re.IGNORECASE),
        lead_verbs=re.compile(rf"^(?:{_words(data.targets.lead_verbs)}\s*)+", re.IGNORECASE),
        indicator_head=re.compile(rf"^{_words(data.targets.indicator_heads)}", re.IGNORECASE),
        specifier=re.compile(rf"^{_words(data.targets.ellipsis_specifiers)}", re.IGNORECASE),
        subset=re.compile(rf"^{_words(data.targets.subset_markers)}", re.IGNORECASE),
        restriction=re.compile(rf"^{_words(data.targets.restriction_markers)}", re.IGNORECASE),
        predicate=re.compile(_words(data.targets.predicate_markers), re.IGNORECASE),
        scope_phrase=re.compile(_words(data.scope.places + data.scope.phrases), re.IGNORECASE),
        place=re.compile(_words(data.scope.places), re.IGNORECASE),
        place_filler=re.compile(_words(data.scope.place_fillers), re.IGNORECASE),
        locative=re.compile(rf"{_words(data.scope.locative_words)}\s+$", re.IGNORECASE),
        duration=re.compile(
            rf"{_words(data.scope.duration_openers)}\s+(?:{_words(list(comparator_of))}\s+)*$",
            re.IGNORECASE,
        ),
        duration_unit=re.compile(
            rf"\s*(?:{alternation(data.scope.duration_units)})(?![\w])", re.IGNORECASE
        ),
        age_scope=re.compile(
            rf"""(?:{_words(data.scope.people_words)}\s+(?:\S+\s+){{0,3}}?)?
                 (?:{_words(data.scope.age_bound_words)})\s+[\d\s,đến\-]+?
                 \s*(?:{alternation(data.scope.age_units)})(?![\w])""",
            re.VERBOSE | re.IGNORECASE,
        ),
    )


@dataclass(slots=True)
class _Figure:
    """A target figure inside a clause, with everything read around it."""

    start: int  # of the figure (or of its range opener)
    number_end: int  # after the last number (the range's second one)
    end: int  # after unit, per-year marker and bound words
    value: float
    value_max: float | None = None
    unit: Unit | None = None
    unit_text: str = ""
    per_year: bool = False
    bound_after: Comparator | None = None
    comparator: Comparator = Comparator.EQ
    change: Change = Change.LEVEL
    raw_before: str = ""  # the lead text before lead verbs and years were stripped
    before: str = ""
    after: str = ""
    indicator: str = ""
    year: int | None = None
    per_population: str | None = None
    extra_before: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Clause:
    text: str
    start: int  # offset in the normalised text


def split_clauses(text: str, offset: int) -> list[Clause]:
    """Clauses of a paragraph: split at ``;`` and at sentence ends (not inside parentheses)."""
    clauses: list[Clause] = []
    depth = 0
    last = 0
    cuts: list[tuple[int, int]] = []
    for m in _CLAUSE_END.finditer(text):
        depth = text.count("(", 0, m.start()) - text.count(")", 0, m.start())
        if depth <= 0:
            cuts.append((m.start(), m.end()))
    for cut_start, cut_end in [*cuts, (len(text), len(text))]:
        piece = text[last:cut_start]
        stripped = piece.strip(_EDGE + " ")
        if stripped:
            lead = len(piece) - len(piece.lstrip(_EDGE + " "))
            clauses.append(Clause(stripped, offset + last + lead))
        last = cut_end
    return clauses


def _asides(text: str, issued_year: int | None = None) -> list[tuple[int, int]]:
    """Parentheses that state a baseline or a definition ("(năm 2023: 35%)", "(cân nặng khi
    sinh dưới 2.500 gam)"), not a target: all but an interim target dated no earlier than
    the plan ("(năm 2025 đạt 94,5%)" in a plan of 2024)."""
    spans = []
    for m in _PARENTHESIS.finditer(text):
        mention = patterns().year_mention.match(m[0], 1)
        year = int(mention["y2"] or mention["y1"]) if mention else None
        if year is None or issued_year is None or year < issued_year:
            spans.append(m.span())
    return spans


def _blocked_spans(text: str, issued_year: int | None) -> list[tuple[int, int]]:
    """Spans whose digits are not target figures: codes, dates, years, denominators, asides."""
    p = patterns()
    spans = [m.span() for m in DOC_NUMBER.finditer(text)]
    spans += [m.span() for m in DATE.finditer(text)]
    spans += [m.span() for m in p.year_mention.finditer(text)]
    spans += [m.span() for m in p.year_range.finditer(text)]
    spans += [m.span() for m in p.per_population.finditer(text)]
    spans += _asides(text, issued_year)
    spans += [
        m.span() for m in re.finditer(r"\b(?:19|20)\d{2}\b", text) if _looks_like_year(text, m)
    ]
    return spans


def _looks_like_year(text: str, m: re.Match[str]) -> bool:
    after = text[m.end() : m.end() + 3]
    return not after.lstrip().startswith(("%", "người", "lao", "căn", "hộ"))


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _read_figures(text: str, issued_year: int | None) -> list[_Figure]:
    """The target figures of a clause, with range, unit and bounds read after each."""
    p = patterns()
    blocked = _blocked_spans(text, issued_year)
    figures: list[_Figure] = []
    consumed_to = 0
    for m in find_figures(text):
        if m.start < consumed_to or _inside(m.start, blocked):
            continue
        window = text[max(0, m.start - 16) : m.start]
        if p.ordinal_before.search(window) and not p.amount_opener.search(window):
            continue
        prev_end = figures[-1].end if figures else 0
        fig = _read_one(text, m, prev_end)
        consumed_to = fig.end
        if not _is_scope(text, fig, prev_end):
            figures.append(fig)
    return _drop_counted_scopes(text, figures)


def _drop_counted_scopes(text: str, figures: list[_Figure]) -> list[_Figure]:
    """Figures that qualify another in the same phrase.

    A bare count before a percentage ("sàng lọc ít nhất 5 bệnh bẩm sinh đạt 90%"
    is one target, 90%, about five diseases), and a standard after "với"/"theo"
    ("... nước sạch với định mức tối thiểu 60 lít/người/ngày").
    """
    kept: list[_Figure] = []
    for i, fig in enumerate(figures):
        # "khám thai ít nhất 4 lần trong 3 thời kỳ thai nghén đạt 85 - 90%": every bare
        # count before a percentage in the same phrase qualifies it.
        percent = next((f for f in figures[i + 1 :] if f.unit is Unit.PERCENT), None)
        if (
            fig.unit in (None, Unit.OTHER, Unit.COUNT)
            and percent is not None
            and not re.search(r"[,;]", text[fig.end : percent.start])
        ):
            continue
        gap = text[kept[-1].end : fig.start] if kept else ""
        if _QUALIFIER.search(gap) and not re.search(r"[,;]", gap):
            continue  # "... nước sạch với định mức tối thiểu 60 lít": a standard, not a target
        if (
            kept
            and kept[-1].unit is Unit.PERCENT
            and fig.unit is not Unit.PERCENT
            and not re.search(r"[,;]|\svà\s", text[kept[-1].end : fig.start])
        ):
            continue  # "90% phụ nữ mang thai được khám thai ít nhất 4 lần": how, not a target
        kept.append(fig)
    return kept


def _read_one(text: str, m: Printed, prev_end: int) -> _Figure:
    p = patterns()
    value = parse_number(m.number)
    fig = _Figure(start=m.start, number_end=m.end, end=m.end, value=value)
    pos = m.end
    # Range: "35 - 40%", "từ 60% đến 65%".
    tail = p.range_tail.match(text, pos)
    if tail:
        second = RANGE_END.match(text, tail.end())
        if second:
            fig.value_max = parse_number(second["number"])
            fig.comparator = Comparator.RANGE
            pos = fig.number_end = second.end()
    opener = p.range_opener.search(text[prev_end : fig.start])
    if opener and fig.value_max is not None:
        fig.start = prev_end + opener.start()
    mult = multiplier_pattern().match(text, pos)
    if mult:
        factor = multiplier(mult["word"])
        fig.value *= factor
        if fig.value_max is not None:
            fig.value_max *= factor
        pos = mult.end()
    unit = p.unit.match(text, pos)
    quote = _OPEN_QUOTE.match(text, pos)
    if unit is None and quote:
        unit = p.unit.match(text, quote.end())  # 1.200 "Nhà Đại đoàn kết"
    unit_start = pos
    denominator = p.per_population_at.match(text, pos) or p.ratio.match(text, pos)
    if denominator:
        # "43/10.000 dân" (a rate per population), "30/100.000 trẻ đẻ sống" (another ratio).
        per_population = p.per_population_at.match(text, pos) is not None
        fig.unit = Unit.PER_10000_POPULATION if per_population else Unit.OTHER
        fig.unit_text = denominator[0].strip()
        pos = denominator.end()
    elif unit:
        fig.unit = p.unit_of[_SPACE.sub(" ", unit["unit"].lower())]
        pos = unit.end()
        fig.unit_text = text[unit_start:pos].strip()
        if mult:
            fig.unit_text = f"{mult['word']} {fig.unit_text}"
    elif mult:
        fig.unit_text = mult["word"]
    per_year = p.per_year.match(text, pos)
    if per_year:
        fig.per_year = True
        pos = per_year.end()
    bound = p.after_bound.match(text, pos)
    if bound:
        ge = bound["bound"].lower() in vi().comparators.after_ge
        fig.bound_after = Comparator.GE if ge else Comparator.LE
        pos = bound.end()
    elif fig.unit is Unit.PERCENT and (noun_bound := p.noun_bound.match(text, pos)):
        ge = noun_bound["bound"].lower() in vi().comparators.after_ge
        fig.bound_after = Comparator.GE if ge else Comparator.LE  # not consumed: the noun
    fig.end = pos
    return fig


def _is_scope(text: str, fig: _Figure, prev_end: int) -> bool:
    """Whether a figure qualifies a population rather than stating a target.

    ``trẻ em dưới 5 tuổi``, ``dưới 36 tháng tuổi``, ``từ 3 đến 5 tuổi`` (an age,
    unless the indicator is an age itself: ``tuổi thọ``) and ``14 loại vắc xin``.
    """
    p = patterns()
    if p.duration.search(text[prev_end : fig.start]) and p.duration_unit.match(text, fig.end):
        return True  # "nợ đọng kéo dài trên 3 tháng": which debts, not a target
    locative = p.locative.search(text[max(prev_end, fig.start - 16) : fig.start])
    if locative and fig.unit is not Unit.PERCENT:
        return True  # "đồng bào dân tộc thiểu số ở 38 xã khu vực III": where, not how much
    if p.age_unit.match(text, fig.number_end):
        before = text[prev_end : fig.start].lower()
        return not any(word in before for word in vi().scope.age_target_words)
    return fig.unit is None and p.counted_kind.match(text, fig.number_end) is not None


def _bound_before(window: str) -> tuple[Comparator | None, int]:
    """The comparator chain ending the window (``tối thiểu đạt``): its strongest word and start."""
    p = patterns()
    m = p.comparator_chain.search(window)
    if not m:
        return None, len(window)
    words = re.findall(_words(list(p.comparator_of)), m[0], re.IGNORECASE)
    comparators = [p.comparator_of[_SPACE.sub(" ", w.lower())] for w in words]
    strong = [c for c in comparators if c is not Comparator.EQ]
    return (strong[0] if strong else Comparator.EQ), m.start()


def _split_between(between: str) -> tuple[str, str]:
    """Text between two figures: the first one's trailing noun phrase, the next one's lead."""
    stripped = _PARENTHESIS.sub(" ", between).lstrip()
    if stripped.startswith((",", ";")) or re.match(r"và\s", stripped):
        return "", stripped.lstrip(",; ").removeprefix("và ").strip()
    between = _PARENTHESIS.sub(" ", between)
    comma = between.rfind(", ")
    cut = comma if comma >= 0 else between.rfind(" và ")
    if cut < 0:
        return between.strip(), ""
    sep = 2 if between.startswith(", ", cut) else 4
    return between[:cut].strip(), between[cut + sep :].strip()


def _clean(phrase: str) -> str:
    return _SPACE.sub(" ", phrase).strip(_EDGE + " ")


def _assign_context(text: str, figures: list[_Figure]) -> None:
    """Fill comparator, change, before/after text of each figure of a clause."""
    p = patterns()
    for i, fig in enumerate(figures):
        prev_end = figures[i - 1].end if i else 0
        next_start = figures[i + 1].start if i + 1 < len(figures) else len(text)
        lead = text[prev_end : fig.start]
        if i:
            tail_prev, lead = _split_between(lead)
            figures[i - 1].after = tail_prev
        opener = p.range_opener.search(lead)  # "đạt từ 38% trở lên": "từ" before the figure
        if opener and fig.value_max is None and fig.bound_after is None:
            # "từ 3 mô hình sinh kế trở lên": the bound comes after the counted noun.
            tail = _AND_MORE.match(text, fig.end, next_start)
            if tail:
                fig.bound_after = Comparator.GE
        comp, comp_start = _bound_before(lead[: opener.start()] if opener else lead)
        if fig.comparator is not Comparator.RANGE:
            fig.comparator = fig.bound_after or comp or Comparator.EQ
        core = lead[:comp_start]
        change = None
        for cm in p.change.finditer(core):
            change = cm
        if change is not None:
            fig.change = p.change_of[_SPACE.sub(" ", change[0].lower())]
            if not core[change.end() :].strip():
                core = core[: change.start()]
        core = p.range_opener.sub("", core)
        fig.raw_before = _clean(core)
        fig.before = _strip_year_phrases(core)
        if i + 1 == len(figures):
            fig.after = _clean(text[fig.end : next_start])
    for fig in figures:
        after = _PARENTHESIS.sub(" ", fig.after).split("(")[0]  # "(năm 2025 đạt" opens an aside
        after = p.year_mention.sub(" ", _BASELINE_PHRASE.sub("", after))
        fig.after = _clean(after.replace(" trở lên", " ") if fig.bound_after else after)


def _strip_year_phrases(phrase: str) -> str:
    p = patterns()
    phrase = p.year_mention.sub(" ", phrase)
    phrase = p.lead_verbs.sub("", _clean(phrase))
    return _clean(phrase)


def _noun_unit(fig: _Figure) -> bool:
    return fig.unit in (Unit.DWELLINGS, Unit.HOUSEHOLDS, Unit.PERSONS, Unit.COUNT)


def _list_head(text: str, first: _Figure) -> str:
    """The head of a list introduced by a colon: "Tỷ lệ trường đạt chuẩn quốc gia: mầm non 70%,
    tiểu học 85%" → "Tỷ lệ trường đạt chuẩn quốc gia"."""
    m = _LIST_HEAD.match(text[: first.start])
    return _clean(m["head"]) if m else ""


def _choose_indicators(figures: list[_Figure], previous: str = "", head: str = "") -> None:
    p = patterns()
    for fig in figures:
        if head:  # each item of "head: a 70%, b 85%" is "head a", "head b"
            rest = _clean(fig.before.removeprefix(head).lstrip(": "))
            fig.before = rest if p.indicator_head.match(rest) else _clean(f"{head} {rest}")
        after = fig.after
        per_pop = p.per_population.search(after)
        if per_pop:
            fig.per_population = per_pop[0]
            after = _clean(after[: per_pop.start()] + after[per_pop.end() :])
        noun = _clean(f"{fig.unit_text} {after}") if _noun_unit(fig) else after
        before = fig.before
        if noun and p.frequency_only.fullmatch(before):
            before = ""  # "Bình quân mỗi năm tăng thêm 3.000 người tham gia ...": the noun
        restriction = p.restriction.match(fig.raw_before) if fig.raw_before else None
        subset = p.subset.match(before) if before and previous else None
        if restriction and previous:
            # "giảm 1 - 1,5%, riêng các huyện miền núi giảm từ 3% đến 4%/năm": the same
            # indicator for part of the population.
            rest = _clean(fig.raw_before[restriction.end() :])
            rest = _strip_year_phrases(rest)
            before = (
                _elided(previous, rest) if p.specifier.match(rest) else _clean(f"{previous} {rest}")
            )
        elif subset and not _clean(before[subset.end() :]) and after:
            before = ""  # "trong đó 100% người thuộc hộ nghèo ... được cấp thẻ": a new population
        elif subset:
            # "đạt 70%, trong đó có bằng cấp, chứng chỉ đạt 28%": a part of the same
            # indicator; "trong đó thời gian sống khỏe mạnh tối thiểu 67 năm": a new one.
            rest = _clean(before[subset.end() :])
            if rest and p.specifier.match(rest):
                before = _elided(previous, rest)  # "trong đó khu vực thành thị không quá 3,5%"
            elif not rest or p.predicate.match(rest):
                before = _clean(f"{previous} {rest}")
            elif place := _place_only(rest):
                before = _swap_place(previous, place)  # "trong đó các huyện miền núi dưới 12%"
            elif shared := _shared_opening(previous, rest):
                # "Tỷ lệ lao động qua đào tạo đạt 65%, trong đó lao động là người dân tộc
                # thiểu số đạt trên 50%": a part of the same population.
                before = _clean(f"{previous} {rest[shared:]}")
            else:
                before = rest
        elif before and previous and p.specifier.match(before):
            before = _elided(previous, before)
        elif before and previous and (place := _place_only(before)):
            before = _swap_place(previous, place)  # "..., các xã miền núi phấn đấu đạt 20%"
        if not before:
            indicator = noun
        elif not after or p.indicator_head.match(before):
            indicator = before
        else:
            indicator = f"{before} {noun}"
        fig.indicator = _clean(indicator) or previous
        fig.after = after
        previous = fig.indicator


def _shared_opening(previous: str, rest: str) -> int:
    """Length of the longest opening of ``rest`` (two syllables or more) that the previous
    indicator also says, else 0: "lao động" in "lao động là người dân tộc thiểu số"."""
    words = rest.split()
    lowered = f" {previous.lower()} "
    best = 0
    for k in range(2, len(words) + 1):
        if f" {' '.join(words[:k]).lower()} " not in lowered:
            break
        best = len(" ".join(words[:k]))
    return best


def _elided(previous: str, lead: str) -> str:
    """Complete an indicator stated only by its qualifier from the previous one.

    ``tỷ lệ đi học ... cấp tiểu học`` + ``cấp trung học cơ sở`` → ``tỷ lệ đi học ...
    cấp trung học cơ sở``; ``Tỷ lệ dân cư đô thị được cung cấp nước sạch`` +
    ``khu vực nông thôn`` → ``Tỷ lệ dân cư khu vực nông thôn được cung cấp nước sạch``.
    """
    p = patterns()
    word = p.specifier.match(lead)
    assert word is not None
    scope = p.place.search(previous)
    if scope and scope[0].lower().startswith(word[0].lower()):
        # "hộ gia đình khu vực thành thị được sử dụng nước sạch" + "khu vực nông thôn":
        # the scope is swapped and what follows it kept.
        return f"{previous[: scope.start()]}{lead}{previous[scope.end() :]}"
    head = previous.lower().find(" " + word[0].lower() + " ")
    if head > 0:
        return f"{previous[:head]} {lead}"
    return _swap_place(previous, lead)


def _place_only(phrase: str) -> str | None:
    """The area a phrase names when it names nothing else ("các huyện miền núi", "các xã
    miền núi phấn đấu" → "các xã miền núi"), else None."""
    p = patterns()
    if not p.place.search(phrase) or len(phrase.split()) > 8:
        return None
    if p.place_filler.sub(" ", p.place.sub(" ", phrase)).strip(_EDGE + " "):
        return None
    return _clean(re.sub(r"(?:\s+(?:phấn đấu|đạt))+$", "", phrase, flags=re.IGNORECASE))


def _swap_place(previous: str, place: str) -> str:
    """The previous indicator for another area: its own area replaced, or the area added."""
    own = patterns().place.search(previous)
    if own:
        return f"{previous[: own.start()]}{place}{previous[own.end() :]}"
    return f"{previous} {place}"


def _distribute(figures: list[_Figure]) -> None:
    """Shared denominators and predicates stated once for several figures."""
    p = patterns()
    # "43 giường bệnh viện, 11 bác sĩ ... trên 10.000 dân": the denominator applies to the list.
    for i, fig in enumerate(figures):
        if fig.per_population is None:
            continue
        j = i
        while j >= 0 and (j == i or (figures[j].unit is None and _is_listed(figures[j]))):
            target = figures[j]
            target.unit = Unit.PER_10000_POPULATION
            noun = _clean(target.after)
            target.unit_text = f"{noun or target.indicator} ... {fig.per_population}"
            if noun and j < i:
                target.indicator = noun  # "toàn tỉnh bảo đảm 9 bác sĩ, ...": the noun is measured
            j -= 1
    # "Bình quân trên 10.000 dân có 52 giường bệnh, 15 bác sĩ": the denominator stated first.
    lead = p.per_population.search(figures[0].before) if figures else None
    if lead and figures[0].unit is None and _is_listed(figures[0]):
        for i, fig in enumerate(figures):
            if i and (fig.before or fig.unit is not None or not _is_listed(fig)):
                break
            fig.unit = Unit.PER_10000_POPULATION
            fig.per_population = lead[0]
            fig.indicator = _clean(fig.after)
            fig.unit_text = f"{fig.indicator} ... {lead[0]}"
    # "100% hộ gia đình ở thành thị và 80% hộ gia đình ở nông thôn được sử dụng nước sạch".
    last_predicate = None
    for fig in reversed(figures):
        if fig.before:
            last_predicate = None
            continue
        m = p.predicate.search(fig.after)
        if m:
            last_predicate = fig.after[m.start() :]
        elif last_predicate and fig.after:
            fig.indicator = _clean(f"{fig.indicator} {last_predicate}")


def _is_listed(fig: _Figure) -> bool:
    """A figure of a "N noun, N noun ... trên 10.000 dân" list: a short noun after it."""
    return bool(fig.after) and len(fig.after.split()) <= 5


def _finish_units(figures: list[_Figure]) -> None:
    per_capita = vi().units.per_capita_words
    for fig in figures:
        bare = fig.unit in (None, Unit.OTHER, Unit.COUNT)
        if bare and patterns().per_population.search(fig.indicator):
            fig.unit = Unit.PER_10000_POPULATION  # "Số bác sĩ trên 10.000 dân đạt 13"
        area = fig.unit is Unit.OTHER and fig.unit_text.lower().startswith(("m²", "m2"))
        if area and any(w in fig.indicator.lower() for w in per_capita):
            fig.unit = Unit.M2_PER_PERSON  # "Diện tích nhà ở bình quân đầu người đạt 33 m² sàn"
        if fig.unit is not None:
            continue
        indicator = fig.indicator.lower()
        if any(w in indicator for w in vi().units.index_words):
            fig.unit = Unit.INDEX
        elif not fig.before and fig.after:
            fig.unit = Unit.COUNT
            fig.unit_text = fig.unit_text or fig.after.split(" ")[0]
        else:
            fig.unit = Unit.OTHER


def _years(text: str, figures: list[_Figure], default: int | None, issued_year: int | None) -> None:
    """Each figure's year: the last year phrase before it in the clause; else one after
    it that no other figure follows ("đạt 45% vào năm 2025", but not "2.000 căn, trong
    đó năm 2025 hoàn thành 600 căn"); else the heading's."""
    mentions = _target_years(text, issued_year)
    last_start = max(f.start for f in figures)
    for fig in figures:
        # "đạt 31% năm 2025, 37% năm 2027": a year printed right after the figure is its own.
        right_after = [
            y for pos, y in mentions if pos >= fig.end and _CONNECTOR.fullmatch(text[fig.end : pos])
        ]
        before = [y for pos, y in mentions if pos < fig.start]
        trailing = [y for pos, y in mentions if pos >= fig.end and pos > last_start]
        if right_after:
            fig.year = right_after[0]
        else:
            fig.year = before[-1] if before else (trailing[0] if trailing else default)


def _interim_indicators(text: str, figures: list[_Figure]) -> None:
    """A figure in parentheses restates the indicator before it for an earlier year:
    "Trên 96% dân số tham gia bảo hiểm y tế (năm 2025 đạt 94,5%)"."""
    for i, fig in enumerate(figures):
        opening = text.rfind("(", 0, fig.start)
        if opening < 0 or ")" in text[opening : fig.start]:
            continue
        outside = [f for f in figures[:i] if f.start < opening]
        if outside:
            fig.indicator = outside[-1].indicator
        else:
            fig.indicator = _strip_year_phrases(text[:opening])


def _target_years(text: str, issued_year: int | None = None) -> list[tuple[int, int]]:
    """(position, year) of the year phrases that date targets: not a baseline ("so với
    năm 2023") and not an aside in parentheses ("(năm 2023 là 2,86%)")."""
    asides = _asides(text, issued_year)
    return [
        (m.start(), int(m["y2"] or m["y1"]))
        for m in patterns().year_mention.finditer(text)
        if not _BASELINE.search(text[max(0, m.start() - 20) : m.start()])
        and not any(a <= m.start() < b for a, b in asides)
    ]


def opening_year(text: str) -> int | None:
    """The year a paragraph opens with ("Đến năm 2030, có 45% ..."), which dates all its
    clauses; unless the paragraph later names another target year ("Đến năm 2025, ... dưới
    3,8%; đến năm 2030 giảm xuống dưới 3,2%. Bình quân ..."), when each year dates only its
    own clause and the others take the heading's."""
    m = _OPENING_YEAR.match(text)
    if m is None:
        return None
    mention = patterns().year_mention.match(text, m.end())
    if mention is None:
        return None
    year = int(mention["y2"] or mention["y1"])
    if any(y != year for _, y in _target_years(text)):
        return None
    return year


def lead_in_year(text: str) -> int | None:
    """The year of a lead-in ending in a colon ("Phấn đấu đến năm 2030, ... các chỉ tiêu sau:")."""
    if not text.rstrip().endswith(":"):
        return None
    last_sentence = re.split(r"[.;]\s", text)[-1]
    mentions = list(patterns().year_mention.finditer(last_sentence))
    return int(mentions[-1]["y2"] or mentions[-1]["y1"]) if mentions else None


def _scope(indicator: str) -> str | None:
    p = patterns()
    found: list[str] = []
    for m in p.age_scope.finditer(indicator):
        found.append(_clean(m[0]))
    for m in p.scope_phrase.finditer(indicator):
        if not any(m[0] in f for f in found):
            found.append(m[0])
    return ", ".join(found) or None


def targets_in_clause(
    clause: Clause,
    default_year: int | None,
    paragraph: int | None,
    previous_indicator: str = "",
    issued_year: int | None = None,
) -> list[Target]:
    """Every quantified target stated in one clause.

    ``previous_indicator`` is the last indicator of the clause before in the same
    sentence: "tỷ lệ thất nghiệp chung dưới 2,6%; khu vực thành thị dưới 3,8%".
    ``issued_year`` is the plan's: a figure in parentheses dated that year or later is an
    interim target ("(năm 2025 đạt 94,5%)"), one dated earlier a baseline.
    """
    text = clause.text
    figures = _read_figures(text, issued_year)
    if not figures:
        return []
    _assign_context(text, figures)
    _choose_indicators(figures, previous_indicator, _list_head(text, figures[0]))
    _distribute(figures)
    _finish_units(figures)
    _interim_indicators(text, figures)
    _years(text, figures, default_year, issued_year)
    span = Span(start=clause.start, end=clause.start + len(text), paragraph=paragraph)
    targets = []
    for fig in figures:
        assert fig.unit is not None
        targets.append(
            Target(
                indicator=fig.indicator,
                comparator=fig.comparator,
                value=fig.value,
                value_max=fig.value_max,
                unit=fig.unit,
                unit_text=fig.unit_text or "",
                year=fig.year,
                scope=_scope(fig.indicator),
                change=fig.change,
                per_year=fig.per_year,
                text=text,
                span=span,
            )
        )
    return targets


def qualitative_in_clause(
    clause: Clause, year: int | None, paragraph: int | None
) -> QualitativeTarget | None:
    """A numberless aim, when the clause says enough to be one (three words or more)."""
    if len(clause.text.split()) < 3:
        return None
    mentions = list(patterns().year_mention.finditer(clause.text))
    if mentions:
        year = int(mentions[-1]["y2"] or mentions[-1]["y1"])
    span = Span(start=clause.start, end=clause.start + len(clause.text), paragraph=paragraph)
    return QualitativeTarget(text=clause.text, year=year, span=span)
