"""Batch conversion of folders, parse_many on executors (process pool, Dask), time limits."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import distributed
import pytest

import policyparse
from policyparse import batch
from policyparse.batch import SerialExecutor, convert, parse_many

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "tinh-uy-kh-nq42.txt"
FIXTURES = ROOT / "corpora" / "fixtures"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder like one downloaded from portals: good plans, bad files, subfolders."""
    root = tmp_path / "in"
    (root / "tinh" / "2024").mkdir(parents=True)
    shutil.copy(SAMPLE, root / "a.txt")
    shutil.copy(FIXTURES / "ubnd-tinh-kh-state.txt", root / "tinh" / "2024" / "state.txt")
    shutil.copy(ROOT / "corpora" / "rendered" / "tinh-uy-kh-nq42.docx", root / "a.docx")
    (root / "tinh" / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    (root / "empty.txt").write_bytes(b"")
    (root / "notes.jpg").write_bytes(b"\xff\xd8\xff")  # not a plan suffix: not picked up
    return root


def test_convert_mirrors_the_tree_and_reports_failures(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = convert([corpus], out, executor=SerialExecutor())
    written = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*.json")
        if not p.name.startswith((".", "policyparse-"))
    )
    assert written == ["a.docx.json", "a.txt.json", "tinh/2024/state.txt.json"]
    assert json.loads((out / "a.txt.json").read_text("utf-8"))["metadata"]["doc_type"] == "Kế hoạch"
    failed = {Path(o.source).name: o for o in report.failed}
    assert set(failed) == {"broken.pdf", "empty.txt"}
    assert failed["empty.txt"].exit_code == policyparse.EmptyDocumentError.exit_code
    summary = (out / batch.SUMMARY).read_text("utf-8")
    assert "5 files: 3 written, 0 skipped (up to date), 2 failed" in summary
    assert "broken.pdf" in summary and "empty.txt" in summary
    assert not list(out.rglob("*.tmp"))


def test_second_run_skips_current_outputs_unless_forced(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    convert([corpus], out, executor=SerialExecutor())
    again = convert([corpus], out, executor=SerialExecutor())
    assert again.count("skipped") == 3 and again.count("written") == 0
    (corpus / "a.txt").write_text(SAMPLE.read_text("utf-8") + "\n", "utf-8")  # changed content
    third = convert([corpus], out, executor=SerialExecutor())
    assert [Path(o.source).name for o in third.outcomes if o.status == "written"] == ["a.txt"]
    forced = convert([corpus], out, executor=SerialExecutor(), force=True)
    assert forced.count("skipped") == 0 and forced.count("written") == 3


def test_a_document_over_the_time_limit_fails_alone(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import policyparse.pipeline

    real = policyparse.pipeline.parse

    def slow(path: str) -> policyparse.PlanDocument:
        if path.endswith("a.txt"):
            time.sleep(5)
        return real(path)

    monkeypatch.setattr(policyparse.pipeline, "parse", slow)
    started = time.perf_counter()
    report = convert([corpus], tmp_path / "out", executor=SerialExecutor(), timeout=0.5)
    assert time.perf_counter() - started < 4
    slow_one = next(o for o in report.outcomes if o.source.endswith("a.txt"))
    assert slow_one.status == "failed" and "longer than 0.5 s" in slow_one.message
    assert slow_one.exit_code == policyparse.DocumentTimeoutError.exit_code
    assert report.count("written") == 2


def test_cli_batch_exit_code_summary_and_second_run(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "policyparse.cli",
        "parse",
        str(corpus),
        "-o",
        str(out),
        "--jobs",
        "2",
    ]
    first = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert first.returncode == 12
    assert "3 written, 0 skipped (up to date), 2 failed" in first.stderr
    assert "FAILED" in first.stderr and "Traceback" not in first.stderr
    second = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert "0 written, 3 skipped (up to date), 2 failed" in second.stderr


def test_cli_several_inputs_need_an_output_folder(corpus: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "policyparse.cli", "parse", str(corpus)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().endswith(
        "several inputs or a folder need an output folder: -o OUTDIR"
    )


def test_parse_many_on_a_process_pool_keeps_order_and_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    paths = [SAMPLE, empty, FIXTURES / "huyen-uy-ctr-2025-2030.txt"]
    results = parse_many(paths)
    assert [r.ok for r in results] == [True, False, True]
    assert isinstance(results[1].error, policyparse.EmptyDocumentError)
    assert results[0].document is not None and len(results[0].document.targets) == 33
    assert results[2].path.endswith("huyen-uy-ctr-2025-2030.txt")


def test_parse_many_on_a_dask_cluster() -> None:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        results = parse_many(
            [SAMPLE, FIXTURES / "ubnd-tinh-kh-state.txt"], executor=client.get_executor()
        )
    assert all(r.ok for r in results)
    docs = [r.document for r in results if r.document is not None]
    assert [d.metadata.number for d in docs] == [None, "87/KH-UBND"]
