"""JSON export: the contract's PlanDocument, deterministic (same input, same bytes)."""

from __future__ import annotations

from policyparse.model import PlanDocument


def to_json(doc: PlanDocument, *, indent: int | None = 2) -> str:
    """The document as JSON text (UTF-8 characters unescaped, trailing newline)."""
    return doc.model_dump_json(indent=indent) + "\n"


def from_json(text: str | bytes) -> PlanDocument:
    """Load a PlanDocument written by :func:`to_json` (validated)."""
    return PlanDocument.model_validate_json(text)
