"""Read the model back from its JSON form (the versions store keeps it so)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from redline import kinds
from redline.errors import ReadError
from redline.instructions import parse_instruction
from redline.model import (
    DOCUMENT_SCHEMA,
    Amendment,
    Block,
    Cell,
    Document,
    FooterRow,
    Heading,
    Instruction,
    Mark,
    Note,
    Notice,
    Paragraph,
    Picture,
    Row,
    Run,
    Section,
    Table,
    Target,
)

JSON = dict[str, Any]


def _runs(encoded: list[list[str | None]] | None, text: str) -> tuple[Run, ...]:
    if encoded is None:
        return (Run(text),) if text else ()
    return tuple(Run(str(t), cast("Mark | None", m)) for t, m in encoded)


def _cells(data: JSON) -> tuple[Cell, ...]:
    runs = data.get("cell_runs", {})
    return tuple(Cell(t, _runs(runs.get(str(i)), t)) for i, t in enumerate(data["cells"]))


def table_from_dict(d: JSON) -> Table:
    return Table(
        number=d["number"],
        title=d["title"],
        columns=tuple(d["columns"]),
        header_rows=tuple(_cells(h) for h in d["header_rows"]),
        rows=tuple(Row(_cells(r), r["key"], r["name"]) for r in d["rows"]),
        footer=tuple(
            FooterRow(
                f["row"],
                tuple(f["figures"]),
                _cells(f),
                tuple(f["old_figures"]) if "old_figures" in f else None,
            )
            for f in d["footer"]
        ),
        kind=kinds.spec(d["kind"]).name,  # an unknown kind raises: never read as another
        key_column=d["key_column"],
        name_column=d["name_column"],
        value_columns=tuple(d["value_columns"]),
        role=d["role"],
    )


def block_from_dict(d: JSON) -> Block | Heading:
    if d["type"] == "table":
        return table_from_dict(d)
    if d["type"] == "heading":
        return Heading(d["number"], d["title"], d["level"], _runs(d.get("runs"), d["title"]))
    notes = tuple(Note(n["kind"], n["text"], _runs(n.get("runs"), n["text"])) for n in d.get("notes", ()))
    pictures = tuple(Picture(p["kind"], p["digest"], p["name"]) for p in d.get("pictures", ()))
    return Paragraph(d["text"], _runs(d.get("runs"), d["text"]), d["list_level"], d.get("style"), notes, pictures,
                     label=d.get("label", ""))


def _notices(d: JSON) -> tuple[Notice, ...]:
    """The records when the JSON has them; else the one-line warnings of an older file."""
    if "warning_records" in d:
        return tuple(Notice(w["level"], w["source"], w["place"], w["message"]) for w in d["warning_records"])
    return tuple(Notice("warning", d["source"], "", w) for w in d.get("warnings", []))


def _block(d: JSON) -> Block:
    b = block_from_dict(d)
    assert not isinstance(b, Heading)
    return b


def _instruction(a: JSON) -> Instruction:
    """The amendment's instruction as data: its wording read by the grammar, the
    stored target kept (a full copy's sections have no wording)."""
    target = Target(a["target"]["kind"], a["target"]["number"])
    found = parse_instruction(a["instruction"]) if a["instruction"] else None
    if found is None:
        return Instruction("amend", target)
    return replace(found, target=target)


def document_from_dict(d: JSON) -> Document:
    sections = tuple(
        Section(
            s["number"],
            s["title"],
            s["level"],
            tuple(_block(b) for b in s["blocks"]),
            _runs(s.get("title_runs"), s["title"]),
        )
        for s in d["sections"]
    )
    amendments = tuple(
        Amendment(
            a["instruction"],
            _instruction(a),
            tuple(block_from_dict(b) for b in a["blocks"]),
            a["old_text"],
            a["new_text"],
            tuple(a["inserted"]),
            tuple(a["deleted"]),
            a.get("document"),
        )
        for a in d.get("amendments", [])
    )
    return Document(
        source=d["source"],
        sha256=d["sha256"],
        title=d["title"],
        sections=sections,
        sec_version=d.get("sec_version"),
        front=tuple(_block(b) for b in d.get("front", [])),
        amendments=amendments,
        drafted_against=d.get("drafted_against"),
        warnings=_notices(d),
        document=d.get("document"),
        document_title=d.get("document_title") or "",
    )


def read_model(path: Path, data: bytes) -> Document:
    """A model saved by ``redline parse --json`` (``data``: the file's bytes),
    refusing JSON that is not one, or one of another schema."""
    try:
        loaded = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ReadError(str(path), f"not a DOCX, PDF or redline model JSON: {exc}") from None
    if not isinstance(loaded, dict) or loaded.get("schema") != DOCUMENT_SCHEMA:
        raise ReadError(str(path), f"JSON that is not a redline model (schema {DOCUMENT_SCHEMA})")
    try:
        return document_from_dict(loaded)
    except KeyError as exc:
        raise ReadError(str(path), f"damaged redline model JSON: missing {exc}") from None
    except (TypeError, ValueError) as exc:
        raise ReadError(str(path), f"damaged redline model JSON: {exc}") from None
