"""Property tests (hypothesis) of ``parse_text`` on arbitrary and on plan-like text.

For any string: a ``PlanDocument`` or a ``PolicyParseError``, never another
exception; the JSON round-trips to an equal model; parsing twice gives
byte-identical JSON; every span lies inside ``doc.text`` and is non-empty, and a
target's span covers exactly its text.

Profiles (``HYPOTHESIS_PROFILE``): ``default`` (800 examples per property, about
15 s), ``thorough`` (10x the examples) and ``ci`` (derandomised). The example
counts are in docs/reliability.md.
"""

from __future__ import annotations

import os
import unicodedata
from typing import Literal

from hypothesis import HealthCheck, assume, example, find, given, settings
from hypothesis import strategies as st

import policyparse
from policyparse.model import PlanDocument, Span

_BASE = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("default", _BASE, max_examples=800)
settings.register_profile("thorough", _BASE, max_examples=3000)
settings.register_profile("ci", _BASE, max_examples=800, derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# --------------------------------------------------------------------------- strategies

HEADINGS = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "II. MỤC TIÊU, CHỈ TIÊU",
    "III. NHIỆM VỤ, GIẢI PHÁP",
    "IV. TỔ CHỨC THỰC HIỆN",
    "1. Mục tiêu chung",
    "2. Chỉ tiêu cụ thể đến năm 2030",
    "1.1. Mục đích",
    "a) Về giảm nghèo",
    "b) Về y tế",
    "Điều 1.",
    "KẾ HOẠCH",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG",
]
HEADER_LINES = [
    "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "TỈNH ỦY HÀ NAM | ĐẢNG CỘNG SẢN VIỆT NAM",
    "Số: 210/KH-UBND | Tân Lập, ngày 02 tháng 7 năm 2024",
    "Số 215-KH/TU",
    "Thực hiện Nghị quyết số 42-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương",
]
CLOSING_LINES = [
    "Nơi nhận:",
    "- Thường trực Tỉnh ủy;",
    "- Các sở, ban, ngành;",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Nguyễn Văn A",
]
BULLETS = ["- ", "+ ", "• ", "* ", "\t- ", "  + ", "a) ", "1. ", ""]
INDICATORS = [
    "Tỷ lệ hộ nghèo",
    "Tỷ lệ thất nghiệp khu vực thành thị",
    "Tỷ lệ lao động qua đào tạo",
    "Tỷ lệ bao phủ bảo hiểm y tế",
    "Diện tích nhà ở bình quân",
    "Số giường bệnh",
    "Thu nhập bình quân",
]
COMPARATORS = ["đạt", "dưới", "trên", "không thấp hơn", "từ", "tối thiểu", "giảm", "tăng lên"]
UNITS = ["%", "%/năm", " m2/người", " giường/10.000 dân", " lao động", " triệu đồng", " hộ", ""]
TAILS = [
    "",
    " đến năm 2030",
    " vào năm 2025",
    " trở lên",
    " giai đoạn 2021 - 2025",
    " mỗi năm",
    "; hằng năm",
    " (trong đó nữ chiếm 40%)",
]
TASK_LINES = [
    "Sở Y tế chủ trì, phối hợp với Sở Tài chính triển khai; hoàn thành trong Quý IV/2025.",
    "Ủy ban nhân dân các huyện tổ chức thực hiện; thường xuyên.",
    "Cơ quan chủ trì: Phòng Lao động - Thương binh và Xã hội.",
    "Thời gian thực hiện: Hằng năm.",
    "Giao Sở Kế hoạch và Đầu tư tham mưu bố trí vốn trước ngày 30/6/2025.",
]
TABLE_LINES = [
    "STT | Chỉ tiêu | Đơn vị | 2025 | 2030",
    "1 | Tỷ lệ hộ nghèo | % | 3 | 1,5",
    "2 | Số bác sĩ/10.000 dân | bác sĩ | 11 | 15",
]

