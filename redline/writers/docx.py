"""The annex as a Word document, in the layout of the real SEC annexes.

Title block ("MP089 ‘Changes to …’", "Annex A", "Legal text – version N",
"About this document" with the SEC version drafted against), a page break,
the document title, then each amendment: its instruction in bold, the
section's heading and paragraphs or the table (header row repeated on every
page, wide tables on landscape pages). Insertions are underlined in blue and
deletions struck through in red; with ``tracked`` they are real Word
revisions instead (``docx_revisions``), so Accept All gives the new text.

Paragraphs go through python-docx; runs and tables are built as lxml
elements here, which keeps a 150-page annex fast and lets the tracked mode
wrap the very same runs in revisions.
"""

from __future__ import annotations

import copy
import datetime
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from redline.annex.plan import AnnexPlan
from redline.model import Amendment, Cell, FooterRow, Heading, Mark, Paragraph, Run, Table, visit
from redline.ooxml.ns import NSMAP, XML_SPACE, qn
from redline.writers.atomic import write_atomic
from redline.writers.docx_document import labelled
from redline.writers.docx_props import set_app_properties
from redline.writers.docx_revisions import Revisions
from redline.writers.layout import cell_runs, document_name, header_layout, rotated_columns, separate_replacements

FONT = "Arial"
INSERT_COLOUR = "0000FF"
DELETE_COLOUR = "FF0000"
HEADER_FILL = "D9D9D9"
A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.0)
TABLE_STYLES = {8.0: "AnnexTableSmall", 9.0: "AnnexTable"}
"""Paragraph style of the cell text, by font size (8 pt on landscape tables)."""
LANDSCAPE_FROM = 7
"""Tables with this many columns or more go on landscape pages."""
BANNER = (
    "This document is classified as White in accordance with the Panel Information Policy. "
    "Information can be shared with the public, and any members may publish the information, subject to copyright."
)


@dataclass(frozen=True, slots=True)
class DocxSettings:
    tracked: bool = False
    """Write real Word revisions instead of coloured underline/strike."""
    author: str = "redline"
    date: str | None = None
    """ISO 8601 date for the revisions; default now."""


def render_docx(plan: AnnexPlan, settings: DocxSettings | None = None) -> bytes:
    """The annex as DOCX bytes."""
    opts = settings or DocxSettings()
    writer = _Writer(plan, opts)
    writer.write()
    set_app_properties(writer.doc)
    buffer = io.BytesIO()
    writer.doc.save(buffer)
    return buffer.getvalue()


def write_docx(
    plan: AnnexPlan, dest: Path, settings: DocxSettings | None = None, inputs: tuple[Path, ...] = ()
) -> Path:
    return write_atomic(dest, render_docx(plan, settings), inputs)


# -- low-level elements ------------------------------------------------------


_NSMAP = {"w": NSMAP["w"]}
"""The one prefix the annex's own elements need (from redline.ooxml's map)."""


@cache
def _clark(name: str) -> str:
    """``"w:pPr"`` or ``"pPr"`` -> its Clark name (:func:`redline.ooxml.ns.qn`)."""
    return qn(name if ":" in name else f"w:{name}")


def _el(tag: str, **attrs: str) -> etree._Element:
    """A detached w: element (plain lxml: python-docx's OxmlElement costs 5x as much
    and these elements need none of its element classes)."""
    el = etree.Element(_clark(tag), nsmap=_NSMAP)
    for k, v in attrs.items():
        el.set(_clark(k), v)
    return el


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _clark(tag))
    for k, v in attrs.items():
        el.set(_clark(k), v)
    return el


