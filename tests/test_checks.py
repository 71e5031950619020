"""Footer-count rules of domain.md on hand-built tables.

The RSA table is MP089's: 18 rows; CV has 9 Mandatory, 5 Mandatory SMETS 2,
4 N/A; NCV has 3 Mandatory, 1 Mandatory SMETS 2; SEC 6.18 stated the
Mandatory total as 16 and Total Tests as 23 (the rows give 12 and 18).
"""

from __future__ import annotations

from redline.checks import check, check_table, computed_footer
from redline.model import Document, Section
from redline.tables import RawCell, RawRow, build_table, plain_cell

VALUES = ["CV", "ECV1", "ECV2", "ECV3", "ECV4", "ECV5", "ECV6", "ECV7", "ECV8", "NCV"]
HEADER = ["SR", "SR Variant", "Service Request Name", "Critical", *VALUES, "User Role"]


def _row(texts: list[str], header: bool = False) -> RawRow:
    return RawRow(tuple(RawCell(plain_cell(t)) for t in texts), is_header=header)


def _footer(label: str, figures: list[int], total: int | None) -> RawRow:
    cells = [RawCell(plain_cell(label), span=4)]
    cells += [RawCell(plain_cell(str(f))) for f in figures]
    cells.append(RawCell(plain_cell("" if total is None else str(total))))
    return RawRow(tuple(cells))


def rsa_rows() -> list[RawRow]:
    rows = []
    cv = ["Mandatory"] * 9 + ["Mandatory SMETS 2"] * 5 + ["N/A"] * 4
    ncv = ["Mandatory"] * 3 + ["Mandatory SMETS 2"] + ["N/A"] * 14
    ncv = ncv[4:] + ncv[:4]  # spread them over the table
    for i in range(18):
        values = [cv[i]] + ["N/A"] * 8 + [ncv[i]]
        rows.append(_row([f"{i + 1}.1", f"{i + 1}.1.{i}", f"Service Request {i}", "N", *values, "RSA"]))
    return rows


def rsa_table(mandatory_total: int, total_tests: int, na_cv: int = 4) -> list[RawRow]:
    return [
        _row(HEADER, header=True),
        *rsa_rows(),
        _footer("Count of N/A", [na_cv] + [18] * 8 + [14], None),
        _footer("Count of Mandatory", [9] + [0] * 8 + [3], mandatory_total),
        _footer("Count of Mandatory SMETS 2", [5] + [0] * 8 + [1], 6),
        RawRow((RawCell(plain_cell("Total Tests"), span=14), RawCell(plain_cell(str(total_tests))))),
    ]


def test_mp089_rsa_totals_are_reported_as_stated_against_computed() -> None:
    table = build_table("8.1.10", "DUIS Matrix – RSA", rsa_table(16, 23))
    result = check_table(table)
    found = [(m.row, m.column, m.column_index, m.stated, m.computed) for m in result.mismatches]
    assert found == [
        ("Count of Mandatory", "Total", None, 16, 12),
        ("Total Tests", "Total", None, 23, 18),
    ]


def test_correct_footer_has_no_mismatch() -> None:
    table = build_table("8.1.10", "DUIS Matrix – RSA", rsa_table(12, 18))
    assert check_table(table).ok


def test_column_figure_mismatch_names_its_column() -> None:
    table = build_table("8.1.10", "DUIS Matrix – RSA", rsa_table(12, 18, na_cv=5))
    [m] = check_table(table).mismatches
    assert (m.row, m.column, m.column_index, m.stated, m.computed) == ("Count of N/A", "CV", 4, 5, 4)


def test_computed_footer_gives_totals_and_total_tests() -> None:
    table = build_table("8.1.10", "DUIS Matrix – RSA", rsa_table(16, 23))
    by_label = {c.label: c for c in computed_footer(table)}
    assert by_label["Count of N/A"].total == 162
    assert by_label["Count of Mandatory"].columns == (9, 0, 0, 0, 0, 0, 0, 0, 0, 3)
    assert by_label["Count of Mandatory SMETS 2"].total == 6
    assert by_label["Total Tests"].total == 18


