"""Markdown reports of a comparison (one plan) and of a matrix (several plans)."""

from __future__ import annotations

from collections import defaultdict

from policyparse.compare.catalogue import load_catalogue
from policyparse.compare.format import (
    RELATION_LABELS,
    describe,
    format_target,
    verified_label,
    year_label,
)
from policyparse.compare.model import Comparison, ComparisonMatrix, ReferenceInfo, Relation

UNVERIFIED_WARNING = (
    "> **Reference values marked UNVERIFIED have not been checked against the official "
    "text.** Treat their relations as provisional; correct the reference data file "
    "(`{path}`) and set `verified` to true once a value is checked."
)


def _cell(text: object) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _reference_line(ref: ReferenceInfo) -> str:
    name = " ".join(x for x in (ref.doc_type, ref.number) if x) or ref.name
    return f"{name} {ref.title or ''}".strip()


def comparison_to_markdown(c: Comparison) -> str:
    catalogue = load_catalogue()
    plan = " ".join(x for x in (c.plan.doc_type, c.plan.number) if x) or c.plan.name
    s = c.summary
    lines = [
        f"# {c.plan.name} against {c.reference.name}",
        "",
        f"* Plan: {plan}" + (f" — {c.plan.issuer}" if c.plan.issuer else ""),
        f"* Reference: {_reference_line(c.reference)}",
        f"* Reference figures: {s.reference_entries} ({s.verified_entries} verified, "
        f"{s.unverified_entries} UNVERIFIED)",
        f"* Plan targets paired with a reference figure: {s.paired_plan_targets} of "
        f"{s.plan_targets}; plan only: {s.plan_only}; weak or tied matches: {s.weak_matches}",
        "",
    ]
    if s.unverified_entries:
        lines += [UNVERIFIED_WARNING.format(path=c.reference.path or c.reference.name), ""]
    lines += ["| relation | rows |", "| --- | --- |"]
    lines += [f"| {RELATION_LABELS[Relation(k)]} | {v} |" for k, v in s.relations.items()]
    by_domain = defaultdict(list)
    for row in c.rows:
        by_domain[row.domain].append(row)
    for domain, rows in by_domain.items():
        lines += [
            "",
            f"## {catalogue.domain_label(domain)}",
            "",
            "| indicator | reference | verified | plan | year | relation | confidence | note |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for r in rows:
            conf = "" if r.confidence is None else f"{r.confidence:.2f}"
            lines.append(
                f"| {_cell(describe(r.reference_target))}"
                f" | {_cell(format_target(r.reference_target))}"
                f" | {verified_label(r.verified)} | {_cell(format_target(r.plan_target))}"
                f" | {year_label(r.plan_target)} | {RELATION_LABELS[r.relation]} | {conf}"
                f" | {_cell(r.note)} |"
            )
    if c.plan_only:
        lines += ["", "## Plan only", "", "| plan target | figure | indicator | note |"]
        lines += ["| --- | --- | --- | --- |"]
        lines += [
            f"| {_cell(describe(p.target))} | {_cell(format_target(p.target))}"
            f" | {p.indicator_id or ''} | {_cell(p.note)} |"
            for p in c.plan_only
        ]
    if c.weak_matches:
        lines += ["", "## Weak or tied matches (not used)", ""]
        lines += [f"- ({w.side}) {_cell(describe(w.target))}: {w.reason}" for w in c.weak_matches]
    return "\n".join(lines) + "\n"


def matrix_to_markdown(m: ComparisonMatrix) -> str:
    catalogue = load_catalogue()
    lines = [
        f"# {len(m.plans)} plans against {m.reference.name}",
        "",
        f"Reference: {_reference_line(m.reference)}",
        "",
    ]
    lines += [f"* **{p.name}**: {p.doc_type or ''} {p.number or ''}".rstrip() for p in m.plans]
    if any(r.verified is False for r in m.rows):
        lines += ["", UNVERIFIED_WARNING.format(path=m.reference.path or m.reference.name)]
    lines += ["", "| plan | " + " | ".join(RELATION_LABELS.values()) + " | paired targets |"]
    lines += ["| --- " * (len(RELATION_LABELS) + 2) + "|"]
    for c in m.comparisons:
        counts = " | ".join(str(c.summary.relations[r.value]) for r in RELATION_LABELS)
        paired = f"{c.summary.paired_plan_targets} of {c.summary.plan_targets}"
        lines.append(f"| {c.plan.name} | {counts} | {paired} |")
    by_domain = defaultdict(list)
    for row in m.rows:
        by_domain[row.domain].append(row)
    header = "| indicator | reference | verified | " + " | ".join(p.name for p in m.plans) + " |"
    for domain, rows in by_domain.items():
        lines += ["", f"## {catalogue.domain_label(domain)}", "", header]
        lines += ["| --- " * (3 + len(m.plans)) + "|"]
        for r in rows:
            cells = " | ".join(
                f"{_cell(format_target(c.plan_target))} ({RELATION_LABELS[c.relation]})"
                for c in r.cells
            )
            lines.append(
                f"| {_cell(describe(r.reference_target))}"
                f" | {_cell(format_target(r.reference_target))}"
                f" | {verified_label(r.verified)} | {cells} |"
            )
    return "\n".join(lines) + "\n"
