"""The document model every reader builds and every transform and writer reads.

One model for DOCX and PDF input, for full Appendix R versions and for annexes.
Frozen dataclasses, tuples, standard library only: no I/O, no library types.

Text is kept twice where it matters: ``text`` is the document as it stands
(insertions kept, deletions dropped: "changes accepted"), and the ``runs``
carry the insert/delete marks so that the text before the changes can be
recovered (:func:`old_text`). A plain document has runs without marks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeAlias, TypeVar

Mark: TypeAlias = Literal["insert", "delete"]
TableKind: TypeAlias = str
"""A table kind's name ("duis", "device_alert", "dcc_alert", "other"): each is
declared once in :mod:`redline.kinds`, which says how it is read and checked."""

_SPACE = re.compile(r"\s+")
_NUMBER_PARTS = re.compile(r"\d+|[A-Z]+")

DOCUMENT_SCHEMA = "redline.document/1"
"""The version of this model's JSON form (``parse --json``, the versions store)."""


def number_key(number: str) -> tuple[tuple[int, int | str], ...]:
    """SEC order of section and clause numbers: 8.1.9 < 8.1.10; H14.2 < H14.2A < H14.2B <
    H14.3; a Section's letter first (A1 < A2 < H1). Kept here, with the model, because
    the model orders by it; :mod:`redline.numbering` (the grammar of numbers) exports it."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in _NUMBER_PARTS.findall(number.upper()))


def within(number: str, first: str) -> bool:
    """``number`` is ``first`` or below it ("H14.2" within "H14"; "H14.2A" is not within "H14.2")."""
    return number == first or number.startswith(first + ".")


def normalise(text: str) -> str:
    """Collapse runs of whitespace (line breaks, tabs, NBSP) to one space and strip."""
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one redline mark (or none)."""

    text: str
    mark: Mark | None = None


def accepted_text(runs: tuple[Run, ...]) -> str:
    """The text with insertions kept and deletions dropped."""
    return "".join(r.text for r in runs if r.mark != "delete")


def rejected_text(runs: tuple[Run, ...]) -> str:
    """The text with deletions kept and insertions dropped (the text before)."""
    return "".join(r.text for r in runs if r.mark != "insert")


def marked(runs: tuple[Run, ...], mark: Mark) -> tuple[str, ...]:
    """The fragments carrying ``mark``, adjacent runs merged, in order."""
    out: list[str] = []
    previous: Mark | None = None
    for run in runs:
        if run.mark == mark:
            if previous == mark and out:
                out[-1] += run.text
            else:
                out.append(run.text)
        previous = run.mark
    return tuple(f for f in (normalise(x) for x in out) if f)


