"""The semantic diff on hand-built versions shaped like SEC 6.18 → 6.19.

Each test plants one kind of change a drafter makes and checks that it is
reported as that kind, with the right key/column/number, and that nothing
else is reported.
"""

from __future__ import annotations

from diffdata import dcc_table, document, duis_table, para, role_rows, section

from redline.diff import diff, select
from redline.diff.words import changed, diff_words, new_side, old_side
from redline.model import Document, Section

PURPOSE = (
    "This document sets out the testing that a Party must complete before it may act in a User Role, "
    "and the tests that apply to the DCC User Interface."
)


def _prose() -> list[Section]:
    return [
        section("1", "Introduction"),
        section("1.1", "Purpose", PURPOSE),
        section(
            "1.2",
            "Types of Testing Required",
            "The following types of testing are required:",
            para("User Entry Process Tests;", 0),
            para("SMKI and Repository Entry Process Tests;", 0),
        ),
        section("5", "UEPT Procedure"),
        section("5.4", "Test Completion", "A Party completes UEPT when every test in Section 7.3 has passed."),
        section("7", "Test Data"),
        section("7.1", "Test Data Requirements", "Each User shall provide the test data set out in this clause."),
        section("7.2", "Device Types", "The devices used for testing shall be of the types listed in clause 8."),
        section("7.3", "Test Certificates", "Certificates shall be issued by the Test Certificate Authority."),
    ]


def _version(sections: list[Section], name: str, version: str) -> Document:
    return document(sections, source=name, version=version)


def test_a_version_compared_with_itself_has_no_changes() -> None:
    doc = _version([*_prose(), section("8.1.10", "DUIS Matrix – RSA", duis_table("8.1.10", "RSA", role_rows("RSA")))],
                   "a.docx", "6.18")
    result = diff(doc, doc)
    assert result.is_empty
    assert result.sections == () and result.tables == () and result.references == ()


def test_an_inserted_phrase_is_one_word_insert_not_scattered_letters() -> None:
    old = "This document sets out the testing required for the SEC Release."
    new = "This document sets out the testing required for the November 2019 SEC Release."
    edits = diff_words(old, new)
    assert [(e.op, e.text.strip()) for e in changed(edits)] == [("insert", "November 2019")]
    assert old_side(edits) == old and new_side(edits) == new


def test_word_edit_replacing_a_word_is_a_delete_and_an_insert() -> None:
    edits = changed(diff_words("Tests shall be run by the DCC.", "Tests shall be witnessed by the DCC."))
    assert [(e.op, e.text) for e in edits] == [("delete", "run"), ("insert", "witnessed")]


def test_an_inserted_sentence_starts_after_the_sentence_before_it() -> None:
    """The insertion could sit anywhere the repeated words allow; it is placed
    where both its ends follow a full stop (diff_cleanupSemanticLossless's
    scoring on word symbols), never inside a sentence."""
    old = "Run the test. Report it."
    edits = diff_words(old, "Run the test. Run the test again. Report it.")
    assert [(e.op, e.text) for e in edits] == [
        ("equal", "Run the test."),
        ("insert", " Run the test again."),
        ("equal", " Report it."),
    ]


def test_dotted_numbers_are_replaced_whole() -> None:
    edits = changed(diff_words("Drafted against SEC Version 6.18 today.", "Drafted against SEC Version 6.19 today."))
    assert [(e.op, e.text) for e in edits] == [("delete", "6.18"), ("insert", "6.19")]


def test_new_section_pushes_the_following_ones_to_new_numbers() -> None:
    old = _prose()
    new = [*old[:7], section("7.2", "Test Environments", "Testing shall take place in the DCC test environment."),
           section("7.3", old[7].title, *old[7].blocks), section("7.4", old[8].title, *old[8].blocks)]
    result = diff(_version(old, "a", "6.18"), _version(new, "b", "6.19"))
    found = [(s.change, s.old_number, s.new_number) for s in result.sections]
    assert found == [("added", None, "7.2"), ("renumbered", "7.2", "7.3"), ("renumbered", "7.3", "7.4")]
    added = result.sections[0]
    assert [p.new for p in added.paragraphs] == ["Testing shall take place in the DCC test environment."]


