"""The DOCX reader on small documents built the way Word writes them.

Each test builds a DOCX from WordprocessingML snippets (tests/docx_builder.py)
and checks what the model says: heading numbers from automatic numbering,
list levels, table grids, tracked changes and formatting redlines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_builder import (
    cell,
    dele,
    duis_table,
    heading,
    ins,
    para,
    row,
    run,
    table,
    write_docx,
)

from redline.checks import check
from redline.model import Document, Paragraph, Run, Table
from redline.readers import read

BANNER = "This document is classified as White in accordance with the Panel Information Policy."


def _read(tmp_path: Path, body: list[str], name: str = "doc.docx", **kw: str) -> Document:
    return read(write_docx(tmp_path / name, body, **kw))


def _paragraphs(doc: Document, number: str) -> list[Paragraph]:
    s = doc.section(number)
    assert s is not None, f"no section {number}: {[x.number for x in doc.sections]}"
    return [b for b in s.blocks if isinstance(b, Paragraph)]


# -- headings and numbering ---------------------------------------------------


def test_heading_numbers_come_from_word_automatic_numbering(tmp_path: Path) -> None:
    body = [
        para(text="Appendix R"),
        heading("Introduction", 1),
        heading("Purpose", 2),
        heading("Types of Testing Required", 2),
        heading("Scope", 1),
        heading("Test Sequence", 1),
        heading("Overview", 2),  # level 2 restarts under a new level 1: 3.1, not 1.3
        heading("DUIS Matrix", 3, style="SECHeading3"),  # numbered through a basedOn chain
        heading("DUIS Matrix – IS", 3),
        para(style="Heading3", ppr='<w:numPr><w:ilvl w:val="3"/></w:numPr>', text="Sub-case"),
    ]
    doc = _read(tmp_path, body)
    got = [(s.number, s.title, s.level) for s in doc.sections]
    assert got == [
        ("1", "Introduction", 1),
        ("1.1", "Purpose", 2),
        ("1.2", "Types of Testing Required", 2),
        ("2", "Scope", 1),
        ("3", "Test Sequence", 1),
        ("3.1", "Overview", 2),
        ("3.1.1", "DUIS Matrix", 3),
        ("3.1.2", "DUIS Matrix – IS", 3),
        ("3.1.2(a)", "Sub-case", 3),
    ]


def test_start_override_restarts_the_list_and_legal_numbering(tmp_path: Path) -> None:
    # numId 5 is abstract 0 again with level 0 starting at 8: how Word writes
    # "restart numbering at 8" on a heading in the middle of a document.
    body = [
        heading("Introduction", 1),
        para(style="Heading1", num=(5, 0), text="Test Matrices"),
        para(style="Heading2", text="DUIS Test Matrices"),
        para(style="Heading3", text="DUIS Matrix"),
        para(style="Heading3", text="DUIS Matrix – IS"),
    ]
    doc = _read(tmp_path, body)
    assert [s.number for s in doc.sections] == ["1", "8", "8.1", "8.1.1", "8.1.2"]


def test_typed_heading_numbers_and_outline_level_styles(tmp_path: Path) -> None:
    no_number = '<w:numPr><w:numId w:val="0"/></w:numPr>'
    body = [
        para(style="Heading1", ppr=no_number, text="8 Test Matrices"),
        para(style="PlainHeading2", text="8.1\tDUIS Test Matrices"),  # outline level 2, typed number
        para(style="Heading3", ppr=no_number, text="8.1.10 DUIS Matrix – RSA"),
        para(ppr='<w:outlineLvl w:val="2"/>', text="8.1.11. DUIS Matrix – ED"),
        para(style="Heading2", ppr=no_number, text="Contents"),  # a heading with no number
        para(style="Heading2", ppr=no_number, text="2019 SEC Release"),  # a year, not a number
    ]
    doc = _read(tmp_path, body)
    assert [(s.number, s.title, s.level) for s in doc.sections] == [
        ("8", "Test Matrices", 1),
        ("8.1", "DUIS Test Matrices", 2),
        ("8.1.10", "DUIS Matrix – RSA", 3),
        ("8.1.11", "DUIS Matrix – ED", 3),
    ]
    contents, release = _paragraphs(doc, "8.1.11")
    assert contents.text == "Contents" and contents.style == "subheading"
    assert release.text == "2019 SEC Release" and release.style == "subheading"


def test_bullets_and_numbered_lists_give_list_levels(tmp_path: Path) -> None:
    body = [
        heading("Introduction", 1),
        para(text="The purpose of this document is to:"),
        para(style="ListBullet", text="Define the procedural steps;"),
        para(num=(2, 1), text="Entry and exit requirements"),
        para(num=(3, 0), text="first roman item"),
        para(num=(3, 1), text="lettered sub item"),
        para(num=(4, 0), text="a restarted list"),
        para(run("New User", "<w:b/>")),
    ]
    doc = _read(tmp_path, body)
    got = [(p.text, p.list_level, p.style) for p in _paragraphs(doc, "1")]
    assert got == [
        ("The purpose of this document is to:", None, None),
        ("Define the procedural steps;", 0, None),
        ("Entry and exit requirements", 1, None),
        ("first roman item", 0, None),
        ("lettered sub item", 1, None),
        ("a restarted list", 0, None),
        ("New User", None, "subheading"),
    ]


def test_lower_letter_and_roman_labels_render_like_word() -> None:
    from redline.readers.docx_numbering import format_number

    assert [format_number(n, "lowerLetter") for n in (1, 26, 27, 28)] == ["a", "z", "aa", "bb"]
    assert [format_number(n, "upperRoman") for n in (4, 9, 14, 1990)] == ["IV", "IX", "XIV", "MCMXC"]
    assert format_number(3, "decimalZero") == "03"


# -- body text ----------------------------------------------------------------


def test_fields_hyperlinks_smart_tags_content_controls_tabs_and_symbols(tmp_path: Path) -> None:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> REF _Ref123 \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("8.1.10")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    simple = '<w:fldSimple w:instr=" SEQ Table "><w:r><w:t>3</w:t></w:r></w:fldSimple>'
    link = (
        '<w:hyperlink r:id="rId9"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>SEC</w:t></w:r></w:hyperlink>'
    )
    smart = f'<w:smartTag w:uri="urn:x" w:element="place">{run("Great Britain")}</w:smartTag>'
    sdt = f"<w:sdt><w:sdtPr><w:alias w:val='x'/></w:sdtPr><w:sdtContent>{run('Version 6.18')}</w:sdtContent></w:sdt>"
    tab = "<w:r><w:t>Tab</w:t><w:tab/><w:t>bed</w:t><w:br/><w:t>broken</w:t></w:r>"
    sym = '<w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:t xml:space="preserve"> dot</w:t></w:r>'
    block_sdt = f"<w:sdt><w:sdtContent>{para(text='Inside a content control')}</w:sdtContent></w:sdt>"
    body = [
        heading("Introduction", 1),
        para(run("See Table "), field, run(" and table "), simple, run(" of the "), link, run(" in "), smart),
        para(sdt, run(" "), tab),
        para(sym),
        block_sdt,
    ]
    doc = _read(tmp_path, body)
    texts = [p.text for p in _paragraphs(doc, "1")]
    assert texts == [
        "See Table 8.1.10 and table 3 of the SEC in Great Britain",
        "Version 6.18 Tab bed broken",
        "· dot",
        "Inside a content control",
    ]
    # A hyperlink is underlined by its style: never an insertion.
    assert all(r.mark is None for p in _paragraphs(doc, "1") for r in p.runs)


def test_banner_and_title_block_and_page_headers_are_not_body(tmp_path: Path) -> None:
    header = (
        '<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:p><w:r><w:t>Appendix R page header</w:t></w:r></w:p></w:hdr>"
    )
    body = [
        para(text="Appendix R"),
        para(text="‘Common Testing Scenarios Document’"),
        para(text="SEC Version 6.18"),
        para(text=BANNER),
        heading("Introduction", 1),
        para(text="Body text."),
        para(text=BANNER),
    ]
    doc = _read(tmp_path, body, extra={"word/header1.xml": header})  # type: ignore[arg-type]
    assert doc.title == "Appendix R ‘Common Testing Scenarios Document’"
    assert doc.sec_version == "6.18"
    everything = [b.text for b in doc.front if isinstance(b, Paragraph)] + [p.text for p in _paragraphs(doc, "1")]
    assert "Body text." in everything
    assert not any("classified" in t or "page header" in t for t in everything)


# -- tables -------------------------------------------------------------------


def _rsa_body() -> list[list[str]]:
    return [
        ["8.4", "8.4", "Update Inventory", "N", "Mandatory", "N/A", "Mandatory", "N/A"],
        ["6.2", "6.2.7", "Read Device Configuration (MPxN)", "N", "Mandatory SMETS 2", "Mandatory", "N/A", "N/A"],
        ["11.2", "11.2", "Read Firmware Version", "N", "Mandatory", "Mandatory SMETS 2", "Mandatory", "N/A"],
    ]


def test_duis_table_under_its_heading_is_checked(tmp_path: Path) -> None:
    footer = [
        [cell("Count of N/A", span=4), "0", "1", "1", "3", "5"],
        [cell("Count of Mandatory", span=4), "2", "1", "2", "0", "5"],
        [cell("Count of Mandatory SMETS 2", span=4), "1", "1", "0", "0", "2"],
        [cell("Total Tests", span=4), "9"],  # planted: the rows give 5 + 2 = 7
    ]
    body = [
        para(style="Heading1", num=(5, 0), text="Test Matrices"),
        heading("DUIS Test Matrices", 2),
        heading("DUIS Matrix – RSA", 3),
        para(text="The following table applies to the Registered Supplier Agent."),
        duis_table("RSA", _rsa_body(), footer),
    ]
    doc = _read(tmp_path, body)
    t = doc.table("8.1.1")
    assert t is not None and t.kind == "duis" and t.role == "RSA"
    assert t.columns[:5] == ("SR", "SR Variant", "Service Request Name", "Critical", "CV")
    assert [r.key for r in t.rows] == ["8.4", "6.2.7", "11.2"]
    assert t.value_columns == (4, 5, 6, 7)
    result = check(doc)
    [tc] = result.tables
    assert [(m.row, m.column, m.stated, m.computed) for m in tc.mismatches] == [("Total Tests", "Total", 9, 7)]


def test_merged_cells_rotated_headers_and_multi_paragraph_cells(tmp_path: Path) -> None:
    rotated = '<w:textDirection w:val="btLr"/>'
    header = row(
        [
            cell("Event/Alert Code", tcpr=rotated),
            cell([para(text="Event/Alert Code"), para(text="meaning")], tcpr=rotated),
            cell("Device Alert Variant", tcpr=rotated),
            cell("Critical", tcpr=rotated),
            cell("Test Scenario", tcpr=rotated),
            cell("User Role", tcpr=rotated),
        ],
        header=True,
    )
    variant = "Device Alert – Type 1 (Alert Code and Timestamp)"
    rows = [
        header,
        row(
            [
                cell("0x8F32", vmerge="restart"),
                cell("Unauthorised Physical Access", vmerge="restart"),
                cell([para(text=variant), para(text="DLMS")]),
                "N",
                "Mandatory",
                "IS",
            ]
        ),
        row(
            [
                cell("", vmerge="continue"),
                cell("", vmerge="continue"),
                cell(f"{variant} Zigbee"),
                "N",
                "Mandatory",
                "IS",
            ]
        ),
        header,  # a header row repeated by hand inside the body (a page break in the source)
        row([cell("Count of Mandatory", span=4), "2", ""]),
    ]
    body = [heading("Device Alerts – IS", 1), table(rows, 6)]
    doc = _read(tmp_path, body)
    [t] = doc.tables()
    assert t.kind == "device_alert" and t.columns[1] == "Event/Alert Code meaning"
    assert [r.key for r in t.rows] == ["0x8F32", "0x8F32"]
    assert [r.name for r in t.rows] == ["Unauthorised Physical Access"] * 2
    assert t.rows[0].cells[2].text == f"{variant} DLMS"
    assert [(f.label, f.figures) for f in t.footer] == [("Count of Mandatory", (2,))]
    assert check(doc).ok


def test_nested_tables_content_controls_and_grid_before(tmp_path: Path) -> None:
    nested = table([row(["N49", "N50"]), row(["N51", "N52"])], 2)
    control_row = row(["AD1", "Alert in a control", "Mandatory", "Registered ED"])
    sdt_row = f"<w:sdt><w:sdtContent>{control_row}</w:sdtContent></w:sdt>"
    sdt_cell = f"<w:sdt><w:sdtContent>{cell('Mandatory')}</w:sdtContent></w:sdt>"
    gap = '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + cell("Gap name") + cell("N/A") + cell("ED") + "</w:tr>"
    rows = [
        row(["Reference", "Name", "Test Scenario", "Applicable User Role"], header=True),
        row([cell([nested]), "Device Status Change", "Mandatory", "Registered ED"]),
        sdt_row,
        "<w:tr>" + cell("N17") + cell("DSP Schedule Removal") + sdt_cell + cell("Registered ED") + "</w:tr>",
        gap,
    ]
    doc = _read(tmp_path, [heading("DCC Alert Tests – ED", 1), table(rows, 4)])
    [t] = doc.tables()
    assert t.kind == "dcc_alert" and t.role == "ED"
    assert [r.key for r in t.rows] == ["N49 N50 N51 N52", "AD1", "N17", ""]
    assert t.rows[2].cells[2].text == "Mandatory"
    assert t.rows[3].texts == ("", "Gap name", "N/A", "ED")


def test_caption_numbers_the_table_below_it(tmp_path: Path) -> None:
    rows = [
        row(["Reference", "Name", "Test Scenario", "Applicable User Role"], header=True),
        row(["N1", "x", "Mandatory", "ES"]),
    ]
    doc = _read(
        tmp_path,
        [
            heading("DUIS Test Matrices", 1),
            para(style="Caption", text="Table 8.1.21: DCC Alert Tests – ES"),
            table(rows, 4),
        ],
    )
    [t] = doc.tables()
    assert (t.number, t.title) == ("8.1.21", "DCC Alert Tests – ES")


def test_document_without_tables_has_nothing_to_check(tmp_path: Path) -> None:
    doc = _read(tmp_path, [heading("Introduction", 1), para(text="Only prose here.")])
    assert doc.tables() == () and check(doc).ok and check(doc).tables == ()


# -- redline marks ------------------------------------------------------------


def test_tracked_changes_keep_marks_and_read_as_accepted(tmp_path: Path) -> None:
    moved = (
        '<w:moveFrom w:id="3" w:author="A"><w:r><w:t>old place</w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="4" w:author="A"><w:r><w:t>new place</w:t></w:r></w:moveTo>'
    )
    format_change = (
        '<w:r><w:rPr><w:b/><w:rPrChange w:id="5" w:author="A"><w:rPr/></w:rPrChange></w:rPr><w:t> bold</w:t></w:r>'
    )
    para_mark = '<w:rPr><w:ins w:id="6" w:author="A" w:date="2026-01-01T00:00:00Z"/></w:rPr>'
    footer = [
        [cell("Count of N/A", span=4), "0", "1", "1", "3", "5"],
        [cell("Count of Mandatory", span=4), "2", "1", "2", "0", "5"],
        [cell("Count of Mandatory SMETS 2", span=4), "1", "1", "0", "0", "2"],
        [cell("Total Tests", span=4), cell([para(dele("9"), ins(run("7")))])],
    ]
    body = [
        heading("Introduction", 1),
        para(run("For an existing User"), ins(run(" seeking access")), dele(" wanting"), run(".")),
        para(moved, format_change, ppr=para_mark),
        duis_table("RSA", _rsa_body(), footer),
    ]
    doc = _read(tmp_path, body)
    first, second = _paragraphs(doc, "1")
    assert first.text == "For an existing User seeking access."
    assert first.old_text == "For an existing User wanting."
    assert first.runs == (
        Run("For an existing User"),
        Run(" seeking access", "insert"),
        Run(" wanting", "delete"),
        Run("."),
    )
    assert second.text == "new place bold" and second.old_text == "old place bold"
    [t] = doc.tables()
    [total] = [f for f in t.footer if f.label == "Total Tests"]
    assert total.figures == (7,) and total.old_figures == (9,)
    assert check(doc).ok


def test_annex_strike_and_underline_are_deletions_and_insertions(tmp_path: Path) -> None:
    struck = "<w:strike/><w:color w:val='FF0000'/>"
    under = "<w:u w:val='single'/><w:color w:val='0000FF'/>"
    footer = [
        [cell("Count of N/A", span=4), "0", "1", "1", "3", "5"],
        [cell("Count of Mandatory", span=4), "2", "1", "2", "0", cell([para(run("16", struck), run("5", under))])],
        [cell("Count of Mandatory SMETS 2", span=4), "1", "1", "0", "0", "2"],
        [cell("Total Tests", span=4), cell([para(run("23", struck), run("7", under))])],
    ]
    body = [
        para(text="MP089 ‘Changes to Appendix R ‘Common Testing Scenarios Document’"),
        para(text="These changes have been drafted against SEC Version 6.18."),
        para(text="Amend Section 1.2 as follows:"),
        heading("Types of Testing Required", 1),
        para(run("For an existing User seeking "), run("to send", under), run("sending", struck), run(" requests.")),
        para(text="Amend Table 8.1.10 as follows:"),
        duis_table("RSA", _rsa_body(), footer),
    ]
    doc = _read(tmp_path, body)
    assert doc.drafted_against == "6.18"
    section, tbl = doc.amendments
    assert section.target.number == "1.2" and section.inserted == ("to send",) and section.deleted == ("sending",)
    assert tbl.target.kind == "table" and tbl.target.number == "8.1.10"
    assert tbl.inserted == ("5", "7") and tbl.deleted == ("16", "23")
    [t] = [b for b in tbl.blocks if isinstance(b, Table)]
    assert t.number == "8.1.10"
    assert {f.label: (f.figures, f.old_figures) for f in t.footer}["Total Tests"] == ((7,), (23,))


def test_underline_in_a_plain_version_is_emphasis_not_insertion(tmp_path: Path) -> None:
    body = [heading("Introduction", 1), para(run("must "), run("not", "<w:u w:val='single'/>"), run(" be sent"))]
    doc = _read(tmp_path, body)
    [p] = _paragraphs(doc, "1")
    assert p.text == "must not be sent" and all(r.mark is None for r in p.runs)


def test_strike_through_character_style_counts_as_deletion(tmp_path: Path) -> None:
    body = [
        heading("Introduction", 1),
        para(run("kept "), run("gone", '<w:rStyle w:val="Deleted"/>'), run(" new", "<w:u/>")),
    ]
    doc = _read(tmp_path, body)
    [p] = _paragraphs(doc, "1")
    assert p.text == "kept new" and p.old_text == "kept gone"


def test_hidden_text_is_not_read(tmp_path: Path) -> None:
    doc = _read(tmp_path, [heading("Introduction", 1), para(run("shown"), run(" secret", "<w:vanish/>"))])
    [p] = _paragraphs(doc, "1")
    assert p.text == "shown"


def test_heading_with_tracked_insertion_keeps_title_runs(tmp_path: Path) -> None:
    h = para(run("DUIS Matrix"), ins(run(" – RSA")), style="Heading1")
    doc = _read(tmp_path, [h])
    [s] = doc.sections
    assert (s.number, s.title, s.old_title) == ("1", "DUIS Matrix – RSA", "DUIS Matrix")


def test_fast_table_pass_reads_what_the_full_walk_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain documents take docx_tables' one-pass reader; it must agree with the run-by-run walk."""
    import redline.readers.docx as reader

    nested = table([row(["N49", "N50"]), row(["N51", "N52"])], 2)
    rows = [
        row(["Reference", "Name", "Test Scenario", "Applicable User Role"], header=True),
        row(
            [cell("N1", vmerge="restart"), cell([para(text="Device"), para(text="Status\tChange")]), "Mandatory", "ED"]
        ),
        row([cell("", vmerge="continue"), cell("Second"), cell("N/A", span=2)]),
        row([cell([nested]), "Grouped", "Mandatory", "ED"]),
        "<w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr>" + cell("x") + cell("y") + cell("z") + "</w:tr>",
        row(
            [
                cell([para("<w:r><w:t>Type</w:t><w:tab/><w:t>1</w:t><w:br/><w:t>Zig</w:t><w:noBreakHyphen/></w:r>")]),
                cell([para('<w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:t xml:space="preserve"> N/A </w:t></w:r>')]),
                cell([para(run("field "), "<w:r><w:instrText> PAGE </w:instrText></w:r>", run("result"))]),
                cell([para('<w:hyperlink r:id="rId9"><w:r><w:t>link</w:t></w:r></w:hyperlink>')]),
            ]
        ),
    ]
    footer = [[cell("Count of N/A", span=4), "0", "1", "1", "3", "5"], [cell("Total Tests", span=4), "9"]]
    body = [
        heading("DUIS Matrix – RSA", 1),
        duis_table("RSA", _rsa_body(), footer),
        heading("DCC Alert Tests – ED", 1),
        table(rows, 4),
        para(style="ListBullet", text="after the tables"),
    ]
    path = write_docx(tmp_path / "plain.docx", body)
    fast = read(path)
    monkeypatch.setattr(reader, "read_plain_table", lambda *args, **kwargs: None)
    full = read(path)
    assert fast.sections == full.sections and len(fast.tables()) == 2
    assert fast.tables()[1].rows[-1].texts == ("Type 1 Zig-", "· N/A", "field result", "link")


