"""Gold plans, rewritten the ways real copies differ, still score as well against gold."""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Callable

import pytest

import policyparse
from goldset import GoldCase, dev_cases, holdout_cases, score_document
from policyparse.export import to_json

SAMPLE = next(c for c in dev_cases() if c.name == "tinh-uy-kh-nq42")
ORIGINAL = SAMPLE.plan.read_text("utf-8")


def _old_tones(text: str) -> str:
    for new, old in (
        ("hòa", "hoà"),
        ("thủy", "thuỷ"),
        ("khỏe", "khoẻ"),
        ("ủy", "uỷ"),
        ("Ủy", "Uỷ"),
    ):
        text = text.replace(new, old)
    return text


def _hard_wrap(text: str) -> str:
    """Wrap prose at 78 columns, as text pasted from a PDF is (table and header rows kept)."""
    out = []
    for para in text.split("\n"):
        if "\t" in para or "|" in para or "   " in para:
            out.append(para)
            continue
        out.extend(textwrap.wrap(para, 78, break_long_words=False, break_on_hyphens=False) or [""])
    return "\n".join(out)


VARIANTS: dict[str, Callable[[str], str]] = {
    "no-blank-lines": lambda t: re.sub(r"\n\s*\n+", "\n", t),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "nfd-old-tones": lambda t: unicodedata.normalize("NFD", _old_tones(t)),
    "nbsp-and-en-dashes": lambda t: (
        t.replace(" %", "\u00a0%").replace(" - ", " – ").replace("%", "\u00a0%")
    ),
    "hard-wrapped-78": _hard_wrap,
    "tabs-after-labels": lambda t: re.sub(r"^(\d+\.|[IVX]+ -) ", r"\1\t", t, flags=re.M),
    "bullets-as-dots": lambda t: re.sub(r"^- ", "• ", t, flags=re.M),
}


@pytest.mark.parametrize("name", VARIANTS)
def test_sample_variant_scores_like_the_original(name: str) -> None:
    text = VARIANTS[name](ORIGINAL)
    assert text != ORIGINAL
    scores = score_document(SAMPLE.gold, to_json(policyparse.parse_text(text)))
    assert scores["targets_strict"][0] == 1.0
    assert scores["tasks_full_recall"] == 1.0
    assert scores["metadata"] == 1.0
    assert scores["qualitative_recall"] >= 0.8


TEXT_CASES = [
    c
    for c in dev_cases() + holdout_cases()
    if c.plan.suffix == ".txt"
    and c.plan.read_bytes()[:3] != b"\xff\xfe\x00"
    and "legacy" not in c.name
]


@pytest.mark.parametrize("case", TEXT_CASES, ids=[c.name for c in TEXT_CASES])
def test_every_gold_plan_survives_every_variant(case: GoldCase) -> None:
    """Each rewriting keeps the targets, tasks and metadata the original gets right."""
    original = case.plan.read_text("utf-8-sig")
    base = score_document(case.gold, to_json(policyparse.parse_text(original)))
    for name, rewrite in VARIANTS.items():
        scores = score_document(case.gold, to_json(policyparse.parse_text(rewrite(original))))
        for measure in ("tasks_full_recall", "metadata"):
            assert scores[measure] >= base[measure], (name, measure)
        assert scores["targets_strict"][0] >= base["targets_strict"][0], (name, "targets")
