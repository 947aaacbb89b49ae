"""Segment normalised paragraphs into the parts of a plan.

A plan is: a header block (issuer, số và ký hiệu, place and date, type name,
trích yếu), a body (preamble, then a tree of numbered headings), and a closing
(Nơi nhận list and signature block). Segmenting only finds these parts; it
reads no values out of them (that is ``extract``).

The heading hierarchy is declared once, in :data:`HEADING_MARKERS`: an ordered
table of marker families. Levels are not fixed per family: the first family
seen becomes the top level, a family not yet open nests under the current
heading, and a family already open closes everything below it. That one rule
covers Party (``I -`` → ``1.`` → ``a)``) and State (``I.`` → ``1.`` → ``a)``)
numbering, ``Phần I`` / ``A.`` / ``1.1.`` variants and skipped levels.
Bullets (``-``, ``+``) are paragraphs of the enclosing heading, not headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policyparse.langdata import alternation, vi
from policyparse.model import SectionKind
from policyparse.normalize import NormalizedText, Paragraph

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_UPPER = "A-ZĐÀ-ỸẠ-Ỹ"
_LETTER_TITLE = r"(?=[^\W\d_])"  # a heading title starts with a letter


@dataclass(frozen=True, slots=True)
class Marker:
    """One family of heading numbering: its name and the regex that reads it."""

    family: str
    pattern: re.Pattern[str]


def _marker(family: str, regex: str) -> Marker:
    return Marker(family, re.compile(regex, re.VERBOSE))


# Ordered: the first family whose pattern matches a paragraph names its marker.
HEADING_MARKERS: tuple[Marker, ...] = (
    _marker(
        "part",
        r"""^(?:PHẦN|Phần)\s+
            (?P<label>THỨ\s+[^\s:.]+|Thứ\s+[^\s:.]+|[IVX]+|\d+)  # Phần I / PHẦN THỨ NHẤT
            \s*[.:\-]?\s*(?P<title>.*)$""",
    ),
    _marker(
        "chapter",
        r"""^(?:CHƯƠNG|Chương)\s+(?P<label>[IVX]+|\d+)\s*[.:\-]?\s*(?P<title>.*)$""",
    ),
    _marker(
        "article",
        r"""^Điều\s+(?P<label>\d+)\s*[.:]\s*(?P<title>.*)$""",
    ),
    _marker(
        "roman",
        rf"""^(?P<label>(?=[IVX]){_ROMAN})  # I, II, IV ... (not empty)
            \s*[.\-/)]\s*                   # I.  I -  I-  I/  I)
            {_LETTER_TITLE}(?P<title>.+)$""",
    ),
    _marker(
        "upper_letter",
        rf"""^(?P<label>[A-ZĐ])\s*[.\-/)]\s+  # A.  B-
            (?P<title>[{_UPPER}][{_UPPER}\d\s,.\-]+)$  # a title in capitals (and figures) only
        """,
    ),
    _marker(
        "decimal",
        r"""^(?P<label>\d{1,2}(?:\.\d{1,2})+)\.?\s+  # 1.1.  1.2.3
            (?=[^\W\d_])(?P<title>.+)$""",
    ),
    _marker(
        "arabic",
        r"""^(?P<label>\d{1,3})
            (?:\s*(?:[.)]|[\-/](?=\s))\s*(?=[^\W\d_])  # 1. Tỷ lệ  1) ...  1- Về (not 42-NQ/TW)
              |[.)\-]\s+(?=\d+(?:,\d+)?\s*%))     # 8- 100% hộ gia đình (a figure after the label)
            (?P<title>.+)$""",
    ),
    _marker(
        "letter",
        r"""^(?P<label>[a-zđ])\s*[).\-]\s+  # a)  a.  đ)  a-
            (?P<title>.+)$""",
    ),
)

_BULLET = re.compile(r"^(?P<bullet>[-+*])\s*(?P<rest>.*)$")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_MAX_TITLE_LINE = 160
_MAX_HEADING_WORDS = 16
_PAREN_STYLE = re.compile(r"^[\dA-Za-zđ]{1,3}\)")
_ASIDE = re.compile(r"\([^()]*\)")
_BASELINE_BEFORE = re.compile(r"(?i)so với(?:\s+(?:cuối|đầu))?(?:\s+năm)?\s*$")
_SEPARATOR = re.compile(r"^[\s\-_=*~.]+$")
_ANNEX = re.compile(r"^(?:PHỤ LỤC|Phụ lục)(?:\s+[IVX\d]+)?(?!\w)")


@dataclass(slots=True)
class Node:
    """A heading and what it holds, before extraction turns it into a Section."""

    family: str
    label: str | None
    title: str
    paragraph: Paragraph
    kind: SectionKind = SectionKind.OTHER
    year: int | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    title_paragraph: Paragraph | None = None  # when the title stands on the next line

    @property
    def title_para(self) -> Paragraph:
        """The paragraph whose text ends with the title."""
        return self.title_paragraph or self.paragraph

    @property
    def title_start(self) -> int:
        """Offset of the title in the normalised text."""
        para = self.title_para
        return para.start + len(para.text) - len(self.title)

    def ancestors(self) -> list[Node]:
        chain: list[Node] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    def walk(self) -> list[Node]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    def own_paragraphs(self) -> list[Paragraph]:
        """The heading's paragraph and its content paragraphs (not the children's)."""
        return [self.paragraph, *self.paragraphs]

    def last_paragraph(self) -> Paragraph:
        last = self.paragraphs[-1] if self.paragraphs else self.paragraph
        for child in self.children:
            tail = child.last_paragraph()
            if tail.index > last.index:
                last = tail
        return last


@dataclass(slots=True)
class Layout:
    """The parts of a plan, each a run of paragraphs."""

    header: list[Paragraph]
    type_line: Paragraph | None
    doc_type_text: str | None
    title: list[Paragraph]
    preamble: list[Paragraph]
    sections: list[Node]
    closing: list[Paragraph]
    body_end: int  # index of the first paragraph after the body (the closing's start)
    annex: list[Node] = field(default_factory=list)  # PHỤ LỤC after the signature


def match_heading(
    paragraph: Paragraph, previous_upper_letter: str | None
) -> tuple[str, str | None, str] | None:
    """``(family, label, title)`` when the paragraph opens a heading, else None."""
    text = paragraph.text
    if paragraph.cells is not None:
        return None
    for marker in HEADING_MARKERS:
        m = marker.pattern.match(text)
        if not m:
            continue
        family, label = marker.family, _ordinal_label(m["label"])
        if family in ("arabic", "letter") and _PAREN_STYLE.match(text):
            family += ")"  # "1)" items nest under "1." items: another level, not siblings
        title = m["title"].strip()
        # "C." after "B." is a letter, not the Roman hundred; so is "I." after "H.".
        follows_letter = previous_upper_letter is not None and len(label) == 1
        if (
            family == "roman"
            and follows_letter
            and ord(label) == ord(previous_upper_letter or "") + 1
        ):
            family = "upper_letter"
        return family, label, title
    if paragraph.heading_level is not None:
        return f"h{paragraph.heading_level}", None, text
    if _is_caps_heading(text) or _is_named_heading(text):
        return "caps", None, text
    return None


_ORDINALS = {
    "nhất": "I",
    "hai": "II",
    "ba": "III",
    "tư": "IV",
    "bốn": "IV",
    "năm": "V",
    "sáu": "VI",
    "bảy": "VII",
    "tám": "VIII",
    "chín": "IX",
    "mười": "X",
}


def _ordinal_label(label: str) -> str:
    """``THỨ NHẤT`` → ``I``: a Party ``PHẦN THỨ ...`` heading is numbered like ``Phần I``."""
    words = label.lower().split()
    if len(words) == 2 and words[0] == "thứ" and words[1] in _ORDINALS:
        return _ORDINALS[words[1]]
    return label


def _is_caps_heading(text: str) -> bool:
    """An unnumbered heading in capitals that names a known section (``MỤC TIÊU``)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4 or not all(c.isupper() for c in letters) or len(text.split()) > 14:
        return False
    return classify_title(text) is not SectionKind.OTHER