class _Runs:
    """Makes w:r elements for model runs: coloured marks, or revisions."""

    def __init__(self, revisions: Revisions | None) -> None:
        self.revisions = revisions

    def append(
        self, p: etree._Element, runs: tuple[Run, ...], *, bold: bool = False, size: float | None = None
    ) -> None:
        for run in separate_replacements(runs):
            p.append(self.run(run.text, run.mark, bold=bold, size=size))

    def run(self, text: str, mark: Mark | None, *, bold: bool = False, size: float | None = None) -> etree._Element:
        r = _el("w:r")
        rpr = _sub(r, "w:rPr")
        if bold:
            _sub(rpr, "w:b")
        coloured = mark is not None and self.revisions is None
        if coloured and mark == "delete":
            _sub(rpr, "w:strike")
        if coloured:
            _sub(rpr, "w:color", val=INSERT_COLOUR if mark == "insert" else DELETE_COLOUR)
        if size is not None:
            _sub(rpr, "w:sz", val=str(round(size * 2)))
            _sub(rpr, "w:szCs", val=str(round(size * 2)))
        if coloured and mark == "insert":
            _sub(rpr, "w:u", val="single")
        if not len(rpr):
            r.remove(rpr)
        t = _sub(r, "w:t")
        t.text = text
        t.set(XML_SPACE, "preserve")
        if mark is not None and self.revisions is not None:
            return self.revisions.wrap_run(r, mark)
        return r

    def whole_mark(self, runs: tuple[Run, ...]) -> Mark | None:
        """The mark every run carries, when a whole paragraph/row is inserted or deleted."""
        marks = {r.mark for r in runs if r.text.strip()}
        if len(marks) == 1:
            only = marks.pop()
            return only
        return None


# -- the document ------------------------------------------------------------


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)


def _field(p: etree._Element, instruction: str, size: Pt) -> None:
    """A simple field (PAGE, NUMPAGES) with a placeholder result, in the paragraph's size."""
    fld = _sub(p, "w:fldSimple")
    fld.set(qn("w:instr"), f" {instruction} \\* MERGEFORMAT ")
    r = _sub(fld, "w:r")
    rpr = _sub(r, "w:rPr")
    half = str(int(size.pt * 2))
    _sub(rpr, "w:sz").set(qn("w:val"), half)
    _sub(rpr, "w:szCs").set(qn("w:val"), half)
    _sub(r, "w:t").text = "1"


