"""An inline SVG chart per domain: each indicator on its own scale, plan against reference.

One lane per reference figure with a number. The reference is a dark tick (a
band for a range); an unverified reference is hollow, dashed and amber with a
``?``. Each plan's figure is a dot coloured by its relation and links to its
sentence. A lane's scale runs from 0 to 100 for percentages of 50 or more, otherwise
to a quarter above the largest figure in the lane (printed at its right end).
"""

from __future__ import annotations

from html import escape

from policyparse.compare.format import (
    RELATION_LABELS,
    describe,
    format_number,
    format_target,
    source_id,
)
from policyparse.compare.model import MatrixRow, Relation
from policyparse.model import Target, Unit

WIDTH = 1000
LABEL_X = 10
PLOT_X0 = 400
PLOT_X1 = 920
LANE = 40
TOP = 40
_LABEL_CHARS = 58


def _limit(row: MatrixRow, ref: Target) -> float:
    values = [ref.value, ref.value_max or 0.0]
    values += [c.plan_target.value for c in row.cells if isinstance(c.plan_target, Target)]
    values += [
        c.plan_target.value_max or 0.0 for c in row.cells if isinstance(c.plan_target, Target)
    ]
    top = max([*values, 0.0])
    if ref.unit is Unit.PERCENT and 50 <= top <= 100:
        return 100.0
    return top * 1.25 if top > 0 else 1.0


def _x(value: float, limit: float) -> float:
    return PLOT_X0 + (PLOT_X1 - PLOT_X0) * max(0.0, min(value, limit)) / limit


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1].rstrip() + "…"


def domain_chart(
    domain: str,
    label: str,
    rows: list[MatrixRow],
    plans: list[str],
    colours: dict[Relation, str],
) -> str:
    """The SVG for one domain's rows (rows without a reference number are left out)."""
    charted = [(r, r.reference_target) for r in rows if isinstance(r.reference_target, Target)]
    height = TOP + LANE * max(1, len(charted)) + 16
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" data-domain="{escape(domain)}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        'font-family="Noto Sans, DejaVu Sans, Arial, sans-serif" font-size="12">',
        f"<title>{escape(label)}: plan figures against the reference</title>",
        f'<text x="{LABEL_X}" y="18" font-weight="bold">{escape(label)}</text>',
        f'<text x="{PLOT_X0}" y="18" fill="#57606a">▮ reference   ● plan (colour = relation)'
        "   ? = reference not verified</text>",
    ]
    if len(plans) > 1:
        key = "   ".join(f"{i + 1} = {name}" for i, name in enumerate(plans))
        out.append(
            f'<text x="{PLOT_X0}" y="{TOP - 2}" fill="#57606a" font-size="10">{escape(key)}</text>'
        )
    if not charted:
        out.append(
            f'<text x="{LABEL_X}" y="{TOP + 20}" fill="#57606a">'
            "no reference figure with a number in this domain</text>"
        )
    for lane, (row, ref) in enumerate(charted):
        y = TOP + LANE * lane + LANE / 2
        limit = _limit(row, ref)
        name = describe(ref)
        out.append(f'<g class="mark" data-indicator="{escape(row.indicator_id)}">')
        out.append(f"<title>{escape(name)}</title>")
        out.append(f'<text x="{LABEL_X}" y="{y + 4:.1f}">{escape(_short(name))}</text>')
        out.append(
            f'<line x1="{PLOT_X0}" y1="{y:.1f}" x2="{PLOT_X1}" y2="{y:.1f}" stroke="#d0d7de"/>'
        )
        out.append(
            f'<text x="{PLOT_X1 + 6}" y="{y + 4:.1f}" fill="#57606a" font-size="10">'
            f"{escape(format_number(round(limit, 2)))}</text>"
        )
        out.append(_reference_mark(row, ref, y, limit))
        for i, cell in enumerate(row.cells):
            t = cell.plan_target
            if not isinstance(t, Target):
                continue
            dy = (i - (len(row.cells) - 1) / 2) * 7
            cx = _x(t.value, limit)
            colour = colours[cell.relation]
            who = f"{plans[i]}: " if len(plans) > 1 else "plan: "
            tip = (
                f"{who}{format_target(t)} ({RELATION_LABELS[cell.relation]}) — {t.text} "
                f"[characters {t.span.start}–{t.span.end}]"
            )
            out.append(
                f'<a href="#{source_id(i, t)}"><circle class="plan" cx="{cx:.1f}" '
                f'cy="{y + dy:.1f}" r="6" fill="{colour}" stroke="#fff" stroke-width="1">'
                f"<title>{escape(tip)}</title></circle></a>"
            )
            if len(plans) > 1:
                out.append(
                    f'<text x="{cx + 8:.1f}" y="{y + dy + 4:.1f}" fill="{colour}" '
                    f'font-size="10">{i + 1}</text>'
                )
            else:
                out.append(
                    f'<text x="{cx:.1f}" y="{y + 18:.1f}" text-anchor="middle" '
                    f'fill="{colour}" font-size="10">{escape(format_target(t))}</text>'
                )
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def _reference_mark(row: MatrixRow, ref: Target, y: float, limit: float) -> str:
    unverified = row.verified is False
    stroke = "#9a6700" if unverified else "#1f2328"
    dash = ' stroke-dasharray="3,2"' if unverified else ""
    status = {True: "verified", False: "NOT VERIFIED", None: "from the other plan"}[row.verified]
    tip = f"reference: {format_target(ref)} ({status})"
    label = format_target(ref) + (" ?" if unverified else "")
    if ref.value_max is not None:
        x0, x1 = _x(ref.value, limit), _x(ref.value_max, limit)
        fill = "none" if unverified else "#1f2328"
        shape = (
            f'<rect class="reference" x="{x0:.1f}" y="{y - 7:.1f}" width="{max(x1 - x0, 2):.1f}" '
            f'height="14" fill="{fill}" fill-opacity="0.25" stroke="{stroke}"{dash}>'
            f"<title>{escape(tip)}</title></rect>"
        )
        mid = (x0 + x1) / 2
    else:
        x = _x(ref.value, limit)
        shape = (
            f'<rect class="reference" x="{x - 2:.1f}" y="{y - 9:.1f}" width="4" height="18" '
            f'fill="{"#fff" if unverified else "#1f2328"}" stroke="{stroke}"{dash}>'
            f"<title>{escape(tip)}</title></rect>"
        )
        mid = x
    text = (
        f'<text x="{mid:.1f}" y="{y - 11:.1f}" text-anchor="middle" font-size="10" '
        f'fill="{stroke}">{escape(label)}</text>'
    )
    return shape + text
