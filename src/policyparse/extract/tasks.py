"""Tasks: work assigned to named bodies, in the three layouts plans use.

1. **Heading per body** — a numbered item whose title is only body names
   (``1. Ban Tuyên giáo Tỉnh ủy``), its paragraphs the actions, often closed by
   a ``Thời gian hoàn thành: ...`` line.
2. **Body and colon** — ``Sở Tài chính: bố trí kinh phí ...`` as an item title
   or a paragraph.
3. **Inline** — ``Giao Phòng Y tế chủ trì, phối hợp với ... tham mưu ...`` or
   ``Sở Y tế chủ trì, phối hợp với ...`` in a paragraph, including the closing
   assignment paragraph of a plan.

Body names are delimited with the word lists in ``bodies.toml``: a name opens
with a head word (``Sở``, ``Ban``, ``Ủy ban nhân dân`` ...) and ends where an
action verb in lower case begins (``chủ trì``, ``tham mưu`` ...). Timeframes
are looked for outside body names, so ``Tổ công tác thường xuyên`` is a name,
not a ``continuous`` timeframe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from policyparse.extract.timeframes import find_timeframe, label_pattern
from policyparse.langdata import alternation, vi
from policyparse.model import SectionKind, Span, Task, Timeframe
from policyparse.normalize import Paragraph
from policyparse.segment import Node, split_bullet

TASK_KINDS = (SectionKind.SPECIFIC_TASKS, SectionKind.IMPLEMENTATION)


@dataclass(frozen=True, slots=True)
class _Words:
    head: re.Pattern[str]
    list_head: re.Pattern[str]
    action: re.Pattern[str]
    assign: re.Pattern[str]
    coordination: re.Pattern[str]
    lead: re.Pattern[str]


@cache
def _words() -> _Words:
    b = vi().bodies
    return _Words(
        head=re.compile(rf"^(?:{alternation(b.heads)})(?!\w)"),
        list_head=re.compile(rf"^(?:{alternation(b.heads + b.list_heads)})(?!\w)"),
        # A verb right after "các"/"những" is a noun: "các tổ chức chính trị - xã hội".
        action=re.compile(rf"(?<![\w])(?<!các )(?<!những )(?:{alternation(b.action_verbs)})(?!\w)"),
        assign=re.compile(rf"^(?:{alternation(b.assigning_verbs)})\s+"),
        coordination=re.compile(rf"(?<!\w)(?:{alternation(b.coordination_markers)})\s*", re.IGNORECASE),
        lead=re.compile(rf"(?<!\w)(?:{alternation(b.lead_markers)})(?!\w)"),
    )


def split_bodies(text: str) -> list[str]:
    """Split a list of body names at commas and ``và`` that open a new name.

    >>> split_bodies("Sở Lao động - Thương binh và Xã hội, Sở Tài chính và Ban Dân vận")
    ['Sở Lao động - Thương binh và Xã hội', 'Sở Tài chính', 'Ban Dân vận']
    """
    w = _words()
    parts: list[str] = []
    start = 0
    for m in re.finditer(r",\s*|\s+và\s+", text):
        rest = text[m.end() :]
        if w.list_head.match(rest) or w.list_head.match(rest[:1].upper() + rest[1:]):
            parts.append(text[start : m.start()])
            start = m.end()
    parts.append(text[start:])
    return [p.strip(" ,;.:") for p in parts if p.strip(" ,;.:")]


def _name_end(text: str, start: int = 0) -> int:
    """Where a body name starting at ``start`` ends: before the first action verb or colon."""
    m = _words().action.search(text, start)
    colon = text.find(":", start)
    ends = [e for e in (m.start() if m else -1, colon) if e >= 0]
    return min(ends) if ends else len(text)


def is_body_list(text: str) -> bool:
    """A heading that only names bodies (no verb, no sentence end)."""
    text = text.strip()
    if not text or text.endswith((".", ";")) or len(text.split()) > 30:
        return False
    return _words().head.match(text) is not None and _words().action.search(text) is None


def _coordinating(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Bodies after ``phối hợp với``, and their spans in ``text``."""
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _words().coordination.finditer(text):
        end = _name_end(text, m.end())
        stop = re.search(r"[;.(]|\s(?:để|trong|nhằm|theo)\s", text[m.end() : end])
        if stop:
            end = m.end() + stop.start()
        names = text[m.end() : end].strip(" ,")
        if names:
            found.extend(split_bodies(names))
            spans.append((m.end(), end))
    return found, spans


