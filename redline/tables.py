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
from redline.text import ROLES, canonical_value, is_footer_label

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


_MEANING = re.compile(
    r"^(?:means|mean|has\s+the\s+meaning|have\s+the\s+meanings?|shall\s+(?:have\s+the\s+meaning|mean)|includes?|"
    r"is\s+defined)\b",
    re.IGNORECASE,
)
"""How an SEC definition's meaning begins ("means …", "has the meaning given to that expression in …")."""


def is_definitions(raw_rows: list[RawRow], grid: list[tuple[Cell, ...]]) -> bool:
    """A term | meaning table (Section A1.1 and the definitions inside other sections): two
    columns, no marked header row, and the meanings read as meanings. It has no header row
    to find: its first row is a definition like the rest."""
    if not grid or len(grid[0]) != 2 or any(r.is_header for r in raw_rows):
        return False
    meanings = [m for m in (normalise(r[1].text or r[1].old_text) for r in grid) if m]
    return bool(meanings) and sum(bool(_MEANING.match(m)) for m in meanings) >= 0.6 * len(meanings)


def _wholly_deleted(row: tuple[Cell, ...]) -> bool:
    """Every run of the row that holds text is deletion-marked (and there is one)."""
    marks = {r.mark for c in row for r in c.runs if r.text.strip()}
    return marks == {"delete"}


_VALUE_WORDS = frozenset(
    ("mandatory", "mandatorysmets2", "mandatorysmets2+", "mandatorysmets1", "n/a", "optional")
)
_SR_VARIANT = re.compile(r"\d+(?:\.\d+)+")
_ALERT_CODE = re.compile(r"[0O]x[0-9A-F]{3,5}", re.IGNORECASE)
_DCC_REFERENCE = re.compile(r"[A-Z]{1,3}\d+(?:\s*,\s*[A-Z]{1,3}\d+)*")
_FIGURES = re.compile(r"[\d\s]+")
_KEY_PATTERNS: tuple[tuple[TableKind, re.Pattern[str]], ...] = (
    ("duis", _SR_VARIANT),
    ("device_alert", _ALERT_CODE),
    ("dcc_alert", _DCC_REFERENCE),
)


def _looks_like_data(row: tuple[Cell, ...]) -> bool:
    """A row of values or figures rather than column headings."""
    texts = [c.text for c in row if c.text]
    if any(is_footer_label(t) for t in texts) or any(canonical_value(t) in _VALUE_WORDS for t in texts):
        return True
    return bool(texts) and any(p.fullmatch(texts[0]) for p in (_SR_VARIANT, _ALERT_CODE, _DCC_REFERENCE))


def _is_footer(texts: tuple[str, ...]) -> bool:
    """A footer row: its label in one of the first three cells, or further right
    (a "Total Tests" set under the last columns) with only empty cells before it
    and only figures after it."""
    for i, t in enumerate(texts):
        if is_footer_label(t):
            return i < 3 or (not any(texts[:i]) and all(_FIGURES.fullmatch(x) for x in texts[i + 1 :] if x))
    return False


def _share(rows: list[tuple[str, ...]], col: int, test: re.Pattern[str] | frozenset[str]) -> float:
    """The share of the column's non-empty cells that pass ``test``."""
    texts = [r[col] for r in rows if col < len(r) and r[col]]
    if not texts:
        return 0.0
    if isinstance(test, frozenset):
        return sum(canonical_value(t) in test for t in texts) / len(texts)
    return sum(bool(test.fullmatch(t)) for t in texts) / len(texts)


def _classify_by_content(
    rows: list[tuple[str, ...]], width: int
) -> tuple[TableKind, int | None, int | None, tuple[int, ...]]:
    """Kind, key, name and value columns of a table without a header row, from its cells."""
    values = tuple(c for c in range(width) if _share(rows, c, _VALUE_WORDS) == 1.0)
    first_value = values[0] if values else width
    for kind, pattern in _KEY_PATTERNS:
        keys = [c for c in range(first_value) if _share(rows, c, pattern) >= 0.8]
        if not keys:
            continue
        key = keys[-1] if kind == "duis" else keys[0]
        between = [c for c in range(key + 1, first_value) if _share(rows, c, _SR_VARIANT) == 0.0]
        lengths = {c: sum(len(r[c]) for r in rows if c < len(r)) for c in between}
        name = max(lengths, key=lambda c: lengths[c]) if lengths else None
        return kind, key, name, values if kind == "duis" else values[:1]
    return "other", None, None, ()


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


def build_table(number: str | None, title: str, raw_rows: list[RawRow]) -> Table:
    """Build a model table from a reader's grid."""
    grid = expand(raw_rows)
    if not grid:
        return Table(number=number, title=normalise(title), columns=())
    definitions = is_definitions(raw_rows, grid)
    n_header = 0 if definitions else _header_count(raw_rows, grid)
    header = grid[:n_header]
    columns = _columns(header, len(grid[0]))
    kind, key_col, name_col, value_cols = _classify(columns)
    if definitions:  # keyed by term; the term is also its name, so a new term is a rename
        kind, key_col, name_col, value_cols = "definitions", 0, 0, ()
    elif not header:
        data = [t for t in (tuple(c.text for c in r) for r in grid) if any(t) and not _is_footer(t)]
        kind, key_col, name_col, value_cols = _classify_by_content(data, len(grid[0]))
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
        key = _identity(row, key_col)
        name = _identity(row, name_col)
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
