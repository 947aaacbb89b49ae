"""CSV export of the targets, one row per target, for spreadsheets.

UTF-8 with a byte-order mark so that Excel shows Vietnamese correctly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from policyparse.model import PlanDocument

COLUMNS = (
    "indicator",
    "comparator",
    "value",
    "value_max",
    "unit",
    "unit_text",
    "year",
    "scope",
    "change",
    "per_year",
    "start",
    "end",
    "text",
)


def spreadsheet_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV text Excel opens as UTF-8: a byte-order mark, CRLF line ends."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def targets_to_csv(doc: PlanDocument) -> str:
    return spreadsheet_csv(
        COLUMNS,
        (
            [
                t.indicator,
                t.comparator.value,
                f"{t.value:g}",
                "" if t.value_max is None else f"{t.value_max:g}",
                t.unit.value,
                t.unit_text,
                t.year or "",
                t.scope or "",
                t.change.value,
                int(t.per_year),
                t.span.start,
                t.span.end,
                t.text,
            ]
            for t in doc.targets
        ),
    )
