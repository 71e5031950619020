"""The hand-written annex corpus (fixtures/annexes/, built by build_annexes.py with python-docx
and raw WordprocessingML the way drafters type in Word, never by redline's writer).

For each variant: ``parse`` lists exactly its instructions; ``apply`` to fixture 6.18 of a
variant that amends all of 6.19 gives a document ``diff`` finds no change in against 6.19;
the same for its LibreOffice PDF and its Word-style PDF; an annex that does not fit is
refused with the place of each mismatch and nothing written."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from redline.diff import diff
from redline.diff.records import DiffResult
from redline.model import Document
from redline.versions.apply import apply
from redline.versions.compare import differences
from redline.versions.conflicts import find_conflicts
from tests.conftest import FIXTURES, V618, V619

ANNEXES = FIXTURES / "annexes"

TABLES = [f"Amend Table {n} as follows:" for n in (
    "8.1.5", "8.1.7", "8.1.8", "8.1.9", "8.1.10", "8.1.11", "8.1.13", "8.1.16", "8.1.19", "8.1.20", "8.1.22")]
SECTIONS = ["Amend Section 1.1 as follows:", "Amend Section 1.2 as follows:", "Amend Section 5.4 as follows:",
            "Delete Section 6.3 as follows:", "Insert Section 7.2 as follows:", "Amend Section 8.1.4 as follows:"]
MP089 = SECTIONS + TABLES


def _numbered(lines: list[str]) -> list[str]:
    return [f"{k}. {line}" for k, line in enumerate(lines, 1)]


EXPECTED: dict[str, list[str]] = {
    "01-mp089": MP089,
    "02-parent-section": ["Amend Section 1 as follows:", *SECTIONS[2:], *TABLES],
    "03-range-double": _numbered(["Amend Sections 1.1 to 1.2 as follows:", *SECTIONS[2:], *TABLES]),
    "04-colour-only": [line.lower().rstrip(":") for line in MP089],
    "05-tracked": MP089,
    "06-placeholders": MP089,
    "07-renumber-struck": [*SECTIONS[:3], "Delete Section 6.3 in its entirety.",
                           "Insert new Section 7.2 after Section 7.1:", "Amend Sections 7.3 to 7.4 as follows:",
                           SECTIONS[5], *TABLES],
    "08-renumber-instruction": _numbered([*SECTIONS[:3], "Delete Section 6.3 in its entirety.", SECTIONS[4],
                                          "Renumber Section 7.2 as Section 7.3.",
                                          "Renumber Section 7.3 as Section 7.4.", SECTIONS[5], *TABLES]),
    "09-tracked-renumber": [*SECTIONS[:5], "Amend Sections 7.3 to 7.4 as follows:", SECTIONS[5], *TABLES],
    "10-partial": ["Amend Section 1.2 as follows:", "Amend Table 8.1.10 as follows:"],
    "11-unknown-instruction": MP089,
    "12-wrong-text": ["Amend Section 1.1 as follows:", "Amend Section 5.4 as follows:",
                      "Amend Table 8.1.10 as follows:"],
    "13-colour-double-wide": MP089,
}
WHOLE = [n for n in EXPECTED if n not in ("10-partial", "11-unknown-instruction", "12-wrong-text")]
"""The variants that amend all of 6.18 into 6.19."""



@cache
def _read(path: Path) -> Document:
    from redline.readers import read

    return read(path)


@pytest.fixture(autouse=True, scope="module")
def _forget_documents() -> Iterator[None]:
    """The read documents are shared within this module only: a process that holds ~40 of
    them is one later tests' child processes inherit as their peak RSS (test_docx_bad_input)."""
    yield
    _read.cache_clear()
    gc.collect()


def test_corpus_has_every_variant_in_every_form() -> None:
    for name in EXPECTED:
        for suffix in (".docx", ".pdf", ".wordstyle.pdf"):
            path = ANNEXES / f"{name}{suffix}"
            assert path.is_file(), f"{path.name}: run fixtures/annexes/build_annexes.py --pdf"
    assert len(EXPECTED) >= 12


@pytest.mark.parametrize("name", list(EXPECTED))
def test_parse_lists_exactly_its_instructions(name: str) -> None:
    annex = _read(ANNEXES / f"{name}.docx")
    assert [a.instruction for a in annex.amendments] == EXPECTED[name]


def _assert_becomes_619(annex: Document) -> None:
    result = apply(_read(V618), annex)
    assert result.plan.mismatches == ()
    target = _read(V619)
    assert differences(result.document, target) == []
    _assert_diff_finds_no_change(diff(result.document, target))


def _assert_diff_finds_no_change(changes: DiffResult) -> None:
    """No section, table, row, cell, figure or reference changed. The cover page's "SEC Version
    6.18" is front matter, which no "Amend Section/Table" instruction can reach, so the draft
    still states the baseline's version: that one line is the only difference diff may show."""
    counts = changes.counts()
    assert {k: v for k, v in counts.items() if v and k != "front_matter_paragraphs_changed"} == {}
    assert changes.front is None or [(p.old, p.new) for p in changes.front.paragraphs] == [
        ("SEC Version 6.18", "SEC Version 6.19")]


@pytest.mark.parametrize("name", WHOLE)
def test_docx_variant_applied_to_618_is_619(name: str) -> None:
    _assert_becomes_619(_read(ANNEXES / f"{name}.docx"))