def has_marks(runs: tuple[Run, ...]) -> bool:
    return any(r.mark is not None for r in runs)


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote or endnote, kept with the paragraph that cites it."""

    kind: Literal["footnote", "endnote"]
    text: str
    """Normalised accepted text of the note (its paragraphs joined by a space)."""
    runs: tuple[Run, ...] = ()


@dataclass(frozen=True, slots=True)
class Picture:
    """An image, chart, SmartArt diagram or embedded object in a paragraph: not read
    as text, but noticed, so that one removed, added or replaced is a change."""

    kind: Literal["image", "chart", "smartart", "object"]
    digest: str = ""
    """12 hex digits that tell the part it shows apart (the image's bytes, the
    diagram's data, the object's file): its CRC-32 and the low 16 bits of its
    size, as the zip records them; "" when the package lacks it."""
    name: str = ""
    """Its alternative text (``descr``) when the author gave one."""

    @property
    def label(self) -> str:
        """How a reviewer reads it in a diff: "[image 3f2a9c1b07de: Site plan]"."""
        what = " ".join(x for x in (self.kind, self.digest) if x)
        return f"[{what}: {self.name}]" if self.name else f"[{what}]"


@dataclass(frozen=True, slots=True)
class Notice:
    """A problem a reader (or a check) met but could read past, as a record
    (docutils' ``system_message``): how bad, which file, where in it, what.
    ``str()`` is the one-line form text output prints after "warning: "."""

    level: Literal["info", "warning", "error"]
    source: str
    """The file it is about."""
    place: str
    """Where in the file ("word/footnotes.xml", "Table 8.1.5", "page 3"); "" for the whole file."""
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of body text, a bullet, or an unnumbered sub-heading."""

    text: str
    """Normalised accepted text."""
    runs: tuple[Run, ...] = ()
    list_level: int | None = None
    """0-based bullet/list level; None for a plain paragraph."""
    style: str | None = None
    """Paragraph role where it matters: "subheading" for bold unnumbered
    headings such as "New User"; None otherwise."""
    notes: tuple[Note, ...] = ()
    """The footnotes and endnotes the paragraph cites, in the order it cites them."""
    pictures: tuple[Picture, ...] = ()
    label: str = ""
    """The number Word's list numbering renders before a sub-paragraph, as
    printed: "(a)", "(ii)", "1." (legal cross-references name it: "Section
    H14.12(b)"); "" for a bullet or a plain paragraph."""

    @property
    def old_text(self) -> str:
        return normalise(rejected_text(self.runs)) if self.runs else self.text

    @property
    def compared_text(self) -> str:
        """The text with its notes and pictures spelled out after it, as the diff
        compares a paragraph: a changed footnote or a removed image is a change
        of the paragraph, shown in words ("[footnote: …]", "[image …]")."""
        if not self.notes and not self.pictures:
            return self.text
        parts = [self.text, *(f"[{n.kind}: {n.text}]" for n in self.notes), *(p.label for p in self.pictures)]
        return " ".join(x for x in parts if x)


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell; several paragraphs in a cell are joined with a space."""

    text: str
    runs: tuple[Run, ...] = ()

    @property
    def old_text(self) -> str:
        return normalise(rejected_text(self.runs)) if self.runs else self.text


@dataclass(frozen=True, slots=True)
class Row:
    """A body row of a table. ``key`` and ``name`` come from the table's
    key and name columns ("" when the table has none)."""

    cells: tuple[Cell, ...]
    key: str = ""
    name: str = ""

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.cells)


@dataclass(frozen=True, slots=True)
class FooterRow:
    """A footer count row ("Count of N/A", "Total Tests") and its figures.

    ``figures`` are the integers of the row in reading order. Figure ``i``
    belongs to the table's value column ``i``; in a "Count of" row with one
    figure more than value columns, the last is the row total. The figures
    of "Total Tests" are its grand total (normally just one).
    """

    label: str
    figures: tuple[int, ...]
    cells: tuple[Cell, ...] = ()
    """The grid cells after the label cell (a label merged over several grid
    columns leaves empty cells for the columns it covers), as printed."""
    old_figures: tuple[int, ...] | None = None
    """For an annex: the figures before the change (struck figures kept,
    inserted ones dropped); None when the row carries no marks."""

    @property
    def is_inserted(self) -> bool:
        """An annex row the old table did not have: figures, none of them old,
        so its label is inserted text too."""
        return self.old_figures == () and bool(self.figures)

    @property
    def is_deleted(self) -> bool:
        """An annex row the new table no longer has: old figures, no new ones,
        so its label is struck too."""
        return bool(self.old_figures) and not self.figures


@dataclass(frozen=True, slots=True)
class Table:
    """A table, split into header, body and footer rows.

    A *keyed* table (DUIS role table, device or DCC alert table: a kind of
    :mod:`redline.kinds`) knows its key, name and value columns; other tables
    have ``kind == "other"``.
    """

    number: str | None
    """The number of the heading or caption the table sits under ("8.1.10")."""
    title: str
    columns: tuple[str, ...]
    """Normalised header text per grid column (the lowest header row wins
    when there are several, so "CV" rather than "Test Scenario")."""
    header_rows: tuple[tuple[Cell, ...], ...] = ()
    rows: tuple[Row, ...] = ()
    footer: tuple[FooterRow, ...] = ()
    kind: TableKind = "other"
    key_column: int | None = None
    name_column: int | None = None
    value_columns: tuple[int, ...] = ()
    role: str | None = None
    """The User Role abbreviation the table is for (IS, ES, GS, RSA, ED, GT, OU)."""

    def column_name(self, index: int | None) -> str:
        if index is None:
            return "Total"
        return self.columns[index] if index < len(self.columns) else str(index)


@dataclass(frozen=True, slots=True)
class Heading:
    """A numbered heading as read, before grouping into sections."""

    number: str
    title: str
    level: int
    runs: tuple[Run, ...] = ()
    old_number: str = ""
    """In an annex, a heading whose number is struck and retyped ("~~5.5~~ 5.6 Exit
    Requirements"): the struck number, the section's number in the baseline."""


Block: TypeAlias = Paragraph | Table


@dataclass(frozen=True, slots=True)
class Section:
    number: str
    """As printed: "1.1", "8.1.4" (typed or from Word's automatic numbering)."""
    title: str
    level: int
    """1 for "8", 2 for "8.1", 3 for "8.1.4"."""
    blocks: tuple[Block, ...] = ()
    title_runs: tuple[Run, ...] = ()

    @property
    def old_title(self) -> str:
        return normalise(rejected_text(self.title_runs)) if self.title_runs else self.title

    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))


@dataclass(frozen=True, slots=True)
class Target:
    kind: Literal["section", "table"]
    number: str


