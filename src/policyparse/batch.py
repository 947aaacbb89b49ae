"""Many files at once: folders in, one output per input, failures reported, nothing half-written.

* :func:`parse_many` — the library call: parse paths on any
  :class:`concurrent.futures.Executor` (a process pool by default; a Dask
  cluster's ``client.get_executor()`` when a corpus outgrows one machine) and
  get one :class:`ParseResult` per path, in order.
* :func:`convert` — what ``policyparse parse DIR... -o OUTDIR`` runs: mirrors
  the input tree under OUTDIR (``a.txt`` → ``a.txt.json``, so ``a.txt`` and
  ``a.docx`` never collide), writes each output atomically (temporary file,
  then rename), skips inputs whose output is current (the input's SHA-256 and
  the schema version are kept in ``OUTDIR/.policyparse-manifest.json``), goes
  on past failures and returns a :class:`BatchReport`.

Each document has a time limit (where the platform allows an alarm signal in
the worker); a document over it is a failure, not a hang.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

from policyparse.errors import DocumentTimeoutError, PolicyParseError
from policyparse.model import SCHEMA_VERSION, PlanDocument

SUFFIXES = (".txt", ".docx", ".doc", ".pdf", ".html", ".htm")
MANIFEST = ".policyparse-manifest.json"
SUMMARY = "policyparse-summary.txt"
DEFAULT_TIMEOUT_SECONDS = 300
T = TypeVar("T")


class SerialExecutor(Executor):
    """Runs each call at once in this process (``--jobs 1``; the time limit works here)."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as err:
            future.set_exception(err)
        return future


