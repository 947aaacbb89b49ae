"""References to compare a plan with: a bundled data file, or another parsed plan.

A bundled reference (``corpora/reference/<name>-targets.json``) is validated
here, and each of its figures becomes a :class:`policyparse.model.Target` (a
:class:`~policyparse.model.QualitativeTarget` when it has no number) whose
``text`` is the Vietnamese indicator and whose ``span`` points into
:attr:`ReferenceInfo.text`, the indicators joined by newlines. ``verified``,
``evidence``, ``source_url`` and ``note`` are kept beside it in a
:class:`ReferenceEntry`, and every report shows ``verified``.

Another plan as the reference: its targets are matched to the catalogue like
the plan's, and each matched one is a reference entry (``verified`` is null:
the figure is traceable through its span).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from policyparse.compare.catalogue import Catalogue
from policyparse.compare.errors import DataFileError, UnknownReferenceError
from policyparse.compare.match import Decision, Matcher, Status
from policyparse.compare.model import (
    Polarity,
    ReferenceEntry,
    ReferenceInfo,
    ReferenceKind,
)
from policyparse.model import Comparator, PlanDocument, QualitativeTarget, Span, Target, Unit

BUNDLED = {"nq42": "nq42-targets.json"}
"""Names ``--against`` accepts, and their files in :func:`reference_dir`."""


def reference_dir() -> Path:
    """Where bundled reference files live: ``corpora/reference`` of the source tree."""
    return Path(__file__).resolve().parents[3] / "corpora" / "reference"


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Document(_File):
    doc_type: str | None = None
    number: str | None = None
    issued_date: str | None = None
    issuer: str | None = None
    title: str | None = None


class _Figure(_File):
    id: str
    domain: str
    indicator_vi: str
    comparator: Comparator | None
    value: float | None
    value_max: float | None = None
    unit: Unit | Literal["qualitative"]
    year: int | None
    polarity: Polarity
    verified: bool
    evidence: str | None = None
    source_url: str | None = None
    note: str | None = None


class _ReferenceFile(_File):
    document: _Document
    about: str | None = None
    targets: list[_Figure]


@dataclass
class Reference:
    """A reference ready for pairing."""

    info: ReferenceInfo
    entries: list[ReferenceEntry]
    unmatched: list[Decision] = field(default_factory=list)
    """Targets of a reference plan that matched no indicator (weak, tied, none)."""


def load_bundled(name: str, catalogue: Catalogue) -> Reference:
    """The bundled reference ``name`` (``nq42``)."""
    if name not in BUNDLED:
        raise UnknownReferenceError(f"no bundled reference {name!r}; known: {', '.join(BUNDLED)}")
    path = reference_dir() / BUNDLED[name]
    if not path.is_file():
        raise DataFileError(f"{path}: bundled reference file not found")
    ref = load_reference_file(path, catalogue, name=name, kind=ReferenceKind.BUNDLED)
    ref.info = ref.info.model_copy(update={"path": f"corpora/reference/{BUNDLED[name]}"})
    return ref


def load_reference_file(
    path: Path, catalogue: Catalogue, *, name: str | None = None, kind: ReferenceKind
) -> Reference:
    """A reference data file (the format of ``corpora/reference/nq42-targets.json``)."""
    try:
        raw = _ReferenceFile.model_validate(json.loads(path.read_text("utf-8")))
    except (json.JSONDecodeError, ValidationError, UnicodeDecodeError) as err:
        first = " ".join(str(err).splitlines()[:3])
        raise DataFileError(f"{path}: not a valid reference file: {first}") from err
    text_parts: list[str] = []
    entries: list[ReferenceEntry] = []
    offset = 0
    for index, fig in enumerate(raw.targets):
        _check_against_catalogue(path, fig, catalogue)
        span = Span(start=offset, end=offset + len(fig.indicator_vi), paragraph=index)
        text_parts.append(fig.indicator_vi)
        offset += len(fig.indicator_vi) + 1
        entries.append(
            ReferenceEntry(
                indicator_id=fig.id,
                domain=fig.domain,
                polarity=fig.polarity,
                target=_figure_to_target(fig, span, catalogue),
                verified=fig.verified,
                evidence=fig.evidence,
                source_url=fig.source_url,
                note=fig.note,
            )
        )
    doc = raw.document
    info = ReferenceInfo(
        kind=kind,
        name=name or path.name,
        path=str(path),
        doc_type=doc.doc_type,
        number=doc.number,
        issued_date=doc.issued_date,
        title=doc.title,
        about=raw.about,
        text="\n".join(text_parts),
    )
    return Reference(info, entries)


def _check_against_catalogue(path: Path, fig: _Figure, catalogue: Catalogue) -> None:
    indicator = catalogue.get(fig.id)
    if indicator is None:
        raise DataFileError(f"{path}: {fig.id}: no such indicator in the catalogue")
    numeric = fig.unit != "qualitative"
    if numeric and (fig.comparator is None or fig.value is None):
        raise DataFileError(f"{path}: {fig.id}: a {fig.unit} figure needs comparator and value")
    if numeric and indicator.unit is not None and indicator.unit != fig.unit:
        raise DataFileError(
            f"{path}: {fig.id}: unit {fig.unit} but the catalogue says {indicator.unit.value}"
        )
    if fig.comparator is Comparator.RANGE and fig.value_max is None:
        raise DataFileError(f"{path}: {fig.id}: a range needs value_max")
    if indicator.polarity != fig.polarity:
        raise DataFileError(
            f"{path}: {fig.id}: polarity {fig.polarity.value} but the catalogue says "
            f"{indicator.polarity.value}"
        )


def _figure_to_target(fig: _Figure, span: Span, catalogue: Catalogue) -> Target | QualitativeTarget:
    if fig.unit == "qualitative" or fig.comparator is None or fig.value is None:
        return QualitativeTarget(text=fig.indicator_vi, year=fig.year, span=span)
    return Target(
        indicator=fig.indicator_vi,
        comparator=fig.comparator,
        value=fig.value,
        value_max=fig.value_max,
        unit=fig.unit,
        unit_text=catalogue.unit_text.get(fig.unit, ""),
        year=fig.year,
        text=fig.indicator_vi,
        span=span,
    )


def plan_as_reference(doc: PlanDocument, name: str, matcher: Matcher) -> Reference:
    """Another plan as the reference: its catalogue-matched targets are the entries."""
    entries: list[ReferenceEntry] = []
    unmatched: list[Decision] = []
    by_id = matcher.catalogue.by_id()
    for target in doc.targets:
        decision = matcher.decide(target)
        indicator_id = decision.indicator_id
        if decision.status is not Status.MATCHED or indicator_id is None:
            unmatched.append(decision)
            continue
        indicator = by_id[indicator_id]
        entries.append(
            ReferenceEntry(
                indicator_id=indicator_id,
                domain=indicator.domain,
                polarity=indicator.polarity,
                target=target,
                verified=None,
                evidence=f"parsed from {name}",
            )
        )
    md = doc.metadata
    info = ReferenceInfo(
        kind=ReferenceKind.PLAN,
        name=name,
        path=doc.source.path,
        doc_type=md.doc_type,
        number=md.number,
        issued_date=md.issued_date.isoformat() if md.issued_date else None,
        title=md.title,
        text=doc.text,
    )
    return Reference(info, entries, unmatched)
