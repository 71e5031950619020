"""The annex instruction grammar and placeholders (redline/instructions.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.instructions import instruction_like, is_elided_row, is_placeholder, parse_instruction
from redline.model import Heading, Paragraph, Run, Target
from redline.structure import TableDraft, assemble
from tests.conftest import FIXTURES


@pytest.mark.parametrize(
    ("line", "verb", "kind", "number", "last", "new_number", "after"),
    [
        ("Amend Section 1.1 as follows:", "amend", "section", "1.1", None, None, None),
        ("AMEND SECTION 1.1 AS FOLLOWS", "amend", "section", "1.1", None, None, None),
        ("amend table 8.1.10 as follows", "amend", "table", "8.1.10", None, None, None),
        ("1. Amend Sections 1.1 to 1.2 as follows:", "amend", "section", "1.1", "1.2", None, None),
        ("Amend Sections 7.3 – 7.4:", "amend", "section", "7.3", "7.4", None, None),
        ("(a) Amend Section 5.4 (Completing Additive UEPT) as follows :", "amend", "section", "5.4", None, None, None),
        ("Amend Section 5.4 of Appendix R as follows:", "amend", "section", "5.4", None, None, None),
        ("Insert new Section 7.2 after Section 7.1:", "insert", "section", "7.2", None, None, "7.1"),
        ("Insert Section 7.2 as follows:", "insert", "section", "7.2", None, None, None),
        ("Insert new Table 8.1.23 as follows:", "insert", "table", "8.1.23", None, None, None),
        ("Delete Section 6.3 in its entirety.", "delete", "section", "6.3", None, None, None),
        ("Delete Table 8.1.18", "delete", "table", "8.1.18", None, None, None),
        ("Renumber Section 7.2 as Section 7.3.", "renumber", "section", "7.2", None, "7.3", None),
        ("Replace Section 5.4 with the following:", "amend", "section", "5.4", None, None, None),
    ],
)
def test_instruction_forms(
    line: str, verb: str, kind: str, number: str, last: str | None, new_number: str | None, after: str | None
) -> None:
    found = parse_instruction(line)
    assert found is not None
    assert (found.verb, found.target, found.last, found.new_number, found.after) == (
        verb, Target(kind, number), last, new_number, after)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "line",
    ["Substitute Section 5.4 with the following:", "Insert the following after Section 7.1:",
     "Renumber Section 7.2", "Move Table 8.1.9 after Table 8.1.10"],
)
def test_instruction_like_lines_are_not_instructions(line: str) -> None:
    assert parse_instruction(line) is None and instruction_like(line)


@pytest.mark.parametrize(
    "line",
    ["Clause 8 sets out the specific tests that are required to be performed:",
     "Testing Participants will submit evidence to the DCC as set out in Section 7.3.",
     "The DCC shall amend the Test Completion Report."],
)
def test_body_text_is_neither(line: str) -> None:
    assert parse_instruction(line) is None and not instruction_like(line)


@pytest.mark.parametrize("text", ["[Text of this Section is unchanged]", "[…]", "…", "...", "[Not used]",
                                  "[Remaining rows are unchanged]", "[ ... ]"])
def test_placeholders(text: str) -> None:
    assert is_placeholder(text)


def test_text_is_no_placeholder() -> None:
    assert not is_placeholder("Not used by the DCC for UEPT.")
    assert not is_placeholder("N/A")
    assert is_elided_row(("…", "", "", "")) and not is_elided_row(("8.4", "…"))


def test_range_covers_sections_between() -> None:
    found = parse_instruction("Amend Sections 7.3 to 7.4 as follows:")
    assert found is not None
    assert [n for n in ("7.2", "7.3", "7.3.1", "7.4", "7.4.2", "7.5") if found.covers(n)] == [
        "7.3", "7.3.1", "7.4", "7.4.2"]


def _stream(*lines: str) -> list[Heading | Paragraph | TableDraft]:
    return [Paragraph(x, (Run(x),)) for x in lines]


def test_unknown_instruction_is_reported_with_its_place_and_its_text_is_not_folded_in() -> None:
    stream = [
        *_stream("Annex A", "Amend Section 5.4 as follows:"),
        Paragraph("Testing", (Run("Testing", "delete"), Run("Tests", "insert"))),
        *_stream("Substitute Section 5.5 with the following:", "New text the tool must not read as 5.4's"),
        *_stream("Amend Section 5.6 as follows:", "Kept"),
    ]
    doc = assemble("annex.docx", "0" * 64, stream)
    assert tuple(map(str, doc.unknown_instructions)) == (
        "paragraph 4: 'Substitute Section 5.5 with the following:' (after 'Amend Section 5.4 as follows:')",)
    assert [a.new_text for a in doc.amendments] == ["Tests", "Kept"]


def test_numbered_instruction_a_pdf_reader_took_for_a_heading() -> None:
    stream: list[Heading | Paragraph | TableDraft] = [
        Heading("2", "Amend Section 5.4 as follows:", 1, (Run("Amend Section 5.4 as follows:"),)),
        Paragraph("x", (Run("x", "insert"),)),
    ]
    [a] = assemble("annex.pdf", "0" * 64, stream).amendments
    assert (a.instruction, a.target, a.new_text) == ("2. Amend Section 5.4 as follows:", Target("section", "5.4"), "x")


def test_struck_and_retyped_heading_number_line_is_a_renumbered_heading() -> None:
    stream = [
        *_stream("Amend Section 7.3 as follows:"),
        Paragraph("7.3 Test Completion Report", (Run("7.2", "delete"), Run(" "), Run("7.3", "insert"),
                                                 Run(" Test Completion Report"))),
        *_stream("[Text of this Section is unchanged]"),
    ]
    [a] = assemble("annex.pdf", "0" * 64, stream).amendments
    [h, _] = a.blocks
    assert isinstance(h, Heading) and (h.old_number, h.number, h.title) == ("7.2", "7.3", "Test Completion Report")
    assert (a.old_text, a.new_text) == ("7.3 Test Completion Report", "7.3 Test Completion Report")


def test_plain_content_under_insert_and_delete_instructions() -> None:
    stream = [
        *_stream("Insert new Section 7.2 after Section 7.1:"),
        Heading("7.2", "Defect Management", 2, (Run("Defect Management"),)),
        *_stream("Where a test fails, raise a defect."),
        *_stream("Delete Section 6.3 as follows:"),
        Heading("6.3", "Test Stubs", 2, (Run("Test Stubs"),)),
        *_stream("Stubs text."),
    ]
    inserted, deleted = assemble("annex.docx", "0" * 64, stream).amendments
    assert (inserted.old_text, inserted.new_text) == ("", "7.2 Defect Management\nWhere a test fails, raise a defect.")
    assert (deleted.old_text, deleted.new_text) == ("6.3 Test Stubs\nStubs text.", "")


def test_regression_insert_new_section_struck_heading_number_and_placeholder_apply_to_their_baseline(
    tmp_path: Path,
) -> None:
    """The three faults of a hand-written annex applied to its own baseline (issue 12): "Insert new
    Section 5.5 as follows:" was read as struck text of the section before; "~~5.5~~ 5.6 Title" was the
    title "5.5Title"; "[Text of this Section is unchanged]" was old text to find."""
    import docx

    from redline.readers import read
    from redline.versions.apply import apply

    d = docx.Document()
    d.add_paragraph("These changes have been drafted against SEC Version 6.18.")
    d.add_paragraph().add_run("Insert new Section 5.5 as follows:").bold = True
    h = d.add_paragraph(style="Heading 2")
    h.add_run("5.5 Test Witnessing").font.underline = True
    d.add_paragraph().add_run("The DCC may witness any test.").font.underline = True
    d.add_paragraph().add_run("Amend Section 5.6 as follows:").bold = True
    h = d.add_paragraph(style="Heading 2")
    h.add_run("5.5").font.strike = True
    h.add_run(" ")
    h.add_run("5.6").font.underline = True
    h.add_run(" Eligibility Testing for SMETS1")
    d.add_paragraph("[Text of this Section is unchanged]")
    d.save(str(tmp_path / "annex.docx"))
    annex = read(tmp_path / "annex.docx")
    assert [a.instruction for a in annex.amendments] == ["Insert new Section 5.5 as follows:",
                                                         "Amend Section 5.6 as follows:"]
    heading = annex.amendments[1].blocks[0]
    assert isinstance(heading, Heading)
    assert (heading.old_number, heading.number, heading.title) == ("5.5", "5.6", "Eligibility Testing for SMETS1")
    base = read(FIXTURES / "appendix-r-v6.18.docx")
    result = apply(base, annex)
    assert result.plan.mismatches == ()
    s55, s56 = result.document.section("5.5"), result.document.section("5.6")
    assert s55 is not None and s56 is not None and s55.title == "Test Witnessing"
    old = base.section("5.5")
    assert old is not None and (s56.title, s56.blocks) == (old.title, old.blocks)


@pytest.mark.parametrize("line", ["Delete Table 8.1.18 in its entirety.", "Insert new Table 8.1.23 as follows:"])
def test_whole_table_instructions_are_refused_not_half_applied(line: str) -> None:
    from redline.readers import read
    from redline.versions.apply import apply

    stream = [*_stream("Annex A", line)]
    annex = assemble("annex.docx", "0" * 64, stream)
    base = read(FIXTURES / "appendix-r-v6.18.docx")
    [mismatch] = apply(base, annex).plan.mismatches
    assert mismatch.location.startswith("Table 8.1.") and "whole table is not supported" in mismatch.problem
