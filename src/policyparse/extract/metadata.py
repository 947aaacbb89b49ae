"""Metadata from the header block, the preamble and the closing block."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from policyparse.extract.references import DOC_NUMBER, abbreviation_type, parse_date
from policyparse.langdata import alternation, vi
from policyparse.model import Metadata, Recipient, Signer
from policyparse.normalize import Paragraph
from policyparse.segment import Layout

# A Party committee heading the header, and a body advising it, in capitals.
_PARTY_COMMITTEE = re.compile(r"^(?:TỈNH|THÀNH|HUYỆN|QUẬN|THỊ|ĐẢNG) ỦY(?: KHỐI)?")
_ADVISORY_BODY = re.compile(r"^(?:BAN |VĂN PHÒNG|ỦY BAN KIỂM TRA)")
# A standing body named under its parent body: "ỦY BAN MTTQ ... / TỈNH X / BAN THƯỜNG TRỰC".
_STANDING_BODY = re.compile(r"^(?:BAN THƯỜNG TRỰC|BAN THƯỜNG VỤ|THƯỜNG TRỰC)$")
_CELL_SPLIT = re.compile(r"\t|\s\|\s")
_SEPARATOR = re.compile(r"^[\s\-_=*~.]*$")
_PLACE_DATE = re.compile(
    r"""^(?P<place>[^\W\d_][^,]{1,40}?)\s*,\s*     # Quảng Trị,
        (?P<date>ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}  # ngày 20 tháng 02 năm 2024
          | ngày\s+\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4})\s*$       # ngày 20/02/2024
    """,
    re.VERBOSE | re.IGNORECASE,
)
_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s+){1,5}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*$")
_SIGNATURE_NOTE = re.compile(
    r"^\((?:đã ký|ký|ký tên|ký, đóng dấu|ký và đóng dấu)[^)]*\)$", re.IGNORECASE
)
_TRAILING_NOTE = re.compile(r"\s*\((?P<note>[^()]+)\)\s*$")


@dataclass(slots=True)
class Header:
    """What the header block says, cell by cell."""

    # The issuer lines cut at separators ("*", "-----"): one block per issuing body
    # of a joint (liên tịch) document.
    issuer_blocks: list[list[str]] = field(default_factory=lambda: [[]])
    number: str | None = None
    place: str | None = None
    date_text: str | None = None

    @property
    def issuer_lines(self) -> list[str]:
        return [line for block in self.issuer_blocks for line in block]


def header_cells(paragraphs: list[Paragraph]) -> list[str]:
    """The header's cells in reading order (a flattened two-column line gives two cells)."""
    cells: list[str] = []
    for para in paragraphs:
        parts = para.cells if para.cells is not None else tuple(_CELL_SPLIT.split(para.text))
        cells.extend(p.strip() for p in parts if p.strip())
    return cells


_NUMBER_GAP = re.compile(r"(?<=\d)\s+/\s*|\s*/\s+(?=[A-ZĐ])")


@cache
def _number_line() -> re.Pattern[str]:
    prefixes = alternation(vi().header.number_prefixes)
    return re.compile(rf"^(?:{prefixes})\s*:?\s*(?P<rest>.+)$", re.IGNORECASE)


def read_header(paragraphs: list[Paragraph]) -> Header:
    header = Header()
    national = {h.upper() for h in vi().header.national_headings}
    mottos = {m.lower() for m in vi().header.mottos}
    for cell in header_cells(paragraphs):
        if cell.upper() in national:
            continue
        if _SEPARATOR.match(cell) and header.issuer_blocks[-1]:
            header.issuer_blocks.append([])
        if cell.lower() in mottos or _SEPARATOR.match(cell):
            continue
        number = _number_line().match(cell)
        # "Số: 156 /KH-UBND": the blank left for the number is often not closed up.
        rest = _NUMBER_GAP.sub("/", number["rest"]) if number else ""
        found = DOC_NUMBER.search(rest)
        if found and header.number is None:
            header.number = found["number"]
            continue
        place_date = _PLACE_DATE.match(cell)
        if place_date:
            header.place = place_date["place"].strip()
            header.date_text = place_date["date"]
            continue
        if _is_upper(cell):
            header.issuer_blocks[-1].append(cell)
    return header


_JOINT_NUMBER = re.compile(r"-[A-ZĐ]*LT/|/[A-ZĐ]*LT-")  # 07-HDLT/..., 12/2024/TTLT-...


