"""PDF reader: the text layer of each page → one block per visual line, in reading order.

Text and geometry come from PDFium (pypdfium2): its own line detection (the
CR LF it generates), the page text in one call, one character box per line end
and per space, raw calls on the text page handle, so a page costs a few
milliseconds (pdfplumber, which builds every character object in Python, is
far slower: its bare ``extract_text`` takes about 15 times as long as this whole
reader). What it guarantees about its output:

- One block per line (or per side-by-side segment of a line, see below) with
  ``provenance.page`` (1-based); words are neither split nor merged: the text is
  PDFium's, spaces included.
- Tables become one block per row with ``cells`` (``text`` is the cells joined
  by `` | ``; provenance ``table``, the index of the table in the document, and
  ``row``). A ruled table is found from the page's thin path objects (its
  horizontal and vertical rules; about 0.2 ms a page, against 30-65 ms for
  pdfplumber's ``find_tables``); each character goes to the cell its centre
  lies in, and a cell's lines are joined with a space. A grid with text in one
  row only (a framed heading) stays text. Without rules, at least two
  consecutive lines of three or more segments that keep to the same columns
  are a table (a line in between that only adds text to some columns is a
  wrapped cell). A table that goes on at the top of the next page with the same
  column edges keeps its index; a repeated header row is dropped there, and a
  row split by the page break (its continuation has an empty first cell) is
  merged back into one.
- ``paragraph_break`` is decided from layout: a vertical gap larger than the
  line pitch, a first-line indent, the previous line ending early (the next
  line's first word would have fitted), or a bullet glyph starts a paragraph;
  a line that continues after a page break gets ``False``, and so does a line
  starting with ``- `` that sits at the left margin (where the document's
  bullets are indented) under a full line that does not end a sentence.
- Running headers and footers (the same text, digits aside, in the top or bottom
  band of most pages) and page-number lines (``2``, ``- 2 -``, ``Trang 2``) are
  removed; table cells never are.
- Footnotes (the lines under a short rule at the foot of a page, when set
  smaller than the body) are left out, and a note says on which pages; a
  footnote mark (line-final digits, smaller and raised) is cut off its line.
- A leading private-use bullet glyph (``U+F0B7`` ...) is turned into ``-``.
- The side-by-side blocks at the top of the first page (issuer | national heading)
  and at the end of the last page, or of the page holding ``Nơi nhận``
  (``Nơi nhận`` | signature), are read left column first, then right column,
  like the header lines of a text file. In the closing block a left-column line
  without a dash, indented under a recipient, continues that recipient
  (``paragraph_break=False``); every other line there starts a paragraph.
- ``bold`` when the line's first and last characters are set in a bold font.
"""

from __future__ import annotations

