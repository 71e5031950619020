"""Plan an Annex A ("Legal text") from two versions of Appendix R.

The plan is what every annex writer (DOCX, tracked DOCX, HTML, PDF) renders,
so they cannot disagree about content: a title block, then one
:class:`~redline.model.Amendment` per changed section ("Amend Section N as
follows:" + the whole section, word-level redlined) and per changed table
("Amend Table N as follows:" + header, changed rows with ``context``
unchanged neighbours, footer rows with old figures struck and new inserted),
in the order of the new document, as in the MP089 annex.

The amendments are the same model objects that reading an annex back
produces (``structure.make_amendment``), so "the DOCX we wrote reads back to
the plan" is a plain equality test on their texts and marks.

Pure: models in, a plan out; no file access, no printing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from redline import kinds
from redline.annex.group import Grouping, group_sections
from redline.annex.rows import RowEntry, row_entries, table_item_rows
from redline.annex.wordruns import whole, word_runs
from redline.checks import check_table
from redline.diff import diff
from redline.diff.match import (
    SETTINGS,
    Alignment,
    MatchSettings,
    Pair,
    TableAlignment,
    align_paragraphs,
    align_table,
    same_footer_row,
    same_title,
    section_paragraphs,
)
from redline.diff.records import DiffResult, TableChange
from redline.diff.tables import diff_table
from redline.instructions import renumbering_note as note_wording
from redline.model import (
    Amendment,
    Cell,
    Document,
    FooterRow,
    Heading,
    Instruction,
    Paragraph,
    Row,
    Run,
    Section,
    Table,
    Target,
    normalise,
)
from redline.numbering import document_key, part_title
from redline.structure import make_amendment

DEFAULT_DOCUMENT_TITLE = "Appendix R ‘Common Testing Scenarios Document’"


@dataclass(frozen=True, slots=True)
class AnnexOptions:
    """What the drafter chooses; everything else comes from the two versions."""

    mp: str = ""
    """Modification name, e.g. "MP089"."""
    title: str = ""
    """Modification title; default "Changes to <document title>"."""
    version: str = "1.0"
    """The annex's own version: "Legal text – version 1.0"."""
    against: str = ""
    """SEC version drafted against; default the old document's SEC version."""
    context: int = 1
    """Unchanged rows shown on each side of a changed table row."""
    group: Grouping = "sections"
    """"sections": one "Amend Section N" over N's subsections when all of them changed
    (as MP089 does, :mod:`redline.annex.group`); "none": one instruction per section."""


@dataclass(frozen=True, slots=True)
class TableSummary:
    """What changed in one table, for the summary panel."""

    number: str
    title: str
    role: str | None
    kind: str
    rows_added: int
    rows_removed: int
    rows_renamed: int
    rows_moved: int
    """Rows that kept key, name and cells but changed place: counted as moved,
    as ``redline diff`` reports them, not as one added and one removed (the
    annex body still shows the move struck at the old place and inserted at
    the new one, as drafters do)."""
    cells_changed: int
    figures_changed: int
    """Footer figures whose stated value differs between the versions."""
    old_mismatches: int
    """Footer figures the old version states wrongly (``redline check``)."""
    new_mismatches: int


