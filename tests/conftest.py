"""Shared test configuration.

Some tests drive external programs that `.ci/run` installs from Debian
(LibreOffice, tesseract with Vietnamese data, Chromium). They are marked
``external``; when a program is missing they fail with the install line,
never skip: deselect them explicitly with ``-m "not external"`` if you must.
"""

from __future__ import annotations

import shutil

import pytest

PROGRAMS = {
    "soffice": "apt-get install -y libreoffice-writer-nogui",
    "tesseract": "apt-get install -y tesseract-ocr tesseract-ocr-vie",
}


def require_program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: {PROGRAMS.get(name, name)} (see .ci/run)")
    return found


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "external: needs a program that .ci/run installs with apt-get"
    )