numbers = st.one_of(
    st.integers(0, 100).map(str),
    st.sampled_from(["1,5", "0,5", "1.500", "2.500", "95", "100", "43/10.000", "1 - 1,5"]),
    st.decimals(0, 1000, places=1, allow_nan=False).map(lambda d: str(d).replace(".", ",")),
)


@st.composite
def target_sentences(draw: st.DrawFn) -> str:
    return "".join(
        [
            draw(st.sampled_from(BULLETS)),
            draw(st.sampled_from(INDICATORS)),
            " ",
            draw(st.sampled_from(COMPARATORS)),
            " ",
            draw(numbers),
            draw(st.sampled_from(UNITS)),
            draw(st.sampled_from(TAILS)),
            draw(st.sampled_from([".", ";", "", ","])),
        ]
    )


noise = st.text(
    alphabet=st.sampled_from(list("aăâđêôơưáàảãạẮỆỮ |\t%-+.,;:()/0123456789\u0301\u0323\u00a0")),
    max_size=40,
)
plan_lines = st.one_of(
    st.sampled_from(HEADINGS),
    st.sampled_from(HEADER_LINES),
    st.sampled_from(CLOSING_LINES),
    st.sampled_from(TASK_LINES),
    st.sampled_from(TABLE_LINES),
    target_sentences(),
    st.builds(lambda b, t: b + t, st.sampled_from(BULLETS), st.sampled_from(TASK_LINES)),
    st.just(""),
    noise,
)


@st.composite
def plan_texts(draw: st.DrawFn) -> str:
    """Random mixes of real plan lines, sometimes NFD, with CRLF, tabs and a BOM."""
    lines = draw(st.lists(plan_lines, min_size=1, max_size=40))
    text = draw(st.sampled_from(["\n", "\r\n", "\n\n"])).join(lines)
    forms: list[Literal["NFC", "NFD"] | None] = ["NFC", "NFD", "NFC", None]
    form = draw(st.sampled_from(forms))
    if form is not None:
        text = unicodedata.normalize(form, text)
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


@st.composite
def plan_skeletons(draw: st.DrawFn) -> str:
    """Lines in a plan's usual order (header, targets, tasks, closing), random lines between."""
    parts = [
        draw(st.lists(st.sampled_from(HEADER_LINES), max_size=3)),
        ["II. MỤC TIÊU, CHỈ TIÊU"],
        draw(st.lists(target_sentences(), min_size=1, max_size=6)),
        draw(st.lists(plan_lines, max_size=4)),
        ["IV. TỔ CHỨC THỰC HIỆN"],
        draw(st.lists(st.sampled_from(TASK_LINES), min_size=1, max_size=4)),
        draw(st.lists(st.sampled_from(CLOSING_LINES), max_size=4)),
    ]
    return "\n".join(line for part in parts for line in part)


plan_like = st.one_of(plan_texts(), plan_skeletons())
any_texts = st.one_of(
    st.text(max_size=300),
    st.text(st.characters(codec="utf-8"), max_size=300),
    plan_texts(),
    plan_skeletons(),
)

# --------------------------------------------------------------------------- checks


def parse_or_none(text: str) -> PlanDocument | None:
    """The document, or None for a PolicyParseError; any other exception propagates."""
    try:
        doc = policyparse.parse_text(text)
    except policyparse.PolicyParseError as err:
        assert "\n" not in str(err)
        return None
    assert isinstance(doc, PlanDocument)
    return doc


def all_spans(doc: PlanDocument) -> list[tuple[str, Span]]:
    spans: list[tuple[str, Span]] = [("target", t.span) for t in doc.targets]
    spans += [("qualitative", q.span) for q in doc.qualitative_targets]
    spans += [("task", t.span) for t in doc.tasks]
    spans += [("citation", c.span) for c in doc.cited_documents]
    spans += [("warning", w.span) for w in doc.warnings if w.span is not None]
    stack = list(doc.sections)
    while stack:
        section = stack.pop()
        spans.append(("section", section.span))
        stack.extend(section.children)
    return spans


