"""Stream → Document: sections, table numbers, title block, annex amendments."""

from __future__ import annotations

import pytest

from redline.model import Heading, Paragraph, Run
from redline.structure import TableDraft, assemble, parse_instruction
from redline.tables import RawCell, RawRow, plain_cell


def _p(text: str, runs: tuple[Run, ...] = ()) -> Paragraph:
    return Paragraph(text, runs or (Run(text),))


def _dcc_rows(*body: list[str]) -> list[RawRow]:
    header = RawRow(
        tuple(RawCell(plain_cell(t)) for t in ["Reference", "Name", "Test Scenario", "Applicable User Role"]),
        is_header=True,
    )
    return [header, *(RawRow(tuple(RawCell(plain_cell(t)) for t in r)) for r in body)]


def test_sections_title_version_and_table_number_from_heading() -> None:
    stream = [
        _p("Appendix R"),
        _p("‘Common Testing Scenarios Document’"),
        _p("SEC Version 6.18"),
        _p("This document is classified as White in accordance with the Panel Information Policy."),
        Heading("1", "Introduction", 1),
        Heading("1.1", "Purpose", 2),
        _p("The purpose of this document is to:"),
        Heading("8.1.19", "DCC Alert Tests – IS", 3),
        TableDraft(_dcc_rows(["N17", "DSP Schedule Removal", "Mandatory", "Previously Registered IS"])),
    ]
    doc = assemble("a.docx", "0" * 64, stream)
    assert doc.title == "Appendix R ‘Common Testing Scenarios Document’"
    assert doc.sec_version == "6.18"
    assert [s.number for s in doc.sections] == ["1", "1.1", "8.1.19"]
    assert all("classified" not in b.text for b in doc.front if isinstance(b, Paragraph))
    table = doc.table("8.1.19")
    assert table is not None and table.title == "DCC Alert Tests – IS" and table.role == "IS"


def test_caption_paragraph_numbers_the_table_under_it() -> None:
    stream = [
        Heading("8.1", "DUIS Test Matrices", 2),
        _p("Table 8.1.21: DCC Alert Tests – ES"),
        TableDraft(_dcc_rows(["N1", "Device Status Change", "Mandatory SMETS2+", "Registered ES"])),
    ]
    doc = assemble("a.docx", "0" * 64, stream)
    [table] = doc.tables()
    assert (table.number, table.title, table.role) == ("8.1.21", "DCC Alert Tests – ES", "ES")


def test_stale_typed_caption_gives_way_to_the_renumbered_heading() -> None:
    """A drafter deleted section 8.1.11; Word renumbered the headings but the
    typed caption under "8.1.12 Device Alert Tests – IS" still says Table 8.1.13,
    the number the next heading now has: two tables must not share 8.1.13."""
    alert_header = ["Event / Alert Code", "Event / Alert Code Meaning", "Device Alert Variant", "Critical",
                    "Test Scenario", "User Role"]

    def alerts(role: str) -> TableDraft:
        row = ["0x8F32", "Supply Armed", "Device Alert – Type 1 (Alert Code and Timestamp) Zigbee", "Y",
               "Mandatory", role]
        return TableDraft([RawRow(tuple(RawCell(plain_cell(t)) for t in alert_header), is_header=True),
                           RawRow(tuple(RawCell(plain_cell(t)) for t in row))])

    stream = [
        Heading("8.1.12", "Device Alert Tests – IS", 3),
        _p("Table 8.1.13: Device Alert Tests – IS"),
        alerts("IS"),
        Heading("8.1.13", "Device Alert Tests – GS", 3),
        alerts("GS"),
        Heading("8.1.14", "DUIS Test Matrices", 3),
        _p("Table 8.1.21: DCC Alert Tests – ES"),  # a caption of its own, not stale: it keeps its number
        TableDraft(_dcc_rows(["N1", "Device Status Change", "Mandatory SMETS2+", "Registered ES"])),
    ]
    doc = assemble("v6.20.docx", "0" * 64, stream)
    assert [(t.number, t.role) for t in doc.tables()] == [("8.1.12", "IS"), ("8.1.13", "GS"), ("8.1.21", "ES")]
    assert len(doc.warnings) == 1 and "Table 8.1.13" in str(doc.warnings[0]) and "8.1.12" in str(doc.warnings[0])


