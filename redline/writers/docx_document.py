"""Write a whole Appendix R version from the model as a Word document.

``redline apply`` produces a consolidated version, which drafters keep
editing in Word. The layout follows the published appendix where it matters
for reading it back: headings in Word's Heading N styles with their numbers
typed ("8.1.10 DUIS Matrix – RSA"), bullets in List Bullet styles, tables
with their header rows marked to repeat on each page, footer rows laid out
with the label before the value columns, each figure under its column and
the row total after them, and sections holding a wide table (the DUIS
matrices) on landscape pages. Reading the file back with the DOCX reader
gives the same model (``redline.versions.compare``).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt

from redline.model import Block, Document, FooterRow, Paragraph, Section, Table, dispatch
from redline.numbering import label_kind
from redline.ooxml.ns import qn
from redline.text import is_total_tests
from redline.writers.atomic import write_atomic
from redline.writers.docx_props import set_app_properties

WIDE_TABLE_COLUMNS = 8
"""Tables with more columns than this go on landscape pages."""
TABLE_FONT = Pt(8)
TABLE_STYLE = "Redline Table"
_BULLETS = ("List Bullet", "List Bullet 2", "List Bullet 3")

_Docx = object  # python-docx's Document object (no stubs)


def _is_wide(section: Section) -> bool:
    return any(len(t.columns) > WIDE_TABLE_COLUMNS for t in section.tables())


def _orient(docx: _Docx, landscape: bool) -> None:
    s = docx.add_section(WD_SECTION.NEW_PAGE)  # type: ignore[attr-defined]
    width, height = s.page_width, s.page_height
    if landscape != (width > height):
        s.page_width, s.page_height = height, width
    s.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT


def _paragraph(docx: _Docx, p: Paragraph) -> None:
    if p.label:  # a sub-paragraph's own number, typed: "(b)" is what references name
        para = docx.add_paragraph(f"{p.label}\t{p.text}")  # type: ignore[attr-defined]
        labelled(para, p.label)
        return
    if p.list_level is not None:
        level = min(p.list_level, len(_BULLETS) - 1)
        para = docx.add_paragraph(p.text, style=_BULLETS[level])  # type: ignore[attr-defined]
        _list_level(docx, para, p.list_level)
        return
    para = docx.add_paragraph()  # type: ignore[attr-defined]
    run = para.add_run(p.text)
    if p.style == "subheading":
        run.bold = True


def labelled(para: object, label: str) -> None:
    """Indent a paragraph whose typed label ("(b)", "(ii)") stands before a tab, hanging,
    as Word lays out a lettered list level (a roman one a step further): the label stays
    text, so it reads back."""
    level = 1 if label_kind(label) == "roman" else 0
    fmt = para.paragraph_format  # type: ignore[attr-defined]
    fmt.left_indent = Mm(12.7 * (level + 1))
    fmt.first_line_indent = Mm(-12.7)
    fmt.tab_stops.add_tab_stop(Mm(12.7 * (level + 1)))


def _list_level(docx: _Docx, para: object, level: int) -> None:
    """Give the bullet an explicit list and level: the List Bullet N styles each
    start their own list at level 0, which would read back as level 0."""
    style_ppr = docx.styles[_BULLETS[0]].element.pPr  # type: ignore[attr-defined]
    if style_ppr is None or style_ppr.numPr is None or style_ppr.numPr.numId is None:
        return
    num_pr = para._p.get_or_add_pPr().get_or_add_numPr()  # type: ignore[attr-defined]
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = style_ppr.numPr.numId.val


def _repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _put(cell: object, text: str) -> None:
    if text:
        cell.paragraphs[0].add_run(text)  # type: ignore[attr-defined]


def _fill(row: object, texts: Iterable[str]) -> None:
    for cell, text in zip(row.cells, texts, strict=False):  # type: ignore[attr-defined]
        _put(cell, text)


def _footer(table: Table, grid: object, f: FooterRow) -> None:
    width = len(table.columns)
    row = grid.add_row()  # type: ignore[attr-defined]
    cells = row.cells
    values = table.value_columns
    n = len(values)
    if is_total_tests(f.label) and width >= 2 and f.figures:
        merged = cells[0].merge(cells[width - 2]) if width > 2 else cells[0]
        _put(merged, f.label)
        _put(cells[width - 1], " ".join(str(x) for x in f.figures))
        return
    if values and values[0] > 0 and len(f.figures) in (n, n + 1):
        first = values[0]
        merged = cells[0].merge(cells[first - 1]) if first > 1 else cells[0]
        _put(merged, f.label)
        for col, figure in zip(values, f.figures, strict=False):
            _put(cells[col], str(figure))
        if len(f.figures) == n + 1 and values[-1] + 1 < width:
            _put(cells[values[-1] + 1], str(f.figures[-1]))
        return
    texts = [f.label, *(str(x) for x in f.figures)]
    _fill(row, texts + [""] * (width - len(texts)))


def _table_style(docx: _Docx) -> object:
    """ "Table Grid" with the small table font, made once per document (a font set
    on the style costs nothing per cell)."""
    styles = docx.styles  # type: ignore[attr-defined]
    if TABLE_STYLE not in [s.name for s in styles]:
        style = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
        style.base_style = styles["Table Grid"]
        style.font.size = TABLE_FONT
    return styles[TABLE_STYLE]


def _set_widths(docx: _Docx, table: Table, grid: object) -> None:
    """Share the text width out: the name column three parts, the others one. Set on
    the grid before any row is added, so that each new cell takes its column's width."""
    page = docx.sections[-1]  # type: ignore[attr-defined]
    available = page.page_width - page.left_margin - page.right_margin
    weights = [3 if i == table.name_column else 1 for i in range(len(table.columns))]
    unit = available // sum(weights)
    grid.autofit = False  # type: ignore[attr-defined]
    for i, column in enumerate(grid.columns):  # type: ignore[attr-defined]
        column.width = unit * weights[i]