import bisect
import ctypes
import hashlib
import itertools
import math
import re
import statistics
from collections import Counter, defaultdict
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
_RULE_THICKNESS = 3.0  # a path no thicker than this (points) is a rule ...
_MIN_RULE = 6.0  # ... when it is at least this long
_RULE_TOLERANCE = 2.0  # rules this close touch, or stand at the same position
_MAX_RULES = 3000  # more thin paths than this on a page: a drawing, not a table grid
_MAX_CROSSINGS = 200_000  # horizontal x vertical rules (after joining) worth testing
_FOOTNOTE_RULE_SHARE = 0.45  # a footnote separator is shorter than this share of the page width
_FOOTNOTE_BAND = 0.45  # and lies in this bottom share of the page
_SUPERSCRIPT_SHARE = 0.8  # a line-final digit this much smaller than the line is a note mark
_ALIGN_TOLERANCE = 3.0  # points a cell of an unruled table may stray over its column's edge
_MIN_COLUMNS = 3  # segments on each line of an unruled table
_WRAP_STEP_EM = 1.6  # a wrapped cell line sits at most this many font sizes below the last

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
_SENTENCE_END = re.compile(
    r"""
    [.;:!?…]   # a full stop, semicolon, colon ...
    [\s)"”’]*$  # ... possibly followed by closing quotes or brackets, at the end of the line
    """,
    re.VERBOSE,
)
_RECIPIENTS = re.compile(
    r"""
    ^\s* n[ơo]i \s+ nh[ậa]n \b   # "Nơi nhận:" opens the closing block (recipients | signature)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_TRAILING_DIGITS = re.compile(
    r"""
    \d+$   # digits ending a line: a footnote mark when set smaller and raised
    """,
    re.VERBOSE,
)
_SPACES = re.compile(
    r"""
    \s+   # a run of spaces between words (its width decides a segment break)
    """,
    re.VERBOSE,
)
_SURROGATE = re.compile(
    r"""
    [\ud800-\udfff]   # half of a UTF-16 surrogate pair
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
    cells: tuple[str, ...] | None = None  # a table row: the text of each cell
    columns: tuple[float, ...] = ()  # a table row: x of its table's column edges
    grid: int = -1  # a table row: which table of the page it belongs to
    table: int | None = None  # a table row: index of the table in the document
    table_row: int | None = None  # a table row: index of the row in its table

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


@dataclass(frozen=True, slots=True)
class _Page:
    number: int
    width: float
    height: float
    lines: tuple[_Line, ...]
    footnote_rule: float | None = None  # y of a short rule at the foot of the page


@dataclass(frozen=True, slots=True)
class _Rule:
    """A thin path (a table border, a footnote separator), by its bounding box."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def horizontal(self) -> bool:
        return self.right - self.left >= self.top - self.bottom

    @property
    def x(self) -> float:
        return (self.left + self.right) / 2

    @property
    def y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class _Grid:
    """A ruled table on a page: its horizontal rules make rows, its vertical rules columns."""

    left: float
    right: float
    top: float
    bottom: float
    rows: tuple[float, ...]  # y of the horizontal rules, top to bottom
    verticals: tuple[_Rule, ...]
    columns: tuple[float, ...]  # x of every vertical rule, left to right

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.bottom <= y <= self.top

    def band(self, y: float) -> int | None:
        """The row (between two horizontal rules) at height ``y``."""
        for index, (upper, lower) in enumerate(itertools.pairwise(self.rows)):
            if lower <= y <= upper:
                return index
        return None

    def edges(self, band: int) -> tuple[float, ...]:
        """x of the vertical rules crossing a row (merged cells lack some)."""
        middle = (self.rows[band] + self.rows[band + 1]) / 2
        return _merge_positions(
            rule.x
            for rule in self.verticals
            if rule.bottom - _RULE_TOLERANCE <= middle <= rule.top + _RULE_TOLERANCE
        )


@dataclass(frozen=True, slots=True)
class _Fragment:
    """The part of one PDFium line that falls in one cell of a grid."""

    column: int
    row: int  # the PDFium line
    left: float
    text: str
    size: float
    bold: bool


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
    """PDFium's text of a page with access to its character boxes and fonts (raw calls on
    the text page handle: the per-character helpers of pypdfium2 cost more than PDFium)."""

    textpage: Any  # the raw FPDF_TEXTPAGE handle
    text: str
    rect: Any  # one FS_RECTF reused for every box

    def box(self, index: int) -> tuple[float, float, float, float]:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c

        rect = self.rect
        if not pdfium_c.FPDFText_GetLooseCharBox(self.textpage, index, rect):
            raise pdfium.PdfiumError("Failed to get charbox.")
        return rect.left, rect.bottom, rect.right, rect.top

    def size(self, index: int) -> float:
        import pypdfium2.raw as pdfium_c

        return float(pdfium_c.FPDFText_GetFontSize(self.textpage, index)) or 10.0

    def bold(self, index: int) -> bool:
        import pypdfium2.raw as pdfium_c

        return int(pdfium_c.FPDFText_GetFontWeight(self.textpage, index)) >= _BOLD_WEIGHT


def _chars_of(textpage: Any) -> _Chars:
    import pypdfium2.raw as pdfium_c

    return _Chars(textpage.raw, _textpage_to_text(textpage.raw), pdfium_c.FS_RECTF())


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
    for space in _SPACES.finditer(text, start, end):
        gap = chars.box(space.end())[0] - chars.box(space.start() - 1)[2]
        if gap > limit:
            segments.append((seg_start, space.start()))
            seg_start = space.end()
    segments.append((seg_start, end))
    return segments


def _without_note_mark(chars: _Chars, start: int, end: int) -> int:
    """End of a segment before a footnote mark: line-final digits set smaller and raised."""
    match = _TRAILING_DIGITS.search(chars.text, start, end)
    if match is None or match.start() == start:
        return end
    mark, body = chars.box(match.start()), chars.box(match.start() - 1)
    small = chars.size(match.start()) < _SUPERSCRIPT_SHARE * chars.size(start)
    raised = mark[1] > body[1] + 0.2 * (body[3] - body[1])
    if not (small and raised):
        return end
    end = match.start()
    while end > start and _is_blank(chars.text[end - 1]):
        end -= 1
    return end


def _segment_to_line(chars: _Chars, start: int, end: int, page: int, row: int) -> _Line:
    end = _without_note_mark(chars, start, end)
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


def _textpage_to_text(handle: Any) -> str:
    """One character per PDFium character index (so boxes line up); unmapped glyphs are NUL.
    The whole page in one call; a character outside the BMP comes as a surrogate pair there,
    which would shift the indices, so such a page is read one character at a time."""
    import pypdfium2.raw as pdfium_c

    count = max(int(pdfium_c.FPDFText_CountChars(handle)), 0)
    buffer = (ctypes.c_uint16 * (count + 1))()
    pdfium_c.FPDFText_GetText(handle, 0, count, buffer)
    text = ctypes.string_at(buffer, 2 * count).decode("utf-16-le", errors="surrogatepass")
    if len(text) == count and not _SURROGATE.search(text):
        return text
    codes = (pdfium_c.FPDFText_GetUnicode(handle, i) for i in range(count))
    return "".join(chr(code) if 0 < code < 0x110000 else "\x00" for code in codes)


# --------------------------------------------------------------------------- rules and grids


def _page_rules(page: Any) -> list[_Rule]:
    """Thin paths of a page (top-level objects; a stroked rectangle gives its four sides).
    Raw PDFium calls: a wrapper object per page object would cost more than the text."""
    import pypdfium2.raw as pdfium_c

    handle = page.raw
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = [ctypes.byref(v) for v in (left, bottom, right, top)]
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    rules: list[_Rule] = []
    for index in range(pdfium_c.FPDFPage_CountObjects(handle)):
        obj = pdfium_c.FPDFPage_GetObject(handle, index)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
            continue
        box = _Rule(left.value, bottom.value, right.value, top.value)
        thin = min(box.right - box.left, box.top - box.bottom)
        long = max(box.right - box.left, box.top - box.bottom)
        if thin <= _RULE_THICKNESS and long >= _MIN_RULE:
            rules.append(box)
        elif thin >= _MIN_RULE and pdfium_c.FPDFPath_CountSegments(obj) in (4, 5):
            pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
            if stroke.value:
                rules += _rectangle_sides(box)
        if len(rules) > _MAX_RULES:
            return []
    return rules


def _rectangle_sides(box: _Rule) -> list[_Rule]:
    return [
        replace(box, top=box.bottom),
        replace(box, bottom=box.top),
        replace(box, right=box.left),
        replace(box, left=box.right),
    ]


def _merge_positions(values: Iterator[float] | Sequence[float]) -> tuple[float, ...]:
    """Sorted positions, those within the tolerance of the previous one merged into it."""
    merged: list[float] = []
    for value in sorted(values):
        if not merged or value - merged[-1] > _RULE_TOLERANCE:
            merged.append(value)
    return tuple(merged)


def _join_collinear(rules: Sequence[_Rule], horizontal: bool) -> list[_Rule]:
    """One rule per run of touching collinear pieces (Word draws a border per cell)."""

    def along(rule: _Rule) -> tuple[float, float]:
        return (rule.left, rule.right) if horizontal else (rule.bottom, rule.top)

    def across(rule: _Rule) -> float:
        return rule.y if horizontal else rule.x

    joined: list[_Rule] = []
    for rule in sorted(rules, key=lambda r: (round(across(r) / _RULE_TOLERANCE), along(r)[0])):
        last = joined[-1] if joined else None
        if (
            last is not None
            and abs(across(last) - across(rule)) <= _RULE_TOLERANCE
            and along(rule)[0] <= along(last)[1] + _RULE_TOLERANCE
        ):
            joined[-1] = _Rule(
                min(last.left, rule.left),
                min(last.bottom, rule.bottom),
                max(last.right, rule.right),
                max(last.top, rule.top),
            )
        else:
            joined.append(rule)
    return joined


def _crosses(horizontal: _Rule, vertical: _Rule) -> bool:
    tol = _RULE_TOLERANCE
    return (
        horizontal.left - tol <= vertical.x <= horizontal.right + tol
        and vertical.bottom - tol <= horizontal.y <= vertical.top + tol
    )


def _rules_to_grids(rules: Sequence[_Rule]) -> tuple[list[_Grid], list[_Rule]]:
    """Grids (crossing rules with at least two rows of rules and two columns), and the
    horizontal rules that belong to no grid."""
    horizontals = _join_collinear([r for r in rules if r.horizontal], horizontal=True)
    verticals = _join_collinear([r for r in rules if not r.horizontal], horizontal=False)
    parent = list(range(len(horizontals) + len(verticals)))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    if len(horizontals) * len(verticals) > _MAX_CROSSINGS:
        return [], horizontals
    for h_index, h_rule in enumerate(horizontals):
        for v_index, v_rule in enumerate(verticals):
            if _crosses(h_rule, v_rule):
                parent[root(len(horizontals) + v_index)] = root(h_index)
    groups: defaultdict[int, list[int]] = defaultdict(list)
    for node in range(len(parent)):
        groups[root(node)].append(node)
    grids: list[_Grid] = []
    loose: list[_Rule] = []
    for members in groups.values():
        group_h = [horizontals[n] for n in members if n < len(horizontals)]
        group_v = [verticals[n - len(horizontals)] for n in members if n >= len(horizontals)]
        rows = _merge_positions([r.y for r in group_h])[::-1]
        columns = _merge_positions([r.x for r in group_v])
        if len(rows) < 2 or len(columns) < 3:
            loose += group_h
            continue
        grids.append(
            _Grid(
                left=min(r.left for r in group_h + group_v),
                right=max(r.right for r in group_h + group_v),
                top=max(r.top for r in group_h + group_v),
                bottom=min(r.bottom for r in group_h + group_v),
                rows=rows,
                verticals=tuple(group_v),
                columns=columns,
            )
        )
    grids.sort(key=lambda g: -g.top)
    return grids, loose


def _footnote_rule(loose: Sequence[_Rule], width: float, height: float) -> float | None:
    """The highest short rule in the bottom part of the page: a footnote separator."""
    short = [
        rule.y
        for rule in loose
        if rule.right - rule.left < _FOOTNOTE_RULE_SHARE * width
        and rule.y < _FOOTNOTE_BAND * height
    ]
    return max(short, default=None)


# --------------------------------------------------------------------------- table rows


def _column(edges: Sequence[float], x: float) -> int:
    return min(max(bisect.bisect_right(edges, x) - 1, 0), max(len(edges) - 2, 0))


def _grid_fragments(
    chars: _Chars, start: int, end: int, row: int, grid: _Grid, band: int
) -> Iterator[_Fragment]:
    """Cut one PDFium line where its characters pass from one cell into the next."""
    edges = grid.edges(band)
    text = chars.text
    run_start = run_end = -1
    run_column = -1
    for index in range(start, end + 1):
        column = -1
        if index < end:
            if _is_blank(text[index]):
                continue
            left, _, right, _ = chars.box(index)
            column = _column(edges, (left + right) / 2)
            if column == run_column:
                run_end = index + 1
                continue
        if run_start >= 0:
            yield _Fragment(
                column=run_column,
                row=row,
                left=chars.box(run_start)[0],
                text=text[run_start:run_end].replace("\x00", "").strip(),
                size=chars.size(run_start),
                bold=chars.bold(run_start) and chars.bold(run_end - 1),
            )
        run_start, run_end, run_column = index, index + 1, column


def _grid_of(chars: _Chars, start: int, end: int, grids: Sequence[_Grid]) -> tuple[int, int] | None:
    """(grid, row band) of a PDFium line whose first character lies inside a grid."""
    first = next((i for i in range(start, end) if not _is_blank(chars.text[i])), None)
    if first is None:
        return None
    left, bottom, right, top = chars.box(first)
    x, y = (left + right) / 2, (bottom + top) / 2
    for index, grid in enumerate(grids):
        if grid.contains(x, y) and (band := grid.band(y)) is not None:
            return index, band
    return None


def _grid_rows(
    grids: Sequence[_Grid], cells: dict[tuple[int, int], list[_Fragment]], page: int
) -> list[_Line]:
    """One line per grid row with text: its cells' lines joined in reading order."""
    rows: list[_Line] = []
    for grid_index, grid in enumerate(grids):
        bands = sorted(band for g, band in cells if g == grid_index)
        # the rows take the PDFium line numbers of their text, in top-to-bottom order
        numbers = sorted(min(f.row for f in cells[grid_index, band]) for band in bands)
        for band, number in zip(bands, numbers, strict=True):
            fragments = sorted(cells[grid_index, band], key=lambda f: (f.row, f.left))
            by_column: list[list[str]] = [[] for _ in range(max(len(grid.edges(band)) - 1, 1))]
            for fragment in fragments:
                if fragment.text:
                    by_column[fragment.column].append(fragment.text)
            texts = tuple(" ".join(parts) for parts in by_column)
            rows.append(
                _Line(
                    text=" | ".join(texts),
                    page=page,
                    row=number,
                    left=grid.left,
                    right=grid.right,
                    top=grid.rows[band],
                    bottom=grid.rows[band + 1],
                    size=fragments[0].size,
                    bold=all(f.bold for f in fragments if f.text),
                    cells=texts,
                    columns=grid.columns,
                    grid=grid_index,
                )
            )
    return rows


