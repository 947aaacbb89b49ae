"""Word .docx reader: the body's paragraphs and tables → blocks, in reading order.

What it guarantees about its output:

- One block per body paragraph (``paragraph_break=True``, ``provenance.paragraph``
  = index of the paragraph among the body's paragraphs, content controls included);
  paragraphs whose text and label are both empty are left out.
- Word automatic numbering, which is never part of the text, is rebuilt from
  ``numbering.xml`` and put in ``Block.label`` as the document shows it
  (``"I."``, ``"1.1."``, ``"a)"``; bullet glyphs become ``"-"``).
- ``heading_level`` from a ``heading N`` style or an outline level (direct or
  inherited through ``basedOn``); ``bold`` when every non-blank run is bold.
- One block per table row with ``cells`` (a cell's paragraphs joined by a space,
  a numbered paragraph with its label in front; a horizontally merged cell once;
  a vertically merged cell repeated on every row it spans).
- "Layout tables" (the header table with the issuer beside the national heading,
  the signature table with ``Nơi nhận``) are flattened column by column into
  paragraph blocks, one per line, so they read like the header lines of a text.
- A table of contents (``toc N`` styled paragraphs, a TOC content control) is dropped.
- Text in text boxes, headers, footers, footnotes and comments is not read;
  deleted (tracked) and hidden text is left out, inserted text kept.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from policyparse.errors import (
    CorruptFileError,
    EmptyDocumentError,
    EncryptedFileError,
    FileTooLargeError,
)
from policyparse.read.blocks import Block, Provenance, RawDocument

__all__ = ["MAX_COMPRESSION_RATIO", "MAX_UNCOMPRESSED_BYTES", "read_docx"]

Element = Any  # an lxml element of python-docx's oxml tree (lxml ships no type stubs)
T = TypeVar("T")

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
_RATIO_CHECK_FROM_BYTES = 10 * 1024 * 1024
_INFLATE_CHUNK = 1 << 20  # small files may be repetitive; only big ones are bombs

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")  # OLE directory names are UTF-16
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MAX_STYLE_DEPTH = 32  # guard against basedOn cycles
_MAX_LEVELS = 9

_HEADING_STYLE = re.compile(
    r"""
    ^heading \s* (?P<level>[1-9]) $   # built-in "heading 1" .. "heading 9" (style name)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_TOC_STYLE = re.compile(
    r"""
    ^(?: toc \s* [1-9]       # "toc 1" .. "toc 9": entries of a table of contents
      | toc \s* heading      # "TOC Heading": its title
      | table \s of \s contents   # a custom style named after the field
    )$
    """,
    re.VERBOSE | re.IGNORECASE,
)
_TOC_TITLE = re.compile(
    r"""
    ^\s* (?: mục \s* lục         # Vietnamese title of a table of contents
          | table \s of \s contents   # English titles
          | contents
    ) \s* :? \s*$              # alone on its line, maybe with a colon
    """,
    re.VERBOSE | re.IGNORECASE,
)
_LAYOUT_MARKER = re.compile(
    r"""
      nơi \s+ nhận                               # the distribution list beside the signature
    | đảng \s+ cộng \s+ sản \s+ việt \s+ nam      # national heading of Party documents
    | cộng \s+ h (?:òa|oà) \s+ xã \s+ hội \s+ chủ \s+ nghĩa \s+ việt \s+ nam   # of state documents
    """,
    re.VERBOSE | re.IGNORECASE,
)
_LEVEL_PLACEHOLDER = re.compile(
    r"""
    % (?P<level>[1-9])   # %N: the current number of level N (1-based) in a lvlText template
    """,
    re.VERBOSE,
)

