"""Markdown export: a readable summary of a parsed plan."""

from __future__ import annotations

from policyparse.model import PlanDocument, Section, Target, Task


def _cell(text: object) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _figure(t: Target) -> str:
    value = f"{t.value:g}" if t.value_max is None else f"{t.value:g}-{t.value_max:g}"
    comparator = "" if t.comparator.value in ("=", "range") else t.comparator.value + " "
    return f"{comparator}{value} {t.unit_text}".strip()


def _outline(sections: list[Section], depth: int = 0) -> list[str]:
    lines = []
    for s in sections:
        label = f"{s.label}. " if s.label else ""
        lines.append(f"{'  ' * depth}- {label}{s.title} *({s.kind.value})*")
        lines.extend(_outline(s.children, depth + 1))
    return lines


def _timeframe(task: Task) -> str:
    tf = task.timeframe
    if tf is None:
        return ""
    detail = tf.end.isoformat() if tf.end else (tf.recurrence.value if tf.recurrence else "")
    kind = tf.kind.value if tf.kind else "?"
    return f"{tf.text} ({kind}{', ' + detail if detail else ''})"


def to_markdown(doc: PlanDocument) -> str:
    md = doc.metadata
    title = " ".join(x for x in (md.doc_type, md.number) if x) or "Plan"
    lines = [f"# {title}", ""]
    if md.title:
        lines += [f"*{md.title}*", ""]
    rows = [
        ("Issuer", md.issuer),
        ("Place", md.place),
        ("Issued", md.issued_date.isoformat() if md.issued_date else None),
        (
            "Signer",
            " ".join(
                x
                for x in (
                    md.signer.authority,
                    md.signer.on_behalf_of,
                    "-",
                    md.signer.position,
                    md.signer.name,
                )
                if x
            )
            if md.signer
            else None,
        ),
        ("Recipients", len(md.recipients)),
    ]
    lines += ["| field | value |", "| --- | --- |"]
    lines += [f"| {k} | {_cell(v)} |" for k, v in rows]
    if doc.cited_documents:
        lines += ["", "## Cited documents", ""]
        lines += [
            f"- {c.doc_type or ''} {c.number} ({c.issued_date or 'no date'})".replace("  ", " ")
            for c in doc.cited_documents
        ]
    lines += ["", "## Sections", "", *_outline(doc.sections)]
    lines += [
        "",
        f"## Targets ({len(doc.targets)})",
        "",
        "| indicator | target | year | scope |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {_cell(t.indicator)} | {_cell(_figure(t))} | {t.year or ''} | {_cell(t.scope)} |"
        for t in doc.targets
    ]
    if doc.qualitative_targets:
        lines += ["", f"## Qualitative targets ({len(doc.qualitative_targets)})", ""]
        lines += [f"- {q.text} ({q.year or 'no year'})" for q in doc.qualitative_targets]
    lines += [
        "",
        f"## Tasks ({len(doc.tasks)})",
        "",
        "| bodies | coordinating | timeframe | actions |",
        "| --- | --- | --- | --- |",
    ]
    for task in doc.tasks:
        actions = "; ".join(a[:120] for a in task.actions)
        lines.append(
            f"| {_cell(', '.join(task.bodies))} | {_cell(', '.join(task.coordinating_bodies))}"
            f" | {_cell(_timeframe(task))} | {_cell(actions)} |"
        )
    if doc.warnings:
        lines += ["", f"## Warnings ({len(doc.warnings)})", ""]
        lines += [f"- `{w.code}`: {w.message}" for w in doc.warnings]
    return "\n".join(lines) + "\n"
