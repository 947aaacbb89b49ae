"""Normalise reader blocks into paragraphs of clean text.

Guarantees about the output of :func:`normalize_blocks` (``NormalizedText``):

1. Every paragraph's text is Unicode NFC.
2. Tone marks sit where the contract puts them: in an open syllable whose
   vowel is ``oa``, ``oe`` or ``uy`` (not after ``q``) the mark is on the first
   vowel (``hoà`` → ``hòa``, ``khoẻ`` → ``khỏe``, ``thuỷ`` → ``thủy``, ``uỷ`` → ``ủy``).
3. No non-breaking, zero-width or other exotic spaces; no control characters;
   no leading/trailing spaces; runs of spaces are one space, except that a
   tab, a run of three or more spaces or a `` | `` (a flattened column gap)
   becomes one ``\\t`` — the only place a tab appears.
4. Dashes (``–``, ``—``, ``‒``, ``−``) are ``-``; bullet glyphs (``•``, ``●``,
   ``▪``, ``◦``, private-use U+F0B7 ...) at the start of a paragraph are ``-``.
5. Lines hard-wrapped mid-sentence are joined into one paragraph, also across a
   blank line or page break when the previous line cannot end a paragraph and
   the next one starts in lower case (``nâng cao chất`` / ``lượng quản lý``).
   A next line starting in upper case (or with a dash) is joined only when the
   text is hard-wrapped (most long lines of similar width) and the previous
   line does not end a sentence.
   A line ending in ``<digit>-`` joins the next without a space (``42-`` / ``NQ/TW``).
6. Lines that are only a page number (``2``, ``- 2 -``, ``Trang 2``) are dropped.
7. A text line with three or more cells (two column gaps) is a table row:
   its paragraph has ``cells``, like a .docx table row.
8. ``text`` is the paragraphs joined by ``\\n``; paragraph ``i`` occupies
   ``text[p.start:p.end]``; each paragraph keeps ``original``, the source text
   it came from, and the provenance of its first block.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from policyparse.read.blocks import Block, Provenance

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-"})
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_COLUMN_GAP = re.compile(r"[ ]*\t[ ]*|[ ]{3,}|[ ]+\|[ ]+")  # one gap per tab: empty cells stay
_MULTISPACE = re.compile(r" {2,}")

# A bullet glyph opening a line (the private-use ones come from Symbol/Wingdings fonts).
_BULLET_GLYPH = re.compile(
    r"""^[•●▪◦∙·■□◆◇➢➤►▸○\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf075]  # the glyph
        [ \t]*                                     # and the gap after it
    """,
    re.VERBOSE,
)

# Old tone placement in open oa / oe / uy syllables, on NFD text:
# (a letter or start)(o|u)(a|e|y)(tone) at the end of a word; not "qu" + y.
_OLD_TONE = re.compile(
    rf"""(?<![qQ])                  # 'quỳ': qu is the onset, the tone is right
         (?P<first>[oO](?=[aAeE])|[uU](?=[yY]))
         (?P<second>[aAeEyY])
         (?P<tone>[{_TONES}])
         (?![\w{_TONES}\u0302\u0306\u031b])  # open syllable: nothing follows in the word
    """,
    re.VERBOSE,
)

# A line that is only a page number.
_INDENTED_BAR = re.compile(r"^[ \t]+\|")
_PAGE_NUMBER = re.compile(
    r"""^(?:
          -\s*\d{1,4}\s*-                             # - 2 -
        | (?:trang|page)\s+\d{1,4}(?:\s*/\s*\d{1,4})?  # Trang 2, Trang 2/5
        | \d{1,4}                    # 2
        )$""",
    re.VERBOSE | re.IGNORECASE,
)

# Where a paragraph can end: sentence punctuation, or a heading/list line.
_ENDS_SENTENCE = re.compile(r"[.:;!?…)\]\"”/]$|\./\.$")
_STARTS_LOWER = re.compile(
    r"^[a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]"
)
_LIST_OR_HEADING = re.compile(
    r"""^(?:
          [-+*]\s                                  # bullets
        | [IVXLC]+\s*[.\-/)](?!\d)                  # roman numerals (not "IV/2024")
        | \d{1,3}(?:\.\d{1,3})*                    # 1.  1.1.  1)  1-  1 - (not 42-NQ/TW,
          (?:\s*[.)](?!\d)|-\s|\s+-\s(?!\d))       #   "2030).", the range "1 - 1,5%")
        | [a-zđ]\s*[).\-]\s                         # a)  a.  a-
        | (?:Phần|PHẦN|Điều|Chương|CHƯƠNG|Mục|MỤC)\s+  # named divisions with a number
          (?:[IVXLC]+|\d+|THỨ|[Tt]hứ)(?!\w)          #   (not "Chương trình")
        )""",
    re.VERBOSE,
)
_HYPHENATED_NUMBER = re.compile(r"\d-$")


def fix_tone_placement(text: str) -> str:
    """Move tone marks of open ``oa``/``oe``/``uy`` syllables to the first vowel; NFC out.

    >>> fix_tone_placement("hoà thuỷ khoẻ uỷ ban hoàn quỳ")
    'hòa thủy khỏe ủy ban hoàn quỳ'
    """
    decomposed = unicodedata.normalize("NFD", text)
    moved = _OLD_TONE.sub(lambda m: m["first"] + m["tone"] + m["second"], decomposed)
    return unicodedata.normalize("NFC", moved)


def clean_line(text: str) -> str:
    """Clean one line: guarantees 1-4 above (not the joining)."""
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    stripped = text.strip()
    if stripped.count("|") >= 2 and (" | " in stripped or stripped.startswith("|")):
        # A row written with bars: every bar is a column gap and empty cells stay
        # ("I | Lao động, việc làm |  |  | "). "| a | b |" has no cell outside its outer
        # bars; an indented "  | nghèo, hộ ... | ..." starts with an empty cell (a wrapped
        # row under the one above).
        cells = [cell.strip() for cell in stripped.split("|")]
        outer = stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1
        if outer and not _INDENTED_BAR.match(text):
            cells = cells[1:-1]
        text = "\t".join(cells)
    # Control characters go first: a form feed opening a page must not leave its
    # indentation behind as a column gap ("\f      3" is the page number 3).
    text = _CONTROL.sub("", text)
    text = _COLUMN_GAP.sub("\t", text.strip(" \r\n"))
    text = text.translate(_DASHES)
    text = _BULLET_GLYPH.sub("- ", text)
    text = _MULTISPACE.sub(" ", text)
    return fix_tone_placement(text).strip(" ")


@dataclass(slots=True)
class Paragraph:
    """One normalised paragraph and where it came from."""

    index: int
    text: str
    start: int
    end: int
    original: str
    provenance: Provenance
    heading_level: int | None = None
    bold: bool = False
    cells: tuple[str, ...] | None = None


@dataclass(slots=True)
class NormalizedText:
    text: str
    paragraphs: list[Paragraph]
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Pending:
    text: str
    originals: list[str]
    block: Block
    last_line: str


def _is_upper_line(text: str) -> bool:
    """A line in capitals (a heading, a name block); "IV/2024)." is too short to be one."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _is_separator(text: str) -> bool:
    """A line of only punctuation (``*``, ``-----``) between header parts."""
    return not any(c.isalnum() for c in text)