_BULLET_GLYPHS = frozenset("•◦▪■□●○·‣⁃∙◆◇➢➤►o\uf0b7\uf0a7\uf076\uf0d8\uf0fc")
_SYMBOL_FONTS = frozenset({"symbol", "wingdings", "wingdings 2", "wingdings 3", "webdings"})
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: ``_w("p")`` → ``{...main}p``."""
    return f"{{{_W}}}{tag}"


def _wval(element: Element | None, attribute: str = "val") -> str | None:
    """The ``w:val`` (or another ``w:`` attribute) of an element, None when absent."""
    if element is None:
        return None
    value = element.get(_w(attribute))
    return str(value) if value is not None else None


def _int_or(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _on_off(element: Element | None) -> bool | None:
    """A toggle property such as ``<w:b/>``: None when absent, else its truth."""
    if element is None:
        return None
    return _wval(element) not in {"0", "false", "off", "none"}


# --------------------------------------------------------------------------- file checks


def _refuse_unreadable_container(data: bytes, path: Path) -> None:
    """Raise the typed error for bytes that are not a usable .docx zip."""
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise EncryptedFileError("the .docx is password-protected", path)
        raise CorruptFileError("an OLE file (legacy .doc?), not a .docx zip", path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, NotImplementedError):
        raise CorruptFileError("not a valid .docx (zip) file", path) from None
    with archive:
        infos = archive.infolist()
        if "word/document.xml" not in {info.filename for info in infos}:
            raise CorruptFileError("the zip holds no word/document.xml", path)
        total = sum(info.file_size for info in infos)
        packed = max(1, sum(info.compress_size for info in infos))
        if total > MAX_UNCOMPRESSED_BYTES:
            raise FileTooLargeError(
                f"unpacks to {total} bytes (limit {MAX_UNCOMPRESSED_BYTES})", path
            )
        if total > _RATIO_CHECK_FROM_BYTES and total / packed > MAX_COMPRESSION_RATIO:
            raise FileTooLargeError(
                f"compression ratio {total // packed} looks like a zip bomb", path
            )
        _inflate_within_limit(archive, infos, path)


def _inflate_within_limit(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], path: Path
) -> None:
    """Inflate every member in chunks, counting: the sizes a zip declares may lie.

    A member that declares 200 KB but inflates to 1 GB is stopped at the limit,
    with one chunk in memory, before python-docx would inflate it whole.
    """
    inflated = 0
    try:
        for info in infos:
            with archive.open(info) as member:
                while chunk := member.read(_INFLATE_CHUNK):
                    inflated += len(chunk)
                    if inflated > MAX_UNCOMPRESSED_BYTES:
                        limit = MAX_UNCOMPRESSED_BYTES
                        message = f"unpacks to more than {limit} bytes (its declared sizes lie)"
                        raise FileTooLargeError(message, path)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        NotImplementedError,
        RuntimeError,
        ValueError,
    ):
        raise CorruptFileError("a damaged .docx (zip) file", path) from None


def _open_document(data: bytes, path: Path) -> Any:
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises KeyError, ValueError, lxml errors ...
        raise CorruptFileError(f"python-docx cannot open it ({type(err).__name__})", path) from None


# --------------------------------------------------------------------------- styles


@dataclass(frozen=True, slots=True)
class _Style:
    """What the reader needs of one ``w:style``."""

    name: str
    based_on: str | None
    bold: bool | None
    num_id: str | None
    ilvl: int | None
    outline_level: int | None


def _element_to_style(element: Element) -> _Style:
    ppr = element.find(_w("pPr"))
    numpr = ppr.find(_w("numPr")) if ppr is not None else None
    outline = ppr.find(_w("outlineLvl")) if ppr is not None else None
    rpr = element.find(_w("rPr"))
    ilvl = _wval(numpr.find(_w("ilvl"))) if numpr is not None else None
    return _Style(
        name=_wval(element.find(_w("name"))) or "",
        based_on=_wval(element.find(_w("basedOn"))),
        bold=_on_off(rpr.find(_w("b"))) if rpr is not None else None,
        num_id=_wval(numpr.find(_w("numId"))) if numpr is not None else None,
        ilvl=_int_or(ilvl, 0) if ilvl is not None else None,
        outline_level=_int_or(_wval(outline), 9) if outline is not None else None,
    )


@dataclass(slots=True)
class _Styles:
    """The style table, with lookups that follow the ``basedOn`` chain."""

    by_id: dict[str, _Style]
    default_paragraph: str | None
    default_bold: bool

    @classmethod
    def from_document(cls, document: Any) -> _Styles:
        try:
            root = document.styles.element
        except Exception:  # a .docx without styles.xml
            return cls({}, None, False)
        by_id: dict[str, _Style] = {}
        default_paragraph = None
        for element in root.iter(_w("style")):
            style_id = _wval(element, "styleId")
            if style_id is None:
                continue
            by_id[style_id] = _element_to_style(element)
            is_default = _wval(element, "default") in {"1", "true", "on"}
            if _wval(element, "type") == "paragraph" and is_default:
                default_paragraph = style_id
        rpr_default = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        default_bold = bool(rpr_default is not None and _on_off(rpr_default.find(_w("b"))))
        return cls(by_id, default_paragraph, default_bold)

    def chain(self, style_id: str | None) -> Iterator[_Style]:
        """The style and its ancestors, nearest first."""
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            if len(seen) >= _MAX_STYLE_DEPTH:
                return
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = style.based_on

    def inherited(self, style_id: str | None, get: Callable[[_Style], T | None]) -> T | None:
        """The first value ``get`` finds along the ``basedOn`` chain."""
        for style in self.chain(style_id):
            value = get(style)
            if value is not None:
                return value
        return None

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or "")
        return style.name if style else ""


# --------------------------------------------------------------------------- numbering


@dataclass(frozen=True, slots=True)
class _Level:
    """One ``w:lvl`` of a list definition."""

    fmt: str  # numFmt: decimal, upperRoman, lowerLetter, bullet, none ...
    template: str  # lvlText: "%1.", "%1.%2.", "%1)", a bullet glyph
    start: int
    legal: bool  # isLgl: show every level's number in decimal
    symbol_font: bool  # the glyph is drawn in Symbol / Wingdings
    style_id: str | None  # pStyle: the paragraph style bound to this level


@dataclass(frozen=True, slots=True)
class _Num:
    """A ``w:num``: an instance of an abstract list, maybe with overrides."""

    abstract_id: str
    start_overrides: dict[int, int]
    level_overrides: dict[int, _Level]


def _element_to_level(element: Element) -> _Level:
    fonts = element.find(f"{_w('rPr')}/{_w('rFonts')}")
    font_names = {
        str(fonts.get(_w(attr))).lower()
        for attr in ("ascii", "hAnsi", "cs")
        if fonts is not None and fonts.get(_w(attr)) is not None
    }
    template = element.find(_w("lvlText"))
    return _Level(
        fmt=_wval(element.find(_w("numFmt"))) or "decimal",
        template=(_wval(template) or "") if template is not None else "%1.",
        start=_int_or(_wval(element.find(_w("start"))), 1),
        legal=bool(_on_off(element.find(_w("isLgl")))),
        symbol_font=bool(font_names & _SYMBOL_FONTS),
        style_id=_wval(element.find(_w("pStyle"))),
    )


def _element_to_levels(element: Element) -> dict[int, _Level]:
    return {
        _int_or(_wval(lvl, "ilvl"), 0): _element_to_level(lvl) for lvl in element.iter(_w("lvl"))
    }


def _element_to_num(element: Element) -> _Num:
    starts: dict[int, int] = {}
    levels: dict[int, _Level] = {}
    for override in element.findall(_w("lvlOverride")):
        ilvl = _int_or(_wval(override, "ilvl"), 0)
        start = override.find(_w("startOverride"))
        if start is not None:
            starts[ilvl] = _int_or(_wval(start), 1)
        lvl = override.find(_w("lvl"))
        if lvl is not None:
            levels[ilvl] = _element_to_level(lvl)
    abstract = _wval(element.find(_w("abstractNumId"))) or ""
    return _Num(abstract, starts, levels)


def int_to_roman(number: int) -> str:
    """Upper-case Roman numeral (Word falls back to decimal beyond 3999).

    >>> int_to_roman(14)
    'XIV'
    """
    if not 0 < number < 4000:
        return str(number)
    digits = []
    for value, numeral in _ROMAN:
        count, number = divmod(number, value)
        digits.append(numeral * count)
    return "".join(digits)


def int_to_letters(number: int) -> str:
    """Word's letter numbering: a .. z, then aa .. zz, aaa ...

    >>> [int_to_letters(n) for n in (1, 26, 27, 53)]
    ['a', 'z', 'aa', 'aaa']
    """
    if number < 1:
        return str(number)
    repeat, index = divmod(number - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


def format_number(number: int, fmt: str) -> str:
    """Render a list counter in a Word ``numFmt``.

    >>> [format_number(4, f) for f in ("decimal", "upperRoman", "lowerLetter", "decimalZero")]
    ['4', 'IV', 'd', '04']
    """
    if fmt == "upperRoman":
        return int_to_roman(number)
    if fmt == "lowerRoman":
        return int_to_roman(number).lower()
    if fmt == "upperLetter":
        return int_to_letters(number).upper()
    if fmt == "lowerLetter":
        return int_to_letters(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "none":
        return ""
    return str(number)  # decimal and every format policyparse does not render specially


def glyph_to_bullet(glyph: str, symbol_font: bool = False) -> str:
    """A bullet's glyph as the normaliser wants it: ``"-"`` for dots, squares, private-use.

    >>> [glyph_to_bullet(g) for g in ("\\uf0b7", "•", "o", "+", "–")]
    ['-', '-', '-', '+', '–']
    """
    glyph = glyph.strip()
    if not glyph:
        return ""
    if symbol_font or all(c in _BULLET_GLYPHS or _is_private_use(c) for c in glyph):
        return "-"
    return glyph


def _is_private_use(char: str) -> bool:
    return unicodedata.category(char) == "Co"


@dataclass(slots=True)
class _Numbering:
    """List definitions plus the running counters of each list instance."""

    abstracts: dict[str, dict[int, _Level]]
    style_links: dict[str, str]  # abstractNumId → list style it defers to (numStyleLink)
    nums: dict[str, _Num]
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def from_document(cls, document: Any) -> _Numbering:
        from docx.opc.constants import RELATIONSHIP_TYPE

        try:
            root = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
        except (KeyError, AttributeError):
            return cls({}, {}, {})
        abstracts: dict[str, dict[int, _Level]] = {}
        links: dict[str, str] = {}
        for element in root.findall(_w("abstractNum")):
            abstract_id = _wval(element, "abstractNumId") or ""
            abstracts[abstract_id] = _element_to_levels(element)
            link = _wval(element.find(_w("numStyleLink")))
            if link:
                links[abstract_id] = link
        nums = {
            _wval(element, "numId") or "": _element_to_num(element)
            for element in root.findall(_w("num"))
        }
        return cls(abstracts, links, nums)

    def resolve(self, num_id: str, styles: _Styles) -> tuple[str, dict[int, _Level]] | None:
        """The abstract list behind a numId (following one numStyleLink) and its levels."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        abstract_id = num.abstract_id
        link = self.style_links.get(abstract_id)
        if link is not None:
            linked_num = styles.inherited(link, lambda s: s.num_id)
            if linked_num is not None and linked_num in self.nums:
                abstract_id = self.nums[linked_num].abstract_id
        levels = self.abstracts.get(abstract_id)
        if levels is None:
            return None
        return abstract_id, {**levels, **num.level_overrides}

    def level_of_style(self, num_id: str, style_id: str, styles: _Styles) -> int:
        resolved = self.resolve(num_id, styles)
        if resolved is not None:
            for ilvl, level in resolved[1].items():
                if level.style_id == style_id:
                    return ilvl
        return 0

    def next_label(self, num_id: str, ilvl: int, styles: _Styles) -> str | None:
        """Advance the counter of (list, level) and render the label Word shows."""
        resolved = self.resolve(num_id, styles)
        if resolved is None or not 0 <= ilvl < _MAX_LEVELS:
            return None
        abstract_id, levels = resolved
        level = levels.get(ilvl)
        if level is None:
            return None
        num = self.nums[num_id]
        overridden = bool(num.start_overrides or num.level_overrides)
        key = f"num:{num_id}" if overridden else f"abstract:{abstract_id}"
        counters = self.counters.setdefault(key, [None] * _MAX_LEVELS)
        if num_id not in self.started:
            self.started.add(num_id)
            for override_level, start in num.start_overrides.items():
                if 0 <= override_level < _MAX_LEVELS:
                    counters[override_level] = start - 1
                    counters[override_level + 1 :] = [None] * (_MAX_LEVELS - override_level - 1)
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        counters[ilvl + 1 :] = [None] * (_MAX_LEVELS - ilvl - 1)
        return _render_label(level, levels, counters) or None


