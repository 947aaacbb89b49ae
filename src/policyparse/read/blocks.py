"""The one shape every reader yields: a :class:`Block` of raw text with layout hints.

Readers know nothing of plans: they turn bytes into an ordered list of blocks
(a line of a .txt, a paragraph or table cell of a .docx, a line of a PDF page),
each with where it came from. The normaliser joins and cleans them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a block was found in the source file (all optional, 0-based except page)."""

    line: int | None = None  # line number in a text file
    paragraph: int | None = None  # paragraph index in a docx body
    page: int | None = None  # 1-based page of a PDF
    table: int | None = None
    row: int | None = None
    cell: int | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of source text in reading order.

    ``text`` is as the source gives it (no cleaning). ``label`` holds numbering
    that the format keeps outside the text (Word automatic numbering), already
    rendered as the reader shows it (``"I."``, ``"1."``, ``"a)"``, ``"-"``).
    ``heading_level`` is set when the format itself marks a heading (a Heading
    style, a larger font); ``bold`` when the whole block is bold.
    ``paragraph_break`` is False when the block continues the previous block's
    paragraph in the source (a wrapped line of a PDF), True when the source
    starts a new paragraph here, and None when the format cannot tell (.txt).
    A table row is one block whose ``cells`` hold the cell texts (``text`` is
    them joined with `` | ``) and whose provenance names table and row.
    """

    text: str
    provenance: Provenance = field(default_factory=Provenance)
    label: str | None = None
    heading_level: int | None = None
    bold: bool = False
    paragraph_break: bool | None = None
    cells: tuple[str, ...] | None = None  # a table row: one string per cell; text joins them


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader returns: the blocks plus facts about the source file."""

    blocks: list[Block]
    format: str
    path: str | None
    sha256: str
    notes: list[str] = field(default_factory=list)  # reader observations, become warnings
