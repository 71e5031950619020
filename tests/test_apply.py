"""Applying annexes built in code (MP089's shape) to a baseline built in code."""

from __future__ import annotations

from redline.checks import check
from redline.model import Document, Heading, Paragraph, Run
from redline.structure import StreamItem, TableDraft
from redline.versions.apply import apply, plan
from redline.versions.compare import differences
from redline.versions.edits import FooterEdit, ParagraphEdit, RowEdit, TitleEdit, renumbering
from tests.appendix_builders import (
    M2,
    NA,
    RSA_618,
    SECTION_1_2,
    SECTION_5_4,
    M,
    annex,
    appendix,
    changed_footer,
    dele,
    duis_cells,
    footer_figures,
    ins,
    inserted_row,
    marked_cell,
    marked_para,
    para,
    row_of,
)

NO_FAULT = ("8.14.3", "Communications Hub Status Update- No Fault Returned", NA, M2)
NEW_12 = "For an existing User seeking to access November 2019 SEC Release functionality (Additive UEPT)."
TITLE_54 = "Completing Additive UEPT for Release 2.0"


def rsa_619() -> list[tuple[str, str, str, str]]:
    rows = [r if r[0] != "6.2.7" else (r[0], r[1], M, NA) for r in RSA_618]
    rows.insert(5, NO_FAULT)
    return rows


def version_619() -> Document:
    return appendix(
        "6.19",
        rsa=rsa_619(),
        s12=[SECTION_1_2[0], SECTION_1_2[1], SECTION_1_2[2][:-1] + "; and", NEW_12],
        s54=SECTION_5_4[:2],
        s54_title=TITLE_54 + " or November 2019 SEC Release",
    )


def mp089_like_annex(source: str = "annex.docx") -> Document:
    old_rows = [duis_cells(*r) for r in RSA_618]
    new_rows = [duis_cells(*r) for r in rsa_619()]
    old_f, new_f = footer_figures(old_rows), footer_figures(new_rows)
    old_cells = duis_cells(*RSA_618[1])
    changed = [marked_cell(c) for c in old_cells]
    changed[4] = marked_cell(dele(M2), ins(M))
    stream: list[StreamItem] = [
        para("Amend Section 1.2 as follows:"),
        Heading("1.2", "Types of Testing Required", 2),
        para(SECTION_1_2[0]),
        para(SECTION_1_2[1], 0),
        marked_para(SECTION_1_2[2][:-1], dele("."), ins("; and"), list_level=0),
        marked_para(ins(NEW_12), list_level=0),
        para("Amend Section 5.4 as follows:"),
        Heading(
            "5.4", TITLE_54 + " or November 2019 SEC Release", 2, (Run(TITLE_54), ins(" or November 2019 SEC Release"))
        ),
        para(SECTION_5_4[0]),
        marked_para(dele(SECTION_5_4[2])),
        para("Amend Table 8.1.10 as follows:"),
        TableDraft(
            [
                row_of(changed),
                row_of(duis_cells(*RSA_618[3])),  # context: 8.4 Update Inventory
                inserted_row(duis_cells(*NO_FAULT)),
                *(changed_footer(label, old_f[label], new_f[label]) for label in old_f),
            ]
        ),
    ]
    return annex(stream, source=source)


def test_mp089_style_annex_gives_the_next_version() -> None:
    base = appendix("6.18")
    result = apply(base, mp089_like_annex())
    assert result.ok, result.plan.mismatches
    assert differences(result.document, version_619()) == []
    assert check(result.document).ok
    kinds = sorted({type(e).__name__ for e in result.plan.edits})
    assert kinds == ["FooterEdit", "ParagraphEdit", "RowEdit", "TitleEdit"]


def test_edits_name_their_places_in_the_baseline() -> None:
    p = plan(appendix("6.18"), mp089_like_annex())
    rows = [(e.op, e.index, e.key) for e in p.edits if isinstance(e, RowEdit)]
    # 6.2.7 is row 2 (index 1); the new 8.14.3 goes after the existing 8.14.3 (index 4), before 11.2
    assert rows == [("replace", 1, "6.2.7"), ("insert", 5, "8.14.3")]
    paragraphs = [(e.section, e.op, e.index) for e in p.edits if isinstance(e, ParagraphEdit)]
    assert paragraphs == [("1.2", "replace", 2), ("1.2", "insert", 3), ("5.4", "delete", 2)]
    [title] = [e for e in p.edits if isinstance(e, TitleEdit)]
    assert title.new.endswith("or November 2019 SEC Release")
    figures = {(e.label, e.index, e.old, e.new) for e in p.edits if isinstance(e, FooterEdit)}
    assert ("Count of Mandatory", 0, 2, 3) in figures and ("Total Tests", 0, 8, 9) in figures