def joint_issuer(header: Header) -> str | None:
    """All issuers of a joint document (its number says ``LT``, liên tịch), joined by
    ``và``; None for a document of one issuer."""
    if header.number is None or not _JOINT_NUMBER.search(header.number):
        return None
    names = [name for block in header.issuer_blocks if (name := issuer_from_header(block))]
    return " và ".join(names) if len(names) > 1 else None


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def recase(name: str) -> str:
    """Turn a name printed in capitals into normal case.

    >>> recase("ỦY BAN NHÂN DÂN TỈNH SƠN HÀ")
    'Ủy ban nhân dân tỉnh Sơn Hà'
    >>> recase("BAN THƯỜNG VỤ TỈNH ỦY")
    'Ban Thường vụ Tỉnh ủy'
    """
    data = vi().bodies
    common = set(data.common_words)
    words = name.lower().split()
    out = [w if w in common else w[:1].upper() + w[1:] for w in words]
    if out:
        out[0] = out[0][:1].upper() + out[0][1:]
    text = " ".join(out)
    for fixed in data.fixed_casing:
        text = re.sub(rf"(?<!\w){re.escape(fixed)}(?!\w)", fixed, text, flags=re.IGNORECASE)
    # "Tỉnh ủy", "Huyện ủy": the committee's own name takes a capital.
    return re.sub(r"(?<=\s)(tỉnh|huyện|thành|thị|quận) ủy\b", lambda m: m[0].capitalize(), text)


def recase_position(position: str) -> str:
    """``PHÓ BÍ THƯ`` → ``Phó Bí thư``; ``CHỦ TỊCH`` → ``Chủ tịch``."""
    words = position.lower().split()
    if not words:
        return position
    if words[0] == "phó" and len(words) > 1:
        return "Phó " + words[1].capitalize() + "".join(" " + w for w in words[2:])
    return words[0].capitalize() + "".join(" " + w for w in words[1:])


def issuer_from_header(lines: list[str]) -> str | None:
    """The issuing body from the header's left column.

    A parent line (``ĐẢNG BỘ TỈNH ...``, ``UBND TỈNH ...``) above a body's own
    name is dropped; a place line (``TỈNH SƠN HÀ``) below ``ỦY BAN NHÂN DÂN``
    completes it.
    """
    if not lines:
        return None
    heads = [h.upper() for h in vi().bodies.heads]
    last = lines[-1]
    if len(lines) > 1 and not any(last.startswith(h) for h in heads):
        return recase(f"{lines[-2]} {last}")
    if len(lines) > 1 and _PARTY_COMMITTEE.match(lines[-2]) and _ADVISORY_BODY.match(last):
        # "TỈNH ỦY ĐÔNG HẢI" / "BAN TUYÊN GIÁO": the Ban Tuyên giáo of that Tỉnh ủy.
        return recase(f"{last} {lines[-2]}")
    parent = issuer_from_header(lines[:-1]) if _STANDING_BODY.match(last) else None
    if parent:
        return f"{recase(last)} {parent}"  # "Ban Thường trực Ủy ban Mặt trận ... tỉnh X"
    return recase(last)


@cache
def _preamble_issuer() -> re.Pattern[str]:
    verbs = alternation(vi().header.issuing_verbs)
    types = alternation(list(vi().documents.types))
    return re.compile(
        rf"(?:^|[,;)]\s*)(?P<issuer>[A-ZĐÀ-Ỹ][^,;()]*?)\s+(?:{verbs})\s+(?:{types})",
    )


def issuer_from_preamble(paragraphs: list[Paragraph]) -> str | None:
    """``Ban Thường vụ Tỉnh ủy ban hành Kế hoạch ...`` → ``Ban Thường vụ Tỉnh ủy``."""
    heads = tuple(vi().bodies.heads)
    for para in paragraphs:
        for m in _preamble_issuer().finditer(para.text):
            issuer = m["issuer"].strip()
            if issuer.startswith(heads):
                return issuer
    return None


def combine_issuers(header: str | None, preamble: str | None) -> str | None:
    """Prefer the more specific name: ``Ban Thường vụ Tỉnh ủy`` + ``Tỉnh ủy Quảng Trị``."""
    if header and preamble:
        h, p = header.lower(), preamble.lower()
        if p in h:
            return header
        words = header.split()
        for cut in range(len(words), 0, -1):
            stem = " ".join(words[:cut]).lower()
            if p.endswith(stem):
                return preamble + "".join(" " + w for w in words[cut:])
        return header
    return header or preamble


