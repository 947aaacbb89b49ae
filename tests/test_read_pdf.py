"""The PDF reader on PDFs built in code (see tests/builders/pdf_builder.py)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

import policyparse.read.pdf as pdf_reader
from builders.pdf_builder import PdfBuilder, empty_pdf, encrypted_pdf, fonts_available
from policyparse.errors import (
    CorruptFileError,
    EncryptedFileError,
    FileTooLargeError,
    NoTextLayerError,
)
from policyparse.read import read_path
from policyparse.read.blocks import Block
from policyparse.read.pdf import read_pdf

needs_fonts = pytest.mark.skipif(not fonts_available(), reason="DejaVu fonts not installed")
LEFT, WIDTH = 72.0, 451.0  # text area of an A4 page with 1-inch margins


def write_plan(path: Path) -> Path:
    """Two pages: header block, a paragraph split across the page break, a Symbol bullet,
    a running footer with page numbers, and a signature block."""
    b = PdfBuilder().new_page()
    b.text("TỈNH ỦY HÀ NAM", 80, 780, bold=True).text("ĐẢNG CỘNG SẢN VIỆT NAM", 340, 780, bold=True)
    b.text("*", 140, 765).text("Hà Nam, ngày 20 tháng 02 năm 2024", 330, 765)
    b.text("Số 215-KH/TU", 110, 750)
    b.text("KẾ HOẠCH", 260, 720, size=14, bold=True)
    b.text("I. MỤC ĐÍCH, YÊU CẦU", LEFT + 28, 690, bold=True)
    b.text("Quán triệt sâu sắc nội dung của nghị quyết trong toàn Đảng bộ và các tầng",
           LEFT + 28, 672, width=WIDTH - 28)  # fmt: skip
    b.text("lớp nhân dân, tạo sự thống nhất cao về nhận thức và hành động.", LEFT, 654)
    b.text("\uf0b7 Tỷ lệ bao phủ bảo hiểm y tế đạt trên 95% dân số vào năm 2025.", LEFT + 28, 636)
    b.text("Nâng cao chất lượng hoạt động của hệ thống y tế cơ sở, bảo đảm chất",
           LEFT + 28, 100, width=WIDTH - 28)  # fmt: skip
    b.text("Tỉnh ủy Hà Nam - Kế hoạch 215", LEFT, 40, size=9).text("1", 297, 40, size=9)
    b.new_page()
    b.text("- 2 -", 290, 810, size=10)
    b.text("lượng quản lý và điều hành của các cơ sở y tế trên địa bàn toàn tỉnh hiện nay",
           LEFT, 760, width=WIDTH)  # fmt: skip
    b.text("theo hướng hiện đại.", LEFT, 742)
    b.text("II. TỔ CHỨC THỰC HIỆN", LEFT + 28, 712, bold=True)
    b.text("Nơi nhận:", LEFT, 300, bold=True).text("T/M BAN THƯỜNG VỤ", 360, 300, bold=True)
    b.text("- Ban Bí thư,", LEFT, 285).text("PHÓ BÍ THƯ", 380, 285, bold=True)
    b.text("- Lưu Văn phòng.", LEFT, 270)
    b.text("Nguyễn Văn An", 375, 230, bold=True)
    b.text("Tỉnh ủy Hà Nam - Kế hoạch 215", LEFT, 40, size=9).text("2", 297, 40, size=9)
    return b.save(path)


@pytest.fixture(scope="module")
def plan_blocks(tmp_path_factory: pytest.TempPathFactory) -> list[Block]:
    if not fonts_available():
        pytest.skip("DejaVu fonts not installed")
    return read_pdf(write_plan(tmp_path_factory.mktemp("pdf") / "plan.pdf")).blocks


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


@needs_fonts
def test_running_footer_and_page_numbers_are_removed(plan_blocks: list[Block]) -> None:
    assert not any("Kế hoạch 215" in t for t in texts(plan_blocks))
    assert not any(t.strip() in {"1", "2", "- 2 -"} for t in texts(plan_blocks))


@needs_fonts
def test_lines_keep_vietnamese_text_and_pages(plan_blocks: list[Block]) -> None:
    by_text = {b.text: b for b in plan_blocks}
    assert by_text["KẾ HOẠCH"].provenance.page == 1
    assert by_text["theo hướng hiện đại."].provenance.page == 2


@needs_fonts
def test_paragraph_breaks_follow_layout(plan_blocks: list[Block]) -> None:
    breaks = {b.text: b.paragraph_break for b in plan_blocks}
    assert breaks["lớp nhân dân, tạo sự thống nhất cao về nhận thức và hành động."] is False
    assert breaks["- Tỷ lệ bao phủ bảo hiểm y tế đạt trên 95% dân số vào năm 2025."] is True
    assert breaks["theo hướng hiện đại."] is False
    assert breaks["II. TỔ CHỨC THỰC HIỆN"] is True  # indented after a short line


@needs_fonts
def test_paragraph_split_by_page_break_continues(plan_blocks: list[Block]) -> None:
    index = texts(plan_blocks).index(
        "lượng quản lý và điều hành của các cơ sở y tế trên địa bàn toàn tỉnh hiện nay"
    )
    assert plan_blocks[index - 1].text.endswith("bảo đảm chất")
    assert plan_blocks[index].paragraph_break is False
    assert plan_blocks[index].provenance.page == 2


@needs_fonts
def test_private_use_bullet_becomes_dash(plan_blocks: list[Block]) -> None:
    bullet = [t for t in texts(plan_blocks) if "bảo hiểm y tế" in t]
    assert bullet == ["- Tỷ lệ bao phủ bảo hiểm y tế đạt trên 95% dân số vào năm 2025."]
    assert not any("\uf0b7" in t for t in texts(plan_blocks))


@needs_fonts
def test_header_block_reads_left_column_then_right(plan_blocks: list[Block]) -> None:
    assert texts(plan_blocks)[:6] == [
        "TỈNH ỦY HÀ NAM",
        "*",
        "Số 215-KH/TU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Hà Nam, ngày 20 tháng 02 năm 2024",
        "KẾ HOẠCH",
    ]
    assert plan_blocks[0].bold and not plan_blocks[1].bold


@needs_fonts
def test_signature_block_reads_left_column_then_right(plan_blocks: list[Block]) -> None:
    assert texts(plan_blocks)[-7:] == [
        "II. TỔ CHỨC THỰC HIỆN",
        "Nơi nhận:",
        "- Ban Bí thư,",
        "- Lưu Văn phòng.",
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ",
        "Nguyễn Văn An",
    ]


@needs_fonts
def test_read_path_dispatches_pdf(tmp_path: Path) -> None:
    document = read_path(write_plan(tmp_path / "plan.dat"))
    assert document.format == "pdf"
    assert len(document.sha256) == 64


def test_encrypted_pdf_raises_encrypted_file_error(tmp_path: Path) -> None:
    path = encrypted_pdf(tmp_path / "locked.pdf", user_password="secret", text="Ke hoach 215")
    with pytest.raises(EncryptedFileError):
        read_pdf(path)
    # the fixture is a real encrypted PDF: the right password opens it
    opened = pdfium.PdfDocument(str(path), password="secret")
    assert opened[0].get_textpage().get_text_range() == "Ke hoach 215"
    opened.close()


def test_pdf_without_text_raises_no_text_layer_error(tmp_path: Path) -> None:
    with pytest.raises(NoTextLayerError, match="OCR"):
        read_pdf(empty_pdf(tmp_path / "scan.pdf", pages=2))


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"%PDF-1.7\n" + bytes(range(256)) * 4, id="garbage-after-header"),
        pytest.param(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", id="truncated"),
    ],
)
def test_broken_pdf_raises_corrupt_file_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(CorruptFileError):
        read_pdf(path)


def test_page_limit_raises_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    with pytest.raises(FileTooLargeError):
        read_pdf(empty_pdf(tmp_path / "long.pdf", pages=3))
