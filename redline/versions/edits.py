"""Edits that an annex makes to a baseline, as data, and how to carry them out.

Applying an annex is two steps: *plan* (``apply.plan``: find where each
amended paragraph, row and footer figure sits in the baseline, or report a
mismatch) and *execute* (here: rebuild the baseline with the edits). Keeping
the edits as records lets ``conflicts`` compare two annexes place by place
without applying either. Each edit names its place with ``place``: two edits
with the same place touch the same thing. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal, TypeAlias

from redline.diff.words import brief, diff_words
from redline.model import Block, Cell, Document, FooterRow, Note, Paragraph, Row, Run, Section, Table, normalise
from redline.structure import CAPTION
from redline.tables import RawCell, RawRow, build_table
from redline.text import canonical_value, natural_key

Op: TypeAlias = Literal["replace", "delete", "insert"]
Place: TypeAlias = tuple[str, ...]

_WORDLESS = re.compile(r"[\W_]+")


def loose(text: str) -> str:
    """Text compared across readers: case, spacing and punctuation ignored
    (a PDF may space "executing  the" or quote differently from Word)."""
    return _WORDLESS.sub("", text.replace("\u00a0", " ")).casefold()


def loose_cells(cells: Sequence[str]) -> tuple[str, ...]:
    return tuple(canonical_value(loose(c)) for c in cells)


def plain(text: str) -> Cell:
    t = normalise(text)
    return Cell(t, (Run(t),) if t else ())


@dataclass(frozen=True, slots=True)
class ParagraphEdit:
    section: str
    index: int
    """Block index in the baseline section; an insert goes before it."""
    op: Op
    old: str
    new: str
    paragraph: Paragraph | None = None
    """The paragraph to put in (replace, insert)."""

    @property
    def place(self) -> Place:
        if self.op == "insert":
            return ("section", self.section, "insert-before", str(self.index))
        return ("section", self.section, "paragraph", str(self.index))

    @property
    def target(self) -> str:
        return f"Section {self.section}"

    @property
    def where(self) -> str:
        return f"{self.target} {'before paragraph' if self.op == 'insert' else 'paragraph'} {self.index + 1}"

    @property
    def what(self) -> str:
        if self.op == "insert":
            return f"inserts paragraph: {_short(self.new)!r}"
        if self.op == "delete":
            return f"deletes paragraph: {_short(self.old)!r}"
        return f"changes paragraph: {brief(diff_words(self.old, self.new))}"

    @property
    def tally(self) -> str:
        return {"insert": "paragraph(s) inserted", "delete": "paragraph(s) deleted", "replace": "paragraph(s) changed"}[
            self.op
        ]


@dataclass(frozen=True, slots=True)
class NoteEdit:
    """The text of a footnote or endnote a baseline paragraph cites (the annex spells
    it after the paragraph: "[footnote: …]", as the diff compares it)."""

    section: str
    index: int
    """Block index of the citing paragraph in the baseline section."""
    note: int
    """Which of the paragraph's notes, in the order it cites them."""
    kind: Literal["footnote", "endnote"]
    old: str
    new: str

    @property
    def place(self) -> Place:
        return ("section", self.section, "paragraph", str(self.index), "note", str(self.note))

    @property
    def target(self) -> str:
        return f"Section {self.section}"

    @property
    def where(self) -> str:
        return f"{self.target} paragraph {self.index + 1} {self.kind}"

    @property
    def what(self) -> str:
        return f"changes {self.kind}: {brief(diff_words(self.old, self.new))}"

    @property
    def tally(self) -> str:
        return f"{self.kind}(s) changed"


@dataclass(frozen=True, slots=True)
class TitleEdit:
    section: str
    old: str
    new: str

    @property
    def place(self) -> Place:
        return ("section", self.section, "title")

    @property
    def target(self) -> str:
        return f"Section {self.section}"

    @property
    def where(self) -> str:
        return f"{self.target} title"

    @property
    def what(self) -> str:
        return f"retitles: {self.old!r} -> {self.new!r}"

    @property
    def tally(self) -> str:
        return "title changed"