def _fits(line: _Line, edges: Sequence[float]) -> int | None:
    """The column of an unruled table a segment lies in, if it lies in one."""
    column = _column(edges, line.left + _ALIGN_TOLERANCE)
    inside = edges[column] - _ALIGN_TOLERANCE <= line.left
    return column if inside and line.right <= edges[column + 1] + _ALIGN_TOLERANCE else None


def _row_columns(row: Sequence[_Line], edges: Sequence[float]) -> list[int] | None:
    columns = [_fits(line, edges) for line in row]
    if None in columns or len(set(columns)) != len(columns):
        return None
    return [c for c in columns if c is not None]


def _edges_of(row: Sequence[_Line]) -> tuple[float, ...]:
    """Column edges of an unruled table from one of its lines: midway between segments."""
    inner = [(a.right + b.left) / 2 for a, b in itertools.pairwise(row)]
    return (-math.inf, *inner, math.inf)


def _aligned_rows(lines: Sequence[_Line], first_grid: int) -> list[_Line]:
    """Rebuild unruled tables: runs of at least two lines of three or more segments whose
    segments stay in the same columns; a line between them that only adds text to some
    columns (a wrapped cell) is merged into the row above."""
    rows = _rows(lines)
    out: list[_Line] = []
    index = 0
    grid = first_grid
    while index < len(rows):
        head = rows[index]
        edges = _edges_of(head)
        members: list[tuple[list[_Line], list[int]]] = []
        if len(head) >= _MIN_COLUMNS:
            members = [(head, list(range(len(head))))]
            probe = index + 1
            while probe < len(rows):
                row = rows[probe]
                columns = _row_columns(row, edges)
                last = members[-1][0][0]
                close = last.page == row[0].page and (
                    last.bottom - row[0].bottom <= _WRAP_STEP_EM * row[0].size
                )
                if columns is None or (len(row) < _MIN_COLUMNS and not close):
                    break
                members.append((row, columns))
                probe += 1
        if sum(len(row) >= _MIN_COLUMNS for row, _ in members) < 2:
            out += head
            index += 1
            continue
        out += _aligned_table(members, edges, grid)
        grid += 1
        index += len(members)
    return out


