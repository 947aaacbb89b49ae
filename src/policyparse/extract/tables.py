"""Targets and tasks from tables (docx tables, PDF tables, ``a | b | c`` text rows).

A table is a run of paragraphs that carry ``cells``. Its header row names the
role of each column (``tables.toml`` and the task record labels of
``bodies.toml``):

* a **target table** has an indicator column and one or more year columns
  (``STT | Chỉ tiêu | Đơn vị tính | Thực hiện 2023 | Năm 2025 | Năm 2030``):
  every non-empty cell under a year gives one target for that year; baseline
  columns (``Thực hiện 2023``) are skipped;
* a **task table** has a lead-body column
  (``Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành``):
  every row gives one task.

A cell is read by the same rules as a sentence: ``≥ 95``, ``dưới 3``,
``35 - 40`` and the unit column supply comparator, value and unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from policyparse.extract.numbers import NUMBER, multiplier_pattern
from policyparse.extract.spans import span_of
from policyparse.extract.targets import Clause, patterns, targets_in_clause
from policyparse.extract.tasks import split_bodies
from policyparse.extract.timeframes import find_timeframe
from policyparse.langdata import vi
from policyparse.model import Target, Task, Timeframe
from policyparse.normalize import Paragraph

_LABEL_UNIT = re.compile(r"\s*\((?P<unit>[^()]{1,25})\)\s*$")  # "... (%)", "... (người)"
_DIGITS = re.compile(r"\d(?:[\d.,]*\d)?")  # a printed figure, however it is punctuated
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass(slots=True)
class Columns:
    """What each column of a table holds."""

    indicator: int | None = None
    unit: int | None = None
    years: dict[int, int] = field(default_factory=dict)  # column → year
    task: int | None = None
    lead: int | None = None
    coordinating: int | None = None
    timeframe: int | None = None

    @property
    def is_target_table(self) -> bool:
        return self.indicator is not None and bool(self.years)

    @property
    def is_task_table(self) -> bool:
        return self.lead is not None


@cache
def _header_words() -> dict[str, list[str]]:
    t = vi().tables
    labels = vi().bodies.record_labels
    return {
        "lead": labels.lead,
        "coordinating": labels.coordinating,
        "timeframe": vi().timeframes.labels,
        "task": labels.task,
        "unit": t.unit,
        "indicator": t.indicator,
    }


def column_roles(cells: tuple[str, ...]) -> Columns:
    """Name the role of each column from a header row."""
    columns = Columns()
    baseline = vi().tables.baseline_words
    for i, raw in enumerate(cells):
        cell = raw.lower().strip(" :.*")
        year = _YEAR.search(cell)
        if year and not any(word in cell for word in baseline):
            columns.years[i] = int(year[1])
            continue
        for role, words in _header_words().items():
            if any(cell.startswith(w) for w in words) and getattr(columns, role) is None:
                setattr(columns, role, i)
                break
    return columns


def group_tables(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    """Consecutive table rows, split where the source table changes.

    A short line without figures between two rows is the first part of the
    next row's label, wrapped in a text table ("Tỷ lệ lực lượng lao động trong
    độ tuổi" / "tham gia BHXH (%)   27,6   30,5"): it is joined to that label.
    """
    tables: list[list[Paragraph]] = []
    previous: Paragraph | None = None
    label_start: Paragraph | None = None
    for para in paragraphs:
        if para.cells is None:
            wrapped_label = previous is not None and para.index == previous.index + 1
            label_start = para if wrapped_label and _is_label_part(para.text) else None
            previous = previous if label_start is not None else None
            continue
        if label_start is not None and para.index == label_start.index + 1:
            para = _prefix_label(para, label_start.text)
        label_start = None
        if tables and previous is not None and _continues(previous, para):
            # "4 | Rà soát ... thuộc hộ | Phòng Lao động - Tiền lương - | ... | Trước ngày"
            # / " | nghèo, hộ cận nghèo ... | Bảo hiểm xã hội | ... | 30/9/2024": one row.
            previous = _merge_rows(previous, para)
            tables[-1][-1] = previous
            continue
        same = (
            previous is not None
            and para.index <= previous.index + 2
            and para.provenance.table == previous.provenance.table
        )
        if same:
            tables[-1].append(para)
        else:
            tables.append([para])
        previous = para
    return tables


def _continues(previous: Paragraph, row: Paragraph) -> bool:
    """A row with an empty first cell whose text goes on in lower case: the wrapped
    rest of the row above (a sub-row, "- Khu vực thành thị", starts otherwise)."""
    assert row.cells is not None and previous.cells is not None
    filled = [c for c in row.cells if c]
    return (
        row.index == previous.index + 1
        and len(row.cells) == len(previous.cells)
        and row.cells[0] == ""
        and bool(filled)
        and filled[0][:1].islower()
    )


def _merge_rows(previous: Paragraph, row: Paragraph) -> Paragraph:
    assert row.cells is not None and previous.cells is not None
    cells = tuple(f"{a} {b}".strip() for a, b in zip(previous.cells, row.cells, strict=True))
    return replace(previous, cells=cells, end=row.end)


def _is_label_part(text: str) -> bool:
    return len(text.split()) <= 14 and not any(c.isdigit() for c in text) and "\t" not in text


def _prefix_label(row: Paragraph, prefix: str) -> Paragraph:
    assert row.cells is not None
    cells = list(row.cells)
    first = next((i for i, c in enumerate(cells) if any(ch.isalpha() for ch in c)), 0)
    cells[first] = f"{prefix} {cells[first]}".strip()
    return replace(row, cells=tuple(cells))


def _cell(cells: tuple[str, ...], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    text = cells[index].strip()
    return "" if text.lower() in vi().tables.empty_cells else text


def _header_index(rows: list[Paragraph]) -> tuple[int, Columns] | None:
    """The first of the top rows that reads as a target or task header."""
    for i, row in enumerate(rows[:3]):
        assert row.cells is not None
        columns = column_roles(row.cells)
        if columns.is_target_table or columns.is_task_table:
            return i, columns
    return None


def table_targets(rows: list[Paragraph]) -> list[Target]:
    found = _header_index(rows)
    if found is None or not found[1].is_target_table:
        return []
    start, columns = found
    targets: list[Target] = []
    for row in rows[start + 1 :]:
        assert row.cells is not None
        indicator = _cell(row.cells, columns.indicator)
        unit = _cell(row.cells, columns.unit)
        if not indicator:
            continue
        if not unit:
            indicator, unit = _unit_in_label(indicator)
        for column, year in sorted(columns.years.items()):
            value = _cell(row.cells, column)
            if not value or not any(c.isdigit() for c in value):
                continue
            if unit and not states_unit(value):
                value = with_unit(value, unit)
            clause = Clause(f"{indicator} đạt {value}", row.start)
            for target in targets_in_clause(clause, year, row.index):
                target.year = year
                target.indicator = indicator
                target.text = row.text
                target.span = span_of(row, cell=column)
                targets.append(target)
    return targets


def _unit_in_label(label: str) -> tuple[str, str]:
    """``Tỷ lệ dân số tham gia BHYT (%)`` → (``Tỷ lệ dân số tham gia BHYT``, ``%``)."""
    m = _LABEL_UNIT.search(label)
    if m and patterns().unit.fullmatch(m["unit"]):
        return label[: m.start()].rstrip(), m["unit"]
    return label, ""


def states_unit(cell: str) -> bool:
    """Whether a value cell prints its own unit (``95%``), not only a figure and
    comparator words (``không quá 3``, ``≥ 95``)."""
    p = patterns()
    for m in NUMBER.finditer(cell):
        if p.unit.match(cell, m.end()) or p.per_population_at.match(cell, m.end()):
            return True
    return False


def with_unit(cell: str, unit: str) -> str:
    """Put the unit column's unit right after the cell's last figure.

    >>> with_unit("từ 72 trở lên", "%")
    'từ 72 % trở lên'
    >>> with_unit("35-38", "%")
    '35-38 %'
    >>> with_unit("12 nghìn", "người")
    '12 nghìn người'
    """
    figures = list(_DIGITS.finditer(cell))
    if not figures:
        return cell
    end = figures[-1].end()
    multiplier = multiplier_pattern().match(cell, end)  # "12 nghìn": the unit follows the word
    if multiplier:
        end = multiplier.end()
    return f"{cell[:end]} {unit}{cell[end:]}"


def _timeframe(text: str) -> Timeframe | None:
    if not text:
        return None
    return find_timeframe(text) or Timeframe(text=text, kind=None)


def table_tasks(rows: list[Paragraph]) -> list[Task]:
    found = _header_index(rows)
    if found is None or not found[1].is_task_table:
        return []
    start, columns = found
    tasks: list[Task] = []
    for row in rows[start + 1 :]:
        assert row.cells is not None
        lead = _cell(row.cells, columns.lead)
        if not lead:
            continue
        action = _cell(row.cells, columns.task)
        timeframe_text = _cell(row.cells, columns.timeframe)
        tasks.append(
            Task(
                bodies=split_bodies(lead),
                coordinating_bodies=split_bodies(_cell(row.cells, columns.coordinating)),
                actions=[action] if action else [],
                timeframe=_timeframe(timeframe_text),
                text=row.text,
                span=span_of(row),
            )
        )
    return tasks