@dataclass(frozen=True, slots=True)
class SectionEdit:
    """A whole section inserted (``section`` holds it) or deleted."""

    number: str
    op: Literal["insert", "delete"]
    section: Section | None = None

    @property
    def place(self) -> Place:
        return ("section", self.number, "whole")

    @property
    def target(self) -> str:
        return f"Section {self.number}"

    @property
    def where(self) -> str:
        return self.target

    @property
    def what(self) -> str:
        return f"{self.op}s section {self.number}"

    @property
    def tally(self) -> str:
        return "section inserted" if self.op == "insert" else "section deleted"


@dataclass(frozen=True, slots=True)
class RowEdit:
    table: str
    index: int
    """Row index in the baseline table; an insert goes before it."""
    op: Op
    key: str
    name: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    columns: tuple[str, ...] = ()
    """The table's column names (for reports)."""

    @property
    def place(self) -> Place:
        if self.op == "insert":
            return ("table", self.table, "insert", self.key, loose(self.name))
        return ("table", self.table, "row", str(self.index))

    @property
    def target(self) -> str:
        return f"Table {self.table}"

    @property
    def where(self) -> str:
        return f"{self.target} row {self.key} ({self.name})"

    @property
    def what(self) -> str:
        if self.op == "insert":
            return f"inserts row {self.key} ({self.name}): {' | '.join(self.new)}"
        if self.op == "delete":
            return f"deletes row {self.key} ({self.name})"
        names = [self.columns[i] if i < len(self.columns) and self.columns[i] else f"column {i}"
                 for i in range(len(self.new))]
        changed = [f"{n}: {a!r} -> {b!r}" for n, a, b in zip(names, self.old, self.new, strict=False) if a != b]
        return f"changes row {self.key}: " + "; ".join(changed)

    @property
    def tally(self) -> str:
        return {"insert": "row(s) inserted", "delete": "row(s) deleted", "replace": "row(s) changed"}[self.op]


@dataclass(frozen=True, slots=True)
class FooterEdit:
    table: str
    label: str
    index: int
    """Position of the figure in the footer row."""
    old: int
    new: int
    figures: tuple[int, ...]
    """The whole row's figures after the change."""

    @property
    def place(self) -> Place:
        return ("table", self.table, "footer", canonical_value(self.label), str(self.index))

    @property
    def target(self) -> str:
        return f"Table {self.table}"

    @property
    def where(self) -> str:
        return f"{self.target} footer '{self.label}' figure {self.index + 1}"

    @property
    def what(self) -> str:
        return f"sets {self.label} figure {self.index + 1}: {self.old} -> {self.new}"

    @property
    def tally(self) -> str:
        return "footer figure(s) set"


@dataclass(frozen=True, slots=True)
class FooterRowEdit:
    """A footer row the annex adds (a new "Count of Mandatory SMETS1") or strikes whole."""

    table: str
    op: Literal["insert", "delete"]
    label: str
    figures: tuple[int, ...]
    before: str | None = None
    """For an insert: the baseline footer row it goes before (None: at the end)."""

    @property
    def place(self) -> Place:
        return ("table", self.table, "footer", canonical_value(self.label), "row")

    @property
    def target(self) -> str:
        return f"Table {self.table}"

    @property
    def where(self) -> str:
        return f"{self.target} footer row '{self.label}'"

    @property
    def what(self) -> str:
        if self.op == "insert":
            return f"inserts footer row {self.label}: {' '.join(map(str, self.figures))}"
        return f"deletes footer row {self.label}"

    @property
    def tally(self) -> str:
        return "footer row(s) inserted" if self.op == "insert" else "footer row(s) deleted"