def test_main_part_is_found_through_the_package_relationships(tmp_path: Path) -> None:
    import zipfile

    from docx_builder import CONTENT_TYPES, STYLES, document_xml

    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="/word/document2.xml"'
        ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
        "</Relationships>"
    )
    path = tmp_path / "renamed.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES.replace("/word/document.xml", "/word/document2.xml"))
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document2.xml", document_xml([para(style="Heading1", text="1 Introduction")]))
        z.writestr("word/styles.xml", STYLES)
    doc = read(path)
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Introduction")]


def test_annex_table_excerpt_without_a_header_row(tmp_path: Path) -> None:
    """MP089 amends tables by showing only the changed rows and the footer."""
    struck, under = "<w:strike/>", "<w:u w:val='single'/>"
    added = "Communications Hub Status Update- Fault Return"
    rows = [
        row(["8.4", "8.4", "Update Inventory", "N", "N/A", "N/A", "N/A", "Mandatory", "RSA"]),
        row(
            [cell([para(run(x, under))]) for x in ["8.14", "8.14.3", added, "N", "N/A", "N/A", "N/A"]]
            + [cell([para(run("Mandatory", under), run(" SMETS 2", under))]), cell([para(run("RSA", under))])]
        ),
        row(
            [cell("Count of Mandatory", span=4), "9", "0", "0", "3", cell([para(run("16", struck), run("12", under))])]
        ),
        row([cell("Total Tests", span=4), "", "", "", "", cell([para(run("23", struck), run("20", under))])]),
    ]
    body = [
        para(text="These changes have been drafted against SEC Version 6.18."),
        para(text="Amend Table 8.1.10 as follows:"),
        table(rows, 9),
    ]
    doc = _read(tmp_path, body)
    [amendment] = doc.amendments
    [t] = [b for b in amendment.blocks if isinstance(b, Table)]
    assert t.number == "8.1.10" and t.kind == "duis" and t.header_rows == ()
    assert [r.key for r in t.rows] == ["8.4", "8.14.3"] and t.rows[1].name == added
    assert [(f.label, f.figures, f.old_figures) for f in t.footer] == [
        ("Count of Mandatory", (9, 0, 0, 3, 12), (9, 0, 0, 3, 16)),
        ("Total Tests", (20,), (23,)),
    ]
    assert amendment.deleted == ("16", "23")
    assert amendment.inserted[:2] == ("8.14", "8.14.3")