def _render_label(level: _Level, levels: dict[int, _Level], counters: list[int | None]) -> str:
    if level.fmt == "bullet":
        return glyph_to_bullet(level.template, level.symbol_font)

    def placeholder_to_number(match: re.Match[str]) -> str:
        n = int(match.group("level")) - 1
        shown = levels.get(n)
        value = counters[n] if n < len(counters) else None
        if value is None:
            value = shown.start if shown is not None else 1
        fmt = shown.fmt if shown is not None else "decimal"
        if level.legal and fmt != "none":
            fmt = "decimal"
        return format_number(value, fmt)

    return _LEVEL_PLACEHOLDER.sub(placeholder_to_number, level.template).strip()


# --------------------------------------------------------------------------- paragraphs


@dataclass(frozen=True, slots=True)
class _Para:
    """One paragraph read from the XML, numbering already rendered."""

    text: str
    label: str | None
    heading_level: int | None
    bold: bool
    toc: bool

    @property
    def empty(self) -> bool:
        return not self.text.strip() and not self.label

    def labelled_text(self) -> str:
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass(slots=True)
class _Context:
    styles: _Styles
    numbering: _Numbering


_CONTAINERS = frozenset(
    _w(tag)
    for tag in ("ins", "hyperlink", "smartTag", "fldSimple", "customXml", "moveTo", "dir", "bdo")
)