def _is_named_heading(text: str) -> bool:
    """An unnumbered heading in normal case on a line of its own ("Mục tiêu",
    "Nhiệm vụ, giải pháp", "Tổ chức thực hiện"): a few words naming a known section."""
    if not text[:1].isupper() or text.endswith((".", ";", ",", ":")) or len(text.split()) > 8:
        return False
    return classify_title(text) is not SectionKind.OTHER


def classify_title(title: str) -> SectionKind:
    """The section kind a heading title names (first matching prefix in sections.toml).

    >>> classify_title("MỤC ĐÍCH, YÊU CẦU").value
    'purpose'
    >>> classify_title("Các chỉ tiêu chủ yếu đến năm 2030").value
    'targets'
    """
    words = title.lower().strip(" :.")
    for lead in ("các ", "những ", "một số "):
        if words.startswith(lead) and not any(
            words.startswith(p) for rule in vi().sections.kind for p in rule.prefixes
        ):
            words = words[len(lead) :]
    for rule in vi().sections.kind:
        if any(words.startswith(prefix) for prefix in rule.prefixes):
            return SectionKind(rule.name)
    return SectionKind.OTHER


def heading_year(title: str) -> int | None:
    """The year a heading is about: the last year it names (``giai đoạn 2026 - 2030`` → 2030).

    Years in parentheses and after ``so với`` are baselines, not the heading's year:

    >>> heading_year("Tỷ lệ thất nghiệp dưới 2,5% (năm 2023 là 2,86%)") is None
    True
    """
    title = _ASIDE.sub(" ", title)
    years = [m for m in _YEAR.finditer(title) if not _BASELINE_BEFORE.search(title[: m.start()])]
    return int(years[-1][0]) if years else None


