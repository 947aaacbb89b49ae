"""Tasks: work assigned to named bodies, in the layouts plans use.

1. **Heading per body** — a numbered item whose title is only body names
   (``1. Ban Tuyên giáo Tỉnh ủy``), its paragraphs the actions, often closed by
   a ``Thời gian hoàn thành: ...`` line.
2. **Body and colon** — ``Sở Tài chính: bố trí kinh phí ...`` as an item title
   or a sentence.
3. **Inline** — ``Giao Phòng Y tế chủ trì, phối hợp với ... tham mưu ...`` or
   ``Sở Y tế chủ trì, phối hợp với ...`` in any sentence of a paragraph,
   including the closing assignment paragraph of a plan. Outside a task
   section a sentence needs ``Giao`` or ``chủ trì`` to count.
4. **Record** — ``Nhiệm vụ: ...`` followed by ``Cơ quan chủ trì: ...``,
   ``Cơ quan phối hợp: ...``, ``Thời gian hoàn thành: ...`` lines (the text
   form of an annex table).

Body names are delimited with the word lists in ``bodies.toml``: a name opens
with a head word (``Sở``, ``Ban``, ``Ủy ban nhân dân`` ...) and ends at a
colon or where an action verb in lower case begins (``chủ trì``, ``tham mưu``).
Timeframes are looked for outside body names, so ``Tổ công tác thường xuyên``
is a name, not a ``continuous`` timeframe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from policyparse.extract.timeframes import find_timeframe, label_pattern
from policyparse.langdata import alternation, vi
from policyparse.model import SectionKind, Span, Task, Timeframe
from policyparse.normalize import Paragraph
from policyparse.segment import Node, split_bullet

TASK_KINDS = (SectionKind.SPECIFIC_TASKS, SectionKind.IMPLEMENTATION)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ(])")
_MAX_NAME_WORDS = 25
_ASIDE = re.compile(r"\s*\([^()]*\)")
# A lone lower-case word in a comma list continues a collective name ("sở, ban, ngành").
_COLLECTIVE_WORD = re.compile(r"[a-zđà-ỹ]+\s*(?:[,;]|$)")


@dataclass(frozen=True, slots=True)
class _Words:
    head: re.Pattern[str]
    list_head: re.Pattern[str]
    action: re.Pattern[str]
    assign: re.Pattern[str]
    coordination: re.Pattern[str]
    lead: re.Pattern[str]
    record: re.Pattern[str]
    record_field: dict[str, str]
    joint: re.Pattern[str]
    noun_compounds: re.Pattern[str]
    not_body: re.Pattern[str]


@cache
def _words() -> _Words:
    b = vi().bodies
    labels = b.record_labels
    record_field = {w: "task" for w in labels.task}
    record_field |= {w: "lead" for w in labels.lead}
    record_field |= {w: "coordinating" for w in labels.coordinating}
    return _Words(
        head=re.compile(rf"(?:{alternation(b.heads)})(?!\w)"),
        list_head=re.compile(rf"^(?:{alternation(b.heads + b.list_heads)})(?!\w)"),
        # A verb right after "các"/"những" is a noun: "các tổ chức chính trị - xã hội".
        action=re.compile(rf"(?<![\w])(?<!các )(?<!những )(?:{alternation(b.action_verbs)})(?!\w)"),
        assign=re.compile(rf"^(?:{alternation(b.assigning_verbs)})\s+"),
        coordination=re.compile(
            rf"(?<!\w)(?:{alternation(b.coordination_markers)})\s*", re.IGNORECASE
        ),
        lead=re.compile(rf"(?:{alternation(b.lead_markers)})(?!\w)"),
        record=re.compile(
            rf"^(?P<label>{alternation(list(record_field))})\s*:\s*(?P<value>.*)$", re.IGNORECASE
        ),
        record_field=record_field,
        joint=re.compile(rf"\s*(?:{alternation(b.joint_heads)})(?!\w)"),
        noun_compounds=re.compile(rf"(?i)(?<!\w)(?:{alternation(b.noun_compounds)})(?!\w)"),
        not_body=re.compile(rf"(?i)^(?:{alternation(b.not_body_openers)})(?!\w)"),
    )


def split_bodies(text: str) -> list[str]:
    """Split a list of body names at commas, semicolons and ``và`` that open a new name.

    >>> split_bodies("Sở Lao động - Thương binh và Xã hội, Sở Tài chính và Ban Dân vận")
    ['Sở Lao động - Thương binh và Xã hội', 'Sở Tài chính', 'Ban Dân vận']
    >>> split_bodies("Văn phòng HĐND và UBND huyện, Phòng Nội vụ")
    ['Văn phòng HĐND và UBND huyện', 'Phòng Nội vụ']
    >>> split_bodies("Các sở, ban, ngành, Ủy ban nhân dân các huyện")
    ['Các sở, ban, ngành', 'Ủy ban nhân dân các huyện']
    """
    w = _words()
    parts: list[str] = []
    start = 0
    for m in re.finditer(r"[,;]\s*|\s+và\s+", text):
        rest = text[m.end() :]
        if m[0].strip() == "và" and w.joint.match(text, start):
            continue  # "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện" is one office
        if m[0].startswith(",") and _COLLECTIVE_WORD.match(rest):
            continue  # "Các sở, ban, ngành": one collective, not a "Ban" of its own
        if (
            m[0].startswith(";")
            or w.list_head.match(rest)
            or w.list_head.match(rest[:1].upper() + rest[1:])
        ):
            parts.append(text[start : m.start()])
            start = m.end()
    parts.append(text[start:])
    return [p.strip(" ,;.:") for p in parts if p.strip(" ,;.:")]


def _action_at(text: str, start: int) -> re.Match[str] | None:
    """The first action verb from ``start`` that is not part of a noun (``quá trình``)."""
    nouns = [m.span() for m in _words().noun_compounds.finditer(text)]
    for m in _words().action.finditer(text, start):
        if not any(a <= m.start() < b for a, b in nouns):
            return m
    return None


def _name_end(text: str, start: int = 0) -> int:
    """Where a body name starting at ``start`` ends.

    At a colon that closes a short name (``Tổ công tác thường xuyên của Huyện ủy:``),
    else before the first action verb.
    """
    colon = text.find(":", start)
    before = text[start:colon]
    if colon > start and len(before.split()) <= _MAX_NAME_WORDS and not re.search(r"[;.]", before):
        return colon
    m = _action_at(text, start)
    return m.start() if m else len(text)


def is_body_list(text: str) -> bool:
    """A heading that only names bodies (no verb, no sentence end)."""
    text = text.strip()
    if not text or text.endswith((".", ";")) or len(text.split()) > _MAX_NAME_WORDS:
        return False
    return _words().head.match(text) is not None and _action_at(text, 0) is None


def _coordinating(text: str) -> list[tuple[int, int]]:
    """Spans of the body lists after ``phối hợp với`` in ``text``."""
    spans: list[tuple[int, int]] = []
    for m in _words().coordination.finditer(text):
        end = _name_end(text, m.end())
        stop = re.search(r"[;.(:]|\s(?:để|trong|nhằm|theo)\s", text[m.end() : end])
        if stop:
            end = m.end() + stop.start()
        if text[m.end() : end].strip(" ,"):
            spans.append((m.end(), end))
    return spans


@dataclass(slots=True)
class _Draft:
    bodies: list[str]
    actions: list[str]
    start: int
    end: int
    paragraph: int
    text: str
    timeframe: Timeframe | None = None
    coordinating: list[str] | None = None  # set by a record's "Cơ quan phối hợp" field

    def finish(self) -> Task:
        joined = " ".join(self.actions)
        spans = _coordinating(joined)
        coordinating = self.coordinating
        if coordinating is None:
            coordinating = [b for a, e in spans for b in split_bodies(joined[a:e].strip(" ,"))]
        timeframe = self.timeframe or find_timeframe(joined, spans)
        return Task(
            bodies=self.bodies,
            coordinating_bodies=coordinating,
            actions=self.actions,
            timeframe=timeframe,
            text=self.text,
            span=Span(start=self.start, end=self.end, paragraph=self.paragraph),
        )


def _sentences(text: str) -> list[tuple[int, str]]:
    """``(offset, sentence)`` pairs of a paragraph."""
    out: list[tuple[int, str]] = []
    last = 0
    for m in _SENTENCE_END.finditer(text):
        out.append((last, text[last : m.start()]))
        last = m.end()
    out.append((last, text[last:]))
    return [(o, s) for o, s in out if s.strip()]


def _assignment(sentence: str, in_task_section: bool) -> tuple[list[str], str] | None:
    """``(bodies, actions)`` when the sentence assigns work to bodies."""
    w = _words()
    assign = w.assign.match(sentence)
    name_from = assign.end() if assign else 0
    end = _name_end(sentence, name_from)
    # "các đoàn thể xã (Hội Nông dân, Hội Cựu chiến binh, ...)": the aside only explains.
    names = _ASIDE.sub("", sentence[name_from:end]).strip(" ,")
    rest = sentence[end:].lstrip(": ,")
    if not names or not rest or len(names.split()) > _MAX_NAME_WORDS:
        return None
    colon = sentence[end : end + 1] == ":"
    known_head = w.head.match(sentence, name_from) is not None
    # "Công chức Văn hóa - Xã hội: ..." in a task section: a short capitalised name
    # before a colon is a body even when its head word is not in the list.
    # In a task section a short capitalised name is a body before a colon or a verb:
    # "Công chức Văn hóa - Xã hội: ...", "Các chi, đảng bộ cơ sở xây dựng kế hoạch ...".
    acts = w.action.match(sentence, end) is not None
    named = known_head or (in_task_section and (colon or acts) and _is_short_name(names))
    if not (named or (assign and names[:1].isalpha())):
        return None
    led = w.lead.match(sentence, end) is not None
    if not (assign or colon or led or (in_task_section and w.action.match(sentence, end))):
        return None
    return split_bodies(names), rest


def _is_short_name(text: str) -> bool:
    """A capitalised phrase of a few words, not a field label (``Thời gian``, ``Nhiệm vụ``)."""
    words = text.split()
    if not 1 <= len(words) <= 16 or not text[:1].isupper() or _words().not_body.match(text):
        return False
    if re.search(r"[;.]", text):
        return False  # a sentence, not a name
    return (
        _words().record.match(text + ": x") is None and label_pattern().match(text + ": x") is None
    )


def _timeframe_line(last: _Draft, para: Paragraph, sentence: str) -> bool:
    """A short line right after a task that only dates it ("Thực hiện thường xuyên.")."""
    return (
        para.index == last.paragraph + 1
        and last.timeframe is None
        and len(sentence.split()) <= 6
        and find_timeframe(sentence) is not None
    )


def _heading_of_items(text: str, in_task_section: bool) -> list[str] | None:
    """The bodies of a line that only names them before a colon ("Phòng Y tế:")."""
    name, colon, rest = text.partition(":")
    if not colon or rest.strip() or not in_task_section:
        return None
    if _words().head.match(name) is None and not _is_short_name(name):
        return None
    return split_bodies(name)


def _attach_label(draft: _Draft | None, text: str) -> bool:
    """A ``Thời gian ...: X`` line sets the timeframe of the task before it."""
    if draft is None or not label_pattern().match(text):
        return False
    draft.timeframe = find_timeframe(text)
    return True


def _record_field(draft: _Draft | None, text: str) -> tuple[str, str] | None:
    m = _words().record.match(text)
    if m is None:
        return None
    return _words().record_field[m["label"].lower()], m["value"].strip(" .;")


class _Collector:
    """Walks paragraphs in order, keeping the task that later lines may complete."""

    def __init__(self) -> None:
        self.drafts: list[_Draft] = []
        self.last: _Draft | None = None
        # "– Phòng Lao động - Thương binh và Xã hội:" with "+" items below: their body.
        self.items_of: list[str] | None = None

    def add(self, draft: _Draft) -> None:
        self.drafts.append(draft)
        self.last = draft

    def paragraph(self, para: Paragraph, text: str, in_task_section: bool) -> None:
        """Read one paragraph (``text`` is it without its bullet or label)."""
        if para.cells is not None:
            return  # table rows are read by extract.tables
        offset = para.start + len(para.text) - len(text)
        if _attach_label(self.last, text):
            self.last_extends(para.end)
            return
        if self.items_of is not None and para.text.startswith("+"):
            self.add(_Draft(list(self.items_of), [text], offset, para.end, para.index, text))
            return
        self.items_of = _heading_of_items(text, in_task_section)
        if self.items_of is not None:
            return
        record = _record_field(self.last, text)
        if record is not None:
            self.record(para, record)
            return
        for start, sentence in _sentences(text):
            if (
                _attach_label(self.last, sentence)
                and self.last
                and self.last.paragraph == para.index
            ):
                continue
            found = _assignment(sentence, in_task_section)
            if found is None:
                # "... giám sát việc thực hiện. Thực hiện thường xuyên.": the next
                # sentences of the paragraph continue its task.
                if self.last is not None and (
                    self.last.paragraph == para.index or _timeframe_line(self.last, para, sentence)
                ):
                    self.last.actions.append(sentence)
                    self.last_extends(offset + start + len(sentence))
                continue
            bodies, rest = found
            self.add(
                _Draft(
                    bodies=bodies,
                    actions=[rest],
                    start=offset + start,
                    end=offset + start + len(sentence),
                    paragraph=para.index,
                    text=sentence,
                )
            )

    def record(self, para: Paragraph, record: tuple[str, str]) -> None:
        name, value = record
        if name == "task":
            self.add(
                _Draft(
                    bodies=[],
                    actions=[value],
                    start=para.start,
                    end=para.end,
                    paragraph=para.index,
                    text=para.text,
                )
            )
            return
        if self.last is None:
            return
        if name == "lead":
            self.last.bodies = split_bodies(value)
        elif name == "coordinating":
            self.last.coordinating = split_bodies(value)
        self.last_extends(para.end)

    def last_extends(self, end: int) -> None:
        if self.last is not None:
            self.last.end = max(self.last.end, end)


def _heading_task(node: Node, collector: _Collector) -> bool:
    """Layouts 1 and 2 as a heading: ``1. Ban Tuyên giáo Tỉnh ủy`` / ``1. Sở Y tế: ...``."""
    # "7. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh ...": the request names the body.
    assign = _words().assign.match(node.title)
    title = node.title[assign.end() :] if assign else node.title
    head, colon, tail = title.partition(":")
    # Before a colon a name may hold a verb-like word: "Các trường THPT, trung tâm giáo
    # dục nghề nghiệp - giáo dục thường xuyên:" names bodies.
    named_before_colon = _is_short_name(head) or (
        _words().head.match(head) is not None
        and len(head.split()) <= _MAX_NAME_WORDS
        and not re.search(r"[;.]", head)  # "Chi bộ ... 3 hộ nghèo. Thời gian:" is a sentence
    )
    if colon and (is_body_list(head) or named_before_colon):
        names, actions = head, [tail.strip()] if tail.strip() else []
    elif is_body_list(title) or _names_body_over_items(node):
        names, actions = title, []
    else:
        return False
    draft = _Draft(
        bodies=split_bodies(names),
        actions=actions,
        start=node.paragraph.start,
        end=node.paragraph.end,
        paragraph=node.paragraph.index,
        text=node.paragraph.text,
    )
    if _bullets_name_bodies(node):
        # "1. Các phòng chức năng thuộc Sở:" / "- Phòng Kế hoạch - Tài chính: ...": the
        # heading groups bodies that each get their own line.
        for para in node.paragraphs:
            collector.paragraph(para, split_bullet(para.text)[1], in_task_section=True)
        return True
    if _bullets_with_own_timeframes(node):
        # "- Lãnh đạo ..., hoàn thành trước ngày 30/6/2024." / "- ... hằng năm ...":
        # each bullet is a task of the body, with its own timeframe.
        for para in node.paragraphs:
            text = split_bullet(para.text)[1]
            collector.add(
                _Draft(list(draft.bodies), [text], para.start, para.end, para.index, para.text)
            )
        return True
    collector.add(draft)
    _body_paragraphs(draft, node.paragraphs, collector)
    # "1. Sở Y tế" / "a) ..." / "b) ...": each lettered item is a task of that body,
    # with its own timeframe.
    for child in node.children:
        item = _Draft(
            bodies=list(draft.bodies),
            actions=[child.title],
            start=child.paragraph.start,
            end=child.paragraph.end,
            paragraph=child.paragraph.index,
            text=child.paragraph.text,
        )
        collector.add(item)
        for grandchild in child.walk()[1:]:
            item.actions.append(grandchild.title)
        _body_paragraphs(item, [p for n in child.walk() for p in n.paragraphs], collector)
    if node.children and not draft.actions:
        collector.drafts.remove(draft)  # the heading only names the body of its items
    return True


def _names_body_over_items(node: Node) -> bool:
    """A short heading opening with a body's head word, over items of its own, is a name
    even when a word in it looks like a verb ("Phòng Truyền thông và Phát triển người
    tham gia" / "- Hằng quý phối hợp ...")."""
    title = node.title
    if not node.paragraphs or len(title.split()) > 12 or re.search(r"[;.:]", title):
        return False
    w = _words()
    return (
        w.head.match(title) is not None
        and not w.lead.search(title)
        and not w.coordination.search(title)
    )


def _bullets_name_bodies(node: Node) -> bool:
    """Every bullet under the heading is ``Body: action``."""
    if node.children or not node.paragraphs:
        return False
    for para in node.paragraphs:
        mark, text = split_bullet(para.text)
        colon = text.find(":")
        if mark is None or colon < 0 or _name_end(text) != colon:
            return False
        if _assignment(text, in_task_section=True) is None:
            return False
    return True


def _bullets_with_own_timeframes(node: Node) -> bool:
    paragraphs = node.paragraphs
    if node.children or len(paragraphs) < 2:
        return False
    if any(label_pattern().match(p.text) for p in paragraphs):
        return False
    bullets = [split_bullet(p.text) for p in paragraphs]
    return all(b is not None and find_timeframe(text) for b, text in bullets)


def _body_paragraphs(draft: _Draft, paragraphs: list[Paragraph], collector: _Collector) -> None:
    """The paragraphs under a body's heading: its actions, timeframe line, and what follows."""
    collector.last = draft
    closed = False  # a "Thời gian ...:" line ends the item; what follows stands alone
    for para in paragraphs:
        bullet, text = split_bullet(para.text)
        if closed and bullet is None:
            collector.paragraph(para, text, in_task_section=True)
            continue
        # "Giao X chủ trì ..." inside a body's item assigns a task of its own.
        if _words().assign.match(text) and _assignment(text, in_task_section=False):
            collector.paragraph(para, text, in_task_section=False)
            continue
        if _attach_label(draft, para.text):
            closed = True
        elif collector.last is not None:
            collector.last.actions.append(text)
        collector.last_extends(para.end)


def extract_tasks(roots: list[Node]) -> list[Task]:
    """Every task in the heading tree, in document order (records without a lead body dropped)."""
    collector = _Collector()
    for root in roots:
        _walk(root, collector, in_task_section=False)
    drafts = sorted((d for d in collector.drafts if d.bodies), key=lambda d: d.start)
    return [d.finish() for d in drafts]


def _walk(node: Node, collector: _Collector, *, in_task_section: bool) -> None:
    in_task_section = in_task_section or node.kind in TASK_KINDS
    if in_task_section and node.kind not in TASK_KINDS and _heading_task(node, collector):
        return
    if node.kind is SectionKind.OTHER:
        # A numbered item may itself assign the task: "2. Giao Sở Y tế chủ trì ...".
        collector.paragraph(node.title_para, node.title, in_task_section)
    for para in node.paragraphs:
        collector.paragraph(para, split_bullet(para.text)[1], in_task_section)
    for child in node.children:
        _walk(child, collector, in_task_section=in_task_section)
