"""The pipeline: read → normalise → segment → extract, one stage per module."""

from __future__ import annotations

import hashlib
from pathlib import Path

from policyparse.errors import EmptyDocumentError
from policyparse.extract.plan import build_plan
from policyparse.model import PlanDocument
from policyparse.normalize import normalize_blocks
from policyparse.read import read_path
from policyparse.read.blocks import RawDocument
from policyparse.read.legacy import repair_blocks
from policyparse.read.txt import text_to_blocks
from policyparse.segment import segment


def parse_raw(raw: RawDocument) -> PlanDocument:
    """Run the stages after reading."""
    norm = normalize_blocks(repair_blocks(raw).blocks)
    if not norm.text.strip():
        raise EmptyDocumentError("the document holds no text", raw.path)
    return build_plan(raw, norm, segment(norm))


def parse(path: str | Path) -> PlanDocument:
    """Parse a plan file (.txt, .docx, .pdf; the format is recognised from the content)."""
    return parse_raw(read_path(Path(path)))


def parse_text(text: str, path: str | None = None) -> PlanDocument:
    """Parse a plan given as a string (already decoded)."""
    raw = RawDocument(
        blocks=text_to_blocks(text),
        format="txt",
        path=path,
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
    )
    return parse_raw(raw)
