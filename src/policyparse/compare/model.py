"""The ``compare`` contract (see ``CONTRACT.md``): strict pydantic models, no logic.

A :class:`Comparison` is one plan against one reference::

    {reference, plan, rows, plan_only, summary}

Each row pairs one reference figure with the plan's target for the same
indicator (or with nothing: ``missing``). Reference figures and plan targets are
both :class:`policyparse.model.Target` (or, without a number,
:class:`policyparse.model.QualitativeTarget`), so a reader handles them alike;
what only a reference has (``verified``, ``evidence``, ``source_url``) sits on
the row beside it. A :class:`ComparisonMatrix` is several plans against one
reference: indicators down, plans across.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from policyparse.model import QualitativeTarget, Target

COMPARE_SCHEMA_VERSION = "1.0.0"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Relation(StrEnum):
    """How the plan's target stands against the reference's."""

    STRICTER = "stricter"  # the plan asks more than the reference
    EQUAL = "equal"
    LOOSER = "looser"
    MISSING = "missing"  # the plan has no target for this indicator
    NOT_COMPARABLE = "not_comparable"  # units, years or kinds of figure differ


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


class ReferenceKind(StrEnum):
    BUNDLED = "bundled"  # a reference data file shipped in corpora/reference/
    FILE = "file"  # a reference data file given by path (e.g. a corrected copy)
    PLAN = "plan"  # another parsed plan


AnyTarget = Target | QualitativeTarget


class ReferenceEntry(_Strict):
    """One reference figure with what is known about its source."""

    indicator_id: str
    domain: str
    polarity: Polarity
    target: AnyTarget
    verified: bool | None = Field(
        description="true: checked against a public source; false: NOT checked, treat with care; "
        "null: read from a parsed plan (trace it through target.span)"
    )
    evidence: str | None = None
    source_url: str | None = None
    note: str | None = None


class ReferenceInfo(_Strict):
    kind: ReferenceKind
    name: str = Field(description="'nq42', or the other plan's file name")
    path: str | None = None
    doc_type: str | None = None
    number: str | None = None
    issued_date: str | None = None
    title: str | None = None
    about: str | None = None
    text: str = Field(description="the text every reference target's span points into")


class PlanInfo(_Strict):
    name: str = Field(description="the plan's file name")
    path: str | None = None
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    title: str | None = None
    sha256: str | None = None
    text: str = Field(description="the normalised text every plan target's span points into")


class Candidate(_Strict):
    indicator_id: str
    confidence: float = Field(ge=0.0, le=1.0)


class Row(_Strict):
    indicator_id: str
    domain: str
    reference_index: int = Field(ge=0, description="which reference entry this row is for")
    reference_target: AnyTarget
    plan_target: AnyTarget | None
    relation: Relation
    note: str = ""
    confidence: float | None = Field(
        default=None, ge=0.0, le=1.0, description="how sure the indicator match is"
    )
    polarity: Polarity
    verified: bool | None
    evidence: str | None = None
    source_url: str | None = None
    reference_note: str | None = None


class PlanOnly(_Strict):
    """A plan target paired with no reference figure."""

    target: AnyTarget
    indicator_id: str | None = Field(
        default=None, description="the catalogue indicator it matched, if any"
    )
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    note: str = ""


class WeakMatch(_Strict):
    """A target whose best indicator was too weak or tied: reported, not used."""

    side: str = Field(description="'plan' or 'reference'")
    target: AnyTarget
    candidates: list[Candidate]
    reason: str


class Summary(_Strict):
    reference_entries: int
    verified_entries: int
    unverified_entries: int
    plan_targets: int = Field(description="numeric targets of the plan")
    paired_plan_targets: int = Field(description="numeric plan targets that are in some row")
    plan_only: int
    weak_matches: int
    relations: dict[str, int]


class Comparison(_Strict):
    schema_version: str = COMPARE_SCHEMA_VERSION
    reference: ReferenceInfo
    plan: PlanInfo
    rows: list[Row]
    plan_only: list[PlanOnly]
    reference_unmatched: list[PlanOnly] = Field(
        default_factory=list,
        description="targets of a reference plan that match no catalogue indicator",
    )
    weak_matches: list[WeakMatch] = Field(default_factory=list)
    summary: Summary


class Cell(_Strict):
    plan: str
    plan_target: AnyTarget | None
    relation: Relation
    note: str = ""
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)


class MatrixRow(_Strict):
    indicator_id: str
    domain: str
    reference_index: int
    reference_target: AnyTarget
    polarity: Polarity
    verified: bool | None
    evidence: str | None = None
    cells: list[Cell] = Field(description="one per plan, in the order of ComparisonMatrix.plans")


class ComparisonMatrix(_Strict):
    schema_version: str = COMPARE_SCHEMA_VERSION
    reference: ReferenceInfo
    plans: list[PlanInfo]
    rows: list[MatrixRow]
    comparisons: list[Comparison] = Field(description="each plan's full comparison")
