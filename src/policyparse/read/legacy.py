"""Pre-Unicode Vietnamese encodings: TCVN3 (ABC, ``.VnTime``) and VNI Windows (``VNI-Times``).

Old plans typed with these fonts store Vietnamese letters in the Latin-1
range, so read as Windows-1252/1258 they show as mojibake: ``KÕ ho¹ch`` (TCVN3),
``Keá hoaïch`` (VNI) for ``Kế hoạch``. The conversion tables are in
``data/vi/legacy_encodings.toml``, written from the published code charts.

Detection compares candidate readings by how Vietnamese they look: letters
of the Vietnamese alphabet count for a reading, other non-ASCII symbols
(``×``, ``¸``, ``µ``, ``ø``) against it.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import replace
from functools import cache
from importlib import resources

from policyparse.read.blocks import RawDocument

_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền, sắc, hỏi, ngã, nặng
_TYPOGRAPHY = set("“”‘’–—…•°№²³½¼¾€")
_WORD = re.compile(r"\S+")


@cache
def _tables() -> tuple[dict[int, str], dict[int, str]]:
    """(TCVN3 byte → letter, VNI byte → letter or combining marks)."""
    text = (
        resources.files("policyparse").joinpath("data/vi/legacy_encodings.toml").read_text("utf-8")
    )
    data = tomllib.loads(text)
    tcvn3 = {int(byte): letter for letter, byte in data["tcvn3"].items()}
    vni: dict[int, str] = {int(byte): letter for letter, byte in data["vni"]["letters"].items()}
    for case in ("lower", "upper"):
        for byte, tone in zip(data["vni"]["tones"][case], _TONES, strict=True):
            vni[byte] = tone
        for byte, tone in zip(data["vni"]["circumflex"][case], ("", *_TONES), strict=True):
            vni[byte] = "\u0302" + tone
        for byte, tone in zip(data["vni"]["breve"][case], ("", *_TONES), strict=True):
            vni[byte] = "\u0306" + tone
    if len(tcvn3) != len(data["tcvn3"]):
        raise ValueError("legacy_encodings.toml: two TCVN3 letters share a byte")
    return tcvn3, vni


@cache
def vietnamese_letters() -> frozenset[str]:
    letters = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    for letter in _tables()[0].values():
        letters.add(letter)
        letters.add(letter.upper())
    for base in "aeiouyAEIOUY":
        for mark in ("", *_TONES):
            letters.add(unicodedata.normalize("NFC", base + mark))
    return frozenset(letters)


def _byte_of(char: str) -> int | None:
    """The byte a legacy font drew this character from (Latin-1 or Windows-1252 view)."""
    if ord(char) < 256:
        return ord(char)
    try:
        encoded = char.encode("cp1252")
    except UnicodeEncodeError:
        return None
    return encoded[0] if len(encoded) == 1 else None


def _convert(text: str, table: dict[int, str]) -> str:
    out = []
    for char in text:
        byte = _byte_of(char)
        out.append(table.get(byte, char) if byte is not None and byte >= 0x80 else char)
    return unicodedata.normalize("NFC", "".join(out))


def from_tcvn3(text: str) -> str:
    """Read mojibake (or Latin-1 decoded bytes) as TCVN3.

    TCVN3 has no capitals with tone marks: headings were set in the ``.VnTimeH``
    font, which draws the lower-case codes as capitals. A line whose Latin
    letters are (nearly) all capitals is therefore put in capitals.

    >>> from_tcvn3("KÕ ho¹ch")
    'Kế hoạch'
    >>> from_tcvn3("KÕ HO¹CH")
    'KẾ HOẠCH'
    """
    converted = _convert(text, _tables()[0])
    return "\n".join(_capitalise_heading(line) for line in converted.split("\n"))


def _capitalise_heading(line: str) -> str:
    ascii_letters = [c for c in line if c.isascii() and c.isalpha()]
    upper = sum(1 for c in ascii_letters if c.isupper())
    if len(ascii_letters) >= 2 and upper >= 0.8 * len(ascii_letters):
        return line.upper()
    return line


def from_vni(text: str) -> str:
    """Read mojibake (or Latin-1 decoded bytes) as VNI Windows.

    >>> from_vni("Keá hoaïch")
    'Kế hoạch'
    """
    return _convert(text, _tables()[1])


def score(text: str) -> int:
    """How Vietnamese a reading looks.

    Accented letters count for it; stray symbols, and words with more than one
    tone mark (a syllable has one at most), count against it.
    """
    letters = vietnamese_letters()
    good = bad = 0
    for word in _WORD.findall(text):
        toned = sum(1 for c in unicodedata.normalize("NFD", word) if c in _TONES)
        if toned > 1:
            bad += toned
            continue
        for char in word:
            if ord(char) < 128 or char in _TYPOGRAPHY:
                continue
            if char in letters:
                good += 1
            else:
                bad += 1
    return good - 3 * bad


def _looks_garbled(text: str) -> bool:
    letters = vietnamese_letters()
    stray = sum(1 for c in text if ord(c) >= 128 and c not in letters and c not in _TYPOGRAPHY)
    return stray >= max(3, len(text) // 400)


def repair_text(text: str) -> tuple[str, str | None]:
    """``(text, None)`` if it reads as Unicode already, else the best legacy reading and its name.

    >>> repair_text("KÕ ho¹ch thùc hiÖn NghÞ quyÕt sè 42-NQ/TW")
    ('Kế hoạch thực hiện Nghị quyết số 42-NQ/TW', 'tcvn3')
    """
    if not _looks_garbled(unicodedata.normalize("NFC", text)):
        return text, None
    base = score(text)
    readings = [
        (score(r), name, r) for name, r in (("tcvn3", from_tcvn3(text)), ("vni", from_vni(text)))
    ]
    best_score, name, reading = max(readings)
    return (reading, name) if best_score > base else (text, None)


def repair_blocks(raw: RawDocument) -> RawDocument:
    """Convert every block when the document as a whole is TCVN3 or VNI mojibake."""
    joined = "\n".join(b.text for b in raw.blocks)
    _, name = repair_text(joined)
    if name is None:
        return raw
    convert = from_tcvn3 if name == "tcvn3" else from_vni
    blocks = [
        replace(
            b,
            text=convert(b.text),
            cells=tuple(convert(c) for c in b.cells) if b.cells is not None else None,
        )
        for b in raw.blocks
    ]
    return replace(
        raw, blocks=blocks, notes=[*raw.notes, f"converted from the {name.upper()} encoding"]
    )
