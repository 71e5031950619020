"""Gather a review from the library's results (see :mod:`redline.review`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path, PureWindowsPath
from typing import TYPE_CHECKING

from redline.annex.check import check_annex, confirmed
from redline.checks import CheckResult, check
from redline.diff import diff, with_eligibility
from redline.diff.records import DiffResult, RoleSummary
from redline.eligibility import EligibilityList, check_eligibility
from redline.errors import RedlineError
from redline.model import Document, Paragraph, Table
from redline.review.figures import paired_tables, role_totals
from redline.review.history import gather_history
from redline.review.records import (
    AnnexChecks,
    AnnexFigure,
    AnnexInfo,
    EligibilityNote,
    History,
    Review,
    RoleReview,
    VersionInfo,
)
from redline.text import ROLE_NAMES, ROLES
from redline.versions.apply import apply
from redline.versions.apply_tables import Mismatch as ApplyMismatch

if TYPE_CHECKING:
    from redline.review import Stored

_MP = re.compile(r"\b((?:SEC)?MP ?\d{2,4}[A-Z]?)\b")


def file_name(source: str) -> str:
    """A source's file name without its folders (a page sent out should not show someone's home directory)."""
    return PureWindowsPath(source).name if "\\" in source else Path(source).name


def mp_number(annex: Document) -> str | None:
    """The modification's number as the annex's title block names it ("MP089 ‘Changes to …’")."""
    texts = [annex.title, *(b.text for b in annex.front if isinstance(b, Paragraph))]
    for text in texts:
        found = _MP.search(text)
        if found:
            return found.group(1).replace(" ", "")
    return None


def _info(doc: Document, stored: Sequence[Stored], source: str | None = None, note: str = "") -> VersionInfo:
    match = next((s for s in stored if doc.sha256 and s.sha256 == doc.sha256), None)
    src = source or doc.source
    return VersionInfo(
        source=src,
        file_name=file_name(src),
        document=doc.title,
        sec_version=doc.sec_version,
        sha256=doc.sha256,
        label=match.label if match else None,
        date=match.date if match else None,
        note=note,
    )


def _with_eligibility(result: CheckResult, doc: Document, eligibility: EligibilityList | None) -> CheckResult:
    if eligibility is None:
        return result
    return replace(result, eligibility=check_eligibility(doc, eligibility), eligibility_list=eligibility)


def _notes(role: str, changes: DiffResult, old: CheckResult, new: CheckResult) -> tuple[EligibilityNote, ...]:
    """The diff's notes (rows added or removed), the new version's (``check``), and
    those of the old version the new one no longer gives (resolved by the change):
    a note both versions give is shown once, as the new version's."""
    out = [EligibilityNote("diff", f) for f in changes.eligibility if f.role == role]
    current = {(f.kind, f.role, f.key, f.name) for f in new.eligibility}
    out += [EligibilityNote("new", f) for f in new.eligibility if f.role == role]
    out += [EligibilityNote("old", f) for f in old.eligibility
            if f.role == role and (f.kind, f.role, f.key, f.name) not in current]
    return tuple(out)


def _role_order(role: str) -> tuple[int, str]:
    return (ROLES.index(role) if role in ROLES else len(ROLES), role)


def _front_tables(doc: Document) -> tuple[Table, ...]:
    return tuple(b for b in doc.front if isinstance(b, Table))


def _roles(old: Document, new: Document, changes: DiffResult, check_old: CheckResult,
           check_new: CheckResult) -> tuple[RoleReview, ...]:
    tables = paired_tables(changes.alignment, old.tables(), new.tables(), _front_tables(old), _front_tables(new),
                           check_old, check_new)
    summaries: dict[str, RoleSummary] = {r.role: r for r in changes.roles}
    out = []
    for role in sorted({*tables, *summaries}, key=_role_order):
        figures = tuple(tables.get(role, ()))
        out.append(RoleReview(
            role=role,
            name=ROLE_NAMES.get(role, role),
            tables=figures,
            totals=role_totals(figures),
            summary=summaries.get(role),
            changes=tuple(t for t in changes.tables if t.role == role and t.has_changes),
            eligibility=_notes(role, changes, check_old, check_new),
        ))
    return tuple(out)


def _annex_checks(annex: Document, base: Document, mismatches: tuple[ApplyMismatch, ...]) -> AnnexChecks:
    findings = check_annex(annex)
    sure = confirmed(findings, base)
    figures = tuple(
        AnnexFigure(f, sure[f] is not None, sure[f]) if f in sure else AnnexFigure(f, None)
        for f in findings
    )
    return AnnexChecks(figures, mismatches)


def gather(
    old: Document,
    new: Document | None,
    *,
    annex: Document | None,
    eligibility: EligibilityList | None,
    stored: Sequence[Stored],
) -> Review:
    if (new is None) == (annex is None):
        raise RedlineError("review: give either the new version or an annex (annex=) to apply to the old one")
    if old.is_annex:
        raise RedlineError(f"{old.source}: an annex, not a version of {old.document or 'an SEC document'}: "
                           "review it against its baseline")
    annex_info = annex_checks = None
    if annex is not None:
        if not annex.is_annex:
            raise RedlineError(f"{annex.source}: no 'Amend … as follows:' instructions: not an annex")
        applied = apply(old, annex)
        new = applied.document
        annex_info = AnnexInfo(annex.source, file_name(annex.source), annex.sha256, mp_number(annex),
                               annex.drafted_against, len(annex.amendments))
        annex_checks = _annex_checks(annex, old, applied.plan.mismatches)
        based_on = next((s.label for s in stored if s.sha256 == old.sha256), None)
        base_name = f"SEC {based_on}" if based_on else file_name(old.source)
        new_info = _info(new, (), annex.source,
                         note=f"{base_name} with {annex_info.mp or file_name(annex.source)} applied")
    else:
        assert new is not None
        if new.is_annex:
            raise RedlineError(f"{new.source}: an annex, not a version of {new.document or 'an SEC document'}: "
                               "review it with --against BASE")
        new_info = _info(new, stored)
    changes = diff(old, new)
    if eligibility is not None:
        changes = with_eligibility(changes, eligibility)
    check_old = _with_eligibility(check(old), old, eligibility)
    check_new = _with_eligibility(check(new), new, eligibility)
    history, note = _history(old, new, annex, stored, changes)
    return Review(
        old=_info(old, stored),
        new=new_info,
        annex=annex_info,
        diff=changes,
        check_old=check_old,
        check_new=check_new,
        roles=_roles(old, new, changes, check_old, check_new),
        other_changes=tuple(t for t in changes.tables if not t.role and t.has_changes),
        annex_checks=annex_checks,
        history=history,
        history_note=note,
    )


def _history(old: Document, new: Document, annex: Document | None, stored: Sequence[Stored],
             changes: DiffResult) -> tuple[History | None, str]:
    if not stored:
        return None, "no versions store: store the versions (redline versions add FILE --label L) to see history"
    hashes = {s.sha256 for s in stored}
    wanted = [old] if annex is not None else [old, new]
    if not all(d.sha256 in hashes for d in wanted):
        what = "the baseline is" if annex is not None else "the two versions are"
        return None, f"{what} not in the versions store: no history"
    docs = [(s.label, s.document) for s in stored if s.document is not None]
    if len(docs) < len(stored):
        return None, "the stored versions' models were not given: no history"
    return gather_history(docs, changes), ""

