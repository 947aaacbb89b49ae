"""policyparse compare: reference data, catalogue, matching, relations, reports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import policyparse
from policyparse.cli import main
from policyparse.compare.catalogue import catalogue_from_toml, load_catalogue
from policyparse.compare.errors import DataFileError
from policyparse.compare.export import render
from policyparse.compare.match import Matcher, Status
from policyparse.compare.model import Comparison, Polarity, ReferenceKind, Relation, Row
from policyparse.compare.reference import BUNDLED, load_bundled, load_reference_file, reference_dir
from policyparse.compare.relate import relate
from policyparse.model import Change, Comparator, QualitativeTarget, Span, Target, Unit

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "tinh-uy-kh-nq42.txt"
FIXTURES = ROOT / "corpora" / "fixtures"
HUYEN = FIXTURES / "huyen-uy-ctr-2025-2030.txt"
TINH_STATE = FIXTURES / "ubnd-tinh-kh-state.txt"
SHARED_REFERENCE = ROOT.parent / "shared" / "reference" / "nq42-targets.json"


@pytest.fixture(scope="module")
def sample() -> Comparison:
    return policyparse.compare(SAMPLE, against="nq42")


def _row(c: Comparison, indicator_id: str) -> Row:
    rows = [r for r in c.rows if r.indicator_id == indicator_id]
    assert len(rows) == 1, indicator_id
    return rows[0]


def _t(
    comparator: str,
    value: float,
    value_max: float | None = None,
    *,
    unit: Unit = Unit.PERCENT,
    year: int | None = 2030,
    change: Change = Change.LEVEL,
    per_year: bool = False,
) -> Target:
    return Target(
        indicator="x",
        comparator=Comparator(comparator),
        value=value,
        value_max=value_max,
        unit=unit,
        unit_text="%",
        year=year,
        change=change,
        per_year=per_year,
        text="x",
        span=Span(start=0, end=1),
    )


# -- the acceptance table of issue 5 -------------------------------------------------------

DONE_WHEN = [
    # indicator, plan figure (comparator, value), reference (comparator, value), relation
    ("unemployment_rate_overall", ("<", 2.45), ("<", 3), "stricter"),
    ("unemployment_rate_urban", ("<", 4), ("<", 4), "equal"),
    ("trained_labour_with_certificates", ("=", 40), ("range", 35), "equal"),
    ("social_insurance_coverage_labour_force", ("=", 41.2), ("=", 60), "looser"),
    ("unemployment_insurance_coverage_labour_force", ("=", 34.2), ("=", 45), "looser"),
    ("pension_coverage_post_retirement_age", ("=", 41.5), ("=", 60), "looser"),
    ("health_insurance_coverage", (">", 97), (">", 95), "stricter"),
    ("primary_care_covered_by_hi", (">", 95), (">", 95), "equal"),
    ("merit_families_living_standard", ("=", 100), ("=", 100), "equal"),
    ("life_expectancy", ("~", 75.5), ("~", 75), "stricter"),
    ("social_housing_units", ("=", 12900), (">=", 1_000_000), "not_comparable"),
]


@pytest.mark.parametrize(("indicator_id", "plan", "reference", "relation"), DONE_WHEN)
def test_sample_against_verified_nq42_values(
    sample: Comparison,
    indicator_id: str,
    plan: tuple[str, float],
    reference: tuple[str, float],
    relation: str,
) -> None:
    row = _row(sample, indicator_id)
    assert row.verified is True
    assert isinstance(row.plan_target, Target) and isinstance(row.reference_target, Target)
    assert (row.plan_target.comparator.value, row.plan_target.value) == plan
    assert (row.reference_target.comparator.value, row.reference_target.value) == reference
    assert row.relation.value == relation
    assert row.confidence is not None and 0.5 <= row.confidence <= 1.0


def test_social_housing_is_not_comparable_because_counts_are_absolute(sample: Comparison) -> None:
    row = _row(sample, "social_housing_units")
    assert "absolute counts" in row.note
    assert isinstance(row.plan_target, Target) and row.plan_target.unit is Unit.DWELLINGS


def test_at_least_25_sample_targets_are_paired_unverified_ones_marked(sample: Comparison) -> None:
    paired = [r for r in sample.rows if isinstance(r.plan_target, Target)]
    assert sample.summary.paired_plan_targets == len(paired) >= 25
    unverified = [r for r in paired if r.verified is False]
    assert len(unverified) >= 10
    # a rate per 10,000 people is comparable
    assert _row(sample, "doctors_per_10000").relation is Relation.LOOSER
    assert _row(sample, "stunting_under5").relation is Relation.STRICTER  # < 8 vs < 15
    assert sample.summary.relations["missing"] + len(paired) <= len(sample.rows)


def test_every_row_keeps_the_reference_provenance(sample: Comparison) -> None:
    reference = json.loads((ROOT / "corpora" / "reference" / "nq42-targets.json").read_text())
    flags = {t["id"]: t["verified"] for t in reference["targets"]}
    assert [r.indicator_id for r in sample.rows] == [t["id"] for t in reference["targets"]]
    for row in sample.rows:
        assert row.verified is flags[row.indicator_id]
        span = row.reference_target.span
        assert sample.reference.text[span.start : span.end] == row.reference_target.text
    for row in sample.rows:
        if row.plan_target is not None:
            span = row.plan_target.span
            assert sample.plan.text[span.start : span.end] == row.plan_target.text


def test_bundled_reference_is_the_shared_one() -> None:
    bundled = reference_dir() / BUNDLED["nq42"]
    if SHARED_REFERENCE.exists():
        assert json.loads(bundled.read_text()) == json.loads(SHARED_REFERENCE.read_text())
    ref = load_bundled("nq42", load_catalogue())
    assert ref.info.kind is ReferenceKind.BUNDLED and ref.info.number == "42-NQ/TW"
    qualitative = [e for e in ref.entries if isinstance(e.target, QualitativeTarget)]
    assert {e.indicator_id for e in qualitative} == {"replacement_fertility", "hdi_2045_high_group"}


# -- the catalogue ---------------------------------------------------------------------------


def test_catalogue_covers_every_reference_indicator_with_the_same_unit() -> None:
    catalogue = load_catalogue()
    ref = load_bundled("nq42", catalogue)
    for entry in ref.entries:
        indicator = catalogue.get(entry.indicator_id)
        assert indicator is not None, entry.indicator_id
        assert indicator.polarity is entry.polarity
        if isinstance(entry.target, Target):
            assert indicator.unit is entry.target.unit
    lower = {i.id for i in catalogue.indicator if i.polarity is Polarity.LOWER_IS_BETTER}
    assert {"unemployment_rate_overall", "stunting_under5", "poverty_rate"} <= lower


def test_a_bad_catalogue_is_refused() -> None:
    good = (ROOT / "src" / "policyparse" / "data" / "vi" / "indicators.toml").read_text()
    duplicated = good + '\n[[indicator]]\nid = "life_expectancy"\ndomain = "health"\n'
    duplicated += 'polarity = "higher_is_better"\nnames = ["x"]\n'
    with pytest.raises(DataFileError, match="duplicate"):
        catalogue_from_toml(duplicated)
    bad_scope = good.replace('scope = { area = "thành thị" }', 'scope = { area = "miền núi" }', 1)
    with pytest.raises(DataFileError, match="scope group"):
        catalogue_from_toml(bad_scope)


def test_a_reference_file_with_a_wrong_unit_is_refused(tmp_path: Path) -> None:
    data = json.loads((reference_dir() / BUNDLED["nq42"]).read_text())
    data["targets"][1]["unit"] = "years"  # unemployment rate in years
    path = tmp_path / "ref.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(DataFileError, match="unit"):
        load_reference_file(path, load_catalogue(), kind=ReferenceKind.FILE)


def test_a_corrected_reference_file_can_be_used(tmp_path: Path) -> None:
    data = json.loads((reference_dir() / BUNDLED["nq42"]).read_text())
    for t in data["targets"]:
        if t["id"] == "social_insurance_coverage_labour_force":
            t["value"] = 40.0
    path = tmp_path / "nq42-corrected.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    c = policyparse.compare(SAMPLE, against=path)
    assert c.reference.kind is ReferenceKind.FILE
    assert _row(c, "social_insurance_coverage_labour_force").relation is Relation.STRICTER


# -- matching --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_catalogue())


@pytest.mark.parametrize(
    ("indicator", "scope", "unit", "expected"),
    [
        ("Tỷ lệ thất nghiệp chung", None, Unit.PERCENT, "unemployment_rate_overall"),
        ("Tỉ lệ thất nghiệp ở khu vực thành thị", None, Unit.PERCENT, "unemployment_rate_urban"),
        (
            "tỷ lệ lao động tham gia BHXH",
            None,
            Unit.PERCENT,
            "social_insurance_coverage_labour_force",
        ),
        (
            "lao động tham gia bảo hiểm thất nghiệp",
            None,
            Unit.PERCENT,
            "unemployment_insurance_coverage_labour_force",
        ),
        ("Tỷ lệ huy động trẻ em đi nhà trẻ", "nhà trẻ", Unit.PERCENT, "creche_enrolment_rate"),
        ("tỷ lệ huy động trẻ em mẫu giáo", None, Unit.PERCENT, "kindergarten_enrolment_rate"),
        ("tỷ lệ đi học đúng độ tuổi THCS", None, Unit.PERCENT, "net_enrolment_lower_secondary"),
        ("tỷ lệ đi học đúng độ tuổi cấp tiểu học", None, Unit.PERCENT, "net_enrolment_primary"),
        ("bác sĩ", None, Unit.PER_10000_POPULATION, "doctors_per_10000"),
        ("suy dinh dưỡng thể nhẹ cân ở trẻ em", None, Unit.PERCENT, "underweight_under5"),
        (
            "hộ gia đình nông thôn dùng nước sạch",
            "nông thôn",
            Unit.PERCENT,
            "clean_water_rural_households",
        ),
    ],
)
def test_targets_match_the_right_indicator(
    matcher: Matcher, indicator: str, scope: str | None, unit: Unit, expected: str
) -> None:
    target = _t("=", 10, unit=unit).model_copy(update={"indicator": indicator, "scope": scope})
    decision = matcher.decide(target)
    assert decision.status is Status.MATCHED, decision.reason
    assert decision.indicator_id == expected
    assert decision.best is not None and 0.5 <= decision.best.confidence <= 1.0


def test_scope_words_must_agree(matcher: Matcher) -> None:
    urban = _t("<", 4).model_copy(update={"indicator": "tỷ lệ thất nghiệp khu vực thành thị"})
    assert matcher.score(urban, load_catalogue().by_id()["unemployment_rate_overall"]) is None
    rural = _t("=", 80).model_copy(update={"indicator": "hộ gia đình nông thôn có nước sạch"})
    assert matcher.score(rural, load_catalogue().by_id()["clean_water_urban_households"]) is None
    creche = _t("=", 40).model_copy(update={"indicator": "huy động trẻ em độ tuổi nhà trẻ"})
    assert matcher.decide(creche).indicator_id == "creche_enrolment_rate"


def test_never_matches_across_units(matcher: Matcher) -> None:
    target = _t("~", 1800, unit=Unit.HOUSEHOLDS).model_copy(
        update={"indicator": "Hỗ trợ xóa nhà tạm, nhà dột nát cho hộ nghèo, hộ cận nghèo"}
    )
    decision = matcher.decide(target)
    assert decision.status is Status.UNIT and decision.indicator_id is None
    assert "not matched across units" in decision.reason
    doctors_in_percent = _t("=", 11).model_copy(update={"indicator": "bác sĩ"})
    assert matcher.decide(doctors_in_percent).indicator_id is None


def test_a_tie_is_reported_not_guessed() -> None:
    text = (ROOT / "src" / "policyparse" / "data" / "vi" / "indicators.toml").read_text()
    twin = (
        '\n[[indicator]]\nid = "life_expectancy_twin"\ndomain = "health"\nunit = "years"\n'
        'polarity = "higher_is_better"\nnames = ["tuổi thọ trung bình"]\n'
        'requires = [["tuổi thọ"]]\n'
    )
    matcher = Matcher(catalogue_from_toml(text + twin))
    target = _t("~", 75, unit=Unit.YEARS).model_copy(update={"indicator": "tuổi thọ trung bình"})
    decision = matcher.decide(target)
    assert decision.status is Status.TIED and decision.indicator_id is None
    assert {c.indicator_id for c in decision.candidates} >= {
        "life_expectancy",
        "life_expectancy_twin",
    }


def test_a_weak_match_is_reported_not_used(matcher: Matcher) -> None:
    target = _t(">=", 90).model_copy(
        update={"indicator": "Tỷ lệ người dân có hồ sơ sức khỏe điện tử"}
    )
    decision = matcher.decide(target)
    assert decision.status is Status.WEAK and decision.indicator_id is None
    assert decision.best is not None and decision.best.confidence < 0.5


def test_underthesea_is_imported_only_when_matching() -> None:
    import subprocess
    import sys

    code = "import sys, policyparse, policyparse.compare.api\nprint('underthesea' in sys.modules)\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "False"


# -- relations -------------------------------------------------------------------------------

HIGHER = Polarity.HIGHER_IS_BETTER
LOWER = Polarity.LOWER_IS_BETTER


@pytest.mark.parametrize(
    ("reference", "plan", "polarity", "expected"),
    [
        (_t("<", 3), _t("<", 2.45), LOWER, Relation.STRICTER),
        (_t("<", 3), _t("<", 3.5), LOWER, Relation.LOOSER),
        (_t("<", 4), _t("<", 4), LOWER, Relation.EQUAL),
        (_t("<", 4), _t("<=", 4), LOWER, Relation.EQUAL),
        (_t("range", 35, 40), _t("=", 40), HIGHER, Relation.EQUAL),
        (_t("range", 35, 40), _t("=", 34), HIGHER, Relation.LOOSER),
        (_t("range", 35, 40), _t("range", 41, 45), HIGHER, Relation.STRICTER),
        (_t("=", 60), _t("=", 41.2), HIGHER, Relation.LOOSER),
        (_t(">", 95), _t(">", 97), HIGHER, Relation.STRICTER),
        (_t("~", 75, unit=Unit.YEARS), _t("~", 75.5, unit=Unit.YEARS), HIGHER, Relation.STRICTER),
        (
            _t("=", 19, unit=Unit.PER_10000_POPULATION),
            _t("=", 11, unit=Unit.PER_10000_POPULATION),
            HIGHER,
            Relation.LOOSER,
        ),
        (
            _t(">=", 1e6, unit=Unit.DWELLINGS),
            _t("=", 12900, unit=Unit.DWELLINGS),
            HIGHER,
            Relation.NOT_COMPARABLE,
        ),
        (_t("<", 3), _t("<", 2, year=2025), LOWER, Relation.NOT_COMPARABLE),
        (
            _t("<", 3),
            _t("=", 1, change=Change.DECREASE_BY, per_year=True),
            LOWER,
            Relation.NOT_COMPARABLE,
        ),
        (_t("=", 100), _t("=", 100, unit=Unit.YEARS), HIGHER, Relation.NOT_COMPARABLE),
    ],
)
def test_relations(reference: Target, plan: Target, polarity: Polarity, expected: Relation) -> None:
    relation, note = relate(reference, plan, polarity)
    assert relation is expected
    if expected is Relation.NOT_COMPARABLE:
        assert note


def test_a_qualitative_side_is_not_comparable() -> None:
    aim = QualitativeTarget(
        text="Bảo đảm vững chắc mức sinh thay thế", year=2030, span=Span(start=0, end=5)
    )
    assert relate(aim, _t("=", 1), HIGHER)[0] is Relation.NOT_COMPARABLE
    assert relate(_t("=", 100), aim, HIGHER)[0] is Relation.NOT_COMPARABLE


# -- plan against plan, and the matrix ------------------------------------------------------


def test_plan_against_plan() -> None:
    c = policyparse.compare(TINH_STATE, against=HUYEN)
    assert c.reference.kind is ReferenceKind.PLAN and c.reference.name == HUYEN.name
    assert all(r.verified is None for r in c.rows)
    by_year = {(r.indicator_id, r.reference_target.year): r for r in c.rows}
    assert by_year[("health_insurance_coverage", 2030)].relation is Relation.LOOSER  # >=95 / >=96
    assert by_year[("doctors_per_10000", 2030)].relation is Relation.STRICTER  # 12 / 10
    assert by_year[("life_expectancy", 2030)].relation is Relation.STRICTER  # 74,8 / 74
    assert by_year[("poverty_rate", 2025)].relation is Relation.MISSING
    assert by_year[("poverty_rate", 2030)].relation is Relation.NOT_COMPARABLE  # a change per year
    # a reference-plan span points into the reference plan's text
    row = by_year[("doctors_per_10000", 2030)]
    span = row.reference_target.span
    assert c.reference.text[span.start : span.end] == row.reference_target.text
    # stunting (plan) and underweight (reference) are different indicators
    assert "stunting_under5" in {p.indicator_id for p in c.plan_only}
    assert any(w.side == "plan" and "units" in w.reason for w in c.weak_matches)


def test_matrix_of_three_plans(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plans = [SAMPLE, HUYEN, TINH_STATE]
    out = tmp_path / "matrix.json"
    args = ["compare", *map(str, plans), "--against", "nq42", "-o", str(out)]
    assert main(args) == 0
    data = json.loads(out.read_text("utf-8"))
    assert [p["name"] for p in data["plans"]] == [p.name for p in plans]
    reference = json.loads((reference_dir() / BUNDLED["nq42"]).read_text())
    assert len(data["rows"]) == len(reference["targets"])
    assert all(len(r["cells"]) == 3 for r in data["rows"])
    cells = {r["indicator_id"]: [c["relation"] for c in r["cells"]] for r in data["rows"]}
    assert cells["unemployment_rate_overall"][0] == "stricter"
    assert cells["health_insurance_coverage"] == ["stricter", "stricter", "equal"]  # 97, 96, 95
    assert main([*args[:-2], "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert "| tinh-uy-kh-nq42.txt | huyen-uy-ctr-2025-2030.txt | ubnd-tinh-kh-state.txt |" in md
    assert "UNVERIFIED" in md


# -- reports ---------------------------------------------------------------------------------


def test_markdown_and_csv_show_the_verified_flag(sample: Comparison) -> None:
    md = render(sample, "md")
    assert "| Tỉ lệ thất nghiệp chung | < 3% | verified | < 2,45% | 2030 | stricter |" in md
    assert "| Số bác sĩ trên 10.000 dân | 19 /10.000 dân | UNVERIFIED | 11" in md
    text = render(sample, "csv")
    assert text.startswith("\ufeffindicator_id,")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    by_id = {r["indicator_id"]: r for r in rows if r["relation"] != "plan_only"}
    assert by_id["doctors_per_10000"]["verified"] == "UNVERIFIED"
    assert by_id["unemployment_rate_overall"]["verified"] == "verified"
    assert by_id["social_housing_units"]["relation"] == "not_comparable"


def test_cli_json_has_the_contract_fields(tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    assert main(["compare", str(SAMPLE), "--against", "nq42", "-o", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    assert {"reference", "plan", "rows", "plan_only", "summary"} <= set(data)
    row = data["rows"][0]
    assert {"indicator_id", "reference_target", "plan_target", "relation", "note"} <= set(row)
    assert {"verified", "confidence"} <= set(row)
    assert Comparison.model_validate(data).summary.paired_plan_targets >= 25


def test_cli_unknown_reference_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(SAMPLE), "--against", "nq99"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("policyparse: nq99: neither a bundled reference")


def test_html_is_self_contained_and_links_values_to_sentences(sample: Comparison) -> None:
    html = render(sample, "html")
    for forbidden in ("<script", "<link", 'src="http', "url(http", "@import"):
        assert forbidden not in html
    assert html.count("<tr data-indicator=") == len(sample.rows)
    assert html.count('class="mark"') == sum(
        isinstance(r.reference_target, Target) for r in sample.rows
    )
    row = _row(sample, "unemployment_rate_overall")
    assert row.plan_target is not None
    anchor = f"src-0-{row.plan_target.span.start}-{row.plan_target.span.end}"
    assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html
    assert "UNVERIFIED" in html and 'stroke-dasharray="3,2"' in html


def test_doctests_of_the_compare_modules() -> None:
    import doctest

    from policyparse.compare import format as fmt
    from policyparse.compare import relate as rel
    from policyparse.compare import text

    for module in (fmt, rel, text):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__
