"""The review as JSON (``redline review --json``, schema ``redline.review/1``):
the page's content, each part in the form its own command gives it
(``redline.diff/1``'s records, ``redline.check/1``, ``check ANNEX``'s figures,
``redline.log/1``'s events), so a script reads one shape whatever it came from.
Documented in docs/review.md.
"""

from __future__ import annotations

from redline.review.records import REVIEW_SCHEMA, AnnexChecks, Figure, History, Review, RoleReview, VersionInfo
from redline.writers.apply_report import mismatch_to_dict as apply_mismatch_to_dict
from redline.writers.json import (
    JSON,
    check_to_dict,
    eligibility_list_to_dict,
    eligibility_to_dict,
    figure_finding_to_dict,
    mismatch_to_dict,
    reference_to_dict,
    role_summary_to_dict,
    section_change_to_dict,
    table_change_to_dict,
)
from redline.writers.store_report import event_to_dict, section_history_to_dict


def _version(v: VersionInfo) -> JSON:
    return {
        "source": v.source,
        "file_name": v.file_name,
        "document": v.document,
        "sec_version": v.sec_version,
        "sha256": v.sha256,
        "label": v.label,
        "date": v.date,
        "note": v.note,
    }


def _figure(f: Figure) -> JSON:
    return {
        "name": f.name,
        "old": {"stated": f.old_stated, "computed": f.old_computed,
                "mismatches": [mismatch_to_dict(m) for m in f.old_wrong]},
        "new": {"stated": f.new_stated, "computed": f.new_computed,
                "mismatches": [mismatch_to_dict(m) for m in f.new_wrong]},
        "change": f.change,
    }


def _role(r: RoleReview) -> JSON:
    tt = r.total_tests
    return {
        "role": r.role,
        "name": r.name,
        "total_tests": {"old": tt.old_computed, "new": tt.new_computed, "change": tt.change} if tt else None,
        "figures": [_figure(f) for f in r.totals],
        "tables": [
            {"table": t.number, "old_number": t.old_number, "new_number": t.new_number, "title": t.title,
             "kind": t.kind, "figures": [_figure(f) for f in t.figures]}
            for t in r.tables
        ],
        "stated_wrong": r.flagged,
        "summary": role_summary_to_dict(r.summary) if r.summary else None,
        "changes": [table_change_to_dict(t) for t in r.changes],
        "eligibility": [{"origin": n.origin, **eligibility_to_dict(n.finding)} for n in r.eligibility],
    }


def _annex_checks(a: AnnexChecks) -> JSON:
    figures = []
    for f in a.figures:
        data = figure_finding_to_dict(f.finding)
        data["confirmed"] = f.confirmed
        data["baseline_rows_give"] = f.baseline_rows_give
        figures.append(data)
    return {"figures": figures, "apply_mismatches": [apply_mismatch_to_dict(m) for m in a.apply_mismatches]}


def _history(h: History) -> JSON:
    return {
        "versions": list(h.versions),
        "rows": [{"table": table, "key": key, "name": name, "history_name": r.name,
                  "events": [event_to_dict(e) for e in r.events]}
                 for table, key, name, r in h.rows],
        "sections": [{k: v for k, v in section_history_to_dict(s).items() if k != "schema"} for s in h.sections],
    }


def review_to_dict(review: Review) -> JSON:
    d = review.diff
    renumbered = [s for s in d.sections if s.old_number and s.new_number and s.old_number != s.new_number]
    return {
        "schema": REVIEW_SCHEMA,
        "old": _version(review.old),
        "new": _version(review.new),
        "annex": None if review.annex is None else {
            "source": review.annex.source, "file_name": review.annex.file_name, "sha256": review.annex.sha256,
            "mp": review.annex.mp, "drafted_against": review.annex.drafted_against,
            "amendments": review.annex.amendments,
        },
        "summary": {
            **d.counts(),
            "renumbered": len(renumbered),
            "mismatches_old": review.check_old.mismatch_count,
            "mismatches_new": review.check_new.mismatch_count,
            "eligibility_notes": len(review.eligibility),
            "annex_figure_findings": len(review.annex_checks.figures) if review.annex_checks else None,
            "annex_apply_mismatches": len(review.annex_checks.apply_mismatches) if review.annex_checks else None,
        },
        "roles": [_role(r) for r in review.roles],
        "other_tables": [table_change_to_dict(t) for t in review.other_changes],
        "checks": {"old": check_to_dict(review.check_old), "new": check_to_dict(review.check_new)},
        "annex_checks": _annex_checks(review.annex_checks) if review.annex_checks else None,
        "sections": [section_change_to_dict(s) for s in d.sections],
        "front_matter": section_change_to_dict(d.front) if d.front else None,
        "renumbered": [{"old_number": s.old_number, "new_number": s.new_number, "title": s.new_title}
                       for s in renumbered],
        "references": [reference_to_dict(p) for p in d.references],
        "eligibility_list": eligibility_list_to_dict(d.eligibility_list),
        "history": _history(review.history) if review.history else None,
        "history_note": review.history_note,
    }
