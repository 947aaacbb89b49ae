"""The HTML comparison report rendered in a real headless browser (Debian's ``chromium``).

This test FAILS, never skips, without chromium: CI must install it. The line
``.ci/run`` needs before the tests (Debian 12):

    apt-get install -y chromium

The screenshot goes to ``test-artifacts/`` (gitignored); docs/compare.md shows it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import policyparse
from policyparse.compare.export import render
from policyparse.model import Target

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "tinh-uy-kh-nq42.txt"
ARTIFACTS = ROOT / "test-artifacts"
APT_LINE = "apt-get install -y chromium"
BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, (
        "chromium is not installed, so the HTML report cannot be checked in a browser. "
        f"Add this line to .ci/run before the tests: `{APT_LINE}`"
    )
    return found


class _Census(HTMLParser):
    """Counts what the rendered DOM holds: table rows, charts, chart marks, plan dots."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[str] = []
        self.charts: list[str] = []
        self.marks: list[str] = []
        self.dots = 0
        self.anchors: set[str] = set()
        self.links: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "tr" and a.get("data-indicator"):
            self.rows.append(a["data-indicator"] or "")
        if tag == "svg" and a.get("data-domain"):
            self.charts.append(a["data-domain"] or "")
        if tag == "g" and a.get("class") == "mark":
            self.marks.append(a.get("data-indicator") or "")
        if tag == "circle" and a.get("class") == "plan":
            self.dots += 1
        if a.get("id"):
            self.anchors.add(a["id"] or "")
        href = a.get("href")
        if tag == "a" and href and href.startswith("#"):
            self.links.add(href[1:])


def _run(browser: str, *args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="policyparse-chromium-") as profile:
        return subprocess.run(
            [browser, *BROWSER_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


def test_html_report_renders_in_headless_chromium() -> None:
    browser = _chromium()
    comparison = policyparse.compare(SAMPLE, against="nq42")
    ARTIFACTS.mkdir(exist_ok=True)
    page = ARTIFACTS / "compare-nq42.html"
    page.write_text(render(comparison, "html"), "utf-8")

    dom = _run(browser, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    census = _Census()
    census.feed(dom.stdout)
    assert census.rows == [r.indicator_id for r in comparison.rows]
    domains = list(dict.fromkeys(r.domain for r in comparison.rows))
    assert census.charts == domains
    charted = [r.indicator_id for r in comparison.rows if isinstance(r.reference_target, Target)]
    assert sorted(census.marks) == sorted(charted)
    dots = [r for r in comparison.rows if isinstance(r.plan_target, Target)]
    assert census.dots == len(dots)
    assert census.links and census.links <= census.anchors  # every value links to its sentence

    shot = ARTIFACTS / "compare-nq42.png"
    shot.unlink(missing_ok=True)
    result = _run(browser, "--window-size=1200,2600", f"--screenshot={shot}", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
