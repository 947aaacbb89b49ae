"""The indicator catalogue, ``data/vi/indicators.toml``, loaded once and validated.

The file's header explains each field. Validation refuses: duplicate ids, a
scope naming an unknown group or a word outside its group, a unit text or
domain label for an unknown key, an indicator whose domain has no label, and
empty name lists.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from policyparse.compare.errors import DataFileError
from policyparse.compare.model import Polarity
from policyparse.model import Unit

CATALOGUE_FILE = "indicators.toml"


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Indicator(_Data):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    domain: str
    unit: Unit | None = Field(default=None, description="None: a qualitative aim")
    polarity: Polarity
    names: list[str] = Field(min_length=1)
    requires: list[list[str]] = Field(default_factory=list)
    excludes: list[str] = Field(default_factory=list)
    scope: dict[str, str] = Field(default_factory=dict)


class Catalogue(_Data):
    version: int
    synonyms: dict[str, str]
    fixed_words: list[str]
    stop_words: list[str]
    scope_groups: dict[str, list[str]]
    unit_text: dict[Unit, str]
    domains: dict[str, str]
    indicator: list[Indicator] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Catalogue:
        ids = [i.id for i in self.indicator]
        duplicates = sorted({x for x in ids if ids.count(x) > 1})
        if duplicates:
            raise ValueError(f"duplicate indicator ids: {', '.join(duplicates)}")
        for ind in self.indicator:
            if ind.domain not in self.domains:
                raise ValueError(f"{ind.id}: domain {ind.domain!r} has no label in [domains]")
            for group, word in ind.scope.items():
                if group not in self.scope_groups:
                    raise ValueError(f"{ind.id}: unknown scope group {group!r}")
                if word not in self.scope_groups[group]:
                    raise ValueError(f"{ind.id}: {word!r} is not in scope group {group!r}")
            if any(not group for group in ind.requires):
                raise ValueError(f"{ind.id}: an empty group in requires")
        return self

    def get(self, indicator_id: str) -> Indicator | None:
        return self.by_id().get(indicator_id)

    def by_id(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.indicator}

    def domain_label(self, domain: str) -> str:
        return self.domains.get(domain, domain)


def catalogue_from_toml(text: str) -> Catalogue:
    """Validate a catalogue given as TOML text; :class:`DataFileError` if it is wrong."""
    try:
        return Catalogue.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError) as err:
        first = str(err).splitlines()
        raise DataFileError(f"{CATALOGUE_FILE}: {' '.join(first[:3])}") from err


@cache
def load_catalogue() -> Catalogue:
    """The bundled catalogue (read and validated once per process)."""
    text = resources.files("policyparse").joinpath("data", "vi", CATALOGUE_FILE).read_text("utf-8")
    return catalogue_from_toml(text)