@dataclass(frozen=True, slots=True)
class Instruction:
    """One annex instruction as data: what to do (``verb``) to which section or
    table. Read from a line by :func:`redline.instructions.parse_instruction`,
    worded by :func:`redline.instructions.wording`; the verbs and the forms
    drafters type them in are declared there."""

    verb: str
    """"amend", "insert", "delete", "renumber" (:data:`redline.instructions.VERBS`)."""
    target: Target
    last: str | None = None
    """"Amend Sections 1.1 to 1.2": the last section of the range ("1.2")."""
    new_number: str | None = None
    """"Renumber Section 7.2 as Section 7.3": "7.3"."""
    after: str | None = None
    """"Insert Section 7.2 after Section 7.1": "7.1"."""
    before: str | None = None
    """"Insert Section 7.2 before Section 7.3": "7.3"."""
    document: str | None = None
    """The document named after the target ("of Appendix R": "Appendix R"), if any."""
    content: str | None = None
    """What happens to all the content under an amend that says so ("by inserting the following
    new definitions": "insert"; "Delete the following definition from": "delete"); None when
    the content's own marks say it."""

    def covers(self, number: str) -> bool:
        """Whether a section numbered ``number`` is within the instruction's scope:
        the target, its subsections, or any section of a range (SEC order: H14.2A is
        between H14.2 and H14.3)."""
        first = self.target.number
        if within(number, first):
            return True
        if self.last is None:
            return False
        key = number_key(number)
        return number_key(first) <= key and (key <= number_key(self.last) or within(number, self.last))


@dataclass(frozen=True, slots=True)
class Amendment:
    """One "Amend Section/Table X as follows:" instruction of an annex and the
    redlined content under it."""

    instruction: str
    """The instruction's wording, as typed (an annex read) or written (an annex planned)."""
    parsed: Instruction
    """The same instruction as data: planning, apply, conflicts and writers read this."""
    blocks: tuple[Heading | Paragraph | Table, ...] = ()
    old_text: str = ""
    new_text: str = ""
    inserted: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    document: str | None = None
    """The SEC document it amends ("Section H"): the annex part it stands in, or the
    document its instruction names ("of Appendix R"); None when the annex does not say."""

    @property
    def target(self) -> Target:
        return self.parsed.target

    @property
    def verb(self) -> str:
        return self.parsed.verb


@dataclass(frozen=True, slots=True)
class Document:
    source: str
    sha256: str
    title: str
    sections: tuple[Section, ...]
    sec_version: str | None = None
    """The SEC version the document states ("6.18"), if any."""
    front: tuple[Block, ...] = ()
    """Blocks before the first numbered heading (title block, notes)."""
    amendments: tuple[Amendment, ...] = ()
    drafted_against: str | None = None
    """For an annex: "These changes have been drafted against SEC Version X"."""
    warnings: tuple[Notice, ...] = field(default=())
    """Problems the reader met but could read past (data, not exceptions)."""
    document: str | None = None
    """Which SEC document this is ("Section H", "Appendix R"): from its cover title, or
    ``--document``; for an annex, the one document its amendments amend (None for several)."""
    document_title: str = ""
    """That document's title ("DCC Services")."""
    unknown_instructions: tuple[Notice, ...] = ()
    """In an annex: lines that read as instructions redline does not know, as records:
    place "paragraph 12", message "'Substitute Section 5.4 …'" (``str()``: both, as
    "paragraph 12: 'Substitute Section 5.4 …'"). ``apply`` refuses them."""
    read_from: str = field(default="", compare=False)
    """The format ``readers.sniff`` found in the file's first bytes ("docx", "pdf"), not
    its name's; "" for a model not read from one (built, or stored: not kept in the JSON)."""

    def section(self, number: str) -> Section | None:
        for s in self.sections:
            if s.number == number:
                return s
        return None

    def tables(self) -> tuple[Table, ...]:
        return tuple(t for s in self.sections for t in s.tables())

    def table(self, number: str) -> Table | None:
        for t in self.tables():
            if t.number == number:
                return t
        return None

    @property
    def is_annex(self) -> bool:
        return bool(self.amendments)


_T = TypeVar("_T")


def dispatch(node: object, handlers: Mapping[type, Callable[[Any], _T]], who: str) -> _T:
    """Call the handler for ``node``'s type: the one place where a reader's
    stream, apply or a writer turns a block into a call, so a type that
    nobody handles raises, as docutils' ``unknown_visit`` does, instead of
    being taken for another type or vanishing from the output."""
    for cls, handle in handlers.items():
        if isinstance(node, cls):
            return handle(node)
    raise TypeError(f"{who} cannot handle {type(node).__name__}")


class BlockVisitor(Protocol):
    """What walks an amendment's or a section's blocks (apply, the annex writers)."""

    def heading(self, h: Heading) -> None: ...

    def paragraph(self, p: Paragraph) -> None: ...

    def table(self, t: Table) -> None: ...


def visit(blocks: Iterable[object], visitor: BlockVisitor, who: str) -> None:
    """Hand each block to the visitor's method for its type (:func:`dispatch`)."""
    handlers: dict[type, Callable[[Any], None]] = {
        Heading: visitor.heading,
        Paragraph: visitor.paragraph,
        Table: visitor.table,
    }
    for block in blocks:
        dispatch(block, handlers, who)
