"""The comparison entry points: one plan (:func:`compare`) or several (:func:`compare_many`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from policyparse.compare.catalogue import load_catalogue
from policyparse.compare.errors import UnknownReferenceError
from policyparse.compare.match import Matcher
from policyparse.compare.matrix import build_matrix
from policyparse.compare.model import Comparison, ComparisonMatrix, ReferenceKind
from policyparse.compare.pair import build_comparison
from policyparse.compare.reference import (
    BUNDLED,
    Reference,
    load_bundled,
    load_reference_file,
    plan_as_reference,
)
from policyparse.model import PlanDocument

PlanInput = str | Path | PlanDocument


def compare(plan: PlanInput, against: PlanInput = "nq42") -> Comparison:
    """Compare ``plan`` (a path or a parsed plan) with ``against``.

    ``against`` is a bundled reference name (``nq42``), a reference data file
    (``.json`` in the format of ``corpora/reference/nq42-targets.json``), or
    another plan (a path or a :class:`PlanDocument`).
    """
    matcher = Matcher(load_catalogue())
    reference = _reference(against, matcher)
    doc, name = _plan(plan)
    return build_comparison(reference, doc, name, matcher)


def compare_many(plans: Sequence[PlanInput], against: PlanInput = "nq42") -> ComparisonMatrix:
    """Compare each of ``plans`` with ``against``: indicators down, plans across."""
    matcher = Matcher(load_catalogue())
    reference = _reference(against, matcher)
    comparisons = []
    for plan in plans:
        doc, name = _plan(plan)
        comparisons.append(build_comparison(reference, doc, name, matcher))
    return build_matrix(comparisons)


def _plan(plan: PlanInput) -> tuple[PlanDocument, str]:
    from policyparse.pipeline import parse

    if isinstance(plan, PlanDocument):
        path = plan.source.path
        return plan, Path(path).name if path else "plan"
    return parse(plan), Path(plan).name


def _reference(against: PlanInput, matcher: Matcher) -> Reference:
    if isinstance(against, PlanDocument):
        doc, name = _plan(against)
        return plan_as_reference(doc, name, matcher)
    if isinstance(against, str) and against in BUNDLED:
        return load_bundled(against, matcher.catalogue)
    path = Path(against)
    if not path.exists():
        raise UnknownReferenceError(
            f"{against}: neither a bundled reference ({', '.join(BUNDLED)}) nor an existing file"
        )
    if path.suffix.lower() == ".json":
        return load_reference_file(path, matcher.catalogue, kind=ReferenceKind.FILE)
    doc, name = _plan(path)
    return plan_as_reference(doc, name, matcher)
