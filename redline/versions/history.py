"""The history of a table's rows or of a section across stored versions.

``redline log --table 8.1.10 [--key 8.14.3]`` and ``redline log --section
5.4``: stepping through the versions in order, each row (or the section) is
followed from one version to the next, and every step that differs becomes an
event: added (first appeared), changed (which cells), renamed, removed;
for a section also retitled and renumbered. Rows, tables and sections are
followed from one version to the next with the pairs ``redline diff`` makes
(:mod:`redline.diff.match`), so ``log`` tells the story the diff of each two
consecutive versions tells: a rename is one event, not a removal and an
addition, and 5.3 becoming 5.4 under a new title is renumbered (and
retitled), as the diff says. Pure: versions come in as (label, Document) pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from redline.diff.match import Alignment, TableAlignment, align, align_tables, in_order, same_title, section_paragraphs
from redline.diff.sections import diff_paragraphs
from redline.diff.words import brief
from redline.model import Document, Row, Section, Table
from redline.versions.rowmatch import CellChange, RowPair, compare_rows

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
    """What happened to the section followed (the one holding the number first)."""
    taken_by: tuple[Event, ...] = ()
    """Other sections that came to hold the number: ``added`` (a new section, its
    title in ``new_name``) or ``renumbered`` (``old_name`` → the number, title in
    ``details``), in the version they took it. Without them ``log --section 7.2``
    follows 6.18's 7.2 to 7.3 and never says a new 7.2 was inserted."""


Versions = Sequence[tuple[str, Document]]


def _row_event(version: str, old: Row, new: Row, cells: tuple[CellChange, ...]) -> list[Event]:
    events = []
    if old.name != new.name:
        events.append(Event(version, "renamed", old.name, new.name))
    if cells:
        events.append(Event(version, "changed", cells=cells))
    return events


def _moved(old: Table, new: Table, pairs: Sequence[RowPair]) -> dict[int, str]:
    """Rows whose order among the kept rows changed: those off the longest run
    that kept its order (the diff's ``in_order``), so one row moved is one
    event, not every row it passed."""
    old_at = {id(r): i for i, r in enumerate(old.rows)}
    new_at = {id(r): i for i, r in enumerate(new.rows)}
    ordered = sorted(pairs, key=lambda p: new_at[id(p.new)])
    keep = in_order([(old_at[id(p.old)], new_at[id(p.new)]) for p in ordered])
    out = {}
    for k, p in enumerate(ordered):
        if (old_at[id(p.old)], new_at[id(p.new)]) not in keep:
            before = ordered[k - 1].new if k > 0 else None
            after = f"after {before.key} ({before.name})" if before is not None else "to the top"
            out[id(p.new)] = f"row {old_at[id(p.old)] + 1} -> row {new_at[id(p.new)] + 1}, {after}"
    return out


def table_history(versions: Versions, number: str, key: str | None = None) -> TableHistory:
    """Follow every row of table ``number`` (or only rows keyed ``key``) through ``versions``."""
    lines: list[RowHistory] = []
    current: list[tuple[RowHistory, Row]] = []
    previous: Table | None = None
    previous_doc: Document | None = None
    missing: list[str] = []
    renumbered: list[Event] = []
    following = number
    for label, doc in versions:
        aligned: TableAlignment | None = None
        if previous is not None and previous_doc is not None:
            # the same table may sit under another number now (a role table inserted
            # before it): where the diff's alignment of the two versions puts it
            aligned = _partner_table(previous_doc, doc, previous)
            moved_to = doc.tables()[aligned.new].number if aligned is not None and aligned.new is not None else None
            if moved_to is not None and moved_to != following:
                renumbered.append(Event(label, "renumbered", following, moved_to))
                following = moved_to
        else:
            following = number
        table = doc.table(following)
        if aligned is not None and (aligned.new is None or doc.tables()[aligned.new] is not table):
            aligned = None
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
            comparison = compare_rows(previous, table, aligned)
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


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _partner_table(previous_doc: Document, doc: Document, table: Table) -> TableAlignment | None:
    """The diff's alignment of ``table`` (of ``previous_doc``) with its partner in ``doc``."""
    old_tables = previous_doc.tables()
    at = next(k for k, t in enumerate(old_tables) if t is table)
    return next((t for t in align_tables(old_tables, doc.tables()) if t.old == at and t.new is not None), None)


def section_changes(
    old: Section, new: Section, tables: Sequence[tuple[Table | None, Table, TableAlignment | None]] | None = None
) -> tuple[str, ...]:
    """One line per paragraph added, removed or edited (paired as the diff
    pairs them), and per table whose rows changed. ``tables``: each table of
    ``new`` with its partner and pairing in the diff's alignment of the two
    versions (a table moved here from another section keeps its partner);
    without it, the two sections alone are aligned."""
    out: list[str] = []
    for p in diff_paragraphs(section_paragraphs(old), section_paragraphs(new)):
        if p.change == "modified" and p.old_index is not None:
            out.append(f"edited paragraph {p.old_index + 1}: {brief(p.edits)}")
        elif p.change == "removed":
            out.append(f"removed paragraph: {_short(p.old or '')!r}")
        else:
            out.append(f"added paragraph: {_short(p.new or '')!r}")
    if tables is None:
        old_tables, new_tables = old.tables(), new.tables()
        tables = [
            (old_tables[a.old] if a.old is not None else None, new_tables[a.new], a if a.old is not None else None)
            for a in align_tables(old_tables, new_tables)
            if a.new is not None
        ]
    for before, t, aligned in tables:
        if before is None:
            out.append(f"added table {t.number}")
        elif before.rows != t.rows or before.footer != t.footer:
            c = compare_rows(before, t, aligned)
            changed = sum(1 for p in c.pairs if p.changes or p.renamed)
            out.append(f"table {t.number}: {len(c.added)} rows added, {len(c.removed)} removed, {changed} changed")
    return tuple(out)