def _run_texts(paragraph: Element) -> Iterator[Element]:
    """The visible runs of a paragraph, through hyperlinks, insertions and content controls."""
    for child in paragraph:
        if child.tag == _w("r"):
            yield child
        elif child.tag in _CONTAINERS:
            yield from _run_texts(child)
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _run_texts(content)


def _run_to_text(run: Element) -> str:
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == _w("t"):
            parts.append(child.text or "")
        elif tag in (_w("tab"), _w("ptab")):
            parts.append("\t")
        elif tag in (_w("br"), _w("cr")):
            if _wval(child, "type") not in {"page", "column"}:
                parts.append("\n")
        elif tag == _w("noBreakHyphen"):
            parts.append("-")
        elif tag == _w("sym"):
            parts.append(_sym_to_text(child))
    return "".join(parts)


def _sym_to_text(sym: Element) -> str:
    try:
        code = int(_wval(sym, "char") or "", 16)
    except ValueError:
        return ""
    font = (_wval(sym, "font") or "").lower()
    char = chr(code)
    return "-" if font in _SYMBOL_FONTS or _is_private_use(char) else char


def _run_is_hidden(run: Element) -> bool:
    rpr = run.find(_w("rPr"))
    return bool(rpr is not None and _on_off(rpr.find(_w("vanish"))))


