"""The office's notices (催办/督办/约谈通知): one per department with overdue or
due-soon items, its items, and the kind the department's most overdue item calls for.
Pure data; render.notice writes it as docx, markdown or html.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from checklist.domain.figures import latest_note
from checklist.domain.states import ItemView, id_key

# The kinds of notice, mildest first: the department's highest escalation level decides.
KINDS = ("remind", "supervise", "interview")


@dataclass(frozen=True)
class NoticeItem:
    id: str
    title: str
    owner: str
    leader: str
    deadline: date | None
    state: str  # overdue or due_soon
    days: int  # days overdue, or days left
    escalation: str | None
    extensions: int
    latest_progress: str | None


@dataclass
class Notice:
    number: int
    code: str
    department: str
    kind: str
    as_of: date
    reply_by: date
    items: list[NoticeItem] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(1 for i in self.items if i.state == "overdue")

    @property
    def due_soon(self) -> int:
        return sum(1 for i in self.items if i.state == "due_soon")


def build_notices(views: Iterable[ItemView], as_of: date, reply_by: date, first_number: int = 1) -> list[Notice]:
    """A notice for each department with an overdue or due-soon item, numbered from
    `first_number` in the order of department codes; within a notice, overdue items first
    (most overdue first), then the due-soon ones (nearest first)."""
    by_code: dict[str, Notice] = {}
    for v in views:
        if v.state not in ("overdue", "due_soon"):
            continue
        r = v.record
        notice = by_code.get(r.code)
        if notice is None:
            notice = by_code[r.code] = Notice(0, r.code, r.department, KINDS[0], as_of, reply_by)
        notice.items.append(NoticeItem(r.id, r.title, r.owner, str(r.data.get("leader") or ""), r.deadline, v.state,
                                       v.days, v.escalation, len(r.data.get("extensions") or ()),
                                       latest_note(r.data)))
        if v.escalation in KINDS and KINDS.index(v.escalation) > KINDS.index(notice.kind):
            notice.kind = v.escalation
    notices = [by_code[code] for code in sorted(by_code)]
    for n, notice in enumerate(notices, first_number):
        notice.number = n
        notice.items.sort(key=lambda i: (i.state != "overdue", -i.days if i.state == "overdue" else i.days, id_key(i.id)))
    return notices
