"""Pages of lines and grids into the reader stream: headings, paragraphs and
table drafts, the same flat stream the DOCX reader produces.

This is the pass that needs the whole document:
- running headers and footers, page numbers and the classification banner
  go first (:mod:`pdf_furniture`);
- a paragraph continues over a wrapped line and over a page break while the
  font, the left edge and a full previous line say so;
- a heading is a line that starts with a section number and stands out by
  size or weight; a bullet starts with a bullet glyph, its level is the rank
  of its indent among all bullet indents of the document;
- a table that runs over several pages is one table: its continuation
  follows it directly, has the same columns, and repeats its header rows.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from redline import numbering
from redline.model import Cell, Heading, Paragraph, Run, accepted_text, normalise
from redline.readers.normalise import normalise_text
from redline.readers.pdf_furniture import strip_furniture
from redline.readers.pdf_pages import PageLayout
from redline.readers.pdf_settings import DEFAULTS, PdfSettings
from redline.readers.pdf_tables import PageCell, PageTable
from redline.readers.pdf_text import Line, Piece, join_pieces
from redline.structure import CAPTION, INSTRUCTION, StreamItem, TableDraft
from redline.tables import RawCell, RawRow
from redline.text import is_footer_label

BULLETS = frozenset("•\uf0b7\uf0a7\uf0a8\uf0d8\uf076\uf0fc▪■◦●○➢►‣∙·o-–—")
_TOC_LINE = re.compile(r"(\.{4,}|…{2,})\s*\d+$")


# --- paragraphs -----------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Block:
    kind: str  # "para" | "bullet" | "heading"
    lines: list[Line]
    page: int
    indent: float
    """Where continuation lines start."""
    level: int | None = None
    number: str = ""




def _bullet_x(line: Line) -> float | None:
    """Where the line's bullet or list label ("(a)", "ii)") stands, if it has one."""
    first = line.words[0]
    # a list label Word's numbering prints ("(a)", "ii)", "1."); a numbered heading is told apart first
    if len(line.words) > 1 and numbering.is_list_label(first.text) and line.words[1].x0 - first.x1 > 0.35 * first.size:
        return first.x0
    if len(line.words) > 1 and len(first.text) == 1 and first.text in BULLETS:
        if first.text in "o-–—" and line.words[1].x0 - first.x1 < 0.4 * first.size:
            return None  # "o" or a dash that is part of the text, not a bullet
        return first.x0
    return None


def _levels(xs: Sequence[float]) -> list[float]:
    out: list[float] = []
    for x in sorted(xs):
        if not out or x - out[-1] > 4:
            out.append(x)
    return out


def _body_size(pages: Sequence[list[Line]]) -> float:
    sizes: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            sizes[round(ln.size, 1)] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 11.0


def _line_pitch(pages: Sequence[list[Line]]) -> dict[float, float]:
    """The usual distance between the baselines of two lines of one paragraph,
    per font size: the commonest distance between neighbouring lines of that
    size (paragraph spacing only ever adds to it)."""
    deltas: dict[float, Counter[float]] = {}
    for lines in pages:
        for a, b in itertools.pairwise(lines):
            size = round(a.size * 2) / 2
            d = b.baseline - a.baseline
            if round(b.size * 2) / 2 == size and 0.9 * size < d < 2.5 * size:
                deltas.setdefault(size, Counter())[round(d * 2) / 2] += 1
    return {size: c.most_common(1)[0][0] for size, c in deltas.items()}


