"""The ``policyparse`` command line. It only wraps library calls.

Exit codes: 0 success; 1 an unexpected internal error; 2-11 the
``exit_code`` of the :mod:`policyparse.errors` class raised (see the README);
12 a batch in which some files failed. Heavy modules are imported inside the
commands, so ``--help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Protocol

from policyparse.errors import InputError, PolicyParseError

FORMATS = ("json", "md", "csv")
COMPARE_FORMATS = ("json", "md", "csv", "html")
BATCH_FAILED = 12


def _emit(text: str, out: str | None) -> None:
    if out is None or out == "-":
        sys.stdout.write(text)
    else:
        from policyparse.batch import write_atomic

        write_atomic(Path(out), text)


def _is_batch(args: argparse.Namespace) -> bool:
    """Several inputs, a folder, or an existing output folder: convert into a folder."""
    into_folder = bool(args.output) and Path(args.output).is_dir()
    return len(args.files) > 1 or Path(args.files[0]).is_dir() or into_folder


def _cmd_parse(args: argparse.Namespace) -> int:
    if _is_batch(args):
        return _parse_batch(args)
    from policyparse.export import render
    from policyparse.pipeline import parse

    doc = parse(args.files[0])
    _emit(render(doc, args.format), args.output)
    return 0


def _parse_batch(args: argparse.Namespace) -> int:
    from concurrent.futures import ProcessPoolExecutor

    from policyparse.batch import SUMMARY, Outcome, SerialExecutor, convert

    if not args.output or args.output == "-":
        raise InputError(
            "several inputs or a folder need an output folder: -o OUTDIR", args.files[0]
        )
    outdir = Path(args.output)
    if outdir.exists() and not outdir.is_dir():
        raise InputError("the output for several inputs must be a folder", outdir)
    executor = SerialExecutor() if args.jobs == 1 else ProcessPoolExecutor(max_workers=args.jobs)
    bar = _progress_bar()

    def progress(outcome: Outcome) -> None:
        if bar is not None:
            bar.update(1)
            bar.set_postfix_str(Path(outcome.source).name[-40:])

    try:
        report = convert(
            [Path(f) for f in args.files],
            outdir,
            fmt=args.format,
            executor=executor,
            force=args.force,
            timeout=args.timeout,
            progress=progress,
        )
    finally:
        executor.shutdown(cancel_futures=True)
        if bar is not None:
            bar.close()
    sys.stderr.write(report.summary())
    sys.stderr.write(f"summary written to {outdir / SUMMARY}\n")
    return BATCH_FAILED if report.failed else 0


class _Bar(Protocol):
    def update(self, n: int = 1) -> object: ...
    def set_postfix_str(self, s: str = "") -> object: ...
    def close(self) -> object: ...


def _progress_bar() -> _Bar | None:
    """A tqdm bar on a terminal (tqdm comes with underthesea); nothing when piped."""
    if not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    bar: _Bar = tqdm(unit="file", file=sys.stderr, dynamic_ncols=True)
    return bar


def _cmd_compare(args: argparse.Namespace) -> int:
    from policyparse.compare.api import compare, compare_many
    from policyparse.compare.export import render as render_comparison

    if len(args.files) == 1:
        result = render_comparison(compare(args.files[0], args.against), args.format)
    else:
        result = render_comparison(compare_many(args.files, args.against), args.format)
    _emit(result, args.output)
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from policyparse.schema import schema_json

    _emit(schema_json(), args.output)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policyparse",
        description="Turn Vietnamese policy plans (kế hoạch, chương trình hành động) "
        "into structured data.",
    )
    parser.add_argument("--version", action="version", version="policyparse 0.1.0")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "parse",
        help="parse plans (.txt, .docx, .pdf, .doc, .html) into JSON, Markdown or CSV",
        description="Parse one plan (to standard output or -o FILE), or files and folders "
        "(recursively) into -o OUTDIR, mirroring the input tree: a.txt -> OUTDIR/a.txt.json.",
    )
    p.add_argument("files", nargs="+", metavar="FILE_OR_DIR", help="plans or folders of plans")
    p.add_argument(
        "--format", choices=FORMATS, default="json", help="output format (default: json)"
    )
    p.add_argument("-o", "--output", help="output file (one input) or folder (several)")
    p.add_argument(
        "--jobs", type=int, default=None, help="parallel workers for a batch (default: CPU count)"
    )
    p.add_argument("--force", action="store_true", help="re-parse inputs whose output is current")
    p.add_argument(
        "--timeout", type=float, default=300, help="seconds allowed per document in a batch"
    )
    p.set_defaults(run=_cmd_parse)

    c = sub.add_parser(
        "compare",
        help="compare plans with Resolution 42's targets (nq42) or with another plan",
        description="Compare one plan (rows: reference figures) or several (a matrix: "
        "indicators x plans) with a reference.",
    )
    c.add_argument("files", nargs="+", metavar="PLAN", help="the plan(s) to compare")
    c.add_argument(
        "--against",
        default="nq42",
        metavar="REF",
        help="nq42 (the bundled Resolution 42 targets, the default), a reference .json "
        "in the same format, or another plan",
    )
    c.add_argument(
        "--format",
        choices=COMPARE_FORMATS,
        default="json",
        help="output format (default: json); csv is UTF-8 with a BOM, html one self-contained file",
    )
    c.add_argument("-o", "--output", help="write here instead of standard output")
    c.set_defaults(run=_cmd_compare)

    s = sub.add_parser("schema", help="print the JSON Schema of the parse output")
    s.add_argument("-o", "--output", help="write here instead of standard output")
    s.set_defaults(run=_cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except PolicyParseError as err:
        print(f"policyparse: {err}", file=sys.stderr)
        return err.exit_code
    except OSError as err:
        name = err.filename or (getattr(args, "files", None) or [""])[0]
        print(f"policyparse: {name}: {err.strerror or err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("policyparse: interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
