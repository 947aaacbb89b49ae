"""Several comparisons against one reference folded into indicators × plans."""

from __future__ import annotations

from policyparse.compare.model import Cell, Comparison, ComparisonMatrix, MatrixRow, Row


def build_matrix(comparisons: list[Comparison]) -> ComparisonMatrix:
    """One row per reference entry, one cell per plan (that plan's row for the entry).

    Every comparison has exactly one row per reference entry, in the reference's
    order, so the first comparison's rows name the entries.
    """
    if not comparisons:
        raise ValueError("build_matrix needs at least one comparison")
    first = comparisons[0]
    by_plan = [{r.reference_index: r for r in c.rows} for c in comparisons]
    rows: list[MatrixRow] = []
    for head in first.rows:
        index = head.reference_index
        cells = [_cell(c.plan.name, of[index]) for c, of in zip(comparisons, by_plan, strict=True)]
        rows.append(
            MatrixRow(
                indicator_id=head.indicator_id,
                domain=head.domain,
                reference_index=index,
                reference_target=head.reference_target,
                polarity=head.polarity,
                verified=head.verified,
                evidence=head.evidence,
                cells=cells,
            )
        )
    return ComparisonMatrix(
        reference=first.reference,
        plans=[c.plan for c in comparisons],
        rows=rows,
        comparisons=comparisons,
    )


def _cell(plan: str, row: Row) -> Cell:
    return Cell(
        plan=plan,
        plan_target=row.plan_target,
        relation=row.relation,
        note=row.note,
        confidence=row.confidence,
    )
