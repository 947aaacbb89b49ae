"""Plans copied from web portals as Markdown: markup removed, tables kept as rows.

Recognised when a text has Markdown table rules (``| --- | --- |``), ``#``
headings or several ``**bold**`` runs. Then, line by line: ``#`` heading marks,
``**``/``__``/``*`` emphasis and backslash escapes (``1\\.``) are removed; table
rules are dropped; a table row becomes a block with ``cells``, except a
two-cell layout row whose cells hold ``<br>`` line breaks (the Nơi nhận list
beside the signature), which is read column by column like a Word layout
table. Nothing else changes, so offsets stay close to the source.
"""

from __future__ import annotations

import re

from policyparse.read.blocks import Block, Provenance

_RULE_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def looks_like_markdown(text: str) -> bool:
    lines = text.splitlines()
    rules = sum(1 for line in lines if _RULE_ROW.match(line))
    headings = sum(1 for line in lines if _HEADING.match(line))
    bold = len(_BOLD.findall(text))
    return rules >= 1 or headings >= 2 or bold >= 3


def strip_inline(text: str) -> str:
    """Remove emphasis and escapes.

    >>> strip_inline("**II. MỤC TIÊU** và *ghi chú* 1\\\\. x")
    'II. MỤC TIÊU và ghi chú 1. x'
    """
    text = _BOLD.sub(lambda m: m[1] or m[2], text)
    text = _ITALIC.sub(lambda m: m[1], text)
    return _ESCAPE.sub(lambda m: m[1], text)


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in inner.split("|")]


def markdown_to_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n")):
        if _RULE_ROW.match(raw):
            continue
        line = _HEADING.sub("", raw)
        prov = Provenance(line=number)
        if line.strip().startswith("|") and line.count("|") >= 2:
            cells = [strip_inline(c) for c in _cells(line)]
            if len(cells) == 2 and any(_BREAK.search(c) for c in cells):
                for cell in cells:  # a layout row: left column, then right column
                    blocks.extend(
                        Block(text=part.strip(), provenance=prov)
                        for part in _BREAK.split(cell)
                        if part.strip()
                    )
                continue
            cells = [_BREAK.sub(" ", c) for c in cells]
            if len(cells) == 2:
                # A two-cell row is a header line (issuer | Quốc hiệu), read like flattened text.
                blocks.append(Block(text="\t".join(cells), provenance=prov))
            else:
                blocks.append(Block(text=" | ".join(cells), provenance=prov, cells=tuple(cells)))
            continue
        blocks.append(Block(text=strip_inline(_BREAK.sub(" ", line)), provenance=prov))
    return blocks
