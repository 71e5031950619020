"""The table kinds redline knows, each one declaration.

A table kind (a DUIS role table, a device or DCC alert table) is everything
that decides how a table of that kind is read, checked and laid out: what a
key cell looks like, which header words name its columns, which values its
value cells hold, which of them a footer counts, and how the annex writers
print it. Each kind is one :class:`KindSpec` in :data:`KINDS`; the table
builder, the checks, eligibility, the diff and the writers ask this module,
never test ``table.kind == "duis"`` themselves. Adding a kind is adding one
entry here (docs/kinds.md has the recipe).

Pure: strings and model tables in, answers out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from redline.text import canonical_value

if TYPE_CHECKING:
    from redline.model import Table


@dataclass(frozen=True, slots=True)
class Columns:
    """Where a table's key, name and value columns are (0-based grid columns)."""

    key: int | None
    name: int | None
    values: tuple[int, ...] = ()


HeaderRule = Callable[[tuple[str, ...]], "Columns | None"]
"""Finds a kind's columns from the header texts (one per grid column), or None: not this kind."""


def find(columns: Sequence[str], *needles: str, exclude: str = "") -> int | None:
    """The first column whose header holds every needle (case-folded) and not ``exclude``."""
    for i, c in enumerate(columns):
        low = c.casefold()
        if all(n in low for n in needles) and not (exclude and exclude in low):
            return i
    return None


def keyed_by(key: str, *, exclude: str = "", name: str, values: str) -> HeaderRule:
    """The common header rule: a key column, a name column and one value column,
    each found by a word of its header ("alert code" / "meaning" / "scenario")."""

    def rule(columns: tuple[str, ...]) -> Columns | None:
        at = find(columns, key, exclude=exclude)
        if at is None:
            return None
        value = find(columns, values)
        return Columns(at, find(columns, name), (value,) if value is not None else ())

    return rule


def _never(columns: tuple[str, ...]) -> None:
    return None


def _no_rotation(table: Table) -> frozenset[int]:
    return frozenset()


@dataclass(frozen=True, slots=True)
class KindSpec:
    """One table kind: how to recognise it, read it, check it and print it."""

    name: str
    """The model's ``Table.kind`` and the JSON ``kind`` ("duis")."""
    key: re.Pattern[str] | None = None
    """What a key cell reads as (fullmatch): "8.1.10", "0x8F12", "DCC12".
    A first cell that matches marks a row as data, not a header."""
    header_words: tuple[str, ...] = ()
    """Words in a header cell that make its row a header row ("sr variant")."""
    from_header: HeaderRule = _never
    """The kind's columns from its header texts; None: the header is not this kind's."""
    values: frozenset[str] = frozenset()
    """The value cells' vocabulary, canonical (:func:`redline.text.canonical_value`).
    A value outside it is reported by the check as an unknown value."""
    counted: frozenset[str] = frozenset()
    """Values a footer must count when the table has footer rows: each needs its
    "Count of V" row (canonical)."""
    uncounted: frozenset[str] = frozenset({"n/a"})
    """"Count of" rows that "Total Tests" leaves out (canonical)."""
    content_key: Literal["first", "last"] = "first"
    """Header-less table: of the columns before the values that read as keys,
    which is the key (a DUIS row has the SR number then its variant: the last)."""
    content_values: Literal["all", "first"] = "first"
    """Header-less table: all the columns holding only values, or the first."""
    header_row: bool = True
    """False: the kind is printed without a header row (a two-column definitions
    table), so a table recognised from its cells has no header to skip."""
    from_cells: Callable[[list[tuple[str, ...]], int], Columns | None] | None = None
    """A header-less kind's own recognition from the body texts (rows, width);
    None: the common rule (key column by :attr:`key`, value columns by :attr:`values`)."""
    per_role: bool = False
    """The table is one User Role's (its role is read from title or role column)."""
    eligibility: bool = False
    """Its rows are held against the DUIS eligibility list (``--eligibility``)."""
    rotated: Callable[[Table], frozenset[int]] = field(default=_no_rotation)
    """The columns whose header the annex writers print turned on its side."""
    renamed_by: int | None = None
    """A column whose text, the same in a row left over on each side, makes the two one
    row renamed (definitions: the same meaning under a new term); None: rows pair by key."""
    in_section: bool = False
    """The annex amends the table as its section's content ("Amend Section A1.1 as follows:")
    showing the affected rows alone, as drafters amend definitions."""
    row_noun: str = "row"
    """What the diff calls a row ("definition")."""