@dataclass(frozen=True, slots=True)
class AnnexPlan:
    heading: tuple[str, ...]
    """Title block lines: modification name, "Annex A", "Legal text – version N"."""
    against: str | None
    document_title: str
    items: tuple[Amendment, ...]
    tables: tuple[TableSummary, ...]
    sections_changed: int
    old_source: str
    new_source: str
    full: bool = False
    """A full copy of the new version with every change marked (``plan_full``),
    not an annex: no title block, no instructions, every section."""
    front: tuple[Paragraph, ...] = ()
    """For a full copy: the redlined blocks before the first heading."""
    tables_changed: int = 0
    """Tables with an "Amend/Insert/Delete Table" item (kept when a full copy
    replaces the items with every section)."""
    renumbering: tuple[tuple[str, str], ...] = ()
    """(instruction, note): after an inserted or deleted section, the drafters'
    instruction to renumber the sections after it ("Renumber Sections 7.2 and 7.3
    as 7.3 and 7.4 accordingly.")."""

    parts: tuple[tuple[int, str], ...] = ()
    """The annex's parts, one per SEC document it amends, in SEC order: (index of the
    part's first item, its heading "Section H ‘DCC Services’"). Empty when the
    document is not known (the title block names it)."""

    def part_at(self, index: int) -> str | None:
        """The heading of the part that starts at item ``index``, if one does."""
        return next((heading for at, heading in self.parts if at == index), None)

    def renumbering_note(self, item: Amendment) -> str | None:
        return next((note for instruction, note in self.renumbering if instruction == item.instruction), None)

    @property
    def about(self) -> tuple[str, ...]:
        """The "About this document" paragraphs of the real annexes."""
        lines = [
            "This document contains the redlined changes to the SEC that would be required to deliver this "
            "Modification Proposal."
        ]
        if self.against:
            lines.append(f"These changes have been drafted against SEC Version {self.against}.")
        lines.append("This document contains the changes required to deliver the Proposed Solution.")
        return tuple(lines)


# -- sections ---------------------------------------------------------------


def _changed_paragraph(old: Paragraph, new: Paragraph) -> Paragraph:
    # compared_text: a paragraph's notes and pictures are redlined with it, as the diff compares them
    return Paragraph(new.compared_text, word_runs(old.compared_text, new.compared_text), new.list_level, new.style,
                     label=new.label)


def _inserted(p: Paragraph) -> Paragraph:
    return Paragraph(p.compared_text, whole(p.compared_text, "insert"), p.list_level, p.style, label=p.label)


def _deleted(p: Paragraph) -> Paragraph:
    return Paragraph("", whole(p.compared_text, "delete"), p.list_level, p.style, label=p.label)


def redline_paragraphs(
    old: Sequence[Paragraph], new: Sequence[Paragraph], pairs: Sequence[Pair] | None = None
) -> list[Paragraph]:
    """The new paragraphs with the old ones' words struck where they differ,
    following the diff's paragraph alignment ``pairs`` (the matcher's, when
    not given): a paired paragraph redlined word by word, the rest whole."""
    if pairs is None:
        pairs = align_paragraphs([p.compared_text for p in old], [p.compared_text for p in new])
    out: list[Paragraph] = []
    for i, j in pairs:
        if i is not None and j is not None:
            out.append(new[j] if old[i].compared_text == new[j].compared_text else _changed_paragraph(old[i], new[j]))
        elif i is not None:
            out.append(_deleted(old[i]))
        elif j is not None:
            out.append(_inserted(new[j]))
    return out


def section_item(
    old: Section | None, new: Section | None, paragraphs: Sequence[Pair] | None = None
) -> Amendment | None:
    """The "Amend Section N as follows:" item, or None when the text is
    unchanged; ``paragraphs`` is the diff's alignment of the two sections'
    paragraphs."""
    old_paras = section_paragraphs(old) if old else []
    new_paras = section_paragraphs(new) if new else []
    old_title = old.title if old else ""
    new_title = new.title if new else ""
    same_text = [p.compared_text for p in old_paras] == [p.compared_text for p in new_paras]
    if old is not None and new is not None and same_title(old_title, new_title) and same_text:
        return None
    ref = new or old
    assert ref is not None
    heading = Heading(ref.number, new_title, ref.level, word_runs(old_title, new_title))
    blocks: list[Heading | Paragraph | Table] = [heading, *redline_paragraphs(old_paras, new_paras, paragraphs)]
    verb = "amend" if old and new else ("insert" if new else "delete")
    return make_amendment(Instruction(verb, Target("section", ref.number)), blocks)


# -- tables -----------------------------------------------------------------


