"""Turn a grid of cells, as a reader finds it, into a model :class:`Table`.

Both readers (DOCX and PDF) hand over rows of :class:`RawCell`; this module
decides which rows are header, body and footer, which column is the key, the
name and the values, and parses the footer figures. Keeping it here means a
table reads the same whichever format it came from.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from redline import kinds
from redline.model import Cell, FooterRow, Row, Run, Table, normalise, rejected_text
from redline.text import COUNT_OF, ROLES, TOTAL_TESTS, canonical_value, is_footer_label

_INT = re.compile(r"\d+")
# "Count of Mandatory SMETS 2 5 0 0 …": the label keeps "SMETS 2", the rest are figures.
_LABEL_WITH_FIGURES = re.compile(
    rf"(?i)^({re.escape(COUNT_OF)} (?:(?!smets)\D)*(?:smets\s*\d\+?)?|{re.escape(TOTAL_TESTS)})\s+((?:\d+\s*)+)$"
)
_ROLE_TOKEN = re.compile(r"\b(" + "|".join(ROLES) + r")\b")


@dataclass(frozen=True, slots=True)
class RawCell:
    """A cell as it sits in the reader's grid."""

    cell: Cell
    span: int = 1
    """Number of grid columns the cell covers (Word's gridSpan)."""
    continued: bool = False
    """The cell continues a vertical merge from the row above (vMerge)."""


@dataclass(frozen=True, slots=True)
class RawRow:
    cells: tuple[RawCell, ...]
    is_header: bool = False
    """Marked as a repeating header row (w:tblHeader) by the reader."""


def expand(rows: list[RawRow]) -> list[tuple[Cell, ...]]:
    """Lay each row out on the grid: a spanned cell repeats across its columns
    (text only in its first), a continued vertical merge takes the cell above."""
    grid: list[tuple[Cell, ...]] = []
    for raw in rows:
        out: list[Cell] = []
        for rc in raw.cells:
            col = len(out)
            cell = rc.cell
            if rc.continued and grid and col < len(grid[-1]):
                cell = grid[-1][col]
            out.append(cell)
            if rc.span > 1:
                out.extend(Cell("") for _ in range(rc.span - 1))
        grid.append(tuple(out))
    width = max((len(r) for r in grid), default=0)
    return [r + tuple(Cell("") for _ in range(width - len(r))) if len(r) < width else r for r in grid]


def _header_count(rows: list[RawRow], grid: list[tuple[Cell, ...]]) -> int:
    marked = 0
    for raw in rows:
        if not raw.is_header:
            break
        marked += 1
    if marked:
        return marked
    # Unmarked: the leading rows that hold header words and no value vocabulary
    # (a device alert row's "(Alert Code and Timestamp)" variant holds a header
    # word, but its alert code and value make it data).
    count = 0
    for row in grid[:3]:
        texts = [c.text.casefold() for c in row]
        if not _wholly_deleted(row) and any(_looks_like_header(t) for t in texts) and not _looks_like_data(row):
            count += 1
        else:
            break
    if count:
        return count
    # No header row at all, as in an annex's "Amend Table X as follows:" excerpt:
    # the first row is already data, not a header to swallow. A row struck
    # through from end to end is a deleted row: no annex deletes its header.
    if _wholly_deleted(grid[0]) or _looks_like_data(grid[0]):
        return 0
    return 1 if len(grid) > 1 else 0


def _wholly_deleted(row: tuple[Cell, ...]) -> bool:
    """Every run of the row that holds text is deletion-marked (and there is one).
    Asked of every row: a plain row answers at its first run with text."""
    deleted = False
    for c in row:
        for r in c.runs:
            if r.text.strip():
                if r.mark != "delete":
                    return False
                deleted = True
    return deleted


_FIGURES = re.compile(r"[\d\s]+")


def _looks_like_data(row: tuple[Cell, ...]) -> bool:
    """A row of values or figures rather than column headings."""
    texts = [c.text for c in row if c.text]
    values = kinds.value_words()
    if any(is_footer_label(t) for t in texts) or any(canonical_value(t) in values for t in texts):
        return True
    return bool(texts) and any(p.fullmatch(texts[0]) for p in kinds.key_patterns())


_footer_label = lru_cache(maxsize=4096)(is_footer_label)
""":func:`is_footer_label` once per distinct text: asked of every cell of every
row (~61,000 cells, ~1,900 texts in a full-size Appendix R)."""


def _is_footer(texts: tuple[str, ...]) -> bool:
    """A footer row: its label in one of the first three cells, or further right
    (a "Total Tests" set under the last columns) with only empty cells before it
    and only figures after it."""
    for i, t in enumerate(texts):
        if _footer_label(t):
            return i < 3 or (not any(texts[:i]) and all(_FIGURES.fullmatch(x) for x in texts[i + 1 :] if x))
    return False


def _looks_like_header(text: str) -> bool:
    flat = re.sub(r"\s+", " ", text)
    squeezed = re.sub(r"\s+", "", text)
    return any(w in flat or w.replace(" ", "") in squeezed for w in kinds.header_words())


