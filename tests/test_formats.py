"""The same plans as .txt, .docx (real Word numbering and layout tables) and .pdf (LibreOffice).

The rendered files are in ``corpora/rendered/``, made by ``scripts/render_fixtures.py``:
the sample and ``ubnd-tinh-kh-state`` rendered from their text, and
``ubnd-huyen-kh-bang`` (a target table, a footnote, a landscape ``PHỤ LỤC`` task
table) built directly; its gold is ``tests/gold/formats/ubnd-huyen-kh-bang.json``.

Tests marked ``xfail(strict=True)`` show a reader or extractor bug (named in the
reason); when the bug is fixed they pass, strict xfail turns that into a failure,
and the mark must be removed.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import zipfile
from collections import Counter
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import docx
import pypdfium2 as pdfium
import pytest

import policyparse
from goldset import score_document
from policyparse.export import to_json
from policyparse.model import PlanDocument, Section
from policyparse.read.docx import read_docx

ROOT = Path(__file__).resolve().parent.parent
RENDERED = ROOT / "corpora" / "rendered"
GOLD = ROOT / "tests" / "gold"
TEXT_PLANS = {
    "tinh-uy-kh-nq42": ROOT / "corpora" / "tinh-uy-kh-nq42.txt",
    "ubnd-tinh-kh-state": ROOT / "corpora" / "fixtures" / "ubnd-tinh-kh-state.txt",
}
TABLE_PLAN = "ubnd-huyen-kh-bang"
ALL_PLANS = (*TEXT_PLANS, TABLE_PLAN)
FORMATS = ("docx", "pdf")
MAX_BYTES = 120_000  # keep the committed files small


def _param(*values: Any, mark: Any = None) -> Any:
    return pytest.param(*values, id="-".join(map(str, values)), marks=mark or ())


@cache
def parsed(path: Path) -> PlanDocument:
    return policyparse.parse(path)


def rendered(name: str, fmt: str) -> Path:
    return RENDERED / f"{name}.{fmt}"


def gold_for(name: str) -> dict[str, Any]:
    path = GOLD / "formats" / f"{name}.json" if name == TABLE_PLAN else GOLD / f"{name}.json"
    gold: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return gold


def scores(name: str, path: Path) -> dict[str, Any]:
    return score_document(gold_for(name), to_json(parsed(path)))


def target_facts(doc: PlanDocument) -> list[tuple[Any, ...]]:
    """What a target says, without spans, text or provenance."""
    return [
        (t.indicator, t.comparator, t.value, t.value_max, t.unit, t.year, t.scope, t.change)
        for t in doc.targets
    ]


def task_facts(doc: PlanDocument) -> list[tuple[Any, ...]]:
    return [
        (
            tuple(t.bodies),
            tuple(t.coordinating_bodies),
            t.timeframe.model_dump() if t.timeframe else None,
        )
        for t in doc.tasks
    ]


def walk(sections: list[Section], depth: int = 1) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for s in sections:
        out.append((depth, s.label, s.title, s.kind, s.year))
        out.extend(walk(s.children, depth + 1))
    return out


def paragraphs(doc: PlanDocument) -> list[str]:
    return doc.text.split("\n")


# --------------------------------------------------------------------------- the files


@pytest.mark.parametrize("name", ALL_PLANS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_rendered_file_is_committed_and_small(name: str, fmt: str) -> None:
    path = rendered(name, fmt)
    assert path.is_file(), "run .venv/bin/python scripts/render_fixtures.py"
    assert 0 < path.stat().st_size < MAX_BYTES


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "render_fixtures", ROOT / "scripts" / "render_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fresh_docx_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rendered")
    assert _load_script().main(["--no-pdf", "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("name", ALL_PLANS)
def test_committed_docx_is_what_the_script_writes(name: str, fresh_docx_dir: Path) -> None:
    """The .docx is deterministic: a fresh render has the same parts (the PDF is not checked)."""
    with (
        zipfile.ZipFile(rendered(name, "docx")) as committed,
        zipfile.ZipFile(fresh_docx_dir / f"{name}.docx") as fresh,
    ):
        assert committed.namelist() == fresh.namelist()
        for part in committed.namelist():
            assert committed.read(part) == fresh.read(part), f"{part} is stale: re-run the script"


def test_pdfs_have_several_pages() -> None:
    for name in ALL_PLANS:
        pdf = pdfium.PdfDocument(rendered(name, "pdf"))
        try:
            assert len(pdf) >= 3, name
        finally:
            pdf.close()


# --------------------------------------------------------------------------- (i), (ii)

SAME_AS_TEXT = [_param(name, fmt) for name in TEXT_PLANS for fmt in FORMATS]


@pytest.mark.parametrize(("name", "fmt"), SAME_AS_TEXT)
def test_same_targets_as_text(name: str, fmt: str) -> None:
    expected = target_facts(parsed(TEXT_PLANS[name]))
    assert len(expected) >= 10
    assert target_facts(parsed(rendered(name, fmt))) == expected


@pytest.mark.parametrize(("name", "fmt"), SAME_AS_TEXT)
def test_same_tasks_as_text(name: str, fmt: str) -> None:
    expected = task_facts(parsed(TEXT_PLANS[name]))
    assert len(expected) >= 5
    assert task_facts(parsed(rendered(name, fmt))) == expected


@pytest.mark.parametrize(
    ("name", "fmt"),
    [_param(name, fmt) for name in TEXT_PLANS for fmt in FORMATS],
)
def test_scores_equal_the_texts(name: str, fmt: str) -> None:
    expected = scores(name, TEXT_PLANS[name])
    assert expected["targets_strict"][0] == 1.0  # the text is parsed right, so equal means right
    assert scores(name, rendered(name, fmt)) == expected


@pytest.mark.parametrize(("name", "fmt"), SAME_AS_TEXT)
def test_same_section_tree_as_text(name: str, fmt: str) -> None:
    """Only Word's letters differ: lowerLetter runs a b c d e, Vietnamese a b c d đ."""
    expected = walk(parsed(TEXT_PLANS[name]).sections)
    got = walk(parsed(rendered(name, fmt)).sections)
    assert len(got) == len(expected)
    differences = [(e[1], g[1]) for e, g in zip(expected, got, strict=True) if e != g]
    assert all(e[2:] == g[2:] for e, g in zip(expected, got, strict=True))
    assert differences == ([("đ", "e")] if name == "ubnd-tinh-kh-state" else [])