@dataclass(frozen=True, slots=True)
class ColumnEdit:
    """A table column the annex inserts (its header cell underlined, every cell
    under it new) or deletes (its header struck, every cell under it struck).
    Carried out after the table's row and footer edits, which index the
    baseline's columns."""

    table: str
    op: Literal["insert", "delete"]
    index: int
    """Grid column: the baseline's for a delete, the amended table's for an insert."""
    name: str
    header: tuple[str, ...] = ()
    """An insert: the new column's text in each header row."""
    cells: tuple[str, ...] = ()
    """An insert: its text in each body row of the amended table, in order."""
    footer: tuple[tuple[str, str], ...] = ()
    """An insert: (footer label, its text in that footer row)."""

    @property
    def place(self) -> Place:
        return ("table", self.table, "column", loose(self.name))

    @property
    def target(self) -> str:
        return f"Table {self.table}"

    @property
    def where(self) -> str:
        return f"{self.target} column {self.name}"

    @property
    def what(self) -> str:
        return f"{self.op}s column {self.name}"

    @property
    def tally(self) -> str:
        return "column(s) inserted" if self.op == "insert" else "column(s) deleted"


Edit: TypeAlias = (
    ParagraphEdit | NoteEdit | TitleEdit | SectionEdit | RowEdit | FooterEdit | FooterRowEdit | ColumnEdit
)
"""Every edit type says, as properties, where it lands (``place`` for
matching, ``target`` and ``where`` for people), what it does (``what``) and
how a summary counts it (``tally``): one home per type, no isinstance chain."""


def _short(text: str, width: int = 120) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _shift(numbers: dict[str, str], at: str, delta: int) -> None:
    """Move the siblings at or after ``at`` (after, for a deletion) and their subsections by ``delta``."""
    parts = at.split(".")
    depth = len(parts)
    if not parts[-1].isdigit():
        return
    k = int(parts[-1])
    for old, cur in list(numbers.items()):
        cp = cur.split(".")
        if delta < 0 and (cur == at or cur.startswith(at + ".")):
            del numbers[old]
            continue
        if len(cp) < depth or cp[: depth - 1] != parts[:-1] or not cp[depth - 1].isdigit():
            continue
        n = int(cp[depth - 1])
        if (delta > 0 and n >= k) or (delta < 0 and n > k):
            cp[depth - 1] = str(n + delta)
            numbers[old] = ".".join(cp)


def renumbering(numbers: Iterable[str], inserts: Iterable[str], deletes: Iterable[str]) -> dict[str, str]:
    """Baseline section number → number after the annex inserts and deletes whole sections.

    An annex shows an inserted section under its new number and leaves out the
    sections that only renumber because of it (7.2 inserted: old 7.2 becomes
    7.3 unshown); a deleted section is shown under its baseline number.
    Deletions go first (highest first, in baseline numbers), then insertions
    (lowest first, in the new numbers).
    """
    current = {n: n for n in numbers}
    for d in sorted(set(deletes), key=natural_key, reverse=True):
        _shift(current, d, -1)
    for i in sorted(set(inserts), key=natural_key):
        _shift(current, i, +1)
    return current


def describe(edit: Edit) -> str:
    """Where an edit lands, for people: "Table 8.1.10 row 8.4 (Update Inventory)"."""
    return edit.where


def _rows(table: Table, edits: Sequence[RowEdit]) -> tuple[Row, ...]:
    inserts: dict[int, list[RowEdit]] = defaultdict(list)
    changes: dict[int, RowEdit] = {}
    for e in edits:
        if e.op == "insert":
            inserts[e.index].append(e)
        else:
            changes[e.index] = e
    out: list[Row] = []

    def new_row(e: RowEdit) -> Row:
        return Row(tuple(plain(t) for t in e.new), e.key, e.name)

    for i in range(len(table.rows) + 1):
        out.extend(new_row(e) for e in inserts.get(i, []))
        if i == len(table.rows):
            break
        change = changes.get(i)
        if change is None:
            out.append(table.rows[i])
        elif change.op == "replace":
            out.append(new_row(change))
    return tuple(out)


def _footer_cells(cells: tuple[Cell, ...], figures: tuple[int, ...]) -> tuple[Cell, ...]:
    """The row's cells with its numbers replaced in order, or plain cells if they do not line up."""
    found = sum(len(re.findall(r"\d+", c.text)) for c in cells)
    if found != len(figures):
        return tuple(plain(str(f)) for f in figures)
    it = iter(figures)
    return tuple(plain(re.sub(r"\d+", lambda _: str(next(it)), c.text)) for c in cells)


