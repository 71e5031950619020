"""The history of a table's rows or of a section across stored versions.

``redline log --table 8.1.10 [--key 8.14.3]`` and ``redline log --section
5.4``: stepping through the versions in order, each row (or the section) is
followed from one version to the next, and every step that differs becomes an
event: added (first appeared), changed (which cells), renamed, removed;
for a section also retitled and renumbered. Rows are followed with
:mod:`redline.rowmatch`, so a rename is one event, not a removal and an
addition. Pure: versions come in as (label, Document) pairs.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from redline.model import Document, Paragraph, Row, Section, Table
from redline.rowmatch import CellChange, RowPair, compare_rows

EventKind = Literal["added", "changed", "renamed", "removed", "moved", "retitled", "renumbered"]


@dataclass(frozen=True, slots=True)
class Event:
    version: str
    change: EventKind
    old_name: str = ""
    """For renamed/retitled: the name before; renumbered: the old number."""
    new_name: str = ""
    cells: tuple[CellChange, ...] = ()
    """For changed rows: the cells that changed."""
    details: tuple[str, ...] = ()
    """For changed sections: one line per paragraph added, removed or edited."""


@dataclass(slots=True)
class RowHistory:
    key: str
    name: str
    """The row's name in the last version it appears in."""
    events: list[Event] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TableHistory:
    table: str
    versions: tuple[str, ...]
    rows: tuple[RowHistory, ...]
    missing_in: tuple[str, ...]
    """Versions that have no table with this number."""
    renumbered: tuple[Event, ...] = ()
    """The table itself under a new number (``old_name`` → ``new_name``), followed there."""


@dataclass(frozen=True, slots=True)
class SectionHistory:
    section: str
    versions: tuple[str, ...]
    events: tuple[Event, ...]


Versions = Sequence[tuple[str, Document]]


def _row_event(version: str, old: Row, new: Row, cells: tuple[CellChange, ...]) -> list[Event]:
    events = []
    if old.name != new.name:
        events.append(Event(version, "renamed", old.name, new.name))
    if cells:
        events.append(Event(version, "changed", cells=cells))
    return events


def _moved(old: Table, new: Table, pairs: Sequence[RowPair]) -> dict[int, str]:
    """Rows whose order among the kept rows changed: those off the longest run that
    kept its order (so one row moved is one event, not every row it passed)."""
    old_at = {id(r): i for i, r in enumerate(old.rows)}
    new_at = {id(r): i for i, r in enumerate(new.rows)}
    ordered = sorted(pairs, key=lambda p: new_at[id(p.new)])
    seq = [old_at[id(p.old)] for p in ordered]
    # longest increasing subsequence, O(n^2) is fine for tables of ~100 rows
    best = [1] * len(seq)
    back = [-1] * len(seq)
    for i in range(len(seq)):
        for j in range(i):
            if seq[j] < seq[i] and best[j] + 1 > best[i]:
                best[i], back[i] = best[j] + 1, j
    keep: set[int] = set()
    i = max(range(len(seq)), key=lambda k: best[k], default=-1)
    while i >= 0:
        keep.add(i)
        i = back[i]
    out = {}
    for k, p in enumerate(ordered):
        if k not in keep:
            before = ordered[k - 1].new if k > 0 else None
            after = f"after {before.key} ({before.name})" if before is not None else "to the top"
            out[id(p.new)] = f"row {old_at[id(p.old)] + 1} -> row {new_at[id(p.new)] + 1}, {after}"
    return out


def table_history(versions: Versions, number: str, key: str | None = None) -> TableHistory:
    """Follow every row of table ``number`` (or only rows keyed ``key``) through ``versions``."""
    from redline.diff.tables import table_number_map

    lines: list[RowHistory] = []
    current: list[tuple[RowHistory, Row]] = []
    previous: Table | None = None
    previous_doc: Document | None = None
    missing: list[str] = []
    renumbered: list[Event] = []
    following = number
    for label, doc in versions:
        if previous is not None and previous_doc is not None:
            # the same table may sit under another number now (a role table inserted before it)
            moved_to = table_number_map(previous_doc.tables(), doc.tables()).get(following, following)
            if moved_to != following:
                renumbered.append(Event(label, "renumbered", following, moved_to))
                following = moved_to
        else:
            following = number
        table = doc.table(following)
        previous_doc = doc
        if table is None:
            missing.append(label)
            for line, _ in current:
                line.events.append(Event(label, "removed", details=(f"no Table {following} in this version",)))
            current, previous = [], None
            continue
        nxt: list[tuple[RowHistory, Row]] = []
        if previous is None:
            for r in table.rows:
                line = RowHistory(r.key, r.name, [Event(label, "added")])
                lines.append(line)
                nxt.append((line, r))
        else:
            comparison = compare_rows(previous, table)
            by_row = {id(r): line for line, r in current}
            moved = _moved(previous, table, comparison.pairs)
            for pair in comparison.pairs:
                line = by_row[id(pair.old)]
                line.events.extend(_row_event(label, pair.old, pair.new, pair.changes))
                if id(pair.new) in moved:
                    line.events.append(Event(label, "moved", details=(moved[id(pair.new)],)))
                line.name = pair.new.name
                nxt.append((line, pair.new))
            for r in comparison.removed:
                by_row[id(r)].events.append(Event(label, "removed"))
            for r in comparison.added:
                line = RowHistory(r.key, r.name, [Event(label, "added")])
                lines.append(line)
                nxt.append((line, r))
            order = {id(r): i for i, r in enumerate(table.rows)}
            nxt.sort(key=lambda lr: order[id(lr[1])])
        current, previous = nxt, table
    chosen = tuple(line for line in lines if key is None or line.key == key)
    versions_seen = tuple(label for label, _ in versions)
    return TableHistory(number, versions_seen, chosen, tuple(missing), tuple(renumbered))


