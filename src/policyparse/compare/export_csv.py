"""CSV reports for spreadsheets: UTF-8 with a byte-order mark so Excel shows Vietnamese."""

from __future__ import annotations

import csv
import io

from policyparse.compare.format import describe, format_target, verified_label
from policyparse.compare.model import AnyTarget, Comparison, ComparisonMatrix

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


def comparison_to_csv(c: Comparison) -> str:
    """One line per row, then one per plan-only target (relation ``plan_only``)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COMPARISON_COLUMNS)
    for r in c.rows:
        p = r.plan_target
        writer.writerow(
            [
                r.indicator_id,
                r.domain,
                describe(r.reference_target),
                format_target(r.reference_target),
                _year(r.reference_target),
                verified_label(r.verified),
                r.evidence or "",
                describe(p),
                format_target(p) if p is not None else "",
                _year(p),
                r.relation.value,
                "" if r.confidence is None else f"{r.confidence:.2f}",
                r.note,
                "" if p is None else p.span.start,
                "" if p is None else p.span.end,
                "" if p is None else p.text,
            ]
        )
    for po in c.plan_only:
        t = po.target
        writer.writerow(
            [
                po.indicator_id or "",
                "",
                "",
                "",
                "",
                "",
                "",
                describe(t),
                format_target(t),
                _year(t),
                "plan_only",
                "" if po.confidence is None else f"{po.confidence:.2f}",
                po.note,
                t.span.start,
                t.span.end,
                t.text,
            ]
        )
    return out.getvalue()


def matrix_to_csv(m: ComparisonMatrix) -> str:
    """One line per reference figure; for each plan its figure and relation."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    head = ["indicator_id", "domain", "reference_indicator", "reference", "year", "verified"]
    for p in m.plans:
        head += [f"{p.name} plan", f"{p.name} relation"]
    writer.writerow(head)
    for r in m.rows:
        line = [
            r.indicator_id,
            r.domain,
            describe(r.reference_target),
            format_target(r.reference_target),
            _year(r.reference_target),
            verified_label(r.verified),
        ]
        for cell in r.cells:
            t = cell.plan_target
            line += [format_target(t) if t is not None else "", cell.relation.value]
        writer.writerow(line)
    return out.getvalue()