@pytest.mark.parametrize("name", WHOLE)
def test_libreoffice_pdf_variant_applied_to_618_is_619(name: str) -> None:
    annex = _read(ANNEXES / f"{name}.pdf")
    assert [a.instruction for a in annex.amendments] == EXPECTED[name]
    _assert_becomes_619(annex)


@pytest.mark.parametrize("name", WHOLE)
def test_word_style_pdf_variant_applied_to_618_is_619(name: str) -> None:
    annex = _read(ANNEXES / f"{name}.wordstyle.pdf")
    assert [a.instruction for a in annex.amendments] == EXPECTED[name]
    _assert_becomes_619(annex)


def test_partial_annex_changes_only_what_it_amends() -> None:
    result = apply(_read(V618), _read(ANNEXES / "10-partial.docx"))
    assert result.plan.mismatches == ()
    touched = [d for d in differences(result.document, _read(V619), limit=200) if d.startswith(
        ("section 1.2", "section 8.1.10"))]
    assert touched == []
    assert result.document.section("5.4") == _read(V618).section("5.4")


def test_colour_only_marks_are_read_as_inserted_and_struck() -> None:
    annex = _read(ANNEXES / "04-colour-only.docx")
    s12 = annex.amendments[1]
    assert s12.deleted == (
        "For an existing User seeking to send Service Requests to SMETS1 Devices (Eligibility Testing); and",)
    assert s12.inserted == (
        "For an existing User seeking to send Service Requests in respect of SMETS1 Devices (Eligibility Testing);",
        "For an existing User seeking to access November 2019 SEC Release functionality (Additive UEPT); and")
    assert annex.amendments[0].inserted == ("Functionality or the November 2019 SEC Release,",)
    assert annex.amendments[0].deleted == ("Functionality,",)


def test_tracked_changes_by_two_authors_read_the_same_as_formatting() -> None:
    tracked, formatted = _read(ANNEXES / "05-tracked.docx"), _read(ANNEXES / "01-mp089.docx")
    assert [(a.old_text, a.new_text) for a in tracked.amendments] == [
        (a.old_text, a.new_text) for a in formatted.amendments]


def test_struck_and_retyped_heading_numbers_are_a_renumbering() -> None:
    annex = _read(ANNEXES / "07-renumber-struck.docx")
    amendment = annex.amendments[5]
    headings = [(b.old_number, b.number, b.title) for b in amendment.blocks if hasattr(b, "old_number")]
    assert headings == [("7.2", "7.3", "Test Completion Report"), ("7.3", "7.4", "Approval of Test Completion")]
    assert amendment.old_text == "7.3 Test Completion Report\n7.4 Approval of Test Completion"


def test_placeholders_are_never_old_text() -> None:
    annex = _read(ANNEXES / "06-placeholders.docx")
    for a in annex.amendments:
        assert "…" not in a.old_text and "[…]" not in a.new_text


def test_unknown_instruction_is_reported_with_its_place_and_refused(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from redline.cli import main

    path = ANNEXES / "11-unknown-instruction.docx"
    annex = _read(path)
    [unknown] = annex.unknown_instructions
    assert unknown.place.startswith("paragraph ") and "'Substitute Section 5.4 with the following:'" in unknown.message
    assert any("Substitute Section 5.4" in str(w) for w in annex.warnings)
    # the paragraph under it is not folded into the amendment before it
    assert all("either route" not in a.new_text for a in annex.amendments)
    out = tmp_path / "draft.docx"
    assert main(["apply", str(path), "--to", str(V618), "-o", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "not an instruction redline knows" in printed and "Substitute Section 5.4" in printed
    assert not out.exists()


def test_annex_that_does_not_fit_is_refused_with_each_place(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    from redline.cli import main

    path = ANNEXES / "12-wrong-text.docx"
    result = apply(_read(V618), _read(path))
    assert [(m.location, m.problem.split(" (")[0]) for m in result.plan.mismatches] == [
        ("Section 5.4", "struck/old text not among its 2 paragraphs"),
        ("Section 5.4", "struck/old text not among its 2 paragraphs"),
        ("Table 8.1.10 row 8.4 (Update Inventories)", "struck/old cells not in the baseline"),
    ]
    out = tmp_path / "draft.docx"
    assert main(["apply", str(path), "--to", str(V618), "-o", str(out)]) == 1
    assert "nothing written: 3 amendments do not match" in capsys.readouterr().out
    assert not out.exists()


def test_whole_annex_against_619_is_refused() -> None:
    result = apply(_read(V619), _read(ANNEXES / "07-renumber-struck.docx"))
    assert len(result.plan.mismatches) > 10
    assert any(m.location == "Section 1.1" for m in result.plan.mismatches)


def test_conflicts_between_hand_written_annexes() -> None:
    report = find_conflicts(_read(V618), _read(ANNEXES / "10-partial.docx"), _read(ANNEXES / "03-range-double.docx"))
    assert report.mismatches_first == () and report.mismatches_second == ()
    places = {c.where.split(" ")[0] + " " + c.where.split(" ")[1] for c in report.agreed}
    assert places == {"Section 1.2", "Table 8.1.10"}
    assert report.conflicts == () and all(c.same_change for c in report.agreed)