def _table(docx: _Docx, table: Table) -> None:
    width = len(table.columns)
    if width == 0:
        return
    grid = docx.add_table(rows=0, cols=width)  # type: ignore[attr-defined]
    grid.style = _table_style(docx)
    _set_widths(docx, table, grid)
    for header in table.header_rows:
        row = grid.add_row()
        _fill(row, [c.text for c in header])
        _repeat_header(row)
    for body in table.rows:
        _fill(grid.add_row(), [c.text for c in body.cells])
    for f in table.footer:
        _footer(table, grid, f)
    docx.add_paragraph()  # type: ignore[attr-defined]


def _block(docx: _Docx, block: Block) -> None:
    handlers = {Table: lambda t: _table(docx, t), Paragraph: lambda p: _paragraph(docx, p) if p.text else None}
    dispatch(block, handlers, "DOCX document writer")


def _properties(docx: Any, doc: Document) -> None:
    """The document's title and version, not python-docx's template's (2013, "python-docx")."""
    import datetime

    props = docx.core_properties
    version = f" (SEC Version {doc.sec_version})" if doc.sec_version else ""
    props.title = f"{doc.title}{version}" if doc.title else version.strip(" ()")
    props.author = props.last_modified_by = "redline"
    props.comments = ""
    props.created = props.modified = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    props.revision = 1


def render_docx(doc: Document) -> bytes:
    """The document as DOCX bytes."""
    docx = new_docx()
    first = docx.sections[0]
    first.page_width, first.page_height = Mm(210), Mm(297)  # A4, as the SEC is published
    for block in doc.front:
        _block(docx, block)
    landscape = False
    for section in doc.sections:
        wide = _is_wide(section)
        if wide != landscape:
            _orient(docx, wide)
            landscape = wide
        docx.add_heading(f"{section.number} {section.title}", level=max(1, min(section.level, 9)))
        for block in section.blocks:
            _block(docx, block)
    _properties(docx, doc)
    set_app_properties(docx)
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()


def write_docx(doc: Document, dest: Path, inputs: Iterable[Path] = ()) -> Path:
    """Write ``doc`` to ``dest`` atomically (never over one of ``inputs``)."""
    return write_atomic(dest, render_docx(doc), inputs)