SR_VARIANT = re.compile(r"\d+(?:\.\d+)+")
ALERT_CODE = re.compile(r"[0O]x[0-9A-F]{3,5}", re.IGNORECASE)
DCC_REFERENCE = re.compile(r"[A-Z]{1,3}\d+(?:\s*,\s*[A-Z]{1,3}\d+)*")

TEST_SCENARIO_VALUES = frozenset(
    canonical_value(v)
    for v in ("N/A", "Mandatory", "Mandatory SMETS 2", "Mandatory SMETS2+", "Mandatory SMETS1", "Optional")
)
"""What an Appendix R test scenario cell says."""
TESTS_COUNTED = frozenset(
    canonical_value(v) for v in ("Mandatory", "Mandatory SMETS 2", "Mandatory SMETS2+", "Mandatory SMETS1")
)
"""The scenario values every footer counts in its own "Count of" row (N/A is
counted where printed but never a test; no real table counts Optional)."""


def _duis_columns(columns: tuple[str, ...]) -> Columns | None:
    """SR, SR Variant, Service Request Name, (Critical), one column per
    scenario, (User Role): the values run from after the name (or Critical)
    to the role column."""
    variant = find(columns, "variant", exclude="alert")
    if variant is None or find(columns, "sr") is None:
        return None
    name = find(columns, "name")
    critical = find(columns, "critical")
    role = find(columns, "role")
    start = (critical if critical is not None else (name if name is not None else variant)) + 1
    stop = role if role is not None and role > start else len(columns)
    return Columns(variant, name, tuple(range(start, stop)))


def _device_alert_rotated(table: Table) -> frozenset[int]:
    """The real annexes print every column but the meaning and the alert
    variant turned on its side (short values under long headers)."""
    wide = {table.name_column}
    wide |= {i for i, c in enumerate(table.columns) if "variant" in c.casefold()}
    return frozenset(i for i in range(len(table.columns)) if i not in wide)


DUIS = KindSpec(
    name="duis",
    key=SR_VARIANT,
    header_words=("sr variant", "service request name", "test scenario", "user role"),
    from_header=_duis_columns,
    values=TEST_SCENARIO_VALUES,
    counted=TESTS_COUNTED,
    content_key="last",
    content_values="all",
    per_role=True,
    eligibility=True,
)
DEVICE_ALERT = KindSpec(
    name="device_alert",
    key=ALERT_CODE,
    header_words=("alert code", "test scenario"),
    from_header=keyed_by("alert code", exclude="meaning", name="meaning", values="scenario"),
    values=TEST_SCENARIO_VALUES,
    counted=TESTS_COUNTED,
    per_role=True,
    rotated=_device_alert_rotated,
)
DCC_ALERT = KindSpec(
    name="dcc_alert",
    key=DCC_REFERENCE,
    header_words=("reference", "test scenario"),
    from_header=keyed_by("reference", name="name", values="scenario"),
    values=TEST_SCENARIO_VALUES,
    counted=TESTS_COUNTED,
    per_role=True,
)
MEANING = re.compile(
    r"^(?:means|mean|has\s+the\s+meaning|have\s+the\s+meanings?|shall\s+(?:have\s+the\s+meaning|mean)|includes?|"
    r"is\s+defined)\b",
    re.IGNORECASE,
)
"""How an SEC definition's meaning begins ("means …", "has the meaning given to that expression in …")."""


def _definitions_columns(rows: list[tuple[str, ...]], width: int) -> Columns | None:
    """Term | meaning: two columns whose second reads as meanings (60 % of the filled
    ones, so a struck-out row or an odd "in relation to …" does not stop it). Keyed by
    term; the term is also the row's name, so a definition given a new term for the same
    meaning is *renamed* (the matcher pairs it by its meaning)."""
    if width != 2:
        return None
    meanings = [r[1] for r in rows if len(r) > 1 and r[1]]
    if not meanings or sum(bool(MEANING.match(m)) for m in meanings) < 0.6 * len(meanings):
        return None
    return Columns(0, 0)