def _header(old: Table | None, new: Table, columns: dict[int, int]) -> tuple[tuple[Cell, ...], ...]:
    """The new header rows, each cell redlined against its column's old header
    (``columns``: new → old, the diff's); a new column's header is inserted."""
    rows = []
    for i, row in enumerate(new.header_rows):
        before = old.header_rows[i] if old and i < len(old.header_rows) else None
        cells = []
        for c, cell in enumerate(row):
            at = columns.get(c) if old is not None else c
            if at is None:
                cells.append(Cell(cell.text, whole(cell.text, "insert")))
                continue
            was = before[at].text if before is not None and at < len(before) else cell.text
            cells.append(Cell(cell.text, word_runs(was, cell.text)))
        rows.append(tuple(cells))
    return tuple(rows)


def _figure_cells(row: FooterRow) -> tuple[Cell, ...]:
    """The footer row's cells after its label, leading blanks dropped (they
    belong to the label's span)."""
    cells = list(row.cells)
    while cells and not cells[0].text:
        cells.pop(0)
    return tuple(cells)


def _figure_partners(old: Table, new: Table, columns: dict[int, int]) -> dict[int, int]:
    """New figure position → old figure position: figure ``k`` of a footer row
    belongs to value column ``k`` (the last, one past them, is the row total),
    so a value column inserted or removed moves the figures after it."""
    old_at = {col: k for k, col in enumerate(old.value_columns)}
    out = {k: old_at[columns[col]] for k, col in enumerate(new.value_columns) if columns.get(col) in old_at}
    out[len(new.value_columns)] = len(old.value_columns)
    return out


def _footer(
    old: Table | None, new: Table, pairs: Sequence[tuple[int, int]], columns: dict[int, int]
) -> tuple[tuple[FooterRow, ...], int]:
    """The new footer rows with the old figures struck where they differ;
    ``pairs`` are the diff's (old, new) footer row pairs, ``columns`` its
    column pairs; an old row the new table dropped is struck whole."""
    old_footer = old.footer if old else ()
    old_of_new = {j: i for i, j in pairs}
    shifted = old is not None and not (
        len(old.columns) == len(new.columns) and all(j == i for j, i in columns.items())
    )
    out: list[FooterRow] = []
    changed = 0
    for k, row in enumerate(new.footer):
        was = old_footer[old_of_new[k]] if k in old_of_new else None
        new_cells = _figure_cells(row)
        old_cells = _figure_cells(was) if was else ()
        figure_of = _figure_partners(old, new, columns) if shifted and old is not None else None
        aligned = figure_of is not None and len(new_cells) in (len(new.value_columns), len(new.value_columns) + 1)
        cells = []
        for i, cell in enumerate(new_cells):
            at: int | None = i
            if aligned and figure_of is not None:
                at = figure_of.get(i)
            prior = old_cells[at].text if at is not None and at < len(old_cells) else ""
            if prior != cell.text:
                changed += 1
            cells.append(Cell(cell.text, word_runs(prior, cell.text)))
        if was is None:  # a footer row the old table did not have: wholly inserted
            old_figures: tuple[int, ...] | None = ()
        else:
            old_figures = was.figures if was.figures != row.figures else None
        out.append(FooterRow(row.label, row.figures, tuple(cells), old_figures))
    new_of_old = dict(pairs)
    placed = list(range(len(out)))  # out[k] is new footer row placed[k]; struck rows are -1
    for n, was in enumerate(old_footer):
        if n in new_of_old:
            continue
        # a footer row the new table dropped: struck whole, where it stood (before
        # the next old row the new table kept)
        struck = FooterRow(was.label, (), tuple(Cell("", whole(c.text, "delete")) for c in _figure_cells(was)),
                           was.figures)
        changed += sum(1 for c in _figure_cells(was) if c.text)
        following = next((new_of_old[m] for m in range(n + 1, len(old_footer)) if m in new_of_old), None)
        at = placed.index(following) if following is not None else len(out)
        out.insert(at, struck)
        placed.insert(at, -1)
    return tuple(out), changed


def _with_rows(
    new: Table, header: tuple[tuple[Cell, ...], ...], entries: list[RowEntry], footer: tuple[FooterRow, ...]
) -> Table:
    return replace(new, header_rows=header, rows=table_item_rows(new, entries), footer=footer)