def _aligned_table(
    members: Sequence[tuple[list[_Line], list[int]]], edges: Sequence[float], grid: int
) -> list[_Line]:
    count = len(edges) - 1
    table: list[tuple[_Line, list[list[str]]]] = []
    for row, columns in members:
        if len(row) >= _MIN_COLUMNS or not table:
            table.append((row[0], [[] for _ in range(count)]))
        for line, column in zip(row, columns, strict=True):
            table[-1][1][column].append(line.text.strip())
    out: list[_Line] = []
    for first, parts in table:
        cells = tuple(" ".join(p) for p in parts)
        out.append(
            replace(
                first,
                text=" | ".join(cells),
                cells=cells,
                columns=tuple(edges[1:-1]),
                grid=grid,
            )
        )
    return out


def _page_to_lines(pdf: Any, index: int) -> _Page:
    page = pdf[index]
    try:
        width, height = (float(v) for v in page.get_size())
        grids, loose = _rules_to_grids(_page_rules(page))
        textpage = page.get_textpage()
        try:
            chars = _chars_of(textpage)
            spans = [
                (row, *match.span(), _grid_of(chars, *match.span(), grids) if grids else None)
                for row, match in enumerate(_LINE.finditer(chars.text))
            ]
            # a grid with text in one row only is a box (a framed heading), not a table
            bands = Counter(grid for grid, _ in {place for *_, place in spans if place})
            lines: list[_Line] = []
            cells: defaultdict[tuple[int, int], list[_Fragment]] = defaultdict(list)
            for row, start, end, place in spans:
                if place is not None and bands[place[0]] >= 2:
                    grid = grids[place[0]]
                    cells[place] += _grid_fragments(chars, start, end, row, grid, place[1])
                    continue
                for seg_start, seg_end in _span_to_segments(chars, start, end):
                    lines.append(_segment_to_line(chars, seg_start, seg_end, index + 1, row))
        finally:
            textpage.close()
    finally:
        page.close()
    lines = _aligned_rows(lines, len(grids)) + _grid_rows(grids, cells, index + 1)
    lines.sort(key=lambda line: (line.row, line.left))
    return _Page(index + 1, width, height, tuple(lines), _footnote_rule(loose, width, height))


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
    if band is None or line.cells is not None:
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
    if _band(line, page) is None or line.cells is not None:
        return False
    return bool(_PAGE_NUMBER.match(line.text)) or _running_key(line, page) in running