def _type_names() -> dict[str, str]:
    return {name.upper(): name for name in vi().documents.types}


def find_type_line(paragraphs: list[Paragraph], limit: int = 40) -> tuple[int, int, str] | None:
    """``(first, last, name)``: the paragraph(s) printing the type name (``KẾ HOẠCH``)."""
    names = _type_names()
    for i, para in enumerate(paragraphs[:limit]):
        text = para.text.strip(" :")
        if text in names:
            # "CHƯƠNG TRÌNH" may continue as "HÀNH ĐỘNG" on the next line.
            if i + 1 < len(paragraphs):
                joined = f"{text} {paragraphs[i + 1].text.strip(' :')}"
                if joined in names:
                    return i, i + 1, names[joined]
            return i, i, names[text]
    return None


def _closing_start(paragraphs: list[Paragraph], body_from: int) -> int:
    """Index of the first paragraph of the closing block (Nơi nhận or signature)."""
    heading = re.compile(rf"^(?:{alternation(vi().header.recipients_heading)})\s*:?", re.IGNORECASE)
    end_marks = tuple(vi().header.end_of_body_marks)
    for i in range(body_from, len(paragraphs)):
        text = paragraphs[i].text
        if heading.match(text):
            return _signature_above(paragraphs, i, body_from)
        if text.endswith(end_marks):
            return i + 1
    # No Nơi nhận: the closing starts at a trailing signature block, if any.
    marks = _authority_line()
    for i in range(len(paragraphs) - 1, max(body_from, len(paragraphs) - 8) - 1, -1):
        if marks.match(paragraphs[i].text):
            start = i
            while start > body_from and _is_upper(paragraphs[start - 1].text):
                start -= 1
            return start
    return len(paragraphs)


_NAME_LINE = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s+){1,5}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*$")
_SIGNED = re.compile(r"^\((?:đã ký|ký)[^)]*\)$", re.IGNORECASE)


def _signature_above(paragraphs: list[Paragraph], at: int, floor: int) -> int:
    """Where the closing starts when the signature block stands above ``Nơi nhận``.

    Walks up over the signer's name, ``(Đã ký)``, the position in capitals and the
    authority mark (``T/M THÀNH ỦY`` / ``PHÓ BÍ THƯ THƯỜNG TRỰC`` / name); only a
    block with an authority mark or a position line moves the start.
    """
    marks = _authority_line()
    start = at
    seen_mark = False
    for i in range(at - 1, max(floor, at - 8) - 1, -1):
        text = paragraphs[i].text
        if marks.match(text) or _is_upper(text):
            seen_mark = True
            start = i
        elif _NAME_LINE.match(text) or _SIGNED.match(text):
            start = i
        else:
            break
    return start if seen_mark else at


