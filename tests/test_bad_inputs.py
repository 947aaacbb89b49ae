"""The bad-input battery: broken, hostile and odd files through the real command line.

Every case is built by the test (tests/builders/bad_files.py) and run as
``policyparse parse FILE -o OUT`` in a subprocess. The outcome must be either

- a clear error: non-zero exit (2-10, never 1 = internal error), exactly one stderr
  line starting ``policyparse: <path>:``, no ``Traceback``, no output file; or
- valid JSON (a ``PlanDocument``) in the output file, with ``warnings`` when the
  input is odd (not a plan);

within 60 s and 1.5 GB peak memory (``ru_maxrss`` of the child, from ``os.wait4``).
Cases that currently break the contract are ``xfail(strict=True)`` with the bug in
the reason; the mark must go when the bug is fixed. docs/reliability.md has the table.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import builders.bad_files as bad
import policyparse
import policyparse.read.ocr as ocr
from builders.pdf_builder import empty_pdf, encrypted_pdf
from conftest import require_program
from policyparse.model import PlanDocument

TIME_LIMIT_S = 60.0
MEMORY_LIMIT_MB = 1536.0
ADDRESS_SPACE_CAP = 8 * 1024**3  # a safety net for the machine, far above the budget
SECRET = "SECRET-8c1f-do-not-leak"
POLICYPARSE = Path(sys.executable).parent / "policyparse"
NO_OCR_SHIM = (
    "import sys\n"
    "import policyparse.read.ocr as ocr\n"
    "ocr.missing_requirement = lambda: 'the tesseract program is not installed (simulated)'\n"
    "from policyparse.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)

ERROR = "error"  # a one-line PolicyParseError
JSON = "json"  # a PlanDocument
EITHER = "either"


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]  # tmp_path -> the input file
    expect: str
    exit_codes: tuple[int, ...] = ()  # for errors: the allowed exit codes (empty: any 2-10)
    message: str = ""  # a fragment the error message must contain (case-insensitive)
    no_ocr: bool = False  # run with OCR reported missing
    needs: str | None = None  # an external program the case drives
    bug: str | None = None  # why it is xfail (a known bug)


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    output: Path
    killed: bool = False
    notes: list[str] = field(default_factory=list)


def _cap_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_CAP, ADDRESS_SPACE_CAP))


def run_cli(path: Path, output: Path, no_ocr: bool = False) -> Outcome:
    """``policyparse parse PATH -o OUTPUT`` in a child; exit, streams, time, peak RSS."""
    args = ["parse", str(path), "-o", str(output)]
    command = [sys.executable, "-c", NO_OCR_SHIM, *args] if no_ocr else [str(POLICYPARSE), *args]
    streams = output.parent.with_name(f"{output.parent.name}-streams")
    streams.mkdir(parents=True, exist_ok=True)
    with (streams / "out").open("wb") as out, (streams / "err").open("wb") as err:
        start = time.monotonic()
        child = subprocess.Popen(
            command, stdout=out, stderr=err, stdin=subprocess.DEVNULL, preexec_fn=_cap_address_space
        )
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            child.kill()

        timer = threading.Timer(TIME_LIMIT_S + 5, kill)  # the budget is checked below
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
    return Outcome(
        code=child.returncode,
        stdout=(streams / "out").read_text(encoding="utf-8", errors="replace"),
        stderr=(streams / "err").read_text(encoding="utf-8", errors="replace"),
        seconds=seconds,
        peak_mb=usage.ru_maxrss / 1024,  # Linux: kilobytes
        output=output,
        killed=killed.is_set(),
    )


def check_outcome(case: Case, path: Path, outcome: Outcome) -> None:
    """The battery's contract (see the module docstring)."""
    summary = f"exit {outcome.code}, stderr {outcome.stderr[-2000:]!r}"
    assert not outcome.killed, f"still running after {TIME_LIMIT_S + 5:g} s"
    assert "Traceback" not in outcome.stderr, summary
    if outcome.code == 0:
        assert case.expect in (JSON, EITHER), f"expected an error, got JSON; {summary}"
        doc = PlanDocument.model_validate_json(outcome.output.read_text(encoding="utf-8"))
        json.loads(outcome.output.read_text(encoding="utf-8"))
        assert doc.text.strip(), "a document without text should have been an error"
        assert outcome.stderr == "", summary
    else:
        assert case.expect in (ERROR, EITHER), f"expected JSON; {summary}"
        assert 2 <= outcome.code <= 10, f"not a PolicyParseError exit code; {summary}"
        if case.exit_codes:
            assert outcome.code in case.exit_codes, summary
        lines = outcome.stderr.splitlines()
        assert len(lines) == 1, summary
        assert lines[0].startswith(f"policyparse: {path}: "), summary
        assert len(lines[0]) > len(f"policyparse: {path}: ") + 5, summary
        assert case.message.lower() in lines[0].lower(), summary
        assert not outcome.output.exists(), "an output file was written on failure"
        assert outcome.stdout == "", summary
    assert outcome.seconds < TIME_LIMIT_S, f"took {outcome.seconds:.1f} s"
    assert outcome.peak_mb < MEMORY_LIMIT_MB, f"peak RSS {outcome.peak_mb:.0f} MB"


