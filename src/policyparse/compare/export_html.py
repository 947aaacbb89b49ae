"""A self-contained HTML report: summary, then per domain a table and an inline SVG chart.

No script, no network: styles are inline in ``<style>``, charts are inline
``<svg>``. Every plan figure links (``#src-P-N``) to the sentence it came from,
listed at the end with its character span, and carries it as a tooltip.
Reference figures not verified against the official text are marked
``UNVERIFIED`` in tables and drawn hollow and dashed with a ``?`` in charts.

Hooks for tests and tools: ``tr[data-indicator]`` per table row,
``svg[data-domain]`` per chart, ``g.mark[data-indicator]`` per charted row.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from policyparse.compare.catalogue import load_catalogue
from policyparse.compare.chart import domain_chart
from policyparse.compare.format import (
    RELATION_LABELS,
    describe,
    format_target,
    source_id,
    verified_label,
)
from policyparse.compare.matrix import build_matrix
from policyparse.compare.model import (
    AnyTarget,
    Comparison,
    ComparisonMatrix,
    MatrixRow,
    Relation,
)

COLOURS = {
    Relation.STRICTER: "#1a7f37",
    Relation.EQUAL: "#0969da",
    Relation.LOOSER: "#cf222e",
    Relation.NOT_COMPARABLE: "#6e7781",
    Relation.MISSING: "#afb8c1",
}

_CSS = """
body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:2rem auto;max-width:1100px;
color:#1f2328;line-height:1.45;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #d0d7de}
table{border-collapse:collapse;width:100%;margin:.8rem 0;font-size:.92rem}
th,td{border:1px solid #d0d7de;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#f6f8fa}
.badge{display:inline-block;border-radius:1rem;padding:0 .55rem;color:#fff;font-size:.82rem;
white-space:nowrap}
.unverified{color:#9a6700;font-weight:bold;white-space:nowrap}
.verified{color:#1a7f37;white-space:nowrap}.fromplan{color:#57606a;white-space:nowrap}
.warning{background:#fff8c5;border:1px solid #d4a72c;padding:.7rem 1rem;border-radius:6px}
.note{color:#57606a;font-size:.85rem}.legend span{margin-right:1.2rem}
a.src{color:inherit;text-decoration:underline dotted}
.sources li{margin:.3rem 0}.sources .span{color:#57606a;font-size:.8rem}
svg{max-width:100%;height:auto;border:1px solid #eaeef2;margin:.5rem 0}
"""


def comparison_to_html(c: Comparison) -> str:
    return matrix_to_html(build_matrix([c]))


def matrix_to_html(m: ComparisonMatrix) -> str:
    catalogue = load_catalogue()
    ref = m.reference
    ref_name = " ".join(x for x in (ref.doc_type, ref.number) if x) or ref.name
    plan_names = ", ".join(p.name for p in m.plans)
    title = f"{plan_names} against {ref_name}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>Reference: <b>{escape(ref_name)}</b> {escape(ref.title or '')}</p>",
    ]
    parts += _summary(m)
    by_domain: dict[str, list[MatrixRow]] = defaultdict(list)
    for row in m.rows:
        by_domain[row.domain].append(row)
    for domain, rows in by_domain.items():
        label = catalogue.domain_label(domain)
        parts.append(f'<section id="domain-{escape(domain)}"><h2>{escape(label)}</h2>')
        parts += _table(m, rows)
        parts.append(domain_chart(domain, label, rows, [p.name for p in m.plans], COLOURS))
        parts.append("</section>")
    parts += _plan_only(m)
    parts += _sources(m)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _badge(relation: Relation) -> str:
    return (
        f'<span class="badge" style="background:{COLOURS[relation]}">'
        f"{escape(RELATION_LABELS[relation])}</span>"
    )


def _verified(verified: bool | None, evidence: str | None) -> str:
    cls = {True: "verified", False: "unverified", None: "fromplan"}[verified]
    mark = {True: "✔ ", False: "⚠ ", None: ""}[verified]
    tip = f' title="{escape(evidence)}"' if evidence else ""
    return f'<span class="{cls}"{tip}>{mark}{escape(verified_label(verified))}</span>'


def plan_link(plan_index: int, target: AnyTarget | None) -> str:
    if target is None:
        return "—"
    tip = f"{target.text} [characters {target.span.start}–{target.span.end}]"
    return (
        f'<a class="src" href="#{source_id(plan_index, target)}" title="{escape(tip)}">'
        f"{escape(format_target(target))}</a>"
    )


def _summary(m: ComparisonMatrix) -> list[str]:
    rows = m.rows
    unverified = sum(1 for r in rows if r.verified is False)
    verified = sum(1 for r in rows if r.verified is True)
    out = ["<h2>Summary</h2>"]
    out.append(
        f"<p>{len(rows)} reference figures: {verified} verified, "
        f"<span class='unverified'>{unverified} UNVERIFIED</span>"
        + (
            f", {len(rows) - verified - unverified} taken from a plan"
            if len(rows) - verified - unverified
            else ""
        )
        + ".</p>"
    )
    if unverified:
        out.append(
            '<p class="warning"><b>⚠ Reference values marked UNVERIFIED have not been checked '
            "against the official text</b>; relations computed from them are provisional. "
            f"Correct the reference data file (<code>{escape(m.reference.path or '')}</code>) "
            "and set <code>verified</code> to true once a value is checked.</p>"
        )
    head = "".join(f"<th>{escape(RELATION_LABELS[r])}</th>" for r in Relation)
    out.append(
        f"<table class='summary'><tr><th>plan</th>{head}<th>plan targets paired</th>"
        "<th>plan only</th><th>weak matches</th></tr>"
    )
    for c in m.comparisons:
        s = c.summary
        counts = "".join(f"<td>{s.relations[r.value]}</td>" for r in Relation)
        out.append(
            f"<tr><td><b>{escape(c.plan.name)}</b><br><span class='note'>"
            f"{escape(' '.join(x for x in (c.plan.doc_type, c.plan.number, c.plan.issuer) if x))}"
            f"</span></td>{counts}<td>{s.paired_plan_targets} of {s.plan_targets}</td>"
            f"<td>{s.plan_only}</td><td>{s.weak_matches}</td></tr>"
        )
    out.append("</table>")
    legend = "".join(f"<span>{_badge(r)}</span>" for r in Relation)
    out.append(
        f'<p class="legend">{legend}</p><p class="note">Stricter: the plan asks more than the '
        "reference (a higher coverage, a lower unemployment rate). Equal: the same level, or a "
        "value inside the reference range. Not comparable: different years, a change instead "
        "of a level, a figure without a number, or absolute counts of a province against the "
        "nation.</p>"
    )
    return out


def _table(m: ComparisonMatrix, rows: list[MatrixRow]) -> list[str]:
    single = len(m.plans) == 1
    heads = "".join(f"<th>{escape(p.name)}</th>" for p in m.plans)
    extra = "<th>confidence</th><th>note</th>" if single else ""
    out = [
        "<table class='rows'><tr><th>indicator</th><th>reference</th><th>reference status</th>"
        f"{heads}{extra}</tr>"
    ]
    for r in rows:
        cells = "".join(
            f"<td>{plan_link(i, c.plan_target)}<br>{_badge(c.relation)}</td>"
            if not single
            else f"<td>{plan_link(i, c.plan_target)} {_badge(c.relation)}</td>"
            for i, c in enumerate(r.cells)
        )
        if single:
            c = r.cells[0]
            conf = "" if c.confidence is None else f"{c.confidence:.2f}"
            cells += f"<td>{conf}</td><td class='note'>{escape(c.note)}</td>"
        ref_cls = " class='unverified-value'" if r.verified is False else ""
        out.append(
            f'<tr data-indicator="{escape(r.indicator_id)}" data-ref="{r.reference_index}">'
            f"<td>{escape(describe(r.reference_target))}</td>"
            f"<td{ref_cls}>{escape(format_target(r.reference_target))}"
            f"{' ?' if r.verified is False else ''}</td>"
            f"<td>{_verified(r.verified, r.evidence)}</td>{cells}</tr>"
        )
    out.append("</table>")
    return out


def _plan_only(m: ComparisonMatrix) -> list[str]:
    out: list[str] = []
    for i, c in enumerate(m.comparisons):
        if not c.plan_only:
            continue
        out.append(f"<h2>{escape(c.plan.name)}: targets with no reference figure</h2>")
        out.append("<table class='plan-only'><tr><th>target</th><th>figure</th><th>note</th></tr>")
        out += [
            f"<tr><td>{escape(describe(p.target))}</td><td>{plan_link(i, p.target)}</td>"
            f"<td class='note'>{escape(p.note)}</td></tr>"
            for p in c.plan_only
        ]
        out.append("</table>")
    return out


def _sources(m: ComparisonMatrix) -> list[str]:
    out = ["<h2>Where each plan figure comes from</h2>"]
    for i, c in enumerate(m.comparisons):
        seen: set[str] = set()
        items = []
        targets = [r.plan_target for r in c.rows] + [p.target for p in c.plan_only]
        for t in targets:
            if t is None:
                continue
            anchor = source_id(i, t)
            if anchor in seen:
                continue
            seen.add(anchor)
            items.append(
                f'<li id="{anchor}">{escape(t.text)} <span class="span">({escape(c.plan.name)}, '
                f"characters {t.span.start}–{t.span.end}"
                f"{'' if t.span.paragraph is None else f', paragraph {t.span.paragraph}'})"
                "</span></li>"
            )
        out.append(f"<h3>{escape(c.plan.name)}</h3><ol class='sources'>{''.join(items)}</ol>")
    return out