def test_struck_text_not_in_the_baseline_is_a_mismatch_with_its_location() -> None:
    # the baseline already has 6.2.7 as Mandatory in CV: the annex strikes "Mandatory SMETS 2" there
    base = appendix("6.18", rsa=[r if r[0] != "6.2.7" else (r[0], r[1], M, NA) for r in RSA_618])
    result = apply(base, mp089_like_annex())
    locations = [(m.location, m.problem) for m in result.plan.mismatches]
    assert locations[0][0] == "Table 8.1.10 row 6.2.7 (Read Device Configuration (MPxN))"
    assert "CV: annex 'Mandatory SMETS 2', baseline 'Mandatory'" in locations[0][1]
    # the footer the annex strikes was computed for the other baseline: also reported
    assert any(loc.startswith("Table 8.1.10 footer 'Count of Mandatory'") for loc, _ in locations)


def test_section_text_mismatch_and_unknown_table() -> None:
    stream: list[StreamItem] = [
        para("Amend Section 5.4 as follows:"),
        marked_para(dele("A paragraph that SEC 6.18 never had.")),
        para("Amend Table 8.1.99 as follows:"),
        TableDraft([inserted_row(duis_cells("1.1", "Update Import Tariff (Primary Element)", M, NA))]),
    ]
    result = apply(appendix("6.18"), annex(stream))
    found = [(m.location, m.problem) for m in result.plan.mismatches]
    assert found == [
        ("Section 5.4", "struck/old text not among its 3 paragraphs"),
        ("Table 8.1.99", "no such table in the baseline"),
    ]
    assert differences(result.document, appendix("6.18")) == []  # nothing applied


def test_a_pdf_spaced_context_paragraph_still_matches() -> None:
    spaced = SECTION_5_4[0].replace("executing", "executing ").replace("’", "'")
    stream: list[StreamItem] = [
        para("Amend Section 5.4 as follows:"),
        para(spaced),
        marked_para(SECTION_5_4[1], ins(" Additionally:"), list_level=0),
    ]
    result = apply(appendix("6.18"), annex(stream, source="annex.pdf"))
    assert result.ok
    section = result.document.section("5.4")
    assert section is not None
    texts = [b.text for b in section.blocks if isinstance(b, Paragraph)]
    assert texts[1].endswith("in this document; or Additionally:")


def test_whole_new_section_and_deleted_row() -> None:
    stream: list[StreamItem] = [
        para("Amend Section 5 as follows:"),
        Heading(
            "5.5", "Completing Additive UEPT for November 2019", 2, (ins("Completing Additive UEPT for November 2019"),)
        ),
        marked_para(ins("Testing Participants must complete UEPT style testing.")),
        para("Amend Table 8.1.10 as follows:"),
        TableDraft([row_of([marked_cell(dele(t)) for t in duis_cells(*RSA_618[-1])])]),
    ]
    result = apply(appendix("6.18"), annex(stream))
    assert result.ok, result.plan.mismatches
    numbers = [s.number for s in result.document.sections]
    assert numbers.index("5.5") == numbers.index("5.4") + 1
    table = result.document.table("8.1.10")
    assert table is not None and [r.key for r in table.rows][-1] == "12.1"
    assert not check(result.document).ok  # the annex did not fix the footer: check says so


def test_renumbering_across_whole_section_inserts_and_deletes() -> None:
    numbers = ["6", "6.1", "6.2", "6.3", "7", "7.1", "7.2", "7.2.1", "7.3"]
    got = renumbering(numbers, inserts=["7.2"], deletes=["6.2"])
    assert got == {
        "6": "6", "6.1": "6.1", "6.3": "6.2", "7": "7", "7.1": "7.1",
        "7.2": "7.3", "7.2.1": "7.3.1", "7.3": "7.4",
    }  # fmt: skip