@dataclass(frozen=True, slots=True)
class ParseResult:
    """The outcome for one path of :func:`parse_many`."""

    path: str
    document: PlanDocument | None = None
    error: PolicyParseError | None = None

    @property
    def ok(self) -> bool:
        return self.document is not None


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def time_limit(seconds: float | None, path: str) -> Iterator[None]:
    """Raise :class:`DocumentTimeoutError` after ``seconds``.

    Only in the main thread on POSIX (an alarm signal); elsewhere there is no limit.
    """
    usable = (
        seconds is not None
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise DocumentTimeoutError(f"took longer than {seconds:g} s", path)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _internal_error(path: str, err: Exception) -> PolicyParseError:
    error = PolicyParseError(
        f"{path}: internal error ({type(err).__name__}: {err})".splitlines()[0]
    )
    error.exit_code = 1
    return error


def parse_one(path: str, timeout: float | None = DEFAULT_TIMEOUT_SECONDS) -> ParseResult:
    """Parse one file, turning every failure into a result (never raises)."""
    from policyparse.pipeline import parse

    try:
        with time_limit(timeout, path):
            return ParseResult(path=path, document=parse(path))
    except PolicyParseError as err:
        return ParseResult(path=path, error=err)
    except Exception as err:  # a bug; the batch goes on and reports it
        return ParseResult(path=path, error=_internal_error(path, err))


def _run(
    work: Callable[..., object], items: Sequence[tuple[object, ...]], executor: Executor | None
) -> Iterator[tuple[int, object]]:
    """Run ``work(*item)`` for each item; yield ``(index, result)`` as they finish."""
    own = executor is None
    pool: Executor = executor if executor is not None else ProcessPoolExecutor()
    try:
        futures: dict[Future[object], int] = {
            pool.submit(work, *item): i for i, item in enumerate(items)
        }
        pending = set(futures)
        while pending:
            done = {f for f in pending if f.done()}
            if not done:
                time.sleep(0.02)
                continue
            for future in done:
                pending.discard(future)
                yield futures[future], future.result()
    finally:
        if own:
            pool.shutdown(cancel_futures=True)


def parse_many(
    paths: Iterable[str | Path],
    executor: Executor | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
) -> list[ParseResult]:
    """Parse many files in parallel; one result per path, in the order given.

    ``executor`` is any :class:`concurrent.futures.Executor`; by default a
    process pool with one worker per core. With Dask::

        from distributed import Client
        with Client("scheduler:8786") as client:
            results = policyparse.parse_many(paths, executor=client.get_executor())
    """
    items = [(str(p), timeout) for p in paths]
    results: list[ParseResult | None] = [None] * len(items)
    for index, result in _run(parse_one, items, executor):
        assert isinstance(result, ParseResult)
        results[index] = result
    return [r for r in results if r is not None]


# --------------------------------------------------------------------------- conversion


@dataclass(frozen=True, slots=True)
class Job:
    source: Path
    relative: str  # path under the output folder, without the added suffix
    output: Path


@dataclass(slots=True)
class Outcome:
    source: str
    output: str
    status: str  # "written", "skipped" or "failed"
    message: str = ""
    exit_code: int = 0
    sha256: str = ""
    seconds: float = 0.0


@dataclass(slots=True)
class BatchReport:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    def summary(self) -> str:
        lines = [
            f"{len(self.outcomes)} files: {self.count('written')} written, "
            f"{self.count('skipped')} skipped (up to date), {self.count('failed')} failed"
        ]
        lines += [f"FAILED {o.source}: {o.message}" for o in self.failed]
        return "\n".join(lines) + "\n"


def plan_jobs(inputs: Sequence[Path], outdir: Path, fmt: str) -> list[Job]:
    """Expand folders (recursively, files with a plan suffix) and name each output."""
    jobs: list[Job] = []
    seen: set[Path] = set()
    for item in inputs:
        if item.is_dir():
            files = sorted(
                p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
            pairs = [(f, f.relative_to(item).as_posix()) for f in files]
        else:
            pairs = [(item, item.name)]
        for source, relative in pairs:
            if source.resolve() in seen or outdir.resolve() in source.resolve().parents:
                continue
            seen.add(source.resolve())
            jobs.append(Job(source, relative, outdir / f"{relative}.{fmt}"))
    return jobs


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def convert_one(source: str, output: str, fmt: str, timeout: float | None) -> Outcome:
    """Parse ``source`` and write ``output`` atomically (runs in a worker)."""
    from policyparse.export import render

    started = time.perf_counter()
    result = parse_one(source, timeout)
    outcome = Outcome(source=source, output=output, status="written")
    if result.document is not None:
        try:
            write_atomic(Path(output), render(result.document, fmt))
            outcome.sha256 = result.document.source.sha256
        except OSError as err:
            outcome.status, outcome.message, outcome.exit_code = "failed", f"cannot write: {err}", 1
    else:
        assert result.error is not None
        error = result.error
        outcome.status = "failed"
        outcome.message = getattr(error, "message", None) or str(error)
        outcome.exit_code = error.exit_code
    outcome.seconds = round(time.perf_counter() - started, 3)
    return outcome


def _load_manifest(outdir: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads((outdir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def convert(
    inputs: Sequence[Path],
    outdir: Path,
    *,
    fmt: str = "json",
    executor: Executor | None = None,
    force: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
    progress: Callable[[Outcome], None] | None = None,
) -> BatchReport:
    """Convert files and folders into ``outdir`` (see the module docstring)."""
    jobs = plan_jobs(inputs, outdir, fmt)
    manifest = _load_manifest(outdir)
    report = BatchReport()
    todo: list[Job] = []
    for job in jobs:
        entry = manifest.get(job.relative, {})
        digest = _sha256(job.source) if job.source.is_file() else ""
        current = (
            not force
            and digest
            and entry.get("sha256") == digest
            and entry.get("schema_version") == SCHEMA_VERSION
            and entry.get("format") == fmt
            and job.output.is_file()
        )
        if current:
            outcome = Outcome(str(job.source), str(job.output), "skipped", sha256=digest)
            report.outcomes.append(outcome)
            if progress:
                progress(outcome)
        else:
            todo.append(job)
    items = [(str(j.source), str(j.output), fmt, timeout) for j in todo]
    for index, result in _run(convert_one, items, executor):
        assert isinstance(result, Outcome)
        report.outcomes.append(result)
        job = todo[index]
        if result.status == "written":
            manifest[job.relative] = {
                "sha256": result.sha256,
                "schema_version": SCHEMA_VERSION,
                "format": fmt,
            }
        else:
            manifest.pop(job.relative, None)
        if progress:
            progress(result)
    outdir.mkdir(parents=True, exist_ok=True)
    write_atomic(
        outdir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True)
    )
    order = {str(j.source): i for i, j in enumerate(jobs)}
    report.outcomes.sort(key=lambda o: order.get(o.source, 0))
    write_atomic(outdir / SUMMARY, report.summary())
    write_atomic(
        outdir / "policyparse-summary.json",
        json.dumps([asdict(o) for o in report.outcomes], ensure_ascii=False, indent=1),
    )
    return report
