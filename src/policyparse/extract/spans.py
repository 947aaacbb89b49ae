"""Spans: where an extracted item came from, in the normalised text and in the source layout."""

from __future__ import annotations

import bisect

from policyparse.model import Span
from policyparse.normalize import Paragraph


def span_of(
    para: Paragraph, start: int | None = None, end: int | None = None, cell: int | None = None
) -> Span:
    """A span inside ``para`` (all of it by default) with the paragraph's provenance."""
    prov = para.provenance
    return Span(
        start=para.start if start is None else start,
        end=para.end if end is None else end,
        paragraph=para.index,
        page=prov.page,
        table=prov.table,
        row=prov.row,
        cell=prov.cell if cell is None else cell,
    )


class Locator:
    """Completes a bare span with the provenance of the paragraph its text starts in."""

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.paragraphs = paragraphs
        self.starts = [p.start for p in paragraphs]

    def __call__(self, span: Span) -> Span:
        if not self.paragraphs:
            return span
        para = self.paragraphs[max(0, bisect.bisect_right(self.starts, span.start) - 1)]
        located = span_of(para, span.start, span.end)
        return span.model_copy(
            update={
                "paragraph": located.paragraph,
                "page": span.page or located.page,
                "table": span.table if span.table is not None else located.table,
                "row": span.row if span.row is not None else located.row,
            }
        )
