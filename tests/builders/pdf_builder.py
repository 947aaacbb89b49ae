"""Build small PDF fixtures in code.

:class:`PdfBuilder` places text lines with PDFium's page-object API (pypdfium2),
embedding DejaVu Sans so Vietnamese and private-use glyphs survive; a line can
be stretched to an exact width to imitate justified text; rules (table borders,
a footnote separator) are stroked path objects.
:func:`encrypted_pdf` writes a password-protected PDF by hand (standard security
handler, revision 2, RC4 40-bit), since PDFium cannot encrypt.
"""

from __future__ import annotations

import ctypes
import hashlib
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR_FONT = FONT_DIR / "DejaVuSans.ttf"
BOLD_FONT = FONT_DIR / "DejaVuSans-Bold.ttf"
A4 = (595.0, 842.0)


def fonts_available() -> bool:
    return REGULAR_FONT.is_file() and BOLD_FONT.is_file()


class PdfBuilder:
    """Pages of positioned text lines (PDF points, origin bottom-left)."""

    def __init__(self, size: tuple[float, float] = A4) -> None:
        self.pdf = pdfium.PdfDocument.new()
        self.size = size
        self._buffers: list[Any] = []  # font bytes must outlive the document
        self.regular = self._load_font(REGULAR_FONT)
        self.bold = self._load_font(BOLD_FONT)
        self.page: Any = None

    def _load_font(self, path: Path) -> Any:
        data = path.read_bytes()
        buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        self._buffers.append(buffer)
        return pdfium_c.FPDFText_LoadFont(
            self.pdf, buffer, len(data), pdfium_c.FPDF_FONT_TRUETYPE, True
        )

    def new_page(self) -> PdfBuilder:
        self._finish_page()
        self.page = self.pdf.new_page(*self.size)
        return self

    def glyph(self, char: str, x: float, y: float, size: float = 12) -> float:
        """Place one private-use glyph (a Symbol-font bullet such as U+F0B7) whose text layer
        says exactly that code point, as Word's PDFs do; returns the x after it."""
        source = pdfium.PdfDocument(symbol_glyph_pdf(ord(char) & 0xFF, ord(char)))
        xobject = source.page_as_xobject(0, self.pdf)
        obj = xobject.as_pageobject()
        obj.transform(pdfium.PdfMatrix().scale(size / 12, size / 12).translate(x, y - size / 6))
        self.page.insert_obj(obj)
        self._buffers.append(source)
        return x + 0.5 * size

    def text(
        self,
        text: str,
        x: float,
        y: float,
        size: float = 12,
        bold: bool = False,
        width: float | None = None,
    ) -> PdfBuilder:
        """Place one line; ``width`` stretches it horizontally to end at ``x + width``.
        A leading private-use character is drawn as a Symbol-font glyph (see :meth:`glyph`)."""
        if text and _is_private_use(text[0]):
            after = self.glyph(text[0], x, y, size)
            rest = text[1:]
            rest_width = None if width is None else width - (after - x)
            return self.text(rest, after, y, size, bold, rest_width)
        font = self.bold if bold else self.regular
        obj = pdfium_c.FPDFPageObj_CreateTextObj(self.pdf, font, size)
        encoded = (text + "\x00").encode("utf-16-le")
        buffer = ctypes.create_string_buffer(encoded, len(encoded))
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(buffer, pdfium_c.FPDF_WIDESTRING))
        scale = 1.0
        if width is not None:
            left, right = ctypes.c_float(), ctypes.c_float()
            bottom, top = ctypes.c_float(), ctypes.c_float()
            edges = (left, bottom, right, top)
            pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(edge) for edge in edges))
            natural = right.value - left.value
            scale = width / natural if natural > 0 else 1.0
        pdfium_c.FPDFPageObj_Transform(obj, scale, 0, 0, 1, x, y)
        pdfium_c.FPDFPage_InsertObject(self.page, obj)
        return self

    def rule(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.5) -> PdfBuilder:
        """Stroke a straight line (a table border, a footnote separator) as a path object."""
        obj = pdfium_c.FPDFPageObj_CreateNewPath(x0, y0)
        pdfium_c.FPDFPath_LineTo(obj, x1, y1)
        pdfium_c.FPDFPath_SetDrawMode(obj, pdfium_c.FPDF_FILLMODE_NONE, True)
        pdfium_c.FPDFPageObj_SetStrokeWidth(obj, width)
        pdfium_c.FPDFPage_InsertObject(self.page, obj)
        return self

    def grid(self, xs: list[float], ys: list[float]) -> PdfBuilder:
        """Rule a table: a horizontal rule at each y and a vertical rule at each x,
        each running the table's full width or height."""
        for y in ys:
            self.rule(xs[0], y, xs[-1], y)
        for x in xs:
            self.rule(x, min(ys), x, max(ys))
        return self

    def _finish_page(self) -> None:
        if self.page is not None:
            self.page.gen_content()
            self.page.close()
            self.page = None

    def save(self, path: Path) -> Path:
        self._finish_page()
        self.pdf.save(str(path))
        self.pdf.close()
        return path


def _is_private_use(char: str) -> bool:
    return 0xE000 <= ord(char) <= 0xF8FF


def raw_pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """Serialise numbered objects (1..n, object 1 the catalog) with an xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(objects) + 1, trailer_extra)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def symbol_glyph_pdf(code: int, unicode: int) -> bytes:
    """A 12 x 12 pt page showing byte ``code`` of the Symbol font, mapped to ``unicode``
    by a ToUnicode CMap (how Word exports its bullets: U+F0B7 in the text layer)."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Glyph def"
        b" /CMapType 2 def 1 begincodespacerange <00> <FF> endcodespacerange"
        b" 1 beginbfchar <%02X> <%04X> endbfchar endcmap"
        b" CMapName currentdict /CMap defineresource pop end end" % (code, unicode)
    )
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 12 12] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(b"BT /F1 12 Tf 0 2 Td <%02X> Tj ET" % code),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Symbol /ToUnicode 6 0 R >>",
            _stream(cmap),
        ]
    )


def empty_pdf(path: Path, pages: int = 1) -> Path:
    """Pages with no text at all (what a scan without OCR looks like to a text reader)."""
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(*A4).close()
    pdf.save(str(path))
    pdf.close()
    return path


# --------------------------------------------------------------------------- encryption

_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _padded(password: str) -> bytes:
    return (password.encode("latin-1") + _PAD)[:32]


def encrypted_pdf(path: Path, user_password: str, text: str = "Hello") -> Path:
    """A one-page PDF (Helvetica, ASCII text) encrypted with RC4-40, revision 2."""
    file_id = hashlib.md5(b"policyparse-fixture").digest()
    permissions = -4  # all permissions
    owner = rc4(hashlib.md5(_padded("owner-" + user_password)).digest()[:5], _padded(user_password))
    key = hashlib.md5(
        _padded(user_password) + owner + permissions.to_bytes(4, "little", signed=True) + file_id
    ).digest()[:5]
    user = rc4(key, _PAD)

    def seal(number: int, data: bytes) -> bytes:
        object_key = hashlib.md5(key + number.to_bytes(3, "little") + b"\x00\x00").digest()[:10]
        return rc4(object_key, data)

    content = seal(4, f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
    trailer = b"/Encrypt 6 0 R /ID [<%s> <%s>] " % (file_id.hex().encode(), file_id.hex().encode())
    data = raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
            % (owner.hex().encode(), user.hex().encode(), permissions),
        ],
        trailer,
    )
    path.write_bytes(data)
    return path
