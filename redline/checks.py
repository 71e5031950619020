"""Recompute every table's footer counts and totals and compare with what the
document states.

The rules (``shared/docs/domain.md``, ``json-contract.md``):

* "Count of V" under a value column counts the body cells equal to V there;
* in a "Count of" row with one figure more than value columns, the last
  figure is the row's total across the columns;
* "Total Tests" is the sum of the "Count of" row totals except "Count of N/A".

Pure functions from the model to findings: no I/O, no printing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from redline import kinds
from redline.eligibility import EligibilityFinding, EligibilityList, check_eligibility
from redline.model import Document, Table, normalise
from redline.text import COUNT_OF, canonical_value, counted_value, is_total_tests


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A footer figure the document states that its rows do not give."""

    row: str
    """The footer row's label ("Count of Mandatory", "Total Tests")."""
    column: str
    """Header text of the value column, or "Total" for a row total."""
    column_index: int | None
    """0-based grid column; None for a row total and for Total Tests."""
    stated: int
    computed: int


@dataclass(frozen=True, slots=True)
class UnknownValue:
    """A value cell that is no test scenario value ("Madnatory", "NA"): no footer
    row counts it, so the mismatches it causes point at the footer, not at it."""

    key: str
    name: str
    column: str
    column_index: int
    value: str


@dataclass(frozen=True, slots=True)
class MissingCount:
    """A value the table's kind counts, held by body cells, that no "Count of"
    row counts: its tests are in no footer figure, so Total Tests cannot hold
    them (three "Mandatory" rows under a footer without "Count of Mandatory")."""

    value: str
    """As the first cell holding it writes it ("Mandatory")."""
    cells: int
    """Body cells holding it, over the value columns."""

    @property
    def label(self) -> str:
        """The footer row the table lacks."""
        return f"{COUNT_OF} {self.value}"


@dataclass(frozen=True, slots=True)
class TableCheck:
    table: str
    title: str
    mismatches: tuple[Mismatch, ...]
    problems: tuple[str, ...] = ()
    """Footer rows whose shape the rules cannot read (wrong number of figures)."""
    unknown_values: tuple[UnknownValue, ...] = ()
    """A note, not a failure: the figures are what decide ``ok``."""
    missing: tuple[MissingCount, ...] = ()
    """Counted values with no "Count of" row (a failure: tests no figure holds)."""

    @property
    def ok(self) -> bool:
        return not self.mismatches and not self.problems and not self.missing


CoverageStatus = Literal["ok", "mismatches", "unreadable_footer", "missing_count_row", "no_footer"]


@dataclass(frozen=True, slots=True)
class TableRead:
    """One table the reader found, and whether it had anything to check: a
    reviewer sees that every table of the document was found, not only the
    ones with footer rows."""

    table: str
    """Its number ("" for a table under no numbered heading or caption)."""
    title: str
    kind: str
    """duis, device_alert, dcc_alert or other."""
    role: str | None
    rows: int
    """Body rows (header and footer rows aside)."""
    status: CoverageStatus
    """ok / mismatches / unreadable_footer / missing_count_row (checked), or no_footer (nothing to check)."""

    @property
    def checked(self) -> bool:
        return self.status != "no_footer"


@dataclass(frozen=True, slots=True)
class CheckResult:
    source: str
    tables: tuple[TableCheck, ...]
    read: tuple[TableRead, ...] = ()
    """Every table read, in document order, checked or not."""
    eligibility: tuple[EligibilityFinding, ...] = ()
    """DUIS matrix rows the eligibility list disagrees with: notes for the
    reviewer to confirm, not failures (``ok`` does not look at them)."""
    eligibility_list: EligibilityList | None = None

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables)

    @property
    def mismatch_count(self) -> int:
        return sum(len(t.mismatches) for t in self.tables)


def value_tallies(table: Table) -> tuple[Counter[str], ...]:
    """Per value column, how often each (canonical) value occurs in the body.

    One pass over the rows serves every footer row of the table; counting
    afresh per footer row and column made a full-size Appendix R slow. The
    diff asks for one table's tallies up to seven times (its counts, its
    checks, the role summary's Total Tests), so the last tables' tallies are
    kept (:data:`_TALLIES`); callers only read them.
    """
    held = _TALLIES.get(id(table))
    if held is not None and held[0] is table:
        return held[1]
    rows = table.rows
    tallies = tuple(
        Counter(map(canonical_value, [r.cells[col].text for r in rows if col < len(r.cells)]))
        for col in table.value_columns
    )
    if len(_TALLIES) >= _TALLIES_KEPT:
        del _TALLIES[next(iter(_TALLIES))]
    _TALLIES[id(table)] = (table, tallies)  # the table is held too, so its id cannot be reused meanwhile
    return tallies


_TALLIES_KEPT = 64
"""Tables whose tallies are kept: more than one document's keyed tables."""
_TALLIES: dict[int, tuple[Table, tuple[Counter[str], ...]]] = {}


def column_counts(table: Table, value: str, tallies: tuple[Counter[str], ...] | None = None) -> tuple[int, ...]:
    """How many body cells equal ``value`` in each value column."""
    want = canonical_value(value)
    return tuple(t[want] for t in (tallies if tallies is not None else value_tallies(table)))


@dataclass(frozen=True, slots=True)
class ComputedFooter:
    """What a footer row should say, from the body rows."""

    label: str
    columns: tuple[int, ...]
    total: int | None