def _alignment(previous_doc: Document, doc: Document) -> Alignment:
    """The diff's alignment of two consecutive versions (``redline diff``'s own)."""
    return align(previous_doc.sections, doc.sections, previous_doc.tables(), doc.tables())


def _partner(previous_doc: Document, doc: Document, section: Section, alignment: Alignment) -> Section | None:
    """The section of ``doc`` the diff pairs with ``section`` of ``previous_doc``."""
    at = next(k for k, s in enumerate(previous_doc.sections) if s is section)
    return next((doc.sections[j] for i, j in alignment.section_pairs() if i == at), None)


def _section_tables(
    previous_doc: Document, doc: Document, section: Section, alignment: Alignment
) -> list[tuple[Table | None, Table, TableAlignment | None]]:
    """Each table of ``section`` (of ``doc``) with its partner in ``previous_doc``, as the diff aligned them."""
    old_tables, new_tables = previous_doc.tables(), doc.tables()
    new_at = {id(t): k for k, t in enumerate(new_tables)}
    out: list[tuple[Table | None, Table, TableAlignment | None]] = []
    for t in section.tables():
        a = alignment.table_of_new(new_at[id(t)])
        prior = old_tables[a.old] if a is not None and a.old is not None else None
        out.append((prior, t, a if prior is not None else None))
    return out


def _earlier(previous_doc: Document, doc: Document, section: Section) -> Section | None:
    """The section of ``previous_doc`` the diff pairs with ``section`` of ``doc``."""
    at = next(k for k, s in enumerate(doc.sections) if s is section)
    pairs = _alignment(previous_doc, doc).section_pairs()
    return next((previous_doc.sections[i] for i, j in pairs if j == at), None)


def _holder_events(versions: Versions, number: str, followed: list[Section | None]) -> tuple[Event, ...]:
    """Sections other than the one followed that hold ``number``, one event per
    version a new one took it (``followed[k]`` is the followed section in version k)."""
    out: list[Event] = []
    previous_holder: Section | None = None
    previous_doc: Document | None = None
    for k, (label, doc) in enumerate(versions):
        holder = doc.section(number)
        if holder is None or holder is followed[k]:
            previous_holder, previous_doc = None, doc
            continue
        was = _earlier(previous_doc, doc, holder) if previous_doc is not None else None
        if previous_holder is None or was is not previous_holder:
            if was is None:
                out.append(Event(label, "added", new_name=holder.title))
            else:
                out.append(Event(label, "renumbered", was.number, number, details=(holder.title,)))
        previous_holder, previous_doc = holder, doc
    return tuple(out)


def section_history(versions: Versions, number: str) -> SectionHistory:
    """Follow section ``number`` through ``versions`` (also across a renumbering),
    and name any other section that comes to hold the number (``taken_by``)."""
    events: list[Event] = []
    followed: list[Section | None] = []
    previous: Section | None = None
    previous_doc: Document | None = None
    for label, doc in versions:
        followed.append(_followed(events, label, doc, number, previous, previous_doc))
        previous, previous_doc = followed[-1], doc
    taken = _holder_events(versions, number, followed)
    return SectionHistory(number, tuple(label for label, _ in versions), tuple(events), taken)


def _followed(
    events: list[Event], label: str, doc: Document, number: str, previous: Section | None, previous_doc: Document | None
) -> Section | None:
    """The followed section in ``doc`` (None where there is none), its events appended to ``events``.

    Not followed yet, the section holding ``number`` is taken up; if the diff
    pairs it with a section of the version before (7.3 that became 7.4), it is
    that section renumbered, not one that "first appeared"."""
    if previous is None or previous_doc is None:
        section = doc.section(number)
        if section is None:
            return None
        was = _earlier(previous_doc, doc, section) if previous_doc is not None else None
        if was is None:
            events.append(Event(label, "added", new_name=section.title))
            return section
        previous = was
    assert previous_doc is not None
    alignment = _alignment(previous_doc, doc)
    section = _partner(previous_doc, doc, previous, alignment)
    if section is None:
        events.append(Event(label, "removed"))
        return None
    if section.number != previous.number:
        events.append(Event(label, "renumbered", previous.number, section.number))
    if not same_title(previous.title, section.title):
        events.append(Event(label, "retitled", previous.title, section.title))
    details = section_changes(previous, section, _section_tables(previous_doc, doc, section, alignment))
    if details:
        events.append(Event(label, "changed", details=details))
    return section
