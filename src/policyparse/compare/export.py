"""A comparison or a matrix rendered in one of :data:`FORMATS`."""

from __future__ import annotations

from policyparse.compare.export_csv import comparison_to_csv, matrix_to_csv
from policyparse.compare.export_html import comparison_to_html, matrix_to_html
from policyparse.compare.export_markdown import comparison_to_markdown, matrix_to_markdown
from policyparse.compare.model import Comparison, ComparisonMatrix

FORMATS = ("json", "md", "csv", "html")


def render(result: Comparison | ComparisonMatrix, fmt: str) -> str:
    """``result`` as ``json``, ``md``, ``csv`` (UTF-8 with BOM) or ``html`` text."""
    if fmt == "json":
        return result.model_dump_json(indent=1) + "\n"
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if isinstance(result, Comparison):
        return {"md": comparison_to_markdown, "csv": comparison_to_csv, "html": comparison_to_html}[
            fmt
        ](result)
    return {"md": matrix_to_markdown, "csv": matrix_to_csv, "html": matrix_to_html}[fmt](result)
