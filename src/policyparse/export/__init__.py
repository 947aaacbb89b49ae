"""Exporters: a PlanDocument as JSON, Markdown or CSV. Kept out of the model classes."""

from __future__ import annotations

from policyparse.export.csv import targets_to_csv
from policyparse.export.json import to_json
from policyparse.export.markdown import to_markdown

FORMATS = ("json", "md", "csv")

__all__ = ["FORMATS", "render", "targets_to_csv", "to_json", "to_markdown"]


def render(doc: object, fmt: str) -> str:
    from policyparse.model import PlanDocument

    if not isinstance(doc, PlanDocument):
        raise TypeError("render() takes a PlanDocument")
    if fmt == "json":
        return to_json(doc)
    if fmt == "md":
        return to_markdown(doc)
    if fmt == "csv":
        return targets_to_csv(doc)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