def computed_footer(table: Table, tallies: tuple[Counter[str], ...] | None = None) -> tuple[ComputedFooter, ...]:
    """Recompute each footer row of ``table`` (totals always computed)."""
    out: list[ComputedFooter] = []
    grand = 0
    uncounted = kinds.spec(table.kind).uncounted
    if tallies is None:
        tallies = value_tallies(table)
    for row in table.footer:
        value = counted_value(row.label)
        if value is not None:
            counts = column_counts(table, value, tallies)
            total = sum(counts)
            if canonical_value(value) not in uncounted:
                grand += total
            out.append(ComputedFooter(row.label, counts, total))
        elif is_total_tests(row.label):
            out.append(ComputedFooter(row.label, (), None))
    # Total Tests is the sum over the rows above it: fill it in afterwards.
    return tuple(ComputedFooter(c.label, c.columns, grand) if c.total is None else c for c in out)


def check_table(table: Table) -> TableCheck:
    """Compare a table's stated footer figures with its rows."""
    mismatches: list[Mismatch] = []
    problems: list[str] = []
    n = len(table.value_columns)
    tallies = value_tallies(table)  # one pass over the rows serves the figures and the missing rows
    computed = {c.label: c for c in computed_footer(table, tallies)}
    for row in table.footer:
        calc = computed.get(row.label)
        if calc is None:
            continue
        figures = row.figures
        if is_total_tests(row.label):
            if not figures:
                problems.append(f"{row.label}: no figure")
                continue
            if figures[-1] != calc.total:
                mismatches.append(Mismatch(row.label, "Total", None, figures[-1], calc.total or 0))
            continue
        if len(figures) not in (n, n + 1):
            problems.append(f"{row.label}: {len(figures)} figures for {n} value columns")
            continue
        for i, col in enumerate(table.value_columns):
            if figures[i] != calc.columns[i]:
                mismatches.append(Mismatch(row.label, table.column_name(col), col, figures[i], calc.columns[i]))
        if len(figures) == n + 1 and figures[-1] != calc.total:
            mismatches.append(Mismatch(row.label, "Total", None, figures[-1], calc.total or 0))
    return TableCheck(
        table.number or "",
        table.title,
        tuple(mismatches),
        tuple(problems),
        unknown_values(table, tallies),
        missing_counts(table, tallies),
    )


def missing_counts(table: Table, tallies: tuple[Counter[str], ...] | None = None) -> tuple[MissingCount, ...]:
    """The values the table's kind counts (:attr:`redline.kinds.KindSpec.counted`)
    that body cells hold and no "Count of" row of its footer counts."""
    counted = kinds.spec(table.kind).counted
    if not counted or not table.footer:
        return ()
    have = {canonical_value(v) for v in (counted_value(f.label) for f in table.footer) if v is not None}
    found: Counter[str] = Counter()
    for tally in tallies if tallies is not None else value_tallies(table):
        found.update({v: n for v, n in tally.items() if v in counted and v not in have})
    if not found:
        return ()
    written: dict[str, str] = {}
    for r in table.rows:
        for col in table.value_columns:
            if col < len(r.cells):
                written.setdefault(canonical_value(r.cells[col].text), normalise(r.cells[col].text))
    return tuple(MissingCount(written.get(v, v), n) for v, n in sorted(found.items()))


def unknown_values(table: Table, tallies: tuple[Counter[str], ...] | None = None) -> tuple[UnknownValue, ...]:
    """The value cells of a keyed table that hold no value of its kind's vocabulary (blank cells aside).
    ``tallies`` (:func:`value_tallies`) answer the usual case, every value known, without a pass over the cells."""
    known = kinds.spec(table.kind).values
    if not known:
        return ()
    if tallies is not None and all(v in known or not v for tally in tallies for v in tally):
        return ()  # a blank cell's canonical value is "" (whitespace only)
    return tuple(
        UnknownValue(r.key, r.name, table.column_name(col), col, r.cells[col].text)
        for r in table.rows
        for col in table.value_columns
        if col < len(r.cells) and r.cells[col].text.strip() and canonical_value(r.cells[col].text) not in known
    )


def _status(result: TableCheck) -> CoverageStatus:
    if result.mismatches:
        return "mismatches"
    if result.problems:
        return "unreadable_footer"
    return "missing_count_row" if result.missing else "ok"


def check(document: Document, eligibility: EligibilityList | None = None) -> CheckResult:
    """Check every table that has footer rows, in document order, and list
    every table read (those before the first numbered heading too). With
    ``eligibility`` (``inputs.load_eligibility``), each DUIS matrix of a version
    is held against that list too (an annex's tables are excerpts: not held)."""
    tables = (*(b for b in document.front if isinstance(b, Table)), *document.tables())
    results: list[TableCheck] = []
    read: list[TableRead] = []
    for t in tables:
        status: CoverageStatus = "no_footer"
        if t.footer:
            result = check_table(t)
            results.append(result)
            status = _status(result)
        read.append(TableRead(t.number or "", t.title, t.kind, t.role, len(t.rows), status))
    if eligibility is None or document.is_annex:
        return CheckResult(document.source, tuple(results), tuple(read))
    found = check_eligibility(document, eligibility)
    return CheckResult(document.source, tuple(results), tuple(read), found, eligibility)
