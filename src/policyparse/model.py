"""The PlanDocument contract (see ``CONTRACT.md``), as strict pydantic models.

This module imports nothing else from policyparse: it is the shape of the
output, not a parser. ``schemas/plan-document.schema.json`` is generated from
:class:`PlanDocument` (``policyparse schema``) and checked against a fresh
generation by the tests.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0.0"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, use_enum_values=False)


class Comparator(StrEnum):
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    EQ = "="
    APPROX = "~"
    RANGE = "range"


class Unit(StrEnum):
    PERCENT = "percent"
    YEARS = "years"
    PER_10000_POPULATION = "per_10000_population"
    DWELLINGS = "dwellings"
    M2_PER_PERSON = "m2_per_person"
    PERSONS = "persons"
    HOUSEHOLDS = "households"
    COUNT = "count"
    INDEX = "index"
    VND = "vnd"
    OTHER = "other"


class Change(StrEnum):
    """How a target is phrased: a level to reach, or a change."""

    LEVEL = "level"
    INCREASE_BY = "increase_by"  # tăng thêm 5.000 lao động
    DECREASE_BY = "decrease_by"  # giảm 1 - 1,5%/năm
    INCREASE_TO = "increase_to"  # tăng lên 60%
    DECREASE_TO = "decrease_to"  # giảm xuống còn 1,2%


class SectionKind(StrEnum):
    PURPOSE = "purpose"
    OBJECTIVES = "objectives"
    GENERAL_OBJECTIVE = "general_objective"
    TARGETS = "targets"
    VISION = "vision"
    KEY_TASKS = "key_tasks"
    SPECIFIC_TASKS = "specific_tasks"
    IMPLEMENTATION = "implementation"
    OTHER = "other"


class TimeframeKind(StrEnum):
    DEADLINE = "deadline"
    RECURRING = "recurring"
    CONTINUOUS = "continuous"
    PERIOD = "period"


class Recurrence(StrEnum):
    ANNUAL = "annual"
    SEMIANNUAL = "semiannual"
    QUARTERLY = "quarterly"
    MONTHLY = "monthly"
    WEEKLY = "weekly"


class Span(_Strict):
    """Where an item came from: offsets into the normalised text, plus layout provenance."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    paragraph: int | None = Field(default=None, description="index of the normalised paragraph")
    page: int | None = Field(default=None, description="1-based page (PDF)")
    table: int | None = None
    row: int | None = None
    cell: int | None = None


class Source(_Strict):
    path: str | None
    format: str
    sha256: str


class Signer(_Strict):
    name: str | None = None
    position: str | None = None
    authority: str | None = None
    on_behalf_of: str | None = None


class Recipient(_Strict):
    name: str
    note: str | None = None


class Metadata(_Strict):
    doc_type: str | None = None
    number: str | None = None
    issued_date: dt.date | None = None
    place: str | None = None
    issuer: str | None = None
    title: str | None = None
    signer: Signer | None = None
    recipients: list[Recipient] = Field(default_factory=list)


class CitedDocument(_Strict):
    doc_type: str | None = None
    number: str | None = None
    issued_date: dt.date | None = None
    issuer: str | None = None
    alias: str | None = None
    text: str = Field(description="the citation as printed")
    span: Span


class Section(_Strict):
    label: str | None = Field(description="numbering as printed, without punctuation: I, 1, a")
    title: str
    kind: SectionKind
    year: int | None = Field(default=None, description="a year the heading states")
    paragraphs: list[str] = Field(default_factory=list)
    children: list[Section] = Field(default_factory=list)
    span: Span


class Target(_Strict):
    indicator: str
    comparator: Comparator
    value: float
    value_max: float | None = None
    unit: Unit
    unit_text: str
    year: int | None = None
    scope: str | None = None
    change: Change = Change.LEVEL
    per_year: bool = Field(default=False, description="a rate per year (mỗi năm, /năm)")
    text: str
    span: Span


class QualitativeTarget(_Strict):
    text: str
    year: int | None = None
    span: Span


class Timeframe(_Strict):
    text: str
    kind: TimeframeKind | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    recurrence: Recurrence | None = None


class Task(_Strict):
    bodies: list[str]
    coordinating_bodies: list[str] = Field(default_factory=list)
    actions: list[str] = Field(default_factory=list)
    timeframe: Timeframe | None = None
    text: str
    span: Span


class ParseWarning(_Strict):
    """Something recognised only partly; ``code`` is stable, ``message`` is for people."""

    code: str
    message: str
    span: Span | None = None


class PlanDocument(_Strict):
    schema_version: str = SCHEMA_VERSION
    source: Source
    metadata: Metadata
    cited_documents: list[CitedDocument] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    qualitative_targets: list[QualitativeTarget] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    warnings: list[ParseWarning] = Field(default_factory=list)
    text: str = Field(description="the normalised text that every span points into")