def _columns(header: list[tuple[Cell, ...]], width: int) -> tuple[str, ...]:
    cols: list[str] = []
    for i in range(width):
        name = ""
        for row in reversed(header):
            if i < len(row) and row[i].text:
                name = row[i].text
                break
        cols.append(normalise(name))
    return tuple(cols)


def _role(title: str, columns: tuple[str, ...], rows: list[Row]) -> str | None:
    found = _ROLE_TOKEN.findall(title)
    if found:
        return str(found[-1])
    role_col = kinds.find(columns, "role")
    if role_col is None or not rows:
        return None
    votes: Counter[str] = Counter()
    for r in rows:
        if role_col < len(r.cells):
            votes.update(_ROLE_TOKEN.findall(r.cells[role_col].text))
    return votes.most_common(1)[0][0] if votes else None


def _figures(cells: tuple[Cell, ...], old: bool) -> tuple[int, ...]:
    figures: list[int] = []
    for c in cells:
        text = normalise(rejected_text(c.runs)) if old and c.runs else c.text
        figures.extend(int(x) for x in _INT.findall(text))
    return tuple(figures)


def _footer_row(cells: tuple[Cell, ...], deleted: bool = False) -> FooterRow:
    """The footer row of a grid row; ``deleted``: an annex row struck through
    whole, read from its struck text (figures none, old figures the struck ones)."""
    label_at = next(i for i, c in enumerate(cells) if is_footer_label(c.old_text if deleted else c.text))
    label_cell = cells[label_at]
    label = normalise(label_cell.old_text if deleted else label_cell.text)
    # A label cell may also hold figures when a PDF row ran together.
    m = _LABEL_WITH_FIGURES.match(label)
    rest = cells[label_at + 1 :]
    if m:
        label = m.group(1)
        rest = (Cell("", (Run(m.group(2), "delete"),)) if deleted else Cell(m.group(2)), *rest)
    unique = list(rest)
    figures = _figures(tuple(unique), old=False)
    has_marks = any(r.mark for c in unique for r in c.runs)
    old = _figures(tuple(unique), old=True) if has_marks else None
    return FooterRow(label=label, figures=figures, cells=tuple(unique), old_figures=old)


def _identity(row: tuple[Cell, ...], col: int | None) -> str:
    """A key or name cell's text; for a deleted row (no text left), the text it had."""
    if col is None or col >= len(row):
        return ""
    return normalise(row[col].text) or row[col].old_text


def _data_texts(grid: list[tuple[Cell, ...]]) -> list[tuple[str, ...]]:
    """The texts of the grid's rows that are neither blank nor footer rows."""
    return [t for t in (tuple(c.text for c in r) for r in grid) if any(t) and not _is_footer(t)]


def build_table(number: str | None, title: str, raw_rows: list[RawRow]) -> Table:
    """Build a model table from a reader's grid."""
    grid = expand(raw_rows)
    if not grid:
        return Table(number=number, title=normalise(title), columns=())
    width = len(grid[0])
    spec, found = kinds.OTHER, kinds.Columns(None, None)
    if kinds.headerless() and not any(r.is_header for r in raw_rows):
        # A kind printed without a header row (definitions) is recognised from
        # its cells before a first row could be taken for a header.
        spec, found = kinds.by_cells(_data_texts(grid), width, headerless_only=True)
    n_header = 0 if spec is not kinds.OTHER else _header_count(raw_rows, grid)
    header = grid[:n_header]
    columns = _columns(header, width)
    if spec is kinds.OTHER:
        spec, found = kinds.by_header(columns) if header else kinds.by_cells(_data_texts(grid), width)
    header_texts = [tuple(c.text for c in h) for h in header]
    body: list[Row] = []
    footer: list[FooterRow] = []
    for row in grid[n_header:]:
        texts = tuple(c.text for c in row)
        if not any(texts) and not any(r.text.strip() for c in row for r in c.runs):
            continue  # blank; a wholly struck-through annex row has runs and is kept
        if _wholly_deleted(row) and _is_footer(tuple(c.old_text for c in row)):
            footer.append(_footer_row(row, deleted=True))  # an annex striking a footer row out
            continue
        if _is_footer(texts):
            footer.append(_footer_row(row))
            continue
        if texts in header_texts and any(texts):
            continue  # a header repeated inside the table body
        key = _identity(row, found.key)
        name = _identity(row, found.name)
        body.append(Row(cells=row, key=key, name=name))
    return Table(
        number=number,
        title=normalise(title),
        columns=columns,
        header_rows=tuple(header),
        rows=tuple(body),
        footer=tuple(footer),
        kind=spec.name,
        key_column=found.key,
        name_column=found.name,
        value_columns=found.values,
        role=_role(title, columns, body) if spec.per_role else None,
    )


def plain_cell(text: str) -> Cell:
    """A cell with no marks (used by readers and tests)."""
    t = normalise(text)
    return Cell(text=t, runs=(Run(t),) if t else ())
