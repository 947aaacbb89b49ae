"""Accuracy against gold, with the shared scorer's rules (figures in docs/accuracy.md)."""

from __future__ import annotations

import pytest

import policyparse
from goldset import GoldCase, dev_cases, holdout_cases, score_document
from policyparse.export import to_json

DEV = dev_cases()


def test_the_gold_set_is_complete() -> None:
    names = {c.name for c in DEV}
    assert "tinh-uy-kh-nq42" in names
    assert len(names) >= 6


@pytest.mark.parametrize("case", DEV, ids=[c.name for c in DEV])
def test_dev_plan_matches_its_gold(case: GoldCase) -> None:
    scores = score_document(case.gold, to_json(policyparse.parse(case.plan)))
    assert scores["targets_strict"][0] == 1.0
    assert scores["tasks_full_recall"] == 1.0
    assert scores["metadata"] == 1.0
    assert scores.get("qualitative_recall", 1.0) >= 0.8


@pytest.mark.parametrize("case", DEV, ids=[c.name for c in DEV])
def test_sections_match_gold(case: GoldCase) -> None:
    expected = case.gold.get("sections")
    if not expected:
        pytest.fail("every gold file states its top-level sections")
    doc = policyparse.parse(case.plan)
    titles = [s.title.lower().strip(" :.") for s in doc.sections]
    assert titles == expected["top_level_titles"]
    counts = {s.label: len(s.children) for s in doc.sections if s.children}
    assert counts == expected.get("children_count", {})


HOLDOUT = holdout_cases()


@pytest.mark.parametrize("case", HOLDOUT, ids=[c.name for c in HOLDOUT])
def test_holdout_plan_reaches_the_floor(case: GoldCase) -> None:
    scores = score_document(case.gold, to_json(policyparse.parse(case.plan)))
    assert scores["targets_strict"][0] >= 0.9
    assert scores["tasks_full_recall"] >= 0.8
    assert scores["metadata"] >= 0.85


@pytest.mark.parametrize(
    ("plan", "title_end"),
    [
        ("tinh-uy-kh-nq42.txt", "trong giai đoạn mới"),
        ("fixtures/ubnd-tinh-kh-state.txt", "trên địa bàn tỉnh Sơn Hà đến năm 2030"),
        ("fixtures/ban-dan-van-kh-no-targets.txt", "về chính sách xã hội"),
        ("fixtures/huyen-uy-ctr-2025-2030.txt", "trong giai đoạn mới"),
    ],
)
def test_trich_yeu_is_the_whole_title(plan: str, title_end: str) -> None:
    from goldset import ROOT

    title = policyparse.parse(ROOT / "corpora" / plan).metadata.title
    assert title is not None and title.endswith(title_end)
    assert "Căn cứ" not in title and "như sau" not in title
