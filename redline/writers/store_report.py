"""Reports of the versions store, as text and JSON: ``versions list``, ``check`` and
``show``, and ``log`` (a row's or a section's history across the stored versions).

Kept out of the CLI so that scripts get the same output from the library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from redline.model import Document
from redline.versions.history import Event, SectionHistory, TableHistory
from redline.writers.json import document_to_dict
from redline.writers.text import format_table, outline

if TYPE_CHECKING:  # a type only: writers do not reach into the store, the store uses writers
    from redline.versions.store import StoredVersion

VERSIONS_SCHEMA = "redline.versions/1"
VERSION_SCHEMA = "redline.version/1"

JSON = dict[str, Any]


def version_to_dict(v: StoredVersion) -> JSON:
    return {"label": v.label, "date": v.date, "source": v.source, "sha256": v.sha256, "added_at": v.added_at,
            "document": v.document or None}


def _listed_to_dict(v: StoredVersion) -> JSON:
    return {**version_to_dict(v), "damaged": v.damaged}


def _damage_lines(db: str, versions: list[StoredVersion]) -> list[str]:
    return [
        f"DAMAGED  {v.label}: its stored model fails its checksum; add it again from its file "
        f"(redline versions add {v.source} --label {v.label})"
        for v in versions
        if v.damaged
    ]


def versions_to_dict(db: str, versions: list[StoredVersion]) -> JSON:
    return {"schema": VERSIONS_SCHEMA, "db": db, "versions": [_listed_to_dict(v) for v in versions]}


def versions_table(db: str, versions: list[StoredVersion]) -> str:
    if not versions:
        return f"{db}: no versions stored\n"
    rows = [(v.label, v.date or "-", v.sha256[:12], v.added_at, v.source, v.document or "-") for v in versions]
    lines = [f"{db}: {len(versions)} version(s)"]
    lines += format_table(("label", "date", "sha256", "added", "source", "document"), rows)
    lines += _damage_lines(db, versions)
    return "\n".join(lines) + "\n"


VERSIONS_CHECK_SCHEMA = "redline.versions-check/1"


def versions_check_to_dict(db: str, versions: list[StoredVersion]) -> JSON:
    return {
        "schema": VERSIONS_CHECK_SCHEMA,
        "db": db,
        "ok": not any(v.damaged for v in versions),
        "versions": [_listed_to_dict(v) for v in versions],
    }


def versions_check_text(db: str, versions: list[StoredVersion]) -> str:
    """One line per version (ok or DAMAGED) and a verdict."""
    damaged = [v for v in versions if v.damaged]
    lines = [f"ok       {v.label}" for v in versions if not v.damaged] + _damage_lines(db, versions)
    verdict = (
        f"{db}: {len(versions)} version(s) checked, {len(damaged)} damaged"
        if damaged
        else f"{db}: {len(versions)} version(s) checked, all intact"
    )
    return "\n".join([*lines, verdict]) + "\n"


def version_show_dict(v: StoredVersion, doc: Document) -> JSON:
    return {"schema": VERSION_SCHEMA, **version_to_dict(v), "document": document_to_dict(doc)}


def version_show_text(v: StoredVersion, doc: Document) -> str:
    dated = f" ({v.date})" if v.date else ""
    head = f"version {v.label}{dated}, stored {v.added_at}, sha256 {v.sha256[:12]}\n"
    return head + outline(doc)


LOG_SCHEMA = "redline.log/1"


def event_to_dict(e: Event) -> JSON:
    data: JSON = {"version": e.version, "change": e.change}
    if e.change in ("renamed", "retitled"):
        data.update(old_name=e.old_name, new_name=e.new_name)
    if e.change == "renumbered":
        data.update(old_number=e.old_name, new_number=e.new_name)
    if e.change == "added" and e.new_name:
        data["title"] = e.new_name
    if e.cells:
        data["cells"] = [
            {"column": c.column, "column_index": c.column_index, "old": c.old, "new": c.new} for c in e.cells
        ]
    if e.details:
        data["details"] = list(e.details)
    return data


def table_history_to_dict(h: TableHistory, key: str | None) -> JSON:
    return {
        "schema": LOG_SCHEMA,
        "table": h.table,
        "key": key,
        "versions": list(h.versions),
        "missing_in": list(h.missing_in),
        "renumbered": [event_to_dict(e) for e in h.renumbered],
        "rows": [{"key": r.key, "name": r.name, "events": [event_to_dict(e) for e in r.events]} for r in h.rows],
    }


def _taken_to_dict(e: Event) -> JSON:
    if e.change == "renumbered":
        return {"version": e.version, "change": e.change, "title": e.details[0], "old_number": e.old_name}
    return {"version": e.version, "change": e.change, "title": e.new_name}


def section_history_to_dict(h: SectionHistory) -> JSON:
    return {
        "schema": LOG_SCHEMA,
        "section": h.section,
        "versions": list(h.versions),
        "events": [event_to_dict(e) for e in h.events],
        "taken_by": [_taken_to_dict(e) for e in h.taken_by],
    }


def _taken_line(number: str, e: Event) -> str:
    if e.change == "renumbered":
        return f"  {e.version}  {number} now holds {e.details[0]!r} (was {e.old_name})"
    return f"  {e.version}  {number} now holds {e.new_name!r}, a section added in this version"


def _event_line(e: Event, first: str) -> list[str]:
    if e.change == "added":
        since = " (in the earliest stored version)" if e.version == first else ""
        return [f"{e.version}  first appeared{since}"]
    if e.change in ("renamed", "retitled"):
        return [f"{e.version}  {e.change}: {e.old_name!r} -> {e.new_name!r}"]
    if e.change == "renumbered":
        return [f"{e.version}  renumbered: {e.old_name} -> {e.new_name}"]
    if e.change == "removed":
        return [f"{e.version}  removed" + (f" ({e.details[0]})" if e.details else "")]
    if e.change == "moved":
        return [f"{e.version}  moved: {e.details[0]}"]
    lines = [f"{e.version}  changed:"]
    # Counted from 1, as a reader counts and as diff's "column N renamed" does
    # (the JSON's column_index stays 0-based, per the contract).
    lines += [f"        {c.column} (column {c.column_index + 1}): {c.old!r} -> {c.new!r}" for c in e.cells]
    lines += [f"        {d}" for d in e.details]
    return lines


def table_history_text(h: TableHistory, key: str | None) -> str:
    first = h.versions[0] if h.versions else ""
    what = f"Table {h.table}" + (f", rows keyed {key}" if key else "")
    lines = [f"{what} across {len(h.versions)} version(s): {', '.join(h.versions)}"]
    if h.missing_in:
        lines.append(f"no Table {h.table} in: {', '.join(h.missing_in)}")
    lines += [f"{e.version}  the table is now Table {e.new_name} (was {e.old_name})" for e in h.renumbered]
    if not h.rows:
        lines.append("no such rows" if key else "no rows")
    quiet = 0
    for r in h.rows:
        if key is None and len(r.events) == 1 and r.events[0].version == first:
            quiet += 1
            continue
        lines.append(f"{r.key}  {r.name}")
        for e in r.events:
            lines += [f"  {x}" for x in _event_line(e, first)]
    if quiet:
        lines.append(f"{quiet} other row(s) unchanged since {first}")
    return "\n".join(lines) + "\n"


def section_history_text(h: SectionHistory) -> str:
    first = h.versions[0] if h.versions else ""
    lines = [f"Section {h.section} across {len(h.versions)} version(s): {', '.join(h.versions)}"]
    if not h.events:
        lines.append(f"no section {h.section} in any stored version")
    for e in h.events:
        if e.change == "added":
            since = " (in the earliest stored version)" if e.version == first else ""
            named = f" as {e.new_name!r}" if e.new_name else ""  # a clause ("H14.5") has no title to name
            lines.append(f"  {e.version}  first appeared{named}{since}")
        else:
            lines += [f"  {x}" for x in _event_line(e, first)]
    if len(h.events) == 1 and h.events[0].change == "added":
        lines.append("  unchanged since")
    lines += [_taken_line(h.section, e) for e in h.taken_by]
    return "\n".join(lines) + "\n"
