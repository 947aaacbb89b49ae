"""Run one atheris (libFuzzer) harness against policyparse.

    .venv/bin/python fuzz/run.py TARGET [libFuzzer options ...]

TARGET is ``docx``, ``pdf`` or ``text``. Examples::

    .venv/bin/python fuzz/make_corpus.py                      # (re)write the seed corpora
    .venv/bin/python fuzz/run.py docx -max_total_time=600
    .venv/bin/python fuzz/run.py text -runs=1000              # a quick smoke run

The seeds in ``fuzz/corpus/<target>/`` are read but never written: new inputs go to
``fuzz/work/<target>/`` and crashing inputs to ``fuzz/artifacts/<target>/`` (both
scratch directories; delete them freely). Unless given, ``-timeout=30`` (one input
slower than 30 s is a finding) and ``-rss_limit_mb=1536`` (the 1.5 GB memory budget)
are added. Replay one input with ``fuzz/run.py TARGET path/to/input``.

The oracle: every input must end in a :class:`policyparse.PolicyParseError` or a
``PlanDocument``; any other exception is a crash. For ``docx`` the harness also
checks that a secret written in a local file never reaches the output (XXE).

A fuzzing run does not stop at the first crash: each distinct crash (exception type
and the innermost frame) is saved once, as ``fuzz/artifacts/<target>/crash-<id>``
(the input) and ``crash-<id>.txt`` (the traceback), and the run goes on, so one
10-minute run reports every bug it meets. Hangs (``-timeout``) and memory blow-ups
(``-rss_limit_mb``) still end the run, with libFuzzer's own ``timeout-``/``oom-`` file.
Replaying inputs (file arguments) re-raises, for the full traceback.
"""

from __future__ import annotations

import hashlib
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = ("docx", "pdf", "text")
DEFAULTS = {"-timeout": "30", "-rss_limit_mb": "1536"}


def _libfuzzer_argv(target: str, options: list[str]) -> list[str]:
    argv = [sys.argv[0]]
    given = {option.split("=", 1)[0] for option in options}
    argv += [f"{name}={value}" for name, value in DEFAULTS.items() if name not in given]
    if "-artifact_prefix" not in given:
        artifacts = HERE / "artifacts" / target
        artifacts.mkdir(parents=True, exist_ok=True)
        argv.append(f"-artifact_prefix={artifacts}/")
    dictionary = HERE / f"{target}.dict"
    if "-dict" not in given and dictionary.is_file():
        argv.append(f"-dict={dictionary}")
    argv += options
    replay = [option for option in options if not option.startswith("-")]
    if not replay:  # a fuzzing run: scratch corpus first (written), seeds second (read only)
        work = HERE / "work" / target
        work.mkdir(parents=True, exist_ok=True)
        argv += [str(work), str(HERE / "corpus" / target)]
    return argv


def keep_going(target: str, one_input: Callable[[bytes], None]) -> Callable[[bytes], None]:
    """Wrap a harness: save each new kind of crash, print one line, and carry on."""
    artifacts = HERE / "artifacts" / target
    seen: set[str] = set()

    def run(data: bytes) -> None:
        try:
            one_input(data)
        except Exception as err:
            frame = traceback.extract_tb(err.__traceback__)[-1]
            signature = f"{type(err).__name__} at {frame.filename}:{frame.lineno}"
            if signature in seen:
                return
            seen.add(signature)
            crash_id = hashlib.sha1(signature.encode()).hexdigest()[:12]
            artifacts.mkdir(parents=True, exist_ok=True)
            (artifacts / f"crash-{crash_id}").write_bytes(data)
            report = "".join(traceback.format_exception(err))
            (artifacts / f"crash-{crash_id}.txt").write_text(report, encoding="utf-8")
            print(f"\n=== CRASH {crash_id}: {signature}: {err}"[:400], file=sys.stderr, flush=True)

    return run


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(TARGETS)}}} [libFuzzer options]")
    target, options = sys.argv[1], sys.argv[2:]
    sys.path.insert(0, str(HERE))
    import atheris  # type: ignore[import-untyped]

    with atheris.instrument_imports(include=["policyparse", "docx", "harnesses"]):
        import harnesses

    one_input = harnesses.HARNESSES[target]
    harnesses.setup(target)
    replaying = any(not option.startswith("-") for option in options)
    if not replaying:
        one_input = keep_going(target, one_input)
    atheris.Setup(_libfuzzer_argv(target, options), one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