def test_wrapped_value_text_counts_as_the_same_value() -> None:
    rows = rsa_table(12, 18)
    # "Mandatory" / "SMETS 2" in two paragraphs reads as "Mandatory SMETS 2"
    first_smets = 9 + 1  # header + 9 Mandatory rows
    cells = list(rows[first_smets].cells)
    cells[4] = RawCell(plain_cell("Mandatory\nSMETS  2"))
    rows[first_smets] = RawRow(tuple(cells))
    assert check_table(build_table("8.1.10", "DUIS Matrix – RSA", rows)).ok


def test_wrong_number_of_figures_is_a_problem_not_a_crash() -> None:
    rows = rsa_table(12, 18)
    rows[-3] = RawRow((RawCell(plain_cell("Count of Mandatory"), span=4), RawCell(plain_cell("9 3"))))
    result = check_table(build_table("8.1.10", "DUIS Matrix – RSA", rows))
    assert result.problems == ("Count of Mandatory: 2 figures for 10 value columns",)
    assert not result.ok


def test_document_without_footers_has_nothing_to_check() -> None:
    doc = Document("x.docx", "0" * 64, "Appendix R", (Section("1", "Introduction", 1),))
    result = check(doc)
    assert result.tables == () and result.ok


def test_a_misspelt_value_is_pointed_at_not_only_the_footer_it_upsets() -> None:
    """A drafter typed "Madnatory" in row 1.1.0 (and "Mandatory SMETS2", which is
    only spacing): the Mandatory count is one short, and the note names the cell."""
    raw = rsa_table(12, 18)
    first = raw[1]
    cells = list(first.cells)
    cells[4] = RawCell(plain_cell("Madnatory"))  # was Mandatory
    raw[1] = RawRow(tuple(cells))
    table = build_table("8.1.10", "DUIS Matrix – RSA", raw)
    result = check_table(table)
    assert [(m.row, m.column, m.stated, m.computed) for m in result.mismatches] == [
        ("Count of Mandatory", "CV", 9, 8),
        ("Count of Mandatory", "Total", 12, 11),
        ("Total Tests", "Total", 18, 17),
    ]
    found = [(u.key, u.column, u.column_index, u.value) for u in result.unknown_values]
    assert found == [("1.1.0", "CV", 4, "Madnatory")]
    spaced_raw = rsa_table(12, 18)
    cells = list(spaced_raw[10].cells)
    assert cells[4].cell.text == "Mandatory SMETS 2"
    cells[4] = RawCell(plain_cell("Mandatory\nSMETS2"))
    spaced_raw[10] = RawRow(tuple(cells))
    spaced = check_table(build_table("8.1.10", "DUIS Matrix – RSA", spaced_raw))
    assert spaced.ok and spaced.unknown_values == ()


def test_kept_tallies_are_each_tables_own_even_when_an_id_is_reused() -> None:
    """value_tallies keeps recent tables' tallies by id: a table freed and a new
    one built (CPython often gives it the old id) must be counted afresh."""
    from redline.checks import value_tallies

    for na_cv in range(4, 12):  # each table is dropped before the next is built
        raw = rsa_table(12, 18)
        for k in range(1, 1 + na_cv - 4):  # turn Mandatory cells of CV into N/A
            cells = list(raw[k].cells)
            cells[4] = RawCell(plain_cell("N/A"))
            raw[k] = RawRow(tuple(cells))
        table = build_table("8.1.10", "DUIS Matrix – RSA", raw)
        assert value_tallies(table)[0]["n/a"] == na_cv
        assert [m.column for m in check_table(table).mismatches][:1] == ([] if na_cv == 4 else ["CV"])
        del table


def test_blank_value_cells_are_not_unknown_values_and_a_misspelt_one_still_is() -> None:
    """The tallies' shortcut (every value known) must treat a blank cell as
    blank, and must not hide a misspelt value beside blanks."""
    raw = rsa_table(12, 18)
    cells = list(raw[2].cells)
    cells[5] = RawCell(plain_cell(" \n "))  # ECV1 blank
    raw[2] = RawRow(tuple(cells))
    assert check_table(build_table("8.1.10", "DUIS Matrix – RSA", raw)).unknown_values == ()
    cells[6] = RawCell(plain_cell("Optionall"))
    raw[2] = RawRow(tuple(cells))
    found = check_table(build_table("8.1.10", "DUIS Matrix – RSA", raw)).unknown_values
    assert [(u.column, u.value) for u in found] == [("ECV2", "Optionall")]
