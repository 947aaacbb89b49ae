"""HTML, .doc (via LibreOffice), scanned PDF (via tesseract), and files named wrongly."""

from __future__ import annotations

import html
import subprocess
from pathlib import Path

import pytest

import policyparse
from conftest import require_program
from policyparse.read import sniff_format

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "tinh-uy-kh-nq42.txt"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _essentials(doc: policyparse.PlanDocument) -> tuple[object, ...]:
    return (
        [(t.comparator, t.value, t.value_max, t.unit, t.year) for t in doc.targets],
        [(tuple(t.bodies), t.timeframe and (t.timeframe.kind, t.timeframe.end)) for t in doc.tasks],
        doc.metadata.doc_type,
        doc.metadata.signer,
        len(doc.metadata.recipients),
    )


def _sample_as_html() -> str:
    paragraphs = [p for p in SAMPLE.read_text("utf-8").split("\n") if p.strip()]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html><head><title>Cổng thông tin</title>"
        "<script>var x = '<p>no</p>';</script>"
        "</head><body><nav><ul><li>Trang chủ</li><li>Văn bản</li></ul></nav>"
        f"<article>{body}</article><footer>Bản quyền © Tỉnh ủy</footer></body></html>"
    )


def test_html_page_parses_like_the_text(tmp_path: Path) -> None:
    page = tmp_path / "portal.html"
    page.write_text(_sample_as_html(), "utf-8")
    doc = policyparse.parse(page)
    assert doc.source.format == "html"
    assert "Trang chủ" not in doc.text and "Bản quyền" not in doc.text
    assert _essentials(doc) == _essentials(policyparse.parse(SAMPLE))


def test_format_comes_from_content_not_name(tmp_path: Path) -> None:
    renamed = tmp_path / "plan.pdf"
    renamed.write_bytes(SAMPLE.read_bytes())
    assert policyparse.parse(renamed).source.format == "txt"
    assert sniff_format(b"%PDF-1.7") == "pdf"
    assert sniff_format(b"PK\x03\x04") == "docx"
    assert sniff_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") == "doc"
    assert sniff_format(b"<!DOCTYPE html><html>") == "html"


def test_password_protected_office_file_is_refused(tmp_path: Path) -> None:
    ole = tmp_path / "locked.docx"
    ole.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le")
    )
    with pytest.raises(policyparse.EncryptedFileError, match="password"):
        policyparse.parse(ole)


@pytest.mark.external
def test_word97_doc_is_converted_with_libreoffice(tmp_path: Path) -> None:
    soffice = require_program("soffice")
    html_page = tmp_path / "plan.html"
    html_page.write_text(_sample_as_html(), "utf-8")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc:MS Word 97",
            "--outdir",
            str(tmp_path),
            str(html_page),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    doc_file = tmp_path / "plan.doc"
    assert doc_file.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    doc = policyparse.parse(doc_file)
    assert doc.source.format == "doc"
    expected = policyparse.parse(SAMPLE)
    assert [(t.value, t.unit, t.year) for t in doc.targets] == [
        (t.value, t.unit, t.year) for t in expected.targets
    ]
    assert [t.bodies for t in doc.tasks] == [t.bodies for t in expected.tasks]


def _scanned_pdf(path: Path, lines: list[str]) -> None:
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 44)
    y = 200
    for line in lines:
        draw.text((200, y), line, font=font, fill=0)
        y += 80
    page.save(path, "PDF", resolution=300)


SCANNED_PLAN = [
    "KẾ HOẠCH",
    "thực hiện Nghị quyết số 42-NQ/TW về chính sách xã hội",
    "I. MỤC TIÊU",
    "1. Các chỉ tiêu chủ yếu đến năm 2030",
    "- Tỷ lệ thất nghiệp khu vực thành thị dưới 4%.",
    "- Tỷ lệ lao động qua đào tạo đạt 65%.",
    "- Trên 95% dân số tham gia bảo hiểm y tế.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Sở Y tế: chủ trì triển khai, hoàn thành trong Quý IV/2025.",
]


