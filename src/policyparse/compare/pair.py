"""A plan's matched targets paired with reference entries into a :class:`Comparison`.

For each reference entry (in the reference's order):

1. the plan targets matched to its indicator *for the same year* (or with no
   year) are its candidates; the most confident is paired, and a candidate
   within :data:`~policyparse.compare.match.TIE_MARGIN` of it makes the row
   ambiguous (no target paired, ``not_comparable``, the candidates named in the
   note and in ``weak_matches``); other candidates go to ``plan_only``;
2. an entry without such a candidate takes a plan target of its indicator that
   no entry has taken (another year): ``not_comparable``; with none left, the
   row is ``missing``.

Plan targets of an indicator the reference lacks, and those matching no
indicator, are ``plan_only``. Plan aims without a number are matched too, and
fill a row that would otherwise be ``missing`` (as ``not_comparable``).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from policyparse.compare.match import TIE_MARGIN, Decision, Matcher, Status
from policyparse.compare.model import (
    AnyTarget,
    Candidate,
    Comparison,
    PlanInfo,
    PlanOnly,
    ReferenceEntry,
    Relation,
    Row,
    Summary,
    WeakMatch,
)
from policyparse.compare.reference import Reference
from policyparse.compare.relate import relate
from policyparse.model import PlanDocument, QualitativeTarget, Target


def plan_info(doc: PlanDocument, name: str) -> PlanInfo:
    md = doc.metadata
    return PlanInfo(
        name=name,
        path=doc.source.path,
        doc_type=md.doc_type,
        number=md.number,
        issuer=md.issuer,
        title=md.title,
        sha256=doc.source.sha256,
        text=doc.text,
    )


def build_comparison(
    reference: Reference, doc: PlanDocument, name: str, matcher: Matcher
) -> Comparison:
    """Compare the plan ``doc`` (called ``name`` in reports) with ``reference``."""
    numeric = [matcher.decide(t) for t in doc.targets]
    aims = [matcher.decide(q) for q in doc.qualitative_targets]
    ref_ids = {e.indicator_id for e in reference.entries}
    matched: dict[str, list[Decision]] = defaultdict(list)
    for d in numeric:
        if d.indicator_id is not None and d.indicator_id in ref_ids:
            matched[d.indicator_id].append(d)
    aims_by_id: dict[str, list[Decision]] = defaultdict(list)
    for d in aims:
        if d.indicator_id is not None:
            aims_by_id[d.indicator_id].append(d)

    rows: list[Row | None] = [None] * len(reference.entries)
    used: set[int] = set()  # ids of plan targets in a row
    plan_only: list[PlanOnly] = []
    weak: list[WeakMatch] = []

    # 1. same-year candidates
    for index, entry in enumerate(reference.entries):
        cands = [d for d in matched[entry.indicator_id] if _same_year(entry, d.target)]
        cands = [d for d in cands if id(d.target) not in used]
        if not cands:
            continue
        cands.sort(key=lambda d: -_confidence(d))
        best = cands[0]
        close = [d for d in cands[1:] if _confidence(best) - _confidence(d) < TIE_MARGIN]
        if close:
            tied = [best, *close]
            used.update(id(d.target) for d in tied)
            note = f"ambiguous: {len(tied)} plan targets match equally well; not guessed"
            rows[index] = _row(index, entry, None, Relation.NOT_COMPARABLE, note, None)
            weak.extend(
                WeakMatch(
                    side="plan",
                    target=d.target,
                    candidates=[
                        Candidate(indicator_id=entry.indicator_id, confidence=_confidence(d))
                    ],
                    reason=f"one of {len(tied)} plan targets tied for {entry.indicator_id}",
                )
                for d in tied
            )
            continue
        used.add(id(best.target))
        relation, note = relate(entry.target, best.target, entry.polarity)
        rows[index] = _row(
            index, entry, best.target, relation, _join(note, best), _confidence(best)
        )

    # 2. other years, qualitative aims, or missing
    for index, entry in enumerate(reference.entries):
        if rows[index] is not None:
            continue
        others = [d for d in matched[entry.indicator_id] if id(d.target) not in used]
        if not others:
            others = [d for d in aims_by_id[entry.indicator_id] if id(d.target) not in used]
        if others:
            pick = min(others, key=lambda d: _year_distance(entry, d.target))
            used.add(id(pick.target))
            relation, note = relate(entry.target, pick.target, entry.polarity)
            rows[index] = _row(
                index, entry, pick.target, relation, _join(note, pick), _confidence(pick)
            )
        else:
            taken = [d for d in matched[entry.indicator_id] if id(d.target) in used]
            note = "the plan has no target for this indicator"
            if taken:
                years = sorted({str(_year(d.target)) for d in taken})
                note += f" for this year (it has one for {', '.join(years)})"
            rows[index] = _row(index, entry, None, Relation.MISSING, note, None)

    # 3. what is left of the plan
    for d in numeric:
        if id(d.target) in used:
            continue
        if d.status is Status.MATCHED and d.indicator_id is not None:
            note = (
                "a further target for this indicator; a better match was paired"
                if d.indicator_id in ref_ids
                else "the reference has no figure for this indicator"
            )
            plan_only.append(
                PlanOnly(
                    target=d.target,
                    indicator_id=d.indicator_id,
                    confidence=_confidence(d),
                    note=note,
                )
            )
            continue
        plan_only.append(PlanOnly(target=d.target, note=d.reason or "matches no indicator"))
        if d.status in (Status.WEAK, Status.TIED, Status.UNIT):
            weak.append(_weak("plan", d))
    weak.extend(_weak("reference", d) for d in reference.unmatched if d.status is not Status.NONE)
    reference_unmatched = [
        PlanOnly(target=d.target, note=d.reason or "matches no indicator")
        for d in reference.unmatched
    ]

    final = [r for r in rows if r is not None]
    return Comparison(
        reference=reference.info,
        plan=plan_info(doc, name),
        rows=final,
        plan_only=plan_only,
        reference_unmatched=reference_unmatched,
        weak_matches=weak,
        summary=_summary(reference, doc, final, plan_only, weak),
    )


def _row(
    index: int,
    entry: ReferenceEntry,
    plan_target: AnyTarget | None,
    relation: Relation,
    note: str,
    confidence: float | None,
) -> Row:
    return Row(
        indicator_id=entry.indicator_id,
        domain=entry.domain,
        reference_index=index,
        reference_target=entry.target,
        plan_target=plan_target,
        relation=relation,
        note=note,
        confidence=confidence,
        polarity=entry.polarity,
        verified=entry.verified,
        evidence=entry.evidence,
        source_url=entry.source_url,
        reference_note=entry.note,
    )


def _weak(side: str, d: Decision) -> WeakMatch:
    return WeakMatch(
        side=side,
        target=d.target,
        candidates=[
            Candidate(indicator_id=c.indicator_id, confidence=c.confidence) for c in d.candidates
        ],
        reason=d.reason,
    )


def _summary(
    reference: Reference,
    doc: PlanDocument,
    rows: list[Row],
    plan_only: list[PlanOnly],
    weak: list[WeakMatch],
) -> Summary:
    counts = Counter(r.relation.value for r in rows)
    paired = {id(r.plan_target) for r in rows if isinstance(r.plan_target, Target)}
    return Summary(
        reference_entries=len(reference.entries),
        verified_entries=sum(1 for e in reference.entries if e.verified is True),
        unverified_entries=sum(1 for e in reference.entries if e.verified is False),
        plan_targets=len(doc.targets),
        paired_plan_targets=len(paired),
        plan_only=len(plan_only),
        weak_matches=len(weak),
        relations={rel.value: counts.get(rel.value, 0) for rel in Relation},
    )


def _confidence(d: Decision) -> float:
    return d.best.confidence if d.best else 0.0


def _join(note: str, d: Decision) -> str:
    extra = list(d.best.notes) if d.best else []
    return "; ".join(x for x in [note, *extra] if x)


def _year(t: AnyTarget) -> int | None:
    return t.year


def _same_year(entry: ReferenceEntry, t: Target | QualitativeTarget) -> bool:
    return t.year is None or entry.target.year is None or t.year == entry.target.year


def _year_distance(entry: ReferenceEntry, t: AnyTarget) -> int:
    if t.year is None or entry.target.year is None:
        return 0
    return abs(t.year - entry.target.year)
