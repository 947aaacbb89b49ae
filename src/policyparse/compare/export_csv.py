"""CSV reports for spreadsheets: UTF-8 with a byte-order mark so Excel shows Vietnamese."""

from __future__ import annotations

from policyparse.compare.format import describe, format_target, verified_label
from policyparse.compare.model import AnyTarget, Comparison, ComparisonMatrix, MatrixRow, Row
from policyparse.export.csv import spreadsheet_csv

COMPARISON_COLUMNS = (
    "indicator_id",
    "domain",
    "reference_indicator",
    "reference",
    "reference_year",
    "verified",
    "evidence",
    "plan_indicator",
    "plan",
    "plan_year",
    "relation",
    "confidence",
    "note",
    "plan_start",
    "plan_end",
    "plan_text",
)


def _year(t: AnyTarget | None) -> str:
    return "" if t is None or t.year is None else str(t.year)


def _reference_cells(r: Row | MatrixRow) -> list[object]:
    """The reference figure's columns, shared by both reports."""
    return [
        r.indicator_id,
        r.domain,
        describe(r.reference_target),
        format_target(r.reference_target),
        _year(r.reference_target),
        verified_label(r.verified),
    ]


def _confidence(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def comparison_to_csv(c: Comparison) -> str:
    """One line per row, then one per plan-only target (relation ``plan_only``)."""
    lines: list[list[object]] = []
    for r in c.rows:
        p = r.plan_target
        lines.append(
            [
                *_reference_cells(r),
                r.evidence or "",
                describe(p),
                format_target(p) if p is not None else "",
                _year(p),
                r.relation.value,
                _confidence(r.confidence),
                r.note,
                "" if p is None else p.span.start,
                "" if p is None else p.span.end,
                "" if p is None else p.text,
            ]
        )
    for po in c.plan_only:
        t = po.target
        lines.append(
            [
                po.indicator_id or "",
                *[""] * 6,  # no reference figure, no evidence
                describe(t),
                format_target(t),
                _year(t),
                "plan_only",
                _confidence(po.confidence),
                po.note,
                t.span.start,
                t.span.end,
                t.text,
            ]
        )
    return spreadsheet_csv(COMPARISON_COLUMNS, lines)


def matrix_to_csv(m: ComparisonMatrix) -> str:
    """One line per reference figure; for each plan its figure and relation."""
    head = ["indicator_id", "domain", "reference_indicator", "reference", "year", "verified"]
    for p in m.plans:
        head += [f"{p.name} plan", f"{p.name} relation"]
    lines: list[list[object]] = []
    for r in m.rows:
        line = _reference_cells(r)
        for cell in r.cells:
            t = cell.plan_target
            line += [format_target(t) if t is not None else "", cell.relation.value]
        lines.append(line)
    return spreadsheet_csv(head, lines)
