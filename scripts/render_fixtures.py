#!/usr/bin/env python3
"""Render plans as .docx files with real Word layout, then as .pdf files through LibreOffice.

usage: .venv/bin/python scripts/render_fixtures.py [--no-pdf] [--out DIR]

Writes into ``corpora/rendered/`` (or ``--out``):

* ``tinh-uy-kh-nq42.docx`` / ``.pdf``: the sample ``corpora/tinh-uy-kh-nq42.txt``;
* ``ubnd-tinh-kh-state.docx`` / ``.pdf``: ``corpora/fixtures/ubnd-tinh-kh-state.txt``;
* ``ubnd-huyen-kh-bang.docx`` / ``.pdf``: a plan written here (fictional UBND huyện
  Lạc An) with a target table, a footnote, and a ``PHỤ LỤC`` task table on a
  landscape page; its gold is ``tests/gold/formats/ubnd-huyen-kh-bang.json``.

How a plan written as text becomes a .docx (:func:`render_text_plan`):

1. The text goes through the project's own code: ``text_to_blocks`` →
   ``normalize_blocks`` → ``segment`` (header, type line, trích yếu, body, closing,
   annex), and ``match_heading`` / ``split_bullet`` find each marker.
2. Heading markers are removed from the text and produced by Word automatic
   numbering instead (``numbering.xml``): one multi-level list with
   ``upperRoman`` (level 0, Roman headings), ``decimal`` (level 1, ``1.``) and
   ``lowerLetter`` (level 2, ``a)``), whose ``lvlText`` copies the printed style
   (``%1 -`` for Party ``I -`` headings, ``%1.`` for State ``I.``); a second list
   of ``bullet`` levels (``-`` then ``+``) for bullet paragraphs and recipients.
   Families that Word cannot number this way (``Phần I``, ``1.1.``, ``A.``) stay
   in the text. Word's ``lowerLetter`` runs a, b, c, d, e: a Vietnamese ``đ)``
   item is numbered ``e)`` in the .docx.
3. Roman headings get the ``Heading 1`` style, short numbered headings ``Heading 2``,
   short lettered headings are set in bold; long numbered items stay body text.
4. Header lines (``ỦY BAN NHÂN DÂN<TAB>CỘNG HÒA ...``) become a two-column
   borderless layout table (issuer and number left, national heading and date
   right); separator lines (``-----``) are dropped (Word draws them as lines).
   The closing becomes a two-column table: ``Nơi nhận`` and its list left,
   the signature block right.
5. Every page has a footer with a centred ``PAGE`` field.

The .docx files are deterministic: fixed core properties and fixed zip entry
times. The .pdf files come from ``soffice --headless --convert-to pdf`` with a
throw-away user profile and a timeout; LibreOffice stamps dates into them, so
they are not byte-stable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.parser import parse_xml
from docx.shared import Cm, Pt

from policyparse.normalize import Paragraph, normalize_blocks
from policyparse.read.txt import text_to_blocks
from policyparse.segment import Layout, match_heading, segment, split_bullet

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corpora" / "rendered"
TEXT_PLANS = (
    ROOT / "corpora" / "tinh-uy-kh-nq42.txt",
    ROOT / "corpora" / "fixtures" / "ubnd-tinh-kh-state.txt",
)
TABLE_PLAN = "ubnd-huyen-kh-bang.docx"
SOFFICE_TIMEOUT = 180  # seconds per file

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DECL = f'xmlns:w="{W_NS}"'
_FONT = "Times New Roman"
_FIXED_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

Document = Any  # docx.document.Document (python-docx ships no type stubs)
DocxParagraph = Any

# Heading families Word numbers here: family → (level, numFmt).
_NUMBERED_FAMILIES = {
    "roman": (0, "upperRoman"),
    "arabic": (1, "decimal"),
    "letter": (2, "lowerLetter"),
}
_BULLET_LEVELS = {"-": 0, "+": 1}
_HEADING_NUM = 1  # numId of the heading list
_BULLET_NUM = 2  # numId of the bullet list
_SHORT_HEADING_WORDS = 16
_SEPARATOR = re.compile(r"^[\s\-_=*~.]+$")
_SENTENCE_END = re.compile(r"[.;:,]$")
_RECIPIENTS = re.compile(r"^nơi\s+nhận", re.IGNORECASE)


# --------------------------------------------------------------------------- the document


@dataclass
class PlanWriter:
    """A python-docx document with the few layouts a Vietnamese plan needs."""

    heading_templates: dict[str, str] = field(default_factory=dict)  # family → lvlText
    document: Document = field(default_factory=docx.Document)
    footnotes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        body = self.document.element.body
        for paragraph in body.findall(f"{{{W_NS}}}p"):
            body.remove(paragraph)
        self._set_up_styles()
        section = self.document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(2)

    # -- styles and numbering ------------------------------------------------------

    def _set_up_styles(self) -> None:
        styles = self.document.styles
        for name, size, bold in (
            ("Normal", 13, False),
            ("Heading 1", 13, True),
            ("Heading 2", 13, True),
            ("Heading 3", 13, True),
        ):
            style = styles[name]
            style.font.size = Pt(size)
            style.font.bold = bold
            style.font.italic = False
            style.font.color.rgb = None
            _set_fonts(style.element.get_or_add_rPr())
            fmt = style.paragraph_format
            fmt.space_before = Pt(6)
            fmt.space_after = Pt(6)
            fmt.line_spacing = 1.0
        defaults = styles.element.find(f"{{{W_NS}}}docDefaults")
        if defaults is not None:
            rpr = defaults.find(f"{{{W_NS}}}rPrDefault/{{{W_NS}}}rPr")
            if rpr is not None:
                _set_fonts(rpr)

    def install_numbering(self) -> None:
        """The heading list (Roman, decimal, letter) and the bullet list."""
        levels = []
        for family, (ilvl, fmt) in _NUMBERED_FAMILIES.items():
            template = self.heading_templates.get(family, f"%{ilvl + 1}.")
            levels.append(_level_xml(ilvl, fmt, template, suffix="space"))
        bullets = [
            _level_xml(ilvl, "bullet", glyph, suffix="tab")
            for glyph, ilvl in _BULLET_LEVELS.items()
        ]
        numbering = self.document.part.numbering_part.element
        for child in list(numbering):
            numbering.remove(child)
        for abstract_id, xml in ((0, "".join(levels)), (1, "".join(bullets))):
            numbering.append(
                parse_xml(
                    f'<w:abstractNum {_DECL} w:abstractNumId="{abstract_id}">'
                    f'<w:multiLevelType w:val="multilevel"/>{xml}</w:abstractNum>'
                )
            )
        for num_id, abstract_id in ((_HEADING_NUM, 0), (_BULLET_NUM, 1)):
            numbering.append(
                parse_xml(
                    f'<w:num {_DECL} w:numId="{num_id}">'
                    f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
                )
            )

    # -- paragraphs ----------------------------------------------------------------

    def paragraph(
        self,
        text: str,
        *,
        style: str | None = None,
        bold: bool = False,
        italic: bool = False,
        centre: bool = False,
        indent: bool = True,
        container: Any = None,
    ) -> DocxParagraph:
        target = container if container is not None else self.document
        para = target.add_paragraph(style=style)
        if text:
            run = para.add_run(text)
            run.bold = bold or None
            run.italic = italic or None
        fmt = para.paragraph_format
        if centre:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.first_line_indent = Cm(0)
        else:
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fmt.first_line_indent = Cm(1) if indent else Cm(0)
        return para

    def numbered(self, text: str, family: str, *, style: str | None, bold: bool) -> DocxParagraph:
        ilvl = _NUMBERED_FAMILIES[family][0]
        para = self.paragraph(text, style=style, bold=bold)
        _set_numbering(para, _HEADING_NUM, ilvl)
        return para

    def bullet(self, text: str, glyph: str = "-", container: Any = None) -> DocxParagraph:
        para = self.paragraph(text, container=container)
        _set_numbering(para, _BULLET_NUM, _BULLET_LEVELS.get(glyph, 0))
        return para

    def footnote(self, para: DocxParagraph, text: str) -> None:
        """A footnote reference at the end of ``para``; its text goes to footnotes.xml."""
        self.footnotes.append(text)
        number = len(self.footnotes)
        para._p.append(
            parse_xml(
                f'<w:r {_DECL}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{number}"/></w:r>'
            )
        )

    # -- tables ----------------------------------------------------------------------

    def layout_table(self, left: list[str], right: list[str], *, recipients: bool = False) -> None:
        """A borderless two-column table: header (issuer | national heading) or closing."""
        table = self.document.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = (Cm(6.5), Cm(9.5))
        for column, (lines, width) in enumerate(zip((left, right), widths, strict=True)):
            table.columns[column].width = width
            cell = table.cell(0, column)
            cell.width = width
            cell._tc.remove(cell.paragraphs[0]._p)
            for line in lines:
                if recipients and column == 0 and line.startswith("- "):
                    para = self.bullet(line[2:], container=cell)
                    para.alignment = WD_ALIGN_PARAGRAPH.LEFT
                    para.paragraph_format.left_indent = Cm(0.3)
                    para.paragraph_format.first_line_indent = Cm(-0.3)  # the tab stops here
                    para.paragraph_format.space_before = Pt(0)
                    para.paragraph_format.space_after = Pt(0)
                    for run in para.runs:
                        run.font.size = Pt(11)
                    continue
                heading = recipients and column == 0
                bold = not recipients or column == 1 or heading
                para = self.paragraph(
                    line, bold=bold, italic=heading, centre=not heading, container=cell
                )
                for run in para.runs:
                    run.font.size = Pt(12)
                para.paragraph_format.space_before = Pt(0)
                para.paragraph_format.space_after = Pt(0)
        _remove_borders(table)

    def grid_table(self, rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
        """A data table with borders; the first row is the bold header."""
        table = self.document.add_table(rows=len(rows), cols=len(widths))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for c, width in enumerate(widths):
            table.columns[c].width = Cm(width)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell = table.cell(r, c)
                cell.width = Cm(widths[c])
                para = cell.paragraphs[0]
                run = para.add_run(text)
                run.bold = r == 0 or None
                run.font.size = Pt(12)
                centred = r == 0 or c not in (1,) or len(text) < 12
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
                para.paragraph_format.first_line_indent = Cm(0)
                para.paragraph_format.space_before = Pt(2)
                para.paragraph_format.space_after = Pt(2)
        header_row = table.rows[0]._tr.get_or_add_trPr()
        header_row.append(parse_xml(f"<w:tblHeader {_DECL}/>"))

    # -- pages -----------------------------------------------------------------------

    def page_footer(self, lead: str = "") -> None:
        """A centred footer ``<lead>N`` with N a PAGE field, on every page."""
        footer = self.document.sections[0].footer
        para = footer.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if lead:
            run = para.add_run(lead)
            run.font.size = Pt(10)
        para._p.append(
            parse_xml(
                f'<w:fldSimple {_DECL} w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="20"/></w:rPr>'
                "<w:t>1</w:t></w:r></w:fldSimple>"
            )
        )

    def landscape_section(self) -> None:
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.left_margin, section.right_margin = Cm(2), Cm(2)

    # -- saving ----------------------------------------------------------------------

    def save(self, path: Path) -> Path:
        self.install_numbering()
        if self.footnotes:
            _add_footnotes_part(self.document, self.footnotes)
        core = self.document.core_properties
        core.author = core.last_modified_by = "policyparse"
        core.created = core.modified = _FIXED_TIME
        core.revision = 1
        buffer = io.BytesIO()
        self.document.save(buffer)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_stable_zip(buffer.getvalue()))
        return path


def _set_fonts(rpr: Any) -> None:
    """Times New Roman for every script, theme fonts removed (they would win)."""
    fonts = rpr.find(f"{{{W_NS}}}rFonts")
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {_DECL}/>")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(f"{{{W_NS}}}{attr}", _FONT)


def _level_xml(ilvl: int, fmt: str, text: str, *, suffix: str) -> str:
    """One ``w:lvl``: numbering printed at the first-line indent, then a space or a tab."""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>'
    )


def _set_numbering(para: DocxParagraph, num_id: int, ilvl: int) -> None:
    ppr = para._p.get_or_add_pPr()
    numpr = parse_xml(
        f'<w:numPr {_DECL}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    )
    style = ppr.find(f"{{{W_NS}}}pStyle")
    ppr.insert(1 if style is not None else 0, numpr)  # numPr follows pStyle (schema order)


def _remove_borders(table: Any) -> None:
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(f"{{{W_NS}}}tblBorders"):
        tblpr.remove(old)
    edges = "".join(
        f'<w:{edge} w:val="nil"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    tblpr.append(parse_xml(f"<w:tblBorders {_DECL}>{edges}</w:tblBorders>"))


def _add_footnotes_part(document: Document, notes: list[str]) -> None:
    """python-docx cannot write footnotes: add word/footnotes.xml and relate it."""
    separators = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>"
    )
    bodies = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:pPr><w:jc w:val="both"/></w:pPr>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="20"/></w:rPr>'
        '<w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="20"/></w:rPr>'
        f'<w:t xml:space="preserve"> {_xml_escape(text)}</w:t></w:r></w:p></w:footnote>'
        for number, text in enumerate(notes, start=1)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:footnotes {_DECL}>{separators}{bodies}</w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode(), document.part.package
    )
    document.part.relate_to(part, RT.FOOTNOTES)


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _stable_zip(data: bytes) -> bytes:
    """The same archive with fixed entry times and order (python-docx stamps the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- a text plan


def _body_start(layout: Layout) -> int:
    """Index of the first body paragraph (preamble or first heading)."""
    firsts = [p.index for p in layout.preamble[:1]]
    firsts += [node.paragraph.index for node in layout.sections[:1]]
    return min(firsts, default=layout.body_end)


def _printed_template(para: Paragraph, family: str, label: str, title: str) -> str:
    """``I - `` → ``%1 -``: the marker as printed, with the number as a placeholder."""
    prefix = para.text[: len(para.text) - len(title)].strip()
    ilvl = _NUMBERED_FAMILIES[family][0]
    return prefix.replace(label, f"%{ilvl + 1}", 1)


def _is_short_heading(title: str) -> bool:
    return len(title.split()) <= _SHORT_HEADING_WORDS and not _SENTENCE_END.search(title)


def _split_header(paragraphs: list[Paragraph]) -> tuple[list[str], list[str]]:
    left: list[str] = []
    right: list[str] = []
    for para in paragraphs:
        cells = [c.strip() for c in para.text.split("\t")]
        for column, cell in zip((left, right), [*cells, ""][:2], strict=True):
            if cell and not _SEPARATOR.match(cell):
                column.append(cell)
    return left, right


def _split_closing(paragraphs: list[Paragraph]) -> tuple[list[str], list[str]]:
    """``Nơi nhận`` and its list on the left, the signature block on the right."""
    left: list[str] = []
    right: list[str] = []
    for para in paragraphs:
        if "\t" in para.text:
            first, second = (c.strip() for c in para.text.split("\t", 1))
            for column, cell in ((left, first), (right, second)):
                if cell:
                    column.append(cell)
        elif _RECIPIENTS.match(para.text) or para.text.startswith("- "):
            left.append(para.text)
        else:
            right.append(para.text)
    if len(right) >= 2:
        right[-1:-1] = ["", "", ""]  # room for the signature above the name
    return left, right


def render_text_plan(text: str, path: Path, footer: str = "") -> Path:
    """Render a plan written as text into ``path`` (see the module docstring)."""
    norm = normalize_blocks(text_to_blocks(text))
    layout = segment(norm)
    paragraphs = norm.paragraphs
    writer = PlanWriter()
    start = _body_start(layout)
    annex_at = layout.annex[0].paragraph.index if layout.annex else len(paragraphs)

    if layout.header:
        left, right = _split_header(layout.header)
        writer.layout_table(left, right)
    for para in paragraphs[len(layout.header) : start]:
        writer.paragraph(para.text, bold=True, centre=True)
    _render_body(writer, paragraphs[start : layout.body_end])
    if layout.body_end < annex_at:
        left, right = _split_closing(paragraphs[layout.body_end : annex_at])
        writer.layout_table(left, right, recipients=True)
    if annex_at < len(paragraphs):
        writer.document.add_page_break()
        _render_body(writer, paragraphs[annex_at:])
    writer.page_footer(footer)
    return writer.save(path)


def _render_body(writer: PlanWriter, paragraphs: list[Paragraph]) -> None:
    previous_upper: str | None = None
    for para in paragraphs:
        found = match_heading(para, previous_upper)
        if found is not None and found[0] == "upper_letter":
            previous_upper = found[1]
        if found is not None and found[0] == "letter)":
            found = ("letter", *found[1:])  # Word's letter level prints "a)" (see lvlText)
        if found is not None and found[0] in _NUMBERED_FAMILIES and found[1] is not None:
            family, label, title = found[0], found[1], found[2]
            template = _printed_template(para, family, label, title)
            writer.heading_templates.setdefault(family, template)
            short = _is_short_heading(title)
            style = {"roman": "Heading 1", "arabic": "Heading 2"}.get(family) if short else None
            bold = family == "letter" and short
            writer.numbered(title, family, style=style, bold=bold)
            continue
        glyph, rest = split_bullet(para.text)
        if glyph is not None:
            writer.bullet(rest, glyph)
        elif found is not None:  # an unnumbered heading (capitals)
            writer.paragraph(para.text, bold=True)
        else:
            writer.paragraph(para.text)


# --------------------------------------------------------------------------- the table plan

HUYEN_TARGETS = (
    ("STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện năm 2023", "Năm 2025", "Năm 2030"),
    ("1", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "91,2", "≥ 94", "trên 96"),
    ("2", "Số giường bệnh", "giường/vạn dân", "24", "27", "30"),
    ("3", "Số bác sĩ", "bác sĩ/vạn dân", "7,5", "9", "11"),
    (
        "4",
        "Tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi",
        "%",
        "18,4",
        "dưới 16",
        "dưới 13",
    ),
    ("5", "Số lao động được giải quyết việc làm mới", "người", "1.850", "2.000", "-"),
    ("6", "Tỷ lệ lao động qua đào tạo", "%", "62", "65 - 68", "từ 72 trở lên"),
    ("7", "Tỷ lệ hộ nghèo đa chiều", "%", "4,1", "không quá 3", "-"),
    ("8", "Tuổi thọ trung bình", "tuổi", "73,9", "74,2", "khoảng 75"),
)

HUYEN_TASKS = (
    ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
    (
        "1",
        "Xây dựng Đề án nâng cao năng lực y tế cơ sở",
        "Phòng Y tế",
        "Trung tâm Y tế huyện; Phòng Tài chính - Kế hoạch",
        "Quý III/2024",
    ),
    (
        "2",
        "Rà soát, lập danh sách người chưa tham gia bảo hiểm y tế",
        "Bảo hiểm xã hội huyện",
        "Ủy ban nhân dân các xã, thị trấn",
        "Hằng năm",
    ),
    (
        "3",
        "Tuyển sinh, đào tạo nghề cho lao động nông thôn",
        "Phòng Lao động - Thương binh và Xã hội",
        "Trung tâm Giáo dục nghề nghiệp huyện",
        "Thường xuyên",
    ),
    (
        "4",
        "Nâng cấp, sửa chữa các trạm y tế xuống cấp",
        "Ban Quản lý dự án đầu tư xây dựng huyện",
        "Phòng Y tế; Phòng Tài chính - Kế hoạch",
        "2024 - 2026",
    ),
    (
        "5",
        "Sơ kết 02 năm thực hiện Kế hoạch",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện",
        "Các cơ quan, đơn vị liên quan",
        "Tháng 12/2025",
    ),
)

_FOOTNOTE = (
    "Theo số liệu thống kê năm 2023, tỷ lệ dân số tham gia bảo hiểm y tế của huyện đạt 91,2%; "
    "tỷ lệ lao động qua đào tạo đạt 62%."
)

_PURPOSE = (
    "Cụ thể hóa các mục tiêu, nhiệm vụ của Kế hoạch số 52/KH-UBND của Ủy ban nhân dân tỉnh "
    "phù hợp với điều kiện thực tế của huyện; xác định rõ nhiệm vụ, trách nhiệm của các cơ "
    "quan, đơn vị và Ủy ban nhân dân các xã, thị trấn trong tổ chức thực hiện.",
    "Việc triển khai phải bảo đảm đồng bộ, thiết thực, hiệu quả; gắn với việc thực hiện các "
    "chương trình mục tiêu quốc gia trên địa bàn; thường xuyên kiểm tra, đôn đốc, kịp thời "
    "tháo gỡ khó khăn, vướng mắc phát sinh trong quá trình thực hiện.",
)

_GENERAL_OBJECTIVE = (
    "Nâng cao chất lượng khám bệnh, chữa bệnh và chăm sóc sức khỏe ban đầu cho Nhân dân; mở "
    "rộng diện bao phủ bảo hiểm y tế; phát triển giáo dục nghề nghiệp gắn với nhu cầu của thị "
    "trường lao động, tạo việc làm bền vững cho người lao động, nhất là lao động ở các xã vùng "
    "đồng bào dân tộc thiểu số; từng bước thu hẹp khoảng cách về mức sống giữa các xã trong "
    "huyện, góp phần thực hiện thắng lợi các mục tiêu phát triển kinh tế - xã hội của huyện "
    "và của tỉnh trong giai đoạn mới."
)

_SOLUTIONS = (
    (
        "Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy, chính quyền",
        (
            "Người đứng đầu cấp ủy, chính quyền các cấp trực tiếp chỉ đạo việc thực hiện Kế "
            "hoạch; đưa các chỉ tiêu về y tế, lao động, việc làm vào nghị quyết, kế hoạch phát "
            "triển kinh tế - xã hội hằng năm của địa phương; xác định đây là nhiệm vụ chính trị "
            "thường xuyên, lâu dài của cả hệ thống chính trị.",
            "Đẩy mạnh công tác thông tin, tuyên truyền bằng nhiều hình thức phù hợp với từng "
            "nhóm đối tượng, nhất là tại các thôn, bản vùng sâu, vùng xa; phát huy vai trò của "
            "Mặt trận Tổ quốc và các đoàn thể trong vận động Nhân dân tham gia bảo hiểm y tế "
            "và học nghề.",
        ),
    ),
    (
        "Nâng cao chất lượng y tế cơ sở",
        (
            "Củng cố mạng lưới y tế cơ sở, bảo đảm các trạm y tế xã có đủ cơ sở vật chất, "
            "trang thiết bị thiết yếu theo quy định; thực hiện luân phiên có thời hạn người "
            "hành nghề từ Trung tâm Y tế huyện về các trạm y tế xã; triển khai hồ sơ sức khỏe "
            "điện tử và khám bệnh, chữa bệnh từ xa đối với các xã đặc biệt khó khăn.",
            "Thực hiện tốt công tác y tế dự phòng, tiêm chủng mở rộng, phòng chống suy dinh "
            "dưỡng trẻ em; kiểm soát tốt các bệnh truyền nhiễm, không để dịch bệnh lớn xảy ra "
            "trên địa bàn; quản lý, theo dõi sức khỏe người cao tuổi và người mắc bệnh không "
            "lây nhiễm tại cộng đồng.",
        ),
    ),
    (
        "Phát triển giáo dục nghề nghiệp, giải quyết việc làm",
        (
            "Rà soát, sắp xếp lại các cơ sở giáo dục nghề nghiệp trên địa bàn theo hướng tinh "
            "gọn, hiệu quả; đổi mới nội dung, chương trình đào tạo nghề gắn với nhu cầu của "
            "doanh nghiệp trong và ngoài huyện; ưu tiên đào tạo nghề cho người thuộc hộ nghèo, "
            "hộ cận nghèo, người dân tộc thiểu số và bộ đội xuất ngũ.",
            "Tổ chức các phiên giao dịch việc làm lưu động tại các xã; kết nối thông tin cung "
            "- cầu lao động; hỗ trợ người lao động vay vốn tạo việc làm từ Quỹ quốc gia về việc "
            "làm và đi làm việc ở nước ngoài theo hợp đồng; chú trọng tư vấn, định hướng nghề "
            "nghiệp cho học sinh sau tốt nghiệp trung học cơ sở, trung học phổ thông và thanh "
            "niên hoàn thành nghĩa vụ quân sự trở về địa phương.",
        ),
    ),
    (
        "Huy động và sử dụng hiệu quả các nguồn lực",
        (
            "Ưu tiên bố trí ngân sách huyện cho đầu tư nâng cấp trạm y tế và hỗ trợ đóng bảo "
            "hiểm y tế cho các nhóm đối tượng chính sách; lồng ghép nguồn vốn của các chương "
            "trình mục tiêu quốc gia; đẩy mạnh xã hội hóa, khuyến khích doanh nghiệp, nhà hảo "
            "tâm tham gia hỗ trợ người nghèo học nghề và khám, chữa bệnh.",
        ),
    ),
)

_RECIPIENTS_LIST = (
    "Nơi nhận:",
    "- UBND tỉnh (b/c);",
    "- Sở Y tế, Sở LĐ-TB&XH (b/c);",
    "- TT Huyện ủy, TT HĐND huyện (b/c);",
    "- Chủ tịch, các PCT UBND huyện;",
    "- Các cơ quan, đơn vị thuộc huyện;",
    "- UBND các xã, thị trấn;",
    "- Lưu: VT, YT.",
)


def build_table_plan(path: Path) -> Path:
    """The fictional UBND huyện Lạc An plan: target table, footnote, landscape task annex."""
    w = PlanWriter(heading_templates={"roman": "%1.", "arabic": "%2.", "letter": "%3)"})
    w.layout_table(
        ["ỦY BAN NHÂN DÂN", "HUYỆN LẠC AN", "Số: 156/KH-UBND"],
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Lạc An, ngày 08 tháng 4 năm 2024",
        ],
    )
    w.paragraph("KẾ HOẠCH", bold=True, centre=True)
    w.paragraph(
        "Phát triển y tế cơ sở, giáo dục nghề nghiệp và việc làm trên địa bàn huyện Lạc An "
        "giai đoạn 2024 - 2030",
        bold=True,
        centre=True,
    )
    for line in (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Kế hoạch số 52/KH-UBND ngày 12/01/2024 của Ủy ban nhân dân tỉnh về phát triển "
        "y tế cơ sở và giáo dục nghề nghiệp giai đoạn 2024 - 2030;",
        "Căn cứ Nghị quyết số 18/NQ-HĐND ngày 20 tháng 12 năm 2023 của Hội đồng nhân dân huyện "
        "về nhiệm vụ phát triển kinh tế - xã hội năm 2024;",
        "Ủy ban nhân dân huyện ban hành Kế hoạch thực hiện như sau:",
    ):
        w.paragraph(line)

    w.numbered("MỤC ĐÍCH, YÊU CẦU", "roman", style="Heading 1", bold=False)
    for line in _PURPOSE:
        w.bullet(line)

    w.numbered("MỤC TIÊU, CHỈ TIÊU", "roman", style="Heading 1", bold=False)
    w.numbered("Mục tiêu chung", "arabic", style="Heading 2", bold=False)
    objective = w.paragraph(_GENERAL_OBJECTIVE)
    w.footnote(objective, _FOOTNOTE)
    w.numbered("Các chỉ tiêu chủ yếu", "arabic", style="Heading 2", bold=False)
    w.paragraph("Các chỉ tiêu chủ yếu của huyện đến năm 2025 và năm 2030 như sau:")
    w.grid_table(HUYEN_TARGETS, (1.2, 6.0, 2.6, 2.2, 2.0, 2.2))
    w.paragraph("(Số liệu năm 2023 là số liệu thực hiện, dùng làm căn cứ so sánh.)", italic=True)
    w.bullet("Phấn đấu đến năm 2025, 100% trạm y tế xã có bác sĩ làm việc.")

    w.numbered("NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU", "roman", style="Heading 1", bold=False)
    for title, items in _SOLUTIONS:
        w.numbered(title, "arabic", style="Heading 2", bold=False)
        for item in items:
            w.bullet(item)

    w.numbered("TỔ CHỨC THỰC HIỆN", "roman", style="Heading 1", bold=False)
    w.numbered(
        "Phòng Y tế: chủ trì, phối hợp với Trung tâm Y tế huyện tham mưu Ủy ban nhân dân huyện "
        "triển khai Kế hoạch; tổng hợp, báo cáo kết quả thực hiện định kỳ 6 tháng.",
        "arabic",
        style=None,
        bold=False,
    )
    w.numbered(
        "Phòng Tài chính - Kế hoạch: chủ trì tham mưu bố trí kinh phí thực hiện Kế hoạch "
        "trong dự toán ngân sách hằng năm.",
        "arabic",
        style=None,
        bold=False,
    )
    w.numbered(
        "Ủy ban nhân dân các xã, thị trấn: xây dựng kế hoạch thực hiện tại địa phương, "
        "hoàn thành trước ngày 30/6/2024.",
        "arabic",
        style=None,
        bold=False,
    )
    w.paragraph(
        "Nhiệm vụ cụ thể của các cơ quan, đơn vị được phân công tại Phụ lục kèm theo Kế hoạch "
        "này. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị báo "
        "cáo Ủy ban nhân dân huyện (qua Phòng Y tế) để xem xét, giải quyết./."
    )
    w.layout_table(
        list(_RECIPIENTS_LIST),
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "", "Trần Văn Khải"],
        recipients=True,
    )

    w.landscape_section()
    w.paragraph("PHỤ LỤC", bold=True, centre=True)
    w.paragraph("PHÂN CÔNG NHIỆM VỤ THỰC HIỆN KẾ HOẠCH", bold=True, centre=True)
    w.paragraph(
        "(Kèm theo Kế hoạch số 156/KH-UBND ngày 08/4/2024 của Ủy ban nhân dân huyện Lạc An)",
        italic=True,
        centre=True,
    )
    w.grid_table(HUYEN_TASKS, (1.2, 9.0, 6.0, 6.5, 3.0))
    w.page_footer("Kế hoạch 156/KH-UBND - Trang ")
    return w.save(path)


# --------------------------------------------------------------------------- PDF


def docx_to_pdf(source: Path, outdir: Path, timeout: int = SOFFICE_TIMEOUT) -> Path:
    """Convert with LibreOffice headless, in a throw-away user profile."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="lo-") as profile:
        command = [
            soffice,
            "--headless",
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(source),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=timeout)
    pdf = outdir / source.with_suffix(".pdf").name
    if not pdf.is_file():
        raise RuntimeError(f"LibreOffice wrote no {pdf.name}")
    return pdf


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output directory")
    parser.add_argument("--no-pdf", action="store_true", help="write the .docx files only")
    args = parser.parse_args(argv)
    out: Path = args.out
    written: list[Path] = []
    for source in TEXT_PLANS:
        target = out / source.with_suffix(".docx").name
        written.append(render_text_plan(source.read_text("utf-8"), target))
    written.append(build_table_plan(out / TABLE_PLAN))
    for path in list(written):
        if not args.no_pdf:
            written.append(docx_to_pdf(path, out))
    for path in written:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
