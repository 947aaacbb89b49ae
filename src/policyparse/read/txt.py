"""Plain-text reader: detect the encoding and yield one block per line.

Encodings tried, in order: a byte-order mark (UTF-8, UTF-16 LE/BE), UTF-16
without a mark (recognised by its many NUL bytes), strict UTF-8, then the
single-byte Vietnamese encodings — Windows-1258, TCVN3 (ABC) and VNI — of which
the reading that looks most like Vietnamese wins (see ``read.legacy``); it is
accepted only when it has Vietnamese letters and next to no control characters.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from pathlib import Path

from policyparse.errors import EmptyDocumentError, EncodingError
from policyparse.read.blocks import Block, Provenance, RawDocument
from policyparse.read.legacy import from_tcvn3, from_vni, score
from policyparse.read.markdown import looks_like_markdown, markdown_to_blocks

# Windows-1258 decodes every byte; we trust it only if the text then has
# Vietnamese letters and few C1/undefined control characters.
_VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u0300\u0301\u0303\u0309\u0323]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def decode_text(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a text file.

    >>> decode_text("hòa".encode("utf-8"))
    ('hòa', 'utf-8')
    >>> decode_text(codecs.BOM_UTF16_LE + "hòa".encode("utf-16-le"))
    ('hòa', 'utf-16')
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path), "utf-16"
    if len(data) >= 4 and data.count(0) > len(data) // 4:
        # UTF-16 without a BOM: ASCII characters leave a NUL in every other byte.
        even_nuls = data[0::2].count(0)
        odd_nuls = data[1::2].count(0)
        encoding = "utf-16-be" if even_nuls > odd_nuls else "utf-16-le"
        return _strict(data, encoding, path), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text, encoding = _best_single_byte_reading(data)
    noise = len(_CONTROL.findall(text)) + text.count("\ufffd")
    if _VIETNAMESE_LETTERS.search(text) and noise <= max(2, len(text) // 1000):
        return text, encoding
    raise EncodingError(
        "cannot determine the text encoding (not UTF-8, UTF-16 or Windows-1258)", path
    )


def _best_single_byte_reading(data: bytes) -> tuple[str, str]:
    """Windows-1258, TCVN3 or VNI: whichever reading looks most like Vietnamese."""
    latin = data.decode("latin-1")
    readings = {
        "cp1258": data.decode("cp1258", errors="replace"),
        "tcvn3": from_tcvn3(latin),
        "vni": from_vni(latin),
    }
    best = max(readings, key=lambda name: score(unicodedata.normalize("NFC", readings[name])))
    return readings[best], best


def _strict(data: bytes, encoding: str, path: str | None) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise EncodingError(f"invalid {encoding} at byte {err.start}", path) from None
    return text.removeprefix("\ufeff")


def text_to_blocks(text: str) -> list[Block]:
    """One block per line, keeping blank lines (they separate paragraphs)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [Block(text=line, provenance=Provenance(line=i)) for i, line in enumerate(lines)]


def read_txt_bytes(data: bytes, path: str | None = None) -> RawDocument:
    text, encoding = decode_text(data, path)
    if not text.strip():
        raise EmptyDocumentError("the file holds no text", path)
    notes = [] if encoding.startswith("utf-8") else [f"decoded as {encoding}"]
    fmt, blocks = "txt", None
    if looks_like_markdown(text):
        fmt, blocks = "md", markdown_to_blocks(text)
        notes.append("Markdown markup removed")
    return RawDocument(
        blocks=blocks if blocks is not None else text_to_blocks(text),
        format=fmt,
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        notes=notes,
    )


def read_txt(path: Path) -> RawDocument:
    return read_txt_bytes(path.read_bytes(), str(path))