def test_inserted_section_renumbers_the_next_and_amendments_use_new_numbers() -> None:
    new_title = "Scope of Testing"
    stream: list[StreamItem] = [
        para("Insert Section 1.2 as follows:"),
        Heading("1.2", new_title, 2, (ins(new_title),)),
        marked_para(ins("This clause sets out which Parties must test.")),
        para("Amend Section 1.3 as follows:"),  # the old 1.2, under its new number
        Heading("1.3", "Types of Testing Required", 2),
        marked_para(SECTION_1_2[0], ins(" (see clause 8)")),
    ]
    result = apply(appendix("6.18"), annex(stream))
    assert result.ok, result.plan.mismatches
    doc = result.document
    assert [(s.number, s.title) for s in doc.sections[:4]] == [
        ("1", "Introduction"),
        ("1.1", "Purpose"),
        ("1.2", new_title),
        ("1.3", "Types of Testing Required"),
    ]
    moved = doc.section("1.3")
    assert moved is not None and isinstance(moved.blocks[0], Paragraph)
    assert moved.blocks[0].text.endswith("performed: (see clause 8)")


def test_applying_an_annex_twice_reports_what_is_already_there() -> None:
    once = apply(appendix("6.18"), mp089_like_annex())
    twice = apply(once.document, mp089_like_annex())
    problems = {(m.location, m.problem) for m in twice.plan.mismatches}
    assert ("Table 8.1.10 row 8.14.3 (Communications Hub Status Update- No Fault Returned)",
            "inserted row is already in the baseline") in problems  # fmt: skip
    assert ("Section 1.2", "inserted paragraph is already in the baseline") in problems
    assert not any(isinstance(e, RowEdit) and e.op == "insert" for e in twice.plan.edits)


def test_delete_section_instruction_without_its_heading() -> None:
    stream: list[StreamItem] = [
        para("Delete Section 5.4 as follows:"),
        *(marked_para(dele(t)) for t in SECTION_5_4),
    ]
    result = apply(appendix("6.18"), annex(stream))
    assert result.ok, result.plan.mismatches
    assert result.document.section("5.4") is None and result.document.section("5") is not None


def test_inserted_value_cells_take_the_baselines_spelling() -> None:
    wrapped = duis_cells("8.14.4", "Communications Hub Status Update- Install Success", NA, "Mandato ry SMETS 2")
    stream: list[StreamItem] = [para("Amend Table 8.1.10 as follows:"), TableDraft([inserted_row(wrapped)])]
    result = apply(appendix("6.18"), annex(stream, source="annex.pdf"))
    table = result.document.table("8.1.10")
    assert table is not None
    [row] = [r for r in table.rows if r.key == "8.14.4"]
    assert row.cells[13].text == "Mandatory SMETS 2"


def test_paragraphs_under_an_unseen_subsection_heading_are_followed_there() -> None:
    # "Amend Section 1": the PDF reader saw "1.2 Types of Testing Required" as plain text
    stream: list[StreamItem] = [
        para("Amend Section 1 as follows:"),
        para("1.2 Types of Testing Required"),
        para(SECTION_1_2[0]),
        marked_para(SECTION_1_2[1], ins(" (UEPT)"), list_level=0),
    ]
    result = apply(appendix("6.18"), annex(stream))
    assert result.ok, result.plan.mismatches
    [edit] = result.plan.edits
    assert isinstance(edit, ParagraphEdit) and (edit.section, edit.index) == ("1.2", 1)


def test_deleted_section_is_the_baselines_number_though_the_next_one_takes_it() -> None:
    """Delete 1.1 and 1.2 becomes 1.1: "Delete Section 1.1" names the baseline's 1.1
    (Purpose), while "Amend Section 1.1" names the new 1.1 (the old 1.2)."""
    stream: list[StreamItem] = [
        para("Delete Section 1.1 as follows:"),
        Heading("1.1", "", 2, (dele("Purpose"),)),  # as the readers give it: no title left
        marked_para(dele("The purpose of this document is to:")),
        marked_para(dele("Define the procedural steps to be undertaken by a Party wishing to complete UEPT;")),
        para("Amend Section 1.1 as follows:"),  # the old 1.2, under its new number
        Heading("1.1", "Types of Testing Required", 2),
        marked_para(SECTION_1_2[0], ins(" (see clause 8)")),
    ]
    result = apply(appendix("6.18"), annex(stream))
    assert result.ok, result.plan.mismatches
    doc = result.document
    assert [(s.number, s.title) for s in doc.sections[:2]] == [
        ("1", "Introduction"),
        ("1.1", "Types of Testing Required"),
    ]
    kept = doc.section("1.1")
    assert kept is not None and isinstance(kept.blocks[0], Paragraph)
    assert kept.blocks[0].text.endswith("performed: (see clause 8)")
    assert all(s.title != "Purpose" for s in doc.sections)