def test_retitled_section_with_edited_paragraph() -> None:
    old = _prose()
    new = list(old)
    new[4] = section("5.4", "Completion of UEPT", "A Party completes UEPT when every test in Section 7.3 has passed "
                     "and the DCC has confirmed the results.")
    result = diff(_version(old, "a", "6.18"), _version(new, "b", "6.19"))
    assert len(result.sections) == 1
    s = result.sections[0]
    assert (s.change, s.number, s.old_title, s.new_title, s.retitled, s.text_changed) == (
        "retitled", "5.4", "Test Completion", "Completion of UEPT", True, True)
    assert [(e.op, e.text.strip()) for e in changed(s.paragraphs[0].edits)] == [
        ("insert", "and the DCC has confirmed the results")]


def test_bullet_added_and_bullet_edited_are_paragraph_changes() -> None:
    old = _prose()
    new = list(old)
    new[2] = section(
        "1.2",
        "Types of Testing Required",
        "The following types of testing are required:",
        para("User Entry Process Tests (UEPT);", 0),
        para("SMKI and Repository Entry Process Tests;", 0),
        para("For an existing User seeking to act in a new User Role, the tests for that role only.", 0),
    )
    result = diff(_version(old, "a", None), _version(new, "b", None))
    [s] = result.sections
    assert s.change == "modified" and s.number == "1.2"
    kinds = [(p.change, p.list_level) for p in s.paragraphs]
    assert kinds == [("modified", 0), ("added", 0)]
    assert [(e.op, e.text.strip()) for e in changed(s.paragraphs[0].edits)] == [("insert", "(UEPT)")]


def test_removed_section_is_removed_and_not_paired_with_a_neighbour() -> None:
    old = _prose()
    new = [s for s in old if s.number != "7.2"]
    result = diff(_version(old, "a", None), _version(new, "b", None))
    assert [(s.change, s.number) for s in result.sections] == [("removed", "7.2")]


def test_moved_section_is_reported_as_moved() -> None:
    old = _prose()
    # 5.4 moves behind 7.3 and becomes 7.4.
    new = [*old[:4], *old[5:], section("7.4", old[4].title, *old[4].blocks)]
    result = diff(_version(old, "a", None), _version(new, "b", None))
    assert [(s.change, s.old_number, s.new_number) for s in result.sections] == [("moved", "5.4", "7.4")]


def _rsa() -> list[tuple[str, ...]]:
    return role_rows("RSA")


def _tables_doc(rows: list[tuple[str, ...]], stated: dict[tuple[str, int], int] | None = None,
                name: str = "v.docx") -> Document:
    table = duis_table("8.1.10", "RSA", rows, stated=stated)
    return document([section("8.1.10", "DUIS Matrix – RSA", table)], source=name)


def test_two_rows_with_the_same_new_key_are_added_and_counts_follow() -> None:
    old_rows = _rsa()
    fault = ("8.14", "8.14.3", "Communications Hub Status Update- Fault Return", "N",
             "Mandatory", *(["N/A"] * 8), "Mandatory SMETS 2", "RSA")
    no_fault = ("8.14", "8.14.3", "Communications Hub Status Update- No Fault Return", "N",
                "Mandatory", *(["N/A"] * 9), "RSA")
    keys = [r[1] for r in old_rows]
    assert "8.14.3" not in keys
    new_rows = [*old_rows, fault, no_fault]
    result = diff(_tables_doc(old_rows), _tables_doc(new_rows))
    [t] = result.tables
    assert [(r.key, r.name) for r in t.rows_added] == [(fault[1], fault[2]), (no_fault[1], no_fault[2])]
    assert not (t.rows_removed or t.rows_renamed or t.rows_moved or t.cells_changed)
    counts = {(c.row, c.column): (c.old, c.new) for c in t.counts}
    m_cv_before = sum(1 for r in old_rows if r[4] == "Mandatory")
    assert counts[("Count of Mandatory", "CV")] == (m_cv_before, m_cv_before + 2)
    assert ("Count of N/A", "CV") not in counts
    assert counts[("Count of N/A", "ECV1")][1] == counts[("Count of N/A", "ECV1")][0] + 2
    totals = [(c.old, c.new) for c in t.counts if c.row == "Total Tests"]
    assert len(totals) == 1 and totals[0][1] == totals[0][0] + 3
    # the footers were updated in the new version, so the printed figures changed too
    assert {(s.row, s.column) for s in t.stated} == set(counts)
    [rsa] = [r for r in result.roles if r.role == "RSA"]
    assert [v.key for v in rsa.rows_added] == ["8.14.3", "8.14.3"]
    assert rsa.total_tests_change == 3


