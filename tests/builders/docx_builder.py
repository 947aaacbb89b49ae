"""Build .docx fixtures in code: python-docx plus raw WordprocessingML where it has no API.

Word automatic numbering, numbering inherited from a style, footnote references,
hidden and tracked text are injected as XML fragments parsed with python-docx's
own parser, so the reader meets them exactly as Word writes them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.oxml.parser import parse_xml
from docx.shared import Pt

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DECL = f'xmlns:w="{W_NS}"'

Document = Any  # docx.document.Document (python-docx ships no stubs the checker uses)
Element = Any


def new_document() -> Document:
    """An empty document from python-docx's default template (its sample paragraph removed)."""
    document = docx.Document()
    body = document.element.body
    for paragraph in body.findall(f"{{{W_NS}}}p"):
        body.remove(paragraph)
    return document


def level_xml(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    """One ``w:lvl``; ``extra`` holds more children (``<w:pStyle/>``, ``<w:rPr/>``)."""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'{extra}<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


def install_numbering(document: Document, abstracts: dict[int, str], nums: dict[int, str]) -> None:
    """Replace numbering.xml: ``abstracts`` maps abstractNumId → its ``w:lvl`` XML,
    ``nums`` maps numId → the inner XML of its ``w:num`` (abstractNumId, overrides)."""
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for abstract_id, levels in abstracts.items():
        xml = f'<w:abstractNum {_DECL} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'
        numbering.append(parse_xml(xml))
    for num_id, inner in nums.items():
        numbering.append(parse_xml(f'<w:num {_DECL} w:numId="{num_id}">{inner}</w:num>'))


def num_xml(abstract_id: int, start_overrides: dict[int, int] | None = None) -> str:
    """Inner XML of a ``w:num`` pointing at an abstract list, with optional startOverrides."""
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for ilvl, start in (start_overrides or {}).items()
    )
    return f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}'


def _ppr(paragraph: Any) -> Element:
    return paragraph._p.get_or_add_pPr()


def set_numbering(paragraph: Any, num_id: int, ilvl: int | None = None) -> Any:
    """Give a paragraph direct numbering (``w:numPr``); ``ilvl=None`` leaves the level out."""
    level = "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
    xml = f'<w:numPr {_DECL}>{level}<w:numId w:val="{num_id}"/></w:numPr>'
    _ppr(paragraph).append(parse_xml(xml))
    return paragraph


def numbered(document: Document, text: str, num_id: int, ilvl: int | None = 0) -> Any:
    return set_numbering(document.add_paragraph(text), num_id, ilvl)


def set_style_numbering(document: Document, style_id: str, num_id: int, ilvl: int = 0) -> None:
    """Bind a paragraph style to a list: its paragraphs are numbered without any numPr."""
    style = document.styles.element.get_by_id(style_id)
    ppr = style.get_or_add_pPr()
    ppr.append(
        parse_xml(f'<w:numPr {_DECL}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def add_style(document: Document, style_id: str, name: str, based_on: str) -> None:
    """A custom paragraph style that inherits from ``based_on``."""
    document.styles.element.append(
        parse_xml(
            f'<w:style {_DECL} w:type="paragraph" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/><w:basedOn w:val="{based_on}"/></w:style>'
        )
    )


def append_run_xml(paragraph: Any, xml: str) -> None:
    """Append raw run-level XML (``w:r``, ``w:ins``, ``w:del`` ...) to a paragraph."""
    for child in list(parse_xml(f"<w:wrap {_DECL}>{xml}</w:wrap>")):
        paragraph._p.append(child)


def add_layout_table(document: Document, columns: list[list[list[str]]]) -> Any:
    """A borderless table given column by column: ``columns[c][r]`` = paragraphs of cell (r, c)."""
    rows = max(len(column) for column in columns)
    table = document.add_table(rows=rows, cols=len(columns))
    for c, column in enumerate(columns):
        for r, paragraphs in enumerate(column):
            cell = table.cell(r, c)
            cell.paragraphs[0].text = paragraphs[0] if paragraphs else ""
            for text in paragraphs[1:]:
                cell.add_paragraph(text)
    return table


def add_grid_table(document: Document, rows: list[list[str]]) -> Any:
    """A data table, one string per cell."""
    table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


def make_bold(paragraph: Any) -> Any:
    for run in paragraph.runs:
        run.bold = True
        run.font.size = Pt(13)
    return paragraph


def save(document: Document, path: Path) -> Path:
    document.save(str(path))
    return path