def heading_parts(text: str, next_top: int | None = None) -> tuple[str, str] | None:
    """(number, title) when ``text`` starts with a section number and a title;
    ``next_top``: the top-level number that would come next."""
    text = normalise(text)
    m = numbering.PRINTED_HEADING.match(text)
    if m:
        return (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    m = numbering.TOP_RUN_IN.match(text)
    if m and next_top is not None and int(m.group(1)) == next_top:
        return m.group(1), m.group(2)
    return None


def _renumbering(line: Line) -> bool:
    """The line opens with a struck number run into an inserted one ("~~5.5~~5.6"
    with no gap between them): not a heading numbered "5.55.6" but a renumbered
    heading, which the assembly reads from the marks (:func:`structure.renumbered_line`)."""
    marks = [m for _, m in line.words[0].pieces]
    return "delete" in marks and "insert" in marks


def _clause(line: Line, column: float | None = None) -> str | None:
    """A clause number ("H14.5", "A1.1", "H14.2A") starting a line, before a gap or run into the
    text a tab stop left no room for ("H14.10Where"): the line starts a clause (set in body
    text, not as a heading). ``column``: where clause numbers stand; a line starting
    elsewhere is a reference that wrapped to the start of a line ("Section\nH14.4")."""
    first = line.words[0]
    if column is not None and abs(first.x0 - column) > 3:
        return None
    # a word of its own (a tab that ends just short of its stop leaves only a sliver of a gap)
    if len(line.words) > 1 and numbering.is_clause(first.text) and line.words[1].x0 - first.x1 > 0.1 * first.size:
        return first.text
    return numbering.clause_run_in(first.text)


def _is_heading(line: Line, body: float, next_top: int | None = None) -> tuple[str, str] | None:
    if _renumbering(line):
        return None
    bare = normalise(line.text)
    if numbering.is_clause(bare) and (line.bold or line.size >= body + 0.9):
        return bare, ""  # an annex's clause heading: the number alone, the clause's text below it
    parts = heading_parts(line.text, next_top)
    if parts is None or _TOC_LINE.search(line.text) or len(parts[1]) > 160:
        return None
    if not (line.bold or line.size >= body + 0.9):
        return None
    if not parts[1][:1].isalpha() and parts[1][:1] not in "‘'\"(":
        return None
    return parts


class _Assembler:
    def __init__(self, pages: Sequence[PageLayout], lines: list[list[Line]]) -> None:
        self.pages = pages
        self.lines = lines
        self.body = _body_size(lines)
        bullet_xs = [x for ls in lines for ln in ls if (x := _bullet_x(ln)) is not None]
        self.bullet_levels = _levels(bullet_xs)
        clause_xs = [ln.words[0].x0 for ls in lines for ln in ls if _clause(ln) is not None]
        self.clause_x = min(clause_xs) if clause_xs else None
        """Where clause numbers stand (the leftmost clause number): the column they are set in."""
        # The text column's right edge, per page shape (portrait and landscape differ).
        # A high percentile, not the maximum: one odd line (a URL, a wide
        # footer a browser printed) must not move the edge of the text column.
        # Only lines that end on the page: a table wider than a portrait page
        # runs off its edge, and its cut cells must not move the column's edge
        # there (no line would then look full, and every wrapped line would
        # start a paragraph of its own).
        ends: dict[int, list[float]] = {}
        for page, ls in zip(pages, lines, strict=True):
            ends.setdefault(round(page.width), []).extend(ln.x1 for ln in ls if ln.x1 <= page.width)
        edge = {k: sorted(v)[int(0.95 * (len(v) - 1))] if v else 0.0 for k, v in ends.items()}
        self.right = [edge[round(page.width)] for page in pages]
        self.pitch = _line_pitch(lines)
        heading_sizes = [ln.size for ls in lines for ln in ls if _is_heading(ln, self.body) is not None]
        self.title_size = max(heading_sizes, default=self.body + 3.5) + 0.5
        """Bold text larger than any numbered heading is a title, not a subheading."""
        self.underline_inserts = _is_redline(pages, lines)
        """Underlining means "inserted" only in a redline: a document with
        struck text or an "Amend ... as follows:" line (as the DOCX reader
        decides); elsewhere it is emphasis or a link."""
        self.stream: list[StreamItem] = []
        self.plain_cells: dict[str, Cell] = {}
        """Unmarked cells by their text (see :func:`_cell`)."""
        self.next_top = 1
        """The top-level section number that would come next."""
        self.block: _Block | None = None
        self.table: list[list[PageCell]] | None = None
        self.table_shape: PageTable | None = None
        self.header_rows = 0
        self.last_page = -1

    # blocks

    def _level(self, x: float) -> int:
        return min(range(len(self.bullet_levels)), key=lambda k: abs(self.bullet_levels[k] - x))

    def _full(self, prev: Line, line: Line, page: int) -> bool:
        """Whether ``prev`` was full: ``line``'s first word would not have fitted after it."""
        first = line.words[0]
        return prev.x1 + 0.3 * prev.size + (first.x1 - first.x0) >= self.right[page] - 1.0

    def _continues(self, block: _Block, line: Line, page: int) -> bool:
        prev = block.lines[-1]
        if block.kind == "heading":
            # A heading runs on only when it wrapped: the short bold line under
            # "8.1.4 DUIS Matrix" ("New User") is a line of its own.
            return (
                page == block.page
                and abs(line.size - prev.size) < 0.6
                and line.bold == prev.bold
                and line.top - prev.bottom < 0.5 * line.size
                and heading_parts(line.text) is None
                and self._full(prev, line, page)
            )
        if abs(line.size - prev.size) >= 0.6 or (line.bold != prev.bold and len(line.text) < 60):
            return False
        if block.kind == "clause" and block.indent < 0 and self.clause_x is not None and line.x0 > self.clause_x + 6:
            block.indent = line.x0
        centred = abs((line.x0 + line.x1) - (prev.x0 + prev.x1)) < 6 and line.x0 > prev.x0 + 6
        # A clause or a "(b)" typed without a hanging indent wraps back under its number.
        start = block.lines[0].words[0]
        under_number = (block.kind == "clause" or (block.kind == "bullet" and numbering.is_list_label(start.text))) \
            and abs(line.x0 - start.x0) <= 3
        if abs(line.x0 - block.indent) > 3 and not centred and not under_number:
            return False
        if not self._full(prev, line, block.page):
            return False
        if page != block.page:
            return page == block.page + 1
        pitch = self.pitch.get(round(line.size * 2) / 2, 1.2 * line.size)
        return line.baseline - prev.baseline <= pitch + max(1.0, 0.08 * line.size)

    def _wraps_onto(self, block: _Block, line: Line, page: int) -> bool:
        """``line`` is where a paragraph's text wrapped to: the line before it
        was full and it follows at the line pitch, in its size, on its page. A clause-like word
        it starts with is then a reference the wrap brought to the margin ("… the release of" /
        "R2.0 functionality"), not a clause number."""
        prev = block.lines[-1]
        # After a clause or a list item, a clause at the line pitch is the next clause (Section H sets them so).
        if block.kind != "para" or page != block.page or abs(line.size - prev.size) >= 0.6:
            return False
        pitch = self.pitch.get(round(line.size * 2) / 2, 1.2 * line.size)
        return self._full(prev, line, page) and line.baseline - prev.baseline <= pitch + max(1.0, 0.08 * line.size)

    def _start(self, line: Line, page: int, clause_ok: bool = True) -> _Block:
        m = _is_heading(line, self.body, self.next_top)
        if m is not None:
            return _Block("heading", [line], page, line.x0, number=m[0])
        clause = _clause(line, self.clause_x) if clause_ok else None
        if clause is not None:
            # Where its text wraps to is known from its second line: a number wider than the
            # tab stop ("H14.10") pushes the first line's text further right than the rest.
            return _Block("clause", [line], page, -1.0, number=clause)
        bx = _bullet_x(line)
        if bx is not None:
            indent = line.words[1].x0
            return _Block("bullet", [line], page, indent, level=self._level(bx))
        return _Block("para", [line], page, line.x0)

    def add_line(self, line: Line, page: int) -> None:
        self.close_table()
        b = self.block
        heading = _is_heading(line, self.body, self.next_top)
        clause_ok = not (b is not None and self._wraps_onto(b, line, page))
        clause = clause_ok and _clause(line, self.clause_x) is not None
        starts = heading is not None or clause or _bullet_x(line) is not None
        if b is not None and not starts and self._continues(b, line, page):
            b.lines.append(line)
            if page != b.page:
                b.page = page
            return
        self.close_block()
        self.block = self._start(line, page, clause_ok)

    def close_block(self) -> None:
        b = self.block
        self.block = None
        if b is None:
            return
        pieces = list(join_pieces(b.lines))
        label = ""
        if b.kind == "bullet" and pieces:
            first, mark = pieces[0]
            label = b.lines[0].words[0].text
            pieces[0] = (first[len(label) :].lstrip(), mark)  # drop the bullet glyph or list label
            label = label if numbering.is_list_label(label) else ""  # "(b)" is kept: references name it
        runs = _runs(pieces, self.underline_inserts)
        if not any(r.mark for r in runs):
            plain = normalise_text(accepted_text(runs))
            runs = (Run(plain),) if plain else ()
        if b.kind == "heading":
            title_runs = _drop_prefix(runs, b.number)
            title = normalise_text(accepted_text(title_runs))
            self.stream.append(Heading(b.number, title, numbering.level(b.number), title_runs))
            top = b.number.split(".")[0]
            if top.isdigit():
                self.next_top = int(top) + 1
            return
        if b.kind == "clause":  # "H14.5 Each Party …": the clause, then its text
            body = _drop_prefix(runs, b.number)
            self.stream.append(Heading(b.number, "", numbering.level(b.number)))
            self.stream.append(Paragraph(normalise_text(accepted_text(body)), body))
            return
        text = normalise_text(accepted_text(runs))
        if not text and not runs:
            return
        bold = all(ln.bold for ln in b.lines)
        # A bold line is a subheading unless it is larger than every heading: a title.
        body_size = all(ln.size < self.title_size for ln in b.lines)
        subheading = b.kind == "para" and bold and body_size and len(text) <= 100 and not CAPTION.match(text)
        style = "subheading" if subheading else None
        self.stream.append(Paragraph(text, runs, b.level if b.kind == "bullet" else None, style, label=label))

    # tables

    def add_table(self, table: PageTable, page: int) -> None:
        self.close_block()
        rows = [list(r) for r in table.rows]
        if self.table is not None and self.table_shape is not None and self._table_continues(table, page):
            if len(table.columns) > len(self.table_shape.columns):
                # The page before showed only part of the grid: a header row
                # cut by the page break before its inner borders were drawn.
                self.table = [_regrid(row, self.table_shape.columns, table.columns) for row in self.table]
                self.table_shape = table
            self._append_continuation(rows)
        else:
            self.close_table()
            self.table, self.table_shape, self.header_rows = rows, table, 0
        self.last_page = page

    def _table_continues(self, table: PageTable, page: int) -> bool:
        shape = self.table_shape
        assert shape is not None
        if page != self.last_page + 1:
            return False
        if len(table.columns) == len(shape.columns):
            return all(abs(a - b) < 4 for a, b in zip(table.columns, shape.columns, strict=True))
        # A table whose first page ends inside a header row (a Word-style
        # renderer cuts it there): the next page draws the rest of the grid,
        # every column edge of the first part among its own.
        return len(table.columns) > len(shape.columns) and _edges_within(shape.columns, table.columns)

    def _append_continuation(self, rows: list[list[PageCell]]) -> None:
        assert self.table is not None
        repeated = 0
        while (
            repeated < min(len(rows), len(self.table), 4)
            and [c.text for c in rows[repeated]] == [c.text for c in self.table[repeated]]
        ):
            repeated += 1
        self.header_rows = max(self.header_rows, repeated)
        rows = rows[repeated:]
        if rows and self.table and _is_split_row(rows[0]):
            self.table[-1] = _merge_rows(self.table[-1], rows[0])
            rows = rows[1:]
        self.table.extend(rows)

    def close_table(self) -> None:
        if self.table is None:
            return
        if not self.header_rows:
            self.header_rows = _emphasised_rows(self.table)
        keep, header, known = self.underline_inserts, self.header_rows, self.plain_cells
        raw_rows = [
            RawRow(tuple(RawCell(_cell(c.pieces, keep, known), c.span, c.continued) for c in row), is_header=k < header)
            for k, row in enumerate(self.table)
        ]
        self.stream.append(TableDraft(rows=raw_rows))
        self.table, self.table_shape, self.header_rows = None, None, 0

    def run(self) -> list[StreamItem]:
        for p, (page, lines) in enumerate(zip(self.pages, self.lines, strict=True)):
            items: list[tuple[float, Line | PageTable]] = [(ln.top, ln) for ln in lines]
            items += [(t.top, t) for t in page.tables]
            items.sort(key=lambda it: it[0])
            for _, item in items:
                if isinstance(item, PageTable):
                    self.add_table(item, p)
                else:
                    self.add_line(item, p)
        self.close_block()
        self.close_table()
        return self.stream


def _emphasised_rows(rows: list[list[PageCell]]) -> int:
    """Leading rows set in bold or turned text: the header a table that does
    not run over pages cannot show by repeating it."""
    count = 0
    for row in rows[: min(3, len(rows) - 1)]:
        filled = [c for c in row if c.text]
        if not filled or not all(c.emphasis for c in filled) or any(is_footer_label(c.text) for c in filled):
            break
        count += 1
    return count


def _is_split_row(row: list[PageCell]) -> bool:
    """A row that starts a page with empty leading cells is the rest of the
    row the page break cut."""
    texts = [c.text for c in row]
    return len(texts) > 2 and not texts[0] and not texts[1] and any(texts) and not any(map(is_footer_label, texts))


def _edges_within(coarse: Sequence[float], fine: Sequence[float]) -> bool:
    """Whether every column edge of ``coarse`` is one of ``fine``'s, and both
    grids span the same width."""
    return (
        abs(coarse[0] - fine[0]) < 4
        and abs(coarse[-1] - fine[-1]) < 4
        and all(min(abs(x - y) for y in fine) < 4 for x in coarse)
    )


def _regrid(row: list[PageCell], coarse: Sequence[float], fine: Sequence[float]) -> list[PageCell]:
    """A row laid out on ``coarse`` column edges, laid out on ``fine`` ones
    (``_edges_within(coarse, fine)``): a cell keeps its place and spans the
    fine columns it covers."""

    def at(x: float) -> int:
        return min(range(len(fine)), key=lambda k: abs(fine[k] - x))

    out = []
    for c in row:
        start, end = at(coarse[c.col]), at(coarse[min(c.col + c.span, len(coarse) - 1)])
        out.append(c._replace(col=start, span=max(1, end - start)))
    return out


def _merge_rows(a: list[PageCell], b: list[PageCell]) -> list[PageCell]:
    """Row ``a`` continued by ``b`` across a page break. A cell of ``a`` that
    spans several of ``b``'s cells and holds no text is a header cell the
    break cut before its inner borders were drawn: ``b``'s cells take its place."""
    by_col = {c.col: c for c in b}
    out = []
    for x in a:
        y = by_col.get(x.col)
        if y is not None and y.span == x.span:
            pieces = x.pieces + (((" ", None), *y.pieces) if x.pieces and y.pieces else y.pieces)
            parts = [c for c in (x, y) if c.text]
            out.append(PageCell(x.col, x.span, x.continued, pieces, bool(parts) and all(c.emphasis for c in parts)))
        elif not x.text and not x.continued and (inner := [c for c in b if x.col <= c.col < x.col + x.span]):
            out.extend(inner)
        else:
            return a
    return out


def _runs(pieces: Sequence[Piece], underline_inserts: bool = True) -> tuple[Run, ...]:
    if not underline_inserts:
        pieces = [(t, None if m == "insert" else m) for t, m in pieces]
    runs: list[Run] = []
    for t, m in pieces:
        if not t:
            continue
        if runs and runs[-1].mark == m:
            runs[-1] = Run(runs[-1].text + t, m)
        else:
            runs.append(Run(t, m))
    return tuple(runs)


def _cell(pieces: Sequence[Piece], underline_inserts: bool = True, known: dict[str, Cell] | None = None) -> Cell:
    # The common case, kept cheap: tables hold thousands of cells, most of
    # them unmarked and saying the same few things ("N/A", "Mandatory"). A
    # cell is immutable, so one is made per distinct text (``known``).
    if len(pieces) == 1:
        raw, mark = pieces[0]
        plain = mark is None or (mark == "insert" and not underline_inserts)
    else:
        plain = all(m is None or (m == "insert" and not underline_inserts) for _, m in pieces)
        raw = "".join(t for t, _ in pieces) if plain else ""
    if plain:
        cell = known.get(raw) if known is not None else None
        if cell is None:
            text = normalise_text(raw)
            cell = Cell(text=text, runs=(Run(text),) if text else ())
            if known is not None:
                known[raw] = cell
        return cell
    runs = _runs(pieces, underline_inserts)
    return Cell(text=normalise_text(accepted_text(runs)), runs=runs)


def _drop_prefix(runs: tuple[Run, ...], number: str) -> tuple[Run, ...]:
    """The heading's runs without its number."""
    out = list(runs)
    while out:
        text = out[0].text.lstrip()
        if text.startswith(number):
            text = text[len(number) :].lstrip(". \t")
            number = ""
        if text or number:
            out[0] = Run(text, out[0].mark)
            break
        out.pop(0)
    while out and not out[0].text.strip():
        out.pop(0)
    return tuple(out)


def _is_redline(pages: Sequence[PageLayout], lines: Sequence[list[Line]]) -> bool:
    for ls in lines:
        for ln in ls:
            if INSTRUCTION.match(ln.text) or any(m == "delete" for w in ln.words for _, m in w.pieces):
                return True
    return any(m == "delete" for p in pages for t in p.tables for row in t.rows for c in row for _, m in c.pieces)


def build_stream(pages: Sequence[PageLayout], settings: PdfSettings = DEFAULTS) -> list[StreamItem]:
    """The reader stream for ``pages``."""
    return _Assembler(pages, strip_furniture(pages, settings)).run()