def _run_is_bold(run: Element, paragraph_style: str | None, ctx: _Context) -> bool:
    rpr = run.find(_w("rPr"))
    if rpr is not None:
        direct = _on_off(rpr.find(_w("b")))
        if direct is not None:
            return direct
        by_char_style = ctx.styles.inherited(_wval(rpr.find(_w("rStyle"))), lambda s: s.bold)
        if by_char_style is not None:
            return by_char_style
    by_para_style = ctx.styles.inherited(paragraph_style, lambda s: s.bold)
    return by_para_style if by_para_style is not None else ctx.styles.default_bold


def _paragraph_numbering(ppr: Element | None, style_id: str | None, ctx: _Context) -> str | None:
    """The label of a paragraph's automatic number, advancing the list's counters."""
    numpr = ppr.find(_w("numPr")) if ppr is not None else None
    num_id = _wval(numpr.find(_w("numId"))) if numpr is not None else None
    direct_ilvl = _wval(numpr.find(_w("ilvl"))) if numpr is not None else None
    from_style = num_id is None
    if from_style:
        num_id = ctx.styles.inherited(style_id, lambda s: s.num_id)
    if not num_id or num_id == "0":
        return None
    if direct_ilvl is not None:
        ilvl = _int_or(direct_ilvl, 0)
    else:
        style_ilvl = ctx.styles.inherited(style_id, lambda s: s.ilvl)
        if style_ilvl is not None:
            ilvl = style_ilvl
        elif from_style and style_id:
            ilvl = ctx.numbering.level_of_style(num_id, style_id, ctx.styles)
        else:
            ilvl = 0
    return ctx.numbering.next_label(num_id, ilvl, ctx.styles)


def _heading_level(ppr: Element | None, style_id: str | None, ctx: _Context) -> int | None:
    outline = ppr.find(_w("outlineLvl")) if ppr is not None else None
    level = _int_or(_wval(outline), 9) if outline is not None else None
    if level is None:
        for style in ctx.styles.chain(style_id):
            match = _HEADING_STYLE.match(style.name.strip())
            if match:
                return int(match.group("level"))
            if style.outline_level is not None:
                level = style.outline_level
                break
    return level + 1 if level is not None and 0 <= level < _MAX_LEVELS else None


