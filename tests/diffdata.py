"""Builders of realistic Appendix R models for the diff tests.

DUIS role tables take their rows from ``tests/data/duis-service-requests.tsv``
(a copy of the shared reference: the real SR variants and the roles that may
send each), go through :func:`redline.tables.build_table` like a reader's
grid would, and get footers whose figures are computed here by counting,
so a test can plant a wrong one on purpose.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from redline.model import Document, Paragraph, Section, Table
from redline.tables import RawCell, RawRow, build_table, plain_cell
from redline.text import canonical_value
from tests.conftest import DATA

VALUES = ("CV", "ECV1", "ECV2", "ECV3", "ECV4", "ECV5", "ECV6", "ECV7", "ECV8", "NCV")
HEADER = ("SR", "SR Variant", "Service Request Name", "Critical", *VALUES, "User Role")
COUNTED = ("N/A", "Mandatory", "Mandatory SMETS 2")
ROLE_COLUMNS = ("IS", "ES", "GS", "RSA", "ED", "GT", "OU")


@dataclass(frozen=True, slots=True)
class ServiceRequest:
    sr: str
    variant: str
    name: str
    critical: str
    roles: frozenset[str]


@cache
def service_requests() -> tuple[ServiceRequest, ...]:
    """The real DUIS SR variants (rows whose variant is not a number are
    continuation lines of the reference's wrapped names and are skipped)."""
    out = []
    with (DATA / "duis-service-requests.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if not re.fullmatch(r"\d+(\.\d+)+", row["variant"] or ""):
                continue
            roles = frozenset(r for r in ROLE_COLUMNS if (row.get(r) or "").strip() == "Y")
            name = " ".join((row["name"] or "").split())
            out.append(ServiceRequest(row["service_reference"], row["variant"], name, row["critical"] or "", roles))
    return tuple(out)


def for_role(role: str) -> list[ServiceRequest]:
    return [s for s in service_requests() if role in s.roles]


def duis_row(sr: str, variant: str, name: str, critical: str, values: Sequence[str], role: str) -> tuple[str, ...]:
    return (sr, variant, name, critical, *values, role)


def default_values(index: int) -> tuple[str, ...]:
    """A plausible, deterministic spread of values over the ten columns."""
    pattern = ("Mandatory", "N/A", "Mandatory SMETS 2", "N/A", "N/A")
    return tuple(pattern[(index + k) % len(pattern)] for k in range(len(VALUES)))


def role_rows(role: str, limit: int | None = None) -> list[tuple[str, ...]]:
    reqs = for_role(role)[:limit]
    return [duis_row(s.sr, s.variant, s.name, s.critical, default_values(i), role) for i, s in enumerate(reqs)]


def footer_figures(rows: Sequence[Sequence[str]]) -> dict[str, list[int]]:
    """Per counted value: the count in each value column, then the row total."""
    out: dict[str, list[int]] = {}
    for value in COUNTED:
        want = canonical_value(value)
        counts = [sum(1 for r in rows if canonical_value(r[4 + k]) == want) for k in range(len(VALUES))]
        out[value] = [*counts, sum(counts)]
    return out


def _raw(texts: Sequence[str], header: bool = False) -> RawRow:
    return RawRow(tuple(RawCell(plain_cell(t)) for t in texts), is_header=header)


def duis_table(
    number: str, role: str, rows: Sequence[Sequence[str]], *, stated: dict[tuple[str, int], int] | None = None
) -> Table:
    """A DUIS role table with its footer; ``stated`` overrides figures
    (label, position) → value, position -1 being the row total and
    ("Total Tests", 0) the grand total."""
    figures = footer_figures(rows)
    stated = stated or {}
    raw = [_raw(HEADER, header=True), *(_raw(r) for r in rows)]
    total = 0
    for value in COUNTED:
        label = f"Count of {value}"
        figs = list(figures[value])
        for (lab, pos), v in stated.items():
            if lab == label:
                figs[pos] = v
        if value != "N/A":
            total += figures[value][-1]
        cells = [RawCell(plain_cell(label), span=4), *(RawCell(plain_cell(str(f))) for f in figs)]
        raw.append(RawRow(tuple(cells)))
    grand = stated.get(("Total Tests", 0), total)
    raw.append(RawRow((RawCell(plain_cell("Total Tests"), span=14), RawCell(plain_cell(str(grand))))))
    return build_table(number, f"DUIS Matrix – {role}", raw)


DCC_HEADER = ("Reference", "Name", "Test Scenario", "Applicable User Role")


def dcc_table(number: str, rows: Sequence[Sequence[str]]) -> Table:
    return build_table(number, "DCC Alerts", [_raw(DCC_HEADER, header=True), *(_raw(r) for r in rows)])


def para(text: str, level: int | None = None) -> Paragraph:
    return Paragraph(text=text, list_level=level)


def section(number: str, title: str, *blocks: Paragraph | Table | str) -> Section:
    items = tuple(para(b) if isinstance(b, str) else b for b in blocks)
    return Section(number=number, title=title, level=number.count(".") + 1, blocks=items)


def document(sections: Sequence[Section], source: str = "v.docx", version: str | None = None) -> Document:
    return Document(source=source, sha256="0" * 64, title="Appendix R", sections=tuple(sections), sec_version=version)