def _footer(table: Table, edits: Sequence[FooterEdit | FooterRowEdit]) -> tuple[FooterRow, ...]:
    by_label = {canonical_value(e.label): e.figures for e in edits if isinstance(e, FooterEdit)}
    rows = [e for e in edits if isinstance(e, FooterRowEdit)]
    gone = {canonical_value(e.label) for e in rows if e.op == "delete"}
    added: dict[str | None, list[FooterRowEdit]] = defaultdict(list)
    for e in rows:
        if e.op == "insert":
            added[canonical_value(e.before) if e.before else None].append(e)

    def new_row(e: FooterRowEdit) -> FooterRow:
        return FooterRow(e.label, e.figures, tuple(plain(str(x)) for x in e.figures), None)

    out: list[FooterRow] = []
    for f in table.footer:
        key = canonical_value(f.label)
        out.extend(new_row(e) for e in added.pop(key, []))
        figures = by_label.get(key)
        if key in gone:
            continue
        if figures is None or figures == f.figures:
            out.append(f)
        else:
            out.append(FooterRow(f.label, figures, _footer_cells(f.cells, figures), None))
    out.extend(new_row(e) for es in added.values() for e in es)
    return tuple(out)


def _footer_grid(f: FooterRow, width: int) -> tuple[Cell, ...]:
    """A footer row laid on the grid as a reader lays it: the label, blanks where it spans, its cells."""
    return (plain(f.label), *(Cell("") for _ in range(width - 1 - len(f.cells))), *f.cells)


def _columns(table: Table, edits: Sequence[ColumnEdit]) -> Table:
    """``table`` with columns inserted and deleted, rebuilt from its grid as a reader
    builds it (:func:`redline.tables.build_table`), so the key, name and value columns
    and the footer figures are found again, as a read-back of the amended DOCX finds them."""
    width = len(table.columns)
    header = [list(h) for h in table.header_rows]
    body = [list(r.cells) for r in table.rows]
    footer = [list(_footer_grid(f, width)) for f in table.footer]
    for e in sorted((e for e in edits if e.op == "delete"), key=lambda e: -e.index):
        for row in (*header, *body, *footer):
            if e.index < len(row):
                del row[e.index]
    for e in sorted((e for e in edits if e.op == "insert"), key=lambda e: e.index):
        if len(e.header) != len(header) or len(e.cells) != len(body):
            raise ValueError(f"Table {table.number}: column {e.name} does not cover every row")
        texts = dict(e.footer)
        for row, text in zip((*header, *body), (*e.header, *e.cells), strict=True):
            row.insert(e.index, plain(text))
        for row, f in zip(footer, table.footer, strict=True):
            row.insert(e.index, plain(texts.get(f.label, "")))
    raw = [RawRow(tuple(RawCell(c) for c in row), is_header=i < len(header))
           for i, row in enumerate((*header, *body, *footer))]
    built = build_table(table.number, table.title, raw)
    return replace(built, title=table.title)


def _table(table: Table, rows: Sequence[RowEdit], footer: Sequence[FooterEdit | FooterRowEdit],
           columns: Sequence[ColumnEdit] = ()) -> Table:
    if not rows and not footer and not columns:
        return table
    out = replace(table, rows=_rows(table, rows), footer=_footer(table, footer))
    return _columns(out, columns) if columns else out


def _recaptioned(block: Block, numbers: dict[str, str]) -> Block:
    """A typed caption ("Table 8.1.13: Device Alert Tests – IS") of a table whose section
    is renumbered, with the new number typed, as the amended DOCX retypes it."""
    if not isinstance(block, Paragraph):
        return block
    m = CAPTION.match(block.text)
    if m is None or numbers.get(m.group(1), m.group(1)) == m.group(1):
        return block
    text = block.text.replace(m.group(1), numbers[m.group(1)], 1)
    return replace(block, text=text, runs=(Run(text),))


def _with_notes(block: Block, edits: Sequence[NoteEdit]) -> Block:
    if not edits or not isinstance(block, Paragraph):
        return block
    notes = list(block.notes)
    for e in edits:
        if e.note < len(notes):
            text = normalise(e.new)
            notes[e.note] = Note(e.kind, text, (Run(text),) if text else ())
    return replace(block, notes=tuple(notes))


