"""Assemble a PlanDocument from the segmented layout: the last stage of the pipeline."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policyparse.extract.metadata import read_metadata
from policyparse.extract.references import find_citations
from policyparse.extract.spans import Locator, span_of
from policyparse.extract.tables import group_tables, table_targets, table_tasks
from policyparse.extract.targets import (
    Clause,
    lead_in_year,
    opening_year,
    qualitative_in_clause,
    split_clauses,
    targets_in_clause,
)
from policyparse.extract.tasks import extract_tasks
from policyparse.model import (
    CitedDocument,
    ParseWarning,
    PlanDocument,
    QualitativeTarget,
    Section,
    SectionKind,
    Source,
    Span,
    Target,
    Unit,
)
from policyparse.normalize import NormalizedText, Paragraph
from policyparse.read.blocks import RawDocument
from policyparse.segment import Layout, Node, split_bullet

TARGET_KINDS = (
    SectionKind.TARGETS,
    SectionKind.OBJECTIVES,
    SectionKind.GENERAL_OBJECTIVE,
    SectionKind.VISION,
)
# In these, numberless clauses are aims (qualitative targets), the general
# objective's prose included ("... xóa hoàn toàn nhà tạm, nhà dột nát").
QUALITATIVE_KINDS = (
    SectionKind.TARGETS,
    SectionKind.OBJECTIVES,
    SectionKind.GENERAL_OBJECTIVE,
    SectionKind.VISION,
)
# Units a figure must have to count as a target outside any objective section.
FALLBACK_UNITS = (Unit.PERCENT, Unit.PER_10000_POPULATION, Unit.M2_PER_PERSON)


def to_section(node: Node) -> Section:
    return Section(
        label=node.label,
        title=node.title,
        kind=node.kind,
        year=node.year,
        paragraphs=[p.text for p in node.paragraphs],
        children=[to_section(child) for child in node.children],
        span=span_of(node.paragraph, end=node.last_paragraph().end),
    )


@dataclass(slots=True)
class _Found:
    targets: list[Target]
    qualitative: list[QualitativeTarget]
    issued_year: int | None = None  # the plan's: dates before it are baselines


def _context_kind(node: Node) -> SectionKind | None:
    """The objective-like kind of the node or its nearest classified ancestor."""
    for n in [node, *node.ancestors()]:
        if n.kind in TARGET_KINDS:
            return n.kind
        if n.kind is not SectionKind.OTHER:
            return None
    return None


def _context_year(node: Node) -> int | None:
    for n in [node, *node.ancestors()]:
        if n.year is not None:
            return n.year
    return None


def _scan(
    para: Paragraph, text_start: int, text: str, year: int | None, qualitative: bool, found: _Found
) -> None:
    clauses = split_clauses(text, text_start)
    aside = _is_aside(para)
    previous = ""
    # "Năm học 2023 - 2024, toàn quốc có 23,2 triệu học sinh ... Trên cơ sở đó, phấn đấu
    # đạt các mục tiêu sau:": before a lead-in's last sentence stands the situation.
    situation_end = _situation_end(text, text_start)
    for i, clause in enumerate(clauses):
        if clause.start < situation_end:
            continue
        targets = targets_in_clause(clause, year, para.index, previous, found.issued_year)
        previous = targets[-1].indicator if targets else previous
        lead_in = i == len(clauses) - 1 and para.text.rstrip().endswith(":")
        for t in targets:
            t.span = span_of(para, t.span.start, t.span.end)
        found.targets.extend(targets)
        if not targets and qualitative and not aside and not lead_in:
            aim = qualitative_in_clause(clause, year, para.index)
            if aim is not None:
                aim.span = span_of(para, aim.span.start, aim.span.end)
                found.qualitative.append(aim)


def _situation_end(text: str, text_start: int) -> int:
    """Where the last sentence of a lead-in ("... các mục tiêu sau:") starts; before it,
    the paragraph describes the present. ``text_start`` when not a lead-in."""
    if not text.rstrip().endswith(":"):
        return text_start
    starts = [m.end() for m in _SENTENCE_START.finditer(text)]
    return text_start + (starts[-1] if starts else 0)


_SENTENCE_START = re.compile(r"[.!?]\s+(?=[A-ZĐÀ-Ỹ])")


def _is_aside(para: Paragraph) -> bool:
    """A note in parentheses under a table or list, not an aim."""
    text = para.text.strip()
    return text.startswith("(") and text.endswith(")")


def _paragraph_body(para: Paragraph) -> tuple[int, str]:
    """The paragraph without its bullet and topic ("- Về lao động, việc làm: ...")."""
    _, rest = split_bullet(para.text)
    topic = _TOPIC.match(rest)
    if topic:
        rest = rest[topic.end() :]
    return para.start + len(para.text) - len(rest), rest


_TOPIC = re.compile(r"^(?:Về|Lĩnh vực)\s[^:;.]{1,80}:\s+")


def find_targets(roots: list[Node], issued_year: int | None = None) -> tuple[_Found, bool]:
    """Targets and aims from objective sections; ``(found, had_objective_sections)``."""
    found = _Found([], [], issued_year)
    nodes = [n for root in roots for n in root.walk()]
    in_scope = [(n, kind) for n in nodes if (kind := _context_kind(n)) is not None]
    for node, kind in in_scope:
        year = _context_year(node)
        qualitative = kind in QUALITATIVE_KINDS
        title_para, title_start = node.title_para, node.title_start
        if node.kind is SectionKind.OTHER and not node.paragraphs and not node.children:
            # A numbered item that is itself the target: "a) Tỷ lệ ... dưới 3%."
            _scan(title_para, title_start, node.title, year, qualitative, found)
        elif node.kind is SectionKind.OTHER:
            _scan(title_para, title_start, node.title, year, False, found)
        for para in node.paragraphs:
            if para.cells is None:
                start, text = _paragraph_body(para)
                _scan(para, start, text, opening_year(text) or year, qualitative, found)
                # "Phấn đấu đến năm 2030, huyện đạt các chỉ tiêu sau:" dates what follows.
                year = lead_in_year(text) or year
    if in_scope:
        return found, True
    # No objective section: take only figures whose unit says they are targets.
    for node in nodes:
        for para in node.paragraphs:
            if para.cells is None:
                start, text = _paragraph_body(para)
                _scan(para, start, text, _context_year(node), False, found)
    found.targets = [t for t in found.targets if t.unit in FALLBACK_UNITS]
    return found, False


def _restated(row: Target, prose: list[tuple[Target, set[str]]]) -> bool:
    """A table row repeating a target the text already states (an annex of the plan's
    own targets): same value, unit and year, and an indicator that has the row's first
    four words or most of its words ("Tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều)" /
    "Tỷ lệ hộ nghèo ...").
    ``prose`` pairs each target of the text with its indicator's words."""
    ordered = _words(row.indicator)
    words, opening = set(ordered), set(ordered[:4])
    return any(
        t.value == row.value
        and t.unit is row.unit
        and t.year == row.year
        and (opening <= seen or len(words & seen) >= 0.6 * max(1, min(len(words), len(seen))))
        for t, seen in prose
    )


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _nodes(roots: list[Node]) -> list[Node]:
    return [n for root in roots for n in root.walk()]