def _body_lines(page: _Page, running: set[tuple[str, str]]) -> tuple[_Line, ...]:
    return tuple(line for line in page.lines if not _is_page_furniture(line, page, running))


def _without_furniture(pages: Sequence[_Page]) -> list[_Page]:
    running = _running_keys(pages)
    return [replace(page, lines=_body_lines(page, running)) for page in pages]


def _body_size(pages: Sequence[_Page]) -> float:
    sizes = [line.size for page in pages for line in page.lines if line.cells is None]
    return statistics.median(sizes) if sizes else 0.0


def _footnote_lines(page: _Page, body_size: float) -> tuple[_Line, ...]:
    """The lines under the page's footnote separator, when some are set smaller than the body."""
    rule = page.footnote_rule
    if rule is None:
        return ()
    below = tuple(line for line in page.lines if line.cells is None and line.top <= rule)
    return below if any(line.size < body_size - 0.5 for line in below) else ()


def _without_footnotes(pages: Sequence[_Page]) -> tuple[list[_Page], list[int]]:
    """Pages without their footnotes, and the numbers of the pages that had some."""
    body_size = _body_size(pages)
    out: list[_Page] = []
    dropped: list[int] = []
    for page in pages:
        notes = {id(line) for line in _footnote_lines(page, body_size)}
        if notes:
            dropped.append(page.number)
            page = replace(page, lines=tuple(ln for ln in page.lines if id(ln) not in notes))
        out.append(page)
    return out, dropped


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