def redline_table(
    old: Table | None,
    new: Table,
    context: int,
    change: TableChange | None = None,
    *,
    count: bool = True,
    aligned: TableAlignment | None = None,
) -> tuple[Table, TableSummary, bool]:
    """The new table with the old one's rows and figures struck where they
    differ, keeping changed rows and ``context`` unchanged neighbours; its
    summary; and whether anything changed at all.

    The summary's row and cell counts are the diff's: from ``change`` (the
    diff's record for this pair of tables) or, without it, a fresh
    ``diff_table``; ``count=False`` skips them for a caller that drops the
    summary. ``aligned`` is the diff's pairing of the two tables' rows,
    columns and footer rows (the matcher's, when not given)."""
    if aligned is None and old is not None:
        aligned = align_table(old, new)
    rows = aligned.rows if aligned is not None else ()
    columns = aligned.column_map if aligned is not None else {}
    entries = row_entries(old, new, rows, aligned.columns if aligned is not None else None)
    shown = entries if context >= len(entries) else [e for e in entries if e.changed or e.near_change(entries, context)]
    header = _header(old, new, columns)
    footer, figures_changed = _footer(old, new, aligned.footer if aligned is not None else (), columns)
    changed_rows = [e for e in entries if e.changed]
    summary = TableSummary(
        number=new.number or "",
        title=new.title,
        role=new.role,
        kind=new.kind,
        rows_added=sum(1 for e in changed_rows if e.old is None),
        rows_removed=0,
        rows_renamed=0,
        rows_moved=0,
        cells_changed=0,
        figures_changed=figures_changed,
        old_mismatches=0,
        new_mismatches=len(check_table(new).mismatches),
    )
    if old is not None and count:
        summary = _diff_counts(summary, old, new, change, aligned)
    header_changed = any(r.mark for row in header for c in row for r in c.runs)
    table = _with_rows(new, header, shown, footer)
    removed = [i for i in range(len(old.columns)) if i not in set(columns.values())] if old is not None else []
    if old is not None and removed:
        table = _with_removed_columns(table, old, columns, removed, shown)
    changed = bool(changed_rows or figures_changed or header_changed or removed or old is None)
    return table, summary, changed


def _with_removed_columns(
    table: Table, old: Table, columns: dict[int, int], removed: list[int], shown: list[RowEntry]
) -> Table:
    """The annex table with each column the new version dropped put back where
    it stood, every cell of it struck (header, rows, footer figures): a column
    deleted is shown deleted, as a drafter strikes it, not left out of the
    annex. Columns are placed after the new column their old left neighbour
    became (the diff's column pairs), so the key, name and value columns move
    along."""
    new_of_old = {i: j for j, i in columns.items()}
    # annex grid: new columns in order, each removed old column after the new
    # partner of the nearest paired old column on its left
    slots: list[tuple[str, int]] = []
    for j in range(len(table.columns)):
        slots.append(("new", j))
    for r in removed:
        left = next((new_of_old[i] for i in range(r - 1, -1, -1) if i in new_of_old), None)
        at = 0 if left is None else slots.index(("new", left)) + 1
        while at < len(slots) and slots[at][0] == "old" and slots[at][1] < r:
            at += 1
        slots.insert(at, ("old", r))
    place = {s: k for k, s in enumerate(slots)}

    def laid(cells: tuple[Cell, ...], old_cells: tuple[Cell, ...] | None) -> tuple[Cell, ...]:
        out = []
        for side, k in slots:
            if side == "new":
                out.append(cells[k] if k < len(cells) else Cell(""))
            else:
                text = old_cells[k].text if old_cells is not None and k < len(old_cells) else ""
                out.append(Cell("", whole(text, "delete")))
        return tuple(out)

    header = tuple(
        laid(row, old.header_rows[n] if n < len(old.header_rows) else None) for n, row in enumerate(table.header_rows)
    )
    rows = tuple(
        replace(row, cells=laid(row.cells, e.old.cells if e.old is not None else None))
        for row, e in zip(table.rows, shown, strict=True)
    )
    footer = tuple(
        f if f.is_deleted  # struck whole from the old row's own cells
        else _footer_with_removed(
            f, next((w for w in old.footer if same_footer_row(w.label, f.label)), None), slots, len(table.columns),
            len(old.columns),
        )
        for f in table.footer
    )

    def moved(index: int | None) -> int | None:
        return place[("new", index)] if index is not None else None

    return replace(
        table,
        columns=tuple(table.columns[k] if side == "new" else old.columns[k] for side, k in slots),
        header_rows=header,
        rows=rows,
        footer=footer,
        key_column=moved(table.key_column),
        name_column=moved(table.name_column),
        value_columns=tuple(place[("new", c)] for c in table.value_columns),
    )