def _continues(prev: str, nxt: str, *, blank_between: bool, width: int | None) -> bool:
    """Whether line ``nxt`` continues the paragraph whose last line is ``prev``.

    ``width`` is the wrap width when the text is hard-wrapped (see
    :func:`wrap_width`); then a line that filled it was broken by the wrap.
    """
    wrapped = width is not None and len(prev) >= width - 20
    if "\t" in prev or "\t" in nxt or _is_separator(prev) or _is_separator(nxt):
        return False
    if _HYPHENATED_NUMBER.search(prev) and nxt[:1].isupper():
        return True
    if (
        wrapped
        and not blank_between
        and prev.endswith((";", ","))
        and not _LIST_OR_HEADING.match(nxt)
    ):
        return True  # a full line ending "...;" was cut by the wrap, not by the author
    if (
        prev.endswith(")")
        and not blank_between
        and _STARTS_LOWER.match(nxt)
        and not _LIST_OR_HEADING.match(nxt)  # "(Chi tiết tại Phụ lục)" / "a) Đến năm 2025"
    ):
        return True  # "... (qua Phòng Kế hoạch - Tài chính)" / "trước ngày 30/6/2024."
    if _ENDS_SENTENCE.search(prev) or _is_upper_line(prev) or _is_upper_line(nxt):
        return False
    full = width is not None and len(prev) >= width - 10
    if full and not blank_between and nxt.startswith("- ") and not prev.endswith(","):
        # "... chỉ đạo Phòng Lao động" / "- Thương binh và Xã hội ...": a dash
        # after an unfinished line of wrapped text is part of a name.
        return True
    if _LIST_OR_HEADING.match(nxt):
        return False
    if _STARTS_LOWER.match(nxt) or nxt[:1].isdigit():
        # A lower-case start cannot open a paragraph, except the trích yếu
        # under an all-caps type name, which the upper-line rule kept apart.
        return True
    # An upper-case start after an unfinished line: a wrapped line, if the
    # text is wrapped and no blank line or heading sits in between.
    return wrapped and not blank_between


