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

from redline.model import Cell, FooterRow, Row, Run, Table, TableKind, normalise, rejected_text

ROLES = ("IS", "ES", "GS", "RSA", "ED", "GT", "OU")
ROLE_NAMES = {
    "IS": "Import Supplier",
    "ES": "Export Supplier",
    "GS": "Gas Supplier",
    "RSA": "Registered Supplier Agent",
    "ED": "Electricity Distributor",
    "GT": "Gas Transporter",
    "OU": "Other User",
}
_INT = re.compile(r"\d+")
# "Count of Mandatory SMETS 2 5 0 0 …": the label keeps "SMETS 2", the rest are figures.
_LABEL_WITH_FIGURES = re.compile(r"(?i)^(count of (?:(?!smets)\D)*(?:smets\s*\d\+?)?|total tests)\s+((?:\d+\s*)+)$")
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


def is_footer_label(text: str) -> bool:
    t = normalise(text).casefold()
    return t.startswith("count of") or t.startswith("total tests")


def canonical_value(text: str) -> str:
    """A value cell's text in a form that compares equal across wrapping and
    spacing ("Mandatory\\nSMETS 2" == "Mandatory SMETS 2")."""
    return re.sub(r"\s+", "", text).casefold()


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
            out.extend(Cell("") for _ in range(rc.span - 1))
        grid.append(tuple(out))
    width = max((len(r) for r in grid), default=0)
    return [r + tuple(Cell("") for _ in range(width - len(r))) for r in grid]


def _header_count(rows: list[RawRow], grid: list[tuple[Cell, ...]]) -> int:
    marked = 0
    for raw in rows:
        if not raw.is_header:
            break
        marked += 1
    if marked:
        return marked
    # Unmarked: the leading rows that hold header words and no value vocabulary.
    count = 0
    for row in grid[:3]:
        texts = [c.text.casefold() for c in row]
        if any(_looks_like_header(t) for t in texts):
            count += 1
        else:
            break
    return count or (1 if len(grid) > 1 else 0)


_HEADER_WORDS = ("sr variant", "reference", "alert code", "service request name", "test scenario", "user role")


def _looks_like_header(text: str) -> bool:
    flat = re.sub(r"\s+", " ", text)
    squeezed = re.sub(r"\s+", "", text)
    return any(w in flat or w.replace(" ", "") in squeezed for w in _HEADER_WORDS)


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


def _find(columns: tuple[str, ...], *needles: str, exclude: str = "") -> int | None:
    for i, c in enumerate(columns):
        low = c.casefold()
        if all(n in low for n in needles) and not (exclude and exclude in low):
            return i
    return None


def _classify(columns: tuple[str, ...]) -> tuple[TableKind, int | None, int | None, tuple[int, ...]]:
    variant = _find(columns, "variant", exclude="alert")
    if variant is not None and _find(columns, "sr") is not None:
        name = _find(columns, "name")
        critical = _find(columns, "critical")
        role = _find(columns, "role")
        start = (critical if critical is not None else (name if name is not None else variant)) + 1
        stop = role if role is not None and role > start else len(columns)
        return "duis", variant, name, tuple(range(start, stop))
    code = _find(columns, "alert code", exclude="meaning")
    if code is not None:
        meaning = _find(columns, "meaning")
        scenario = _find(columns, "scenario")
        return "device_alert", code, meaning, (scenario,) if scenario is not None else ()
    ref = _find(columns, "reference")
    if ref is not None:
        name = _find(columns, "name")
        scenario = _find(columns, "scenario")
        return "dcc_alert", ref, name, (scenario,) if scenario is not None else ()
    return "other", None, None, ()


def _role(title: str, columns: tuple[str, ...], rows: list[Row]) -> str | None:
    found = _ROLE_TOKEN.findall(title)
    if found:
        return str(found[-1])
    role_col = _find(columns, "role")
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


def _footer_row(cells: tuple[Cell, ...]) -> FooterRow:
    label_at = next(i for i, c in enumerate(cells) if is_footer_label(c.text))
    label_cell = cells[label_at]
    label = normalise(label_cell.text)
    # A label cell may also hold figures when a PDF row ran together.
    m = _LABEL_WITH_FIGURES.match(label)
    rest = cells[label_at + 1 :]
    if m:
        label = m.group(1)
        rest = (Cell(m.group(2)), *rest)
    unique = list(rest)
    figures = _figures(tuple(unique), old=False)
    has_marks = any(r.mark for c in unique for r in c.runs)
    old = _figures(tuple(unique), old=True) if has_marks else None
    return FooterRow(label=label, figures=figures, cells=tuple(unique), old_figures=old)


def build_table(number: str | None, title: str, raw_rows: list[RawRow]) -> Table:
    """Build a model table from a reader's grid."""
    grid = expand(raw_rows)
    if not grid:
        return Table(number=number, title=normalise(title), columns=())
    n_header = _header_count(raw_rows, grid)
    header = grid[:n_header]
    columns = _columns(header, len(grid[0]))
    kind, key_col, name_col, value_cols = _classify(columns)
    header_texts = [tuple(c.text for c in h) for h in header]
    body: list[Row] = []
    footer: list[FooterRow] = []
    for row in grid[n_header:]:
        texts = tuple(c.text for c in row)
        if not any(texts) and not any(c.old_text for c in row):
            continue  # empty; a row struck whole (an annex's deleted row) is kept
        if any(is_footer_label(t) for t in texts[:3]) or (texts and is_footer_label(texts[0])):
            footer.append(_footer_row(row))
            continue
        if texts in header_texts:
            continue  # a header repeated inside the table body
        key = normalise(row[key_col].text) if key_col is not None and key_col < len(row) else ""
        name = normalise(row[name_col].text) if name_col is not None and name_col < len(row) else ""
        body.append(Row(cells=row, key=key, name=name))
    return Table(
        number=number,
        title=normalise(title),
        columns=columns,
        header_rows=tuple(header),
        rows=tuple(body),
        footer=tuple(footer),
        kind=kind,
        key_column=key_col,
        name_column=name_col,
        value_columns=value_cols,
        role=_role(title, columns, body) if kind != "other" else None,
    )


def plain_cell(text: str) -> Cell:
    """A cell with no marks (used by readers and tests)."""
    t = normalise(text)
    return Cell(text=t, runs=(Run(t),) if t else ())