# --------------------------------------------------------------------------- the cases


def _write(name: str, data: bytes | str) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = tmp / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        return path

    return build


def _random_bytes(name: str) -> Callable[[Path], Path]:
    return lambda tmp: bad.random_bytes(tmp / name)


def _secret(tmp: Path) -> Path:
    secret = tmp / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    return secret


def _plain_pdf_bytes(tmp: Path) -> bytes:
    return bad.text_pdf(bad.ASCII_PLAN)


CASES: list[Case] = [
    *(
        Case(f"empty{suffix}", _write(f"empty{suffix}", b""), ERROR, (10,))
        for suffix in (".txt", ".docx", ".pdf", ".doc", ".html")
    ),
    *(
        Case(f"random-bytes{suffix}", _random_bytes(f"random{suffix}"), ERROR)
        for suffix in (".txt", ".docx", ".pdf", ".doc", ".html")
    ),
    Case("docx-named-pdf", lambda tmp: bad.plan_docx(tmp / "plan.pdf"), JSON),
    Case("pdf-named-docx", lambda tmp: _write("plan.docx", _plain_pdf_bytes(tmp))(tmp), JSON),
    Case("truncated-docx", lambda tmp: bad.truncated_docx(tmp / "cut.docx"), ERROR, (6,)),
    Case(
        "truncated-pdf",
        lambda tmp: bad.truncated_pdf(tmp / "cut.pdf", _plain_pdf_bytes(tmp)),
        EITHER,
        no_ocr=True,
    ),
    Case(
        "docx-without-document-xml",
        lambda tmp: bad.docx_without_document_xml(tmp / "nodoc.docx"),
        ERROR,
        (6,),
        "document.xml",
    ),
    Case(
        "empty-zip-named-docx",
        lambda tmp: bad.empty_zip(tmp / "empty-zip.docx"),
        ERROR,
        (6,),
    ),
    Case(
        "zip-version-23.5-docx",
        lambda tmp: bad.zip_version_docx(tmp / "version.docx"),
        ERROR,
        (6,),
    ),
    Case("xxe-docx", lambda tmp: bad.xxe_docx(tmp / "xxe.docx", _secret(tmp)), EITHER),
    Case(
        "xxe-in-styles-docx",
        lambda tmp: bad.xxe_docx(tmp / "xxe-styles.docx", _secret(tmp), "word/styles.xml"),
        EITHER,
    ),
    Case(
        "xxe-parameter-entity-docx",
        lambda tmp: bad.xxe_parameter_entity_docx(tmp / "xxe-pe.docx", _secret(tmp)),
        EITHER,
    ),
    Case("billion-laughs-docx", lambda tmp: bad.billion_laughs_docx(tmp / "lol.docx"), EITHER),
    Case(
        "zip-bomb-600mb-docx",
        lambda tmp: bad.zip_bomb_docx(tmp / "bomb.docx"),
        ERROR,
        (9,),
    ),
    Case(
        "zip-bomb-lying-sizes-docx",
        lambda tmp: bad.zip_bomb_docx(tmp / "liar.docx", unpacked_mb=1200, declared_size=200_000),
        ERROR,
        (6, 9),
    ),
    Case(
        "nested-tables-1000-docx",
        lambda tmp: bad.nested_tables_docx(tmp / "nested.docx", depth=1000),
        EITHER,
    ),
    Case(
        "encrypted-pdf",
        lambda tmp: encrypted_pdf(tmp / "locked.pdf", user_password="secret"),
        ERROR,
        (7,),
    ),
    Case(
        "image-only-pdf-ocr",
        lambda tmp: bad.scanned_pdf(tmp / "scan.pdf"),
        JSON,
        needs="tesseract",
    ),
    Case(
        "image-only-pdf-ocr-missing",
        lambda tmp: bad.scanned_pdf(tmp / "scan.pdf"),
        ERROR,
        (8,),
        "tesseract",
        no_ocr=True,
    ),
    Case(
        "image-only-pdf-huge-page",
        lambda tmp: bad.scanned_pdf(tmp / "huge-page.pdf", resolution=12.4),
        EITHER,
        needs="tesseract",
    ),
    Case(
        "pdf-2001-pages",
        lambda tmp: empty_pdf(tmp / "long.pdf", pages=2001),
        ERROR,
        (9,),
        "2001 pages",
    ),
    Case(
        "pdf-padded-to-2gb",
        lambda tmp: bad.padded_pdf(tmp / "big.pdf", _plain_pdf_bytes(tmp), 2 * 1024**3),
        ERROR,
        (9,),
    ),
    Case(
        "txt-1gb-of-nuls",
        lambda tmp: bad.padded_pdf(tmp / "big.txt", b"", 1024**3),
        ERROR,
        (9,),
    ),
    Case(
        "ole-garbage-doc",
        lambda tmp: bad.ole_garbage(tmp / "junk.doc"),
        ERROR,
        (6,),
        needs="soffice",
    ),
    Case("not-a-plan-txt", _write("recipe.txt", bad.NOT_A_PLAN), JSON),
    Case("english-txt", _write("english.txt", bad.ENGLISH_TEXT), EITHER),
    Case("nested-bullets-20000-txt", _write("bullets.txt", bad.nested_bullets_text()), JSON),
    Case("deep-numbering-2000-txt", _write("deep.txt", bad.deep_numbering_text()), JSON),
    Case("one-8mb-line-txt", _write("line.txt", bad.long_line_text()), EITHER),
    Case("nested-div-20000-html", _write("deep.html", bad.deep_html()), EITHER),
]