def test_renamed_row_keeps_key_and_cells() -> None:
    old_rows = _rsa()
    new_rows = list(old_rows)
    k = next(i for i, r in enumerate(old_rows) if r[1] == "6.2.7")
    new_rows[k] = (*old_rows[k][:2], "Read Device Configuration (MPxN and Supplier)", *old_rows[k][3:])
    result = diff(_tables_doc(old_rows), _tables_doc(new_rows))
    [t] = result.tables
    assert [(r.key, r.old_name, r.name) for r in t.rows_renamed] == [
        ("6.2.7", old_rows[k][2], "Read Device Configuration (MPxN and Supplier)")]
    assert not (t.rows_added or t.rows_removed or t.cells_changed or t.counts or t.rows_moved)


def test_repeated_key_rows_are_told_apart_by_name() -> None:
    base = _rsa()
    a = ("8.14", "8.14.3", "Communications Hub Status Update- Fault Return", "N", *(["N/A"] * 10), "RSA")
    b = ("8.14", "8.14.3", "Communications Hub Status Update- No Fault Return", "N", *(["N/A"] * 10), "RSA")
    b_changed = (*b[:4], "Mandatory", *b[5:])
    result = diff(_tables_doc([*base, a, b]), _tables_doc([*base, b_changed, a]))
    [t] = result.tables
    assert [(c.key, c.name, c.column, c.old, c.new) for c in t.cells_changed] == [
        ("8.14.3", b[2], "CV", "N/A", "Mandatory")]
    assert [(r.key, r.name) for r in t.rows_moved] == [("8.14.3", b[2])] or [
        (r.key, r.name) for r in t.rows_moved] == [("8.14.3", a[2])]
    assert not (t.rows_added or t.rows_removed or t.rows_renamed)


def test_value_change_to_smets2_and_the_role_summary() -> None:
    old_rows = _rsa()
    new_rows = [list(r) for r in old_rows]
    changed_keys = []
    for r in new_rows:
        if r[4] == "Mandatory" and len(changed_keys) < 2:
            r[4] = "Mandatory SMETS 2"
            changed_keys.append(r[1])
    na = next(r for r in new_rows if r[6] == "N/A")
    na[6] = "Mandatory"
    result = diff(_tables_doc(old_rows), _tables_doc([tuple(r) for r in new_rows]))
    [t] = result.tables
    assert len(t.cells_changed) == 3
    [rsa] = result.roles
    assert [(v.key, v.column, v.old, v.new) for v in rsa.became_mandatory] == [(na[1], "ECV2", "N/A", "Mandatory")]
    assert [v.key for v in rsa.other_values] == changed_keys
    assert rsa.stopped_mandatory == ()
    assert rsa.total_tests_change == 1


def test_removed_row_and_check_results_of_each_version() -> None:
    old_rows = _rsa()
    new_rows = old_rows[:3] + old_rows[4:]
    old_doc = _tables_doc(old_rows, stated={("Count of Mandatory", -1): 16, ("Total Tests", 0): 23})
    new_doc = _tables_doc(new_rows)
    result = diff(old_doc, new_doc)
    [t] = result.tables
    assert [(r.key, r.name) for r in t.rows_removed] == [(old_rows[3][1], old_rows[3][2])]
    assert [(m.row, m.column, m.stated) for m in t.check_old] == [
        ("Count of Mandatory", "Total", 16), ("Total Tests", "Total", 23)]
    assert t.check_new == ()


def test_moved_row_is_moved_not_removed_and_added() -> None:
    rows = _rsa()
    new_rows = [rows[0], *rows[2:10], rows[1], *rows[10:]]
    result = diff(_tables_doc(rows), _tables_doc(new_rows))
    [t] = result.tables
    assert [(r.key, r.old_index, r.new_index) for r in t.rows_moved] == [(rows[1][1], 1, 9)]
    assert not (t.rows_added or t.rows_removed or t.cells_changed or t.counts)


