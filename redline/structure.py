"""Assemble a reader's flat stream of blocks into a :class:`Document`.

Readers only know what they see in reading order: headings, paragraphs and
table grids. Everything about the document's shape is decided here, once for
both formats: which section a block belongs to, which number a table takes
(the heading or caption it sits under, or the "Amend Table X" it follows),
the title block, the stated SEC version and, for an annex, its amendments.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from redline import instructions as grammar
from redline import numbering
from redline.model import (
    Amendment,
    Block,
    Cell,
    Document,
    FooterRow,
    Heading,
    Mark,
    Notice,
    Paragraph,
    Run,
    Section,
    Table,
    Target,
    accepted_text,
    dispatch,
    marked,
    normalise,
    rejected_text,
)
from redline.tables import RawRow, build_table


class _InstructionPattern:
    """``INSTRUCTION.match(line)``: true for an instruction line (the grammar lives in
    :mod:`redline.instructions`; this keeps the readers' old spelling working)."""

    @staticmethod
    def match(text: str) -> grammar.Instruction | None:
        return grammar.parse_instruction(text)


INSTRUCTION = _InstructionPattern()
CAPTION = numbering.TABLE_CAPTION
BANNER = re.compile(r"^\s*This document is classified as\b", re.IGNORECASE)
VERSION = re.compile(r"\bSEC\s+Version\s+(\d+(?:\.\d+)+)", re.IGNORECASE)
AGAINST = re.compile(r"drafted against SEC Version\s+(\d+(?:\.\d+)+)", re.IGNORECASE)
RENUMBER = grammar.RENUMBER_NOTE


@dataclass(frozen=True, slots=True)
class TableDraft:
    """A table grid as a reader found it, before it has a number."""

    rows: list[RawRow] = field(default_factory=list)
    caption: str = ""
    """A caption the reader found attached to the table, if any."""


StreamItem = Heading | Paragraph | TableDraft


def parse_instruction(text: str) -> Target | None:
    """The section or table an instruction line names (see :mod:`redline.instructions`)."""
    found = grammar.parse_instruction(text)
    return found.target if found is not None else None


def block_lines(block: Heading | Paragraph | Table, *, old: bool) -> list[str]:
    """The text of a block as lines, before (``old``) or after its marks."""
    pick = rejected_text if old else accepted_text
    if isinstance(block, Heading):
        title = normalise(pick(block.runs)) if block.runs else block.title
        if not title:
            return []  # an inserted (or deleted) section: no heading on this side, not its bare number
        return [f"{block.number} {title}".strip()]
    if isinstance(block, Paragraph):
        text = normalise(pick(block.runs)) if block.runs else block.text
        return [text] if text and not grammar.is_placeholder(text) else []
    if not isinstance(block, Table):
        raise TypeError(f"cannot give the text of {type(block).__name__}")
    lines = []
    for row in block.rows:
        cells = [normalise(pick(c.runs)) if c.runs else c.text for c in row.cells]
        if any(cells) and not grammar.is_elided_row(tuple(cells)):
            lines.append(" | ".join(cells))
    for f in block.footer:
        if old and f.old_figures == () and f.figures:
            continue  # every figure inserted: the row was not there before
        if not old and f.is_deleted:
            continue  # every figure struck: the row is gone
        figures = f.old_figures if old and f.old_figures is not None else f.figures
        lines.append(" | ".join([f.label, *map(str, figures)]))
    return lines


def _block_runs(block: Heading | Paragraph | Table) -> tuple[Run, ...]:
    if isinstance(block, Heading | Paragraph):
        return block.runs
    runs: list[Run] = []
    for row in block.rows:
        for c in row.cells:
            runs.extend(c.runs)
            runs.append(Run(" "))
    for f in block.footer:
        if f.is_inserted or f.is_deleted:  # the label of a new or dropped row is marked text, though it has no runs
            runs.extend((Run(f.label, "insert" if f.is_inserted else "delete"), Run(" ")))
        for c in f.cells:
            runs.extend(c.runs)
            runs.append(Run(" "))
    return tuple(runs)


def _remark(runs: tuple[Run, ...], mark: Mark) -> tuple[Run, ...]:
    return tuple(Run(r.text, mark) for r in runs)


def _whole(block: Heading | Paragraph | Table, mark: Mark) -> Heading | Paragraph | Table:
    """``block`` with all its text marked: the content of an "Insert …" or "Delete …"
    instruction typed without marks (the instruction says what happens to it)."""
    if isinstance(block, Heading):
        return replace(block, runs=_remark(block.runs or (Run(block.title),), mark),
                       title=block.title if mark == "insert" else "")
    if isinstance(block, Paragraph):
        if grammar.is_placeholder(block.text):
            return block
        runs = _remark(block.runs or (Run(block.text),), mark)
        return replace(block, runs=runs, text=block.text if mark == "insert" else "")

    def cell(c: Cell) -> Cell:
        if not c.text:
            return c
        return Cell(c.text if mark == "insert" else "", _remark(c.runs or (Run(c.text),), mark))

    rows = tuple(replace(r, cells=tuple(cell(c) for c in r.cells)) for r in block.rows)
    footer = tuple(
        FooterRow(f.label, f.figures, tuple(cell(c) for c in f.cells), ())
        if mark == "insert"
        else FooterRow(f.label, (), tuple(cell(c) for c in f.cells), f.figures)
        for f in block.footer
    )
    return replace(block, rows=rows, footer=footer)


def _unmarked(blocks: list[Heading | Paragraph | Table]) -> bool:
    return not any(r.mark for b in blocks for r in _block_runs(b))


_NUMBER_RUN = re.compile(rf"\s*({numbering.NUMBER})\.?\s*")
"""A run that is a section number alone ("5.5", "H14.2A"): a struck or retyped heading number."""


def _renumbered(h: Heading) -> Heading:
    """ "~~5.5~~ 5.6 Exit Requirements": the struck number is the baseline's; the heading
    keeps the new number and its title without the struck one."""
    runs = list(h.runs)
    while runs and not runs[0].text.strip():
        runs.pop(0)
    if not runs or runs[0].mark != "delete":
        return h
    m = _NUMBER_RUN.fullmatch(runs[0].text)
    if not m or m.group(1) == h.number:
        return h
    rest = runs[1:]
    if rest:
        rest[0] = Run(rest[0].text.lstrip(), rest[0].mark)
    return replace(h, runs=tuple(r for r in rest if r.text), old_number=m.group(1))


def renumbered_line(p: Paragraph) -> Heading | None:
    """A line "~~7.2~~ 7.3 Test Completion Report" that a reader took for a paragraph (a PDF
    reader may not see a heading in a line that starts with struck text): the heading."""
    runs = [r for r in p.runs if r.text.strip()]
    if len(runs) < 3 or runs[0].mark != "delete" or runs[1].mark != "insert" or runs[2].mark is not None:
        return None
    old, new = _NUMBER_RUN.fullmatch(runs[0].text), _NUMBER_RUN.fullmatch(runs[1].text)
    if old is None or new is None or any(r.mark for r in runs[2:]):
        return None
    title = normalise("".join(r.text for r in runs[2:]))
    number = new.group(1)
    return Heading(number, title, numbering.level(number), (Run(title),), old_number=old.group(1))


def make_amendment(
    instruction: grammar.Instruction, blocks: list[Heading | Paragraph | Table], text: str | None = None
) -> Amendment:
    """The amendment ``instruction`` makes with its redlined ``blocks``; ``text`` is
    its wording as typed (None: as :func:`redline.instructions.wording` writes it;
    "" for a full copy's section, which has no instruction line)."""
    found = instruction
    text = grammar.wording(instruction) if text is None else text
    if found.content in ("insert", "delete") and blocks and _unmarked(blocks):
        content: Mark = "insert" if found.content == "insert" else "delete"
        blocks = [_whole(b, content) for b in blocks]  # "… by inserting the following new definitions:"
    elif found.verb in ("insert", "delete") and blocks and _unmarked(blocks):
        mark: Mark = "insert" if found.verb == "insert" else "delete"
        blocks = [_whole(b, mark) for b in blocks]
    runs: list[Run] = []
    for b in blocks:
        runs.extend(_block_runs(b))
        runs.append(Run(" "))
    old = [line for b in blocks for line in block_lines(b, old=True)]
    new = [line for b in blocks for line in block_lines(b, old=False)]
    return Amendment(
        instruction=normalise(text),
        parsed=found,
        blocks=tuple(blocks),
        old_text="\n".join(old),
        new_text="\n".join(new),
        inserted=marked(tuple(runs), "insert"),
        deleted=marked(tuple(runs), "delete"),
    )


class _Builder:
    def __init__(self) -> None:
        self.front: list[Block] = []
        self.sections: list[Section] = []
        self.current: Heading | None = None
        self.blocks: list[Block] = []
        self.amendments: list[Amendment] = []
        self.instruction: tuple[str, grammar.Instruction] | None = None
        self.amend_blocks: list[Heading | Paragraph | Table] = []
        self.pending_caption: tuple[str, str] | None = None
        self.warnings: list[str | Notice] = []
        self.unknown: list[tuple[str, str]] = []
        """(place, line) of each line that reads as an instruction redline does not know."""
        self.skipping = False
        """Under an instruction redline does not know: its content is not amended text."""
        self.count = 0
        """Paragraphs and headings seen so far (a place to name in reports)."""
        self.part: tuple[str, str] | None = None
        """The document (name, title) of the annex part being read ("Section A 'Definitions …'")."""

    def close_section(self) -> None:
        if self.current is not None:
            h = self.current
            self.sections.append(Section(h.number, h.title, h.level, tuple(self.blocks), h.runs))
        elif self.blocks:
            self.front.extend(self.blocks)
        self.blocks = []

    def close_amendment(self) -> None:
        if self.instruction is not None:
            text, found = self.instruction
            amendment = make_amendment(found, self.amend_blocks, text)
            document = self.part[0] if self.part else found.document
            self.amendments.append(replace(amendment, document=document) if document else amendment)
        self.instruction = None
        self.amend_blocks = []

    def heading(self, h: Heading) -> None:
        typed = f"{h.number}. {h.title}"
        if h.title and grammar.parse_instruction(typed) is not None:  # "1. Amend Section 1.1 as follows:"
            self.paragraph(Paragraph(typed, (Run(typed),)))
            return
        self.count += 1
        h = _renumbered(h)
        self.close_section()
        self.current = h
        self.pending_caption = None
        if self.instruction is not None:
            self.amend_blocks.append(h)

    def paragraph(self, p: Paragraph) -> None:
        heading = renumbered_line(p) if self.instruction is not None else None
        if heading is not None:
            self.heading(heading)
            return
        self.count += 1
        if BANNER.match(p.text):
            return
        if self.instruction is not None and RENUMBER.match(p.text) and not any(r.mark for r in p.runs):
            return  # the annex writer's drafting note after an insert/delete (issue 14): not content
        line = normalise(rejected_text(p.runs)) if p.runs and not p.text else p.text
        part = numbering.part_heading(line) if not any(r.mark for r in p.runs) else None
        if part is not None and (self.current is None or self.instruction is not None or self.amendments):
            # "Section A 'Definitions and Interpretation'": the amendments after it are that document's
            if self.instruction is not None or self.amendments:
                self.close_amendment()  # the amendment before it was the previous part's
                self.part = part
                self.skipping = False
                return
            self.part = part
        found = grammar.parse_instruction(line)
        if found is not None:
            self.close_amendment()
            self.skipping = False
            self.instruction = (line, found)
            self.pending_caption = None
            return
        if grammar.instruction_like(line):
            previous = self.instruction[0] if self.instruction else (
                self.amendments[-1].instruction if self.amendments else "")
            after = f" (after '{normalise(previous)}')" if previous else ""
            self.unknown.append((f"paragraph {self.count}", f"'{line}'{after}"))
            self.close_amendment()
            self.skipping = True
            return
        if self.skipping:
            return
        cap = CAPTION.match(p.text)
        if cap and len(p.text) < 120:
            self.pending_caption = (cap.group(1), cap.group(2))
        if self.instruction is not None:
            self.amend_blocks.append(p)
        else:
            self.blocks.append(p)

    def table(self, draft: TableDraft) -> None:
        if self.skipping:
            return
        number, title = self._table_number(draft)
        table = build_table(number, title, draft.rows)
        self.pending_caption = None
        if self.instruction is not None:
            self.amend_blocks.append(table)
        else:
            self.blocks.append(table)

    def _table_number(self, draft: TableDraft) -> tuple[str | None, str]:
        if self.instruction is not None and self.instruction[1].target.kind == "table":
            number = self.instruction[1].target.number
            title = self.current.title if self.current and self.current.number == number else ""
            return number, title
        if self.instruction is not None and not any(isinstance(b, Heading) for b in self.amend_blocks):
            # "Amend Section A1.1 as follows:" over a table and no heading (the affected definitions):
            # the table is the section's
            return self.instruction[1].target.number, ""
        cap = CAPTION.match(draft.caption) if draft.caption else None
        caption = (cap.group(1), cap.group(2)) if cap else self.pending_caption
        if caption:
            return self._unless_stale(caption)
        if self.current is not None:
            return self.current.number, self.current.title
        return None, ""

    def _unless_stale(self, caption: tuple[str, str]) -> tuple[str, str]:
        """A typed caption ("Table 8.1.13: Device Alert Tests – IS") under a heading
        of the same title and depth but another number went stale when Word
        renumbered the headings (a section above was removed or inserted); the
        heading's number is the table's, or two tables would share a number."""
        h = self.current
        number, title = caption
        if (
            h is not None
            and h.number
            and number != h.number
            and number.count(".") == h.number.count(".")
            and normalise(title).casefold() == normalise(h.title).casefold()
        ):
            self.warnings.append(
                f"caption 'Table {number}' under heading {h.number} {h.title}: the caption's number is stale; "
                f"the table is numbered {h.number}"
            )
            return h.number, h.title
        return caption


def _title(front: list[Block]) -> str:
    texts = [b.text for b in front if isinstance(b, Paragraph) and b.text]
    parts: list[str] = []
    for t in texts:
        if VERSION.search(t) or AGAINST.search(t) or len(t) > 120:
            break
        parts.append(t)
        if len(parts) == 3 or (len(parts) >= 2 and t.endswith(("’", "'", "”", '"'))):
            break
    return normalise(" ".join(parts))


def _duplicate_numbers(sections: list[Section]) -> list[str]:
    """Sections are known by number: a typed heading number not moved on when a
    section was inserted ("5.3 Test Witnessing" above "5.3 Test Execution") is said."""
    titles: dict[str, list[str]] = {}
    for s in sections:
        if s.number and s.title:  # no title left: a section a redline deletes, beside the one taking its number
            titles.setdefault(s.number, []).append(s.title)
    return [
        f"{len(t)} sections numbered {n}: " + ", ".join(repr(x) for x in t) for n, t in titles.items() if len(t) > 1
    ]


def _front_lines(front: list[Block]) -> list[str]:
    """The cover's first lines, where a title naming the document stands on a line of its
    own ("MP089 'Changes to Appendix R '…'", then "Annex A")."""
    return [x.text for x in front[:3] if isinstance(x, Paragraph) and x.text]


def _document(title: str, b: _Builder) -> tuple[str, str] | None:
    """Which SEC document this is: an annex's one amended document (None for several), else
    the document its cover names ("Section H – DCC Services")."""
    named = {a.document for a in b.amendments if a.document}
    if len(named) > 1:
        return None
    if b.part is not None and named == {b.part[0]}:
        return b.part
    found = numbering.document_name(title) or next(
        (n for n in map(numbering.document_name, _front_lines(b.front)) if n is not None), None
    )
    if named and (found is None or found[0] not in named):
        return named.pop(), ""
    return found if found is not None else b.part


def assemble(
    source: str, sha256: str, stream: Iterable[StreamItem], warnings: Iterable[Notice | str] = ()
) -> Document:
    """Group a reader's stream into sections, tables and amendments; ``warnings`` (the
    reader's) and the assembler's own become :class:`Notice` records of ``source``."""
    b = _Builder()
    handlers: dict[type, Callable[[Any], None]] = {Heading: b.heading, Paragraph: b.paragraph, TableDraft: b.table}
    for item in stream:
        dispatch(item, handlers, "the document assembler")
    b.close_section()
    b.close_amendment()
    b.warnings.extend(_duplicate_numbers(b.sections))
    unknown = tuple(Notice("warning", source, place, line) for place, line in b.unknown)
    b.warnings.extend(
        replace(u, message=f"{u.message}: reads as an instruction but is not one redline knows; "
                "what follows it is not applied")
        for u in unknown
    )
    front_text = " ".join(x.text for x in b.front if isinstance(x, Paragraph))
    against = AGAINST.search(front_text)
    version = None
    for m in VERSION.finditer(front_text):
        if "against" not in front_text[max(0, m.start() - 20) : m.start()].casefold():
            version = m.group(1)
            break
    title = _title(b.front)
    name = _document(title, b)
    return Document(
        source=source,
        sha256=sha256,
        title=title,
        document=name[0] if name else None,
        document_title=name[1] if name else "",
        sections=tuple(b.sections),
        sec_version=version,
        front=tuple(b.front),
        amendments=tuple(b.amendments),
        drafted_against=against.group(1) if against else None,
        warnings=tuple(
            w if isinstance(w, Notice) else Notice("warning", source, "", w) for w in (*warnings, *b.warnings)
        ),
        unknown_instructions=unknown,
    )
