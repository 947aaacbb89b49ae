"""Word 97-2003 .doc: converted to .docx by LibreOffice (headless), then read as .docx.

LibreOffice is optional. Each conversion runs with its own throw-away profile
(``-env:UserInstallation``), so parallel conversions do not fight over one,
and with a time limit.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from policyparse.errors import CorruptFileError, UnsupportedFormatError
from policyparse.read.blocks import RawDocument

CONVERT_TIMEOUT_SECONDS = 120
_SOFFICE_NAMES = ("soffice", "libreoffice")


def find_soffice() -> str | None:
    for name in _SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_docx(path: Path, workdir: Path, timeout: float = CONVERT_TIMEOUT_SECONDS) -> Path:
    """Convert ``path`` (a .doc) into ``workdir``; the .docx path, or a typed error."""
    soffice = find_soffice()
    if soffice is None:
        raise UnsupportedFormatError(
            "a Word 97-2003 .doc needs LibreOffice to be read "
            "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui)",
            path,
        )
    source = workdir / "input.doc"
    shutil.copyfile(path, source)
    profile = (workdir / "profile").as_uri()
    command = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "docx",
        "--outdir",
        str(workdir / "out"),
        str(source),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise CorruptFileError(
            f"LibreOffice did not convert the file within {timeout:g} s", path
        ) from None
    result = workdir / "out" / "input.docx"
    if not result.is_file():
        raise CorruptFileError("LibreOffice could not convert the file (damaged .doc?)", path)
    return result


def _mostly_latin(text: str) -> bool:
    """Whether most letters are Latin script (Vietnamese is), not CJK or other noise."""
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if c < "\u0250" or "\u1e00" <= c <= "\u1eff")
    return not letters or latin >= 0.7 * len(letters)


def read_doc(path: Path) -> RawDocument:
    from policyparse.read.docx import read_docx

    with tempfile.TemporaryDirectory(prefix="policyparse-doc-") as tmp:
        converted = read_docx(convert_to_docx(path, Path(tmp)))
    if not _mostly_latin(" ".join(b.text for b in converted.blocks)):
        # LibreOffice's fallback import turns an undecodable OLE file into CJK noise.
        raise CorruptFileError(
            "LibreOffice could not read the .doc (its text is not Latin script)", path
        )
    return replace(
        converted,
        format="doc",
        path=str(path),
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        notes=[*converted.notes, "converted from .doc with LibreOffice"],
    )
