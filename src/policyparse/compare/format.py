"""Figures as reports print them: Vietnamese number style, comparator signs, verified labels.

>>> format_number(2.45), format_number(12900), format_number(1_000_000), format_number(0.7)
('2,45', '12.900', '1.000.000', '0,7')
"""

from __future__ import annotations

from policyparse.compare.model import AnyTarget, Relation
from policyparse.model import Comparator, Target

_SIGNS = {
    Comparator.LT: "< ",
    Comparator.LE: "≤ ",
    Comparator.GT: "> ",
    Comparator.GE: "≥ ",
    Comparator.EQ: "",
    Comparator.APPROX: "~ ",
    Comparator.RANGE: "",
}

RELATION_LABELS = {
    Relation.STRICTER: "stricter",
    Relation.EQUAL: "equal",
    Relation.LOOSER: "looser",
    Relation.MISSING: "missing",
    Relation.NOT_COMPARABLE: "not comparable",
}


def format_number(value: float) -> str:
    """Thousands with '.', decimals with ',' (as Vietnamese documents print them)."""
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_target(target: AnyTarget | None) -> str:
    """``< 2,45%``, ``35 – 40%``, ``~ 75,5 tuổi``; a qualitative aim as ``(no figure)``."""
    if target is None:
        return "—"
    if not isinstance(target, Target):
        return "(no figure)"
    value = format_number(target.value)
    if target.comparator is Comparator.RANGE and target.value_max is not None:
        value = f"{value} – {format_number(target.value_max)}"
    unit = target.unit_text.strip()
    joined = f"{value}{unit}" if unit == "%" else f"{value} {unit}".strip()
    return f"{_SIGNS[target.comparator]}{joined}"


def describe(target: AnyTarget | None) -> str:
    """What a target says it measures (its indicator, or the aim's text)."""
    if target is None:
        return ""
    return target.indicator if isinstance(target, Target) else target.text


def verified_label(verified: bool | None) -> str:
    if verified is None:
        return "from plan"
    return "verified" if verified else "UNVERIFIED"


def year_label(target: AnyTarget | None) -> str:
    return "" if target is None or target.year is None else str(target.year)


def source_id(plan_index: int, target: AnyTarget) -> str:
    """The HTML anchor of a plan target's sentence (plan ``plan_index`` of the report)."""
    return f"src-{plan_index}-{target.span.start}-{target.span.end}"