class _Writer:
    def __init__(self, plan: AnnexPlan, settings: DocxSettings) -> None:
        self.plan = plan
        self.settings = settings
        self.doc: Any = docx.Document()
        revisions = None
        if settings.tracked:
            revisions = Revisions(author=settings.author)
            if settings.date:
                revisions.date = settings.date
        self.revisions = revisions
        self.runs = _Runs(revisions)
        self.landscape = False
        self.instruction: etree._Element | None = None
        self.inserting = False
        """Under an "Insert Section" instruction: a clause's bare number is inserted text too."""
        self._cell_templates: dict[float, etree._Element] = {}
        self.body: etree._Element = self.doc.element.body
        self._drop_styles_with_effects()
        self._styles()
        self._page()

    # set-up

    def _drop_styles_with_effects(self) -> None:
        """python-docx's template carries a Word 2010 ``stylesWithEffects`` part
        that no longer matches ``styles.xml`` once we restyle; Word then offers
        to repair the file. Word does not need the part: leave it out."""
        rels = self.doc.part.rels
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith("/stylesWithEffects"):
                rels.pop(rid)

    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(11)
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        normal.paragraph_format.space_after = Pt(6)
        for name, size in (("Title", 22), ("Subtitle", 16), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
            style = styles[name]
            style.font.name = FONT
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
            rfonts = style.element.rPr.find(qn("w:rFonts"))
            if rfonts is not None:
                for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                    rfonts.attrib.pop(qn(f"w:{attr}"), None)
        styles["Title"].font.color.rgb = RGBColor(0x1F, 0x3A, 0x60)
        for points, style_id in TABLE_STYLES.items():
            # One paragraph style per table font size: cheaper than a size on every run.
            style = styles.add_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.font.size = Pt(points)
            style.paragraph_format.space_before = Pt(0)
            style.paragraph_format.space_after = Pt(0)
        for name in ("List Bullet", "List Bullet 2", "List Bullet 3"):
            styles[name].font.name = FONT

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = A4
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, MARGIN)
        # As in the published appendix: the classification banner at the top of
        # every page, "Page X of Y" at the bottom (fields Word and LibreOffice fill in).
        banner = section.header.paragraphs[0]
        banner.text = BANNER
        banner.runs[0].font.size = Pt(7)
        header = section.header.add_paragraph(document_name(self.plan))
        header.runs[0].font.size = Pt(8)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for text, field in (("Page ", "PAGE"), (" of ", "NUMPAGES")):
            footer.add_run(text).font.size = Pt(8)
            _field(footer._p, field, Pt(8))
        self._properties()

    def _properties(self) -> None:
        """Title, author and dates of this annex, not python-docx's template's (2013, "python-docx")."""
        props = self.doc.core_properties
        now = _now()
        props.title = document_name(self.plan)
        props.subject = self.plan.document_title
        props.author = self.settings.author
        props.last_modified_by = self.settings.author
        props.created = now
        props.modified = now
        props.revision = 1
        props.comments = ""
        props.keywords = ""
        props.category = "Full text, changes marked" if self.plan.full else "Annex A – Legal text"

    def _orient(self, landscape: bool) -> None:
        if landscape == self.landscape:
            return
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        width, height = A4
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if landscape else (width, height)
        self.landscape = landscape

    # content

    def write(self) -> None:
        plan = self.plan
        if plan.full:
            for para in plan.front:
                self.paragraph(para)
            for item in plan.items:
                self.amendment(item)
            etree.cleanup_namespaces(self.body, top_nsmap=_NSMAP)
            return
        self.doc.add_paragraph(plan.heading[0], style="Title")
        for line in plan.heading[1:]:
            self.doc.add_paragraph(line, style="Subtitle")
        about = self.doc.add_paragraph()
        about.add_run("About this document").bold = True
        for line in plan.about:
            self.doc.add_paragraph(line)
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if not plan.parts:
            title = self.doc.add_paragraph()
            title.add_run(plan.document_title).bold = True
        if not plan.items:
            self.doc.add_paragraph("No changes.")
        for k, item in enumerate(plan.items):
            part = plan.part_at(k)
            if part is not None:  # "Section H ‘DCC Services’": the document the amendments below amend
                heading = self.doc.add_paragraph()
                heading.paragraph_format.space_before = Pt(18)
                heading.paragraph_format.keep_with_next = True
                heading.add_run(part).bold = True
            self.amendment(item)
        etree.cleanup_namespaces(self.body, top_nsmap=_NSMAP)

    def amendment(self, item: Amendment) -> None:
        wide = any(isinstance(b, Table) and len(b.columns) >= LANDSCAPE_FROM for b in item.blocks)
        self._orient(wide)
        if item.instruction:
            p = self.doc.add_paragraph()
            p.paragraph_format.space_before = Pt(12)
            p.paragraph_format.keep_with_next = True
            self.runs.append(p._p, (Run(item.instruction),), bold=True)
            self.instruction = p._p
        self.inserting = item.verb == "insert" and item.target.kind == "section"
        visit(item.blocks, self, "annex DOCX writer")
        note = self.plan.renumbering_note(item)
        if note:
            self.doc.add_paragraph().add_run(note).italic = True

    def heading(self, h: Heading) -> None:
        level = max(1, min(h.level, 3))
        p = self.doc.add_paragraph(style=f"Heading {level}")
        # A full copy's headings carry their number in the runs (it can be renumbered);
        # an inserted or deleted section's number is inserted or deleted with its title.
        mark = self.runs.whole_mark(h.runs) if h.runs or h.title else ("insert" if self.inserting else None)
        number = (Run(f"{h.number} ", mark),) if h.number else ()  # a clause ("H14.2A") has its number alone
        self.runs.append(p._p, (*number, *(h.runs or (Run(h.title),))))
        self._mark_whole(p._p, h.runs)

    def paragraph(self, para: Paragraph) -> None:
        style = None
        if para.list_level is not None and not para.label:
            style = "List Bullet" if para.list_level == 0 else f"List Bullet {min(para.list_level + 1, 3)}"
        p = self.doc.add_paragraph(style=style)
        if para.label:  # "(b)" typed before a tab, hanging: cross-references name it, so never a bullet
            labelled(p, para.label)
            self.runs.append(p._p, (Run(f"{para.label}\t"),))
        self.runs.append(p._p, para.runs or (Run(para.text),), bold=para.style == "subheading")
        self._mark_whole(p._p, para.runs)

    def _mark_whole(self, p: etree._Element, runs: tuple[Run, ...]) -> None:
        """Give a wholly inserted/deleted paragraph a paragraph-mark revision.

        As Word itself records it: a paragraph typed after A carries the
        revision on A's mark (pressing Enter at the end of A made that mark),
        so Reject All removes the paragraph without merging A into the
        paragraph after it. The first paragraph under an instruction has no
        such A and carries the revision on its own mark."""
        mark = self.runs.whole_mark(runs)
        if mark is None or self.revisions is None:
            return
        before = p.getprevious()
        breaks_section = before is not None and before.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
        if before is not None and before.tag == qn("w:p") and before is not self.instruction and not breaks_section:
            self.revisions.mark_paragraph(before, mark)
        else:
            self.revisions.mark_paragraph(p, mark)

    # tables

    def table(self, table: Table) -> None:
        width = max([len(table.columns)] + [len(r.cells) for r in table.rows])
        size = 8.0 if width >= LANDSCAPE_FROM else 9.0
        tbl = _el("w:tbl")
        self._append(tbl)  # into the body first: moving a built table between documents is slow
        tblpr = _sub(tbl, "w:tblPr")
        _sub(tblpr, "w:tblStyle", val="TableGrid")
        _sub(tblpr, "w:tblW", w="5000", type="pct")
        _sub(tblpr, "w:tblLayout", type="fixed")
        margins = _sub(tblpr, "w:tblCellMar")
        _sub(margins, "w:left", w=str(CELL_MARGIN), type="dxa")
        _sub(margins, "w:right", w=str(CELL_MARGIN), type="dxa")
        grid = _sub(tbl, "w:tblGrid")
        widths = _column_widths(table, width, 13900 if self.landscape else 9600, size)
        for w in widths:
            _sub(grid, "w:gridCol", w=str(w))
        turned = rotated_columns(table)
        for placed in header_layout(table.header_rows):
            tr = _sub(tbl, "w:tr")
            trpr = _sub(tr, "w:trPr")
            _sub(trpr, "w:cantSplit")
            if turned:
                _sub(trpr, "w:trHeight", val="1500", hRule="atLeast")
            _sub(trpr, "w:tblHeader")
            for p in placed:
                vmerge = "continue" if p.continued else ("restart" if p.rowspan > 1 else None)
                runs = () if p.continued else cell_runs(p.cell)
                width_of = sum(widths[p.column : p.column + p.span])
                self._cell(
                    tr, runs, width_of, size, header=True, span=p.span, vmerge=vmerge, rotated=p.column in turned
                )
        for body in table.rows:
            tr = self._row(tbl, body.cells, widths, size)
            tr.insert(0, _el("w:trPr"))
            _sub(tr[0], "w:cantSplit")  # also the w:trPr content a row revision needs before it
            mark = self.runs.whole_mark(tuple(r for c in body.cells for r in c.runs))
            if mark is not None and self.revisions is not None:
                self.revisions.mark_row(tr, mark)
        for f in table.footer:
            self._footer_row(tbl, f, widths, size)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(0)

    def _append(self, element: etree._Element) -> None:
        """Add a block at the end of the body, before its final section properties."""
        sectpr = self.body.find(qn("w:sectPr"))
        if sectpr is None:
            self.body.append(element)
        else:
            sectpr.addprevious(element)

    def _row(
        self, tbl: etree._Element, cells: tuple[Cell, ...], widths: list[int], size: float, *, header: bool = False
    ) -> etree._Element:
        tr = _sub(tbl, "w:tr")
        for i, w in enumerate(widths):
            cell = cells[i] if i < len(cells) else Cell("")
            self._cell(tr, cell_runs(cell), w, size, header=header)
        return tr

    def _cell(
        self,
        tr: etree._Element,
        runs: tuple[Run, ...],
        width: int,
        size: float,
        *,
        header: bool = False,
        span: int = 1,
        bold: bool = False,
        vmerge: str | None = None,
        rotated: bool = False,
    ) -> None:
        plain = not (header or bold or rotated or vmerge) and span == 1 and all(r.mark is None for r in runs)
        if plain and len(runs) <= 1:
            self._plain_cell(tr, runs[0].text if runs else "", width, size)
            return
        tc = _sub(tr, "w:tc")
        tcpr = _sub(tc, "w:tcPr")
        _sub(tcpr, "w:tcW", w=str(width), type="dxa")
        if span > 1:
            _sub(tcpr, "w:gridSpan", val=str(span))
        if vmerge == "restart":
            _sub(tcpr, "w:vMerge", val="restart")
        elif vmerge == "continue":
            _sub(tcpr, "w:vMerge")
        if header:
            _sub(tcpr, "w:shd", val="clear", color="auto", fill=HEADER_FILL)
        if rotated:
            _sub(tcpr, "w:textDirection", val="btLr")
            _sub(tcpr, "w:vAlign", val="center")
        p = _sub(tc, "w:p")
        _sub(_sub(p, "w:pPr"), "w:pStyle", val=TABLE_STYLES[size])
        self.runs.append(p, runs, bold=header or bold)

    def _plain_cell(self, tr: etree._Element, text: str, width: int, size: float) -> None:
        """The common case (one unmarked run): a copy of a ready-made cell, which
        lxml does in C, instead of eight element creations."""
        template = self._cell_templates.get(size)
        if template is None:
            template = _el("w:tc")
            _sub(_sub(template, "w:tcPr"), "w:tcW", w="0", type="dxa")
            p = _sub(template, "w:p")
            _sub(_sub(p, "w:pPr"), "w:pStyle", val=TABLE_STYLES[size])
            t = _sub(_sub(p, "w:r"), "w:t")
            t.set(XML_SPACE, "preserve")
            self._cell_templates[size] = template
        tc = copy.deepcopy(template)
        tc[0][0].set(_clark("w"), str(width))
        run = tc[1][1]
        if text:
            run[0].text = text
        else:
            tc[1].remove(run)
        tr.append(tc)

    def _footer_row(self, tbl: etree._Element, row: FooterRow, widths: list[int], size: float) -> None:
        tr = _sub(tbl, "w:tr")
        _sub(_sub(tr, "w:trPr"), "w:cantSplit")
        span = max(1, len(widths) - len(row.cells))
        mark = self.runs.whole_mark(tuple(r for c in row.cells for r in c.runs))
        if row.is_inserted:
            mark = "insert"  # a row the old table did not have: label and figures inserted
        elif row.is_deleted:
            mark = "delete"  # a row the new table dropped: label and figures struck
        elif mark != "insert":
            mark = None  # a row whose figures all changed keeps its label
        if mark is not None and self.revisions is not None:
            self.revisions.mark_row(tr, mark)
        self._cell(tr, (Run(row.label, mark),), sum(widths[:span]), size, span=span, bold=True)
        for i, cell in enumerate(row.cells[: len(widths) - span]):
            self._cell(tr, cell_runs(cell), widths[span + i], size)


