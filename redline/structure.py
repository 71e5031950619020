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
from dataclasses import dataclass, field
from typing import Any

from redline.model import (
    Amendment,
    Block,
    Document,
    Heading,
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

INSTRUCTION = re.compile(
    r"^\s*(?:Amend|Insert|Delete|Replace)\s+(Section|Table|Clause|Paragraph)\s+(\d+(?:\.\d+)*)\b"
    r".*?(?:as follows)?:?\s*$",
    re.IGNORECASE,
)
CAPTION = re.compile(r"^\s*Table\s+(\d+(?:\.\d+)+)\b[\s:.\-–]*(.*)$", re.IGNORECASE)
BANNER = re.compile(r"^\s*This document is classified as\b", re.IGNORECASE)
VERSION = re.compile(r"\bSEC\s+Version\s+(\d+(?:\.\d+)+)", re.IGNORECASE)
AGAINST = re.compile(r"drafted against SEC Version\s+(\d+(?:\.\d+)+)", re.IGNORECASE)
RENUMBER = re.compile(r"^\s*\[?Renumber\b.*\baccordingly\b[.\]]*\s*$", re.IGNORECASE)
"""A drafting instruction after an inserted or deleted section ("Renumber existing
Sections 7.2 and 7.3 as 7.3 and 7.4 accordingly."): about the annex, not content."""


@dataclass(frozen=True, slots=True)
class TableDraft:
    """A table grid as a reader found it, before it has a number."""

    rows: list[RawRow] = field(default_factory=list)
    caption: str = ""
    """A caption the reader found attached to the table, if any."""


StreamItem = Heading | Paragraph | TableDraft


def parse_instruction(text: str) -> Target | None:
    m = INSTRUCTION.match(text)
    if not m:
        return None
    if m.group(1).casefold() == "table":
        return Target(kind="table", number=m.group(2))
    return Target(kind="section", number=m.group(2))


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
        return [text] if text else []
    if not isinstance(block, Table):
        raise TypeError(f"cannot give the text of {type(block).__name__}")
    lines = []
    for row in block.rows:
        cells = [normalise(pick(c.runs)) if c.runs else c.text for c in row.cells]
        if any(cells):
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


def make_amendment(instruction: str, target: Target, blocks: list[Heading | Paragraph | Table]) -> Amendment:
    runs: list[Run] = []
    for b in blocks:
        runs.extend(_block_runs(b))
        runs.append(Run(" "))
    old = [line for b in blocks for line in block_lines(b, old=True)]
    new = [line for b in blocks for line in block_lines(b, old=False)]
    return Amendment(
        instruction=normalise(instruction),
        target=target,
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
        self.instruction: tuple[str, Target] | None = None
        self.amend_blocks: list[Heading | Paragraph | Table] = []
        self.pending_caption: tuple[str, str] | None = None
        self.warnings: list[str] = []

    def close_section(self) -> None:
        if self.current is not None:
            h = self.current
            self.sections.append(Section(h.number, h.title, h.level, tuple(self.blocks), h.runs))
        elif self.blocks:
            self.front.extend(self.blocks)
        self.blocks = []

    def close_amendment(self) -> None:
        if self.instruction is not None:
            text, target = self.instruction
            self.amendments.append(make_amendment(text, target, self.amend_blocks))
        self.instruction = None
        self.amend_blocks = []

    def heading(self, h: Heading) -> None:
        self.close_section()
        self.current = h
        self.pending_caption = None
        if self.instruction is not None:
            self.amend_blocks.append(h)

    def paragraph(self, p: Paragraph) -> None:
        if BANNER.match(p.text):
            return
        if self.instruction is not None and RENUMBER.match(p.text) and not any(r.mark for r in p.runs):
            return
        target = parse_instruction(p.text)
        if target is not None:
            self.close_amendment()
            self.instruction = (p.text, target)
            self.pending_caption = None
            return
        cap = CAPTION.match(p.text)
        if cap and len(p.text) < 120:
            self.pending_caption = (cap.group(1), cap.group(2))
        if self.instruction is not None:
            self.amend_blocks.append(p)
        else:
            self.blocks.append(p)

    def table(self, draft: TableDraft) -> None:
        number, title = self._table_number(draft)
        table = build_table(number, title, draft.rows)
        self.pending_caption = None
        if self.instruction is not None:
            self.amend_blocks.append(table)
        else:
            self.blocks.append(table)

    def _table_number(self, draft: TableDraft) -> tuple[str | None, str]:
        if self.instruction is not None and self.instruction[1].kind == "table":
            number = self.instruction[1].number
            title = self.current.title if self.current and self.current.number == number else ""
            return number, title
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


def assemble(source: str, sha256: str, stream: Iterable[StreamItem], warnings: Iterable[str] = ()) -> Document:
    """Group a reader's stream into sections, tables and amendments."""
    b = _Builder()
    handlers: dict[type, Callable[[Any], None]] = {Heading: b.heading, Paragraph: b.paragraph, TableDraft: b.table}
    for item in stream:
        dispatch(item, handlers, "the document assembler")
    b.close_section()
    b.close_amendment()
    b.warnings.extend(_duplicate_numbers(b.sections))
    front_text = " ".join(x.text for x in b.front if isinstance(x, Paragraph))
    against = AGAINST.search(front_text)
    version = None
    for m in VERSION.finditer(front_text):
        if "against" not in front_text[max(0, m.start() - 20) : m.start()].casefold():
            version = m.group(1)
            break
    return Document(
        source=source,
        sha256=sha256,
        title=_title(b.front),
        sections=tuple(b.sections),
        sec_version=version,
        front=tuple(b.front),
        amendments=tuple(b.amendments),
        drafted_against=against.group(1) if against else None,
        warnings=(*warnings, *b.warnings),
    )
