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


# --------------------------------------------------------------------------- tables

TABLE_XS = [72.0, 100.0, 250.0, 320.0, 420.0, 523.0]  # STT | Chỉ tiêu | Đơn vị | 2025 | 2030


def _cells(b: PdfBuilder, y: float, texts: list[str], size: float = 11) -> PdfBuilder:
    """One text line across the columns of TABLE_XS (an empty string leaves a cell empty);
    cells are set right up to their column edge so that neighbours sit closer than 2 em."""
    for x, text in zip(TABLE_XS, texts, strict=False):
        if text:
            b.text(text, x + 4, y, size=size)
    return b


def write_tables(path: Path) -> Path:
    """Page 1: a ruled target table whose last row (in the bottom band, numeric cells) is
    split by the page break. Page 2: the table goes on with its header repeated, then an
    unruled table (columns aligned by spaces), then a second ruled table."""
    b = PdfBuilder().new_page()
    b.text("Các chỉ tiêu chủ yếu như sau:", LEFT, 720)
    b.grid(TABLE_XS, [700, 666, 596, 72])
    _cells(b, 686, ["STT", "Chỉ tiêu", "Đơn vị", "Năm", "Năm 2030"])
    _cells(b, 672, ["", "", "", "2025", ""])
    _cells(b, 650, ["1", "Tỷ lệ dân số tham gia", "%", "≥ 94", "trên 96"])
    _cells(b, 636, ["", "bảo hiểm y tế", "", "", ""])
    _cells(b, 90, ["2", "Số lao động được", "người", "2.000", "2.500"])
    b.new_page()
    b.grid(TABLE_XS, [800, 766, 740, 700])
    _cells(b, 786, ["STT", "Chỉ tiêu", "Đơn vị", "Năm", "Năm 2030"])
    _cells(b, 772, ["", "", "", "2025", ""])
    _cells(b, 750, ["", "giải quyết việc làm", "", "", ""])
    _cells(b, 716, ["3", "Số bác sĩ", "bác sĩ", "9", "11"])
    b.text("Bảng tổng hợp khác:", LEFT, 660)
    b.text("Chỉ tiêu", LEFT, 640).text("2025", 300, 640).text("2030", 440, 640)
    b.text("Hộ nghèo", LEFT, 625).text("3", 300, 625).text("2", 440, 625)
    b.text("Tuổi thọ", LEFT, 610).text("74", 300, 610).text("75", 440, 610)
    b.text("Sau bảng là đoạn văn bản thường.", LEFT, 580)
    b.grid([72.0, 200.0, 523.0], [560, 530, 500])
    b.text("Cơ quan", 76, 540).text("Nhiệm vụ", 204, 540)
    b.text("Phòng Y tế", 76, 510).text("Tổng hợp, báo cáo", 204, 510)
    return b.save(path)


@pytest.fixture(scope="module")
def table_blocks(tmp_path_factory: pytest.TempPathFactory) -> list[Block]:
    if not fonts_available():
        pytest.skip("DejaVu fonts not installed")
    return read_pdf(write_tables(tmp_path_factory.mktemp("pdf") / "tables.pdf")).blocks


def rows_of(blocks: list[Block], table: int) -> list[tuple[str, ...]]:
    return [b.cells for b in blocks if b.cells is not None and b.provenance.table == table]


@needs_fonts
def test_ruled_table_rows_are_one_block_each(table_blocks: list[Block]) -> None:
    rows = rows_of(table_blocks, 0)
    assert rows[:2] == [
        ("STT", "Chỉ tiêu", "Đơn vị", "Năm 2025", "Năm 2030"),
        ("1", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "≥ 94", "trên 96"),
    ]
    first = next(b for b in table_blocks if b.cells == rows[1])
    assert first.text == "1 | Tỷ lệ dân số tham gia bảo hiểm y tế | % | ≥ 94 | trên 96"
    assert (first.provenance.page, first.provenance.row) == (1, 1)
    assert first.paragraph_break is True


