"""Vietnamese language data, loaded once from ``data/vi/*.toml`` and validated.

The word lists are reviewed like code; the extractors read them from here and
never spell Vietnamese words in their own regexes. Every list is returned
sorted longest first, so that a matcher built from it prefers ``không quá``
to ``không``.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SectionKindRule(_Data):
    name: str
    prefixes: list[str]


class Sections(_Data):
    kind: list[SectionKindRule]


class Numbers(_Data):
    multipliers: dict[str, int]
    fraction_nouns: list[str]
    words: dict[str, int]


class Changes(_Data):
    decrease_to: list[str]
    increase_to: list[str]
    increase_by: list[str]
    decrease_by: list[str]


class Comparators(_Data):
    comparators: dict[str, list[str]]
    after_ge: list[str]
    after_le: list[str]
    range_joiners: list[str]
    range_openers: list[str]
    changes: Changes
    per_year: list[str]


class Units(_Data):
    units: dict[str, list[str]]
    per_population: list[str]
    per_capita_words: list[str]
    index_words: list[str]
    count_indicator_words: list[str]


class Scope(_Data):
    age_units: list[str]
    age_bound_words: list[str]
    age_target_words: list[str]
    counted_kinds: list[str]
    duration_openers: list[str]
    duration_units: list[str]
    locative_words: list[str]
    places: list[str]
    place_fillers: list[str]
    phrases: list[str]
    people_words: list[str]


class Timeframes(_Data):
    labels: list[str]
    quarter_words: list[str]
    month_words: list[str]
    year_words: list[str]
    period_words: list[str]
    deadline_words: list[str]
    continuous: list[str]
    completion_cues: list[str]
    deadline_cues: list[str]
    recurring: dict[str, list[str]]


class Documents(_Data):
    types: dict[str, list[str]]
    citation_fillers: list[str]
    issuer_markers: list[str]
    subject_markers: list[str]


class Header(_Data):
    national_headings: list[str]
    mottos: list[str]
    number_prefixes: list[str]
    date_words: list[str]
    recipients_heading: list[str]
    storage_prefix: str
    recipient_note_words: list[str]
    authority_marks: list[str]
    issuing_verbs: list[str]
    preamble_only_openers: list[str]
    end_of_body_marks: list[str]


class RecordLabels(_Data):
    task: list[str]
    lead: list[str]
    coordinating: list[str]


class Bodies(_Data):
    heads: list[str]
    list_heads: list[str]
    joint_heads: list[str]
    noun_compounds: list[str]
    not_body_openers: list[str]
    action_verbs: list[str]
    assigning_verbs: list[str]
    coordination_markers: list[str]
    lead_markers: list[str]
    common_words: list[str]
    fixed_casing: list[str]
    record_labels: RecordLabels


class TargetWords(_Data):
    lead_verbs: list[str]
    indicator_heads: list[str]
    ellipsis_specifiers: list[str]
    subset_markers: list[str]
    restriction_markers: list[str]
    predicate_markers: list[str]
    year_markers: list[str]
    ordinal_words: list[str]
    document_words: list[str]
    frequency_leads: list[str]
    amount_openers: list[str]


class Tables(_Data):
    stt: list[str]
    indicator: list[str]
    unit: list[str]
    note: list[str]
    baseline_words: list[str]
    empty_cells: list[str]


class LangData(_Data):
    sections: Sections
    numbers: Numbers
    comparators: Comparators
    units: Units
    scope: Scope
    timeframes: Timeframes
    documents: Documents
    header: Header
    bodies: Bodies = Field(description="body names, action verbs, re-casing")
    targets: TargetWords
    tables: Tables


def _load(name: str) -> dict[str, Any]:
    text = resources.files("policyparse").joinpath(f"data/vi/{name}.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def vi() -> LangData:
    """The Vietnamese data (loaded on first use, then cached)."""
    names = LangData.model_fields.keys()
    return LangData.model_validate({name: _load(name) for name in names})


def longest_first(words: list[str] | tuple[str, ...]) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any whitespace.

    >>> alternation(["không", "không quá"])
    'không\\\\s+quá|không'
    """
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in longest_first(words))