DEFINITIONS = KindSpec(
    name="definitions",
    header_row=False,
    from_cells=_definitions_columns,
    renamed_by=1,
    in_section=True,
    row_noun="definition",
)
"""Section A1.1's term | meaning table (and the definitions inside other sections):
no header row, so its first definition is never taken for one."""

OTHER = KindSpec(name="other")
"""Any other table: read as a grid, no key, nothing to count but its footer rows."""

KINDS: tuple[KindSpec, ...] = (DUIS, DEVICE_ALERT, DCC_ALERT, DEFINITIONS)
"""The kinds, in the order they are tried (first match wins); :data:`OTHER` after them."""


def kinds() -> tuple[KindSpec, ...]:
    """The registered kinds, read when called (a test may add a toy kind to :data:`KINDS`)."""
    return KINDS


def spec(name: str) -> KindSpec:
    """The declaration of kind ``name``; an unknown kind raises (a JSON model from
    a newer redline, or a typo), never passes as "other"."""
    if name == OTHER.name:
        return OTHER
    for k in kinds():
        if k.name == name:
            return k
    raise ValueError(f"unknown table kind {name!r}; known: {', '.join(names())}")


def names() -> tuple[str, ...]:
    return (*(k.name for k in kinds()), OTHER.name)


def headerless() -> bool:
    """Whether some kind is printed without a header row (see :attr:`KindSpec.header_row`)."""
    return any(not k.header_row for k in kinds())


def header_words() -> tuple[str, ...]:
    """Every kind's header words: a row holding one reads as a header row."""
    return tuple(w for k in kinds() for w in k.header_words)


def value_words() -> frozenset[str]:
    """Every kind's value vocabulary: a row holding one reads as data."""
    return frozenset(v for k in kinds() for v in k.values)


def key_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(k.key for k in kinds() if k.key is not None)


def by_header(columns: tuple[str, ...]) -> tuple[KindSpec, Columns]:
    """The first kind whose header rule reads ``columns``, else :data:`OTHER`."""
    for k in kinds():
        found = k.from_header(columns)
        if found is not None:
            return k, found
    return OTHER, Columns(None, None)


def _share(rows: list[tuple[str, ...]], col: int, test: re.Pattern[str] | frozenset[str]) -> float:
    """The share of the column's non-empty cells that pass ``test``."""
    texts = [r[col] for r in rows if col < len(r) and r[col]]
    if not texts:
        return 0.0
    if isinstance(test, frozenset):
        return sum(canonical_value(t) in test for t in texts) / len(texts)
    return sum(bool(test.fullmatch(t)) for t in texts) / len(texts)


def _common_cells(k: KindSpec, rows: list[tuple[str, ...]], width: int) -> Columns | None:
    """The common rule for a table without a header: the value columns hold
    only the kind's values; the key is a column before them whose cells (80 %)
    read as keys; the name is the longest text column between key and values."""
    if k.key is None:
        return None
    values = tuple(c for c in range(width) if _share(rows, c, k.values) == 1.0) if k.values else ()
    first_value = values[0] if values else width
    keys = [c for c in range(first_value) if _share(rows, c, k.key) >= 0.8]
    if not keys:
        return None
    key = keys[-1] if k.content_key == "last" else keys[0]
    between = [c for c in range(key + 1, first_value) if _share(rows, c, SR_VARIANT) == 0.0]
    lengths = {c: sum(len(r[c]) for r in rows if c < len(r)) for c in between}
    name = max(lengths, key=lambda c: lengths[c]) if lengths else None
    return Columns(key, name, values if k.content_values == "all" else values[:1])


def by_cells(rows: list[tuple[str, ...]], width: int, *, headerless_only: bool = False) -> tuple[KindSpec, Columns]:
    """The first kind that recognises a table with no header row from its body
    texts, else :data:`OTHER`. ``headerless_only``: try only the kinds printed
    without a header row (before a first row is taken for a header)."""
    for k in kinds():
        if headerless_only and k.header_row:
            continue
        found = k.from_cells(rows, width) if k.from_cells is not None else _common_cells(k, rows, width)
        if found is not None:
            return k, found
    return OTHER, Columns(None, None)
