"""The normaliser's guarantees (see policyparse.normalize) and text decoding."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from policyparse.errors import EncodingError
from policyparse.normalize import clean_line, fix_tone_placement, normalize_blocks
from policyparse.read.txt import decode_text, text_to_blocks


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("Uỷ ban", "Ủy ban"),
        ("HOÀ", "HÒA"),
        ("xoè", "xòe"),
        ("hoàn thành", "hoàn thành"),  # closed syllable: unchanged
        ("quý", "quý"),  # qu- onset: unchanged
        ("thuý", "thúy"),
    ],
)
def test_tone_placement(old: str, new: str) -> None:
    assert fix_tone_placement(old) == new
    assert fix_tone_placement(unicodedata.normalize("NFD", old)) == new


def test_clean_line_spaces_dashes_bullets() -> None:
    assert clean_line("Sở Lao động\u00a0– Thương binh") == "Sở Lao động - Thương binh"
    assert clean_line("\uf0b7 Tỷ lệ") == "- Tỷ lệ"
    assert clean_line("• Tỷ lệ") == "- Tỷ lệ"
    assert clean_line("ỦY BAN NHÂN DÂN      CỘNG HÒA") == "ỦY BAN NHÂN DÂN\tCỘNG HÒA"
    assert clean_line("ỦY BAN NHÂN DÂN | CỘNG HÒA") == "ỦY BAN NHÂN DÂN\tCỘNG HÒA"
    assert clean_line("a\u200b b  c") == "a b c"


def _paragraphs(text: str) -> list[str]:
    return [p.text for p in normalize_blocks(text_to_blocks(text)).paragraphs]


def test_page_break_inside_a_paragraph_is_joined() -> None:
    text = "1. Mục tiêu\n\nPhát triển, nâng cao chất\n\nlượng quản lý xã hội.\n\nĐoạn mới."
    assert _paragraphs(text) == [
        "1. Mục tiêu",
        "Phát triển, nâng cao chất lượng quản lý xã hội.",
        "Đoạn mới.",
    ]


def test_type_name_and_summary_stay_apart() -> None:
    assert _paragraphs("KẾ HOẠCH\n\nthực hiện Nghị quyết") == ["KẾ HOẠCH", "thực hiện Nghị quyết"]


def test_hard_wrapped_text_is_joined_and_page_numbers_dropped() -> None:
    lines = [
        "1. Phòng Lao động - Việc làm: chủ trì, phối hợp với Trung tâm Dịch vụ",
        "việc làm tham mưu Giám đốc Sở ban hành kế hoạch giải quyết việc làm và",
        "- 2 -",
        "đưa người lao động đi làm việc ở nước ngoài, hoàn thành trong một quý",
        "Quý III/2024 theo đúng quy định của Nghị quyết số 42-NQ/TW và Kế hoạch",
        "2. Đề nghị Ủy ban nhân dân các huyện, thành phố chỉ đạo Phòng Lao động",
        "- Thương binh và Xã hội cấp huyện tổ chức thực hiện các chỉ tiêu của kế",
        "hoạch trên địa bàn huyện, báo cáo kết quả về Sở theo định kỳ 6 tháng.",
    ]
    norm = normalize_blocks(text_to_blocks("\n".join(lines)))
    paragraphs = [p.text for p in norm.paragraphs]
    assert len(paragraphs) == 2
    assert "Quý III/2024" in paragraphs[0] and "- 2 -" not in paragraphs[0]
    assert "Phòng Lao động - Thương binh và Xã hội" in paragraphs[1]
    assert any("page number" in n for n in norm.notes)


def test_number_split_by_a_line_end_is_rejoined() -> None:
    assert _paragraphs("thực hiện Nghị quyết số 42-\nNQ/TW của Bộ Chính trị") == [
        "thực hiện Nghị quyết số 42-NQ/TW của Bộ Chính trị"
    ]


def test_paragraph_offsets_index_the_text() -> None:
    norm = normalize_blocks(text_to_blocks("KẾ HOẠCH\n\nI. MỤC TIÊU\n- Tỷ lệ hoà nhập 50%"))
    for p in norm.paragraphs:
        assert norm.text[p.start : p.end] == p.text
    assert norm.paragraphs[-1].original == "- Tỷ lệ hoà nhập 50%"
    assert "hòa" in norm.text


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Kế hoạch hòa".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "Kế hoạch".encode(), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + "Kế hoạch".encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + "Kế hoạch".encode("utf-16-be"), "utf-16"),
        ("Kế hoạch thực hiện".encode("utf-16-le"), "utf-16-le"),
        ("Kê\u0301 hoa\u0323ch".encode("cp1258"), "cp1258"),  # cp1258 keeps tone marks combining
    ],
)
def test_decode_text(data: bytes, encoding: str) -> None:
    text, found = decode_text(data)
    assert found == encoding
    assert unicodedata.normalize("NFC", text).startswith("Kế hoạch")


def test_undecodable_bytes_raise_a_typed_error() -> None:
    with pytest.raises(EncodingError, match="encoding"):
        decode_text(bytes(range(256)) * 20, "x.txt")


def test_running_header_beside_page_numbers_is_dropped() -> None:
    lines = [
        "1. Mục tiêu",
        "Tỷ lệ hộ nghèo giảm 1% mỗi năm.",
        "Trang 1/3",
        "Kế hoạch số 245/KH-UBND",
        "2. Nhiệm vụ",
        "Rà soát hộ nghèo hằng năm.",
        "Trang 2/3",
        "Kế hoạch số 245/KH-UBND",
        "3. Tổ chức thực hiện",
    ]
    norm = normalize_blocks(text_to_blocks("\n\n".join(lines)))
    paragraphs = [p.text for p in norm.paragraphs]
    assert "Kế hoạch số 245/KH-UBND" not in paragraphs
    assert not any(p.startswith("Trang") for p in paragraphs)
    assert paragraphs == [
        "1. Mục tiêu",
        "Tỷ lệ hộ nghèo giảm 1% mỗi năm.",
        "2. Nhiệm vụ",
        "Rà soát hộ nghèo hằng năm.",
        "3. Tổ chức thực hiện",
    ]
    # A line next to a page number only once is text, not a running header.
    once = normalize_blocks(text_to_blocks("Mở đầu.\n\n2\n\nKết luận của kế hoạch."))
    assert "Kết luận của kế hoạch." in [p.text for p in once.paragraphs]


def test_bar_rows_keep_empty_cells_and_form_feeds_leave_page_numbers() -> None:
    assert clean_line("I | Lao động, việc làm |  |  | ") == "I\tLao động, việc làm\t\t\t"
    assert clean_line("| STT | Chỉ tiêu |") == "STT\tChỉ tiêu"
    assert clean_line("  | nghèo, hộ cận nghèo | Bảo hiểm xã hội") == (
        "\tnghèo, hộ cận nghèo\tBảo hiểm xã hội"
    )
    norm = normalize_blocks(text_to_blocks("Đoạn một.\n\n\f                3\n\nĐoạn hai."))
    assert [p.text for p in norm.paragraphs] == ["Đoạn một.", "Đoạn hai."]


def test_a_range_opening_a_line_continues_the_sentence() -> None:
    text = "- Tỷ lệ hộ nghèo giảm bình quân\n1 - 1,5%/năm.\n1 - Về việc làm"
    assert _paragraphs(text) == ["- Tỷ lệ hộ nghèo giảm bình quân 1 - 1,5%/năm.", "1 - Về việc làm"]


def test_an_item_after_a_closing_parenthesis_opens_a_paragraph() -> None:
    text = (
        "2- Các chỉ tiêu chủ yếu\n(Chi tiết tại Phụ lục)\na) Đến năm 2025\n- Tỷ lệ hộ nghèo 2,5%."
    )
    assert _paragraphs(text)[-2:] == ["a) Đến năm 2025", "- Tỷ lệ hộ nghèo 2,5%."]