def test_two_sections_with_one_typed_number_are_warned_about() -> None:
    stream = [
        Heading("5.2", "Test Scripts and Test Data", 2),
        Heading("5.3", "Test Witnessing", 2),
        _p("The DCC may witness any test."),
        Heading("5.3", "Test Execution", 2),
        _p("Tests shall be executed in the UIT environment."),
    ]
    doc = assemble("typed.docx", "0" * 64, stream)
    assert [str(w) for w in doc.warnings] == ["2 sections numbered 5.3: 'Test Witnessing', 'Test Execution'"]
    assert assemble("ok.docx", "0" * 64, stream[:3]).warnings == ()
    # a full redlined copy: 5.3 struck whole (no title left) and the old 5.4 now 5.3
    redline = [Heading("5.3", "", 2, (Run("Test Witnessing", "delete"),)), *stream[3:]]
    assert assemble("full.docx", "0" * 64, redline).warnings == ()


def test_annex_instructions_become_amendments_with_old_and_new_text() -> None:
    bullet = (Run("Additive UEPT in respect of R2.0 Functionality"), Run("; and", "insert"))
    stream = [
        _p("These changes have been drafted against SEC Version 6.18."),
        _p("Amend Section 1 as follows:"),
        Heading("1", "Introduction", 1),
        Paragraph("Additive UEPT in respect of R2.0 Functionality; and", bullet, list_level=0),
        _p("Amend Table 8.1.19 as follows:"),
        TableDraft(_dcc_rows(["N17", "DSP Schedule Removal", "Mandatory", "Previously Registered IS"])),
    ]
    doc = assemble("annex.docx", "0" * 64, stream)
    assert doc.drafted_against == "6.18" and doc.sec_version is None
    first, second = doc.amendments
    assert first.target.kind == "section" and first.target.number == "1"
    assert first.inserted == ("; and",) and first.deleted == ()
    assert first.old_text == "1 Introduction\nAdditive UEPT in respect of R2.0 Functionality"
    assert first.new_text.endswith("Functionality; and")
    assert second.target.kind == "table" and second.target.number == "8.1.19"
    [table] = [b for b in second.blocks if not isinstance(b, Heading | Paragraph)]
    assert table.number == "8.1.19" and table.rows[0].key == "N17"


def test_inserted_and_deleted_sections_have_no_text_on_their_missing_side() -> None:
    """MP089's "Insert Section 7.2" had no 7.2 before and "Delete Section 6.3"
    none after: ``old_text``/``new_text`` must be empty there, not the bare number."""
    new_para = "Where a test does not meet its expected result the Testing Participant shall raise a defect."
    old_para = "Where a Device or system is not available the DCC shall provide a test stub."
    stream = [
        _p("These changes have been drafted against SEC Version 6.18."),
        _p("Delete Section 6.3 as follows:"),
        Heading("6.3", "Test Stubs", 2, (Run("Test Stubs", "delete"),)),
        Paragraph(old_para, (Run(old_para, "delete"),)),
        _p("Insert Section 7.2 as follows:"),
        Heading("7.2", "Defect Management and Retesting", 2, (Run("Defect Management and Retesting", "insert"),)),
        Paragraph(new_para, (Run(new_para, "insert"),)),
    ]
    deleted, inserted = assemble("annex.docx", "0" * 64, stream).amendments
    assert (deleted.old_text, deleted.new_text) == (f"6.3 Test Stubs\n{old_para}", "")
    assert (inserted.old_text, inserted.new_text) == ("", f"7.2 Defect Management and Retesting\n{new_para}")


def test_instruction_forms() -> None:
    t = parse_instruction("Amend Table 8.1.10 as follows:")
    assert t is not None and (t.kind, t.number) == ("table", "8.1.10")
    t = parse_instruction("Amend Section 5.4 as follows:")
    assert t is not None and (t.kind, t.number) == ("section", "5.4")
    assert parse_instruction("Clause 8 sets out the specific tests") is None


def test_check_prints_what_the_reader_warned_about(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reviewer runs `check`, not `parse`: a stale caption that moved a table's
    number must reach them there too."""
    from redline import cli

    stream = [
        Heading("8.1.18", "DCC Alert Tests – IS", 3),
        _p("Table 8.1.19: DCC Alert Tests – IS"),
        TableDraft(_dcc_rows(["N17", "DSP Schedule Removal", "Mandatory", "Previously Registered IS"])),
    ]
    doc = assemble("v6.20.docx", "0" * 64, stream)
    monkeypatch.setattr(cli, "_load", lambda arg, args=None: doc)
    assert cli.main(["check", "v6.20.docx"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("warning: caption 'Table 8.1.19' under heading 8.1.18")
