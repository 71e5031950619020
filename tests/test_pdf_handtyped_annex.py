"""A hand-typed portrait annex (tests/handtyped_portrait_annex.py, python-docx in
Word's default styles) read from its LibreOffice PDF and its Word-style PDF
reads as its DOCX does and applies to fixture 6.18 alike (issue 18, item 4).

Each test is named after what the PDF reader once got wrong."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from redline.model import Document, Heading, Paragraph
from redline.versions.apply import apply
from tests.conftest import FIXTURES
from tests.handtyped_portrait_annex import DATA

PRODUCERS = ("pdf", "wordstyle.pdf")


@cache
def _read(path: Path) -> Document:
    from redline.readers import read

    return read(path)


def _annex(name: str, suffix: str) -> Document:
    return _read(DATA / f"{name}.{suffix}")


def _amendment(doc: Document, instruction: str) -> tuple[Heading | Paragraph, ...]:
    [found] = [a for a in doc.amendments if a.instruction == instruction]
    return tuple(b for b in found.blocks if isinstance(b, Heading | Paragraph))


def _texts(doc: Document) -> list[tuple[str, str, str]]:
    return [(a.instruction, a.old_text, a.new_text) for a in doc.amendments]


@pytest.mark.parametrize("suffix", PRODUCERS)
def test_struck_number_beside_inserted_number_is_a_renumbered_heading_not_5_55_6(suffix: str) -> None:
    [heading, *_] = _amendment(_annex("handtyped-portrait", suffix), "Amend Section 5.6 as follows:")
    assert isinstance(heading, Heading)
    assert (heading.old_number, heading.number, heading.title) == ("5.5", "5.6", "Eligibility Testing for SMETS1")


@pytest.mark.parametrize("suffix", PRODUCERS)
def test_heading_followed_by_a_short_bold_line_keeps_its_title(suffix: str) -> None:
    """"8.1.4 DUIS Matrix" (Heading 3: bold, body size) then the bold line "New User" was
    read as one heading titled "DUIS Matrix New User": a false retitle."""
    heading, new_user, *_ = _amendment(_annex("handtyped-portrait", suffix), "Amend Section 8.1.4 as follows:")
    assert isinstance(heading, Heading) and (heading.number, heading.title) == ("8.1.4", "DUIS Matrix")
    assert isinstance(new_user, Paragraph) and new_user.text == "New User"


@pytest.mark.parametrize("suffix", PRODUCERS)
def test_wrapped_bullets_stay_one_paragraph_beside_tables_that_run_off_the_page(suffix: str) -> None:
    """The corpus annex 01-mp089 laid on portrait A4: its landscape tables run off the page's
    right edge, and their cut cells once set the text column's edge, so no line looked full
    and every wrapped bullet and paragraph line became a paragraph of its own."""
    docx, pdf = _annex("handtyped-portrait-wide", "docx"), _annex("handtyped-portrait-wide", suffix)
    sections = [a.instruction for a in docx.amendments if "Section" in a.instruction]
    assert len(sections) == 6
    for instruction in sections:
        blocks = _amendment(pdf, instruction)
        assert [b.text if isinstance(b, Paragraph) else b.title for b in blocks] == [
            b.text if isinstance(b, Paragraph) else b.title for b in _amendment(docx, instruction)], instruction
    struck = [b for b in _amendment(pdf, "Amend Section 1.2 as follows:") if isinstance(b, Paragraph) and not b.text]
    assert ["".join(r.text for r in b.runs).strip() for b in struck] == [
        "For an existing User seeking to send Service Requests to SMETS1 Devices (Eligibility Testing); and"]


@pytest.mark.parametrize("suffix", PRODUCERS)
def test_handtyped_portrait_pdf_annex_applies_as_its_docx(suffix: str) -> None:
    docx, pdf = _annex("handtyped-portrait", "docx"), _annex("handtyped-portrait", suffix)
    assert _texts(pdf) == _texts(docx)
    base = _read(FIXTURES / "appendix-r-v6.18.docx")
    from_docx, from_pdf = apply(base, docx), apply(base, pdf)
    assert from_docx.plan.mismatches == () and from_pdf.plan.mismatches == ()
    for number in ("1.2", "5.5", "5.6", "8.1.4"):
        assert from_pdf.document.section(number) == from_docx.document.section(number), number
    witnessing = from_pdf.document.section("5.5")
    assert witnessing is not None and witnessing.title == "Test Witnessing"
