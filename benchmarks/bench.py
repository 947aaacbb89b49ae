"""Speed and memory of policyparse against bare text extraction, measured in one run.

usage: .venv/bin/python benchmarks/bench.py [--pages 300] [--repeat 3]

For PDF: pages per second of the full parse (read, normalise, segment,
extract) against pdfplumber's ``extract_text`` on the same file; for .docx:
documents per second against python-docx's paragraph text; for .txt: the full
parse alone. Each figure is the best of ``--repeat`` runs; the peak resident
memory of a full parse of the large PDF is measured in a child process. The
large PDF is the rendered sample plans repeated to ``--pages`` pages.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RENDERED = ROOT / "corpora" / "rendered"
SAMPLE_TXT = ROOT / "corpora" / "tinh-uy-kh-nq42.txt"


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def make_long_pdf(pages: int, target: Path) -> int:
    import pypdfium2 as pdfium

    sources = sorted(RENDERED.glob("*.pdf"))
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        for source in sources:
            src = pdfium.PdfDocument(source)
            take = min(len(src), pages - len(out))
            out.import_pages(src, list(range(take)))
            src.close()
            if len(out) >= pages:
                break
    out.save(target)
    count = len(out)
    out.close()
    return count


def pdfplumber_text(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def docx_text(path: Path) -> None:
    import docx

    "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def full_parse(path: Path) -> None:
    import policyparse

    policyparse.parse(path)


_PEAK_CODE = """
import resource, sys
import policyparse
policyparse.parse(sys.argv[1])
try:  # VmHWM: this process's own high-water mark (ru_maxrss would include the forking parent)
    status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
    print(int(status))
except (OSError, IndexError):
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss_mb(path: Path) -> float:
    """Peak resident memory (MB) of a fresh process that parses ``path``."""
    out = subprocess.run(
        [sys.executable, "-c", _PEAK_CODE, str(path)], check=True, capture_output=True, text=True
    )
    return int(out.stdout.split()[-1]) / 1024  # KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, object] = {"python": sys.version.split()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        long_pdf = Path(tmp) / "long.pdf"
        pages = make_long_pdf(args.pages, long_pdf)
        full_parse(long_pdf)  # warm up imports and caches
        parse_s = best_of(args.repeat, lambda: full_parse(long_pdf))
        plumber_s = best_of(args.repeat, lambda: pdfplumber_text(long_pdf))
        results["pdf"] = {
            "pages": pages,
            "policyparse_pages_per_s": round(pages / parse_s, 1),
            "pdfplumber_extract_text_pages_per_s": round(pages / plumber_s, 1),
            "ratio_parse_vs_extract_text": round(plumber_s / parse_s, 2),
            "peak_rss_mb_full_parse": round(peak_rss_mb(long_pdf), 1),
        }
        docx_files = sorted(RENDERED.glob("*.docx"))
        parse_s = best_of(args.repeat, lambda: [full_parse(p) for p in docx_files])
        text_s = best_of(args.repeat, lambda: [docx_text(p) for p in docx_files])
        results["docx"] = {
            "documents": len(docx_files),
            "policyparse_docs_per_s": round(len(docx_files) / parse_s, 1),
            "python_docx_text_docs_per_s": round(len(docx_files) / text_s, 1),
            "ratio_parse_vs_paragraph_text": round(text_s / parse_s, 2),
        }
        txt_s = best_of(args.repeat, lambda: full_parse(SAMPLE_TXT))
        results["txt"] = {"sample_parse_ms": round(txt_s * 1000, 1)}
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