def _authority_line() -> re.Pattern[str]:
    return re.compile(rf"^(?:{alternation(vi().header.authority_marks)})(?:\s|$)")


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _title_end(paragraphs: list[Paragraph], start: int, stop: int) -> int:
    """The trích yếu runs from ``start``: its first paragraph, then lower-case continuations.

    The first paragraph is not a trích yếu when it opens like a preamble
    (``Căn cứ ...``) or ends like one (``... như sau:``).
    """
    openers = tuple(o + " " for o in vi().header.preamble_only_openers)
    end = start
    while end < stop:
        para = paragraphs[end]
        text = para.text
        if _SEPARATOR.match(text) or (match_heading(para, None) is not None and end > start):
            break
        if end == start:
            if text.startswith(openers) or text.endswith(":") or match_heading(para, None):
                break
        elif not (text[:1].islower() or _continues_title(paragraphs[end - 1], para, openers)):
            break
        end += 1
    return end


def _continues_title(prev: Paragraph, para: Paragraph, openers: tuple[str, ...]) -> bool:
    """A title line wrapped by hand: the next source line, after an unfinished line.

    ``tuyên truyền ... thực hiện`` / ``Nghị quyết số 42-NQ/TW ...`` (no blank line
    between) is one trích yếu; a blank line or a finished sentence ends it.
    """
    prev_line, line = prev.provenance.line, para.provenance.line
    if prev_line is None or line is None or para.provenance.page is not None:
        return False  # only a text file's line numbers tell where blank lines were
    adjacent = prev_line + prev.original.count("\n") + 1 == line
    unfinished = not prev.text.endswith((".", ":", ";"))
    # A hand-wrapped title line is short; a long line or one ending "như sau:" is the preamble.
    title_like = len(para.text) <= _MAX_TITLE_LINE and not para.text.endswith(":")
    return adjacent and unfinished and title_like and not para.text.startswith(openers)


def _titles_bare_heading(stack: list[Node], para: Paragraph) -> bool:
    """Whether ``para`` is the title of the open heading printed without one.

    Only a heading-looking line (capitals, bold, a heading style) that is not
    itself numbered: a bare ``Điều 1.`` followed by body text keeps no title.
    """
    if not stack or stack[-1].title or stack[-1].paragraphs or stack[-1].children:
        return False
    numbered = match_heading(para, None)
    if para.cells is not None or (numbered is not None and numbered[1] is not None):
        return False
    return _is_upper(para.text) or para.bold or para.heading_level is not None


def build_tree(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Node]]:
    """Split body paragraphs into the preamble and the heading tree."""
    preamble: list[Paragraph] = []
    roots: list[Node] = []
    stack: list[Node] = []
    last_upper_letter: str | None = None
    for para in paragraphs:
        if _titles_bare_heading(stack, para):
            # "PHẦN THỨ NHẤT" / "MỤC ĐÍCH, YÊU CẦU": the title stands on the next line.
            node = stack[-1]
            node.title = para.text
            node.title_paragraph = para
            node.kind = classify_title(para.text)
            node.year = heading_year(para.text)
            continue
        found = match_heading(para, last_upper_letter)
        if found is None:
            (stack[-1].paragraphs if stack else preamble).append(para)
            continue
        family, label, title = found
        if family == "upper_letter" and label:
            last_upper_letter = label
        open_families = [n.family for n in stack]
        if family in open_families:
            del stack[open_families.index(family) :]
        node = Node(
            family=family,
            label=label,
            title=title,
            paragraph=para,
            parent=stack[-1] if stack else None,
        )
        node.kind = classify_title(title)
        # A long numbered item is content ("1) Tỷ lệ ... đến cuối năm 2025 ..."), not a
        # heading that dates what it holds.
        node.year = heading_year(title) if len(title.split()) <= _MAX_HEADING_WORDS else None
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return preamble, roots


def segment(norm: NormalizedText) -> Layout:
    """Find header, title, preamble, heading tree and closing (and what follows it)."""
    return segment_paragraphs(norm.paragraphs)