def _side_by_side_run(rows: Sequence[list[_Line]], page: _Page, across_rows: bool = False) -> int:
    """How many leading rows are laid out in a left and a right column: one row at least
    holds both sides, or (``across_rows``) the rows together do."""
    count = 0
    for row in rows:
        if any(_side(line, page) is None for line in row):
            break
        count += 1
    if across_rows:
        two_sided = len({_side(line, page) for row in rows[:count] for line in row}) == 2
    else:
        two_sided = any(len({_side(line, page) for line in row}) == 2 for row in rows[:count])
    return count if two_sided else 0


def _trim_to_two_sided(rows: Sequence[list[_Line]], page: _Page) -> int:
    """Rows of a closing block from its ``Nơi nhận`` line, else from its first two-sided
    row on (a short last line of the body just above the signature stays in the body).
    PDFium may give the left column's lines before the right column's: then no row is
    two-sided, and only ``Nơi nhận`` tells where the block starts."""
    for index, row in enumerate(rows):
        if any(_RECIPIENTS.match(line.text) for line in row):
            return len(rows) - index
    for index, row in enumerate(rows):
        if len({_side(line, page) for line in row}) == 2:
            return len(rows) - index
    return 0


def _columns_first(rows: Sequence[list[_Line]], page: _Page) -> list[_Line]:
    left = [line for row in rows for line in row if _side(line, page) == "left"]
    right = [line for row in rows for line in row if _side(line, page) == "right"]
    return left + right


