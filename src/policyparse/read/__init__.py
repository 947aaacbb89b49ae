"""Readers: bytes of a file → :class:`RawDocument` (blocks + provenance).

The format is recognised from the content (magic bytes), not from the file
name, so a .docx renamed .pdf is still read as a .docx.
"""

from __future__ import annotations

from pathlib import Path

from policyparse.errors import (
    EncryptedFileError,
    FileTooLargeError,
    MissingFileError,
    NoTextLayerError,
    UnsupportedFormatError,
)
from policyparse.read.blocks import Block, Provenance, RawDocument

__all__ = ["Block", "Provenance", "RawDocument", "read_path", "sniff_format"]

_ZIPS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")  # member, empty archive, spanned
# Largest input read, per format: far above any real plan, below what would
# exhaust memory (a 2 GB padded PDF, a 1 GB text of NULs).
MAX_BYTES = {
    "txt": 64 * 1024 * 1024,
    "html": 64 * 1024 * 1024,
    "docx": 200 * 1024 * 1024,
    "doc": 200 * 1024 * 1024,
    "pdf": 512 * 1024 * 1024,
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(head: bytes, suffix: str = "") -> str:
    """Name the format of a file from its first bytes (and, for zip and OLE, its suffix).

    >>> sniff_format(b"%PDF-1.7 ...")
    'pdf'
    >>> sniff_format("Kế hoạch".encode())
    'txt'
    """
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_ZIPS):
        return "docx"
    if head.startswith(_OLE):
        return "doc"
    if stripped[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    return "txt"


_OLE_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # a password-protected .docx


def read_path(path: Path) -> RawDocument:
    """Read any supported file into blocks (format from the content, not the name)."""
    if not path.is_file():
        raise MissingFileError("no such file", path)
    with path.open("rb") as handle:
        head = handle.read(2048)
    fmt = sniff_format(head, path.suffix.lower())
    size = path.stat().st_size
    limit = MAX_BYTES.get(fmt)
    if limit is not None and size > limit:
        raise FileTooLargeError(
            f"{size} bytes is over the {limit // (1024 * 1024)} MB limit for {fmt}", path
        )
    if fmt == "txt":
        from policyparse.read.txt import read_txt

        return read_txt(path)
    if fmt == "docx":
        from policyparse.read.docx import read_docx

        return read_docx(path)
    if fmt == "pdf":
        return _read_pdf(path)
    if fmt == "doc":
        if _OLE_ENCRYPTED in path.read_bytes():
            raise EncryptedFileError("the document is password-protected", path)
        from policyparse.read.doc import read_doc

        return read_doc(path)
    if fmt == "html":
        from policyparse.read.html import read_html

        return read_html(path)
    raise UnsupportedFormatError(f"{fmt} files are not supported", path)


def _read_pdf(path: Path) -> RawDocument:
    from policyparse.read.pdf import read_pdf

    try:
        return read_pdf(path)
    except NoTextLayerError:
        from policyparse.read.ocr import read_scanned_pdf

        return read_scanned_pdf(path)
