"""Build hostile and broken input files in code (nothing binary is committed).

Every builder takes the path to write and returns it. The big ones stay cheap for
the test itself: the zip bomb is compressed while it is generated (a 1 MB chunk at a
time, never 600 MB in memory), and the oversized files are sparse (``truncate``).
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import docx

from builders.pdf_builder import raw_pdf

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

PLAN_LINES = [
    "ỦY BAN NHÂN DÂN TỈNH SƠN HÀ",
    "Số: 87/KH-UBND",
    "KẾ HOẠCH",
    "Thực hiện Nghị quyết số 42-NQ/TW",
    "I. MỤC TIÊU",
    "1. Chỉ tiêu đến năm 2030",
    "- Tỷ lệ thất nghiệp khu vực thành thị dưới 4%.",
    "- Tỷ lệ lao động qua đào tạo đạt 65%.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Sở Y tế chủ trì triển khai, hoàn thành trong Quý IV/2025.",
]

_DOC_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{doctype}'
    f'<w:document xmlns:w="{W_NS}"><w:body>'
)
_DOC_TAIL = "<w:sectPr/></w:body></w:document>"


def paragraph_xml(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def plan_docx_bytes(lines: list[str] = PLAN_LINES) -> bytes:
    """A real .docx (python-docx's default package) holding ``lines`` as paragraphs."""
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_with_parts(path: Path, parts: dict[str, bytes], drop: tuple[str, ...] = ()) -> Path:
    """python-docx's default package with some parts replaced (or added) and some dropped."""
    template = zipfile.ZipFile(io.BytesIO(plan_docx_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in template.infolist():
            if info.filename in drop or info.filename in parts:
                continue
            archive.writestr(info.filename, template.read(info.filename))
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def document_xml(paragraphs: list[str], doctype: str = "") -> bytes:
    body = "".join(paragraph_xml(text) for text in paragraphs)
    return (_DOC_HEAD.format(doctype=doctype) + body + _DOC_TAIL).encode("utf-8")


# --------------------------------------------------------------------------- docx


def plan_docx(path: Path) -> Path:
    path.write_bytes(plan_docx_bytes())
    return path


def truncated_docx(path: Path) -> Path:
    data = plan_docx_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def docx_without_document_xml(path: Path) -> Path:
    return docx_with_parts(path, {}, drop=("word/document.xml",))


def empty_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w"):
        pass
    return path


def xxe_docx(path: Path, secret_file: Path, part: str = "word/document.xml") -> Path:
    """An external entity naming ``secret_file``, used in the text of ``part``."""
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>'
    if part == "word/document.xml":
        xml = document_xml(["KẾ HOẠCH", "I. MỤC TIÊU", "- Bí mật: &xxe;", "- Đạt 50%."], doctype)
    else:  # styles.xml: the entity in a style name
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<!DOCTYPE w:styles [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>'
            f'<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:styleId="X">'
            '<w:name w:val="&xxe;"/></w:style></w:styles>'
        ).encode()
        return docx_with_parts(
            path, {part: xml, "word/document.xml": document_xml(["KẾ HOẠCH", "Đạt 50%."])}
        )
    return docx_with_parts(path, {part: xml})


def xxe_parameter_entity_docx(path: Path, secret_file: Path) -> Path:
    """An external parameter entity (``%p;``): the DTD subset itself comes from a file."""
    dtd = secret_file.with_suffix(".dtd")
    dtd.write_text(
        f'<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">', encoding="utf-8"
    )  # the DTD the entity loads declares the entity that reads the secret
    doctype = f'<!DOCTYPE w:document [<!ENTITY % p SYSTEM "{dtd.as_uri()}"> %p;]>'
    xml = document_xml(["KẾ HOẠCH", "I. MỤC TIÊU", "- Bí mật: &xxe;"], doctype)
    return docx_with_parts(path, {"word/document.xml": xml})


def billion_laughs_docx(path: Path) -> Path:
    """Ten levels of ten-fold entities: 10⁹ copies of "lol" if expanded."""
    entities = ['<!ENTITY lol0 "lol">']
    entities += [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]  # each level ten of the previous
    doctype = f"<!DOCTYPE w:document [{''.join(entities)}]>"
    xml = document_xml(["KẾ HOẠCH", "I. MỤC TIÊU", "&lol9;"], doctype)
    return docx_with_parts(path, {"word/document.xml": xml})


def zip_bomb_docx(path: Path, unpacked_mb: int = 600, declared_size: int | None = None) -> Path:
    """A .docx whose document.xml inflates to ``unpacked_mb`` MB (about 1000:1: a paragraph
    and then blanks, per MB), written
    a chunk at a time. ``declared_size`` (if given) overwrites the size the central
    directory states, to lie about it."""
    paragraph = paragraph_xml("Tỷ lệ hộ nghèo giảm 1,5%/năm.").encode()
    chunk = paragraph + b" " * (1024 * 1024 - len(paragraph))  # blanks between elements
    head = _DOC_HEAD.format(doctype="").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        template = zipfile.ZipFile(io.BytesIO(plan_docx_bytes()))
        for info in template.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info.filename, template.read(info.filename))
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            written = len(head)
            while written < unpacked_mb * 1024 * 1024:
                part.write(chunk)
                written += len(chunk)
            part.write(_DOC_TAIL.encode())
    if declared_size is not None:
        _lie_about_sizes(path, "word/document.xml", declared_size)
    return path


def _lie_about_sizes(path: Path, name: str, size: int) -> None:
    """Rewrite the uncompressed size of ``name`` in the central directory (zip64 extra)."""
    data = bytearray(path.read_bytes())
    marker = b"PK\x01\x02"
    start = 0
    while (start := data.find(marker, start)) != -1:
        name_len = int.from_bytes(data[start + 28 : start + 30], "little")
        extra_len = int.from_bytes(data[start + 30 : start + 32], "little")
        file_name = data[start + 46 : start + 46 + name_len].decode()
        if file_name == name:
            data[start + 24 : start + 28] = min(size, 0xFFFFFFFE).to_bytes(4, "little")
            extra = start + 46 + name_len
            end = extra + extra_len
            while extra + 4 <= end:  # the zip64 extra field holds the real sizes
                tag = int.from_bytes(data[extra : extra + 2], "little")
                length = int.from_bytes(data[extra + 2 : extra + 4], "little")
                if tag == 0x0001:
                    data[start + 24 : start + 28] = b"\xff\xff\xff\xff"
                    data[extra + 4 : extra + 12] = size.to_bytes(8, "little")
                extra += 4 + length
        start += 4
    path.write_bytes(bytes(data))


def nested_tables_docx(path: Path, depth: int) -> Path:
    """A table in a cell of a table ... ``depth`` levels deep, with text at the bottom."""
    inner = paragraph_xml("Tỷ lệ hộ nghèo dưới 1,5%.")
    xml = inner
    for _ in range(depth):
        xml = f"<w:tbl><w:tr><w:tc>{xml}<w:p/></w:tc></w:tr></w:tbl>"
    document = (_DOC_HEAD.format(doctype="") + paragraph_xml("KẾ HOẠCH") + xml + _DOC_TAIL).encode()
    return docx_with_parts(path, {"word/document.xml": document})


def zip_version_docx(path: Path) -> Path:
    """A .docx whose central directory asks for zip version 23.5 (found by the fuzzer)."""
    data = bytearray(plan_docx_bytes())
    start = data.find(b"PK\x01\x02")
    data[start + 6 : start + 8] = (235).to_bytes(2, "little")  # "version needed to extract"
    path.write_bytes(bytes(data))
    return path


# --------------------------------------------------------------------------- pdf


def text_pdf(lines: list[str], pages: int = 1) -> bytes:
    """Helvetica lines (Latin-1 text only) on ``pages`` identical A4 pages: a tiny PDF."""
    ops = [b"BT /F1 12 Tf 72 780 Td 16 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + escaped.encode("latin-1", "replace") + b") '")
    ops.append(b"ET")
    content = b"\n".join(ops)
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R"
        b" /Resources << /Font << /F1 4 0 R >> >> >>"
    ] * pages
    return raw_pdf(objects)


ASCII_PLAN = ["KE HOACH", "I. MUC TIEU", "1. Ty le that nghiep duoi 3% den nam 2030."]


def truncated_pdf(path: Path, text_pdf: bytes) -> Path:
    path.write_bytes(text_pdf[: len(text_pdf) // 2])
    return path


def scanned_pdf(path: Path, lines: list[str] = PLAN_LINES, resolution: float = 300) -> Path:
    """An image-only PDF: the lines drawn on an A4-sized bitmap, no text layer.

    A low ``resolution`` makes a physically huge page of the same bitmap (PDF pages
    can be up to 200 inches wide)."""
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 44)
    for index, line in enumerate(lines):
        draw.text((200, 200 + 80 * index), line, font=font, fill=0)
    page.save(path, "PDF", resolution=resolution)
    return path


def padded_pdf(path: Path, pdf: bytes, size: int) -> Path:
    """A valid small PDF followed by NUL bytes up to ``size`` (a sparse file: cheap)."""
    path.write_bytes(pdf)
    with path.open("r+b") as handle:
        handle.truncate(size)
    return path


# --------------------------------------------------------------------------- text


def random_bytes(path: Path, size: int = 4096, seed: int = 4) -> Path:
    path.write_bytes(random.Random(seed).randbytes(size))
    return path


def ole_garbage(path: Path) -> Path:
    """The OLE magic of a Word 97 .doc followed by random bytes."""
    magic = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    path.write_bytes(magic + random.Random(5).randbytes(8192))
    return path


def nested_bullets_text(count: int = 20_000) -> str:
    """``count`` list items, each nested one level deeper than the last (cycling through
    the markers and indentation of real plans; depth wraps at 200)."""
    markers = ["-", "+", "•", "*", "a)", "1.", "1.1.", "I."]
    lines = ["KẾ HOẠCH", "", "I. MỤC TIÊU"]
    for index in range(count):
        depth = index % 200
        marker = markers[depth % len(markers)]
        lines.append(f"{' ' * depth}{marker} Tỷ lệ mục {index} đạt {index % 100}% đến năm 2030")
    return "\n".join(lines) + "\n"


def deep_numbering_text(depth: int = 2_000) -> str:
    """Headings numbered 1., 1.1., 1.1.1. ... ``depth`` levels deep."""
    lines = ["KẾ HOẠCH", ""]
    lines += [f"{'1.' * level} Nội dung cấp {level}" for level in range(1, depth + 1)]
    return "\n".join(lines) + "\n"


def long_line_text(size: int = 8 * 1024 * 1024) -> str:
    """One line of about ``size`` UTF-8 bytes of target-like Vietnamese (no newline)."""
    unit = "Tỷ lệ hộ nghèo giảm 1,5%/năm đến năm 2030, "
    count = size // len(unit.encode()) + 1
    return "KẾ HOẠCH " + unit * count


def deep_html(depth: int = 20_000) -> str:
    return (
        "<!DOCTYPE html><html><body>"
        + "<div>" * depth
        + "<p>KẾ HOẠCH</p><p>- Tỷ lệ hộ nghèo dưới 1,5%.</p>"
        + "</div>" * depth
        + "</body></html>"
    )


NOT_A_PLAN = """\
Công thức nấu phở bò

Nguyên liệu gồm xương bò, thịt bò, bánh phở, hành, gừng, quế, hồi và thảo quả.
Ninh xương trong sáu tiếng, vớt bọt thường xuyên để nước dùng trong.
Chần bánh phở, xếp thịt bò lên trên, chan nước dùng thật nóng và thưởng thức.
"""

ENGLISH_TEXT = """\
ACTION PLAN

I. OBJECTIVES
1. Reduce the unemployment rate to below 3% by 2030.
2. At least 95% of the population covered by health insurance.

II. IMPLEMENTATION
The Department of Health shall lead, in coordination with local authorities.
"""
