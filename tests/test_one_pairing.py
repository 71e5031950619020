"""One rule per pairing (issue 18 item 2): the annex, the diff and log read
the alignment made by redline/diff/match.py (columns, footer rows, titles,
a section's tables), never pair on their own. Each test is named after what
broke before the annex and log read it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import redline
from fixtures.edit_cells import delete_column, insert_column
from redline.annex.plan import AnnexPlan, plan_annex, section_item
from redline.diff.match import align, pair_footer
from redline.diff.records import TableChange
from redline.model import Document, FooterRow, Section, Table
from redline.versions.history import section_history
from tests.conftest import V619


def _with_ecv9(tmp_path: Path) -> tuple[Document, Document]:
    old = redline.read(V619)
    index = [t.number for t in old.tables()].index("8.1.10")
    footer = {"Count of N/A": "20", "Count of Mandatory": "0", "Count of Mandatory SMETS 2": "0"}
    texts = {"": "ECV9", "SR": "ECV9", **footer}
    path = insert_column(V619, tmp_path / "6.19-ecv9.docx", index, 12, texts, "N/A")
    return old, redline.read(path)


def _diff_and_annex(old: Document, new: Document) -> tuple[TableChange, AnnexPlan, Table]:
    """The diff's record of Table 8.1.10, the annex plan, and the table the annex shows."""
    result = redline.diff(old, new)
    (change,) = [t for t in result.tables if t.table == "8.1.10"]
    plan = plan_annex(old, new, result)
    (item,) = [i for i in plan.items if i.target.number == "8.1.10"]
    (shown,) = [b for b in item.blocks if isinstance(b, Table)]
    return change, plan, shown


def test_annex_of_an_inserted_column_inserts_its_cells_not_every_shifted_cell(tmp_path: Path) -> None:
    old, new = _with_ecv9(tmp_path)
    table = new.table("8.1.10")
    assert table is not None and table.columns[13] == "ECV9"
    change, plan, shown = _diff_and_annex(old, new)
    assert change.columns_added == ("ECV9",) and change.cells_changed == ()
    struck = [r.text for row in shown.rows for c in row.cells for r in c.runs if r.mark == "delete"]
    assert struck == []  # before: every value after ECV8 struck and retyped one place on
    inserted = {(k, r.text) for row in shown.rows for k, c in enumerate(row.cells) for r in c.runs if r.mark}
    assert inserted == {(13, "N/A")}
    assert [r.text for c in shown.header_rows[-1] for r in c.runs if r.mark] == ["ECV9"]
    na = next(f for f in shown.footer if f.label == "Count of N/A")
    marked = [(r.text, r.mark) for c in na.cells for r in c.runs if r.mark]
    assert marked == [("20", "insert")]  # the new column's figure; NCV's 14 stays unmarked
    (summary,) = [s for s in plan.tables if s.number == "8.1.10"]
    assert summary.cells_changed == 0


def test_annex_of_a_deleted_column_strikes_it_instead_of_leaving_it_out(tmp_path: Path) -> None:
    """With the diff's column pairs and no place for a removed column, the
    annex had no item at all for Table 8.1.10 with ECV8 deleted (diff: 1
    column removed); before the pairs, it struck every shifted value."""
    old = redline.read(V619)
    index = [t.number for t in old.tables()].index("8.1.10")
    new = redline.read(delete_column(V619, tmp_path / "6.19-no-ecv8.docx", index, 12))
    table = new.table("8.1.10")
    assert table is not None and "ECV8" not in table.columns
    change, _, shown = _diff_and_annex(old, new)
    assert change.columns_removed == ("ECV8",) and change.cells_changed == ()
    assert shown.columns[12] == "ECV8" and shown.columns[13] == "NCV"
    assert [(r.text, r.mark) for c in shown.header_rows[-1] for r in c.runs if r.mark] == [("ECV8", "delete")]
    marks = {(k, r.text, r.mark) for row in shown.rows for k, c in enumerate(row.cells) for r in c.runs if r.mark}
    assert marks == {(12, "N/A", "delete")}  # every row's ECV8 cell struck; nothing else marked
    assert len(shown.rows) == len(old.table("8.1.10").rows)  # type: ignore[union-attr]
    na = next(f for f in shown.footer if f.label == "Count of N/A")
    assert [(r.text, r.mark) for c in na.cells for r in c.runs if r.mark] == [("20", "delete")]
    assert [c.text for c in na.cells][-3:] == ["", "14", ""]  # NCV's 14 under NCV, the role column blank
    assert (shown.key_column, shown.name_column, shown.value_columns[-1]) == (1, 2, 13)


def test_footer_rows_pair_by_their_key_whatever_the_spacing() -> None:
    table = redline.read(V619).table("8.1.10")
    assert table is not None
    wrapped = replace(
        table,
        footer=tuple(FooterRow(f.label.replace("SMETS 2", "SMETS\n2"), f.figures, f.cells) for f in table.footer),
    )
    assert pair_footer(table, wrapped) == tuple((k, k) for k in range(len(table.footer)))
    assert pair_footer(table, replace(table, footer=table.footer[::-1])) == ((3, 0), (2, 1), (1, 2), (0, 3))


def test_annex_does_not_call_a_title_retitled_when_only_its_spacing_changed() -> None:
    doc = redline.read(V619)
    section = next(s for s in doc.sections if s.tables() == () and len(s.title.split()) > 1)
    spaced = replace(section, title=section.title.replace(" ", "  ", 1))
    assert section_item(section, spaced) is None  # before: "Amend Section" for a double space
    assert section_item(section, replace(section, title=section.title + " X")) is not None


def test_log_follows_a_table_into_another_section_as_the_diff_pairs_it() -> None:
    """Before, log paired a section's tables on their own: a table moved into
    the section from elsewhere read as "added" although the diff pairs it
    with its old self."""
    doc = redline.read(V619)
    host = doc.section("8.1.10")
    donor = doc.section("8.1.9")
    assert host is not None and donor is not None and donor.tables()
    moved = donor.tables()[0]
    keep = tuple(b for b in donor.blocks if b is not moved)

    def rebuilt(s: Section) -> Section:
        if s is donor:
            return replace(s, blocks=keep)
        if s is host:
            return replace(s, blocks=(*s.blocks, moved))
        return s

    later = replace(doc, sections=tuple(rebuilt(s) for s in doc.sections))
    alignment = align(doc.sections, later.sections, doc.tables(), later.tables())
    new_at = [t.number for t in later.tables()].index(moved.number)
    pair = alignment.table_of_new(new_at)
    assert pair is not None and pair.old is not None  # the diff pairs the moved table with itself
    history = section_history([("6.19", doc), ("next", later)], "8.1.10")
    details = [d for e in history.events for d in e.details]
    assert not any(d.startswith("added table") for d in details), details


def test_annex_check_of_a_column_inserted_or_deleted_finds_no_false_total(tmp_path: Path) -> None:
    """Before: the annex-only check summed a row's figures as its total when a
    column's figure was struck or inserted ("add up to 40" for Total Tests 20)."""
    from redline.annex.check import check_annex

    old = redline.read(V619)
    index = [t.number for t in old.tables()].index("8.1.10")
    _, with_ecv9 = _with_ecv9(tmp_path)
    without_ecv8 = redline.read(delete_column(V619, tmp_path / "6.19-no-ecv8.docx", index, 12))
    for name, new in (("ins", with_ecv9), ("del", without_ecv8)):
        path = redline.write_annex(plan_annex(old, new), tmp_path / f"annex-{name}.docx", author="T")
        annex = redline.read(path)
        assert annex.amendments, name
        assert check_annex(annex) == [], name