@needs_fonts
def test_table_continued_on_next_page_keeps_its_index(table_blocks: list[Block]) -> None:
    """The repeated header is dropped; the row split by the page break is one row; its
    numeric cells in the bottom band are not taken for page numbers."""
    rows = rows_of(table_blocks, 0)
    assert rows[2:] == [
        ("2", "Số lao động được giải quyết việc làm", "người", "2.000", "2.500"),
        ("3", "Số bác sĩ", "bác sĩ", "9", "11"),
    ]
    in_table = [b for b in table_blocks if b.provenance.table == 0]
    assert [b.provenance.row for b in in_table] == [0, 1, 2, 3]
    assert [b.provenance.page for b in in_table] == [1, 1, 1, 2]


@needs_fonts
def test_unruled_table_from_aligned_columns(table_blocks: list[Block]) -> None:
    assert rows_of(table_blocks, 1) == [
        ("Chỉ tiêu", "2025", "2030"),
        ("Hộ nghèo", "3", "2"),
        ("Tuổi thọ", "74", "75"),
    ]


@needs_fonts
def test_a_later_table_gets_the_next_index(table_blocks: list[Block]) -> None:
    assert rows_of(table_blocks, 2) == [
        ("Cơ quan", "Nhiệm vụ"),
        ("Phòng Y tế", "Tổng hợp, báo cáo"),
    ]
    texts_ = [b.text for b in table_blocks if b.cells is None]
    assert "Sau bảng là đoạn văn bản thường." in texts_
    assert not any(t in {"2025", "3", "Phòng Y tế"} for t in texts_)


# --------------------------------------------------------------------------- footnotes


def write_footnote(path: Path) -> Path:
    b = PdfBuilder().new_page()
    b.text("Nâng cao chất lượng khám bệnh, chữa bệnh và chăm sóc sức khỏe ban đầu",
           LEFT, 700, width=WIDTH)  # fmt: skip
    b.text("cho Nhân dân trong giai đoạn mới.", LEFT, 684).text("1", 265, 690, size=7)
    b.text("Tỷ lệ lao động qua đào tạo đạt 65% vào năm 2025.", LEFT, 660)
    b.rule(LEFT, 92, LEFT + 144, 92)
    b.text("1 Theo số liệu năm 2023, tỷ lệ tham gia bảo hiểm y tế đạt 91,2%;", LEFT, 80, size=9)
    b.text("tỷ lệ lao động qua đào tạo đạt 62%.", LEFT, 70, size=9)
    return b.save(path)


@needs_fonts
def test_footnote_below_a_short_rule_is_dropped_and_noted(tmp_path: Path) -> None:
    document = read_pdf(write_footnote(tmp_path / "note.pdf"))
    lines = texts(document.blocks)
    assert not any("91,2" in t or "62%" in t for t in lines)
    assert "Tỷ lệ lao động qua đào tạo đạt 65% vào năm 2025." in lines
    assert "cho Nhân dân trong giai đoạn mới." in lines  # the raised note mark is gone too
    assert document.notes == ["footnotes left out (page 1)"]


@needs_fonts
def test_small_text_without_a_separator_rule_is_kept(tmp_path: Path) -> None:
    b = PdfBuilder().new_page()
    b.text("Nội dung chính của kế hoạch.", LEFT, 700)
    b.text("Ghi chú: số liệu năm 2023 đạt 91,2%.", LEFT, 150, size=9)
    document = read_pdf(b.save(tmp_path / "small.pdf"))
    assert "Ghi chú: số liệu năm 2023 đạt 91,2%." in texts(document.blocks)
    assert document.notes == []


# --------------------------------------------------------------------------- dashes, recipients


