"""A table kind is one declaration (redline/kinds.py): a test adds toy kinds
the way docs/kinds.md says, one entry in ``KINDS``, and finds them read,
checked, stored and laid out with no other change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import redline
from redline import kinds
from redline.checks import check_table
from redline.errors import ReadError
from redline.readers.json import table_from_dict
from redline.tables import build_table
from redline.writers.json import table_to_dict
from redline.writers.layout import rotated_columns
from tests.docx_builder import heading, row, table, write_docx

# A glossary shaped as the SEC's Section A prints its definitions (two columns,
# term | meaning, no header row, keyed by the term) but worded "denotes …", which
# the built-in definitions kind does not read: only the toy entry can.
_MEANING = re.compile(r"(?i)(denotes|is the)\b")


def _glossary_cells(rows: list[tuple[str, ...]], width: int) -> kinds.Columns | None:
    if width != 2 or not rows or not all(_MEANING.match(r[1]) for r in rows if len(r) > 1):
        return None
    return kinds.Columns(key=0, name=None)


GLOSSARY = kinds.KindSpec(name="glossary", header_row=False, from_cells=_glossary_cells)

# A header-ed kind with its own vocabulary and counted values.
PASS_FAIL = kinds.KindSpec(
    name="outcome",
    key=re.compile(r"TC-\d+"),
    header_words=("case id",),
    from_header=kinds.keyed_by("case id", name="description", values="outcome"),
    values=frozenset({"pass", "fail", "n/a"}),
    counted=frozenset({"pass", "fail"}),
    rotated=lambda t: frozenset({t.value_columns[0]}) if t.value_columns else frozenset(),
)


@pytest.fixture
def toy_kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kinds, "KINDS", (*kinds.KINDS, GLOSSARY, PASS_FAIL))


def _glossary_docx(path: Path) -> Path:
    return write_docx(
        path,
        [
            heading("1 Definitions", 1),
            table(
                [
                    row(["Alt HAN Forum", "denotes the forum established under Section Z."]),
                    row(["Appendix R", "is the appendix named in Section H."]),
                    row(["DCC", "denotes the Data and Communications Company."]),
                ],
                2,
            ),
        ],
    )


def test_a_toy_headerless_kind_added_as_one_entry_is_read_from_a_docx(toy_kinds: None, tmp_path: Path) -> None:
    doc = redline.read(_glossary_docx(tmp_path / "glossary.docx"))
    (t,) = doc.tables()
    assert t.kind == "glossary"
    assert t.header_rows == ()  # the first definition is data, not a header row
    assert [r.key for r in t.rows] == ["Alt HAN Forum", "Appendix R", "DCC"]
    assert t.role is None


def test_without_the_entry_the_glossary_first_row_is_taken_for_a_header(tmp_path: Path) -> None:
    (t,) = redline.read(_glossary_docx(tmp_path / "glossary.docx")).tables()
    assert t.kind == "other"
    assert t.columns[0] == "Alt HAN Forum"


def test_glossary_definitions_pair_by_term_in_the_diff(toy_kinds: None, tmp_path: Path) -> None:
    old = redline.read(_glossary_docx(tmp_path / "old.docx"))
    new_path = write_docx(
        tmp_path / "new.docx",
        [
            heading("1 Definitions", 1),
            table(
                [
                    row(["Alt HAN Forum", "denotes the forum established under Section Z."]),
                    row(["Appendix Q", "is the appendix named in Section H."]),
                    row(["Appendix R", "is the appendix named in Section H."]),
                    row(["DCC", "denotes the Data and Communications Company Limited."]),
                ],
                2,
            ),
        ],
    )
    result = redline.diff(old, redline.read(new_path))
    (t,) = result.tables
    assert [r.key for r in t.rows_added] == ["Appendix Q"]
    assert [(c.key, c.new) for c in t.cells_changed] == [
        ("DCC", "denotes the Data and Communications Company Limited.")
    ]


def _outcome_table() -> list[object]:
    from redline.tables import RawCell, RawRow, plain_cell

    def r(*texts: str, header: bool = False) -> RawRow:
        return RawRow(tuple(RawCell(plain_cell(t)) for t in texts), is_header=header)

    return [
        r("Case ID", "Description", "Outcome", header=True),
        r("TC-1", "Login", "Pass"),
        r("TC-2", "Logout", "Fail"),
        r("TC-3", "Reset", "Pass"),
        r("TC-4", "Export", "Passed"),
        r("Count of Pass", "3"),
        r("Total Tests", "3"),
    ]


def test_a_toy_kind_brings_its_vocabulary_and_layout(toy_kinds: None) -> None:
    t = build_table("2.1", "Outcomes", _outcome_table())  # type: ignore[arg-type]
    assert (t.kind, t.key_column, t.name_column, t.value_columns) == ("outcome", 0, 1, (2,))
    result = check_table(t)
    # "Passed" is not in the kind's vocabulary: named, not counted.
    assert [u.value for u in result.unknown_values] == ["Passed"]
    assert [(m.row, m.stated, m.computed) for m in result.mismatches] == [
        ("Count of Pass", 3, 2),
        ("Total Tests", 3, 2),
    ]
    assert rotated_columns(t) == frozenset({2})


def test_a_stored_table_keeps_its_kind_and_an_unknown_kind_is_refused(toy_kinds: None) -> None:
    t = build_table("2.1", "Outcomes", _outcome_table())  # type: ignore[arg-type]
    assert table_from_dict(table_to_dict(t)) == t
    with pytest.raises(ValueError, match="unknown table kind 'outcomes'"):
        table_from_dict({**table_to_dict(t), "kind": "outcomes"})


def test_an_unknown_kind_in_a_model_json_is_one_line_naming_the_file(tmp_path: Path) -> None:
    doc = redline.read(Path(__file__).resolve().parents[1] / "fixtures" / "appendix-r-v6.19.docx")
    from redline.writers.json import document_to_dict, dumps

    data = document_to_dict(doc)
    first = next(b for s in data["sections"] for b in s["blocks"] if b["type"] == "table")
    first["kind"] = "dius"
    path = tmp_path / "model.json"
    path.write_text(dumps(data), encoding="utf-8")
    with pytest.raises(ReadError, match="unknown table kind 'dius'"):
        redline.read(path)


def test_the_shipped_kinds_are_the_only_ones_the_checks_know() -> None:
    assert kinds.names() == ("duis", "device_alert", "dcc_alert", "definitions", "other")
    assert kinds.spec("other").values == frozenset()
    with pytest.raises(ValueError):
        kinds.spec("glossary")
    # each shipped matrix kind's value vocabulary is the test scenario values; definitions have none
    assert {k.values for k in kinds.KINDS if k.header_row} == {kinds.TEST_SCENARIO_VALUES}
    assert kinds.DEFINITIONS.values == frozenset()