def _closing_breaks(lines: Sequence[_Line], page: _Page) -> dict[int, bool]:
    """paragraph_break of each line of a closing block: a left-column line without a dash,
    indented under a recipient (``- TT Huyện ủy, TT HĐND huyện`` / ``(b/c);``), continues it."""
    breaks: dict[int, bool] = {}
    bullet: _Line | None = None  # the recipient being read in the left column
    prev: _Line | None = None
    for line in lines:
        left = _side(line, page) == "left"
        continues = (
            left
            and bullet is not None
            and prev is not None
            and not _BULLET_START.match(line.text)
            and line.left > bullet.left + 0.5
            and 0 < prev.bottom - line.bottom <= _WRAP_STEP_EM * line.size
        )
        breaks[id(line)] = not continues
        if left and _BULLET_START.match(line.text):
            bullet = line
        elif not continues:
            bullet = None
        prev = line
    return breaks


def _is_closing(rows: Sequence[list[_Line]]) -> bool:
    return any(_RECIPIENTS.match(line.text) for row in rows for line in row)


def _reading_order(pages: Sequence[_Page]) -> tuple[list[_Line], dict[int, bool]]:
    """All lines in reading order, and the paragraph breaks of those in a side-by-side block
    (the header block of the first page, the closing block of the last page or of the page
    that holds ``Nơi nhận``)."""
    ordered: list[_Line] = []
    side_by_side: dict[int, bool] = {}
    last = max((p.number for p in pages if p.lines), default=0)
    first = min((p.number for p in pages if p.lines), default=0)
    for page in pages:
        rows = _rows(page.lines)
        head = _side_by_side_run(rows, page) if page.number == first else 0
        tail = _side_by_side_run(rows[head:][::-1], page, across_rows=True)
        tail = _trim_to_two_sided(rows[len(rows) - tail :], page)
        if page.number != last and not _is_closing(rows[len(rows) - tail :]):
            tail = 0
        middle_end = len(rows) - tail
        head_lines = _columns_first(rows[:head], page)
        tail_lines = _columns_first(rows[middle_end:], page)
        side_by_side.update((id(line), True) for line in head_lines)
        side_by_side.update(_closing_breaks(tail_lines, page))
        ordered += head_lines
        ordered += [line for row in rows[head:middle_end] for line in row]
        ordered += tail_lines
    return ordered, side_by_side


def _number_tables(lines: Sequence[_Line]) -> list[_Line]:
    """Give table rows their table and row index. A table that goes on at the top of the
    next page (nothing but page furniture between, the same column edges) keeps its index;
    there a repeated header row is dropped, and a first row with an empty first cell (a row
    split by the page break) is merged into the row above."""
    out: list[_Line] = []
    table = -1
    header: tuple[str, ...] = ()
    count = 0
    segment: tuple[int, int] | None = None  # (page, grid) of the rows being read
    data_rows = 0  # rows of this segment other than a repeated header
    for line in lines:
        if line.cells is None:
            out.append(line)
            continue
        prev = out[-1] if out and out[-1].cells is not None else None
        if prev is None or segment != (line.page, line.grid):
            continued = (
                prev is not None
                and prev.page + 1 == line.page
                and _same_columns(prev.columns, line.columns)
            )
            segment, data_rows = (line.page, line.grid), 0
            if not continued:
                table, header, count = table + 1, line.cells, 0
            elif line.cells == header:
                continue
        if (
            data_rows == 0
            and prev is not None
            and prev.table == table
            and prev.page + 1 == line.page
            and _splits_row(prev.cells or (), line.cells)
        ):
            out[-1] = _merge_rows(prev, line.cells)
            data_rows += 1
            continue
        data_rows += 1
        out.append(replace(line, table=table, table_row=count))
        count += 1
    return out


def _same_columns(a: Sequence[float], b: Sequence[float]) -> bool:
    return len(a) == len(b) and all(
        abs(x - y) <= _RULE_TOLERANCE for x, y in zip(a, b, strict=True)
    )


def _splits_row(above: tuple[str, ...], cells: tuple[str, ...]) -> bool:
    return len(above) == len(cells) and bool(above[0]) and not cells[0] and any(cells)


def _merge_rows(row: _Line, cells: tuple[str, ...]) -> _Line:
    merged = tuple(
        " ".join(p for p in pair if p) for pair in zip(row.cells or (), cells, strict=True)
    )
    return replace(row, cells=merged, text=" | ".join(merged))


# --------------------------------------------------------------------------- paragraphs


