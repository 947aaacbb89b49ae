"""TCVN3 (ABC) and VNI Windows text: detected and converted to Unicode."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

import policyparse
from policyparse.read.legacy import _tables, from_tcvn3, from_vni, repair_text
from policyparse.read.txt import decode_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "tinh-uy-kh-nq42.txt"


@pytest.mark.parametrize(
    ("mojibake", "unicode"),
    [
        ("B¶o Th¾ng", "Bảo Thắng"),  # published examples of TCVN3 place names
        ("M\xadêng Kh\xad\xacng", "Mường Khương"),
        ("Ninh B×nh", "Ninh Bình"),
        ("§¶ng Céng s¶n ViÖt Nam", "Đảng Cộng sản Việt Nam"),
    ],
)
def test_tcvn3_strings(mojibake: str, unicode: str) -> None:
    assert from_tcvn3(mojibake) == unicode


@pytest.mark.parametrize(
    ("mojibake", "unicode"),
    [
        ("Xin chaøo caùc baïn", "Xin chào các bạn"),
        ("Keá hoaïch thöïc hieän", "Kế hoạch thực hiện"),
        ("ÑAÛNG COÄNG SAÛN VIEÄT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
        ("Nghò quyeát soá 42", "Nghị quyết số 42"),
    ],
)
def test_vni_strings(mojibake: str, unicode: str) -> None:
    assert from_vni(mojibake) == unicode


def _to_tcvn3(text: str) -> bytes:
    """Encode as a .VnTime/.VnTimeH file would: toned capitals use the lower-case codes."""
    code = {letter: byte for byte, letter in _tables()[0].items()}
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        if char in code:
            out.append(code[char])
        elif char.lower() in code:
            out.append(code[char.lower()])
        else:
            out.extend(char.replace("²", "2").encode("ascii", errors="strict"))
    return bytes(out)


def _comparable(doc: policyparse.PlanDocument) -> tuple[object, ...]:
    return (
        [(t.indicator.lower(), t.comparator, t.value, t.unit, t.year) for t in doc.targets],
        [(tuple(b.lower() for b in t.bodies), t.timeframe and t.timeframe.kind) for t in doc.tasks],
        doc.metadata.doc_type,
        doc.metadata.signer.name if doc.metadata.signer else None,
    )


def test_a_tcvn3_file_parses_like_its_unicode_original(tmp_path: Path) -> None:
    text = SAMPLE.read_text("utf-8")
    path = tmp_path / "tcvn3.txt"
    path.write_bytes(_to_tcvn3(text))
    decoded, encoding = decode_text(path.read_bytes())
    assert encoding == "tcvn3"
    assert "Ban Thường vụ Tỉnh ủy" in decoded
    assert _comparable(policyparse.parse(path)) == _comparable(policyparse.parse(SAMPLE))


def test_unicode_text_is_left_alone() -> None:
    text = SAMPLE.read_text("utf-8")
    assert repair_text(text) == (text, None)
