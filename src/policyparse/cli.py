"""The ``policyparse`` command line. It only wraps library calls.

Exit codes: 0 success; 1 an unexpected internal error; 2-10 the
``exit_code`` of the :mod:`policyparse.errors` class raised (see the README).
Heavy modules are imported inside the commands, so ``--help`` stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from policyparse.errors import PolicyParseError

FORMATS = ("json", "md", "csv")
COMPARE_FORMATS = ("json", "md", "csv", "html")


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


def _emit(text: str, out: str | None) -> None:
    if out is None or out == "-":
        sys.stdout.write(text)
    else:
        write_atomic(Path(out), text)


def _cmd_parse(args: argparse.Namespace) -> int:
    from policyparse.export import render
    from policyparse.pipeline import parse

    doc = parse(args.file)
    _emit(render(doc, args.format), args.output)
    return 0


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

    p = sub.add_parser("parse", help="parse a plan (.txt, .docx, .pdf) into JSON, Markdown or CSV")
    p.add_argument("file", help="the plan to read")
    p.add_argument(
        "--format", choices=FORMATS, default="json", help="output format (default: json)"
    )
    p.add_argument("-o", "--output", help="write here instead of standard output")
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
        name = err.filename or getattr(args, "file", "")
        print(f"policyparse: {name}: {err.strerror or err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("policyparse: interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
