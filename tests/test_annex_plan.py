"""The annex plan on the MP089-like pair of tests/annex_docs.py: which items,
in which order, and that every item's struck text is the old version and its
kept text the new one."""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from redline.annex.plan import AnnexOptions, plan_annex
from redline.annex.wordruns import word_runs
from redline.diff import diff
from redline.model import Document, Run, Table, accepted_text, normalise, rejected_text
from redline.structure import block_lines
from tests.annex_docs import RSA_618, RSA_619, pair

OLD, NEW = pair()


def _plan(context: int = 1, old: Document = OLD, new: Document = NEW) -> object:
    return plan_annex(old, new, diff(old, new), AnnexOptions(mp="MP089", context=context))


def _item(plan: object, instruction: str) -> object:
    return next(i for i in plan.items if i.instruction == instruction)  # type: ignore[attr-defined]


def test_items_follow_the_new_document_in_mp089_wording() -> None:
    plan = _plan()
    assert [i.instruction for i in plan.items] == [
        "Amend Section 1.2 as follows:",
        "Amend Section 5.4 as follows:",
        "Amend Table 8.1.10 as follows:",
        "Amend Table 8.1.19 as follows:",
    ]
    assert plan.heading == (
        "MP089 ‘Changes to Appendix R ‘Common Testing Scenarios Document’",
        "Annex A",
        "Legal text – version 1.0",
    )
    assert "These changes have been drafted against SEC Version 6.18." in plan.about


def test_against_option_overrides_the_old_version() -> None:
    plan = plan_annex(OLD, NEW, None, AnnexOptions(against="6.17"))
    assert plan.against == "6.17"
    assert "These changes have been drafted against SEC Version 6.17." in plan.about


def test_section_items_hold_the_whole_section_old_struck_new_inserted() -> None:
    plan = _plan()
    for item in plan.items:
        if item.target.kind != "section":
            continue
        number = item.target.number
        old_lines = [f"{number} {OLD.section(number).title}"]
        old_lines += [b.text for b in OLD.section(number).blocks if not isinstance(b, Table)]
        new_lines = [f"{number} {NEW.section(number).title}"]
        new_lines += [b.text for b in NEW.section(number).blocks if not isinstance(b, Table)]
        assert item.old_text.splitlines() == old_lines
        assert item.new_text.splitlines() == new_lines


def test_section_edits_are_word_level() -> None:
    item = _item(_plan(), "Amend Section 1.2 as follows:")
    assert item.deleted == (".",)
    assert item.inserted == (
        "and",
        "; and",
        "For an existing User seeking to access November 2019 SEC Release functionality (Additive UEPT).",
    )
    retitle = _item(_plan(), "Amend Section 5.4 as follows:")
    assert retitle.inserted[0] == "or November 2019 SEC Release"


def test_table_item_shows_added_rows_with_one_row_of_context_and_the_footer() -> None:
    item = _item(_plan(context=1), "Amend Table 8.1.10 as follows:")
    [table] = item.blocks
    assert [(r.key, r.name) for r in table.rows] == [
        ("8.4", "Update Inventory"),
        ("8.14.3", "Communications Hub Status Update- Fault Return"),
        ("8.14.3", "Communications Hub Status Update- No Fault Returned"),
        ("11.2", "Read Firmware Version"),
    ]
    added = table.rows[1:3]
    assert all(r.mark == "insert" for row in added for c in row.cells for r in c.runs)
    assert all(r.mark is None for c in table.rows[0].cells for r in c.runs)
    assert [h.text for h in table.header_rows[0]][:4] == ["SR", "SR Variant", "Service Request Name", "Critical"]
    footer = {f.label: f for f in table.footer}
    # MP089: the Mandatory total 16 -> 12 and Total Tests 23 -> 20.
    assert footer["Count of Mandatory"].figures[-1] == 12
    assert footer["Count of Mandatory"].old_figures[-1] == 16
    assert footer["Total Tests"].cells[-1].runs == (Run("23", "delete"), Run("20", "insert"))
    assert footer["Count of N/A"].cells[0].runs == (Run("4", "delete"), Run("6", "insert"))


def test_context_zero_shows_only_changed_rows() -> None:
    [table] = _item(_plan(context=0), "Amend Table 8.1.10 as follows:").blocks
    assert [r.key for r in table.rows] == ["8.14.3", "8.14.3"]


def test_full_context_accepts_to_the_new_table_and_rejects_to_the_old() -> None:
    [table] = _item(_plan(context=1000), "Amend Table 8.1.10 as follows:").blocks
    accepted = [tuple(accepted_text(c.runs) for c in r.cells) for r in table.rows]
    rejected = [tuple(rejected_text(c.runs) for c in r.cells) for r in table.rows]
    assert [row[1:3] for row in accepted if any(row)] == [(v, n) for _, v, n, _, _ in RSA_619]
    assert [row[1:3] for row in rejected if any(row)] == [(v, n) for _, v, n, _, _ in RSA_618]


