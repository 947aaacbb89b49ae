"""PDF reader: the text layer of each page → one block per visual line, in reading order.

Text and geometry come from PDFium (pypdfium2): its own line detection (the
CR LF it generates), one character box per line end and per space, so a page
costs about a millisecond
(pdfplumber, which builds every character object in Python, is far slower; see
the report in the module's tests). What it guarantees about its output:

- One block per line (or per side-by-side segment of a line, see below) with
  ``provenance.page`` (1-based); words are neither split nor merged: the text is
  PDFium's, spaces included.
- ``paragraph_break`` is decided from layout: a vertical gap larger than the
  line pitch, a first-line indent, the previous line ending early (the next
  line's first word would have fitted), or a bullet glyph starts a paragraph;
  a line that continues after a page break gets ``False``.
- Running headers and footers (the same text, digits aside, in the top or bottom
  band of most pages) and page-number lines (``2``, ``- 2 -``, ``Trang 2``) are removed.
- A leading private-use bullet glyph (``U+F0B7`` ...) is turned into ``-``.
- The side-by-side blocks at the top of the first page (issuer | national heading)
  and at the end of the last page (``Nơi nhận`` | signature) are read left
  column first, then right column, like the header lines of a text file.
- ``bold`` when the line's first and last characters are set in a bold font.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from policyparse.errors import (
    CorruptFileError,
    EncryptedFileError,
    FileTooLargeError,
    NoTextLayerError,
)
from policyparse.read.blocks import Block, Provenance, RawDocument

__all__ = ["MAX_PAGES", "read_pdf"]

MAX_PAGES = 2000
_BAND = 0.12  # top and bottom share of the page height where running headers live
_RUNNING_SHARE = 0.6  # a running header is on at least this share of the pages
_SEGMENT_GAP_EM = 2.0  # a horizontal gap wider than this many font sizes separates segments
_SIDE_OFFSET = 0.15  # a segment is "left" or "right" when its centre is this far off the middle
_INDENT_EM = 0.8  # a line starting this much right of the margin is indented
_GAP_FACTOR = 1.4  # a baseline step this much larger than the usual pitch is a blank line
_BOLD_WEIGHT = 600

_LINE = re.compile(
    r"""
    [^\r\n]+   # one line of PDFium's text: it ends lines with generated CR LF
    """,
    re.VERBOSE,
)
_PAGE_NUMBER = re.compile(
    r"""
    ^\s*
    (?: (?:trang|page) \s* )?          # "Trang 2", "Page 2"
    [-–—]? \s*                         # "- 2 -" style
    \d{1,4}                            # the page number
    (?: \s* (?:/|of|trên) \s* \d{1,4} )?  # "2/10", "2 of 10", "2 trên 10"
    \s* [-–—]?
    \s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)