@dataclass(slots=True)
class _Draft:
    bodies: list[str]
    actions: list[str]
    start: int
    end: int
    paragraph: int
    text: str
    timeframe: Timeframe | None = None
    masked: list[tuple[int, int]] = field(default_factory=list)

    def finish(self) -> Task:
        joined = " ".join(self.actions)
        coordinating, spans = _coordinating(joined)
        timeframe = self.timeframe or find_timeframe(joined, spans)
        return Task(
            bodies=self.bodies,
            coordinating_bodies=coordinating,
            actions=self.actions,
            timeframe=timeframe,
            text=self.text,
            span=Span(start=self.start, end=self.end, paragraph=self.paragraph),
        )


def _inline(para: Paragraph, text: str, in_task_section: bool) -> _Draft | None:
    """``Giao X chủ trì ...``, ``X chủ trì ...`` or ``X: ...`` in one paragraph."""
    w = _words()
    assign = w.assign.match(text)
    name_from = assign.end() if assign else 0
    if not assign and not in_task_section:
        return None
    if not w.head.match(text, name_from) and not (assign and text[name_from:name_from + 1].isupper()):
        return None
    end = _name_end(text, name_from)
    names = text[name_from:end].strip(" ,")
    rest = text[end:].lstrip(": ,")
    if not names or not rest:
        return None
    if not assign and not (text[end : end + 1] == ":" or w.lead.match(text, end)):
        return None
    return _Draft(
        bodies=split_bodies(names),
        actions=[rest],
        start=para.start,
        end=para.end,
        paragraph=para.index,
        text=para.text,
    )


def _attach_label(draft: _Draft | None, text: str) -> bool:
    """A ``Thời gian ...: X`` line sets the timeframe of the task before it."""
    if draft is None or not label_pattern().match(text):
        return False
    draft.timeframe = find_timeframe(text)
    return True


def _heading_task(node: Node) -> list[_Draft] | None:
    """Layout 1 and 2 as a heading: ``1. Ban Tuyên giáo Tỉnh ủy`` / ``1. Sở Y tế: ...``."""
    title = node.title
    head, colon, tail = title.partition(":")
    if colon and is_body_list(head):
        names, actions = head, [tail.strip()] if tail.strip() else []
    elif is_body_list(title):
        names, actions = title, []
    else:
        return None
    draft = _Draft(
        bodies=split_bodies(names),
        actions=actions,
        start=node.paragraph.start,
        end=node.paragraph.end,
        paragraph=node.paragraph.index,
        text=node.paragraph.text,
    )
    drafts = [draft]
    paragraphs = [*node.paragraphs]
    for child in node.walk()[1:]:
        draft.actions.append(child.title)
        paragraphs.extend(child.paragraphs)
    for para in paragraphs:
        text = split_bullet(para.text)[1]
        # "Giao X chủ trì ..." inside a body's item assigns a task of its own.
        own = _inline(para, text, in_task_section=False)
        if own is not None:
            drafts.append(own)
        else:
            if not _attach_label(drafts[-1], para.text):
                drafts[-1].actions.append(text)
            drafts[-1].end = max(drafts[-1].end, para.end)
    return drafts


def extract_tasks(roots: list[Node]) -> list[Task]:
    """Every task in the heading tree, in document order."""
    drafts: list[_Draft] = []
    for root in roots:
        _walk(root, drafts, in_task_section=root.kind in TASK_KINDS)
    drafts.sort(key=lambda d: d.start)
    return [d.finish() for d in drafts]


def _walk(node: Node, drafts: list[_Draft], *, in_task_section: bool) -> None:
    in_task_section = in_task_section or node.kind in TASK_KINDS
    if in_task_section and node.kind not in TASK_KINDS:
        heading = _heading_task(node)
        if heading is not None:
            drafts.extend(heading)
            return
    last: _Draft | None = None
    if node.kind is SectionKind.OTHER:
        # A numbered item may itself assign the task: "2. Giao Sở Y tế chủ trì ...".
        last = _inline(node.paragraph, node.title, in_task_section)
        if last is not None:
            drafts.append(last)
    for para in node.paragraphs:
        if _attach_label(last, para.text):
            continue
        draft = _inline(para, split_bullet(para.text)[1], in_task_section)
        if draft is not None:
            drafts.append(draft)
            last = draft
        elif last is not None and last.paragraph == node.paragraph.index:
            last.actions.append(split_bullet(para.text)[1])
            last.end = para.end
    for child in node.children:
        _walk(child, drafts, in_task_section=in_task_section)