def test_renumbered_table_is_matched_by_role() -> None:
    rows = _rsa()
    old = document([section("8.1.10", "DUIS Matrix – RSA", duis_table("8.1.10", "RSA", rows))])
    new = document([section("8.1.11", "DUIS Matrix – RSA", duis_table("8.1.11", "RSA", rows))])
    result = diff(old, new)
    [t] = result.tables
    assert (t.change, t.old_number, t.new_number) == ("renumbered", "8.1.10", "8.1.11")
    assert not (t.rows_added or t.rows_removed)


def test_dcc_alert_renamed_and_value_changed() -> None:
    old_rows = [("N16", "Device Identity Confirmed", "Mandatory", "Registered IS"),
                ("N27", "Firmware Activation Failed", "Mandatory", "Registered IS"),
                ("N49, N50, N51, N52", "Power Outage Event", "Mandatory", "Registered ED")]
    new_rows = [("N16", "Device Identity Confirmation Alert", "Mandatory", "Registered IS"),
                ("N27", "Firmware Activation Failed", "Mandatory SMETS2+", "Registered IS"),
                old_rows[2]]
    old = document([section("8.1.22", "DCC Alerts", dcc_table("8.1.22", old_rows))])
    new = document([section("8.1.22", "DCC Alerts", dcc_table("8.1.22", new_rows))])
    [t] = diff(old, new).tables
    assert t.kind == "dcc_alert"
    assert [(r.key, r.name) for r in t.rows_renamed] == [("N16", "Device Identity Confirmation Alert")]
    assert [(c.key, c.column, c.old, c.new) for c in t.cells_changed] == [
        ("N27", "Test Scenario", "Mandatory", "Mandatory SMETS2+")]


def test_stale_and_missing_cross_references() -> None:
    old = _prose()
    # new 7.2 pushes 7.2 → 7.3 and 7.3 → 7.4; 5.4 still says "Section 7.3" (stale);
    # 7.1 gains a reference to clause 6.3, which does not exist (missing).
    new = [*old[:6],
           section("7.1", "Test Data Requirements", "Each User shall provide the test data set out in this clause "
                   "and in clause 6.3."),
           section("7.2", "Test Environments", "Testing shall take place in the DCC test environment."),
           section("7.3", old[7].title, *old[7].blocks), section("7.4", old[8].title, *old[8].blocks)]
    result = diff(_version(old, "a", None), _version(new, "b", None))
    found = [(p.problem, p.text, p.section, p.suggested) for p in result.references]
    assert found == [("stale", "Section 7.3", "5.4", "7.4"), ("missing", "clause 6.3", "7.1", None)]


def test_fresh_reference_to_the_new_numbering_is_not_a_problem() -> None:
    old = _prose()
    new = [*old[:4], section("5.4", "Test Completion", "A Party completes UEPT when every test in Section 7.4 "
                             "has passed."),
           *old[5:7], section("7.2", "Test Environments", "Testing shall take place in the test environment."),
           section("7.3", old[7].title, *old[7].blocks), section("7.4", old[8].title, *old[8].blocks)]
    result = diff(_version(old, "a", None), _version(new, "b", None))
    assert result.references == ()


def test_select_only_and_role() -> None:
    old_rows = _rsa()
    new_rows = old_rows[1:]
    old = document([*_prose(), section("8.1.10", "DUIS Matrix – RSA", duis_table("8.1.10", "RSA", old_rows)),
                    section("8.1.11", "DUIS Matrix – OU", duis_table("8.1.11", "OU", role_rows("OU")))])
    new_prose = _prose()
    new_prose[1] = section("1.1", "Purpose", PURPOSE.replace("Party", "Party or User"))
    new = document([*new_prose, section("8.1.10", "DUIS Matrix – RSA", duis_table("8.1.10", "RSA", new_rows)),
                    section("8.1.11", "DUIS Matrix – OU", duis_table("8.1.11", "OU", role_rows("OU")[2:]))])
    result = diff(old, new)
    assert [t.role for t in result.tables] == ["RSA", "OU"]
    assert [s.number for s in result.sections] == ["1.1"]
    assert select(result, only="tables").sections == ()
    assert select(result, only="sections").tables == ()
    ou = select(result, role="ou")
    assert [t.role for t in ou.tables] == ["OU"] and [r.role for r in ou.roles] == ["OU"]
    assert [s.number for s in ou.sections] == ["1.1"]
