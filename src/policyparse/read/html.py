"""HTML saved from a portal: the main text, read with the standard library's HTML parser.

Blocks are the text of block-level elements (``p``, ``div``, ``li``, ``h1``-``h6``,
``br`` breaks), table rows become blocks with ``cells``. Scripts, styles,
navigation, headers, footers, forms and asides are skipped; when the page has
an ``<article>`` or ``<main>`` element, only it is read. Nothing is fetched:
links, images and external entities are ignored.
"""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path

from policyparse.errors import EmptyDocumentError
from policyparse.read.blocks import Block, Provenance, RawDocument
from policyparse.read.txt import decode_text

_SKIP = {
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "form",
    "aside",
    "noscript",
    "template",
    "svg",
    "head",
}
_BLOCK = {
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "main",
    "pre",
    "dd",
    "dt",
    "center",
}
_MAIN = {"article", "main"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[str, tuple[str, ...] | None]] = []
        self.main_lines: list[tuple[str, tuple[str, ...] | None]] = []
        self._buffer: list[str] = []
        self._skip_depth = 0
        self._main_depth = 0
        self._stack: list[str] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        self._buffer = []
        if text:
            self._emit(text, None)

    def _emit(self, text: str, cells: tuple[str, ...] | None) -> None:
        self.lines.append((text, cells))
        if self._main_depth:
            self.main_lines.append((text, cells))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self._stack.append(tag)
        if tag in _SKIP:
            self._skip_depth += 1
        if tag in _MAIN:
            self._main_depth += 1
        if self._skip_depth:
            return
        if tag == "tr":
            self._flush()
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br":
            if self._cell is not None:
                self._cell.append(" ")
            else:
                self._flush()
        elif tag in _BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._stack:
            while self._stack:
                if self._stack.pop() == tag:
                    break
        if tag in _SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if self._skip_depth:
            return
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            cells = tuple(self._row)
            if any(cells):
                self._emit(" | ".join(cells), cells)
            self._row = None
        elif tag in _BLOCK:
            self._flush()
        if tag in _MAIN:
            self._main_depth = max(0, self._main_depth - 1)

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._cell is not None:
            self._cell.append(data)
        else:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_lines(text: str) -> list[tuple[str, tuple[str, ...] | None]]:
    """``(text, cells)`` for each block of the page's main text.

    >>> page = "<body><nav>Menu</nav><p>KẾ HOẠCH</p><table><tr><td>1</td><td>a</td></tr></table>"
    >>> html_to_lines(page)
    [('KẾ HOẠCH', None), ('1 | a', ('1', 'a'))]
    """
    parser = _TextCollector()
    parser.feed(text)
    parser.close()
    return parser.main_lines or parser.lines


def read_html(path: Path) -> RawDocument:
    data = path.read_bytes()
    text, _encoding = decode_text(data, str(path))
    lines = html_to_lines(text)
    blocks = [
        Block(text=line, provenance=Provenance(paragraph=i), paragraph_break=True, cells=cells)
        for i, (line, cells) in enumerate(lines)
    ]
    if not blocks:
        raise EmptyDocumentError("the page holds no text", path)
    return RawDocument(
        blocks=blocks, format="html", path=str(path), sha256=hashlib.sha256(data).hexdigest()
    )