def build_plan(raw: RawDocument, norm: NormalizedText, layout: Layout) -> PlanDocument:
    metadata = read_metadata(layout)
    warnings = [ParseWarning(code="reader", message=note) for note in raw.notes]
    warnings += [ParseWarning(code="normalizer", message=note) for note in norm.notes]
    citations = [
        CitedDocument(
            doc_type=c.doc_type,
            number=c.number,
            issued_date=c.issued_date,
            issuer=c.issuer,
            alias=c.alias,
            text=c.text,
            span=Locator(norm.paragraphs)(Span(start=c.start, end=c.end)),
        )
        for c in find_citations(norm.text, metadata.number)
    ]
    issued_year = metadata.issued_date.year if metadata.issued_date else None
    found, had_objectives = find_targets([*layout.sections, *layout.annex], issued_year)
    tasks = extract_tasks([*layout.sections, *layout.annex])
    everything = [
        *layout.preamble,
        *(p for n in _nodes(layout.sections + layout.annex) for p in n.own_paragraphs()),
    ]
    prose = [(t, set(_words(t.indicator))) for t in found.targets]
    for rows in group_tables(sorted(everything, key=lambda p: p.index)):
        found.targets.extend(t for t in table_targets(rows) if not _restated(t, prose))
        tasks.extend(table_tasks(rows))
    if issued_year is not None:
        # A figure dated before the plan ("Năm 2023" column, "năm 2023 đạt 4,2%") is
        # where it starts from, not where it aims.
        found.targets = [t for t in found.targets if t.year is None or t.year >= issued_year]
    tasks.sort(key=lambda t: t.span.start)
    locate = Locator(norm.paragraphs)
    for task in tasks:
        task.span = locate(task.span)
    if layout.type_line is None:
        warnings.append(
            ParseWarning(code="no_type_name", message="no type-name line (KẾ HOẠCH, ...) found")
        )
    if not layout.sections:
        warnings.append(
            ParseWarning(code="no_headings", message="no numbered headings found in the body")
        )
    if layout.sections and not had_objectives:
        warnings.append(
            ParseWarning(
                code="no_objective_section",
                message="no objectives/targets section; targets read from figures with units only",
            )
        )
    for t in found.targets:
        if not t.indicator:
            warnings.append(
                ParseWarning(
                    code="target_without_indicator",
                    message=f"figure {t.value:g} has no indicator",
                    span=t.span,
                )
            )
    for task in tasks:
        if task.timeframe is None:
            warnings.append(
                ParseWarning(
                    code="task_without_timeframe",
                    message=f"no timeframe for {task.bodies[0]}",
                    span=task.span,
                )
            )
        elif task.timeframe.kind is None:
            warnings.append(
                ParseWarning(
                    code="timeframe_unrecognised",
                    message=f"timeframe {task.timeframe.text!r} not understood",
                    span=task.span,
                )
            )
    if layout.closing and metadata.signer is None:
        warnings.append(
            ParseWarning(code="no_signer", message="closing block without a recognisable signature")
        )
    return PlanDocument(
        source=Source(path=raw.path, format=raw.format, sha256=raw.sha256),
        metadata=metadata,
        cited_documents=citations,
        sections=[to_section(n) for n in [*layout.sections, *layout.annex]],
        targets=found.targets,
        qualitative_targets=found.qualitative,
        tasks=tasks,
        warnings=warnings,
        text=norm.text,
    )


__all__ = ["Clause", "build_plan", "find_targets", "to_section"]
