"""The diff of the committed SEC 6.18 and 6.19 fixtures reports every planted
change of fixtures/CHANGES.md with the right kind, and nothing else.

The expected items are written out here by hand from the fixture brief and
the fixture builder (S1–S6 sections, T1–T6 DUIS tables, A1–A2 device alerts,
D1–D3 DCC alerts, E1–E3 footer errors of 6.18 fixed in 6.19), not taken from
the diff's own output. Skips until the fixtures and the DOCX reader are on
main; the PDF pairs skip until the PDF reader is.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from functools import cache

import pytest

from redline.diff import diff
from redline.diff.records import DiffResult
from redline.diff.words import changed
from redline.model import Document
from tests.conftest import FIXTURES

OLD, NEW = "appendix-r-v6.18", "appendix-r-v6.19"


def _have(fmt: str) -> bool:
    files = [FIXTURES / f"{OLD}.{fmt}", FIXTURES / f"{NEW}.{fmt}"]
    return all(f.exists() for f in files) and importlib.util.find_spec(f"redline.readers.{fmt}") is not None


@cache
def _read(name: str) -> Document:
    from redline.readers import read

    return read(FIXTURES / name)


PAIRS = [
    pytest.param(("docx", "docx"), marks=pytest.mark.skipif(not _have("docx"), reason="DOCX fixtures/reader")),
    pytest.param(("docx", "pdf"), marks=pytest.mark.skipif(not (_have("docx") and _have("pdf")), reason="PDF")),
    pytest.param(("pdf", "pdf"), marks=pytest.mark.skipif(not _have("pdf"), reason="PDF fixtures/reader")),
]


@pytest.fixture(params=PAIRS, ids=lambda p: "-".join(p))
def result(request: pytest.FixtureRequest) -> DiffResult:
    old_fmt, new_fmt = request.param
    return diff(_read(f"{OLD}.{old_fmt}"), _read(f"{NEW}.{new_fmt}"))


EXPECTED_SECTIONS = {
    ("modified", "1.1", "1.1"),  # S1
    ("modified", "1.2", "1.2"),  # S2
    ("retitled", "5.4", "5.4"),  # S3
    ("added", None, "7.2"),  # S4
    ("renumbered", "7.2", "7.3"),  # S4
    ("renumbered", "7.3", "7.4"),  # S4
    ("removed", "6.3", None),  # S5
    ("modified", "8.1.4", "8.1.4"),  # S6
}

T1 = ("4.1.1", "4.1.2", "4.1.3", "4.2", "6.2.1")
EXPECTED_TABLE_ITEMS = {
    # T1 ED: five CV cells Mandatory -> Mandatory SMETS 2
    *{("cell", "8.1.8", key, "CV", "Mandatory", "Mandatory SMETS 2") for key in T1},
    # T2 RSA: two rows with the same new key
    ("added", "8.1.10", "8.14.3", "Communications Hub Status Update- Fault Return"),
    ("added", "8.1.10", "8.14.3", "Communications Hub Status Update- No Fault Returned"),
    # T3 GS: renamed, cells kept
    ("renamed", "8.1.7", "6.24.1", "Retrieve Device Security Credentials (KRP and Supplier)"),
    # T4 OU: one row removed
    ("removed", "8.1.11", "8.9"),
    # T5 GT: 11.2 moved to just after 6.2.4
    ("moved", "8.1.9", "11.2"),
    # T6 IS: 6.2.4 ECV2 N/A -> Mandatory
    ("cell", "8.1.5", "6.2.4", "ECV2", "N/A", "Mandatory"),
    # A1, A2 device alerts
    ("added", "8.1.13", "0x8F66", "Future – date HAN Interface Command Successfully Actioned"),
    ("cell", "8.1.16", "0x8F40", "Test Scenario", "Mandatory SMETS2+", "Mandatory SMETS1"),
    # D1–D3 DCC alerts
    ("added", "8.1.19", "N55", "SMETS1 Service Provider Alert"),
    ("added", "8.1.19", "N56", "SMETS1 Service Provider Provision of prepayment top-up UTRN"),
    ("cell", "8.1.20", "N27", "Test Scenario", "Mandatory", "Mandatory SMETS2+"),
    ("renamed", "8.1.22", "N16", "Device Identity Confirmation Alert"),
}


def _table_items(result: DiffResult) -> Iterator[tuple[str, ...]]:
    for t in result.tables:
        assert t.change == "modified", (t.table, t.change)
        yield from (("added", t.table, r.key, r.name) for r in t.rows_added)
        yield from (("removed", t.table, r.key) for r in t.rows_removed)
        yield from (("renamed", t.table, r.key, r.name) for r in t.rows_renamed)
        yield from (("moved", t.table, r.key) for r in t.rows_moved)
        yield from (("cell", t.table, c.key, c.column, c.old, c.new) for c in t.cells_changed)


def test_changes_md_lists_the_planted_changes_asserted_here() -> None:
    changes = FIXTURES / "CHANGES.md"
    if not changes.exists():
        pytest.skip("fixtures/CHANGES.md not on main yet")
    text = changes.read_text(encoding="utf-8")
    for ident in ("S1", "S2", "S3", "S4", "S5", "S6", "T1", "T2", "T3", "T4", "T5", "T6",
                  "A1", "A2", "D1", "D2", "D3", "E1", "E2", "E3"):
        assert ident in text, ident


def test_every_planted_section_change_and_nothing_else(result: DiffResult) -> None:
    found = {(s.change, s.old_number, s.new_number) for s in result.sections}
    assert found == EXPECTED_SECTIONS
    assert len(result.sections) == len(EXPECTED_SECTIONS)


def test_section_change_details(result: DiffResult) -> None:
    by = {(s.old_number, s.new_number): s for s in result.sections}
    s1 = by[("1.1", "1.1")]
    assert [(p.change, [(e.op, e.text.strip()) for e in changed(p.edits)]) for p in s1.paragraphs] == [
        ("modified", [("insert", "or the November 2019 SEC Release")])
    ]
    s2 = by[("1.2", "1.2")]
    assert [(p.change, p.list_level) for p in s2.paragraphs] == [("modified", 0), ("added", 0)]
    assert s2.paragraphs[1].new == (
        "For an existing User seeking to access November 2019 SEC Release functionality (Additive UEPT); and")
    s3 = by[("5.4", "5.4")]
    assert s3.retitled and s3.text_changed
    assert s3.new_title == "Completing Additive UEPT for Release 2.0 or November 2019 SEC Release"
    assert [p.change for p in s3.paragraphs] == ["modified", "modified"]
    for moved in (("7.2", "7.3"), ("7.3", "7.4")):
        assert by[moved].paragraphs == () and not by[moved].retitled
    assert [p.change for p in by[("8.1.4", "8.1.4")].paragraphs] == ["modified", "modified"]


def test_every_planted_table_change_and_nothing_else(result: DiffResult) -> None:
    found = list(_table_items(result))
    assert set(found) == EXPECTED_TABLE_ITEMS
    assert len(found) == len(EXPECTED_TABLE_ITEMS)


def test_footer_errors_of_6_18_are_fixed_in_6_19(result: DiffResult) -> None:
    tables = {t.table: t for t in result.tables}
    rsa = tables["8.1.10"]
    assert [(m.row, m.column, m.stated - m.computed) for m in rsa.check_old] == [
        ("Count of Mandatory", "Total", 4), ("Total Tests", "Total", 5)]  # E1, E2
    ed = tables["8.1.8"]
    assert [(m.row, m.column, m.stated - m.computed) for m in ed.check_old] == [("Count of N/A", "ECV3", 1)]  # E3
    for t in result.tables:
        assert t.check_new == (), t.table
        if t.table not in ("8.1.8", "8.1.10"):
            assert t.check_old == (), t.table
    assert [(c.row, c.column) for c in ed.stated if (c.row, c.column) not in {(x.row, x.column) for x in ed.counts}] \
        == [("Count of N/A", "ECV3")]


def test_counts_follow_the_row_changes(result: DiffResult) -> None:
    tables = {t.table: t for t in result.tables}
    rsa = {(c.row, c.column): (c.old, c.new) for c in tables["8.1.10"].counts}
    old_total, new_total = rsa[("Total Tests", "Total")]
    assert new_total is not None and old_total is not None and new_total - old_total == 2
    ed = {(c.row, c.column): (c.old, c.new) for c in tables["8.1.8"].counts}
    m_old, m_new = ed[("Count of Mandatory", "CV")]
    s_old, s_new = ed[("Count of Mandatory SMETS 2", "CV")]
    assert (m_old - m_new, s_new - s_old) == (5, 5)  # type: ignore[operator]
    assert ("Total Tests", "Total") not in ed  # Mandatory -> Mandatory SMETS 2 keeps the total
    assert tables["8.1.7"].counts == () and tables["8.1.9"].counts == ()  # a rename and a move count nothing


def test_role_summary(result: DiffResult) -> None:
    roles = {r.role: r for r in result.roles}
    assert [(v.key, v.column) for v in roles["IS"].became_mandatory] == [("6.2.4", "ECV2")]
    assert {v.key for v in roles["ED"].other_values} >= set(T1)
    assert roles["RSA"].total_tests_change == 2
    assert [v.key for v in roles["OU"].rows_removed] == ["8.9"]
    assert not roles["ES"].has_changes
    assert all(not r.stopped_mandatory for r in result.roles)


def test_broken_cross_references(result: DiffResult) -> None:
    found = [(p.problem, p.text, p.section, p.suggested) for p in result.references]
    assert found == [("stale", "Section 7.3", "3.1", "7.4"), ("missing", "clause 6.3", "4.2", None)]


def test_typed_and_automatic_numbering_diff_to_nothing() -> None:
    if not _have("docx") or not (FIXTURES / f"{OLD}-typed.docx").exists():
        pytest.skip("DOCX fixtures/reader")
    assert diff(_read(f"{OLD}.docx"), _read(f"{OLD}-typed.docx")).is_empty


def _changes_md_counts() -> set[tuple[str, str, str, int | None, int, int]]:
    """The "Footer figures that change" table of fixtures/CHANGES.md."""
    text = (FIXTURES / "CHANGES.md").read_text(encoding="utf-8")
    part = text.split("## Footer figures that change", 1)[1].split("\n## ", 1)[0]
    out = set()
    for line in part.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5 or not cells[0][:1].isdigit():
            continue
        table, row, column, old, new = cells
        name, index = column.rsplit(" (", 1)
        col = None if index.rstrip(")") == "null" else int(index.rstrip(")"))
        out.add((table, row, name, col, int(old), int(new)))
    return out


def test_footer_figures_that_change_are_those_of_changes_md(result: DiffResult) -> None:
    if not (FIXTURES / "CHANGES.md").exists():
        pytest.skip("fixtures/CHANGES.md not on main yet")
    expected = _changes_md_counts()
    assert len(expected) == 40
    found = {(t.table, c.row, c.column, c.column_index, c.old, c.new) for t in result.tables for c in t.counts}
    assert found == expected


def test_the_reverse_diff_mirrors_the_forward_one() -> None:
    if not _have("docx"):
        pytest.skip("DOCX fixtures/reader")
    forward = diff(_read(f"{OLD}.docx"), _read(f"{NEW}.docx"))
    backward = diff(_read(f"{NEW}.docx"), _read(f"{OLD}.docx"))
    flip = {"added": "removed", "removed": "added"}
    assert {(flip.get(s.change, s.change), s.new_number, s.old_number) for s in backward.sections} == {
        (s.change, s.old_number, s.new_number) for s in forward.sections}
    assert {(t.table, c.row, c.column, c.new, c.old) for t in backward.tables for c in t.counts} == {
        (t.table, c.row, c.column, c.old, c.new) for t in forward.tables for c in t.counts}