# --------------------------------------------------------------------------- (iii)

TABLE_TARGET_CASES = [_param("docx"), _param("pdf")]


@pytest.mark.parametrize("fmt", TABLE_TARGET_CASES)
def test_table_plan_targets(fmt: str) -> None:
    result = scores(TABLE_PLAN, rendered(TABLE_PLAN, fmt))
    assert result["targets_strict"][0] >= 0.95


@pytest.mark.parametrize("fmt", [_param("docx"), _param("pdf")])
def test_table_plan_targets_loose(fmt: str) -> None:
    """Indicator, value and year right, comparator and unit aside."""
    result = scores(TABLE_PLAN, rendered(TABLE_PLAN, fmt))
    assert result["targets_loose"][0] >= 0.95


@pytest.mark.parametrize("fmt", [_param("docx"), _param("pdf")])
def test_table_plan_tasks(fmt: str) -> None:
    result = scores(TABLE_PLAN, rendered(TABLE_PLAN, fmt))
    assert result["tasks_body_recall"] == 1.0
    assert result["tasks_full_recall"] == 1.0


@pytest.mark.parametrize("fmt", [_param("docx"), _param("pdf")])
def test_table_plan_metadata(fmt: str) -> None:
    assert scores(TABLE_PLAN, rendered(TABLE_PLAN, fmt))["metadata"] == 1.0


BASELINES = {91.2, 24.0, 7.5, 18.4, 1850.0, 62.0, 4.1, 73.9}  # 2023 column and footnote


@pytest.mark.parametrize("fmt", [_param("docx"), _param("pdf")])
def test_baselines_and_footnote_are_not_targets(fmt: str) -> None:
    doc = parsed(rendered(TABLE_PLAN, fmt))
    assert doc.targets
    assert not [t for t in doc.targets if t.value in BASELINES]


def test_table_targets_come_from_table_rows() -> None:
    doc = parsed(rendered(TABLE_PLAN, "docx"))
    from_table = [t for t in doc.targets if t.span.table is not None]
    assert len(from_table) == 14
    assert {t.year for t in from_table} == {2025, 2030}
    assert all(t.span.row is not None and t.span.cell in (4, 5) for t in from_table)


def test_annex_task_table_is_read_in_the_docx() -> None:
    doc = parsed(rendered(TABLE_PLAN, "docx"))
    from_table = [t for t in doc.tasks if t.span.table is not None]
    assert len(from_table) == 5
    assert [t.bodies[0] for t in from_table[:4]] == [
        "Phòng Y tế",
        "Bảo hiểm xã hội huyện",
        "Phòng Lao động - Thương binh và Xã hội",
        "Ban Quản lý dự án đầu tư xây dựng huyện",
    ]
    assert from_table[0].coordinating_bodies == [
        "Trung tâm Y tế huyện",
        "Phòng Tài chính - Kế hoạch",
    ]