def wrap_width(lines: list[str]) -> int | None:
    """The width lines were broken at, if the text is hard-wrapped (pasted from a PDF or e-mail).

    Hard-wrapped: nine lines in ten at most 110 characters long, and at least
    half of the lines over 40 characters within 15 characters of the widest ones.
    Table rows (with column gaps) are left out of the count.
    """
    long_lines = [len(line) for line in lines if len(line) > 40 and "\t" not in line]
    if len(long_lines) < 5 or sum(1 for n in long_lines if n > 110) > len(long_lines) // 10:
        return None
    width = sorted(n for n in long_lines if n <= 110)[int(len(long_lines) * 0.8)]
    near = sum(1 for n in long_lines if n >= width - 15)
    return width if near >= len(long_lines) / 2 else None


def _join(prev: str, nxt: str) -> str:
    if _HYPHENATED_NUMBER.search(prev):
        return prev + nxt
    return prev + " " + nxt


def _running_lines(blocks: list[Block], cleaned: list[str]) -> set[str]:
    """Lines repeated next to page numbers: a running header or footer of text from a PDF.

    A line counts when it stands right before or after a page-number line (blank
    lines aside) and occurs at least twice in the document.
    """
    text_lines = [
        (i, line)
        for i, (b, line) in enumerate(zip(blocks, cleaned, strict=True))
        if line and b.cells is None
    ]
    beside: set[str] = set()
    for k, (_, line) in enumerate(text_lines):
        if _PAGE_NUMBER.match(line):
            for j in (k - 1, k + 1):
                if 0 <= j < len(text_lines) and not _PAGE_NUMBER.match(text_lines[j][1]):
                    beside.add(text_lines[j][1])
    counts: dict[str, int] = {}
    for _, line in text_lines:
        if line in beside:
            counts[line] = counts.get(line, 0) + 1
    return {line for line, n in counts.items() if n >= 2 and len(line) <= 120}


def normalize_blocks(blocks: list[Block]) -> NormalizedText:
    """Join and clean reader blocks into paragraphs (see the module docstring)."""
    pending: list[_Pending] = []
    notes: list[str] = []
    blank_between = False
    cleaned = [clean_line(block.text) for block in blocks]
    width = wrap_width(
        [c for b, c in zip(blocks, cleaned, strict=True) if b.paragraph_break is None]
    )
    if width is not None:
        notes.append("text looks hard-wrapped: lines joined into paragraphs")
    running = _running_lines(blocks, cleaned)
    if running:
        notes.append(f"dropped running header/footer lines: {sorted(running)!r}")
    for block, line in zip(blocks, cleaned, strict=True):
        if line in running:
            continue
        if block.label:
            line = f"{clean_line(block.label)} {line}".strip()
        if not line:
            blank_between = True
            continue
        if block.cells is None and _PAGE_NUMBER.match(line):
            notes.append(f"dropped page number line {line!r}")
            continue
        prev = pending[-1] if pending else None
        if prev is not None and _joins(prev, block, line, blank_between=blank_between, width=width):
            prev.text = _join(prev.text, line)
            prev.last_line = line
            prev.originals.append(block.text)
        else:
            pending.append(_Pending(text=line, originals=[block.text], block=block, last_line=line))
        blank_between = False
    return _assemble(pending, notes)


def _joins(
    prev: _Pending, block: Block, line: str, *, blank_between: bool, width: int | None
) -> bool:
    """Whether ``block`` (cleaned to ``line``) continues the paragraph ``prev``."""
    if block.cells is not None or prev.block.cells is not None:
        return False  # table rows stand alone
    if line.count("\t") >= 2 or prev.text.count("\t") >= 2:
        return False  # so do table rows written as text
    if block.paragraph_break is True or block.label or block.heading_level is not None:
        return False  # the format says a new paragraph starts here
    if block.paragraph_break is False:
        return True  # the format says it continues (a wrapped PDF line)
    return _continues(prev.last_line, line, blank_between=blank_between, width=width)


def _assemble(pending: list[_Pending], notes: list[str]) -> NormalizedText:
    paragraphs: list[Paragraph] = []
    offset = 0
    for item in pending:
        text = item.text
        block = item.block
        cells = None
        if block.cells is not None:
            cells = tuple(clean_line(c).replace("\t", " ") for c in block.cells)
        elif text.count("\t") >= 2:
            cells = tuple(c.strip() for c in text.split("\t"))
        paragraphs.append(
            Paragraph(
                index=len(paragraphs),
                text=text,
                start=offset,
                end=offset + len(text),
                original="\n".join(item.originals),
                provenance=block.provenance,
                heading_level=block.heading_level,
                bold=block.bold,
                cells=cells,
            )
        )
        offset += len(text) + 1
    return NormalizedText(
        text="\n".join(p.text for p in paragraphs), paragraphs=paragraphs, notes=notes
    )


def normalize_text(text: str) -> str:
    """Normalise a short string (a phrase, a gold key) the same way as a document line."""
    return clean_line(text)