def _element_to_para(paragraph: Element, ctx: _Context) -> _Para:
    ppr = paragraph.find(_w("pPr"))
    style_id = _wval(ppr.find(_w("pStyle"))) if ppr is not None else None
    style_id = style_id or ctx.styles.default_paragraph
    toc = bool(_TOC_STYLE.match(ctx.styles.name(style_id).strip()))
    label = None if toc else _paragraph_numbering(ppr, style_id, ctx)
    runs = [run for run in _run_texts(paragraph) if not _run_is_hidden(run)]
    texts = [_run_to_text(run) for run in runs]
    visible = [run for run, text in zip(runs, texts, strict=True) if text.strip()]
    return _Para(
        text="".join(texts),
        label=label,
        heading_level=_heading_level(ppr, style_id, ctx),
        bold=bool(visible) and all(_run_is_bold(run, style_id, ctx) for run in visible),
        toc=toc,
    )


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True, slots=True)
class _Cell:
    column: int  # first grid column the cell covers
    paragraphs: tuple[_Para, ...]
    continues_above: bool  # vMerge="continue": the cell above spans into this row

    def text(self) -> str:
        joined = " ".join(p.labelled_text().strip() for p in self.paragraphs if not p.empty)
        return " ".join(joined.split("\n"))


def _cell_paragraph_elements(container: Element) -> Iterator[Element]:
    """Every paragraph of a cell in order, nested tables and content controls included."""
    for child in container:
        if child.tag == _w("p"):
            yield child
        elif child.tag == _w("tbl"):
            for row in child.iter(_w("tc")):
                yield from _cell_paragraph_elements(row)
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if content is not None:
                yield from _cell_paragraph_elements(content)


def _row_cells(row: Element) -> Iterator[Element]:
    for child in row:
        if child.tag == _w("tc"):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if content is not None:
                yield from _row_cells(content)


def _table_rows(table: Element) -> Iterator[Element]:
    for child in table:
        if child.tag == _w("tr"):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if content is not None:
                yield from _table_rows(content)


def _element_to_rows(table: Element, ctx: _Context) -> list[list[_Cell]]:
    """Cells row by row, read in document order (so list counters advance correctly)."""
    rows: list[list[_Cell]] = []
    for row in _table_rows(table):
        trpr = row.find(_w("trPr"))
        column = _int_or(_wval(trpr.find(_w("gridBefore"))), 0) if trpr is not None else 0
        cells: list[_Cell] = []
        for tc in _row_cells(row):
            tcpr = tc.find(_w("tcPr"))
            span = _int_or(_wval(tcpr.find(_w("gridSpan"))), 1) if tcpr is not None else 1
            vmerge = tcpr.find(_w("vMerge")) if tcpr is not None else None
            paragraphs = tuple(_element_to_para(p, ctx) for p in _cell_paragraph_elements(tc))
            continues = vmerge is not None and _wval(vmerge) in (None, "continue")
            cells.append(_Cell(column, paragraphs, continues))
            column += max(1, span)
        rows.append(cells)
    return rows


def _rows_to_texts(rows: list[list[_Cell]]) -> list[tuple[str, ...]]:
    """Cell texts per row; a vertically merged cell repeats the text of its top cell."""
    above: dict[int, str] = {}
    texts: list[tuple[str, ...]] = []
    for cells in rows:
        row: list[str] = []
        for cell in cells:
            text = above.get(cell.column, "") if cell.continues_above else cell.text()
            above[cell.column] = text
            row.append(text)
        texts.append(tuple(row))
    return texts


def _is_layout_table(rows: list[list[_Cell]], before_body: bool) -> bool:
    """A header or signature table: text laid out side by side, not tabular data."""
    columns = max((len(cells) for cells in rows), default=0)
    text = " ".join(p.text for cells in rows for cell in cells for p in cell.paragraphs)
    if _LAYOUT_MARKER.search(unicodedata.normalize("NFC", text)):
        return columns <= 3
    return before_body and columns <= 3 and len(rows) <= 6


