"""The gold sets: each plan in corpora/ with its expected extraction in tests/gold/.

Scoring uses ../shared/tools/score.py's rules, copied verbatim into
tests/tools/score_reference.py, so the figures here are the ones CI and the
README report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.score_reference import score

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"


@dataclass(frozen=True)
class GoldCase:
    name: str
    plan: Path
    gold: dict[str, Any]


def _cases(gold_dir: Path, plan_dirs: list[Path]) -> list[GoldCase]:
    cases = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        plan = next(d / gold["doc"] for d in plan_dirs if (d / gold["doc"]).exists())
        cases.append(GoldCase(path.stem, plan, gold))
    return cases


def dev_cases() -> list[GoldCase]:
    """The sample and our own fixtures (the rules were developed against these)."""
    return _cases(GOLD, [ROOT / "corpora", ROOT / "corpora" / "fixtures"])


def holdout_cases() -> list[GoldCase]:
    """Plans written after the parser, by someone who did not read it (eight rounds)."""
    rounds = (
        "holdout",
        "holdout2",
        "holdout3",
        "holdout4a",
        "holdout4b",
        "holdout5a",
        "holdout5b",
        "holdout6a",
        "holdout6b",
        "holdout7a",
        "holdout7b",
        "holdout8a",
        "holdout8b",
    )
    return [case for r in rounds for case in _cases(GOLD / r, [ROOT / "corpora" / r])]


def score_document(gold: dict[str, Any], document_json: str) -> dict[str, Any]:
    result: dict[str, Any] = score(gold, json.loads(document_json))
    return result
