"""Each role table's footer figures, stated and computed, old and new.

What a UEPT reviewer checks first: per User Role, Total Tests and the
"Count of" figures, as each version states them and as its rows give them
(:func:`redline.checks.computed_footer`, the function ``check`` and the
diff's per-role summary count with), with ``check``'s own mismatches beside
each stated figure. Tables are paired as the diff's alignment pairs them;
nothing here pairs. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from redline.checks import CheckResult, Mismatch, TableCheck, computed_footer
from redline.diff.match import Alignment
from redline.model import Table
from redline.review.records import TOTAL_TESTS, Figure, TableFigures
from redline.text import canonical_value, counted_value, is_total_tests

_ORDER = (TOTAL_TESTS, "Count of Mandatory", "Count of Mandatory SMETS2+", "Count of Mandatory SMETS1", "Count of N/A")


def figure_name(label: str) -> str | None:
    """The figure a footer row gives, under one name across table kinds:
    "Count of Mandatory SMETS 2" (DUIS) and "Count of Mandatory SMETS2+"
    (alert tables) are both "Count of Mandatory SMETS2+"."""
    if is_total_tests(label):
        return TOTAL_TESTS
    value = counted_value(label)
    if value is None:
        return None
    v = canonical_value(value)
    if v == "n/a":
        return "Count of N/A"
    if v == "mandatory":
        return "Count of Mandatory"
    if v.startswith("mandatorysmets2"):
        return "Count of Mandatory SMETS2+"
    if v == "mandatorysmets1":
        return "Count of Mandatory SMETS1"
    return f"Count of {value}"


def _order(name: str) -> tuple[int, str]:
    return (_ORDER.index(name) if name in _ORDER else len(_ORDER), name)


Side = dict[str, tuple[int | None, int, tuple[Mismatch, ...]]]
"""Per figure name: (stated, computed, check's mismatches of that footer row)."""


def _side(table: Table | None, checked: TableCheck | None) -> Side:
    """A table's figures: the stated one is the row's total figure (the last,
    when the row has one more figure than value columns; the figures' sum
    when it has one per column, as "Count of N/A" in the DUIS matrices), or
    None when the row's shape is one ``check`` cannot read."""
    if table is None:
        return {}
    n = len(table.value_columns)
    computed = {c.label: c for c in computed_footer(table)}
    out: Side = {}
    for row in table.footer:
        name = figure_name(row.label)
        calc = computed.get(row.label)
        if name is None or calc is None:
            continue
        figures = row.figures
        if is_total_tests(row.label):
            stated = figures[-1] if figures else None
        elif len(figures) == n + 1:
            stated = figures[-1]
        elif len(figures) == n:
            stated = sum(figures)
        else:
            stated = None
        wrong = tuple(m for m in checked.mismatches if m.row == row.label) if checked is not None else ()
        before = out.get(name)
        if before is not None:  # two rows under one name: add them up
            both = None if stated is None or before[0] is None else stated + before[0]
            out[name] = (both, before[1] + (calc.total or 0), before[2] + wrong)
        else:
            out[name] = (stated, calc.total or 0, wrong)
    return out


def table_figures(old: Table | None, new: Table | None, old_check: TableCheck | None,
                  new_check: TableCheck | None) -> TableFigures:
    a, b = _side(old, old_check), _side(new, new_check)
    figures = []
    for name in sorted({*a, *b}, key=_order):
        o, n = a.get(name), b.get(name)
        figures.append(Figure(
            name,
            o[0] if o else None, o[1] if o else None,
            n[0] if n else None, n[1] if n else None,
            o[2] if o else (), n[2] if n else (),
        ))
    shown = new if new is not None else old
    assert shown is not None
    return TableFigures(
        old.number if old is not None else None,
        new.number if new is not None else None,
        shown.title,
        shown.kind,
        tuple(figures),
    )


def _add(values: Iterable[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def role_totals(tables: Sequence[TableFigures]) -> tuple[Figure, ...]:
    """The role's tables together: each figure summed over the tables that have it."""
    names = sorted({f.name for t in tables for f in t.figures}, key=_order)
    out = []
    for name in names:
        fs = [f for t in tables for f in t.figures if f.name == name]
        out.append(Figure(
            name,
            _add(f.old_stated for f in fs), _add(f.old_computed for f in fs),
            _add(f.new_stated for f in fs), _add(f.new_computed for f in fs),
            tuple(m for f in fs for m in f.old_wrong), tuple(m for f in fs for m in f.new_wrong),
        ))
    return tuple(out)


def _by_number(result: CheckResult) -> Mapping[str, TableCheck]:
    out: dict[str, TableCheck] = {}
    for t in result.tables:
        out.setdefault(t.table, t)
    return out


def paired_tables(
    alignment: Alignment,
    old_tables: Sequence[Table],
    new_tables: Sequence[Table],
    old_front: Sequence[Table],
    new_front: Sequence[Table],
    check_old: CheckResult,
    check_new: CheckResult,
) -> dict[str, list[TableFigures]]:
    """Per role, its tables' figures, in the new version's order: the
    sections' tables as the diff's alignment pairs them, and any table before
    the first numbered heading on its own (the alignment does not cover
    those; the role's sums stay whole)."""
    olds, news = _by_number(check_old), _by_number(check_new)
    out: dict[str, list[TableFigures]] = {}

    def put(old: Table | None, new: Table | None) -> None:
        role = (new.role if new is not None else None) or (old.role if old is not None else None)
        if not role:
            return
        oc = olds.get(old.number or "") if old is not None else None
        nc = news.get(new.number or "") if new is not None else None
        out.setdefault(role, []).append(table_figures(old, new, oc, nc))

    for t in old_front:
        put(t, None)
    for t in new_front:
        put(None, t)
    for pair in alignment.tables:
        put(old_tables[pair.old] if pair.old is not None else None,
            new_tables[pair.new] if pair.new is not None else None)
    return out