def _table_to_row_blocks(rows: list[list[_Cell]], table_index: int) -> Iterator[Block]:
    for row_index, (cells, texts) in enumerate(zip(rows, _rows_to_texts(rows), strict=True)):
        if not any(text.strip() for text in texts):
            continue
        paragraphs = [p for cell in cells for p in cell.paragraphs if not p.empty]
        yield Block(
            text=" | ".join(texts),
            provenance=Provenance(table=table_index, row=row_index),
            bold=bool(paragraphs) and all(p.bold for p in paragraphs),
            paragraph_break=True,
            cells=texts,
        )


def _layout_table_to_blocks(rows: list[list[_Cell]], table_index: int) -> Iterator[Block]:
    """Column by column, top to bottom: one block per line of each cell paragraph."""
    columns = sorted({cell.column for cells in rows for cell in cells})
    for position, column in enumerate(columns):
        for row_index, cells in enumerate(rows):
            for cell in cells:
                if cell.column != column or cell.continues_above:
                    continue
                for para in cell.paragraphs:
                    yield from _para_to_line_blocks(para, table_index, row_index, position)


def _para_to_line_blocks(para: _Para, table: int, row: int, cell: int) -> Iterator[Block]:
    lines = para.text.split("\n")
    for number, line in enumerate(lines):
        label = para.label if number == 0 else None
        if not line.strip() and not label:
            continue
        yield Block(
            text=line,
            provenance=Provenance(table=table, row=row, cell=cell),
            label=label,
            heading_level=para.heading_level,
            bold=para.bold,
            paragraph_break=True,
        )


# --------------------------------------------------------------------------- body


def _is_toc_control(sdt: Element) -> bool:
    gallery = sdt.find(f"{_w('sdtPr')}/{_w('docPartObj')}/{_w('docPartGallery')}")
    return "contents" in (_wval(gallery) or "").lower()


def _body_elements(container: Element) -> Iterator[Element]:
    """Body paragraphs and tables in order, through content controls (a TOC control is skipped)."""
    for child in container:
        if child.tag in (_w("p"), _w("tbl")):
            yield child
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None and not _is_toc_control(child):
                yield from _body_elements(content)
        elif child.tag == _w("customXml"):
            yield from _body_elements(child)


def _body_to_blocks(body: Element, ctx: _Context) -> list[Block]:
    blocks: list[Block] = []
    paragraph_index = -1
    table_index = -1
    body_started = False
    for element in _body_elements(body):
        if element.tag == _w("tbl"):
            table_index += 1
            rows = _element_to_rows(element, ctx)
            if _is_layout_table(rows, before_body=not body_started):
                blocks.extend(_layout_table_to_blocks(rows, table_index))
            else:
                blocks.extend(_table_to_row_blocks(rows, table_index))
            continue
        paragraph_index += 1
        para = _element_to_para(element, ctx)
        if para.toc:
            _drop_toc_title(blocks)
            continue
        if para.empty:
            continue
        body_started = True
        blocks.append(
            Block(
                text=para.text,
                provenance=Provenance(paragraph=paragraph_index),
                label=para.label,
                heading_level=para.heading_level,
                bold=para.bold,
                paragraph_break=True,
            )
        )
    return blocks


def _drop_toc_title(blocks: list[Block]) -> None:
    """Remove a plain "MỤC LỤC" title just before the first TOC entry."""
    if blocks and blocks[-1].cells is None and _TOC_TITLE.match(blocks[-1].text):
        blocks.pop()


def read_docx(path: Path) -> RawDocument:
    """Read a .docx into blocks; typed errors for broken, encrypted, huge or empty files."""
    try:
        size = path.stat().st_size
        if size > MAX_UNCOMPRESSED_BYTES:
            raise FileTooLargeError(f"{size} bytes (limit {MAX_UNCOMPRESSED_BYTES})", path)
        data = path.read_bytes()
    except OSError as err:
        raise CorruptFileError(f"cannot read the file ({err.strerror})", path) from None
    _refuse_unreadable_container(data, path)
    document = _open_document(data, path)
    ctx = _Context(_Styles.from_document(document), _Numbering.from_document(document))
    try:
        blocks = _body_to_blocks(document.element.body, ctx)
    except (AttributeError, TypeError, ValueError) as err:
        message = f"unexpected document structure ({type(err).__name__})"
        raise CorruptFileError(message, path) from None
    if not any(block.text.strip() or block.label for block in blocks):
        raise EmptyDocumentError("the document holds no text", path)
    return RawDocument(
        blocks=blocks,
        format="docx",
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
    )