def closing_columns(closing: list[Paragraph]) -> tuple[list[str], list[str]]:
    """Split the closing block into its left and right columns.

    Nơi nhận sits bottom left and the signature bottom right; flattened text
    puts them on one line separated by a tab. Lines without a gap belong to
    the left stream (the reader decides later what they are).
    """
    left: list[str] = []
    right: list[str] = []
    for para in closing:
        cells = list(para.cells) if para.cells is not None else para.text.split("\t")
        cells = [c.strip() for c in cells if c.strip()]
        if cells:
            left.append(cells[0])
            right.extend(cells[1:])
    return left, right


def read_recipients(lines: list[str]) -> tuple[list[Recipient], list[str]]:
    """Every entry of the Nơi nhận list (the ``Lưu`` line included), and the lines left over."""
    heading = re.compile(
        rf"^(?:{alternation(vi().header.recipients_heading)})\s*:?\s*", re.IGNORECASE
    )
    storage = vi().header.storage_prefix
    recipients: list[Recipient] = []
    rest: list[str] = []
    state = "before"  # before the list, inside it, after it
    for line in lines:
        m = heading.match(line)
        if state == "before" and m:
            state = "inside"
            line = line[m.end() :]
            if not line:
                continue
        if state != "inside":
            rest.append(line)
            continue
        is_entry = line.startswith(("-", "+", "*")) or not (
            _is_upper(line) or _authority().match(line) or _NAME.match(line)
        )
        if not is_entry:
            state = "after"
            rest.append(line)
            continue
        recipients.extend(_recipient_entries(line))
        if line.lstrip("-+* ").startswith(storage):
            state = "after"
    return recipients, rest


def _recipient_entries(text: str) -> list[Recipient]:
    name = text.lstrip("-+* ").rstrip(" ,;.")
    if not name:
        return []
    note = None
    m = _TRAILING_NOTE.search(name)
    if m and m.start() > 0:
        note = m["note"].strip()
        name = name[: m.start()].rstrip(" ,;")
    return [Recipient(name=name, note=note)]


@cache
def _authority() -> re.Pattern[str]:
    return re.compile(
        rf"^(?P<mark>{alternation(vi().header.authority_marks)})(?:\s+(?P<rest>.*))?$"
    )


def read_signer(lines: list[str]) -> Signer | None:
    """The signature block: authority mark(s), position, name.

    Of several complete blocks (a joint document signed by each body) the last is
    taken: the lead body signs on the right (Nghị định 30/2020/NĐ-CP), which comes
    last when the columns are flattened.
    """
    authority = on_behalf = position = name = None
    for line in lines:
        m = _authority().match(line)
        if m and name is not None:
            name = None  # a second signature block begins
        if m and name is None:
            authority = m["mark"]
            on_behalf = (m["rest"] or "").strip() or None
            position = None
            continue
        if _SIGNATURE_NOTE.match(line):
            continue
        if _is_upper(line) and name is None:
            if position is None or authority is None:
                position = line
            continue
        if position is not None and name is None and _NAME.match(line):
            name = line
    if authority is None and position is None and name is None:
        return None
    return Signer(
        name=name,
        position=recase_position(position) if position else None,
        authority=authority,
        on_behalf_of=on_behalf,
    )


def read_metadata(layout: Layout) -> Metadata:
    header = read_header(layout.header)
    issuer = joint_issuer(header) or combine_issuers(
        issuer_from_header(header.issuer_lines), issuer_from_preamble(layout.preamble)
    )
    doc_type = layout.doc_type_text
    if doc_type is None and header.number:
        doc_type = abbreviation_type(header.number)
    title = " ".join(p.text for p in layout.title) or None
    left, right = closing_columns(layout.closing)
    recipients, leftover = read_recipients(left)
    signer = read_signer(right + leftover)
    if issuer is None and signer and signer.on_behalf_of:
        issuer = recase(signer.on_behalf_of)
    metadata = Metadata(
        doc_type=doc_type,
        number=header.number,
        issued_date=parse_date(header.date_text) if header.date_text else None,
        place=header.place,
        issuer=issuer,
        title=title,
        signer=signer,
        recipients=recipients,
    )
    return metadata
