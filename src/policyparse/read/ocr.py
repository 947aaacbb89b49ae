"""OCR for scanned PDFs (no text layer): pages rendered with pypdfium2, read by tesseract.

Optional: needs the ``tesseract`` program with Vietnamese data (Debian:
``apt-get install tesseract-ocr tesseract-ocr-vie``) and Pillow
(``pip install 'policyparse[ocr]'``). Tesseract runs one page at a time with
``OMP_THREAD_LIMIT=1`` (its own threads slow it down several times on small
machines). OCR text has no layout, so its lines are joined like a text file's.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from policyparse.errors import CorruptFileError, EmptyDocumentError, NoTextLayerError
from policyparse.read.blocks import Block, Provenance, RawDocument

RENDER_DPI = 300
MAX_PIXELS = 40_000_000  # about A3 at 300 dpi; larger pages are rendered smaller
PAGE_TIMEOUT_SECONDS = 120
LANGUAGE = "vie"
HOW_TO_ENABLE = (
    "install tesseract with Vietnamese data (apt-get install tesseract-ocr tesseract-ocr-vie) "
    "and pip install 'policyparse[ocr]'"
)


def missing_requirement() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        return "the tesseract program is not installed"
    try:
        import PIL  # noqa: F401
    except ImportError:
        return "Pillow is not installed"
    listed = subprocess.run(
        [tesseract, "--list-langs"], capture_output=True, text=True, check=False
    )
    if LANGUAGE not in listed.stdout.split():
        return "tesseract has no Vietnamese language data"
    return None


def render_scale(width_pt: float, height_pt: float) -> float:
    """300 dpi, reduced so that a page never renders to more than ``MAX_PIXELS``.

    >>> round(render_scale(595, 842), 2)  # A4 at 300 dpi: 8.7 million pixels
    4.17
    >>> render_scale(14400, 14400) < 1  # a 200-inch page is scaled down, not rendered at 3.6 GB
    True
    """
    scale = RENDER_DPI / 72
    pixels = width_pt * height_pt * scale * scale
    if pixels > MAX_PIXELS:
        scale *= (MAX_PIXELS / pixels) ** 0.5
    return scale


def _ocr_page(image: Path, tesseract: str) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    proc = subprocess.run(
        [tesseract, str(image), "stdout", "-l", LANGUAGE, "--psm", "4"],
        capture_output=True,
        text=True,
        env=env,
        timeout=PAGE_TIMEOUT_SECONDS,
        check=False,
    )
    if proc.returncode != 0:
        raise CorruptFileError(f"tesseract failed on a page: {proc.stderr.strip()[:200]}", image)
    return proc.stdout


def read_scanned_pdf(path: Path) -> RawDocument:
    """OCR every page; typed errors when OCR is unavailable or finds nothing."""
    reason = missing_requirement()
    if reason is not None:
        raise NoTextLayerError(
            f"the PDF has no text layer (scanned?) and OCR is off: {reason}; {HOW_TO_ENABLE}", path
        )
    import pypdfium2 as pdfium

    tesseract = shutil.which("tesseract")
    assert tesseract is not None
    data = path.read_bytes()
    blocks: list[Block] = []
    pdf = pdfium.PdfDocument(data)
    try:
        with tempfile.TemporaryDirectory(prefix="policyparse-ocr-") as tmp:
            for index in range(len(pdf)):
                image = Path(tmp) / f"page-{index + 1}.png"
                page = pdf[index]
                page.render(scale=render_scale(*page.get_size()), grayscale=True).to_pil().save(
                    image
                )
                for line_no, line in enumerate(_ocr_page(image, tesseract).splitlines()):
                    blocks.append(
                        Block(text=line, provenance=Provenance(page=index + 1, line=line_no))
                    )
    finally:
        pdf.close()
    if not any(b.text.strip() for b in blocks):
        raise EmptyDocumentError("OCR found no text in the PDF", path)
    return RawDocument(
        blocks=blocks,
        format="pdf",
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        notes=["text recognised by OCR (tesseract, vie): check figures against the scan"],
    )
