"""The relation of a plan's target to a reference target for the same indicator.

Rules, in order (the first that applies decides):

1. either side has no number (a qualitative aim) → ``not_comparable``;
2. both state a year and the years differ → ``not_comparable``;
3. the plan states a change (``tăng thêm``, ``giảm ... mỗi năm``), not a level → ``not_comparable``;
4. the units differ → ``not_comparable`` (matching never pairs them; this is a guard);
5. absolute counts (dwellings, persons, households, count, VND) → ``not_comparable``:
   a province's 12.900 dwellings and the nation's 1 million measure different
   populations; rates (%, per 10.000 people, m² per person, years) compare;
6. otherwise each side is read as the interval of levels it names — ``< v``,
   ``<= v``, ``> v``, ``>= v``, ``= v`` and ``~ v`` are the point ``v``,
   ``range`` is ``[v, value_max]`` — and:
   overlapping intervals are ``equal`` (a value inside a reference range is
   equal; the same figure under ``>`` and ``>=`` is equal, noted); otherwise the
   plan's interval lies above or below the reference's, which is ``stricter``
   where higher is better and ``looser`` where lower is better, and the reverse.

>>> from policyparse.model import Comparator, Span, Target, Unit
>>> def t(c: str, v: float, vmax: float | None = None) -> Target:
...     return Target(indicator="x", comparator=Comparator(c), value=v, value_max=vmax,
...                   unit=Unit.PERCENT, unit_text="%", year=2030, text="x",
...                   span=Span(start=0, end=1))
>>> relate(t("<", 3), t("<", 2.45), Polarity.LOWER_IS_BETTER)[0].value
'stricter'
>>> relate(t("range", 35, 40), t("=", 40), Polarity.HIGHER_IS_BETTER)[0].value
'equal'
>>> relate(t("=", 60), t("=", 41.2), Polarity.HIGHER_IS_BETTER)[0].value
'looser'
"""

from __future__ import annotations

from policyparse.compare.format import format_number
from policyparse.compare.model import AnyTarget, Polarity, Relation
from policyparse.model import Change, Comparator, QualitativeTarget, Target, Unit

ABSOLUTE_UNITS = frozenset({Unit.DWELLINGS, Unit.PERSONS, Unit.HOUSEHOLDS, Unit.COUNT, Unit.VND})
"""Units that count things in a population; they differ with its size."""

_OPEN = frozenset({Comparator.LT, Comparator.GT})


def relate(reference: AnyTarget, plan: AnyTarget, polarity: Polarity) -> tuple[Relation, str]:
    """The relation of ``plan`` to ``reference`` and a note saying why (rules in the docstring)."""
    if isinstance(reference, QualitativeTarget) or isinstance(plan, QualitativeTarget):
        side = "the reference" if isinstance(reference, QualitativeTarget) else "the plan"
        return Relation.NOT_COMPARABLE, f"{side} states this without a number"
    if reference.year is not None and plan.year is not None and reference.year != plan.year:
        return (
            Relation.NOT_COMPARABLE,
            f"different years: the plan's target is for {plan.year}, "
            f"the reference's for {reference.year}",
        )
    if plan.change in (Change.INCREASE_BY, Change.DECREASE_BY) or plan.per_year:
        return Relation.NOT_COMPARABLE, "the plan states a change, not a level to reach"
    if reference.unit != plan.unit:
        return (
            Relation.NOT_COMPARABLE,
            f"different units: {plan.unit.value} against {reference.unit.value}",
        )
    if plan.unit in ABSOLUTE_UNITS:
        return (
            Relation.NOT_COMPARABLE,
            "absolute counts for different populations (e.g. a province against the nation) "
            "are not comparable; only rates are",
        )
    return _compare_levels(reference, plan, polarity)


def _interval(t: Target) -> tuple[float, float]:
    if t.comparator is Comparator.RANGE and t.value_max is not None:
        return min(t.value, t.value_max), max(t.value, t.value_max)
    return t.value, t.value


def _compare_levels(reference: Target, plan: Target, polarity: Polarity) -> tuple[Relation, str]:
    ref_lo, ref_hi = _interval(reference)
    plan_lo, plan_hi = _interval(plan)
    notes: list[str] = []
    if reference.year is None or plan.year is None:
        notes.append("a year is not stated; compared as if the same")
    if plan_hi < ref_lo:
        above = False
    elif plan_lo > ref_hi:
        above = True
    else:
        if reference.comparator is Comparator.RANGE and plan.comparator is not Comparator.RANGE:
            notes.append("the plan's figure lies within the reference range")
        elif plan.comparator is Comparator.RANGE or reference.comparator is Comparator.RANGE:
            notes.append("the ranges overlap")
        elif (plan.comparator in _OPEN) != (reference.comparator in _OPEN):
            notes.append(
                f"same figure, comparators differ ({plan.comparator.value} against "
                f"{reference.comparator.value})"
            )
        return Relation.EQUAL, "; ".join(notes)
    better = above == (polarity is Polarity.HIGHER_IS_BETTER)
    side = "above" if above else "below"
    goal = "higher" if polarity is Polarity.HIGHER_IS_BETTER else "lower"
    notes.insert(
        0,
        f"the plan's {_figure(plan)} is {side} the reference's {_figure(reference)}; "
        f"{goal} is better",
    )
    return (Relation.STRICTER if better else Relation.LOOSER), "; ".join(notes)


def _figure(t: Target) -> str:
    lo, hi = _interval(t)
    return format_number(lo) if lo == hi else f"{format_number(lo)}–{format_number(hi)}"
