"""The public API, the JSON Schema and the command line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import policyparse
from policyparse.cli import main
from policyparse.export import to_json
from policyparse.export.json import from_json
from policyparse.schema import schema_json

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "tinh-uy-kh-nq42.txt"


def test_public_api_is_what_all_says() -> None:
    exported = {name for name in dir(policyparse) if not name.startswith("_")}
    modules = {"cli", "errors", "export", "extract", "langdata", "model", "normalize", "pipeline"}
    modules |= {"read", "schema", "segment", "annotations", "batch"}
    assert set(policyparse.__all__) - {"__version__"} == exported - modules
    assert {"parse", "parse_text", "PlanDocument", "PolicyParseError"} <= set(policyparse.__all__)


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "schemas" / "plan-document.schema.json").read_text("utf-8")
    assert committed == schema_json(), (
        "run: policyparse schema -o schemas/plan-document.schema.json"
    )


def test_json_round_trip_and_determinism() -> None:
    doc = policyparse.parse(SAMPLE)
    text = to_json(doc)
    assert from_json(text) == doc
    assert to_json(policyparse.parse(SAMPLE)) == text
    data = json.loads(text)
    assert data["schema_version"] == policyparse.SCHEMA_VERSION
    assert data["source"]["format"] == "txt" and len(data["source"]["sha256"]) == 64


def test_every_span_points_into_the_normalised_text() -> None:
    doc = policyparse.parse(SAMPLE)
    for item in [*doc.targets, *doc.qualitative_targets, *doc.tasks]:
        assert 0 <= item.span.start < item.span.end <= len(doc.text)
    for target in doc.targets:
        assert doc.text[target.span.start : target.span.end] == target.text
    for task in doc.tasks:
        assert task.bodies[0] in doc.text[task.span.start : task.span.end]


def test_parse_text_reads_a_minimal_plan() -> None:
    doc = policyparse.parse_text(
        "KẾ HOẠCH\nthực hiện Nghị quyết\n\nI. MỤC TIÊU\n- Tỷ lệ hộ nghèo dưới 2% đến năm 2030.\n"
        "II. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế: chủ trì triển khai; thời gian: Quý I/2025.\n"
    )
    assert doc.metadata.doc_type == "Kế hoạch"
    assert [(t.comparator.value, t.value, t.year) for t in doc.targets] == [("<", 2.0, 2030)]
    assert doc.tasks[0].bodies == ["Sở Y tế"]
    assert doc.tasks[0].timeframe is not None and str(doc.tasks[0].timeframe.end) == "2025-03-31"


def test_a_text_that_is_not_a_plan_gives_warnings_not_errors() -> None:
    doc = policyparse.parse_text("The quick brown fox jumps over the lazy dog.")
    assert doc.targets == [] and doc.tasks == []
    assert {w.code for w in doc.warnings} >= {"no_type_name", "no_headings"}


def test_empty_text_is_a_typed_error() -> None:
    with pytest.raises(policyparse.EmptyDocumentError):
        policyparse.parse_text(" \n\t\n")


def test_cli_writes_json_and_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "plan.json"
    assert main(["parse", str(SAMPLE), "-o", str(out)]) == 0
    assert json.loads(out.read_text("utf-8"))["metadata"]["doc_type"] == "Kế hoạch"
    assert main(["parse", str(SAMPLE), "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# Kế hoạch") and "| Tỷ lệ thất nghiệp chung | < 2.45 % | 2030 |" in md
    assert main(["parse", str(SAMPLE), "--format", "csv", "-o", str(tmp_path / "t.csv")]) == 0
    rows = (tmp_path / "t.csv").read_text("utf-8").splitlines()
    assert rows[0].startswith("\ufeffindicator,comparator") and len(rows) == 1 + 33


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (None, 3, "no such file"),
        (b"", 10, "no text"),
        (b"PK\x03\x04garbage", 6, ""),
        (bytes(range(256)) * 20, 5, "encoding"),
    ],
)
def test_cli_bad_input_is_one_line_without_output(
    tmp_path: Path, content: bytes | None, code: int, message: str
) -> None:
    src = tmp_path / "bad.txt"
    if content is not None:
        src.write_bytes(content)
    out = tmp_path / "result.json"
    proc = subprocess.run(
        [sys.executable, "-m", "policyparse.cli", "parse", str(src), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == code
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"policyparse: {src}: ")
    assert message in lines[0] and "Traceback" not in proc.stderr
    assert not out.exists() and list(tmp_path.glob(".result.json.*")) == []


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from policyparse.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "names = ('spacy', 'underthesea', 'pdfplumber', 'pypdfium2', 'docx')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "usage: policyparse" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1] == "HEAVY="


def test_task_layouts_colon_assignment_and_closing_label() -> None:
    doc = policyparse.parse_text(
        "KẾ HOẠCH\n\nIV. TỔ CHỨC THỰC HIỆN\n"
        "- Công chức Văn hóa - Xã hội: Chủ trì rà soát hộ nghèo, "
        "hoàn thành trước ngày 31/12/2024.\n"
        "1. Ủy ban Kiểm tra Thành ủy\n- Kiểm tra việc thực hiện.\nThời gian: hằng năm\n"
        "2. Các quận ủy, huyện ủy trực thuộc\n- Xây dựng kế hoạch.\n"
        "Thời gian thực hiện: Thường xuyên\n"
        "Văn phòng Thành ủy theo dõi, đôn đốc; định kỳ hằng quý báo cáo./.\n"
        "Giao công chức Tư pháp theo dõi việc thực hiện trong năm 2025.\n"
    )
    found = [
        (t.bodies[0], t.timeframe.kind.value if t.timeframe and t.timeframe.kind else None)
        for t in doc.tasks
    ]
    assert found == [
        ("Công chức Văn hóa - Xã hội", "deadline"),
        ("Ủy ban Kiểm tra Thành ủy", "recurring"),
        ("Các quận ủy", "continuous"),
        ("Văn phòng Thành ủy", "recurring"),
    ]


def test_text_table_with_tabs_and_items_under_a_body() -> None:
    doc = policyparse.parse_text(
        "KẾ HOẠCH\n\nII. CHỈ TIÊU\n"
        "STT\tChỉ tiêu\tĐơn vị tính\tNăm 2025\tNăm 2030\n"
        "I\tLao động\t\t\t\n"
        "1\tTỷ lệ lao động qua đào tạo có bằng cấp\t%\t30\t35-38\n"
        "2\tSố hộ nghèo giảm mỗi năm\thộ\t-\t250-300\n"
        "III. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\n"
        "a) Mở rộng bao phủ bảo hiểm y tế; thực hiện thường xuyên.\n"
        "b) Khám sức khỏe định kỳ cho người cao tuổi; hoàn thành trước ngày 30/9/2024.\n"
        "2. Ban cán sự đảng Ủy ban nhân dân tỉnh\n"
        "- Ban hành kế hoạch, hoàn thành trước ngày 30/6/2024.\n"
        "- Rà soát nguồn lực; hằng năm đánh giá kết quả.\n"
    )
    found = {(t.value, t.value_max, t.unit.value, t.year) for t in doc.targets}
    assert found == {
        (30, None, "percent", 2025),
        (35, 38, "percent", 2030),
        (250, 300, "households", 2030),
    }
    tasks = [
        (t.bodies[0], t.timeframe and t.timeframe.kind and t.timeframe.kind.value)
        for t in doc.tasks
    ]
    assert tasks == [
        ("Sở Y tế", "continuous"),
        ("Sở Y tế", "deadline"),
        ("Ban cán sự đảng Ủy ban nhân dân tỉnh", "deadline"),
        ("Ban cán sự đảng Ủy ban nhân dân tỉnh", "recurring"),
    ]


def test_signature_above_the_recipients_and_a_party_advisory_issuer() -> None:
    doc = policyparse.parse_text(
        "TỈNH ỦY ĐÔNG HẢI\tĐẢNG CỘNG SẢN VIỆT NAM\nBAN TUYÊN GIÁO\t\n"
        "*\tĐông Hải, ngày 11 tháng 3 năm 2024\nSố 15-HD/BTGTU\t\n\n"
        "HƯỚNG DẪN\ntuyên truyền Nghị quyết\n\nI- MỤC ĐÍCH\n1- Tạo sự thống nhất.\n\n"
        "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n\n(Đã ký)\n\nLê Thị Hoa\n\n"
        "Nơi nhận:\n- Thường trực Tỉnh ủy,\n- Lưu VP.\n"
    )
    md = doc.metadata
    assert (md.doc_type, md.number, md.issuer) == (
        "Hướng dẫn",
        "15-HD/BTGTU",
        "Ban Tuyên giáo Tỉnh ủy Đông Hải",
    )
    assert md.signer is not None and (md.signer.authority, md.signer.name) == ("K/T", "Lê Thị Hoa")
    assert len(md.recipients) == 2


def test_space_aligned_table_with_units_in_labels_and_wrapped_labels() -> None:
    doc = policyparse.parse_text(
        "KẾ HOẠCH\n\nII. CHỈ TIÊU\n"
        "Chỉ tiêu                                   Năm 2024    Năm 2025\n"
        "Tỷ lệ dân số tham gia BHYT (%)                 93,2        94,5\n"
        "Tỷ lệ lực lượng lao động trong độ tuổi\n"
        "tham gia BHXH (%)                              27,6        30,5\n"
        "Số người tham gia BHXH (người)              113.800     125.600\n"
    )
    found = [(t.indicator, t.value, t.unit.value, t.year) for t in doc.targets]
    assert ("Tỷ lệ dân số tham gia BHYT", 93.2, "percent", 2024) in found
    assert ("Tỷ lệ lực lượng lao động trong độ tuổi tham gia BHXH", 30.5, "percent", 2025) in found
    assert ("Số người tham gia BHXH", 125600, "persons", 2025) in found
    assert len(found) == 6


def test_unnumbered_headings_and_plus_items_under_a_body() -> None:
    doc = policyparse.parse_text(
        "KẾ HOẠCH\n\nMục tiêu\nĐến năm 2030, phấn đấu đạt các chỉ tiêu sau:\n"
        "– Tỷ lệ thất nghiệp ở khu vực thị trấn không quá 3%.\n\nTổ chức thực hiện\n"
        "– Phòng Lao động - Thương binh và Xã hội:\n"
        "+ Tham mưu ban hành Đề án (thời gian: quý II/2025).\n"
        "+ Rà soát cơ sở dữ liệu hộ nghèo (hoàn thành trong năm 2024).\n"
        "– Phòng Tài chính - Kế hoạch: tham mưu bố trí kinh phí (hằng năm).\n"
    )
    assert [s.kind.value for s in doc.sections] == ["objectives", "implementation"]
    assert [(t.comparator.value, t.value, t.year) for t in doc.targets] == [("<=", 3.0, 2030)]
    tasks = [(t.bodies[0], t.timeframe and str(t.timeframe.end)) for t in doc.tasks]
    assert tasks == [
        ("Phòng Lao động - Thương binh và Xã hội", "2025-06-30"),
        ("Phòng Lao động - Thương binh và Xã hội", "2024-12-31"),
        ("Phòng Tài chính - Kế hoạch", "None"),
    ]


def test_state_plan_request_heading_reporting_section_and_number_gap() -> None:
    doc = policyparse.parse_text(
        "ỦY BAN NHÂN DÂN\nHUYỆN NÀ KHOANG\nSố: 156 /KH-UBND\n"
        "Nà Khoang, ngày 09 tháng 10 năm 2024\n\n"
        "KẾ HOẠCH\n\nI. MỤC TIÊU ĐẾN NĂM 2030\n"
        "- Trên 96% dân số tham gia bảo hiểm y tế (năm 2025 đạt 94,5%).\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện và các tổ chức chính trị - xã hội\n"
        "Tăng cường giám sát, phản biện xã hội.\n"
        "III. CHẾ ĐỘ THÔNG TIN, BÁO CÁO\n"
        "Các phòng, ban, ngành báo cáo kết quả thực hiện trước ngày 15/12 hằng năm.\n"
    )
    assert doc.metadata.number == "156/KH-UBND"
    assert doc.metadata.issued_date is not None
    assert [(t.value, t.year) for t in doc.targets] == [(96, 2030), (94.5, 2025)]
    assert [t.bodies[0] for t in doc.tasks] == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam huyện",
        "Các phòng, ban, ngành",
    ]
    assert doc.tasks[1].timeframe is not None


def test_paren_numbering_is_a_level_below_dot_numbering() -> None:
    doc = policyparse.parse_text(
        "KẾ HOẠCH\n\nI. MỤC TIÊU\n1. Chỉ tiêu đến năm 2030\n"
        "1) Tỷ lệ hộ nghèo giảm bình quân 1%/năm trong cả giai đoạn và không còn hộ nghèo "
        "đến cuối năm 2028 ở các xã vùng sâu.\n"
        "2) Tỷ lệ thất nghiệp dưới 3%.\n"
        "2. Tầm nhìn đến năm 2045\nXây dựng xã hội phát triển.\n"
    )
    (objectives,) = doc.sections
    assert [c.label for c in objectives.children] == ["1", "2"]
    assert [c.label for c in objectives.children[0].children] == ["1", "2"]
    unemployment = [t for t in doc.targets if t.value == 3]
    assert unemployment and unemployment[0].year == 2030


def test_joint_issuers_dash_letters_wrapped_table_rows_and_task_sentences() -> None:
    doc = policyparse.parse_text(
        "TỈNH ỦY HÀ THANH\nBAN DÂN VẬN\n*\nỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM\nTỈNH HÀ THANH\n"
        "BAN THƯỜNG TRỰC\n*\nSố 07-HDLT/BDVTU-MTTQ\n\nHƯỚNG DẪN\n\n"
        "I- MỤC TIÊU\n1- Chỉ tiêu đến năm 2030\na- Giảm nghèo:\n- Tỷ lệ hộ nghèo dưới 2%.\n"
        "II- TỔ CHỨC THỰC HIỆN\n"
        "1- Các chi bộ trực thuộc quán triệt Hướng dẫn này. Hoàn thành trong tháng 4/2024.\n"
        "2- Ủy ban Mặt trận Tổ quốc và các đoàn thể xã (Hội Nông dân, Hội Liên hiệp Phụ nữ, "
        "Hội Cựu chiến binh, Đoàn Thanh niên, Hội Người cao tuổi, Hội Chữ thập đỏ) tuyên "
        "truyền, vận động hội viên. Thực hiện thường xuyên.\n\n"
        "PHỤ LỤC\nSTT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành\n"
        "1 | Rà soát chính sách hỗ trợ người lao động thuộc hộ | Phòng Lao động - Tiền lương - "
        "| Trước ngày\n"
        "  | nghèo, hộ cận nghèo | Bảo hiểm xã hội | 30/9/2024\n"
    )
    assert doc.metadata.issuer == (
        "Ban Dân vận Tỉnh ủy Hà Thanh và Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam "
        "tỉnh Hà Thanh"
    )
    (goals,) = [s for s in doc.sections if s.label == "I"]
    assert [c.label for c in goals.children[0].children] == ["a"]
    found = [(t.bodies[0], t.timeframe.end if t.timeframe else None) for t in doc.tasks]
    assert found[0] == ("Các chi bộ trực thuộc", dt.date(2024, 4, 30))
    assert found[1][0] == "Ủy ban Mặt trận Tổ quốc"
    assert doc.tasks[1].timeframe is not None
    assert found[2] == ("Phòng Lao động - Tiền lương - Bảo hiểm xã hội", dt.date(2024, 9, 30))


def test_lead_in_situation_and_a_table_repeating_the_text() -> None:
    doc = policyparse.parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH SƠN HÀ\nSố: 12/KH-UBND\nSơn Hà, ngày 05 tháng 3 năm 2024\n\n"
        "KẾ HOẠCH\n\nI. MỤC TIÊU\n1. Mục tiêu cụ thể đến năm 2030\n"
        "Năm 2023, toàn tỉnh có 12.000 hộ nghèo; tỷ lệ hộ nghèo mới đạt 4,2%. Trên cơ sở đó, "
        "phấn đấu đạt các mục tiêu sau:\n"
        "- Tỷ lệ hộ nghèo dưới 1%.\n- Tỷ lệ lao động qua đào tạo đạt 75%.\n"
        "PHỤ LỤC CHỈ TIÊU\n"
        "STT\tChỉ tiêu\tĐơn vị tính\tNăm 2023\tNăm 2030\n"
        "1\tTỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều)\t%\t4,2\tDưới 1\n"
        "2\tSố người tham gia bảo hiểm xã hội tự nguyện\tngười\t8.000\t15.000\n"
    )
    assert sorted((t.value, t.year) for t in doc.targets) == [(1, 2030), (75, 2030), (15000, 2030)]
    (poverty,) = [t for t in doc.targets if t.value == 1]
    assert poverty.span.table is None  # the text's own statement is kept