_IDS = [case.name for case in CASES]
assert len(set(_IDS)) == len(_IDS), "case names must be unique"


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=f"bug: {case.bug}")] if case.bug else []
    if case.needs:
        marks.append(pytest.mark.external)
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_bad_input_gives_clear_error_or_json(case: Case, tmp_path: Path) -> None:
    if case.needs:
        require_program(case.needs)
    inputs = tmp_path / "in"
    inputs.mkdir()
    path = case.build(inputs)
    outcome = run_cli(path, tmp_path / "out" / "plan.json", no_ocr=case.no_ocr)
    _record(case, outcome)
    check_outcome(case, path, outcome)
    produced = outcome.output.read_text(encoding="utf-8") if outcome.code == 0 else ""
    assert SECRET not in produced + outcome.stderr, "XXE: the secret file reached the output"


def _record(case: Case, outcome: Outcome) -> None:
    """With POLICYPARSE_BATTERY_LOG set, append the outcome as a JSON line (for the
    table in docs/reliability.md)."""
    log = os.environ.get("POLICYPARSE_BATTERY_LOG")
    if not log:
        return
    produced = outcome.output.read_text(encoding="utf-8") if outcome.output.exists() else ""
    warnings = [w["code"] for w in json.loads(produced)["warnings"]] if produced else []
    row = {
        "case": case.name,
        "exit": outcome.code,
        "stderr": outcome.stderr.strip()[-300:],
        "warnings": warnings,
        "seconds": round(outcome.seconds, 2),
        "peak_mb": round(outcome.peak_mb),
        "bug": bool(case.bug),
    }
    with Path(log).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- in-process


def test_image_only_pdf_without_ocr_raises_no_text_layer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr, "missing_requirement", lambda: "the tesseract program is missing")
    with pytest.raises(policyparse.NoTextLayerError) as caught:
        policyparse.parse(bad.scanned_pdf(tmp_path / "scan.pdf"))
    message = str(caught.value)
    assert "\n" not in message
    assert "tesseract program is missing" in message
    assert "apt-get install" in message  # says how to enable OCR


def test_xxe_secret_never_reaches_any_field(tmp_path: Path) -> None:
    doc = _parse_or_none(bad.xxe_docx(tmp_path / "xxe.docx", _secret(tmp_path)))
    assert doc is None or SECRET not in doc.model_dump_json()
    assert doc is None or "KẾ HOẠCH" in doc.text  # the document around the entity is read


def test_xxe_docx_opens_no_network_connection(tmp_path: Path) -> None:
    import socket

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        server.settimeout(0.5)
        url = f"http://127.0.0.1:{server.getsockname()[1]}/entity"
        doctype = f'<!DOCTYPE w:document [<!ENTITY net SYSTEM "{url}">]>'
        xml = bad.document_xml(["KẾ HOẠCH", "- Mạng: &net;", "- Đạt 50%."], doctype)
        path = bad.docx_with_parts(tmp_path / "net.docx", {"word/document.xml": xml})
        _parse_or_none(path)
        with pytest.raises(TimeoutError):
            server.accept()  # nobody connected


def test_billion_laughs_is_not_expanded(tmp_path: Path) -> None:
    started = time.monotonic()
    doc = _parse_or_none(bad.billion_laughs_docx(tmp_path / "lol.docx"))
    assert time.monotonic() - started < 10
    assert doc is None or doc.text.count("lol") < 1000


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    path = bad.zip_bomb_docx(tmp_path / "bomb.docx")
    assert path.stat().st_size < 1024 * 1024  # 600 MB inflated, under 1 MB packed
    started = time.monotonic()
    with pytest.raises(policyparse.FileTooLargeError):
        policyparse.parse(path)
    assert time.monotonic() - started < 5


def _parse_or_none(path: Path) -> PlanDocument | None:
    try:
        return policyparse.parse(path)
    except policyparse.PolicyParseError:
        return None