def write_closing(path: Path) -> Path:
    """Indented bullets, a wrapped line that starts with '- ', a closing block on page 1
    (page 2 is an annex) whose left column has a wrapped recipient."""
    b = PdfBuilder().new_page()
    b.text("- Thực hiện tốt công tác y tế dự phòng, tiêm chủng mở rộng và phòng",
           LEFT + 28, 700, width=WIDTH - 28)  # fmt: skip
    b.text("chống dịch bệnh.", LEFT, 684)
    b.text("- Tổ chức các phiên giao dịch việc làm tại các xã; kết nối thông tin cung",
           LEFT + 28, 668, width=WIDTH - 28)  # fmt: skip
    b.text("- cầu lao động; hỗ trợ người lao động vay vốn tạo việc làm tại địa phương",
           LEFT, 652, width=WIDTH)  # fmt: skip
    b.text("trên địa bàn huyện.", LEFT, 636)
    b.text("- Rà soát, sắp xếp lại các cơ sở giáo dục nghề nghiệp trên địa bàn huyện;",
           LEFT + 28, 620, width=WIDTH - 28)  # fmt: skip
    b.text("- Lưu ý các xã vùng sâu, vùng xa.", LEFT, 604)
    b.text("Nơi nhận:", LEFT, 400, size=11, bold=True).text(
        "T/M BAN THƯỜNG VỤ", 360, 400, bold=True
    )
    b.text("- Ban Bí thư Trung ương Đảng (báo", LEFT, 386, size=10)
    b.text("PHÓ BÍ THƯ", 380, 386, bold=True)
    b.text("cáo),", LEFT + 8, 374, size=10)
    b.text("- Lưu Văn phòng Tỉnh ủy.", LEFT, 362, size=10)
    b.text("Lê Kim Toàn", 375, 320, bold=True)
    b.new_page()
    b.text("PHỤ LỤC", 270, 780, bold=True)
    b.text("Danh mục các nhiệm vụ.", LEFT, 750)
    return b.save(path)


@pytest.fixture(scope="module")
def closing_blocks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bool | None]:
    if not fonts_available():
        pytest.skip("DejaVu fonts not installed")
    blocks = read_pdf(write_closing(tmp_path_factory.mktemp("pdf") / "closing.pdf")).blocks
    return {b.text: b.paragraph_break for b in blocks}


@needs_fonts
def test_dash_line_at_the_margin_continues_a_full_line(
    closing_blocks: dict[str, bool | None],
) -> None:
    dash = "- cầu lao động; hỗ trợ người lao động vay vốn tạo việc làm tại địa phương"
    assert closing_blocks[dash] is False
    assert closing_blocks["trên địa bàn huyện."] is False


@needs_fonts
def test_dash_line_after_a_sentence_end_or_indented_starts_a_paragraph(
    closing_blocks: dict[str, bool | None],
) -> None:
    assert closing_blocks["- Lưu ý các xã vùng sâu, vùng xa."] is True
    bullet = "- Tổ chức các phiên giao dịch việc làm tại các xã; kết nối thông tin cung"
    assert closing_blocks[bullet] is True


@needs_fonts
def test_wrapped_recipient_continues_in_the_closing_block(
    closing_blocks: dict[str, bool | None],
) -> None:
    assert closing_blocks["cáo),"] is False
    assert closing_blocks["- Ban Bí thư Trung ương Đảng (báo"] is True
    assert closing_blocks["- Lưu Văn phòng Tỉnh ủy."] is True
    assert closing_blocks["PHÓ BÍ THƯ"] is True
    assert closing_blocks["Lê Kim Toàn"] is True


@needs_fonts
def test_a_framed_single_row_is_text_not_a_table(tmp_path: Path) -> None:
    """Two boxes side by side with one row of text (a framed header) stay plain lines."""
    b = PdfBuilder().new_page()
    b.grid([72.0, 290.0, 523.0], [760, 720])
    b.text("ỦY BAN NHÂN DÂN", 90, 740, bold=True).text("CỘNG HÒA XÃ HỘI", 330, 740, bold=True)
    b.text("Nội dung chính của kế hoạch được triển khai trên địa bàn.", LEFT, 650, width=WIDTH)
    blocks = read_pdf(b.save(tmp_path / "framed.pdf")).blocks
    assert all(block.cells is None for block in blocks)
    assert texts(blocks)[:2] == ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI"]
