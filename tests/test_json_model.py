"""The model survives JSON exactly (the versions store relies on it)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from redline.model import Heading, Paragraph, Run
from redline.readers.json import document_from_dict
from redline.structure import TableDraft, assemble
from redline.tables import RawCell, RawRow, plain_cell
from redline.writers.json import DOCUMENT_SCHEMA, document_to_dict

words = st.sampled_from(["Mandatory", "SMETS 2", "N/A", "Update Inventory", "8.14.3", "  ", "\t", "Fault Return"])
marks = st.sampled_from([None, "insert", "delete"])
runs = st.lists(st.tuples(words, marks), min_size=1, max_size=4).map(
    lambda xs: tuple(Run(t, m) for t, m in xs)  # type: ignore[arg-type]
)


@given(st.lists(runs, min_size=1, max_size=6), st.lists(st.lists(words, min_size=4, max_size=4), max_size=5))
def test_round_trip(paragraph_runs: list[tuple[Run, ...]], rows: list[list[str]]) -> None:
    stream: list[Heading | Paragraph | TableDraft] = [Heading("8.1.19", "DCC Alert Tests – IS", 3)]
    for r in paragraph_runs:
        text = " ".join("".join(x.text for x in r if x.mark != "delete").split())
        stream.append(Paragraph(text, r, list_level=None))
    header = RawRow(tuple(RawCell(plain_cell(t)) for t in ["Reference", "Name", "Test Scenario", "Role"]), True)
    stream.append(TableDraft([header, *(RawRow(tuple(RawCell(plain_cell(t)) for t in row)) for row in rows)]))
    doc = assemble("a.docx", "f" * 64, stream)
    data = json.loads(json.dumps(document_to_dict(doc)))
    assert data["schema"] == DOCUMENT_SCHEMA
    assert document_from_dict(data) == doc