def segment_paragraphs(paragraphs: list[Paragraph]) -> Layout:
    """Segment one document; a document attached after its closing is segmented the same way.

    A Quyết định ``Ban hành kèm theo Quyết định này Kế hoạch ...`` carries the plan
    after its own signature: the plan becomes one section of the annex, holding its
    own heading tree, so its targets and tasks are read like any other.
    """
    found = find_type_line(paragraphs)
    if found is not None:
        first, last, doc_type = found
        header = paragraphs[:first]
        type_line: Paragraph | None = paragraphs[first]
        title_from = last + 1
    else:
        header, type_line, doc_type, title_from = [], None, None, 0
    closing_at = _closing_start(paragraphs, title_from)
    title_to = (
        _title_end(paragraphs, title_from, closing_at) if type_line is not None else title_from
    )
    title = paragraphs[title_from:title_to]
    body_from = title_to
    while body_from < closing_at and _SEPARATOR.match(paragraphs[body_from].text):
        body_from += 1  # the rule under the trích yếu
    preamble, sections = build_tree(paragraphs[body_from:closing_at])
    attached_at, attached = _attachment(paragraphs, closing_at)
    annex_at = next(
        (i for i in range(closing_at, attached_at) if _ANNEX.match(paragraphs[i].text)),
        attached_at,
    )
    annex_lead, annex = build_tree(paragraphs[annex_at:attached_at])
    annex = [_annex_node(annex_lead, annex)] if annex_lead else annex
    return Layout(
        header=header,
        type_line=type_line,
        doc_type_text=doc_type,
        title=title,
        preamble=preamble,
        sections=sections,
        closing=paragraphs[closing_at:annex_at],
        body_end=closing_at,
        annex=annex + ([attached] if attached else []),
    )


def _attachment(paragraphs: list[Paragraph], closing_at: int) -> tuple[int, Node | None]:
    """``(start, node)`` of a document attached after the closing, or ``(len, None)``."""
    after = closing_at + 1
    found = find_type_line(paragraphs[after:], limit=len(paragraphs))
    if found is None:
        return len(paragraphs), None
    type_at = after + found[0]
    start = type_at
    while start > after and _is_header_line(paragraphs[start - 1].text):
        start -= 1  # the attached plan's own header block
    inner = segment_paragraphs(paragraphs[start:])
    head = paragraphs[type_at]
    title = " ".join(p.text for p in inner.title)
    node = Node(
        family="attachment",
        label=None,
        title=f"{inner.doc_type_text or head.text} {title}".strip(),
        paragraph=head,
        paragraphs=inner.preamble,
        children=[*inner.sections, *inner.annex],
    )
    for child in node.children:
        child.parent = node
    return start, node


def _is_header_line(text: str) -> bool:
    """A line of a header block: capitals, a rule, the number, the place and date, a motto."""
    if _is_upper(text) or _SEPARATOR.match(text) or text.startswith(("Số", "(")):
        return True
    return "\t" in text or bool(re.search(r"ngày\s+\d{1,2}\s+tháng|Độc lập", text))


def _annex_node(lead: list[Paragraph], roots: list[Node]) -> Node:
    """One section for the annex: ``PHỤ LỤC`` with its subtitle as title, its headings as children.

    A subtitle in capitals (``PHÂN CÔNG NHIỆM VỤ THỰC HIỆN KẾ HOẠCH``) names the
    annex's kind, so a task table under it is read as assignments.
    """
    head = lead[0]
    node = Node(family="annex", label=None, title=head.text, paragraph=head, paragraphs=lead[1:])
    if roots and roots[0].family == "caps" and not node.paragraphs:
        subtitle = roots.pop(0)
        node.title = f"{head.text} - {subtitle.title}"
        node.kind = subtitle.kind
        node.paragraphs = subtitle.paragraphs
        roots = subtitle.children + roots
    node.children = roots
    for child in roots:
        child.parent = node
    return node


def split_bullet(text: str) -> tuple[str | None, str]:
    """``("-", rest)`` for a bullet paragraph, ``(None, text)`` otherwise."""
    m = _BULLET.match(text)
    if m and m["rest"]:
        return m["bullet"], m["rest"]
    return None, text