def test_cells_with_marks_read_the_same_in_the_fast_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a table with a few tracked or redlined cells, only those cells take the full walk."""
    import redline.readers.docx as reader

    struck, under = "<w:strike/>", "<w:u w:val='single'/>"
    rows = [
        row(["Reference", "Name", "Test Scenario", "Applicable User Role"], header=True),
        row(
            ["N1", cell([para(run("Device "), ins(run("Status ")), dele("State "), run("Change"))]), "Mandatory", "ED"]
        ),
        row(["N2", cell([para(run("Hidden"), run(" text", "<w:vanish/>"))]), "Mandatory", "ED"]),
        row(
            ["N3", cell([para(run("Old", struck), run("New", under))]), cell([para(num=(3, 0), text="Optional")]), "ED"]
        ),
        row(["N4", "Plain", cell([para(num=(3, 0), text="Mandatory")]), "ED"]),
        # Paragraphs of the heading list inside cells advance Word's counters, marked or not.
        row(["N5", cell([para(ins(run("Numbered")), num=(1, 1))]), cell([para(num=(1, 1), text="Also")]), "ED"]),
    ]
    body = [
        heading("Introduction", 1),
        para(text="Amend Table 8.1.22 as follows:"),
        table(rows, 4),
        heading("After the table", 2),
    ]
    path = write_docx(tmp_path / "marked.docx", body)
    fast = read(path)
    monkeypatch.setattr(reader, "read_plain_table", lambda *args, **kwargs: None)
    full = read(path)
    assert fast == full
    [t] = [b for b in fast.amendments[0].blocks if isinstance(b, Table)]
    assert [r.name for r in t.rows] == ["Device Status Change", "Hidden", "New", "Plain", "Numbered"]
    assert [s.number for s in fast.sections] == ["1", "1.3"]
    assert t.rows[0].cells[1].old_text == "Device State Change" and t.rows[2].cells[1].old_text == "Old"


def test_old_formatting_of_a_tracked_format_change_is_not_a_redline(tmp_path: Path) -> None:
    """rPrChange holds the formatting before the change: a strike that was removed makes nothing a deletion."""
    was_struck = (
        '<w:r><w:rPr><w:b/><w:rPrChange w:id="7" w:author="A"><w:rPr><w:strike/></w:rPr></w:rPrChange></w:rPr>'
        "<w:t>no longer struck</w:t></w:r>"
    )
    old_style = '<w:pPrChange w:id="8" w:author="A"><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr></w:pPrChange>'
    body = [
        heading("Introduction", 1),
        para(run("must "), run("not", "<w:u w:val='single'/>"), run(" be sent; "), was_struck, ppr=old_style),
        table([row(["Reference", "Name"], header=True), row(["N1", cell([para(text="x", ppr=old_style)])])], 2),
        heading("Scope", 2),
    ]
    doc = _read(tmp_path, body)
    [p] = _paragraphs(doc, "1")
    assert p.text == "must not be sent; no longer struck" and p.list_level is None
    assert all(r.mark is None for r in p.runs)
    assert [s.number for s in doc.sections] == ["1", "1.1"]


def test_toc_heading_is_not_a_section(tmp_path: Path) -> None:
    """Word's "TOC Heading" is based on Heading 1 but sets outline level 9 (body text)."""
    doc = _read(tmp_path, [para(style="TOCHeading", text="Contents"), heading("Introduction", 1)])
    assert [s.number for s in doc.sections] == ["1"]
    assert [(b.text, b.style) for b in doc.front if isinstance(b, Paragraph)] == [("Contents", None)]


