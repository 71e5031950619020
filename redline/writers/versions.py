"""Reports for the versions store: ``versions list``/``show`` as text and JSON.

Kept out of the CLI so that scripts get the same output from the library.
"""

from __future__ import annotations

from typing import Any

from redline.model import Document
from redline.store import StoredVersion
from redline.writers.json import document_to_dict
from redline.writers.text import format_table, outline

VERSIONS_SCHEMA = "redline.versions/1"
VERSION_SCHEMA = "redline.version/1"

JSON = dict[str, Any]


def version_to_dict(v: StoredVersion) -> JSON:
    return {"label": v.label, "date": v.date, "source": v.source, "sha256": v.sha256, "added_at": v.added_at}


def versions_to_dict(db: str, versions: list[StoredVersion]) -> JSON:
    return {"schema": VERSIONS_SCHEMA, "db": db, "versions": [version_to_dict(v) for v in versions]}


def versions_table(db: str, versions: list[StoredVersion]) -> str:
    if not versions:
        return f"{db}: no versions stored\n"
    rows = [(v.label, v.date or "-", v.sha256[:12], v.added_at, v.source) for v in versions]
    lines = [f"{db}: {len(versions)} version(s)"]
    lines += format_table(("label", "date", "sha256", "added", "source"), rows)
    return "\n".join(lines) + "\n"


def version_show_dict(v: StoredVersion, doc: Document) -> JSON:
    return {"schema": VERSION_SCHEMA, **version_to_dict(v), "document": document_to_dict(doc)}


def version_show_text(v: StoredVersion, doc: Document) -> str:
    dated = f" ({v.date})" if v.date else ""
    head = f"version {v.label}{dated}, stored {v.added_at}, sha256 {v.sha256[:12]}\n"
    return head + outline(doc)
