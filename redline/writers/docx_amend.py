"""The consolidated draft as the baseline's own DOCX with the annex's edits made in it.

A drafter sends the consolidated version on as the next SEC version, so it
must look like the baseline: its cover, page headers and footers, the
classification banner, section breaks, column widths, merged header cells,
list levels. Rebuilding the document from the model loses all of that, so
when the baseline is a DOCX the draft is that package with only
``word/document.xml`` changed, and in it only the elements the edits touch:

* a changed paragraph keeps its paragraph properties and its first run's
  formatting; an inserted one is a copy of a baseline paragraph of the same
  kind (bullet level, body text) from nearby, so it takes the baseline's
  style and list; a deleted one is removed;
* a heading is retitled in place; an inserted section's heading is a copy of a
  baseline heading of its level, so Word's automatic numbering numbers it and
  renumbers the sections after it (typed numbers are retyped);
* a changed row changes only the cells whose text changes; an inserted row is
  a copy of a neighbouring body row; footer figures are rewritten digit for
  digit in their cells; a new footer row copies a baseline footer row;
* the cover's "SEC Version 6.18" becomes the version given.

Every other element and every other part of the package is the baseline's,
byte for byte. Where an edit has no safe place in the XML (a changed cell
inside a vertical merge, a table in an inserted section) :class:`NotAmendable`
says so, and the draft is checked by reading it back: it must give the
model ``apply`` computed, or it is not written.

Edits come from :func:`redline.versions.apply.plan` (which amendment targets which
paragraph and row is decided there, not here).
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeAlias

from lxml import etree

from redline.diff.match import same_footer_row
from redline.errors import RedlineError
from redline.model import Document, Paragraph, Table, normalise
from redline.numbering import is_clause, label_kind
from redline.ooxml import rels
from redline.ooxml.grid import children as _children
from redline.ooxml.grid import continued, span
from redline.ooxml.grid import row_grid as _grid
from redline.ooxml.ns import (
    ENDNOTE,
    ENDNOTE_REF,
    FOOTNOTE,
    FOOTNOTE_REF,
    GRIDSPAN,
    PPR,
    RPR,
    SECTPR,
    TBLHEADER,
    TCPR,
    TR,
    TRPR,
    VMERGE,
    W14,
    XML_SPACE,
    P,
    R,
    T,
    W,
)
from redline.structure import BANNER, CAPTION, VERSION, StreamItem, TableDraft, parse_instruction
from redline.tables import expand
from redline.text import natural_key
from redline.versions.edits import (
    ColumnEdit,
    Edit,
    FooterEdit,
    FooterRowEdit,
    NoteEdit,
    ParagraphEdit,
    RowEdit,
    SectionEdit,
    TitleEdit,
    renumbering,
)


class AmendableTree(Protocol):
    """A DOCX read with the XML it was read from (the DOCX reader's ``DocxTree``):
    ``sources[i]`` is the body element of ``stream[i]``. The caller (draft.py)
    reads the baseline and hands its tree here: writers do not import readers."""

    @property
    def document(self) -> Document: ...
    @property
    def part(self) -> str: ...
    @property
    def root(self) -> etree._Element: ...
    @property
    def stream(self) -> tuple[StreamItem, ...]: ...
    @property
    def sources(self) -> tuple[etree._Element, ...]: ...


TBLGRID, GRIDCOL = W + "tblGrid", W + "gridCol"
FOOTNOTE_MARK, ENDNOTE_MARK = W + "footnoteRef", W + "endnoteRef"
_COPY_IDS = (W14 + "paraId", W14 + "textId")
_BOOKMARKS = (W + "bookmarkStart", W + "bookmarkEnd")
_DIGITS = re.compile(r"\d+")


_Action: TypeAlias = Callable[[], None]
"""One change to the XML, resolved against the untouched baseline and carried out later."""


class NotAmendable(RedlineError):
    """The baseline DOCX cannot be amended in place (the draft is rebuilt instead)."""


# -- where each model block sits in the XML --------------------------------------


@dataclass(slots=True)
class _TableXml:
    tbl: etree._Element
    table: Table
    body: list[etree._Element]
    """The ``w:tr`` of each body row, in the model's order."""
    footer: list[etree._Element]
    """The ``w:tr`` of each footer row, in the model's order."""


@dataclass(slots=True)
class _SectionXml:
    number: str
    heading: etree._Element
    blocks: list[etree._Element] = field(default_factory=list)
    """The element of each model block of the section, in order."""


def _locate_table(tbl: etree._Element, draft: TableDraft, table: Table) -> _TableXml:
    trs = _children(tbl, TR)
    grid = expand(draft.rows)
    if len(trs) != len(draft.rows) or len(grid) != len(trs):
        raise NotAmendable(f"Table {table.number}: its rows could not be told apart in the XML")
    body: list[etree._Element] = []
    footer: list[etree._Element] = []
    for i in range(len(table.header_rows), len(grid)):
        texts = tuple(c.text for c in grid[i])
        if len(body) < len(table.rows) and texts == table.rows[len(body)].texts:
            body.append(trs[i])
        elif len(footer) < len(table.footer) and any(
            same_footer_row(table.footer[len(footer)].label, t) for t in texts
        ):
            footer.append(trs[i])
    if len(body) != len(table.rows) or len(footer) != len(table.footer):
        raise NotAmendable(f"Table {table.number}: its rows could not be told apart in the XML")
    return _TableXml(tbl, table, body, footer)


@dataclass(slots=True)
class _Layout:
    """The baseline's sections, blocks and table rows, as XML elements."""

    tree: AmendableTree
    front: list[tuple[Paragraph | Table, etree._Element]]
    sections: list[_SectionXml]
    tables: dict[int, _TableXml]
    """By ``id()`` of the model table."""

    @classmethod
    def of(cls, tree: AmendableTree) -> _Layout:
        doc = tree.document
        if doc.is_annex:
            raise NotAmendable(f"{doc.source} is an annex, not a version of {doc.document or 'an SEC document'}")
        front: list[etree._Element] = []
        sections: list[_SectionXml] = []
        drafts: list[TableDraft] = []
        for item, el in zip(tree.stream, tree.sources, strict=True):
            if isinstance(item, Paragraph) and (BANNER.match(item.text) or parse_instruction(item.text)):
                continue  # the assembler drops these from the sections (an instruction: not in a version)
            if not isinstance(item, Paragraph | TableDraft):
                sections.append(_SectionXml(item.number, el))
                continue
            (sections[-1].blocks if sections else front).append(el)
            if isinstance(item, TableDraft):
                drafts.append(item)
        if len(sections) != len(doc.sections) or len(front) != len(doc.front):
            raise NotAmendable(f"{doc.source}: its sections could not be told apart in the XML")
        tables: dict[int, _TableXml] = {}
        draft_of = iter(drafts)
        model_blocks = [*doc.front, *(b for s in doc.sections for b in s.blocks)]
        elements = [*front, *(e for s in sections for e in s.blocks)]
        for s, xs in zip(doc.sections, sections, strict=True):
            if len(s.blocks) != len(xs.blocks) or s.number != xs.number:
                raise NotAmendable(f"Section {s.number}: its paragraphs could not be told apart in the XML")
        for block, el in zip(model_blocks, elements, strict=True):
            if isinstance(block, Table):
                tables[id(block)] = _locate_table(el, next(draft_of), block)
        return cls(tree, list(zip(doc.front, front, strict=True)), sections, tables)

    def section(self, number: str) -> tuple[_SectionXml, int]:
        for i, s in enumerate(self.sections):
            if s.number == number:
                return s, i
        raise NotAmendable(f"Section {number}: not in the baseline DOCX")

    def table(self, number: str) -> _TableXml:
        t = self.tree.document.table(number)
        if t is None or id(t) not in self.tables:
            raise NotAmendable(f"Table {number}: not in the baseline DOCX")
        return self.tables[id(t)]


# -- text in paragraphs and cells ----------------------------------------------


def _text(el: etree._Element) -> str:
    return normalise("".join(t.text or "" for t in el.iter(T)))


def _first_rpr(p: etree._Element) -> etree._Element | None:
    for r in p.iter(R):
        if r.find(T) is not None:
            rpr = r.find(RPR)
            return copy.deepcopy(rpr) if rpr is not None else None
    return None


def set_paragraph_text(p: etree._Element, text: str) -> None:
    """Replace the paragraph's content with one run of ``text`` in the formatting
    of its first run; paragraph properties (style, list, section break) stay."""
    texts = list(p.iter(T))
    run = p.find(R)
    alone = len(p) == (2 if p.find(PPR) is not None else 1)
    if text and alone and len(texts) == 1 and run is not None and texts[0].getparent() is run:
        _put(texts[0], text)  # one run, one text: change the text alone
        return
    rpr = _first_rpr(p)
    ppr = p.find(PPR)
    for child in list(p):
        if child is not ppr:
            p.remove(child)
    if text:
        r = etree.SubElement(p, R)
        if rpr is not None:
            r.append(rpr)
        _put(etree.SubElement(r, T), text)


def _put(t: etree._Element, text: str) -> None:
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(XML_SPACE, "preserve")
    elif XML_SPACE in t.attrib:
        del t.attrib[XML_SPACE]


def set_cell_text(tc: etree._Element, text: str) -> None:
    """The cell holds ``text`` in its first paragraph (further paragraphs go)."""
    ps = [c for c in tc if c.tag == P]
    if not ps:
        ps = [etree.SubElement(tc, P)]
    for extra in ps[1:]:
        tc.remove(extra)
    set_paragraph_text(ps[0], text)


def _fresh(el: etree._Element) -> etree._Element:
    """A copy of a baseline element to fill with new content: no duplicate ids or bookmarks."""
    out = copy.deepcopy(el)
    for node in out.iter():
        for attr in _COPY_IDS:
            if attr in node.attrib:
                del node.attrib[attr]
    for bm in list(out.iter(*_BOOKMARKS)):
        parent = bm.getparent()
        if parent is not None:
            parent.remove(bm)
    return out


def _type_clause_number(p: etree._Element, number: str) -> None:
    """Switch the paragraph's list numbering off (``w:numId`` 0) and type ``number`` and a tab
    before its text, as a drafter inserts a clause without renumbering."""
    ppr = p.find(PPR)
    if ppr is None:
        ppr = etree.Element(PPR)
        p.insert(0, ppr)
    numpr = ppr.find(W + "numPr")
    if numpr is None:
        numpr = etree.SubElement(ppr, W + "numPr")
        style = ppr.find(W + "pStyle")
        if style is not None:  # schema order: pStyle, keepNext, keepLines, …, numPr
            ppr.remove(numpr)
            style.addnext(numpr)
    for child in list(numpr):
        numpr.remove(child)
    etree.SubElement(numpr, W + "ilvl").set(W + "val", "0")
    etree.SubElement(numpr, W + "numId").set(W + "val", "0")
    run = etree.Element(R)
    rpr = _first_rpr(p)
    if rpr is not None:
        run.append(rpr)
    _put(etree.SubElement(run, T), number)
    etree.SubElement(run, W + "tab")
    p.insert(list(p).index(ppr) + 1, run)


def _remove(el: etree._Element) -> None:
    """Take a paragraph or table row out; a paragraph holding a section break keeps the break."""
    ppr = el.find(PPR)
    if ppr is not None and ppr.find(SECTPR) is not None:
        for child in list(el):
            if child is not ppr:
                el.remove(child)
        return
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


# -- table rows ------------------------------------------------------------------


def _continued(tc: etree._Element) -> bool:
    return continued(tc.find(TCPR))


def _fill_row(tr: etree._Element, old: Sequence[str], new: Sequence[str], where: str) -> None:
    """Set the cells whose text changes; a covered or vertically merged cell cannot change alone."""
    owners = dict(_grid(tr))
    for c in range(max(len(old), len(new))):
        before = old[c] if c < len(old) else ""
        after = new[c] if c < len(new) else ""
        if normalise(before) == normalise(after):
            continue
        tc = owners.get(c)
        if tc is None or _continued(tc):
            raise NotAmendable(f"{where}: column {c + 1} is part of a merged cell")
        set_cell_text(tc, after)


def _covering(tr: etree._Element, column: int) -> tuple[etree._Element, int, int] | None:
    """The cell of the row covering grid column ``column``: (cell, its first column, its span)."""
    for at, tc in _grid(tr):
        width = span(tc.find(TCPR))
        if at <= column < at + width:
            return tc, at, width
    return None


def _set_span(tc: etree._Element, width: int) -> None:
    tcpr = tc.find(TCPR)
    if tcpr is None:
        tcpr = etree.Element(TCPR)
        tc.insert(0, tcpr)
    el = tcpr.find(GRIDSPAN)
    if width == 1:
        if el is not None:
            tcpr.remove(el)
        return
    if el is None:
        el = etree.Element(GRIDSPAN)
        cnf = tcpr.find(W + "cnfStyle")
        tcw = tcpr.find(W + "tcW")
        anchor = tcw if tcw is not None else cnf
        if anchor is not None:
            anchor.addnext(el)
        else:
            tcpr.insert(0, el)
    el.set(W + "val", str(width))


def _new_row(template: etree._Element, texts: Sequence[str], where: str) -> etree._Element:
    tr = _fresh(template)
    trpr = tr.find(TRPR)
    if trpr is not None:
        for h in trpr.findall(TBLHEADER):
            trpr.remove(h)
    for col, tc in _grid(tr):
        tcpr = tc.find(TCPR)
        if tcpr is not None:
            for vm in tcpr.findall(VMERGE):
                tcpr.remove(vm)
        set_cell_text(tc, texts[col] if col < len(texts) else "")
    if any(t for c, t in enumerate(texts) if c not in dict(_grid(tr))):
        raise NotAmendable(f"{where}: the neighbouring row's cells do not cover every column")
    return tr


def _footer_texts(tr: etree._Element, figures: Sequence[int], where: str) -> list[tuple[etree._Element, str]]:
    """The cells after the label with their figures replaced in order: (cell, new text)."""
    cells = [tc for _, tc in _grid(tr)]
    label_at = next((i for i, tc in enumerate(cells) if re.search(r"[A-Za-z]", _text(tc))), 0)
    rest = cells[label_at + 1 :]
    found = sum(len(_DIGITS.findall(_text(tc))) for tc in rest)
    if found != len(figures):
        raise NotAmendable(f"{where}: {found} figures in the row, {len(figures)} to write")
    it = iter(figures)
    return [(tc, _DIGITS.sub(lambda _: str(next(it)), _text(tc))) for tc in rest]


# -- the edits ---------------------------------------------------------------------


class _Amender:
    def __init__(self, layout: _Layout, notes: _NoteParts) -> None:
        self.layout = layout
        self.notes = notes
        self.doc = layout.tree.document
        self._tails: dict[int, etree._Element] = {}
        self.replaced_version: str | None = None
        """The version number the cover stated, once ``--version`` replaced it."""
        self._edited: set[int] = set()
        """``id()`` of the baseline paragraphs an edit replaces or deletes."""

    def _after(self, anchor: etree._Element, new: etree._Element) -> None:
        """Put ``new`` after ``anchor`` and after whatever was put there before it."""
        tail = self._tails.get(id(anchor), anchor)
        tail.addnext(new)
        self._tails[id(anchor)] = new

    def run(self, edits: Iterable[Edit], version: str | None) -> None:
        # Resolve every place against the untouched baseline first, then change the XML:
        # insertions first (their anchors are baseline elements), deletions last.
        edits = sorted(edits, key=_stage)
        actions = [self._action(e) for e in edits if not isinstance(e, SectionEdit | ColumnEdit)]
        actions += [self._column(e) for e in edits if isinstance(e, ColumnEdit)]  # after the rows: they fill them
        for act in actions:
            act()
        self._sections([e for e in edits if isinstance(e, SectionEdit)])
        if version:
            self.replaced_version = self._version(version)

    # paragraphs and titles

    def _action(self, e: Edit) -> _Action:
        if isinstance(e, ParagraphEdit):
            return self._paragraph(e)
        if isinstance(e, TitleEdit):
            s, _ = self.layout.section(e.section)
            heading, number = s.heading, e.section
            return lambda: set_paragraph_text(heading, self._heading_text(heading, number, e.new))
        if isinstance(e, RowEdit):
            return self._row(e)
        if isinstance(e, FooterEdit):
            return self._footer(e)
        if isinstance(e, FooterRowEdit):
            return self._footer_row(e)
        if isinstance(e, NoteEdit):
            return self._note(e)
        raise TypeError(f"unknown edit {type(e).__name__}")

    def _paragraph(self, e: ParagraphEdit) -> _Action:
        s, _ = self.layout.section(e.section)
        model = self.doc.section(e.section)
        assert model is not None
        if e.op == "insert":
            para = e.paragraph or Paragraph(e.new)
            template = self._template(model.blocks, s.blocks, e.index, para)
            anchor = s.blocks[e.index] if e.index < len(s.blocks) else None
            last = s.blocks[-1] if s.blocks else s.heading

            def insert() -> None:
                new = _fresh(template)
                set_paragraph_text(new, para.text)
                if anchor is not None:
                    anchor.addprevious(new)
                else:  # at the section's end: after what went there before
                    self._after(last, new)

            return insert
        el = s.blocks[e.index]
        self._edited.add(id(el))
        if e.op == "delete":
            return lambda: _remove(el)
        return lambda: set_paragraph_text(el, e.new)

    def _note(self, e: NoteEdit) -> _Action:
        """The note the paragraph cites as its ``e.note``-th, changed in its own part."""
        s, _ = self.layout.section(e.section)
        refs = [r for r in s.blocks[e.index].iter(FOOTNOTE_REF, ENDNOTE_REF)]
        if e.note >= len(refs):
            raise NotAmendable(f"{e.where}: the paragraph cites {len(refs)} note(s)")
        ref = refs[e.note]
        kind = "footnote" if ref.tag == FOOTNOTE_REF else "endnote"
        note = self.notes.note(kind, ref.get(W + "id", ""))
        return lambda: _set_note_text(note, e.new)

    def _template(
        self, blocks: Sequence[Paragraph | Table], elements: Sequence[etree._Element], index: int, para: Paragraph
    ) -> etree._Element:
        """A baseline paragraph like ``para`` (list level, sub-heading or body text), nearest ``index``."""

        def like(b: object) -> bool:
            if para.label:  # "(d)": a sub-paragraph numbered as its siblings are, whatever level a reader gave it
                return isinstance(b, Paragraph) and bool(b.label) and label_kind(b.label) == label_kind(para.label)
            return isinstance(b, Paragraph) and b.list_level == para.list_level and b.style == para.style

        order = sorted(range(len(blocks)), key=lambda i: (abs(i - index + 0.5), i))
        for i in order:
            if like(blocks[i]):
                return elements[i]
        for s, xs in zip(self.doc.sections, self.layout.sections, strict=True):
            for b, el in zip(s.blocks, xs.blocks, strict=True):
                if like(b):
                    return el
        raise NotAmendable(f"no paragraph in the baseline to copy for an inserted one: {para.text[:60]!r}")

    def _heading_text(self, heading: etree._Element, number: str, title: str) -> str:
        typed = re.match(rf"\s*{re.escape(number)}\.?\s", _text(heading) + " ")
        return f"{number} {title}" if typed else title

    # tables

    def _row(self, e: RowEdit) -> _Action:
        tx = self.layout.table(e.table)
        where = f"Table {e.table} row {e.key}"
        if e.op == "replace":
            tr, old = tx.body[e.index], tx.table.rows[e.index].texts
            return lambda: _fill_row(tr, old, e.new, where)
        if e.op == "delete":
            tr = tx.body[e.index]
            return lambda: tr.getparent().remove(tr)  # type: ignore[union-attr]
        if not tx.body:
            raise NotAmendable(f"{where}: the table has no body row to copy")
        template = tx.body[min(max(e.index - 1, 0), len(tx.body) - 1)]
        anchor = tx.body[e.index] if e.index < len(tx.body) else tx.body[-1]
        before = e.index < len(tx.body)
        new = _new_row(template, e.new, where)

        def insert() -> None:
            if before:
                anchor.addprevious(copy.deepcopy(new))
            else:
                self._after(anchor, copy.deepcopy(new))

        return insert

    def _footer(self, e: FooterEdit) -> _Action:
        tx = self.layout.table(e.table)
        for f, tr in zip(tx.table.footer, tx.footer, strict=True):
            if same_footer_row(f.label, e.label):
                where = f"Table {e.table} footer '{f.label}'"
                _footer_texts(tr, e.figures, where)  # fails now, before anything changed

                def write(tr: etree._Element = tr, where: str = where) -> None:
                    for tc, text in _footer_texts(tr, e.figures, where):
                        if text != _text(tc):
                            set_cell_text(tc, text)

                return write
        raise NotAmendable(f"Table {e.table}: no footer row '{e.label}' in the baseline DOCX")

    def _footer_row(self, e: FooterRowEdit) -> _Action:
        tx = self.layout.table(e.table)
        where = f"Table {e.table} footer row '{e.label}'"
        rows = list(zip(tx.table.footer, tx.footer, strict=True))
        if e.op == "delete":
            for f, tr in rows:
                if same_footer_row(f.label, e.label):
                    return lambda: tr.getparent().remove(tr)  # type: ignore[union-attr]
            raise NotAmendable(f"{where}: not in the baseline DOCX")
        same = [tr for f, tr in rows if len(f.figures) == len(e.figures) and f.label.casefold().startswith("count")]
        same = same or [tr for f, tr in rows if len(f.figures) == len(e.figures)]
        if not same:
            raise NotAmendable(f"{where}: no footer row with {len(e.figures)} figure(s) to copy")
        new = _fresh(same[0])
        cells = [tc for _, tc in _grid(new)]
        texts = _footer_texts(new, e.figures, where)
        label_cell = cells[len(cells) - len(texts) - 1]
        set_cell_text(label_cell, e.label)
        for tc, text in texts:
            set_cell_text(tc, text)
        before = next((tr for f, tr in rows if e.before and same_footer_row(f.label, e.before)), None)
        last = rows[-1][1] if rows else None
        if before is None and last is None:
            raise NotAmendable(f"{where}: the table has no footer")

        def insert() -> None:
            if before is not None:
                before.addprevious(new)
            elif last is not None:
                self._after(last, new)

        return insert

    def _column(self, e: ColumnEdit) -> _Action:
        """A grid column in or out of the table, as Word's "Insert column right" and
        "Delete column" do: the grid column and each row's cell there (a cell spanning
        over the place widens or narrows instead); a new cell is a copy of the one to
        its left, so it keeps the column's look (borders, shading, run formatting)."""
        tx = self.layout.table(e.table)
        where = f"Table {e.table} column {e.name}"
        grid = tx.tbl.find(TBLGRID)
        cols = grid.findall(GRIDCOL) if grid is not None else []
        if e.index >= len(cols) + (e.op == "insert") or not cols:
            raise NotAmendable(f"{where}: not in the table's grid")
        header = set(_children(tx.tbl, TR)[: len(tx.table.header_rows)])
        footer = {id(tr): f.label for f, tr in zip(tx.table.footer, tx.footer, strict=True)}

        def delete() -> None:
            grid_el = cols[e.index]
            grid_el.getparent().remove(grid_el)  # type: ignore[union-attr]
            for tr in _children(tx.tbl, TR):
                found = _covering(tr, e.index)
                if found is None:
                    continue
                tc, _, width = found
                if width > 1:
                    _set_span(tc, width - 1)
                else:
                    tr.remove(tc)

        def insert() -> None:
            left = max(e.index - 1, 0)
            trs = _children(tx.tbl, TR)
            body = [tr for tr in trs if tr not in header and id(tr) not in footer]
            if len(body) != len(e.cells):
                raise NotAmendable(f"{where}: {len(body)} body rows in the table, {len(e.cells)} cells to write")
            texts = dict(zip(body, e.cells, strict=True))
            heads = dict(zip([tr for tr in trs if tr in header], e.header, strict=False))
            feet = dict(e.footer)
            new_col = copy.deepcopy(cols[left])
            if e.index == 0:
                cols[0].addprevious(new_col)
            else:
                cols[left].addnext(new_col)
            for tr in trs:
                found = _covering(tr, left)
                if found is None:
                    continue
                tc, at, width = found
                if e.index > 0 and at + width - 1 > left:  # the new column falls inside this cell
                    _set_span(tc, width + 1)
                    continue
                new = _fresh(tc)
                tcpr = new.find(TCPR)
                if tcpr is not None:
                    for vm in tcpr.findall(VMERGE) + tcpr.findall(GRIDSPAN):
                        tcpr.remove(vm)
                text = texts.get(tr, heads.get(tr, feet.get(footer.get(id(tr), ""), "")))
                set_cell_text(new, text)
                if e.index == 0:
                    tc.addprevious(new)
                else:
                    tc.addnext(new)

        return insert if e.op == "insert" else delete

    # whole sections

    def _sections(self, edits: Sequence[SectionEdit]) -> None:
        if not edits:
            return
        deleted = {e.number for e in edits if e.op == "delete"}
        added = sorted(
            (e.section for e in edits if e.op == "insert" and e.section), key=lambda s: natural_key(s.number)
        )
        numbers = renumbering((s.number for s in self.doc.sections), (s.number for s in added), deleted)
        pairs = zip(self.doc.sections, self.layout.sections, strict=True)
        kept = [(s, xs) for s, xs in pairs if s.number not in deleted]
        plans = []
        for new in added:
            if any(isinstance(b, Table) for b in new.blocks):
                raise NotAmendable(f"Section {new.number}: an inserted section holding a table")
            at = natural_key(new.number)
            later = next((xs for s, xs in kept if natural_key(numbers.get(s.number, s.number)) > at), None)
            template = self._heading_template(new.level)
            paras = []
            for b in new.blocks:
                assert isinstance(b, Paragraph)
                paras.append((b, self._template([], [], 0, b)))
            plans.append((new, later, template, paras))
        for s, xs in zip(self.doc.sections, self.layout.sections, strict=True):
            if s.number in deleted:
                for el in (xs.heading, *xs.blocks):
                    _remove(el)
        for new, later, template, paras in plans:
            heading = _fresh(template)
            if is_clause(new.number) and not new.title and paras:
                # "H14.2A": one paragraph like the clauses around it, the number typed before a tab
                # and the list numbering switched off, so the automatic H14.3 after it keeps its number.
                # "H14.7" is the list's own number: the copied clause keeps the numbering and the
                # clauses after it renumber as Word would.
                first, *paras = paras
                set_paragraph_text(heading, first[0].text)
                if not new.number.rsplit(".", 1)[-1].isdigit():
                    _type_clause_number(heading, new.number)
            else:
                typed = self._is_typed(template)
                set_paragraph_text(heading, f"{new.number} {new.title}" if typed else new.title)
            out = [heading]
            for b, t in paras:
                p = _fresh(t)
                set_paragraph_text(p, b.text)
                out.append(p)
            if later is not None:
                for el in out:
                    later.heading.addprevious(el)
            else:
                last = self.layout.sections[-1]
                anchor = (last.blocks or [last.heading])[-1]
                for el in out:
                    self._after(anchor, el)
        self._retype_numbers(numbers, deleted)

    def _heading_template(self, level: int) -> etree._Element:
        for s, xs in zip(self.doc.sections, self.layout.sections, strict=True):
            if s.level == level:
                return xs.heading
        raise NotAmendable(f"no level-{level} heading in the baseline to copy for an inserted section")

    def _is_typed(self, heading: etree._Element) -> bool:
        for s, xs in zip(self.doc.sections, self.layout.sections, strict=True):
            if xs.heading is heading:
                return bool(re.match(rf"\s*{re.escape(s.number)}\.?\s", _text(heading) + " "))
        return False

    def _retype_numbers(self, numbers: dict[str, str], deleted: set[str]) -> None:
        """Typed heading numbers and typed table captions of the renumbered sections."""
        for s, xs in zip(self.doc.sections, self.layout.sections, strict=True):
            new = numbers.get(s.number, s.number)
            if s.number in deleted or new == s.number:
                continue
            if self._is_typed(xs.heading):
                set_paragraph_text(xs.heading, re.sub(rf"^\s*{re.escape(s.number)}", new, _text(xs.heading), count=1))
            for b, el in zip(s.blocks, xs.blocks, strict=True):
                if not isinstance(b, Paragraph) or id(el) in self._edited:
                    continue  # a paragraph the annex rewrote says what it says
                m = CAPTION.match(b.text)
                if m and m.group(1) in numbers and numbers[m.group(1)] != m.group(1):
                    set_paragraph_text(el, b.text.replace(m.group(1), numbers[m.group(1)], 1))

    def _version(self, version: str) -> str | None:
        """State ``version`` on the cover; the number it replaced (None: no version line)."""
        for block, el in self.layout.front:
            if not isinstance(block, Paragraph):
                continue
            for m in VERSION.finditer(block.text):
                if "against" in block.text[max(0, m.start() - 20) : m.start()].casefold():
                    continue
                for t in el.iter(T):
                    if t.text and m.group(1) in t.text and "SEC" in _text(el):
                        t.text = t.text.replace(m.group(1), version, 1)
                        return m.group(1)
                set_paragraph_text(el, block.text[: m.start(1)] + version + block.text[m.end(1) :])
                return m.group(1)
        return None


def _stage(e: Edit) -> int:
    """Insertions first, changes next, deletions last, columns after every row (see :meth:`_Amender.run`)."""
    op = getattr(e, "op", "replace")
    return 3 if isinstance(e, ColumnEdit) else 0 if op == "insert" else 2 if op == "delete" else 1


# -- the package -----------------------------------------------------------------


class _NoteParts:
    """The footnotes and endnotes parts, found through the document part's relationships
    (:mod:`redline.ooxml.rels`: ``word/footnotes.xml`` is only the usual place), parsed
    when a note edit needs one; the ones changed are written back."""

    def __init__(self, main: str, parts: Sequence[tuple[zipfile.ZipInfo, bytes]]) -> None:
        self.main = main
        self.data = {info.filename: data for info, data in parts}
        self.roots: dict[str, etree._Element] = {}

    def note(self, kind: str, nid: str) -> etree._Element:
        reltype, tag = (rels.FOOTNOTES, FOOTNOTE) if kind == "footnote" else (rels.ENDNOTES, ENDNOTE)
        rels_xml = self.data.get(rels.rels_part(self.main))
        name = rels.related_by(etree.fromstring(rels_xml), self.main, reltype) if rels_xml else None
        if name is None or name not in self.data:
            raise NotAmendable(f"no {kind}s part in the baseline DOCX")
        if name not in self.roots:
            self.roots[name] = etree.fromstring(self.data[name])
        for el in self.roots[name].iterchildren(tag):
            if el.get(W + "id") == nid:
                return el
        raise NotAmendable(f"{kind} {nid}: not in {name}")

    def xml(self) -> dict[str, bytes]:
        return {
            name: etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            for name, root in self.roots.items()
        }


def _set_note_text(note: etree._Element, text: str) -> None:
    """The note holds ``text`` after its reference mark (``w:footnoteRef``), in its first
    paragraph, in the formatting of its first text run; further paragraphs go."""
    ps = [c for c in note if c.tag == P]
    if not ps:
        raise NotAmendable("a note without a paragraph")
    for extra in ps[1:]:
        note.remove(extra)
    p = ps[0]
    mark = next((r for r in p.iter(R) if r.find(FOOTNOTE_MARK) is not None or r.find(ENDNOTE_MARK) is not None), None)
    rpr = next((copy.deepcopy(r.find(RPR)) for r in p.iter(R) if r is not mark and r.find(T) is not None
                and r.find(RPR) is not None), None)
    for child in list(p):
        if child.tag != PPR and child is not mark:
            p.remove(child)
    r = etree.SubElement(p, R)
    if rpr is not None:
        r.append(rpr)
    _put(etree.SubElement(r, T), f" {text}" if mark is not None else text)


def amended_package(
    tree: AmendableTree,
    parts: Sequence[tuple[zipfile.ZipInfo, bytes]],
    edits: Iterable[Edit],
    *,
    version: str | None = None,
) -> bytes:
    """The baseline package (``parts``, as read) with ``edits`` made in its document part,
    ``tree`` (read with comments kept, so it writes back whole), and in its notes parts
    for a changed footnote or endnote; every other part as it was."""
    layout = _Layout.of(tree)
    notes = _NoteParts(tree.part, parts)
    amender = _Amender(layout, notes)
    amender.run(edits, version)
    was = amender.replaced_version
    changed = {tree.part: etree.tostring(tree.root, xml_declaration=True, encoding="UTF-8", standalone=True)}
    changed.update(notes.xml())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        for info, data in parts:
            data = changed.get(info.filename, data)
            if info.filename == CORE_PART and version and was:
                data = retitled_core(data, was, version)
            zout.writestr(info, data)
    return out.getvalue()


CORE_PART = "docProps/core.xml"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def retitled_core(data: bytes, old: str, new: str) -> bytes:
    """core.xml with the document title's version ``old`` (as the cover stated it)
    made ``new``: the title Word and file managers show ("… (SEC Version 6.18)")
    must not name the baseline once the cover names the draft's version."""
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return data  # a part we cannot read is left as the baseline had it
    title = root.find(_DC_TITLE)
    if title is None or not title.text:
        return data
    changed = re.sub(rf"(?<![\d.]){re.escape(old)}(?!\d|\.\d)", new, title.text, count=1)
    if changed == title.text:
        return data
    title.text = changed
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


REBUILT = (
    "the draft is rebuilt from the content, not amended in the baseline's file: redline's own layout "
    "(A4, Arial, typed heading numbers, plain tables) without the baseline's cover, page headers and footers, "
    "classification banner, section breaks, column widths or list styles"
)
"""What a rebuilt draft lacks, for the note ``apply`` prints when it cannot amend the baseline DOCX."""


__all__ = ["REBUILT", "NotAmendable", "amended_package"]