def _paragraphs(section: Section) -> list[str]:
    return [b.text for b in section.blocks if isinstance(b, Paragraph) and b.text]


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def word_change(old: str, new: str, context: int = 3) -> str:
    """The words that differ, with a few words either side: "…in this document; or [ -> successfully …]"."""
    a, b = old.split(), new.split()
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    before = a[max(0, start - context) : start]
    after = a[len(a) - end : len(a) - end + context] if end else []
    lead = ("…" if start > context else "") + " ".join(before)
    tail = " ".join(after) + ("…" if end > context else "")
    gone = _short(" ".join(a[start : len(a) - end]), 80)
    came = _short(" ".join(b[start : len(b) - end]), 80)
    return f"{lead} [{gone} -> {came}] {tail}".strip()


def section_changes(old: Section, new: Section) -> tuple[str, ...]:
    """One line per paragraph added, removed or edited, and per table whose rows changed."""
    a, b = _paragraphs(old), _paragraphs(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            out += [
                f"edited paragraph {i1 + k + 1}: {word_change(x, y)}"
                for k, (x, y) in enumerate(zip(a[i1:i2], b[j1:j2], strict=True))
            ]
            continue
        out += [f"removed paragraph: {_short(x)!r}" for x in a[i1:i2]]
        out += [f"added paragraph: {_short(y)!r}" for y in b[j1:j2]]
    old_tables = {t.number: t for t in old.tables()}
    for t in new.tables():
        before = old_tables.get(t.number)
        if before is None:
            out.append(f"added table {t.number}")
        elif before.rows != t.rows or before.footer != t.footer:
            c = compare_rows(before, t)
            changed = sum(1 for p in c.pairs if p.changes or p.renamed)
            out.append(f"table {t.number}: {len(c.added)} rows added, {len(c.removed)} removed, {changed} changed")
    return tuple(out)


def _renumbered(doc: Document, previous_doc: Document, old: Section) -> Section | None:
    """The section of ``doc`` that has ``old``'s title under another number, where that
    number was new or held another section before (7.2 → 7.3 when a 7.2 is inserted)."""
    for s in doc.sections:
        if s.title != old.title or s.number == old.number:
            continue
        before = previous_doc.section(s.number)
        if before is None or before.title != s.title:
            return s
    return None


def _came_from(previous_doc: Document, section: Section) -> Section:
    """The section of ``previous_doc`` titled as ``section`` under another number, if
    any (else ``section`` itself, which :func:`_renumbered` never pairs)."""
    others = [s for s in previous_doc.sections if s.title == section.title and s.number != section.number]
    return others[0] if len(others) == 1 else section


def section_history(versions: Versions, number: str) -> SectionHistory:
    """Follow section ``number`` through ``versions`` (also across a renumbering)."""
    events: list[Event] = []
    previous: Section | None = None
    previous_doc: Document | None = None
    for label, doc in versions:
        section = doc.section(previous.number if previous is not None else number)
        if previous is not None and previous_doc is not None and (section is None or section.title != previous.title):
            moved = _renumbered(doc, previous_doc, previous)
            if moved is not None:
                events.append(Event(label, "renumbered", previous.number, moved.number))
                section = moved
            elif section is not None and _renumbered(doc, previous_doc, _came_from(previous_doc, section)) is section:
                section = None  # another section renumbered into this number: ours was removed
        if section is None:
            if previous is not None:
                events.append(Event(label, "removed"))
            previous, previous_doc = None, doc
            continue
        if previous is None:
            events.append(Event(label, "added", new_name=section.title))
        else:
            if previous.title != section.title:
                events.append(Event(label, "retitled", previous.title, section.title))
            details = section_changes(previous, section)
            if details:
                events.append(Event(label, "changed", details=details))
        previous, previous_doc = section, doc
    return SectionHistory(number, tuple(label for label, _ in versions), tuple(events))
