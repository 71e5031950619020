"""Typography-only changes: a difference of dashes, quotes, spacing or case alone.

Drafters retype names ("Status Update- Fault Return" -> "Status Update –
Fault Return"), Word swaps straight quotes for curly ones, and a PDF's text
layer spaces words otherwise than the DOCX it came from. A reviewer must see
these apart from real changes: seven "-" -> "–" renames beside two real ones
look like nine renames. So:

* :func:`flag_typography` marks each rename, cell change, column rename and
  paragraph edit whose old and new text differ in typography alone with
  ``typography_only`` (the summary counts them apart; the annex still
  redlines them, as MP089 does);
* :func:`adopt_typography` gives the new version the old one's typography
  wherever the two differ in nothing else, so that diff and annex leave
  those changes out (``--ignore-typography``); with ``spacing_only`` it
  forgives spacing alone, which is how a DOCX and its own PDF differ.

This is the diff-side comparison; what every reader does to text while
reading (ligatures, NBSP) is the readers' business.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from redline.diff.records import (
    CellChange,
    ColumnRename,
    DiffResult,
    ParagraphChange,
    RoleSummary,
    RowChange,
    SectionChange,
    TableChange,
    ValueChange,
)
from redline.model import Block, Cell, Document, FooterRow, Paragraph, Row, Run, Section, Table

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u00b4`"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_TYPOGRAPHY = str.maketrans(
    {**{c: "-" for c in _DASHES}, **{c: "'" for c in _SINGLE_QUOTES}, **{c: '"' for c in _DOUBLE_QUOTES},
     "\u2026": "...", "\u00ad": None}
)
_SPACE = re.compile(r"\s+")

Key = Callable[[str], str]


def typographic_key(text: str) -> str:
    """``text`` with every dash a hyphen, every quote straight, no spacing, no case."""
    return _SPACE.sub("", text.translate(_TYPOGRAPHY)).casefold()


def spacing_key(text: str) -> str:
    """``text`` without its spacing (how a PDF's text layer differs from its DOCX)."""
    return _SPACE.sub("", text)


def typography_only(old: str | None, new: str | None) -> bool:
    """True when the texts differ, but only in dashes, quotes, spacing or case."""
    if old is None or new is None or old == new:
        return False
    return typographic_key(old) == typographic_key(new)


# -- flagging the records ------------------------------------------------------


def _row(r: RowChange) -> RowChange:
    return replace(r, typography_only=typography_only(r.old_name, r.name)) if r.change == "renamed" else r


def _cell(c: CellChange) -> CellChange:
    return replace(c, typography_only=typography_only(c.old, c.new))


def _column(c: ColumnRename) -> ColumnRename:
    return replace(c, typography_only=typography_only(c.old, c.new))


def _paragraph(p: ParagraphChange) -> ParagraphChange:
    return replace(p, typography_only=typography_only(p.old, p.new)) if p.change == "modified" else p


def flag_tables(tables: Iterable[TableChange]) -> tuple[TableChange, ...]:
    """The table changes with their typography-only renames, cells and columns marked."""
    return tuple(
        replace(
            t,
            rows_renamed=tuple(_row(r) for r in t.rows_renamed),
            cells_changed=tuple(_cell(c) for c in t.cells_changed),
            columns_renamed=tuple(_column(c) for c in t.columns_renamed),
        )
        for t in tables
    )


def _section(s: SectionChange) -> SectionChange:
    return replace(s, paragraphs=tuple(_paragraph(p) for p in s.paragraphs))


def flag_typography(result: DiffResult) -> DiffResult:
    """``result`` with every typography-only change marked ``typography_only``."""
    return replace(
        result,
        sections=tuple(_section(s) for s in result.sections),
        tables=flag_tables(result.tables),
        front=_section(result.front) if result.front else None,
    )


def flag_values(summary: RoleSummary) -> RoleSummary:
    """A role summary with its typography-only renames and value changes marked."""

    def mark(vs: tuple[ValueChange, ...]) -> tuple[ValueChange, ...]:
        return tuple(replace(v, typography_only=typography_only(v.old, v.new)) for v in vs)

    return replace(summary, other_values=mark(summary.other_values), rows_renamed=mark(summary.rows_renamed))


# -- adopting the old typography -----------------------------------------------


class _Adopter:
    """Replaces a new text by the old text it differs from in typography alone.

    One adopter per section, fed with the texts of the old section of the
    same number: the same name can be typed differently in two tables (IS
    and RSA), and each table must keep to its own old self."""

    def __init__(self, texts: Iterable[str], key: Key) -> None:
        self.key = key
        self.exact: set[str] = set()
        self.by_key: dict[str, str] = {}
        for text in texts:
            self.exact.add(text)
            self.by_key.setdefault(key(text), text)

    def text(self, text: str) -> str:
        if not text or text in self.exact:
            return text
        return self.by_key.get(self.key(text), text)

    def runs(self, text: str, runs: tuple[Run, ...], now: str) -> tuple[Run, ...]:
        if now == text or any(r.mark for r in runs):
            return runs  # unchanged, or redlined: its marks are its own
        return (Run(now),) if runs else ()

    def cell(self, c: Cell) -> Cell:
        now = self.text(c.text)
        if now == c.text or any(r.mark for r in c.runs):
            return c
        return Cell(now, self.runs(c.text, c.runs, now))

    def paragraph(self, p: Paragraph) -> Paragraph:
        now = self.text(p.text)
        if now == p.text or any(r.mark for r in p.runs):
            return p
        return replace(p, text=now, runs=self.runs(p.text, p.runs, now))

    def table(self, t: Table) -> Table:
        return replace(
            t,
            title=self.text(t.title),
            columns=tuple(self.text(c) for c in t.columns),
            header_rows=tuple(tuple(self.cell(c) for c in row) for row in t.header_rows),
            rows=tuple(
                Row(tuple(self.cell(c) for c in r.cells), self.text(r.key), self.text(r.name)) for r in t.rows
            ),
            footer=tuple(
                FooterRow(self.text(f.label), f.figures, tuple(self.cell(c) for c in f.cells), f.old_figures)
                for f in t.footer
            ),
        )

    def block(self, b: Block) -> Block:
        return self.table(b) if isinstance(b, Table) else self.paragraph(b)

    def section(self, s: Section) -> Section:
        title = self.text(s.title)
        runs = s.title_runs
        if title != s.title and not any(r.mark for r in runs):
            runs = (Run(title),) if runs else ()
        else:
            title = s.title
        return replace(s, title=title, title_runs=runs, blocks=tuple(self.block(b) for b in s.blocks))


def _texts(titles: Iterable[str], blocks: Iterable[Block]) -> Iterable[str]:
    yield from titles
    for b in blocks:
        if isinstance(b, Paragraph):
            yield b.text
            continue
        yield b.title
        yield from b.columns
        yield from (c.text for row in b.header_rows for c in row)
        for r in b.rows:
            yield r.key
            yield r.name
            yield from (c.text for c in r.cells)
        for f in b.footer:
            yield f.label


def adopt_typography(old: Document, new: Document, *, spacing_only: bool = False) -> Document:
    """``new`` with each text that differs from a text of the same place in
    ``old`` (the front matter, the section of the same number) in typography
    alone (or, with ``spacing_only``, in spacing alone) given the old text,
    so that diffing or redlining the two leaves those differences out."""
    key = spacing_key if spacing_only else typographic_key
    before = {s.number: s for s in old.sections}
    front = _Adopter(_texts((), old.front), key)
    sections: list[Section] = []
    for s in new.sections:
        was = before.get(s.number)
        sections.append(s if was is None else _Adopter(_texts((was.title,), was.blocks), key).section(s))
    return replace(new, front=tuple(front.block(b) for b in new.front), sections=tuple(sections))