@dataclass(frozen=True, slots=True)
class _Layout:
    """Document-wide measures the paragraph decisions compare against."""

    left_margin: float
    right_margin: float
    pitch: float  # usual distance between baselines of consecutive lines
    bullet_left: float | None = None  # where most "- " bullets start


def _lines_to_layout(lines: Sequence[_Line]) -> _Layout:
    lefts = Counter(round(line.left) for line in lines)
    frequent = [x for x, n in lefts.items() if n >= max(2, 0.1 * len(lines))]
    left_margin = float(min(frequent or lefts or [0]))
    bullets = Counter(round(line.left) for line in lines if _BULLET_START.match(line.text))
    bullet_left = float(bullets.most_common(1)[0][0]) if bullets else None
    right_margin = _right_margin([line.right for line in lines])
    steps = [
        prev.bottom - line.bottom
        for prev, line in itertools.pairwise(lines)
        if prev.page == line.page and 0.5 * line.size < prev.bottom - line.bottom < 3 * line.size
    ]
    pitch = statistics.median(steps) if steps else 1.2 * (lines[0].size if lines else 12.0)
    return _Layout(left_margin, right_margin, pitch, bullet_left)


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


def _is_full(line: _Line, layout: _Layout, next_line: _Line) -> bool:
    """The line runs to the right margin: the next line's first word would not have fitted."""
    return layout.right_margin - line.right <= _first_word_width(next_line)


def _dash_continues(prev: _Line, line: _Line, layout: _Layout) -> bool:
    """A "- " line at the left margin under a full line that ends mid-sentence, where the
    document's bullets are indented, is a wrapped line that starts with a dash
    (``... kết nối thông tin cung`` / ``- cầu lao động ...``)."""
    indent = _INDENT_EM * line.size
    return (
        layout.bullet_left is not None
        and layout.bullet_left > layout.left_margin + indent
        and line.left <= layout.left_margin + indent / 2
        and prev.cells is None
        and _is_full(prev, layout, line)
        and not _SENTENCE_END.search(prev.text)
    )


def _starts_paragraph(prev: _Line | None, line: _Line, layout: _Layout) -> bool:
    if prev is None or (prev.row == line.row and prev.page == line.page):
        return True
    if prev.cells is not None:
        return True
    if _LEADING_PUA.match(line.text):
        return True
    if _BULLET_START.match(line.text):
        return not _dash_continues(prev, line, layout)
    if prev.page == line.page and prev.bottom - line.bottom > _GAP_FACTOR * layout.pitch:
        return True
    if line.left > layout.left_margin + _INDENT_EM * line.size:
        return True
    return not _is_full(prev, layout, line)


def _pua_bullet_to_dash(text: str) -> str:
    return _LEADING_PUA.sub(lambda m: f"{m.group('indent')}-", text, count=1)


def _lines_to_blocks(lines: Sequence[_Line], side_by_side: dict[int, bool]) -> Iterator[Block]:
    layout = _lines_to_layout(
        [line for line in lines if id(line) not in side_by_side and line.cells is None]
    )
    prev: _Line | None = None
    for line in lines:
        if line.cells is not None:
            yield Block(
                text=line.text,
                provenance=Provenance(page=line.page, table=line.table, row=line.table_row),
                bold=line.bold,
                paragraph_break=True,
                cells=line.cells,
            )
            prev = line
            continue
        brk = side_by_side.get(id(line))
        if brk is None:
            brk = _starts_paragraph(prev, line, layout)
        yield Block(
            text=_pua_bullet_to_dash(line.text),
            provenance=Provenance(page=line.page, line=line.row),
            bold=line.bold,
            paragraph_break=brk,
        )
        prev = line


def _notes(pages: Sequence[_Page], footnote_pages: Sequence[int]) -> list[str]:
    notes: list[str] = []
    blank = [str(page.number) for page in pages if not page.lines]
    if blank:
        notes.append(f"pages without a text layer: {', '.join(blank)}")
    if footnote_pages:
        pages_text = ", ".join(map(str, footnote_pages))
        notes.append(f"footnotes left out (page {pages_text})")
    return notes


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
    pages, footnote_pages = _without_footnotes(_without_furniture(raw_pages))
    lines, side_by_side = _reading_order(pages)
    return RawDocument(
        blocks=list(_lines_to_blocks(_number_tables(lines), side_by_side)),
        format="pdf",
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        notes=_notes(raw_pages, footnote_pages),
    )