def test_struck_typed_heading_of_a_deleted_section_keeps_its_number(tmp_path: Path) -> None:
    struck = "<w:strike/>"
    no_number = '<w:numPr><w:numId w:val="0"/></w:numPr>'
    body = [
        para(text="Delete Section 6.3 as follows:"),
        para(run("6.3 Test Stubs", struck), style="Heading2", ppr=no_number),
        para(run("The DCC provides test stubs.", struck)),
    ]
    doc = _read(tmp_path, body)
    [s] = doc.sections
    assert (s.number, s.title, s.old_title) == ("6.3", "", "Test Stubs")
    [amendment] = doc.amendments
    assert amendment.target.number == "6.3" and amendment.deleted == ("Test Stubs", "The DCC provides test stubs.")
    assert amendment.old_text == "6.3 Test Stubs\nThe DCC provides test stubs."


def test_python_docx_list_bullet_2_style_is_the_second_level(tmp_path: Path) -> None:
    """python-docx's default template numbers "List Bullet 2" as level 0 of a
    list of its own; Word indents it as the second level, and so do we (the
    PDF of the same document reads it as level 1 from its indent)."""
    import docx

    d = docx.Document()
    d.add_heading("1.2 Types of Testing Required", level=2)
    d.add_paragraph("For a new Party seeking to undertake User Entry Process Testing;", style="List Bullet")
    d.add_paragraph("Entry and exit requirements;", style="List Bullet 2")
    d.add_paragraph("Defining Test Scripts;", style="List Bullet 2")
    d.add_paragraph("For an existing User seeking to access R2.0 functionality.", style="List Bullet")
    path = tmp_path / "bullets.docx"
    d.save(str(path))
    paragraphs = _paragraphs(read(path), "1.2")
    assert [p.list_level for p in paragraphs] == [0, 1, 1, 0]


