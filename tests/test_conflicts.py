"""Conflicts between two hand-made annexes drafted against one base."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.model import Document, Notice
from redline.structure import StreamItem
from redline.versions.conflicts import find_conflicts
from tests.appendix_builders import (
    M2,
    NA,
    RSA_618,
    SECTION_1_2,
    SECTION_5_4,
    M,
    annex,
    appendix,
    dele,
    duis_cells,
    footer_figures,
    ins,
    marked_para,
    para,
    table_amendment,
)
from tests.conftest import FIXTURES


def _with(rows: list[tuple[str, str, str, str]], key: str, cv: str, ncv: str) -> list[tuple[str, str, str, str]]:
    return [r if r[0] != key else (r[0], r[1], cv, ncv) for r in rows]


def _annex(items: list[StreamItem], name: str) -> Document:
    return annex(items, source=name)


def test_both_change_one_row_is_exactly_that_conflict() -> None:
    base = appendix("6.18")
    first = _annex(table_amendment("8.1.10", RSA_618, _with(RSA_618, "8.4", NA, M)), "first.docx")
    second_rows = _with(_with(RSA_618, "8.4", M, M2), "11.2", M2, NA)
    second = _annex(table_amendment("8.1.10", RSA_618, second_rows), "second.docx")
    report = find_conflicts(base, first, second)
    assert not report.mismatches_first and not report.mismatches_second
    assert [c.where for c in report.conflicts] == ["Table 8.1.10 row 8.4 (Update Inventory)"]
    [c] = report.conflicts
    assert [e.new[4] for e in c.first] == [NA] and [e.new[4] for e in c.second] == [M]
    assert not c.same_change
    # Both moved "Count of Mandatory" totals, each as its own rows give: a recount, not a conflict.
    assert report.recounted


def test_different_rows_of_one_table_do_not_conflict() -> None:
    base = appendix("6.18")
    first_rows = [*RSA_618[:5], ("8.14.4", "Communications Hub Status Update- Install Success", NA, M2), *RSA_618[5:]]
    first = _annex(table_amendment("8.1.10", RSA_618, first_rows), "first.docx")
    second = _annex(table_amendment("8.1.10", RSA_618, _with(RSA_618, "12.1", NA, M)), "second.docx")
    report = find_conflicts(base, first, second)
    assert report.ok, [c.where for c in report.conflicts]
    where = {x.edit_first.label for x in report.recounted}
    assert "Count of Mandatory SMETS 2" in where or "Total Tests" in where


def test_a_typed_footer_figure_against_a_counted_one_conflicts() -> None:
    rows = [duis_cells(*r) for r in RSA_618]
    wrong = footer_figures(rows)
    wrong["Total Tests"] = [23]  # stated wrongly, as SEC 6.18 did for RSA
    base = appendix("6.18", footer=wrong)
    right = footer_figures(rows)
    first = _annex(table_amendment("8.1.10", RSA_618, RSA_618, wrong, right), "fix.docx")
    typed = {**right, "Total Tests": [24]}
    second = _annex(table_amendment("8.1.10", RSA_618, RSA_618, wrong, typed), "typo.docx")
    report = find_conflicts(base, first, second)
    assert [c.where for c in report.conflicts] == ["Table 8.1.10 footer 'Total Tests' figure 1"]
    [c] = report.conflicts
    assert [e.new for e in c.first] == [right["Total Tests"][0]] and [e.new for e in c.second] == [24]


def test_same_section_paragraph_conflicts_other_paragraphs_do_not() -> None:
    base = appendix("6.18")
    first = _annex(
        [para("Amend Section 5.4 as follows:"), marked_para(SECTION_5_4[1], ins(" (see clause 8)"), list_level=0)],
        "first.docx",
    )
    second = _annex(
        [para("Amend Section 5.4 as follows:"), marked_para(dele(SECTION_5_4[1]), list_level=0)],
        "second.docx",
    )
    third = _annex([para("Amend Section 5.4 as follows:"), marked_para(SECTION_5_4[2], ins(" Evidence"))], "third")
    report = find_conflicts(base, first, second)
    [c] = report.conflicts
    assert c.where == "Section 5.4 paragraph 2"
    assert [e.op for e in c.first] == ["replace"] and [e.op for e in c.second] == ["delete"]  # type: ignore[union-attr]
    assert find_conflicts(base, first, third).ok
    same = find_conflicts(base, first, first)
    assert same.ok and same.conflicts == () and same.agreed[0].same_change


def test_annexes_drafted_against_another_version_are_flagged() -> None:
    first = annex(table_amendment("8.1.10", RSA_618, _with(RSA_618, "8.4", NA, M)), against="6.17", source="old.docx")
    second = _annex(table_amendment("8.1.10", RSA_618, _with(RSA_618, "12.1", NA, M)), "second.docx")
    report = find_conflicts(appendix("6.18"), first, second)
    assert report.warnings == (
        Notice("warning", "old.docx", "", "drafted against SEC Version 6.17; the baseline is 6.18"),)


def test_places_are_baseline_places_across_a_renumbering() -> None:
    from redline.model import Heading

    base = appendix("6.18")
    scope = "Scope of Testing"
    first = _annex(
        [
            para("Insert Section 1.2 as follows:"),
            Heading("1.2", scope, 2, (ins(scope),)),
            marked_para(ins("This clause sets out which Parties must test.")),
            para("Amend Section 1.3 as follows:"),  # the base's 1.2, renumbered by the insert
            Heading("1.3", "Types of Testing Required", 2),
            marked_para(SECTION_1_2[0], ins(" (see clause 8)")),
        ],
        "first.docx",
    )
    second = _annex(
        [
            para("Amend Section 1.2 as follows:"),
            Heading("1.2", "Types of Testing Required", 2),
            marked_para(dele(SECTION_1_2[0])),
        ],
        "second.docx",
    )
    report = find_conflicts(base, first, second)
    assert [c.where for c in report.conflicts] == ["Section 1.2 paragraph 1"]


def test_recount_of_a_wrongly_stated_base_figure_counts_from_the_base_rows() -> None:
    # SEC 6.18 states Total Tests 23 for RSA where its rows give 18. Two annexes each add one
    # Mandatory SMETS 2 row and state their own correct total (19): the merged rows give 20,
    # not 19 + 19 - 23 = 15 (which took the wrong stated figure as the starting count).
    rows = [duis_cells(*r) for r in RSA_618]
    wrong = footer_figures(rows)
    counted = wrong["Total Tests"][0]
    wrong["Total Tests"] = [counted + 5]
    base = appendix("6.18", footer=wrong)
    row_a = ("8.14.4", "Communications Hub Status Update- Install Success", NA, M2)
    row_b = ("8.14.5", "Communications Hub Status Update- Install No SM WAN", NA, M2)
    rows_a, rows_b = [*RSA_618, row_a], [*RSA_618, row_b]
    first = _annex(table_amendment("8.1.10", RSA_618, rows_a, wrong,
                                   footer_figures([duis_cells(*r) for r in rows_a])), "first.docx")
    second = _annex(table_amendment("8.1.10", RSA_618, rows_b, wrong,
                                    footer_figures([duis_cells(*r) for r in rows_b])), "second.docx")
    report = find_conflicts(base, first, second)
    assert report.ok, [c.where for c in report.conflicts]
    [total] = [x for x in report.recounted if x.edit_first.label == "Total Tests"]
    first_edit, second_edit = total.edit_first, total.edit_second
    assert (first_edit.old, first_edit.new, second_edit.new) == (counted + 5, counted + 1, counted + 1)
    assert total.merged == counted + 2


def test_two_identical_annexes_count_each_change_once_in_a_recount() -> None:
    # Both annexes add the same Mandatory SMETS 2 row: the merged rows hold it once, so
    # Total Tests becomes counted + 1 (it was reported as counted + 2, "it becomes 22").
    rows = [duis_cells(*r) for r in RSA_618]
    stated = footer_figures(rows)
    base = appendix("6.18", footer=stated)
    added = [*RSA_618, ("8.14.4", "Communications Hub Status Update- Install Success", NA, M2)]
    new = footer_figures([duis_cells(*r) for r in added])
    one = _annex(table_amendment("8.1.10", RSA_618, added, stated, new), "one.docx")
    two = _annex(table_amendment("8.1.10", RSA_618, added, stated, new), "two.docx")
    report = find_conflicts(base, one, two)
    assert report.ok and report.conflicts == () and all(c.same_change for c in report.agreed)
    [total] = [x for x in report.recounted if x.edit_first.label == "Total Tests"]
    assert total.merged == stated["Total Tests"][0] + 1 == new["Total Tests"][0]
    assert all(x.merged == x.edit_first.new for x in report.recounted)


def test_a_version_given_as_an_annex_to_conflicts_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from redline.cli import main

    v618, v619 = FIXTURES / "appendix-r-v6.18.docx", FIXTURES / "appendix-r-v6.19.docx"
    assert main(["conflicts", "--base", str(v618), str(v619), str(v618)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert str(v619) in err and "not an annex" in err
