"""PDFs of the fixture DOCX made by other producers read to the same model.

fixtures/producers/ holds the fixture versions rendered by producers other
than LibreOffice (see fixtures/producers/README.md). For each: the PDF reads
to the same sections, tables, rows, cells and footer figures as its DOCX,
``check`` finds the same mismatches, ``diff`` against its DOCX says "no
changes", and ``diff`` of the two versions equals the DOCX→DOCX diff, for
PDF→PDF and mixed pairs alike.

The regression tests below are named after what broke on the Word-style
PDFs (borders and shading as filled rectangles, a 46 pt font under a 0.24
text matrix, headings set close under the banner, a header row cut by a
page break).
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import importlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from test_pdf_vs_docx import _model, assert_same_model

from redline.checks import check
from redline.cli import main
from redline.diff import diff
from redline.model import Document
from redline.readers import read
from redline.readers.normalise import normalise_text
from redline.readers.pdf_chars import open_pdf, read_page
from redline.readers.pdf_layout import heading_parts
from redline.readers.pdf_pages import layout_page
from tests.conftest import FIXTURES, ROOT

PRODUCERS = FIXTURES / "producers"
VERSIONS = ("appendix-r-v6.18", "appendix-r-v6.19")
KINDS = ("wordstyle", "reportlab", "tagged")
"""wordstyle: fixtures/producers/*.wordstyle.pdf, kept as made. reportlab: our
own producer (fixtures/make_reportlab.py: filled-rectangle borders, header
text turned the other way, headings with tab, space, no gap, late number).
tagged: LibreOffice with a structure tree (fixtures/make_pdfs.py), made here."""
_BUILT = Path(tempfile.mkdtemp(prefix="redline-producers-"))
atexit.register(shutil.rmtree, _BUILT, True)


@functools.cache
def _read(path: Path) -> Document:
    return read(path)


def _docx(version: str) -> Document:
    return _read(FIXTURES / f"{version}.docx")


@functools.cache
def _producer_pdf(version: str, kind: str) -> Path:
    if kind == "wordstyle":
        return PRODUCERS / f"{version}.{kind}.pdf"
    dest = _BUILT / f"{version}.{kind}.pdf"
    if kind == "reportlab":
        pytest.importorskip("reportlab")
        script = [str(FIXTURES / "make_reportlab.py"), str(FIXTURES / f"{version}.pdf"), str(dest)]
    else:
        if shutil.which("soffice") is None:
            pytest.skip("LibreOffice not installed")
        script = ["-c", "import sys; sys.path.insert(0, sys.argv[1]); import make_pdfs; "
                  "make_pdfs.convert(make_pdfs.Path(sys.argv[2]), make_pdfs.Path(sys.argv[3]), tagged=True)",
                  str(FIXTURES), str(FIXTURES / f"{version}.docx"), str(dest)]
    subprocess.run([sys.executable, *script], check=True, capture_output=True, timeout=300)
    return dest


def _pdf(version: str, kind: str) -> Document:
    return _read(_producer_pdf(version, kind))


def _findings(doc: Document) -> list[tuple[Any, ...]]:
    return [(t.table, t.mismatches) for t in check(doc).tables]


def _diff(old: Document, new: Document) -> dict[str, Any]:
    d = dataclasses.asdict(diff(old, new))
    d.pop("old", None)
    d.pop("new", None)
    return d


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("version", VERSIONS)
def test_producer_pdf_reads_like_its_docx(version: str, kind: str) -> None:
    assert_same_model(_model(_pdf(version, kind)), _model(_docx(version)))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("version", VERSIONS)
def test_producer_pdf_check_finds_what_the_docx_check_finds(version: str, kind: str) -> None:
    assert _findings(_pdf(version, kind)) == _findings(_docx(version))


@pytest.mark.parametrize("kind", KINDS)
def test_producer_pdf_check_finds_the_planted_errors(kind: str) -> None:
    found = {(t.table, m.row, m.stated, m.computed) for t in check(_pdf("appendix-r-v6.18", kind)).tables
             for m in t.mismatches}
    # fixtures/CHANGES.md, "Planted footer errors in 6.18" (E1-E3)
    assert found == {
        ("8.1.10", "Count of Mandatory", 16, 12),
        ("8.1.10", "Total Tests", 23, 18),
        ("8.1.8", "Count of N/A", 38, 37),
    }


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("version", VERSIONS)
def test_producer_pdf_diffs_against_its_docx_as_no_changes(version: str, kind: str) -> None:
    d = diff(_docx(version), _pdf(version, kind))
    assert not d.sections and not d.tables


@pytest.mark.parametrize("kind", KINDS)
def test_producer_pdf_diff_of_the_versions_equals_the_docx_diff(kind: str) -> None:
    old, new = VERSIONS
    want = _diff(_docx(old), _docx(new))
    assert want["tables"], "the fixture versions differ"
    assert _diff(_pdf(old, kind), _pdf(new, kind)) == want
    assert _diff(_docx(old), _pdf(new, kind)) == want
    assert _diff(_pdf(old, kind), _read(FIXTURES / f"{new}.pdf")) == want  # two producers


# --- regressions ---------------------------------------------------------------------------------------------


def _page(path: Path, number: int) -> Any:
    pdf = open_pdf(path.read_bytes())
    try:
        return layout_page(pdf, number - 1)
    finally:
        pdf.close()


def test_font_size_scaled_by_the_text_matrix_is_the_drawn_size() -> None:
    """Word-style text is a 46 pt font under a 0.24 text matrix: PDFium's font
    size alone said 46 pt, so body text outsized every heading and no heading
    of the first level was found."""
    pdf = open_pdf((PRODUCERS / "appendix-r-v6.18.wordstyle.pdf").read_bytes())
    try:
        sizes = {round(g.size) for g in read_page(pdf, 1).glyphs}
    finally:
        pdf.close()
    assert sizes == {7, 8, 11, 12, 14}


def test_heading_set_close_under_the_banner_is_not_the_banner() -> None:
    """"1 Introduction" stands 12 pt under the two-line classification banner
    in the Word-style PDF; it was stripped as the banner's third line."""
    assert [(s.number, s.title) for s in _pdf("appendix-r-v6.18", "wordstyle").sections[:2]] == [
        ("1", "Introduction"), ("1.1", "Purpose")]


def test_shading_behind_text_inside_a_cell_does_not_split_the_cell() -> None:
    """Word-style PDFs shade the lines of text inside a shaded header cell
    with their own rectangles; their sides cut "SR Variant" into two rows."""
    table = _page(PRODUCERS / "appendix-r-v6.18.wordstyle.pdf", 6).tables[0]
    assert [c.text for c in table.rows[0]][:4] == ["SR", "SR Variant", "Service Request Name", "Critical"]
    assert [c.text for c in table.rows[1]][4:6] == ["CV", "ECV1"]
    assert [c.text for c in table.rows[2]][:3] == ["1.1", "1.1.1", "Update Import Tariff (Primary Element)"]


def test_header_row_cut_by_a_page_break_joins_the_next_page() -> None:
    """6.19's Table 8.1.11 starts at the foot of page 18 with its header's
    first row and the start of the second; page 19 draws the rest of the
    second row (CV … NCV) and the body. It read as a 6-column table of its
    own and a headless 15-column one."""
    table = next(t for s in _pdf("appendix-r-v6.19", "wordstyle").sections for t in s.blocks
                 if getattr(t, "number", None) == "8.1.11")
    assert table.columns[:5] == ("SR", "SR Variant", "Service Request Name", "Critical", "CV")
    assert table.columns[-2:] == ("NCV", "User Role")
    assert table.rows[0].key == "4.8.1" and len(table.rows) == 24
    assert [(f.label, f.figures[-1]) for f in table.footer][-1] == ("Total Tests", 28)


# --- turned pages --------------------------------------------------------------------------------------------

NAMES = ("appendix-r-v6.18", "appendix-r-v6.19", "appendix-r-v6.18-typed")


def _turned(src: Path, dest: Path, *options: str) -> Path:
    """A copy of ``src`` made by fixtures/make_rotated.py."""
    subprocess.run([sys.executable, str(FIXTURES / "make_rotated.py"), *options, str(src), str(dest)],
                   check=True, capture_output=True, timeout=120)
    return dest


@pytest.mark.parametrize("name", NAMES)
def test_rotated_copy_reads_like_the_original(name: str, tmp_path: Path) -> None:
    """Content drawn turned, shown upright by /Rotate 90 and 270 (print-to-PDF
    routes do this for landscape tables). It read as 0 sections and
    'nothing to check', exit 0."""
    turned = read(_turned(FIXTURES / f"{name}.pdf", tmp_path / "turned.pdf"))
    assert _model(turned) == _model(_docx(name))
    assert _findings(turned) == _findings(_docx(name))


def test_page_printed_sideways_without_rotate_reads_upright(tmp_path: Path) -> None:
    """No /Rotate: the pages show sideways, every line of text runs up or down
    the page. The reader turns each page the way its text runs. PDFium's own
    inferred spaces follow its reading order, not ours: in the turned header
    words of such a page they split 'Critic al' and 'Us er R ole'."""
    sideways = read(_turned(FIXTURES / "appendix-r-v6.18.pdf", tmp_path / "sideways.pdf", "--sideways"))
    assert _model(sideways) == _model(_docx("appendix-r-v6.18"))


@pytest.mark.parametrize("degrees", ["30", "2"])
def test_text_at_an_angle_is_refused_with_one_line(degrees: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Text no line across the page can read is refused, never passed off as
    a document with fewer tables (a 2 degree tilt read as 4 tables of garbage)."""
    tilted = _turned(FIXTURES / "appendix-r-v6.18.pdf", tmp_path / "tilted.pdf", "--tilt", degrees)
    assert main(["check", str(tilted)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith(f"redline: {tilted}: text cannot be read in reading order")


# --- headings ------------------------------------------------------------------------------------------------


def test_heading_number_run_into_its_title_is_a_heading() -> None:
    """"8.1.19DCC Alert Tests – IS": the producer moved to the title without a
    space; the line was read as a paragraph and four tables fell under 8.1.18."""
    assert heading_parts("8.1.19DCC Alert Tests – IS") == ("8.1.19", "DCC Alert Tests – IS")
    assert heading_parts("8.1.19\tDCC Alert Tests – IS") == ("8.1.19", "DCC Alert Tests – IS")
    assert heading_parts("5UEPT Procedure", next_top=5) == ("5", "UEPT Procedure")
    assert heading_parts("5UEPT Procedure", next_top=3) is None  # out of sequence: not taken
    assert heading_parts("3G Network coverage", next_top=3) is None
    assert heading_parts("8.1.5 DUIS Matrix – Import Supplier (IS)") == ("8.1.5", "DUIS Matrix – Import Supplier (IS)")


def test_every_heading_style_of_our_producer_reads_as_its_docx_heading() -> None:
    """The reportlab producer sets headings in turn with a gap, one space, no
    gap, and the number drawn after its title as a separate text object."""
    got = [(s.number, s.title, s.level) for s in _pdf("appendix-r-v6.18", "reportlab").sections]
    assert got == [(s.number, s.title, s.level) for s in _docx("appendix-r-v6.18").sections]
    sys.path.insert(0, str(FIXTURES))
    styles = importlib.import_module("make_reportlab").HEADING_STYLES
    assert styles == ("gap", "space", "none", "late") and len(got) >= 4 * len(styles)


def test_tagged_producer_pdf_has_a_structure_tree() -> None:
    pdf = pdfium.PdfDocument(_producer_pdf("appendix-r-v6.18", "tagged"))
    try:
        assert pdf.is_tagged()
    finally:
        pdf.close()


def test_heading_title_wrapped_onto_a_second_line_is_one_title() -> None:
    """tests/data/heading-wrapped.pdf (tests/data/make_heading_wrapped.py):
    the second line of a long heading continues its title."""
    data = ROOT / "tests" / "data"
    want = [(s.number, s.title, s.level) for s in read(data / "heading-wrapped.docx").sections]
    assert [(s.number, s.title, s.level) for s in read(data / "heading-wrapped.pdf").sections] == want
    assert want[1][1].endswith("onto a second line of the page in this document")


# --- text normalisation both readers share -------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "drawn"), [
    ("Retrieve Change Of Mode / Tariff Triggered", "Retrieve Change Of Mode /Tariff Triggered"),  # wrapped after "/"
    ("Retrieve Change Of Mode / Tariff Triggered", "Retrieve Change Of Mode/ Tariff Triggered"),
    ("DUIS Matrix – Import Supplier (IS)", "DUIS Matrix –Import Supplier (IS)"),
    ("Pre\u00adnotification", "Prenotification"),  # a soft hyphen Word never shows
    ("Device Profile", "Device Pro\ufb01le"),  # an "fi" ligature glyph
    ("SMETS\u00a02", "SMETS 2"),
    ("SMETS\u202f2", "SMETS  2"),
    ("Read\u200bInventory", "ReadInventory"),
])
def test_docx_and_pdf_forms_of_one_text_normalise_alike(typed: str, drawn: str) -> None:
    """A service request name that differed only in spacing between the DOCX
    and the PDF ("mode / tariff" vs "mode /tariff") was reported as a rename."""
    assert normalise_text(typed) == normalise_text(drawn)


@pytest.mark.parametrize("text", ["N/A", "2019–2020", "Update- Fault Return", "Mandatory SMETS 2", "8.1.5"])
def test_normalising_leaves_text_without_those_differences_alone(text: str) -> None:
    assert normalise_text(text) == text


def test_both_readers_normalise_with_the_shared_function() -> None:
    from redline.readers import docx_runs, pdf_layout

    assert docx_runs.normalise_text is pdf_layout.normalise_text is normalise_text