def test_docx_table_cell_dash_spacing_matches_its_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reviewer typed "Status Update– Fault Return" (hyphen changed to an en dash) in
    a DUIS row. The PDF reader gives "Status Update – Fault Return" (the shared
    normalisation spaces both sides of a dash with a space on one side); the DOCX
    fast table pass skipped that normalisation, so DOCX→DOCX and PDF→PDF diffs of
    the same edit printed different names. Both table passes must normalise alike,
    as paragraphs already do (ligature, soft hyphen and zero-width space too)."""
    import redline.readers.docx as reader

    body_rows = [
        *_rsa_body(),
        ["8.14", "8.14.3", "Communications Hub Status Update\u2013 Fault Return", "N"] + ["N/A"] * 3 + ["Mandatory"],
        ["8.9", "8.9", "Read De\u00advice Lo\u200bg of\ufb01ce", "N", "N/A", "N/A", "N/A", "Mandatory"],
    ]
    body = [heading("DUIS Matrix – RSA", 1), duis_table("RSA", body_rows, [])]
    path = write_docx(tmp_path / "dash.docx", body)
    fast = read(path).tables()[0]
    assert [r.name for r in fast.rows[-2:]] == [
        "Communications Hub Status Update – Fault Return",
        "Read Device Log office",
    ]
    monkeypatch.setattr(reader, "read_plain_table", lambda *args, **kwargs: None)
    assert read(path).tables()[0].rows == fast.rows


@pytest.mark.parametrize(
    "text",
    ["N/A", "Mandatory SMETS 2", "Mode /Tariff", "Mode/ Tariff", "Update– Fault", "2019–2020", "of\ufb01ce",
     "Lo\u200bg", "De\u00advice", "a — b", "Plain text."],
)
def test_settled_cell_text_is_what_normalise_text_gives(text: str) -> None:
    """The fast pass skips normalise_text for a cell is_settled passes (every "N/A"
    cell went through the dash and slash rule, a third of the read): skipping must
    never keep a text that normalise_text would change."""
    from redline.readers.normalise import is_settled, normalise_text

    assert not is_settled(text) or normalise_text(text) == text
    assert is_settled(normalise_text(text)) or any(c in text for c in "/–—")