def _blocks(
    section: Section,
    edits: Sequence[ParagraphEdit],
    tables: dict[str, tuple[list[RowEdit], list[FooterEdit | FooterRowEdit]]],
    numbers: dict[str, str],
    columns: dict[str, list[ColumnEdit]],
    notes: Sequence[NoteEdit] = (),
) -> tuple[Block, ...]:
    inserts: dict[int, list[ParagraphEdit]] = defaultdict(list)
    changes: dict[int, ParagraphEdit] = {}
    for e in edits:
        if e.op == "insert":
            inserts[e.index].append(e)
        else:
            changes[e.index] = e
    out: list[Block] = []
    for i in range(len(section.blocks) + 1):
        out.extend(e.paragraph for e in inserts.get(i, []) if e.paragraph is not None)
        if i == len(section.blocks):
            break
        block = _with_notes(section.blocks[i], [e for e in notes if e.index == i])
        change = changes.get(i)
        if isinstance(block, Table):
            rows, footer = tables.get(block.number or "", ([], []))
            out.append(_table(block, rows, footer, columns.get(block.number or "", [])))
        elif change is None:
            out.append(_recaptioned(block, numbers))
        elif change.op == "replace" and change.paragraph is not None:
            out.append(_with_notes(change.paragraph, [e for e in notes if e.index == i]))
    return tuple(out)


def _renumber_table(block: Block, numbers: dict[str, str]) -> Block:
    if isinstance(block, Table) and block.number in numbers:
        return replace(block, number=numbers[block.number])
    return block


def execute(base: Document, edits: Iterable[Edit], *, source: str) -> Document:
    """The baseline with ``edits`` carried out (edits index the baseline, so order does not matter)."""
    paragraphs: dict[str, list[ParagraphEdit]] = defaultdict(list)
    titles: dict[str, TitleEdit] = {}
    deleted: set[str] = set()
    added: list[Section] = []
    tables: dict[str, tuple[list[RowEdit], list[FooterEdit | FooterRowEdit]]] = defaultdict(lambda: ([], []))
    columns: dict[str, list[ColumnEdit]] = defaultdict(list)
    notes: dict[str, list[NoteEdit]] = defaultdict(list)
    for e in edits:
        if isinstance(e, ParagraphEdit):
            paragraphs[e.section].append(e)
        elif isinstance(e, TitleEdit):
            titles[e.section] = e
        elif isinstance(e, SectionEdit):
            if e.op == "delete":
                deleted.add(e.number)
            elif e.section is not None:
                added.append(e.section)
        elif isinstance(e, RowEdit):
            tables[e.table][0].append(e)
        elif isinstance(e, FooterRowEdit | FooterEdit):
            tables[e.table][1].append(e)
        elif isinstance(e, ColumnEdit):
            columns[e.table].append(e)
        elif isinstance(e, NoteEdit):
            notes[e.section].append(e)
        else:
            raise TypeError(f"unknown edit type {type(e).__name__}")
    numbers = renumbering((s.number for s in base.sections), (s.number for s in added), deleted)
    sections: list[Section] = []
    for s in base.sections:
        if s.number in deleted:
            continue
        title = titles[s.number].new if s.number in titles else s.title
        blocks = _blocks(s, paragraphs.get(s.number, []), tables, numbers, columns, notes.get(s.number, []))
        title_runs = (Run(title),) if s.number in titles else s.title_runs
        number = numbers.get(s.number, s.number)
        if number != s.number:
            blocks = tuple(_renumber_table(b, numbers) for b in blocks)
        sections.append(replace(s, number=number, title=title, blocks=blocks, title_runs=title_runs))
    for new in added:
        at = len(sections)
        for i, s in enumerate(sections):
            if natural_key(s.number) > natural_key(new.number):
                at = i
                break
        sections.insert(at, new)
    return replace(
        base,
        source=source,
        sha256="",
        sections=tuple(sections),
        amendments=(),
        drafted_against=None,
    )