def test_office_of_council_and_committee_is_one_body() -> None:
    doc = parsed(rendered(TABLE_PLAN, "docx"))
    last = [t for t in doc.tasks if t.span.table is not None][-1]
    assert last.bodies == ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"]


# --------------------------------------------------------------------------- (iv) PDF pages


@pytest.mark.parametrize("name", ALL_PLANS)
def test_pdf_target_and_section_spans_carry_pages(name: str) -> None:
    doc = parsed(rendered(name, "pdf"))
    pdf = pdfium.PdfDocument(rendered(name, "pdf"))
    pages = len(pdf)
    pdf.close()
    spans = [t.span for t in doc.targets] + [q.span for q in doc.qualitative_targets]
    spans += [s.span for s in doc.sections]
    assert spans
    assert all(s.page is not None and 1 <= s.page <= pages for s in spans)
    assert len({s.page for s in spans}) >= 2


@pytest.mark.parametrize("name", TEXT_PLANS)
def test_pdf_task_and_citation_spans_carry_pages(name: str) -> None:
    doc = parsed(rendered(name, "pdf"))
    spans = [t.span for t in doc.tasks] + [c.span for c in doc.cited_documents]
    assert spans
    assert all(s.page is not None for s in spans)


def test_docx_spans_have_no_pages_but_table_cells() -> None:
    doc = parsed(rendered(TABLE_PLAN, "docx"))
    assert all(t.span.page is None for t in doc.targets)
    assert any(t.span.table is not None for t in doc.tasks)


def test_pdf_joins_a_paragraph_split_across_pages() -> None:
    """The III.3 bullet runs from page 2 ('định hướng nghề') onto page 3 ('nghiệp cho học sinh')."""
    path = rendered(TABLE_PLAN, "pdf")
    lines = [b.text for b in policyparse.read.read_path(path).blocks]
    assert any(t.endswith("định hướng nghề") for t in lines)
    joined = [p for p in paragraphs(parsed(path)) if "định hướng nghề nghiệp cho học sinh" in p]
    assert len(joined) == 1
    assert joined[0].endswith("trở về địa phương.")


def test_pdf_keeps_a_dash_inside_a_wrapped_paragraph() -> None:
    text = parsed(rendered(TABLE_PLAN, "pdf")).text
    assert "kết nối thông tin cung - cầu lao động" in text


@pytest.mark.parametrize("name", ALL_PLANS)
def test_pdf_running_footers_are_gone(name: str) -> None:
    doc = parsed(rendered(name, "pdf"))
    assert "Trang" not in doc.text
    assert not [p for p in paragraphs(doc) if re.fullmatch(r"\d{1,2}", p)]


# --------------------------------------------------------------------------- (v) numbering

MARKER = re.compile(r"^\s*(?:[IVX]+\s*[.\-/)]|\d{1,2}\s*[.)]|[a-zđ]\)|[-+•])\s")
EXPECTED_LABELS = {
    "tinh-uy-kh-nq42": {"I -", "II -", "III -", "IV -", "1.", "5.", "-"},
    "ubnd-tinh-kh-state": {"I.", "II.", "III.", "IV.", "1.", "7.", "a)", "e)", "-"},
    TABLE_PLAN: {"I.", "II.", "III.", "IV.", "1.", "4.", "-"},
}


def _docx_paragraphs(path: Path) -> list[Any]:
    document = docx.Document(str(path))
    found = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(cell.paragraphs)
    return found


@pytest.mark.parametrize("name", ALL_PLANS)
def test_docx_text_carries_no_numbering_markers(name: str) -> None:
    paras = _docx_paragraphs(rendered(name, "docx"))
    numbered = [p for p in paras if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert len(numbered) >= 15
    assert [p.text for p in paras if MARKER.match(p.text)] == []


@pytest.mark.parametrize("name", ALL_PLANS)
def test_docx_reader_rebuilds_the_labels(name: str) -> None:
    labels = Counter(b.label for b in read_docx(rendered(name, "docx")).blocks if b.label)
    assert EXPECTED_LABELS[name] <= set(labels)
    roman = [lab for lab in labels if re.fullmatch(r"[IVX]+\s*[.\-]", lab)]
    assert len(roman) == 4 and all(labels[lab] == 1 for lab in roman)


def test_numbered_headings_read_back_as_printed_in_the_text() -> None:
    text = TEXT_PLANS["tinh-uy-kh-nq42"].read_text("utf-8")
    doc = parsed(rendered("tinh-uy-kh-nq42", "docx"))
    for line in ("I - MỤC ĐÍCH, YÊU CẦU", "IV - NHIỆM VỤ CỤ THỂ", "1. Ban Tuyên giáo Tỉnh ủy"):
        assert line in text
        assert line in paragraphs(doc)