@pytest.mark.external
def test_scanned_pdf_is_read_by_ocr(tmp_path: Path) -> None:
    require_program("tesseract")
    scan = tmp_path / "scan.pdf"
    _scanned_pdf(scan, SCANNED_PLAN)
    doc = policyparse.parse(scan)
    assert any("OCR" in w.message for w in doc.warnings)
    found = {(t.comparator.value, t.value, t.year) for t in doc.targets}
    assert {("<", 4.0, 2030), ("=", 65.0, 2030), (">", 95.0, 2030)} <= found
    assert doc.tasks and doc.tasks[0].bodies == ["Sở Y tế"]
    assert all(t.span.page == 1 for t in doc.targets)


def test_markdown_from_a_portal_is_read_without_markup(tmp_path: Path) -> None:
    page = tmp_path / "plan.md.txt"
    page.write_text(
        "| ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| --- | --- |\n"
        "| **HUYỆN ĐỨC KHÊ** | **Độc lập - Tự do - Hạnh phúc** |\n"
        "| Số: 158/KH-UBND | *Đức Khê, ngày 22 tháng 5 năm 2024* |\n\n**KẾ HOẠCH**\n\n"
        "## **II. MỤC TIÊU, CHỈ TIÊU**\n\n"
        "| STT | Chỉ tiêu | ĐVT | Thực hiện năm 2023 | Kế hoạch 2025 | Mục tiêu 2030 |\n"
        "|:---:|:---|:---:|:---:|:---:|:---:|\n"
        "| 1 | Tỷ lệ hộ nghèo | % | 5,12 | dưới 3,5 | dưới 1,5 |\n\n"
        "## **III. TỔ CHỨC THỰC HIỆN**\n\n"
        "1\\. Phòng Y tế: chủ trì triển khai; hoàn thành trong Quý IV/2024.\n\n"
        "| **Nơi nhận:**<br>- UBND tỉnh (b/c);<br>- Lưu: VT. "
        "| **TM. ỦY BAN NHÂN DÂN**<br>**CHỦ TỊCH**<br>Nguyễn Văn An |\n",
        "utf-8",
    )
    doc = policyparse.parse(page)
    assert doc.source.format == "md" and "**" not in doc.text and "|:---" not in doc.text
    assert (doc.metadata.number, str(doc.metadata.issued_date)) == ("158/KH-UBND", "2024-05-22")
    assert [(t.comparator.value, t.value, t.year) for t in doc.targets] == [
        ("<", 3.5, 2025),
        ("<", 1.5, 2030),
    ]
    assert doc.tasks[0].bodies == ["Phòng Y tế"]
    assert doc.metadata.signer is not None and doc.metadata.signer.name == "Nguyễn Văn An"
    assert len(doc.metadata.recipients) == 2


def test_a_plan_attached_to_a_quyet_dinh_is_read() -> None:
    doc = policyparse.parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM GIANG\nSố: 612/QĐ-UBND\n\nQUYẾT ĐỊNH\n"
        "Ban hành Kế hoạch thực hiện Nghị quyết số 42-NQ/TW\n\nQUYẾT ĐỊNH:\n\n"
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n"
        "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký./.\n\n"
        "Nơi nhận:\n- Như Điều 2;\n"
        "- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nTrần Văn Bình\n\n\nỦY BAN NHÂN DÂN\n"
        "TỈNH LÂM GIANG\n\nKẾ HOẠCH\nThực hiện Nghị quyết số 42-NQ/TW\n"
        "(Ban hành kèm theo Quyết định số 612/QĐ-UBND)\n\n"
        "I. MỤC TIÊU\n- Tỷ lệ hộ nghèo dưới 2% đến năm 2030.\n"
        "II. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế: chủ trì triển khai, hoàn thành trong Quý IV/2024.\n"
    )
    assert (doc.metadata.doc_type, doc.metadata.number) == ("Quyết định", "612/QĐ-UBND")
    assert doc.metadata.signer is not None and doc.metadata.signer.name == "Trần Văn Bình"
    assert [(t.comparator.value, t.value, t.year) for t in doc.targets] == [("<", 2.0, 2030)]
    assert [t.bodies for t in doc.tasks] == [["Sở Y tế"]]
    assert doc.sections[-1].title.startswith("Kế hoạch Thực hiện Nghị quyết")