CELL_MARGIN = 80
"""Left and right cell margin in twips (0.14 cm; Word's default 0.19 cm leaves a
15-column DUIS table no room for "Mandatory")."""


def _column_widths(table: Table, width: int, total: int, size: float) -> list[int]:
    """Twips per column: first each column's longest word (so "Mandatory" or
    "0x8F41" never breaks), then the room left shared by how much text the
    columns hold (names wide, flags narrow)."""
    char = size * 11.5  # twips per character of Arial at ``size`` points, with room for capitals
    floors, weights = [], []
    turned = rotated_columns(table)
    for i in range(width):
        heads = [c[i].text for c in table.header_rows if i < len(c) and i not in turned]
        texts = [r.cells[i].text or "".join(x.text for x in r.cells[i].runs) for r in table.rows if i < len(r.cells)]
        longest = max([len(w) for t in texts for w in t.split()] + [len(w) for t in heads for w in t.split()] + [3])
        average = sum(len(t) for t in texts) / max(1, len(texts))
        floors.append(longest * char + 2 * CELL_MARGIN)
        weights.append(max(1.0, min(30.0, average) - longest))
    spare = total - sum(floors)
    if spare <= 0:  # even the longest words do not fit: shrink evenly
        return [max(300, int(f * total / sum(floors))) for f in floors]
    return [int(f + spare * w / sum(weights)) for f, w in zip(floors, weights, strict=True)]
