"""Table-driven tests: numbers, comparators, units, timeframes, document numbers, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from policyparse.extract.numbers import parse_number
from policyparse.extract.references import DOC_NUMBER, find_citations, parse_date
from policyparse.extract.targets import Clause, targets_in_clause
from policyparse.extract.timeframes import find_timeframe
from policyparse.model import Change, Comparator, Recurrence, TimeframeKind, Unit


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("2,45", 2.45),
        ("12.900", 12900),
        ("1.234.567", 1234567),
        ("1.234,5", 1234.5),
        ("0,75", 0.75),
        ("0.7", 0.7),
        ("100", 100),
        ("75,5", 75.5),
    ],
)
def test_numbers(printed: str, value: float) -> None:
    assert parse_number(printed) == pytest.approx(value)


def _one(
    text: str, year: int | None = 2030
) -> tuple[Comparator, float, float | None, Unit, int | None]:
    targets = targets_in_clause(Clause(text, 0), year, None)
    assert len(targets) == 1, [t.indicator for t in targets]
    t = targets[0]
    return t.comparator, t.value, t.value_max, t.unit, t.year


@pytest.mark.parametrize(
    ("clause", "comparator", "value", "value_max"),
    [
        ("Tỷ lệ thất nghiệp chung dưới 2,45%", Comparator.LT, 2.45, None),
        ("Tỷ lệ hộ nghèo không quá 3%", Comparator.LE, 3, None),
        ("Tỷ lệ nợ xấu tối đa 2%", Comparator.LE, 2, None),
        ("trên 97% dân số tham gia bảo hiểm y tế", Comparator.GT, 97, None),
        ("Tỷ lệ huy động trẻ đến trường đạt ít nhất 40%", Comparator.GE, 40, None),
        ("cấp trung học cơ sở tối thiểu đạt 95%", Comparator.GE, 95, None),
        ("Tỷ lệ người dân có hồ sơ sức khỏe điện tử không thấp hơn 90%", Comparator.GE, 90, None),
        ("Tỷ lệ người dân có hồ sơ sức khỏe từ 90% trở lên", Comparator.GE, 90, None),
        ("Tỷ lệ lao động qua đào tạo đạt 40%", Comparator.EQ, 40, None),
        ("Bảo đảm 100% người có công được chăm lo", Comparator.EQ, 100, None),
        ("tuổi thọ trung bình khoảng 75,5 tuổi", Comparator.APPROX, 75.5, None),
        ("Tỷ lệ lao động qua đào tạo đạt 35 - 40%", Comparator.RANGE, 35, 40),
        ("Tỷ lệ che phủ từ 60% đến 65%", Comparator.RANGE, 60, 65),
        ("tỷ lệ tiêm chủng mở rộng 14 loại vắc xin đạt trên 95%", Comparator.GT, 95, None),
    ],
)
def test_comparators(
    clause: str, comparator: Comparator, value: float, value_max: float | None
) -> None:
    got = _one(clause)
    assert got[0] is comparator
    assert got[1] == pytest.approx(value)
    assert got[2] == (None if value_max is None else pytest.approx(value_max))


@pytest.mark.parametrize(
    ("clause", "unit", "value"),
    [
        ("Tỷ lệ hộ nghèo dưới 2%", Unit.PERCENT, 2),
        ("tuổi thọ trung bình đạt 74 tuổi", Unit.YEARS, 74),
        ("số năm sống khỏe đạt tối thiểu 68 năm", Unit.YEARS, 68),
        ("Hoàn thành xây dựng 12.900 căn nhà ở xã hội", Unit.DWELLINGS, 12900),
        ("diện tích nhà ở bình quân đạt khoảng 32 m² sàn/người", Unit.M2_PER_PERSON, 32),
        ("Diện tích nhà ở bình quân nông thôn đạt 28 m2/người", Unit.M2_PER_PERSON, 28),
        ("Số người tham gia bảo hiểm tăng thêm 3.000 người", Unit.PERSONS, 3000),
        ("thu nhập không thấp hơn 1,2 triệu đồng/người/tháng", Unit.VND, 1_200_000),
        ("giảm 20 hộ nghèo mỗi năm", Unit.HOUSEHOLDS, 20),
        ("chỉ số phát triển con người (HDI) đạt 0,75", Unit.INDEX, 0.75),
        ("có 10 bác sĩ trên 10.000 dân", Unit.PER_10000_POPULATION, 10),
    ],
)
def test_units(clause: str, unit: Unit, value: float) -> None:
    got = _one(clause)
    assert got[3] is unit
    assert got[1] == pytest.approx(value)


@pytest.mark.parametrize(
    ("clause", "count"),
    [
        ("tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi dưới 8%", 1),
        ("100% hộ gia đình chăm sóc trẻ em dưới 36 tháng tuổi được hưởng trợ cấp", 1),
        ("Hoàn thành phổ cập giáo dục mầm non cho trẻ em từ 3 đến 5 tuổi", 0),
        ("tiêm chủng đầy đủ 14 loại vắc xin", 0),
        ("thực hiện Nghị quyết số 42-NQ/TW ngày 24/11/2023 giai đoạn 2021 - 2025", 0),
        ("43 giường bệnh viện, 11 bác sĩ, 2 dược sĩ, 28 điều dưỡng trên 10.000 dân", 4),
        ("100% hộ gia đình ở thành thị và 80% hộ gia đình ở nông thôn được sử dụng nước sạch", 2),
        ("Tỷ lệ trẻ sơ sinh nhẹ cân (cân nặng khi sinh dưới 2.500 gam) dưới 5%", 1),
    ],
)
def test_scope_figures_are_not_targets(clause: str, count: int) -> None:
    assert len(targets_in_clause(Clause(clause, 0), 2030, None)) == count


def test_shared_denominator_and_predicate_are_distributed() -> None:
    beds = targets_in_clause(Clause("43 giường bệnh, 11 bác sĩ trên 10.000 dân", 0), 2030, None)
    assert [t.unit for t in beds] == [Unit.PER_10000_POPULATION] * 2
    assert [t.indicator for t in beds] == ["giường bệnh", "bác sĩ"]
    water = targets_in_clause(
        Clause("100% trường học và 95% trạm y tế có nước sạch đạt quy chuẩn", 0), 2030, None
    )
    assert all("nước sạch" in t.indicator for t in water)
    assert [t.value for t in water] == [100, 95]


def test_elided_indicator_takes_the_head_of_the_previous_one() -> None:
    text = "tỷ lệ đi học đúng độ tuổi cấp tiểu học đạt 99,5%, cấp trung học cơ sở tối thiểu đạt 95%"
    first, second = targets_in_clause(Clause(text, 0), 2030, None)
    assert second.indicator == "tỷ lệ đi học đúng độ tuổi cấp trung học cơ sở"
    assert first.indicator.endswith("cấp tiểu học")


@pytest.mark.parametrize(
    ("clause", "change", "per_year"),
    [
        ("Tỷ lệ hộ nghèo giảm xuống còn 1,2%", Change.DECREASE_TO, False),
        ("Tỷ lệ hộ nghèo giảm 1 - 1,5%/năm", Change.DECREASE_BY, True),
        ("tăng thêm 5.000 lao động mỗi năm", Change.INCREASE_BY, True),
        ("Tỷ lệ lao động qua đào tạo đạt 70%", Change.LEVEL, False),
    ],
)
def test_changes_and_rates(clause: str, change: Change, per_year: bool) -> None:
    (t,) = targets_in_clause(Clause(clause, 0), 2030, None)
    assert t.change is change
    assert t.per_year is per_year


def test_year_comes_from_the_sentence_before_the_heading() -> None:
    text = "Tỷ lệ tham gia bảo hiểm xã hội đến năm 2025 đạt 45%, đến năm 2030 đạt 55%"
    targets = targets_in_clause(Clause(text, 0), 2040, None)
    assert [(t.value, t.year) for t in targets] == [(45, 2025), (55, 2030)]
    assert targets[1].indicator == targets[0].indicator
    assert _one("Tỷ lệ hộ nghèo dưới 2%", year=2028)[4] == 2028


@pytest.mark.parametrize(
    ("text", "kind", "end", "recurrence"),
    [
        ("Quý IV/2024", TimeframeKind.DEADLINE, dt.date(2024, 12, 31), None),
        ("quý I năm 2025", TimeframeKind.DEADLINE, dt.date(2025, 3, 31), None),
        ("trước ngày 30/6/2024", TimeframeKind.DEADLINE, dt.date(2024, 6, 30), None),
        ("tháng 12/2024", TimeframeKind.DEADLINE, dt.date(2024, 12, 31), None),
        ("tháng 2/2024", TimeframeKind.DEADLINE, dt.date(2024, 2, 29), None),
        ("trong năm 2025", TimeframeKind.DEADLINE, dt.date(2025, 12, 31), None),
        ("6 tháng đầu năm 2025", TimeframeKind.DEADLINE, dt.date(2025, 6, 30), None),
        ("Hằng năm", TimeframeKind.RECURRING, None, Recurrence.ANNUAL),
        ("hàng năm", TimeframeKind.RECURRING, None, Recurrence.ANNUAL),
        ("định kỳ 6 tháng", TimeframeKind.RECURRING, None, Recurrence.SEMIANNUAL),
        ("hằng quý", TimeframeKind.RECURRING, None, Recurrence.QUARTERLY),
        ("Thường xuyên", TimeframeKind.CONTINUOUS, None, None),
        ("giai đoạn 2024 - 2030", TimeframeKind.PERIOD, dt.date(2030, 12, 31), None),
        ("2024 - 2026", TimeframeKind.PERIOD, dt.date(2026, 12, 31), None),
        ("Thời gian hoàn thành: Quý IV/2024.", TimeframeKind.DEADLINE, dt.date(2024, 12, 31), None),
    ],
)
def test_timeframes(
    text: str, kind: TimeframeKind, end: dt.date | None, recurrence: Recurrence | None
) -> None:
    tf = find_timeframe(text)
    assert tf is not None
    assert (tf.kind, tf.end, tf.recurrence) == (kind, end, recurrence)


def test_timeframe_inside_a_body_name_is_ignored() -> None:
    text = "phối hợp với Tổ công tác thường xuyên của Huyện ủy báo cáo trong Quý III/2025"
    start = text.index("Tổ công tác")
    masked = [(start, start + len("Tổ công tác thường xuyên của Huyện ủy"))]
    tf = find_timeframe(text, masked)
    assert tf is not None and tf.end == dt.date(2025, 9, 30)
    name = "Tổ công tác thường xuyên của Huyện ủy"
    assert find_timeframe(name, [(0, len(name))]) is None
    unmasked = find_timeframe(name)
    assert unmasked is not None and unmasked.kind is TimeframeKind.CONTINUOUS


@pytest.mark.parametrize(
    ("text", "kind", "end"),
    [
        (
            "ban hành Đề án giai đoạn 2025 - 2030; thời gian trình: tháng 11/2024.",
            "deadline",
            dt.date(2024, 11, 30),
        ),
        (
            "khám sức khỏe định kỳ cho người cao tuổi; hoàn thành trước ngày 30/9/2024",
            "deadline",
            dt.date(2024, 9, 30),
        ),
        (
            "xây dựng Đề án giai đoạn 2025 - 2030, trình Ủy ban nhân dân tỉnh trong quý III/2024",
            "deadline",
            dt.date(2024, 9, 30),
        ),
        (
            "các cơ quan liên quan thường xuyên theo dõi; định kỳ sơ kết, tổng kết",
            "continuous",
            None,
        ),
    ],
)
def test_a_tasks_own_timeframe_beats_one_describing_the_work(
    text: str, kind: str, end: dt.date | None
) -> None:
    tf = find_timeframe(text)
    assert tf is not None and tf.kind is not None
    assert (tf.kind.value, tf.end) == (kind, end)


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Nghị quyết số 42-NQ/TW", ["42-NQ/TW"]),
        ("Kế hoạch số 87/KH-UBND và 15/KH-SLĐTBXH", ["87/KH-UBND", "15/KH-SLĐTBXH"]),
        ("Nghị định 30/2020/NĐ-CP", ["30/2020/NĐ-CP"]),
        ("Chương trình 12-CTr/HU, 45-KH/ĐU", ["12-CTr/HU", "45-KH/ĐU"]),
        ("ngày 24/11/2023 và Quý IV/2024", []),
    ],
)
def test_document_numbers(text: str, numbers: list[str]) -> None:
    assert [m["number"] for m in DOC_NUMBER.finditer(text)] == numbers


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("24/11/2023", dt.date(2023, 11, 24)),
        ("24-11-2023", dt.date(2023, 11, 24)),
        ("ngày 24 tháng 11 năm 2023", dt.date(2023, 11, 24)),
        ("ngày 05 tháng 01 năm 2024", dt.date(2024, 1, 5)),
        ("31/02/2024", None),
    ],
)
def test_dates(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


def test_citation_reads_date_issuer_and_alias() -> None:
    text = (
        "Thực hiện Nghị quyết số 42-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng "
        "khóa XIII về tiếp tục đổi mới (Nghị quyết số 42-NQ/TW), Kế hoạch số 19-KH/TW, "
        "ngày 27-11-2023 của Bộ Chính trị"
    )
    first, second = find_citations(text)
    assert (first.number, first.issued_date, first.doc_type) == (
        "42-NQ/TW",
        dt.date(2023, 11, 24),
        "Nghị quyết",
    )
    assert first.issuer == "Ban Chấp hành Trung ương Đảng khóa XIII"
    assert first.alias == "Nghị quyết số 42-NQ/TW"
    assert (second.number, second.issued_date, second.issuer) == (
        "19-KH/TW",
        dt.date(2023, 11, 27),
        "Bộ Chính trị",
    )


def test_a_year_after_a_figure_belongs_to_the_next_figure_when_there_is_one() -> None:
    text = "Phát triển 2.000 căn hộ nhà ở xã hội, trong đó năm 2025 hoàn thành 600 căn"
    whole, part = targets_in_clause(Clause(text, 0), 2030, None)
    assert (whole.value, whole.year) == (2000, 2030)
    assert (part.value, part.year) == (600, 2025)
    assert "nhà ở xã hội" in part.indicator  # "trong đó": a part of the same indicator
    (late,) = targets_in_clause(Clause("Tỷ lệ hộ nghèo đạt 45% vào năm 2025", 0), 2030, None)
    assert late.year == 2025


def test_trong_do_with_a_noun_phrase_starts_a_new_indicator() -> None:
    text = "Tuổi thọ trung bình đạt 74,5 tuổi, trong đó thời gian sống khỏe mạnh tối thiểu 67 năm"
    _, healthy = targets_in_clause(Clause(text, 0), 2030, None)
    assert healthy.indicator == "thời gian sống khỏe mạnh"
    assert healthy.comparator is Comparator.GE


def test_an_elided_indicator_replaces_the_previous_scope() -> None:
    text = "Tỷ lệ dân cư đô thị được dùng nước sạch đạt 100%, khu vực nông thôn đạt tối thiểu 98%"
    _, rural = targets_in_clause(Clause(text, 0), 2030, None)
    assert rural.indicator == "Tỷ lệ dân cư khu vực nông thôn được dùng nước sạch"


def test_ratios_and_counted_qualifiers() -> None:
    (ratio,) = targets_in_clause(
        Clause("Tỷ số tử vong mẹ không quá 30/100.000 trẻ đẻ sống", 0), 2030, None
    )
    assert (ratio.value, ratio.comparator, ratio.unit, ratio.unit_text) == (
        30,
        Comparator.LE,
        Unit.OTHER,
        "/100.000",
    )
    (screened,) = targets_in_clause(
        Clause("Tỷ lệ trẻ sơ sinh được sàng lọc ít nhất 5 bệnh bẩm sinh đạt 90%", 0), 2030, None
    )
    assert (screened.value, screened.unit) == (90, Unit.PERCENT)


def test_years_from_lead_ins_openings_and_figures() -> None:
    from policyparse.extract.targets import lead_in_year, opening_year

    lead_in = "Thực hiện tốt chính sách. Phấn đấu đến năm 2030, huyện đạt các chỉ tiêu sau:"
    assert lead_in_year(lead_in) == 2030
    assert lead_in_year("Phấn đấu đến năm 2030, huyện đạt 50%.") is None
    assert opening_year("Riêng năm 2025, giải quyết việc làm cho 1.500 lao động") == 2025
    assert opening_year("Tỷ lệ hộ nghèo năm 2025 đạt 3%") is None
    text = "Tỷ lệ tham gia bảo hiểm xã hội đạt 31% năm 2025, 37% năm 2027 và khoảng 45% năm 2030"
    targets = targets_in_clause(Clause(text, 0), None, None)
    assert [(t.value, t.year) for t in targets] == [(31, 2025), (37, 2027), (45, 2030)]
    assert len({t.indicator for t in targets}) == 1


def test_restriction_and_subset_markers() -> None:
    text = "tỷ lệ hộ nghèo mỗi năm giảm 1 - 1,5%, riêng các huyện miền núi giảm từ 3% đến 4%/năm"
    _, mountain = targets_in_clause(Clause(text, 0), 2030, None)
    assert "hộ nghèo" in mountain.indicator and "miền núi" in mountain.indicator
    assert (mountain.comparator, mountain.value, mountain.value_max) == (Comparator.RANGE, 3, 4)
    text = "tỷ lệ thất nghiệp chung dưới 2,2%, trong đó khu vực thành thị không quá 3,5%"
    _, urban = targets_in_clause(Clause(text, 0), 2030, None)
    assert urban.indicator.startswith("tỷ lệ thất nghiệp")
    assert urban.indicator.endswith("khu vực thành thị")
    text = "tỷ lệ có bảo hiểm y tế trên 97%, trong đó 100% người nghèo được cấp thẻ bảo hiểm y tế"
    _, poor = targets_in_clause(Clause(text, 0), 2030, None)
    assert poor.indicator.startswith("người nghèo") and "thẻ bảo hiểm y tế" in poor.indicator


def test_levels_and_standards_are_not_targets() -> None:
    assert (
        targets_in_clause(Clause("duy trì phổ cập giáo dục tiểu học mức độ 3", 0), 2030, None) == []
    )
    text = "65% dân số nông thôn sử dụng nước sạch với định mức tối thiểu 60 lít/người/ngày"
    assert [t.value for t in targets_in_clause(Clause(text, 0), 2030, None)] == [65]


def test_baselines_areas_and_manner_figures() -> None:
    (times,) = targets_in_clause(
        Clause("Thu nhập của hộ nghèo tăng ít nhất 1,5 lần so với năm 2023", 0), 2030, None
    )
    assert (times.value, times.year, times.comparator) == (1.5, 2030, Comparator.GE)
    assert "so với" not in times.indicator
    (area,) = targets_in_clause(
        Clause("Diện tích nhà ở bình quân đầu người đạt trên 33 m² sàn", 0), 2030, None
    )
    assert (area.unit, area.comparator) == (Unit.M2_PER_PERSON, Comparator.GT)
    text = "90% phụ nữ mang thai được khám thai ít nhất 4 lần trong thai kỳ"
    assert [t.value for t in targets_in_clause(Clause(text, 0), 2030, None)] == [90]
    text = "toàn tỉnh bảo đảm 9 bác sĩ, 30 giường bệnh trên 10.000 dân"
    doctors, beds = targets_in_clause(Clause(text, 0), 2030, None)
    assert (doctors.indicator, doctors.unit) == ("bác sĩ", Unit.PER_10000_POPULATION)
    assert beds.unit is Unit.PER_10000_POPULATION


def test_asides_lists_and_places() -> None:
    text = "Tỷ lệ thất nghiệp chung dưới 2,5% (năm 2023 là 2,86%)"
    assert [(t.value, t.year) for t in targets_in_clause(Clause(text, 0), 2030, None)] == [
        (2.5, 2030)
    ]
    text = "Tỷ lệ trường đạt chuẩn quốc gia: mầm non 70%, tiểu học 85%, THCS 80%"
    targets = targets_in_clause(Clause(text, 0), 2030, None)
    assert [t.indicator for t in targets] == [
        "Tỷ lệ trường đạt chuẩn quốc gia mầm non",
        "Tỷ lệ trường đạt chuẩn quốc gia tiểu học",
        "Tỷ lệ trường đạt chuẩn quốc gia THCS",
    ]
    text = "nâng cao đời sống của đồng bào dân tộc thiểu số ở 38 xã khu vực III"
    assert targets_in_clause(Clause(text, 0), 2030, None) == []
    (urban,) = targets_in_clause(
        Clause("khu vực thành thị dưới 3,8%", 0), 2025, None, "Tỷ lệ thất nghiệp chung"
    )
    assert "thất nghiệp" in urban.indicator and "thành thị" in urban.indicator


def test_national_figures_points_and_open_counts() -> None:
    (fund,) = targets_in_clause(
        Clause("Tổng nguồn vốn cho vay đạt 60 nghìn tỷ đồng", 0), 2030, None
    )
    assert (fund.value, fund.unit) == (60_000_000_000_000, Unit.VND)
    text = "Tỷ lệ lao động có bằng cấp tăng 2 điểm phần trăm so với năm 2025, đạt 35%"
    points, level = targets_in_clause(Clause(text, 0), 2030, None)
    assert (points.value, points.unit, points.year) == (2, Unit.PERCENT, 2030)
    assert (level.value, level.year) == (35, 2030) and level.indicator == points.indicator
    (models,) = targets_in_clause(Clause("Xây dựng từ 3 mô hình sinh kế trở lên", 0), 2030, None)
    assert (models.value, models.comparator) == (3, Comparator.GE)
    text = "Tỷ lệ hộ nghèo giảm còn 3,2% vào cuối năm 2025 và dưới 2% vào năm 2030"
    assert [(t.value, t.year) for t in targets_in_clause(Clause(text, 0), 2030, None)] == [
        (3.2, 2025),
        (2, 2030),
    ]


def test_denominator_before_a_list_and_amounts_after_tong_so() -> None:
    text = "Bình quân trên 10.000 dân có 52 giường bệnh, 15 bác sĩ và 33 điều dưỡng, hộ sinh"
    found = targets_in_clause(Clause(text, 0), 2030, None)
    assert [(t.indicator, t.value) for t in found] == [
        ("giường bệnh", 52),
        ("bác sĩ", 15),
        ("điều dưỡng, hộ sinh", 33),
    ]
    assert {t.unit for t in found} == {Unit.PER_10000_POPULATION}
    text = "hỗ trợ hộ nghèo xây mới, sửa chữa nhà ở với tổng số 2.350 căn nhà"
    (homes,) = targets_in_clause(Clause(text, 0), 2030, None)
    assert (homes.value, homes.unit) == (2350, Unit.DWELLINGS)
    # "số" alone still marks an ordinal.
    assert targets_in_clause(Clause("thực hiện theo Kế hoạch số 15 của tỉnh", 0), 2030, None) == []


def test_places_and_durations_qualify_rather_than_count() -> None:
    text = "xóa 1.250 căn nhà tạm cho hộ nghèo trên địa bàn 9 huyện, thị xã, thành phố"
    assert [t.value for t in targets_in_clause(Clause(text, 0), 2030, None)] == [1250]
    text = "không để phát sinh nợ đọng bảo hiểm xã hội kéo dài trên 3 tháng"
    assert targets_in_clause(Clause(text, 0), 2030, None) == []
    (limit,) = targets_in_clause(
        Clause("thời gian giải quyết hồ sơ không quá 7 ngày", 0), 2030, None
    )
    assert (limit.value, limit.comparator) == (7, Comparator.LE)


def test_a_dated_figure_in_parentheses_is_a_baseline_or_an_interim_target() -> None:
    text = "Trên 96% dân số tham gia bảo hiểm y tế (năm 2025 đạt 94,5%)"
    later, interim = targets_in_clause(Clause(text, 0), 2030, None, issued_year=2024)
    assert (later.value, later.year, later.comparator) == (96, 2030, Comparator.GT)
    assert (interim.value, interim.year) == (94.5, 2025)
    assert interim.indicator == later.indicator == "dân số tham gia bảo hiểm y tế"
    # A year before the plan's is a baseline; with no plan date nothing is guessed.
    assert len(targets_in_clause(Clause(text, 0), 2030, None, issued_year=2026)) == 1
    assert len(targets_in_clause(Clause(text, 0), 2030, None)) == 1


def test_an_opening_year_dates_the_paragraph_only_when_it_is_the_only_year() -> None:
    from policyparse.extract.targets import opening_year

    assert (
        opening_year("Đến năm 2025, tỷ lệ thất nghiệp dưới 3,8%. Bình quân 4.500 lao động.") == 2025
    )
    mixed = "Đến năm 2025, thất nghiệp dưới 3,8%; đến năm 2030 dưới 3,2%. Bình quân 4.500 lao động."
    assert opening_year(mixed) is None
    assert opening_year("Đến năm 2030, thất nghiệp dưới 3% (năm 2023 là 4%).") == 2030


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("lồng ghép Nghị quyết số 88/2019/QH14 ngày 18/11/2019", ["88/2019/QH14"]),
        ("Nghị quyết số 1009/NQ-UBTVQH15", ["1009/NQ-UBTVQH15"]),
        ("tỷ lệ 3/4 số xã", []),
    ],
)
def test_national_assembly_numbers(text: str, numbers: list[str]) -> None:
    assert [m["number"] for m in DOC_NUMBER.finditer(text)] == numbers


def test_a_collective_name_is_one_body() -> None:
    from policyparse.extract.tasks import split_bodies

    assert split_bodies("Các sở, ban, ngành, Ủy ban nhân dân các huyện") == [
        "Các sở, ban, ngành",
        "Ủy ban nhân dân các huyện",
    ]
    assert split_bodies("Các phòng, ban, đơn vị và Ủy ban nhân dân các xã") == [
        "Các phòng, ban, đơn vị",
        "Ủy ban nhân dân các xã",
    ]
    assert split_bodies("Sở Y tế, Sở Tài chính") == ["Sở Y tế", "Sở Tài chính"]


def test_number_words_count_only_before_a_multiplier() -> None:
    text = "xây dựng một triệu căn nhà ở xã hội, giải quyết việc làm cho hai nghìn lao động"
    homes, jobs = targets_in_clause(Clause(text, 0), 2030, None)
    assert (homes.value, homes.unit) == (1_000_000, Unit.DWELLINGS)
    assert (jobs.value, jobs.unit) == (2000, Unit.PERSONS)
    assert targets_in_clause(Clause("hỗ trợ một số xã và hai huyện", 0), 2030, None) == []


def test_an_indicator_restated_for_another_area() -> None:
    text = "Tỷ lệ hộ nghèo toàn tỉnh giảm còn dưới 4%, trong đó các huyện miền núi dưới 12%"
    _, mountain = targets_in_clause(Clause(text, 0), 2030, None)
    assert mountain.indicator == "Tỷ lệ hộ nghèo các huyện miền núi"
    text = (
        "Tỷ lệ huy động trẻ em độ tuổi nhà trẻ đến trường ở khu vực thành thị đạt 45%, "
        "khu vực nông thôn đạt 30%, các xã miền núi phấn đấu đạt từ 20% đến 25%"
    )
    *_, hills = targets_in_clause(Clause(text, 0), 2030, None)
    assert hills.indicator.endswith("nhà trẻ đến trường ở các xã miền núi")
    # A population ("mẫu giáo") is not an area to be swapped.
    text = "Tỷ lệ trẻ em mẫu giáo đến trường đạt 98%, riêng vùng dân tộc thiểu số và miền núi 95%"
    _, ethnic = targets_in_clause(Clause(text, 0), 2030, None)
    assert "mẫu giáo" in ethnic.indicator and "miền núi" in ethnic.indicator


def test_counts_documents_and_frequencies() -> None:
    text = "Xây dựng ít nhất năm (05) nhà Đại đoàn kết; quán triệt Nghị quyết 42 đến 100% cán bộ"
    found = targets_in_clause(Clause(text, 0), 2030, None)
    assert [(t.value, t.unit) for t in found] == [(5, Unit.DWELLINGS), (100, Unit.PERCENT)]
    (homes,) = targets_in_clause(Clause('xây mới ít nhất 1.200 "Nhà Đại đoàn kết"', 0), 2030, None)
    assert homes.unit is Unit.DWELLINGS
    text = "Bình quân mỗi năm tăng thêm 3.000 người tham gia bảo hiểm xã hội tự nguyện"
    (members,) = targets_in_clause(Clause(text, 0), 2030, None)
    assert members.indicator == "người tham gia bảo hiểm xã hội tự nguyện"
    text = "Tỷ lệ phụ nữ mang thai được khám thai ít nhất 4 lần trong 3 thời kỳ đạt 85 - 90%"
    assert [t.value for t in targets_in_clause(Clause(text, 0), 2030, None)] == [85]
    text = "Tỷ lệ hộ dùng nước hợp vệ sinh đạt 98%, trong đó nước sạch theo quy chuẩn đạt 65%"
    assert [t.value for t in targets_in_clause(Clause(text, 0), 2030, None)] == [98, 65]


def test_a_bound_after_the_noun_of_a_percentage() -> None:
    text = "Tỷ lệ bao phủ bảo hiểm y tế đạt 94% dân số trở lên"
    (cover,) = targets_in_clause(Clause(text, 0), 2030, None)
    assert (cover.value, cover.comparator) == (94, Comparator.GE)
    text = "100% xã có từ 2 trạm y tế trở lên"
    (communes,) = targets_in_clause(Clause(text, 0), 2030, None)
    assert (communes.value, communes.comparator) == (100, Comparator.EQ)


def test_visits_of_pupils_are_persons() -> None:
    text = "Hằng năm, hỗ trợ khoảng 1,5 triệu lượt học sinh bán trú"
    (pupils,) = targets_in_clause(Clause(text, 0), 2030, None)
    assert (pupils.value, pupils.unit, pupils.comparator) == (
        1_500_000,
        Unit.PERSONS,
        Comparator.APPROX,
    )


def test_a_verb_inside_a_body_noun_does_not_end_the_name() -> None:
    from policyparse.extract.tasks import _assignment

    found = _assignment("Các cấp ủy, tổ chức đảng trực thuộc xây dựng kế hoạch thực hiện.", True)
    assert found is not None
    assert found[0] == ["Các cấp ủy", "tổ chức đảng trực thuộc"]


def test_fractions_of_units_count_the_numerator() -> None:
    (posts,) = targets_in_clause(Clause("142/148 xã có điểm bưu điện văn hóa", 0), 2030, None)
    assert (posts.value, posts.unit, posts.comparator) == (142, Unit.COUNT, Comparator.EQ)
    text = "ít nhất 26/30 xã có đội văn nghệ, báo cáo trước ngày 15/6"
    (troupes,) = targets_in_clause(Clause(text, 0), 2030, None)
    assert (troupes.value, troupes.comparator) == (26, Comparator.GE)


def test_companies_and_inspectorates_are_bodies() -> None:
    from policyparse.extract.tasks import _assignment

    found = _assignment(
        "Đề nghị Công ty Cổ phần Cấp nước Hòa Phong đầu tư mở rộng mạng lưới.", True
    )
    assert found is not None and found[0] == ["Công ty Cổ phần Cấp nước Hòa Phong"]
    found = _assignment("Thanh tra Sở chủ trì kiểm tra việc thực hiện chính sách.", True)
    assert found is not None and found[0] == ["Thanh tra Sở"]


def test_half_year_and_year_end_reports_recur() -> None:
    found = find_timeframe("Báo cáo kết quả 6 tháng, cuối năm về Ban Dân vận Tỉnh ủy.")
    assert found is not None
    assert (found.kind, found.recurrence) == (TimeframeKind.RECURRING, Recurrence.SEMIANNUAL)
    assert find_timeframe("hoàn thành trong 6 tháng") is None  # a duration, not a cadence