def check_spans(doc: PlanDocument) -> None:
    for kind, span in all_spans(doc):
        assert 0 <= span.start < span.end <= len(doc.text), (kind, span, len(doc.text))
        assert doc.text[span.start : span.end].strip(), (kind, span)
    for target in doc.targets:
        if target.span.table is None:  # a target from prose: its span is its sentence
            assert doc.text[target.span.start : target.span.end] == target.text, target


# --------------------------------------------------------------------------- properties

KNOWN_CRASH = "2. m\n1 lao | động"  # found by the text fuzzer: KeyError in extract/targets.py

# Found by these properties (shrunk by hypothesis); "Điều 1." is kept out of HEADINGS meanwhile.
DIEU_BUG = "bug: a 'Điều N.' heading shifts offsets: Span(start<0) raises pydantic ValidationError"
DIEU_TASK = "Điều 1.\nSở Y tế chủ trì triển khai."
DIEU_AIM = "II. MỤC TIÊU, CHỈ TIÊU\nĐiều 1.\nỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
DIEU_TABLE = "II. MỤC TIÊU, CHỈ TIÊU\nĐiều 1.\n1 | Tỷ lệ hộ nghèo | % | 3 | 1,5"


def test_dieu_heading_before_a_task() -> None:
    doc = parse_or_none(DIEU_TASK)
    assert doc is not None
    check_spans(doc)


def test_dieu_heading_before_an_aim() -> None:
    doc = parse_or_none(DIEU_AIM)
    assert doc is not None
    check_spans(doc)


def test_dieu_heading_before_a_table_row_target() -> None:
    doc = parse_or_none(DIEU_TABLE)
    assert doc is not None
    check_spans(doc)


@given(any_texts)
def test_any_text_gives_a_document_or_a_policyparse_error(text: str) -> None:
    assume(text != KNOWN_CRASH)
    parse_or_none(text)


def test_unit_split_by_a_table_bar_does_not_crash() -> None:
    assert parse_or_none(KNOWN_CRASH) is not None


@given(plan_like)
def test_json_round_trip_is_equal(text: str) -> None:
    doc = parse_or_none(text)
    assume(doc is not None)
    assert doc is not None
    assert PlanDocument.model_validate_json(doc.model_dump_json()) == doc


@given(plan_like)
def test_same_input_gives_byte_identical_json(text: str) -> None:
    first, second = parse_or_none(text), parse_or_none(text)
    assert (first is None) == (second is None)
    if first is not None and second is not None:
        assert first.model_dump_json().encode() == second.model_dump_json().encode()


@given(plan_like)
@example("KẾ HOẠCH\n\nI. MỤC TIÊU\n\n- Tỷ lệ thất nghiệp dưới 3% đến năm 2030.")
@example(unicodedata.normalize("NFD", "II. CHỈ TIÊU\n\t+ Tỷ lệ hộ nghèo giảm 1,5%/năm."))
def test_spans_point_at_text_that_exists(text: str) -> None:
    doc = parse_or_none(text)
    assume(doc is not None)
    assert doc is not None
    check_spans(doc)


def _targets_and_tasks(text: str) -> bool:
    doc = parse_or_none(text)
    return doc is not None and len(doc.targets) >= 2 and len(doc.tasks) >= 1


def test_plan_strategy_reaches_targets_and_tasks() -> None:
    """The plan-like strategies exercise the extractors, not only the error paths.

    ``plan_texts`` mixes lines in any order and reaches targets and tasks only now and
    then; ``plan_skeletons`` keeps a plan's order, so a search of 500 never misses.
    """
    text = find(
        plan_skeletons(), _targets_and_tasks, settings=settings(max_examples=500, database=None)
    )
    doc = parse_or_none(text)
    assert doc is not None
    check_spans(doc)
