"""DUIS eligibility: which User Roles may send each Service Request, held
against each role's DUIS matrix.

A DUIS matrix (8.1.5–8.1.11) lists the Service Requests one User Role is
tested on, and DUIS says which roles may send each. A row for a request its
role may not send, or a request its role may send missing from its matrix,
is something a reviewer must look at: no comparison tool knows it.

The list ships with redline (``redline/data/duis-service-requests.tsv``,
see the ``.md`` beside it for its source and version); ``--eligibility FILE``
takes a newer one in the same format. Eligibility is data of the SEC and
changes with it (MP089 adds 8.14.3 rows to the RSA matrix), so a finding
asks the reviewer to confirm against the current DUIS: it is not an error and
does not change an exit code, unless the user asks (``--strict``).

Pure functions from the model and the list to findings; reading the list's
file is :func:`redline.inputs.load_eligibility`'s job.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

from redline import kinds
from redline.errors import RedlineError
from redline.model import Document, Table, normalise
from redline.text import ROLES

LIST_FILE = "duis-service-requests.tsv"
LIST_VERSION = "DUIS 5.x (SEC 6.18), 2026-12-04"
"""The version of the shipped list (see redline/data/duis-service-requests.md)."""
_COLUMNS = ("service_reference", "variant", "name", "critical")

FindingKind: TypeAlias = Literal["not_eligible", "missing", "unknown", "added_not_eligible", "removed_eligible"]


@dataclass(frozen=True, slots=True)
class ServiceRequest:
    reference: str
    variant: str
    """The row key of a DUIS matrix ("6.2.7")."""
    name: str
    critical: bool
    roles: frozenset[str]
    """The User Roles eligible to send it."""


@dataclass(frozen=True, slots=True)
class EligibilityList:
    source: str
    """Where the list came from: "redline (shipped)" or the file given."""
    version: str
    sha256: str
    requests: tuple[ServiceRequest, ...]

    def by_variant(self) -> dict[str, ServiceRequest]:
        return {r.variant: r for r in self.requests}


@dataclass(frozen=True, slots=True)
class EligibilityFinding:
    """One row (or missing row) of a role's DUIS matrix that the list disagrees with."""

    kind: FindingKind
    """``not_eligible``: a row for a request its role may not send; ``missing``:
    a request its role may send has no row; ``unknown``: a request the list
    does not have; in a diff, ``added_not_eligible`` / ``removed_eligible``:
    a row added for a request the role may not send, or removed for one it may."""
    table: str
    role: str
    key: str
    name: str
    message: str


def _parse(text: str, source: str) -> tuple[ServiceRequest, ...]:
    rows = list(csv.reader(text.splitlines(), delimiter="\t"))
    if not rows:
        raise RedlineError(f"{source}: empty DUIS eligibility list")
    header = [h.strip() for h in rows[0]]
    missing = [c for c in (*_COLUMNS, *ROLES) if c not in header]
    if missing:
        raise RedlineError(f"{source}: not a DUIS eligibility list (tab-separated; no column {', '.join(missing)})")
    at = {c: header.index(c) for c in (*_COLUMNS, *ROLES)}
    out: list[ServiceRequest] = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            raise RedlineError(
                f"{source}: line {n}: {len(row)} fields, the header has {len(header)} (a name split over lines?)"
            )
        out.append(
            ServiceRequest(
                reference=row[at["service_reference"]].strip(),
                variant=row[at["variant"]].strip(),
                name=normalise(row[at["name"]]),
                critical=row[at["critical"]].strip().upper() == "Y",
                roles=frozenset(r for r in ROLES if row[at[r]].strip().upper() == "Y"),
            )
        )
    return tuple(out)


def parse_list(data: bytes, source: str, version: str) -> EligibilityList:
    """The list in ``data`` (the TSV's bytes); any problem is one RedlineError naming ``source``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RedlineError(f"{source}: not a UTF-8 text file (a DUIS eligibility list is tab-separated text)") from None
    return EligibilityList(source, version, hashlib.sha256(data).hexdigest(), _parse(text, source))


def _duis_tables(tables: Iterable[Table]) -> list[Table]:
    return [t for t in tables if kinds.spec(t.kind).eligibility and t.role in ROLES]


CONFIRM = "confirm against the current DUIS"


def check_eligibility(document: Document, eligibility: EligibilityList) -> tuple[EligibilityFinding, ...]:
    """Per DUIS matrix: rows whose request its role may not send (or that the
    list does not know), and requests its role may send that have no row.
    An annex's tables are excerpts: nothing is missing from them."""
    known = eligibility.by_variant()
    out: list[EligibilityFinding] = []
    for t in _duis_tables(document.tables()):
        role = t.role or ""
        keys = {r.key for r in t.rows}
        for r in t.rows:
            sr = known.get(r.key)
            if sr is None:
                out.append(EligibilityFinding(
                    "unknown", t.number or "", role, r.key, r.name,
                    f"{r.key} is not in the eligibility list ({eligibility.version}): {CONFIRM}",
                ))
            elif role not in sr.roles:
                out.append(EligibilityFinding(
                    "not_eligible", t.number or "", role, r.key, r.name,
                    f"{role} may not send {r.key} by the eligibility list ({eligibility.version}): {CONFIRM}",
                ))
        if document.is_annex:
            continue
        for sr in eligibility.requests:
            if role in sr.roles and sr.variant not in keys:
                out.append(EligibilityFinding(
                    "missing", t.number or "", role, sr.variant, sr.name,
                    f"{role} may send {sr.variant} by the eligibility list ({eligibility.version}), "
                    f"but its matrix has no row for it: {CONFIRM}",
                ))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class RowMove:
    """A row added to or removed from a role's DUIS matrix (from the diff)."""

    table: str
    role: str
    key: str
    name: str
    added: bool


def diff_eligibility(moves: Sequence[RowMove], eligibility: EligibilityList) -> tuple[EligibilityFinding, ...]:
    """Rows a new version adds for a request the role may not send, or removes
    for one it may. A real modification can change eligibility (MP089 gives
    RSA the 8.14.3 rows): each finding asks the reviewer to confirm."""
    known = eligibility.by_variant()
    out: list[EligibilityFinding] = []
    for m in moves:
        sr = known.get(m.key)
        if m.added and (sr is None or m.role not in sr.roles):
            why = "not in the eligibility list" if sr is None else f"{m.role} may not send it by the eligibility list"
            out.append(EligibilityFinding(
                "added_not_eligible", m.table, m.role, m.key, m.name,
                f"row {m.key} added to the {m.role} matrix; {why} ({eligibility.version}): {CONFIRM}",
            ))
        elif not m.added and sr is not None and m.role in sr.roles:
            out.append(EligibilityFinding(
                "removed_eligible", m.table, m.role, m.key, m.name,
                f"row {m.key} removed from the {m.role} matrix; {m.role} may send it by the eligibility list "
                f"({eligibility.version}): {CONFIRM}",
            ))
    return tuple(out)
