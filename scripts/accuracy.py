"""Score every gold plan and write the table in docs/accuracy.md.

usage: python scripts/accuracy.py [--write]
Scores with the shared scorer's rules (tests/tools/score_reference.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import policyparse  # noqa: E402
from goldset import GoldCase, dev_cases, holdout_cases, score_document  # noqa: E402
from policyparse.export import to_json  # noqa: E402


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


def main() -> None:
    text = "\n\n".join(
        [
            "### Development set (sample and own fixtures)\n\n" + table(dev_cases()),
            "### Held-out set\n\n" + table(holdout_cases()),
        ]
    )
    print(text)


if __name__ == "__main__":
    main()