def _footer_with_removed(
    row: FooterRow, was: FooterRow | None, slots: list[tuple[str, int]], new_width: int, old_width: int
) -> FooterRow:
    """A footer row of the annex grid: its cells sit under the last grid
    columns (the label spans the rest); a removed column among them gets the
    old row's figure there, struck."""
    first_new = new_width - len(row.cells)  # new grid column of the row's first cell
    old_cells = was.cells if was is not None else ()
    first_old = old_width - len(old_cells)
    start = next((k for k, (side, c) in enumerate(slots) if side == "new" and c >= first_new), len(slots))
    cells: list[Cell] = []
    for side, c in slots[start:]:
        if side == "new":
            cells.append(row.cells[c - first_new])
        else:
            at = c - first_old
            text = old_cells[at].text if 0 <= at < len(old_cells) else ""
            cells.append(Cell("", whole(text, "delete")))
    return replace(row, cells=tuple(cells))


def _diff_counts(
    summary: TableSummary, old: Table, new: Table, change: TableChange | None, aligned: TableAlignment | None
) -> TableSummary:
    """The row and cell counts as ``redline diff`` gives them: the summary panel
    and the diff report must never disagree about what happened to a row."""
    if change is None:
        change = diff_table(old, new, aligned)
    return replace(
        summary,
        rows_added=len(change.rows_added),
        rows_removed=len(change.rows_removed),
        rows_renamed=len(change.rows_renamed),
        rows_moved=len(change.rows_moved),
        cells_changed=len(change.cells_changed),
        old_mismatches=len(check_table(old).mismatches),
    )


def table_item(
    old: Table | None,
    new: Table,
    context: int,
    change: TableChange | None = None,
    aligned: TableAlignment | None = None,
) -> tuple[Amendment | None, TableSummary]:
    """The "Amend Table N as follows:" item (None when unchanged) and its summary; for a
    kind amended as its section's content (definitions), "Amend Section A1.1 as follows:"
    and the affected rows alone."""
    in_section = kinds.spec(new.kind).in_section
    table, summary, changed = redline_table(old, new, 0 if in_section else context, change, aligned=aligned)
    if not changed:
        return None, summary
    number = new.number or ""
    if in_section and old is not None:
        return make_amendment(Instruction("amend", Target("section", number)), [table]), summary
    verb = "amend" if old is not None else "insert"
    return make_amendment(Instruction(verb, Target("table", number)), [table]), summary


def removed_table_item(old: Table) -> tuple[Amendment, TableSummary]:
    """"Delete Table N as follows:" with every body row struck (its footer is
    not repeated: the rows say what went)."""
    rows = tuple(Row(tuple(Cell("", whole(c.text, "delete")) for c in r.cells)) for r in old.rows)
    header = tuple(tuple(Cell(c.text, (Run(c.text),) if c.text else ()) for c in h) for h in old.header_rows)
    table = replace(old, header_rows=header, rows=rows, footer=())
    summary = TableSummary(
        number=old.number or "",
        title=old.title,
        role=old.role,
        kind=old.kind,
        rows_added=0,
        rows_removed=len(old.rows),
        rows_renamed=0,
        rows_moved=0,
        cells_changed=0,
        figures_changed=0,
        old_mismatches=len(check_table(old).mismatches),
        new_mismatches=0,
    )
    number = old.number or ""
    return make_amendment(Instruction("delete", Target("table", number)), [table]), summary


