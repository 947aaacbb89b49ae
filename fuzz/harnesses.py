"""The atheris harnesses (one function per target); ``fuzz/run.py`` drives them.

Each harness feeds one input to policyparse and fails (raises) when the outcome
breaks the contract: an exception that is not a ``PolicyParseError``, a document
whose spans point outside its text, or (docx) a local file's content in the output.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import policyparse
from policyparse.model import PlanDocument

SECRET = "POLICYPARSE-FUZZ-SECRET-7d41"
SECRET_PATH = Path(tempfile.gettempdir()) / "policyparse-fuzz-secret.txt"

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)

_scratch: Path | None = None


def setup(target: str) -> None:
    """Write the XXE secret and make a scratch directory for the input files."""
    global _scratch
    SECRET_PATH.write_text(SECRET, encoding="utf-8")
    if target == "pdf":
        # A PDF without text falls back to OCR (seconds per page in tesseract); the
        # fuzzer explores the readers, so OCR is reported missing, as on most machines.
        import policyparse.read.ocr as ocr

        ocr.missing_requirement = lambda: "OCR is off while fuzzing"
    _scratch = Path(tempfile.mkdtemp(prefix=f"policyparse-fuzz-{target}-"))


def docx_package(document_xml: bytes) -> bytes:
    """A minimal .docx (content types, package rels, document.xml) around ``document_xml``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def check_document(doc: PlanDocument) -> None:
    """Contract checks on a parsed document (raise AssertionError when broken)."""
    text = doc.text
    spans = [t.span for t in doc.targets]
    spans += [q.span for q in doc.qualitative_targets]
    spans += [t.span for t in doc.tasks]
    spans += [c.span for c in doc.cited_documents]
    for span in spans:
        assert 0 <= span.start < span.end <= len(text), (span, len(text))
    dumped = doc.model_dump_json()
    assert PlanDocument.model_validate_json(dumped) == doc


def _parse_file(data: bytes, suffix: str) -> PlanDocument | None:
    assert _scratch is not None, "setup() first"
    path = _scratch / f"input{suffix}"
    path.write_bytes(data)
    try:
        return policyparse.parse(path)
    except policyparse.PolicyParseError as err:
        assert "\n" not in str(err), repr(str(err))
        return None


def fuzz_docx(data: bytes) -> None:
    """Bytes starting ``PK`` are the file; anything else is word/document.xml of a package."""
    payload = data if data.startswith(b"PK") else docx_package(data)
    doc = _parse_file(payload, ".docx")
    if doc is not None:
        check_document(doc)
        assert SECRET not in doc.model_dump_json(), "XXE: a local file reached the output"


def fuzz_pdf(data: bytes) -> None:
    doc = _parse_file(data, ".pdf")
    if doc is not None:
        check_document(doc)


def fuzz_text(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    try:
        doc = policyparse.parse_text(text)
    except policyparse.PolicyParseError as err:
        assert "\n" not in str(err), repr(str(err))
        return
    check_document(doc)


HARNESSES: dict[str, Callable[[bytes], None]] = {
    "docx": fuzz_docx,
    "pdf": fuzz_pdf,
    "text": fuzz_text,
}