def test_removed_renamed_and_changed_rows_of_a_dcc_table() -> None:
    [table] = _item(_plan(), "Amend Table 8.1.19 as follows:").blocks
    by_ref = {r.cells[0].old_text: r for r in table.rows}
    n57 = by_ref["N57"]
    assert n57.cells[0].text == "" and all(r.mark == "delete" for c in n57.cells for r in c.runs)
    n24 = by_ref["N24"]
    assert [r for r in n24.cells[1].runs if r.mark] == [
        Run(" – Successful Communications Hub Function Whitelist Update", "insert")
    ]
    n27 = by_ref["N27"]
    assert n27.cells[2].runs == (Run("Mandatory"), Run(" SMETS2+", "insert"))


def test_summary_counts_per_table_and_the_totals_check_of_both_versions() -> None:
    plan = _plan()
    rsa = next(t for t in plan.tables if t.number == "8.1.10")
    assert (rsa.role, rsa.rows_added, rsa.rows_removed, rsa.old_mismatches, rsa.new_mismatches) == ("RSA", 2, 0, 2, 0)
    dcc = next(t for t in plan.tables if t.number == "8.1.19")
    assert (dcc.rows_removed, dcc.rows_renamed, dcc.cells_changed) == (1, 1, 1)
    gs = next(t for t in plan.tables if t.number == "8.1.20")
    assert (gs.rows_added, gs.rows_removed, gs.cells_changed, gs.figures_changed) == (0, 0, 0, 0)
    assert plan.sections_changed == 2


def test_identical_versions_give_an_annex_with_no_items() -> None:
    plan = plan_annex(NEW, replace(NEW, source="copy.docx"), None, AnnexOptions())
    assert plan.items == ()
    assert plan.sections_changed == 0


def test_added_section_is_an_insert_instruction_wholly_inserted() -> None:
    trimmed = replace(OLD, sections=tuple(s for s in OLD.sections if s.number != "2"))
    item = _item(_plan(old=trimmed), "Insert Section 2 as follows:")
    assert all(r.mark == "insert" for b in item.blocks for r in b.runs)
    assert block_lines(item.blocks[0], old=False) == ["2 Scope"]
    assert item.new_text.splitlines()[1] == "This document applies to every Party seeking to become a User."


@given(st.text(alphabet="ab .;\n", max_size=30), st.text(alphabet="ab .;\n", max_size=30))
def test_word_runs_accept_to_new_and_reject_to_old(old: str, new: str) -> None:
    runs = word_runs(old, new)
    assert accepted_text(runs) == new
    # Whitespace-only differences are not redlined (model text is normalised anyway).
    assert normalise(rejected_text(runs)) == normalise(old)


def test_the_plan_is_pure() -> None:
    package = Path(__file__).resolve().parents[1] / "redline"
    for name in ("annex/plan.py", "annex/rows.py", "annex/wordruns.py"):
        tree = ast.parse((package / name).read_text(encoding="utf-8"))
        imported = {
            (n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0
        }
        imported |= {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert imported <= {"__future__", "collections", "dataclasses", "difflib", "re", "redline"}, name


def test_title_block_wording_is_the_real_annexes() -> None:
    """Every fixed sentence of our title block appears in the MP089 annex."""
    reference = Path(__file__).parent / "data" / "MP089-annex-A-legal-text.txt"
    text = normalise(reference.read_text(encoding="utf-8"))
    plan = _plan()
    for line in (*plan.heading[1:], *plan.about, "About this document"):
        assert line in text, line
    number = re.compile(r"\d+(?:\.\d+)*")
    forms = {number.sub("N", m) for m in re.findall(r"Amend (?:Section|Table) [\d.]+ as follows:", text)}
    assert forms == {"Amend Section N as follows:", "Amend Table N as follows:"}
    assert {number.sub("N", i.instruction) for i in plan.items} == forms


def test_a_table_new_in_the_new_version_is_inserted_whole() -> None:
    sections = tuple(
        replace(s, blocks=tuple(b for b in s.blocks if s.number != "8.1.20" or not isinstance(b, Table)))
        for s in OLD.sections
    )
    without = replace(OLD, sections=sections)
    item = _item(_plan(old=without), "Insert Table 8.1.20 as follows:")
    [table] = item.blocks
    assert all(r.mark == "insert" for row in table.rows for c in row.cells for r in c.runs)
    assert item.old_text == "" and "N55" in item.inserted


def test_a_removed_section_whose_number_the_next_one_takes_is_deleted_not_retitled() -> None:
    """A drafter deletes section 6.1 and Word renumbers 6.2 -> 6.1, 6.3 -> 6.2: the
    annex deletes 6.1; it must not "amend" 6.1 into the old 6.2 (retitled, text
    swapped) and then lose the deletion."""
    from tests.diffdata import document, section

    provision = "The DCC shall make a test environment available to Testing Participants."
    devices = "The Testing Participant shall use the Devices the DCC provides."
    stubs = "Where a Device is not available the DCC shall provide a test stub."
    old = document([section("6", "Test Environment"), section("6.1", "Test Environment Provision", provision),
                    section("6.2", "Test Devices", devices), section("6.3", "Test Stubs", stubs)], version="6.19")
    new = document([section("6", "Test Environment"), section("6.1", "Test Devices", devices),
                    section("6.2", "Test Stubs", stubs)], version="6.20")
    plan = plan_annex(old, new, diff(old, new), AnnexOptions())
    assert [i.instruction for i in plan.items] == ["Delete Section 6.1 as follows:"]
    [item] = plan.items
    assert item.old_text == f"6.1 Test Environment Provision\n{provision}" and item.new_text == ""