# -- the plan ---------------------------------------------------------------


def _change_of(diff_result: DiffResult | None, old: Table | None, new: Table) -> TableChange | None:
    """The diff's record of this pair of tables (an empty one when the diff
    found it unchanged); None without a diff, or when the diff paired the
    tables otherwise, so the counts are computed afresh."""
    if diff_result is None or old is None:
        return None
    for t in diff_result.tables:
        if t.old_number == old.number and t.new_number == new.number:
            return t
    if any(new.number in (t.old_number, t.new_number) or old.number in (t.old_number, t.new_number)
           for t in diff_result.tables):
        return None
    return TableChange(new.number or "", "modified", old.number, new.number, new.title, new.kind, new.role)


@dataclass(frozen=True, slots=True)
class SectionStep:
    """One section of the annex, as the diff aligned it: the old and the new
    section (one of them None when removed or added), the alignment of their
    paragraphs, and each table of the new section with its old partner and
    row pairs; tables of the old section with no partner are ``removed``."""

    old: Section | None
    new: Section | None
    paragraphs: tuple[Pair, ...]
    tables: tuple[tuple[Table | None, Table, TableAlignment | None], ...]
    removed: tuple[Table, ...]


def with_alignment(
    old: Document, new: Document, diff_result: DiffResult | None, settings: MatchSettings = SETTINGS
) -> DiffResult:
    """``diff_result`` when its alignment covers these versions' sections
    (each once), else the diff run here with ``settings``: a result built by
    hand, or for other versions, cannot misplace a section."""
    if diff_result is not None:
        aligned = diff_result.alignment.sections
        olds = sorted(a.old for a in aligned if a.old is not None)
        news = sorted(a.new for a in aligned if a.new is not None)
        if olds == list(range(len(old.sections))) and news == list(range(len(new.sections))):
            return diff_result
    return diff(old, new, settings=settings)


def section_steps(old: Document, new: Document, alignment: Alignment) -> Iterator[SectionStep]:
    """The sections in the diff's order (new order, removed ones where they
    stood), each with its tables paired as the diff paired them."""
    old_tables, new_tables = old.tables(), new.tables()
    old_at = {id(t): k for k, t in enumerate(old_tables)}
    new_at = {id(t): k for k, t in enumerate(new_tables)}
    partner = {t.new: t for t in alignment.tables if t.new is not None}
    paired_old = {t.old for t in alignment.tables if t.old is not None and t.new is not None}
    for a in alignment.sections:
        before = old.sections[a.old] if a.old is not None else None
        after = new.sections[a.new] if a.new is not None else None
        removed = tuple(t for t in (before.tables() if before else ()) if old_at[id(t)] not in paired_old)
        tables = []
        for t in after.tables() if after else ():
            p = partner.get(new_at[id(t)])
            prior = old_tables[p.old] if p is not None and p.old is not None else None
            tables.append((prior, t, p if prior is not None else None))
        yield SectionStep(before, after, a.paragraphs, tuple(tables), removed)


