"""Score every gold plan and write the table in docs/accuracy.md.

usage: python scripts/accuracy.py [--write]
Scores with the shared scorer's rules (tests/tools/score_reference.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import policyparse
from goldset import ROOT, GoldCase, dev_cases, holdout_cases, score_document
from policyparse.export import to_json


def row(case: GoldCase) -> str:
    s = score_document(case.gold, to_json(policyparse.parse(case.plan)))
    ts, tl = s["targets_strict"], s["targets_loose"]
    qual = f"{s['qualitative_recall']:.2f}" if "qualitative_recall" in s else "n/a"
    n_targets = len(case.gold.get("targets", []))
    n_tasks = len(case.gold.get("tasks", []))
    return (
        f"| {case.plan.name} | {n_targets} | {ts[0]:.3f} (P {ts[1]:.2f} R {ts[2]:.2f}) "
        f"| {tl[0]:.3f} "
        f"| {n_tasks} | {s['tasks_body_recall']:.2f} | {s['tasks_full_recall']:.2f} "
        f"| {s['metadata']:.2f} | {qual} |"
    )


HEAD = (
    "| plan | gold targets | targets F1 strict | F1 loose | gold tasks | tasks body | tasks full "
    "| metadata | qualitative |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
)


def table(cases: list[GoldCase]) -> str:
    return "\n".join([HEAD, *(row(c) for c in cases)])


def format_cases() -> list[GoldCase]:
    """Each rendered plan in every format it exists in (corpora/rendered, .txt beside it)."""
    import json

    golds = {c.name: c.gold for c in dev_cases()}
    for path in sorted((ROOT / "tests" / "gold" / "formats").glob("*.json")):
        golds[path.stem] = json.loads(path.read_text("utf-8"))
    cases = []
    for name, gold in sorted(golds.items()):
        rendered = sorted((ROOT / "corpora" / "rendered").glob(f"{name}.*"))
        if not rendered:
            continue
        txt = [c.plan for c in dev_cases() if c.name == name]
        cases += [GoldCase(name, p, gold) for p in [*txt, *rendered]]
    return cases


def main() -> None:
    text = "\n\n".join(
        [
            "### Development set (sample and own fixtures)\n\n" + table(dev_cases()),
            "### Held-out set\n\n" + table(holdout_cases()),
            "### Per format (the same plan as .txt, .docx and .pdf)\n\n" + table(format_cases()),
        ]
    )
    print(text)


if __name__ == "__main__":
    main()