_DIGITS = re.compile(
    r"""
    \d+   # any number: running headers differ only in their page numbers
    """,
    re.VERBOSE,
)
_LEADING_PUA = re.compile(
    r"""
    ^(?P<indent>\s*)          # keep leading spaces as they are
    [\ue000-\uf8ff]           # a private-use glyph (Symbol / Wingdings bullets: U+F0B7, U+F0A7 ...)
    """,
    re.VERBOSE,
)
_BULLET_START = re.compile(
    r"""
    ^\s* [-•▪●◦■+\u2013\u2014]   # a bullet or dash glyph
    \s                          # followed by a space
    """,
    re.VERBOSE,
)
_FIRST_WORD = re.compile(
    r"""
    \S+   # the first run of non-space characters
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class _Line:
    """A line (or one side-by-side segment of a line) of a page, in PDF points (y up)."""

    text: str
    page: int  # 1-based
    row: int  # index of the visual line on the page (segments of a line share it)
    left: float
    right: float
    top: float
    bottom: float
    size: float  # font size of the first character
    bold: bool

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


@dataclass(frozen=True, slots=True)
class _Page:
    number: int
    width: float
    height: float
    lines: tuple[_Line, ...]


# --------------------------------------------------------------------------- opening


def _open_pdf(data: bytes, path: Path) -> Any:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        code = getattr(err, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedFileError("the PDF is password-protected", path) from None
        raise CorruptFileError("PDFium cannot open the PDF (damaged?)", path) from None


# --------------------------------------------------------------------------- lines of a page


@dataclass(frozen=True, slots=True)
class _Chars:
    """PDFium's text of a page with access to its character boxes and fonts."""

    textpage: Any
    text: str

    def box(self, index: int) -> tuple[float, float, float, float]:
        left, bottom, right, top = self.textpage.get_charbox(index, loose=True)
        return float(left), float(bottom), float(right), float(top)

    def size(self, index: int) -> float:
        import pypdfium2.raw as pdfium_c

        return float(pdfium_c.FPDFText_GetFontSize(self.textpage, index)) or 10.0

    def bold(self, index: int) -> bool:
        import pypdfium2.raw as pdfium_c

        return int(pdfium_c.FPDFText_GetFontWeight(self.textpage, index)) >= _BOLD_WEIGHT


def _is_blank(char: str) -> bool:
    return char.isspace() or char == "\x00"


def _span_to_segments(chars: _Chars, start: int, end: int) -> list[tuple[int, int]]:
    """Split the character range of one line where a gap wider than 2 em separates text."""
    text = chars.text
    while start < end and _is_blank(text[start]):
        start += 1
    while end > start and _is_blank(text[end - 1]):
        end -= 1
    if start >= end:
        return []
    limit = _SEGMENT_GAP_EM * chars.size(start)
    segments: list[tuple[int, int]] = []
    seg_start = start
    index = start
    while index < end:
        if not text[index].isspace():
            index += 1
            continue
        gap_start = index
        while index < end and text[index].isspace():
            index += 1
        gap = chars.box(index)[0] - chars.box(gap_start - 1)[2]
        if gap > limit:
            segments.append((seg_start, gap_start))
            seg_start = index
    segments.append((seg_start, end))
    return segments


def _segment_to_line(chars: _Chars, start: int, end: int, page: int, row: int) -> _Line:
    first = chars.box(start)
    last = chars.box(end - 1)
    return _Line(
        text=chars.text[start:end].replace("\x00", ""),
        page=page,
        row=row,
        left=first[0],
        right=last[2],
        top=max(first[3], last[3]),
        bottom=min(first[1], last[1]),
        size=chars.size(start),
        bold=chars.bold(start) and chars.bold(end - 1),
    )


def _textpage_to_text(textpage: Any) -> str:
    """One character per PDFium character index (so boxes line up); unmapped glyphs are NUL."""
    import pypdfium2.raw as pdfium_c

    codes = (pdfium_c.FPDFText_GetUnicode(textpage, i) for i in range(textpage.count_chars()))
    return "".join(chr(code) if 0 < code < 0x110000 else "\x00" for code in codes)


def _page_to_lines(pdf: Any, index: int) -> _Page:
    page = pdf[index]
    try:
        width, height = (float(v) for v in page.get_size())
        textpage = page.get_textpage()
        try:
            chars = _Chars(textpage, _textpage_to_text(textpage))
            lines: list[_Line] = []
            for row, match in enumerate(_LINE.finditer(chars.text)):
                for start, end in _span_to_segments(chars, match.start(), match.end()):
                    lines.append(_segment_to_line(chars, start, end, index + 1, row))
        finally:
            textpage.close()
    finally:
        page.close()
    return _Page(index + 1, width, height, tuple(lines))


def _pdf_to_pages(pdf: Any, path: Path) -> list[_Page]:
    import pypdfium2 as pdfium

    count = len(pdf)
    if count > MAX_PAGES:
        raise FileTooLargeError(f"{count} pages (limit {MAX_PAGES})", path)
    try:
        return [_page_to_lines(pdf, index) for index in range(count)]
    except pdfium.PdfiumError:
        raise CorruptFileError("PDFium cannot read a page (damaged?)", path) from None


# --------------------------------------------------------------------------- running lines


def _band(line: _Line, page: _Page) -> str | None:
    if line.bottom > page.height * (1 - _BAND):
        return "top"
    if line.top < page.height * _BAND:
        return "bottom"
    return None


def _running_key(line: _Line, page: _Page) -> tuple[str, str] | None:
    band = _band(line, page)
    if band is None:
        return None
    return band, _DIGITS.sub("#", " ".join(line.text.split()))


def _running_keys(pages: Sequence[_Page]) -> set[tuple[str, str]]:
    """Header and footer lines repeated on most pages with text."""
    with_text = [page for page in pages if page.lines]
    if len(with_text) < 2:
        return set()
    counts: Counter[tuple[str, str]] = Counter()
    for page in with_text:
        counts.update({key for line in page.lines if (key := _running_key(line, page))})
    needed = max(2, math.ceil(_RUNNING_SHARE * len(with_text)))
    return {key for key, count in counts.items() if count >= needed}


def _is_page_furniture(line: _Line, page: _Page, running: set[tuple[str, str]]) -> bool:
    if _band(line, page) is None:
        return False
    return bool(_PAGE_NUMBER.match(line.text)) or _running_key(line, page) in running


def _body_lines(page: _Page, running: set[tuple[str, str]]) -> tuple[_Line, ...]:
    return tuple(line for line in page.lines if not _is_page_furniture(line, page, running))


def _without_furniture(pages: Sequence[_Page]) -> list[_Page]:
    running = _running_keys(pages)
    return [replace(page, lines=_body_lines(page, running)) for page in pages]


# --------------------------------------------------------------------------- side-by-side blocks


def _side(line: _Line, page: _Page) -> str | None:
    offset = (line.centre - page.width / 2) / page.width
    if offset < -_SIDE_OFFSET:
        return "left"
    if offset > _SIDE_OFFSET:
        return "right"
    return None


def _rows(lines: Sequence[_Line]) -> list[list[_Line]]:
    rows: list[list[_Line]] = []
    for line in lines:
        if rows and rows[-1][0].row == line.row:
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


def _side_by_side_run(rows: Sequence[list[_Line]], page: _Page) -> int:
    """How many leading rows are laid out in a left and a right column."""
    count = 0
    for row in rows:
        if any(_side(line, page) is None for line in row):
            break
        count += 1
    two_sided = any(len({_side(line, page) for line in row}) == 2 for row in rows[:count])
    return count if two_sided else 0


def _trim_to_two_sided(rows: Sequence[list[_Line]], page: _Page) -> int:
    """Rows of a closing block from its first two-sided row on (a short last line of
    the body just above the signature stays in the body)."""
    for index, row in enumerate(rows):
        if len({_side(line, page) for line in row}) == 2:
            return len(rows) - index
    return 0


def _columns_first(rows: Sequence[list[_Line]], page: _Page) -> list[_Line]:
    left = [line for row in rows for line in row if _side(line, page) == "left"]
    right = [line for row in rows for line in row if _side(line, page) == "right"]
    return left + right


def _reading_order(pages: Sequence[_Page]) -> tuple[list[_Line], set[int]]:
    """All lines in reading order, and the ids of those in a side-by-side block."""
    ordered: list[_Line] = []
    side_by_side: set[int] = set()
    last = max((p.number for p in pages if p.lines), default=0)
    first = min((p.number for p in pages if p.lines), default=0)
    for page in pages:
        rows = _rows(page.lines)
        head = _side_by_side_run(rows, page) if page.number == first else 0
        tail = _side_by_side_run(rows[head:][::-1], page) if page.number == last else 0
        tail = _trim_to_two_sided(rows[len(rows) - tail :], page)
        middle_end = len(rows) - tail
        block_lines = _columns_first(rows[:head], page) + _columns_first(rows[middle_end:], page)
        side_by_side.update(id(line) for line in block_lines)
        ordered += _columns_first(rows[:head], page)
        ordered += [line for row in rows[head:middle_end] for line in row]
        ordered += _columns_first(rows[middle_end:], page)
    return ordered, side_by_side


# --------------------------------------------------------------------------- paragraphs


@dataclass(frozen=True, slots=True)
class _Layout:
    """Document-wide measures the paragraph decisions compare against."""

    left_margin: float
    right_margin: float
    pitch: float  # usual distance between baselines of consecutive lines


def _lines_to_layout(lines: Sequence[_Line]) -> _Layout:
    lefts = Counter(round(line.left) for line in lines)
    frequent = [x for x, n in lefts.items() if n >= max(2, 0.1 * len(lines))]
    left_margin = float(min(frequent or lefts or [0]))
    right_margin = _right_margin([line.right for line in lines])
    steps = [
        prev.bottom - line.bottom
        for prev, line in itertools.pairwise(lines)
        if prev.page == line.page and 0.5 * line.size < prev.bottom - line.bottom < 3 * line.size
    ]
    pitch = statistics.median(steps) if steps else 1.2 * (lines[0].size if lines else 12.0)
    return _Layout(left_margin, right_margin, pitch)


def _right_margin(rights: Sequence[float]) -> float:
    """Where full lines end: the furthest right edge shared by several lines (justified
    text), else the 90th percentile of right edges (ragged text)."""
    if not rights:
        return 0.0
    counts = Counter(round(right / 2) * 2 for right in rights)
    shared = [x for x, n in counts.items() if n >= max(2, 0.1 * len(rights))]
    if shared:
        return float(max(shared))
    ordered = sorted(rights)
    return ordered[int(0.9 * (len(ordered) - 1))]


def _first_word_width(line: _Line) -> float:
    match = _FIRST_WORD.search(line.text)
    if match is None or not line.text.strip():
        return 0.0
    per_char = (line.right - line.left) / max(1, len(line.text.strip()))
    return per_char * (len(match.group()) + 1)


def _starts_paragraph(prev: _Line | None, line: _Line, layout: _Layout) -> bool:
    if prev is None or (prev.row == line.row and prev.page == line.page):
        return True
    if _BULLET_START.match(line.text) or _LEADING_PUA.match(line.text):
        return True
    if prev.page == line.page and prev.bottom - line.bottom > _GAP_FACTOR * layout.pitch:
        return True
    if line.left > layout.left_margin + _INDENT_EM * line.size:
        return True
    return layout.right_margin - prev.right > _first_word_width(line)


def _pua_bullet_to_dash(text: str) -> str:
    return _LEADING_PUA.sub(lambda m: f"{m.group('indent')}-", text, count=1)


def _lines_to_blocks(lines: Sequence[_Line], side_by_side: set[int]) -> Iterator[Block]:
    layout = _lines_to_layout([line for line in lines if id(line) not in side_by_side])
    prev: _Line | None = None
    for line in lines:
        brk = id(line) in side_by_side or _starts_paragraph(prev, line, layout)
        yield Block(
            text=_pua_bullet_to_dash(line.text),
            provenance=Provenance(page=line.page, line=line.row),
            bold=line.bold,
            paragraph_break=brk,
        )
        prev = line


def _notes(pages: Sequence[_Page]) -> list[str]:
    blank = [str(page.number) for page in pages if not page.lines]
    return [f"pages without a text layer: {', '.join(blank)}"] if blank else []


def read_pdf(path: Path) -> RawDocument:
    """Read the text layer of a PDF into line blocks; typed errors for every failure."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise CorruptFileError(f"cannot read the file ({err.strerror})", path) from None
    pdf = _open_pdf(data, path)
    try:
        raw_pages = _pdf_to_pages(pdf, path)
    finally:
        pdf.close()
    if not any(page.lines for page in raw_pages):
        raise NoTextLayerError(
            "the PDF has no text layer (scanned?); OCR is not enabled in this version", path
        )
    lines, side_by_side = _reading_order(_without_furniture(raw_pages))
    return RawDocument(
        blocks=list(_lines_to_blocks(lines, side_by_side)),
        format="pdf",
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        notes=_notes(raw_pages),
    )