def plan_annex(
    old: Document,
    new: Document,
    diff_result: DiffResult | None = None,
    options: AnnexOptions | None = None,
    *,
    settings: MatchSettings = SETTINGS,
) -> AnnexPlan:
    """Everything the annex shows, in the order it shows it.

    Which old section, paragraph, table and row each new one is compared
    with is the alignment of ``diff_result`` (``redline.diff.diff(old, new,
    settings=settings)``, run here when not given), so the annex names the
    same pairs as the diff; the content itself is redlined from the two
    documents, so nothing that changed can be missing from the annex.
    """
    opts = options or AnnexOptions()
    diff_result = with_alignment(old, new, diff_result, settings)
    items: list[Amendment] = []
    summaries: list[TableSummary] = []
    sections_changed = 0
    for step in section_steps(old, new, diff_result.alignment):
        item = section_item(step.old, step.new, step.paragraphs)
        if item is not None:
            items.append(item)
            sections_changed += 1
        for gone in step.removed:  # the new version has no such table
            d_item, summary = removed_table_item(gone)
            items.append(d_item)
            summaries.append(summary)
        for prior, table, aligned in step.tables:
            change = _change_of(diff_result, prior, table)
            t_item, summary = table_item(prior, table, opts.context, change, aligned)
            summaries.append(summary)
            if t_item is not None:
                items.append(t_item)
    items = group_sections(items, new, opts.group)
    section_map = {
        s.new_number: s.old_number
        for s in diff_result.sections
        if s.new_number and s.old_number and s.new_number != s.old_number
    }
    renumbering = tuple(
        (item.instruction, note)
        for item in items
        if (note := renumbering_note(item, section_map)) is not None
    )
    document_title = new.title or old.title or DEFAULT_DOCUMENT_TITLE
    name = new.document or old.document
    parts: tuple[tuple[int, str], ...] = ()
    if name:
        parts = ((0, part_title(name, new.document_title or old.document_title)),)
        items = [replace(i, document=name) for i in items]
    title = opts.title or f"Changes to {document_title}"
    quoted = title if title.endswith(("’", "'")) else f"{title}’"
    name = normalise(f"{opts.mp} ‘{quoted}" if opts.mp else title)
    return AnnexPlan(
        heading=(name, "Annex A", f"Legal text – version {opts.version}"),
        against=opts.against or old.sec_version or None,
        document_title=document_title,
        items=tuple(items),
        tables=tuple(summaries),
        sections_changed=sections_changed,
        old_source=old.source,
        new_source=new.source,
        tables_changed=sum(1 for i in items if i.target.kind == "table"),
        renumbering=renumbering,
        parts=parts,
    )


def combine_plans(
    plans: Sequence[AnnexPlan], options: AnnexOptions | None = None, sources: tuple[str, str] | None = None
) -> AnnexPlan:
    """One Annex A of several documents' plans (each planned by :func:`plan_annex` from its
    pair of versions): a part per document in SEC order, the title block once; ``sources``:
    the two releases' names (folders, labels) the summary names."""
    opts = options or AnnexOptions()
    ordered = sorted(
        (p for p in plans if p.items), key=lambda p: document_key(p.items[0].document or "~")
    )
    items: list[Amendment] = []
    parts: list[tuple[int, str]] = []
    for p in ordered:
        parts.extend((at + len(items), heading) for at, heading in p.parts)
        items.extend(p.items)
    title = opts.title or "Changes to the Smart Energy Code"
    quoted = title if title.endswith(("’", "'")) else f"{title}’"
    name = normalise(f"{opts.mp} ‘{quoted}" if opts.mp else title)
    first = ordered[0] if ordered else (plans[0] if plans else None)
    return AnnexPlan(
        heading=(name, "Annex A", f"Legal text – version {opts.version}"),
        against=opts.against or (first.against if first else None),
        document_title="Smart Energy Code",
        items=tuple(items),
        tables=tuple(t for p in ordered for t in p.tables),
        sections_changed=sum(p.sections_changed for p in ordered),
        old_source=sources[0] if sources else ", ".join(p.old_source for p in ordered),
        new_source=sources[1] if sources else ", ".join(p.new_source for p in ordered),
        tables_changed=sum(p.tables_changed for p in ordered),
        renumbering=tuple(r for p in ordered for r in p.renumbering),
        parts=tuple(parts),
    )


def _parent(number: str) -> str:
    return number.rpartition(".")[0]


def renumbering_note(item: Amendment, renumbered: dict[str, str]) -> str | None:
    """The instruction drafters write after inserting or deleting a section: which
    sibling sections after it take new numbers (``renumbered``: new → old, from
    the diff). None when no section after it is renumbered."""
    if item.target.kind != "section" or item.verb not in ("insert", "delete"):
        return None
    number = item.target.number
    parent = _parent(number)
    pairs = sorted(
        ((old, new) for new, old in renumbered.items() if _parent(new) == parent and _parent(old) == parent),
        key=lambda p: tuple(int(x) for x in p[0].split(".") if x.isdigit()),
    )
    if not pairs:
        return None
    return note_wording([o for o, _ in pairs], [n for _, n in pairs])
