"""The SEC main body: Section A and Section H extracts of 6.18 and 6.19 (fixtures/sec/,
built by fixtures/build_sec.py as Word writes them, with LibreOffice PDFs).

What is expected comes from the fixtures' data (fixtures/sec_data.py) and the edits
fixtures/sec/CHANGES.md lists, never from what redline itself produced.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fixtures.sec_data import DEFINITIONS_618, NOT_USED, Clause, definitions_619, section
from redline import numbering
from redline.cli import main
from redline.diff import diff
from redline.instructions import parse_instruction
from redline.model import Document, Paragraph
from redline.readers import read

SEC = Path(__file__).resolve().parents[1] / "fixtures" / "sec"
FORMATS = ("docx", "pdf")


def _path(version: str, letter: str, fmt: str = "docx") -> Path:
    return SEC / version / f"section-{letter.lower()}.{fmt}"


def _expected_numbers(letter: str, version: str) -> list[str]:
    """Every heading and clause number of the fixture, counted from its data as Word counts."""
    doc = section(letter, version)
    out = []
    top = 0
    for part in doc.parts:
        top = part.start if part.start is not None else top + 1
        out.append(f"{letter}{top}")
        n = 0
        for block in part.body:
            if isinstance(block, Clause):
                if block.typed:
                    out.append(block.typed)
                else:
                    n += 1
                    out.append(f"{letter}{top}.{n}")
    return out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("version", ["6.18", "6.19"])
@pytest.mark.parametrize("letter", ["A", "H"])
def test_every_clause_number_is_a_section(letter: str, version: str, fmt: str) -> None:
    doc = read(_path(version, letter, fmt))
    assert [s.number for s in doc.sections] == _expected_numbers(letter, version)
    assert doc.front and not any(b.text.startswith(letter + "1") for b in doc.front if isinstance(b, Paragraph))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("version", ["6.18", "6.19"])
def test_definitions_are_keyed_by_term_with_no_header_row(version: str, fmt: str) -> None:
    doc = read(_path(version, "A", fmt))
    table = doc.table("A1.1")
    assert table is not None and table.kind == "definitions"
    assert table.header_rows == ()
    terms = DEFINITIONS_618 if version == "6.18" else definitions_619()
    assert [r.key for r in table.rows] == sorted((t for t, _ in terms), key=str.casefold)
    assert len(table.rows) >= 50


def test_not_used_clauses_stay_units_and_sub_paragraphs_keep_their_numbers() -> None:
    doc = read(_path("6.19", "H"))
    h14_9 = doc.section("H14.9")
    assert h14_9 is not None and [b.text for b in h14_9.blocks if isinstance(b, Paragraph)] == [NOT_USED]
    h14_12 = doc.section("H14.12")
    assert h14_12 is not None
    labels = [b.label for b in h14_12.blocks if isinstance(b, Paragraph) and b.label]
    assert labels == ["(a)", "(b)", "(i)", "(ii)", "(c)", "(d)"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_section_h_diff_reports_exactly_the_planted_edits(fmt: str) -> None:
    result = diff(read(_path("6.18", "H", fmt)), read(_path("6.19", "H", fmt)))
    changes = {s.number: s.change for s in result.sections}
    assert changes == {"H14.2A": "added", "H14.5": "modified", "H14.9": "modified", "H14.12": "modified"}
    by_number = {s.number: s for s in result.sections}
    assert [(p.change, p.new) for p in by_number["H14.9"].paragraphs if p.change == "added"] == [("added", NOT_USED)]
    added = [p for p in by_number["H14.12"].paragraphs if p.change == "added"]
    assert [(p.label, p.new) for p in added] == [
        ("(d)", "the proposed dates of the tests, consistent with the Testing Schedule.")
    ]
    assert result.tables == ()
    assert result.references == ()


@pytest.mark.parametrize("fmt", FORMATS)
def test_section_a_diff_reports_definitions_added_removed_changed_renamed(fmt: str) -> None:
    result = diff(read(_path("6.18", "A", fmt)), read(_path("6.19", "A", fmt)))
    (table,) = result.tables
    assert table.kind == "definitions"
    assert [r.key for r in table.rows_added] == ["Testing Schedule"]
    assert [r.key for r in table.rows_removed] == ["Test Certificate"]
    assert [(r.old_name, r.name) for r in table.rows_renamed] == [
        ("SMKI and Repository Entry Process Tests", "SMKI and Repository Tests")
    ]
    assert [c.key for c in table.cells_changed] == ["Testing Issue"]
    assert table.rows_moved == ()
    assert {s.number: s.change for s in result.sections} == {"A2.4": "modified"}
    # "Section H14.2A", new in A2.4, is Section H's clause: not looked for in Section A
    assert result.references == ()


@pytest.mark.parametrize("annex_suffix", [".docx", ".pdf"])
@pytest.mark.parametrize("letter", ["A", "H"])
def test_annex_parse_apply_gives_the_new_version(
    letter: str, annex_suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    annex = tmp_path / f"annex{annex_suffix}"
    draft = tmp_path / "draft.docx"
    assert main(["annex", str(_path("6.18", letter)), str(_path("6.19", letter)), "-o", str(annex)]) == 0
    assert main(["apply", str(annex), "--to", str(_path("6.18", letter)), "-o", str(draft), "--version", "6.19"]) == 0
    assert "rebuilt" not in capsys.readouterr().err  # amended in the baseline's own DOCX
    assert main(["diff", str(draft), str(_path("6.19", letter)), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["sections"] == [] and out["tables"] == [] and not out["front_matter"]


def test_annex_writes_only_the_affected_definitions_under_amend_section_a1_1(tmp_path: Path) -> None:
    annex = tmp_path / "annex.docx"
    assert main(["annex", str(_path("6.18", "A")), str(_path("6.19", "A")), "-o", str(annex)]) == 0
    doc = read(annex)
    first = doc.amendments[0]
    assert first.instruction == "Amend Section A1.1 as follows:"
    (table,) = [b for b in first.blocks if not isinstance(b, Paragraph)]
    # "…" where definitions are left out between two shown ones (issue 18)
    assert [r.key or r.cells[0].old_text for r in table.rows] == [
        "SMKI and Repository Tests", "…", "Test Certificate", "…", "Testing Issue", "Testing Schedule"
    ]


def test_inserted_clause_is_typed_with_numbering_off_and_the_next_keeps_its_number(tmp_path: Path) -> None:
    annex, draft = tmp_path / "annex.docx", tmp_path / "draft.docx"
    main(["annex", str(_path("6.18", "H")), str(_path("6.19", "H")), "-o", str(annex)])
    main(["apply", str(annex), "--to", str(_path("6.18", "H")), "-o", str(draft)])
    import zipfile

    xml = zipfile.ZipFile(draft).read("word/document.xml").decode()
    at = xml.index(">H14.2A<")
    paragraph = xml[xml.rindex("<w:p>", 0, at) if "<w:p>" in xml[:at] else xml.rindex("<w:p ", 0, at) : at]
    assert '<w:numId w:val="0"/>' in paragraph
    numbers = [s.number for s in read(draft).sections]
    assert numbers.index("H14.2A") + 1 == numbers.index("H14.3")


# -- the grammar -------------------------------------------------------------------------------------------------


def test_sec_numbers_sort_with_inserted_clauses_between() -> None:
    numbers = ["H14.3", "H14.2A", "H14.10", "H14.2", "A1.1", "H14.2B", "H1", "8.1.10", "8.1.9"]
    assert sorted(numbers, key=numbering.sort_key) == [
        "8.1.9", "8.1.10", "A1.1", "H1", "H14.2", "H14.2A", "H14.2B", "H14.3", "H14.10"
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("8.1.10 DUIS Matrix", "8.1.10"),
        ("H14 TESTING SERVICES", "H14"),
        ("A1.1\tIn this Code", "A1.1"),
        ("2019 Release", None),
        ("A Party shall", None),
        ("5UEPT Procedure", None),
    ],
)
def test_typed_numbers(text: str, expected: str | None) -> None:
    found = numbering.typed_number(text)
    assert (found[0] if found else None) == expected


def test_a_clause_number_run_into_its_text_in_a_pdf_word() -> None:
    assert numbering.clause_run_in("H14.10Where") == "H14.10"
    assert numbering.clause_run_in("H14.2AThe") == "H14.2A"
    assert numbering.clause_run_in("H14.10") is None


@pytest.mark.parametrize(
    "line, number, content",
    [
        ("Amend Section A1.1 by inserting the following new definitions in the appropriate alphabetical order:",
         "A1.1", "insert"),
        ("Delete the following definition from Section A1.1:", "A1.1", "delete"),
        ("Amend Section H14.5 as follows:", "H14.5", None),
        ("Insert new Section H14.2A after Section H14.2:", "H14.2A", None),
    ],
)
def test_instruction_grammar_reads_sec_forms(line: str, number: str, content: str | None) -> None:
    found = parse_instruction(line)
    assert found is not None and found.target.number == number and found.content == content


def _appendix_r_4_1(doc: Document) -> list[str]:
    s = doc.section("4.1")
    assert s is not None
    return [b.label for b in s.blocks if isinstance(b, Paragraph) and b.label]


@pytest.mark.parametrize("name", ["appendix-r-v6.18.docx", "appendix-r-v6.18.pdf"])
def test_appendix_r_4_1_keeps_its_letters(name: str) -> None:
    doc = read(SEC.parent / name)
    assert _appendix_r_4_1(doc) == ["(a)", "(b)", "(c)"]


def test_appendix_r_lettered_list_is_not_bulleted_in_the_full_annex(tmp_path: Path) -> None:
    out = tmp_path / "full.docx"
    fixtures = SEC.parent
    assert main(["annex", str(fixtures / "appendix-r-v6.18.docx"), str(fixtures / "appendix-r-v6.19.docx"),
                 "--full", "-o", str(out)]) == 0
    assert _appendix_r_4_1(read(out))[:3] == ["(a)", "(b)", "(c)"]


def _without_sub_paragraph(doc: Document, number: str, label: str) -> Document:
    from dataclasses import replace

    sections = tuple(
        replace(s, blocks=tuple(b for b in s.blocks if not (isinstance(b, Paragraph) and b.label == label)))
        if s.number == number else s
        for s in doc.sections
    )
    return replace(doc, sections=sections)


def test_a_reference_to_a_sub_paragraph_that_is_gone_is_reported() -> None:
    """ "Section H14.12(b)" (in H14.15) names a sub-paragraph; without it the reference dangles,
    though Section H14.12 is still there."""
    old = read(_path("6.19", "H"))
    new = _without_sub_paragraph(old, "H14.12", "(b)")
    problems = diff(old, new).references
    assert [(p.problem, p.text, p.section) for p in problems] == [("missing", "Section H14.12(b)", "H14.15")]
    assert diff(old, old).references == ()


def test_an_inserted_clause_number_is_marked_inserted_in_the_annex(tmp_path: Path) -> None:
    import zipfile

    from lxml import etree

    annex = tmp_path / "annex.docx"
    main(["annex", str(_path("6.18", "H")), str(_path("6.19", "H")), "-o", str(annex)])
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(zipfile.ZipFile(annex).read("word/document.xml"))
    runs = {"".join(r.itertext()).strip(): r for r in root.iter(f"{w}r")}
    assert runs["H14.2A"].find(f"{w}rPr/{w}u") is not None  # underlined, as its text is
    assert runs["H14.5"].find(f"{w}rPr/{w}u") is None  # an amended clause's number is not


def test_typed_numbers_read_as_words_list_numbers(tmp_path: Path) -> None:
    """A Section typed by hand (numbers in the text, no list numbering) reads as the automatic one."""
    import docx as python_docx

    auto = read(_path("6.19", "H"))
    typed = python_docx.Document()
    typed.add_paragraph("Section H – DCC Services", style="Title")
    for s in auto.sections:
        if s.level == 1:
            typed.add_paragraph(f"{s.number}\t{s.title}", style="Heading 1")
        for k, b in enumerate(b for b in s.blocks if isinstance(b, Paragraph)):
            if b.style == "subheading":  # "Eligibility Generally": bold, unnumbered
                typed.add_paragraph().add_run(b.text).bold = True
                continue
            prefix = f"{s.number}\t" if k == 0 and s.level > 1 else (f"{b.label}\t" if b.label else "")
            typed.add_paragraph(prefix + b.text)
    path = tmp_path / "typed.docx"
    typed.save(str(path))
    doc = read(path)
    assert doc.document == "Section H"
    assert [s.number for s in doc.sections] == [s.number for s in auto.sections]
    h14_12 = doc.section("H14.12")
    assert h14_12 is not None
    assert [b.label for b in h14_12.blocks if isinstance(b, Paragraph) and b.label] == [
        "(a)", "(b)", "(i)", "(ii)", "(c)", "(d)"
    ]
    result = diff(auto, doc)
    assert result.sections == ()  # the same clauses, the same text
    # and as LibreOffice prints it: no hanging indent, each tab a sliver of a gap before the text
    from fixtures.make_pdfs import convert, soffice

    if soffice() is None:
        pytest.skip("soffice (LibreOffice) is not installed")
    pdf = convert(path, tmp_path / "typed.pdf")
    printed = diff(auto, read(pdf))
    assert printed.sections == () and printed.tables == ()


@given(
    letter=st.sampled_from("ABCDEFGHX"),
    part=st.integers(1, 40),
    clause=st.integers(1, 60),
    suffix=st.sampled_from(["A", "B", "C"]),
)
def test_an_inserted_clause_sorts_between_its_neighbours_and_reads_back(
    letter: str, part: int, clause: int, suffix: str
) -> None:
    before, after = f"{letter}{part}.{clause}", f"{letter}{part}.{clause + 1}"
    inserted = before + suffix
    assert numbering.sort_key(before) < numbering.sort_key(inserted) < numbering.sort_key(after)
    assert numbering.is_clause(inserted) and numbering.level(inserted) == 2
    assert numbering.typed_clause(f"{inserted}\tThe DCC shall …") == (inserted, len(inserted) + 1)
    found = parse_instruction(f"Insert new Section {inserted} after Section {before}:")
    assert found is not None and found.target.number == inserted and found.after == before
    assert not found.covers(after) and found.covers(inserted)


def test_an_inserted_clause_with_sub_paragraphs_is_applied_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """6.18 plus a typed "H14.1A" with lettered sub-paragraphs (built as Word would hold it):
    the annex applied to 6.18 gives it back, in the baseline's own DOCX (not rebuilt)."""
    from dataclasses import replace

    import fixtures.build_sec as build

    base = section("H", "6.18")
    testing = base.parts[2]
    at = next(k for k, b in enumerate(testing.body) if isinstance(b, Clause)) + 1
    new_clause = Clause("The DCC shall also provide:", (("regression testing;", ()), ("performance testing.", ())),
                        typed="H14.1A")
    body = (*testing.body[:at], new_clause, *testing.body[at:])
    variant = replace(base, parts=(*base.parts[:2], replace(testing, body=body)))
    monkeypatch.setattr(build, "section", lambda letter, version: variant)
    new = tmp_path / "new.docx"
    new.write_bytes(build.build_section("H", "6.18"))
    annex, draft = tmp_path / "annex.docx", tmp_path / "draft.docx"
    assert main(["annex", str(_path("6.18", "H")), str(new), "-o", str(annex)]) == 0
    assert main(["apply", str(annex), "--to", str(_path("6.18", "H")), "-o", str(draft)]) == 0
    assert "rebuilt" not in capsys.readouterr().err
    result = diff(read(draft), read(new))
    assert result.sections == ()
    inserted = read(draft).section("H14.1A")
    assert inserted is not None and [b.text for b in inserted.blocks if isinstance(b, Paragraph)] == [
        "The DCC shall also provide:", "regression testing;", "performance testing."
    ]


def test_a_reference_to_a_relettered_sub_paragraph_is_stale_and_says_where_it_went() -> None:
    """(a) of H14.12 taken out and the rest relettered, as Word's list does: "Section
    H14.12(b)" (kept from the old text of H14.15) now names what was (c)."""
    from dataclasses import replace

    old = read(_path("6.19", "H"))
    section_ = old.section("H14.12")
    assert section_ is not None
    shift = {"(b)": "(a)", "(c)": "(b)", "(d)": "(c)"}
    blocks = tuple(
        replace(b, label=shift[b.label]) if isinstance(b, Paragraph) and b.label in shift else b
        for b in section_.blocks
        if not (isinstance(b, Paragraph) and b.label == "(a)")
    )
    new = replace(old, sections=tuple(replace(s, blocks=blocks) if s.number == "H14.12" else s for s in old.sections))
    problems = diff(old, new).references
    assert [(p.problem, p.text, p.section, p.suggested) for p in problems] == [
        ("stale", "Section H14.12(b)", "H14.15", "H14.12(a)")
    ]
