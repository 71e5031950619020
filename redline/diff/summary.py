"""The per-role summary reviewers read first.

For each User Role: the Service Request rows (or alerts) that became
mandatory in some column, that stopped being mandatory, that were added,
removed or renamed, and how the recomputed Total Tests moved.
"""

from __future__ import annotations

from collections.abc import Sequence

from redline.checks import computed_footer
from redline.diff.records import RoleSummary, TableChange, ValueChange
from redline.model import Table
from redline.text import ROLES, canonical_value, is_total_tests


def is_mandatory(value: str) -> bool:
    """"Mandatory", "Mandatory SMETS 2", "Mandatory SMETS2+" … but not "N/A" or "Optional"."""
    return canonical_value(value).startswith("mandatory")


def total_tests(table: Table) -> int | None:
    """Total Tests recomputed from the rows; None when the table has no such row."""
    if not any(is_total_tests(f.label) for f in table.footer):
        return None
    for calc in computed_footer(table):
        if is_total_tests(calc.label):
            return calc.total
    return None


def _sum(tables: Sequence[Table], totals: dict[int, int | None]) -> int | None:
    figures = [totals[id(x)] for x in tables if totals[id(x)] is not None]
    return sum(f for f in figures if f is not None) if figures else None


def _order(role: str) -> tuple[int, str]:
    return (ROLES.index(role) if role in ROLES else len(ROLES), role)


def summarise(
    changes: Sequence[TableChange], old_tables: Sequence[Table], new_tables: Sequence[Table]
) -> tuple[RoleSummary, ...]:
    """One summary per role that has a table in either version, in the
    domain's role order (IS, ES, GS, RSA, ED, GT, OU)."""
    roles = {t.role for t in (*old_tables, *new_tables) if t.role}
    # Once per table, as it counts every cell; an old table that did not
    # change (no record names it) has the same total as its new self.
    totals = {id(t): total_tests(t) for t in new_tables}
    touched = {t.old_number for t in changes}
    by_number = {t.number: t for t in new_tables}
    for before in old_tables:
        twin = by_number.get(before.number)
        if twin is not None and before.number not in touched and twin.kind == before.kind:
            totals[id(before)] = totals[id(twin)]
        else:
            totals[id(before)] = total_tests(before)
    value_columns = {t.number: {t.column_name(c) for c in t.value_columns} for t in new_tables}
    out: list[RoleSummary] = []
    for role in sorted(roles, key=_order):
        became: list[ValueChange] = []
        stopped: list[ValueChange] = []
        other: list[ValueChange] = []
        added: list[ValueChange] = []
        removed: list[ValueChange] = []
        renamed: list[ValueChange] = []
        moved: list[ValueChange] = []
        for t in changes:
            if t.role != role:
                continue
            values = value_columns.get(t.new_number, set())
            for c in t.cells_changed:
                if c.column not in values:
                    continue
                v = ValueChange(t.table, c.key, c.name, c.column, c.old, c.new)
                if is_mandatory(c.new) and not is_mandatory(c.old):
                    became.append(v)
                elif is_mandatory(c.old) and not is_mandatory(c.new):
                    stopped.append(v)
                else:
                    other.append(v)
            added.extend(ValueChange(t.table, r.key, r.name, "", None, None) for r in t.rows_added)
            removed.extend(ValueChange(t.table, r.key, r.name, "", None, None) for r in t.rows_removed)
            renamed.extend(ValueChange(t.table, r.key, r.name, "", r.old_name, r.name) for r in t.rows_renamed)
            moved.extend(ValueChange(t.table, r.key, r.name, "", None, None) for r in t.rows_moved)
        out.append(
            RoleSummary(
                role=role,
                tables=tuple(t.number or "" for t in new_tables if t.role == role),
                became_mandatory=tuple(became),
                stopped_mandatory=tuple(stopped),
                other_values=tuple(other),
                rows_added=tuple(added),
                rows_removed=tuple(removed),
                rows_renamed=tuple(renamed),
                rows_moved=tuple(moved),
                total_tests_old=_sum([t for t in old_tables if t.role == role], totals),
                total_tests_new=_sum([t for t in new_tables if t.role == role], totals),
            )
        )
    return tuple(out)
