"""The .docx reader on fixtures built in code (see tests/builders/docx_builder.py)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from builders.docx_builder import (
    add_grid_table,
    add_layout_table,
    add_style,
    append_run_xml,
    install_numbering,
    level_xml,
    make_bold,
    new_document,
    num_xml,
    numbered,
    save,
    set_numbering,
    set_style_numbering,
)
from policyparse.errors import (
    CorruptFileError,
    EmptyDocumentError,
    EncryptedFileError,
    FileTooLargeError,
)
from policyparse.read import read_path
from policyparse.read.blocks import Block
from policyparse.read.docx import read_docx

SYMBOL_BULLET = '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr>'
PLAN_LIST = (
    level_xml(0, "upperRoman", "%1.")
    + level_xml(1, "decimal", "%2.")
    + level_xml(2, "lowerLetter", "%3)")
    + level_xml(3, "bullet", "\uf0b7", extra=SYMBOL_BULLET)
)
OUTLINE_LIST = level_xml(0, "decimal", "%1.", extra='<w:pStyle w:val="Heading2"/>') + level_xml(
    1, "decimal", "%1.%2."
)


def labels(blocks: list[Block]) -> list[tuple[str | None, str]]:
    return [(b.label, b.text) for b in blocks]


@pytest.fixture
def numbered_docx(tmp_path: Path) -> Path:
    document = new_document()
    install_numbering(
        document,
        {1: PLAN_LIST, 2: OUTLINE_LIST},
        {1: num_xml(1), 2: num_xml(2), 3: num_xml(1, {0: 1}), 4: num_xml(2)},
    )
    numbered(document, "MỤC ĐÍCH, YÊU CẦU", 1, 0)
    numbered(document, "Mục đích", 1, 1)
    numbered(document, "Yêu cầu", 1, 1)
    numbered(document, "bảo đảm sự lãnh đạo", 1, 2)
    numbered(document, "phát huy vai trò", 1, 2)
    numbered(document, "cấp ủy các cấp", 1, 3)
    numbered(document, "NHIỆM VỤ, GIẢI PHÁP", 1, 0)
    numbered(document, "Nâng cao chất lượng", 1, 1)
    numbered(document, "Phụ lục", 3, 0)  # a second numId with startOverride: restarts at I
    numbered(document, "Mục tiêu của phụ lục", 3, 1)
    save(document, tmp_path / "numbered.docx")
    return tmp_path / "numbered.docx"


def test_automatic_numbering_is_rendered_as_labels(numbered_docx: Path) -> None:
    blocks = read_docx(numbered_docx).blocks
    assert [b.label for b in blocks] == ["I.", "1.", "2.", "a)", "b)", "-", "II.", "1.", "I.", "1."]
    assert blocks[0].text == "MỤC ĐÍCH, YÊU CẦU"  # the number is not in the text


def test_deeper_level_restarts_when_a_shallower_level_advances(numbered_docx: Path) -> None:
    blocks = read_docx(numbered_docx).blocks
    after_second_heading = blocks[7]
    assert (after_second_heading.label, after_second_heading.text) == ("1.", "Nâng cao chất lượng")


def test_start_override_restarts_a_list(numbered_docx: Path) -> None:
    assert labels(read_docx(numbered_docx).blocks)[8] == ("I.", "Phụ lục")


def test_numbering_inherited_from_heading_style_and_its_descendants(tmp_path: Path) -> None:
    document = new_document()
    install_numbering(document, {2: OUTLINE_LIST}, {2: num_xml(2)})
    set_style_numbering(document, "Heading2", 2)
    add_style(document, "MucLon", "Mục lớn", based_on="Heading2")
    document.add_paragraph("Mục tiêu chung", style="Heading 2")
    numbered(document, "Chỉ tiêu y tế", 2, 1)
    numbered(document, "Chỉ tiêu giáo dục", 2, 1)
    document.add_paragraph("Mục tiêu cụ thể", style="Mục lớn")
    plain = document.add_paragraph("Không đánh số", style="Heading 2")
    set_numbering(plain, 0)  # numId 0 switches the style's numbering off
    blocks = read_docx(save(document, tmp_path / "styled.docx")).blocks
    assert labels(blocks) == [
        ("1.", "Mục tiêu chung"),
        ("1.1.", "Chỉ tiêu y tế"),
        ("1.2.", "Chỉ tiêu giáo dục"),
        ("2.", "Mục tiêu cụ thể"),
        (None, "Không đánh số"),
    ]
    assert [b.heading_level for b in blocks] == [2, None, None, 2, 2]


def test_lists_sharing_an_abstract_definition_share_counters(tmp_path: Path) -> None:
    document = new_document()
    install_numbering(document, {1: PLAN_LIST}, {1: num_xml(1), 5: num_xml(1)})
    numbered(document, "Một", 1, 1)
    numbered(document, "Hai", 5, 1)  # another numId, same list, no override: continues
    assert [b.label for b in read_docx(save(document, tmp_path / "s.docx")).blocks] == ["1.", "2."]


def test_heading_level_bold_and_paragraph_provenance(tmp_path: Path) -> None:
    document = new_document()
    document.add_paragraph("")  # empty: skipped, but still counted in provenance
    document.add_heading("KẾ HOẠCH", level=1)
    make_bold(document.add_paragraph("Mục tiêu chung"))
    mixed = document.add_paragraph("Nửa ")
    mixed.add_run("đậm").bold = True
    blocks = read_docx(save(document, tmp_path / "h.docx")).blocks
    assert [b.text for b in blocks] == ["KẾ HOẠCH", "Mục tiêu chung", "Nửa đậm"]
    assert [b.heading_level for b in blocks] == [1, None, None]
    assert [b.bold for b in blocks] == [True, True, False]  # Heading 1 is bold by its style
    assert [b.provenance.paragraph for b in blocks] == [1, 2, 3]
    assert all(b.paragraph_break for b in blocks)


def test_header_table_is_flattened_left_column_then_right(tmp_path: Path) -> None:
    document = new_document()
    add_layout_table(
        document,
        [
            [["TỈNH ỦY HÀ NAM", "*"], ["Số 215-KH/TU"]],
            [["ĐẢNG CỘNG SẢN VIỆT NAM"], ["Hà Nam, ngày 20 tháng 02 năm 2024"]],
        ],
    )
    document.add_paragraph("KẾ HOẠCH")
    blocks = read_docx(save(document, tmp_path / "header.docx")).blocks
    assert [b.text for b in blocks] == [
        "TỈNH ỦY HÀ NAM",
        "*",
        "Số 215-KH/TU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Hà Nam, ngày 20 tháng 02 năm 2024",
        "KẾ HOẠCH",
    ]
    assert all(b.cells is None for b in blocks)
    assert [b.provenance.cell for b in blocks[:5]] == [0, 0, 0, 1, 1]


def test_signature_table_with_noi_nhan_is_flattened(tmp_path: Path) -> None:
    document = new_document()
    document.add_paragraph("Nội dung kế hoạch.")
    add_layout_table(
        document,
        [
            [["Nơi nhận:", "- Ban Thường vụ,", "- Lưu VP."]],
            [["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn An"]],
        ],
    )
    texts = [b.text for b in read_docx(save(document, tmp_path / "sig.docx")).blocks]
    assert texts == [
        "Nội dung kế hoạch.",
        "Nơi nhận:",
        "- Ban Thường vụ,",
        "- Lưu VP.",
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ",
        "Nguyễn Văn An",
    ]


def test_target_table_rows_yield_cells(tmp_path: Path) -> None:
    document = new_document()
    document.add_paragraph("Các chỉ tiêu chủ yếu đến năm 2030")
    table = add_grid_table(
        document,
        [
            ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025", "Năm 2030"],
            ["I", "Y tế", "", "", ""],
            ["1", "Số giường bệnh trên 10.000 dân", "giường", "32", "35"],
            ["2", "Tỷ lệ tiêm chủng", "%", "95", "98"],
        ],
    )
    merged = table.cell(1, 1).merge(table.cell(1, 4))  # a group row spanning four columns
    merged.text = "Y tế"
    table.cell(2, 2).merge(table.cell(3, 2)).text = "đơn vị"  # one unit for two rows
    blocks = read_docx(save(document, tmp_path / "targets.docx")).blocks
    rows = [b for b in blocks if b.cells is not None]
    assert rows[0].cells == ("STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025", "Năm 2030")
    assert rows[0].text == "STT | Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2030"
    assert rows[1].cells == ("I", "Y tế")  # the merged cell once, not four times
    assert rows[2].cells == ("1", "Số giường bệnh trên 10.000 dân", "đơn vị", "32", "35")
    assert rows[3].cells == ("2", "Tỷ lệ tiêm chủng", "đơn vị", "95", "98")
    assert [(b.provenance.table, b.provenance.row) for b in rows] == [(0, r) for r in range(4)]


def test_numbered_paragraph_in_a_cell_keeps_its_label(tmp_path: Path) -> None:
    document = new_document()
    install_numbering(document, {1: PLAN_LIST}, {1: num_xml(1)})
    document.add_paragraph("Phân công")
    table = add_grid_table(document, [["Nội dung", "Cơ quan chủ trì"], ["", "Sở Y tế"]])
    set_numbering(table.cell(1, 0).paragraphs[0], 1, 1)
    table.cell(1, 0).paragraphs[0].add_run("Tuyên truyền")
    rows = [b for b in read_docx(save(document, tmp_path / "cell.docx")).blocks if b.cells]
    assert rows[1].cells == ("1. Tuyên truyền", "Sở Y tế")


def test_footnote_reference_hidden_and_deleted_text_do_not_leak(tmp_path: Path) -> None:
    document = new_document()
    paragraph = document.add_paragraph("Tỷ lệ hộ nghèo giảm")
    append_run_xml(
        paragraph,
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        '<w:footnoteReference w:id="1"/></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>"
        '<w:del w:id="1" w:author="A"><w:r><w:delText>đã xóa</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve"> 1,5%/năm</w:t></w:r></w:ins>',
    )
    blocks = read_docx(save(document, tmp_path / "fn.docx")).blocks
    assert [b.text for b in blocks] == ["Tỷ lệ hộ nghèo giảm 1,5%/năm"]


def test_table_of_contents_is_dropped(tmp_path: Path) -> None:
    document = new_document()
    add_style(document, "TOC1", "toc 1", based_on="Normal")
    document.add_paragraph("MỤC LỤC")
    for title in ("I. MỤC ĐÍCH\t1", "II. NHIỆM VỤ\t3"):
        document.add_paragraph(title, style="toc 1")
    document.add_paragraph("MỤC ĐÍCH")
    blocks = read_docx(save(document, tmp_path / "toc.docx")).blocks
    assert [b.text for b in blocks] == ["MỤC ĐÍCH"]


def test_read_path_dispatches_docx_by_content(numbered_docx: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "plan.bin"
    renamed.write_bytes(numbered_docx.read_bytes())
    document = read_path(renamed)
    assert document.format == "docx"
    assert document.blocks[0].label == "I."


# --------------------------------------------------------------------------- errors


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(bytes(range(256)) * 8, id="random-bytes"),
        pytest.param(_zip_bytes({}), id="empty-zip"),
        pytest.param(_zip_bytes({"word/other.xml": b"<x/>"}), id="no-document-xml"),
        pytest.param(b"PK\x03\x04" + b"\x00" * 60, id="truncated-zip"),
        pytest.param(
            _zip_bytes({"word/document.xml": b"<not-closed", "[Content_Types].xml": b"<x/>"}),
            id="broken-package",
        ),
    ],
)
def test_broken_files_raise_corrupt_file_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(content)
    with pytest.raises(CorruptFileError) as caught:
        read_docx(path)
    assert caught.value.path == str(path)


def test_encrypted_ole_container_raises_encrypted_file_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.docx"
    ole_magic = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    path.write_bytes(ole_magic + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(EncryptedFileError):
        read_docx(path)


def test_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(_zip_bytes({"word/document.xml": b"\x00" * (12 * 1024 * 1024)}))
    with pytest.raises(FileTooLargeError):
        read_docx(path)


def test_document_without_text_raises_empty_document_error(tmp_path: Path) -> None:
    document = new_document()
    document.add_paragraph("   ")
    with pytest.raises(EmptyDocumentError):
        read_docx(save(document, tmp_path / "empty.docx"))
