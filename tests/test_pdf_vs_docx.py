"""The PDF of a document reads to the same model as the DOCX it was made from.

The fixture PDFs are LibreOffice conversions of the fixture DOCX files
(fixtures/make_pdfs.py). Compared: title, SEC version, front matter, every
section (number, title, level), every paragraph (text, list level, style),
every table (number, kind, role, columns, key/name/value columns, header
rows, body rows with key and name, footer labels and figures), and what
``check`` and ``diff`` make of them.

Allowed differences, and why:
- ``source`` and ``sha256``: different files.
- ``runs`` of paragraphs and cells without marks: the DOCX reader keeps
  Word's run boundaries, a PDF has none; only the text is compared there
  (runs that carry marks are compared, in the annex test).
- ``warnings``: each reader reports what its format lacks.
"""

from __future__ import annotations

import dataclasses
import functools
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from redline.checks import check
from redline.model import Document, Paragraph, Table
from redline.readers import read
from tests.conftest import DATA, FIXTURES

NAMES = ["appendix-r-v6.18", "appendix-r-v6.19", "appendix-r-v6.18-typed"]

pytest.importorskip("redline.readers.docx")


def _pair(name: str) -> tuple[Document, Document]:
    docx, pdf = FIXTURES / f"{name}.docx", FIXTURES / f"{name}.pdf"
    if not (docx.exists() and pdf.exists()):
        pytest.skip(f"fixture {name} not built yet")
    return _read(docx), _read(pdf)


@functools.cache
def _read(path: Path) -> Document:
    return read(path)


def _table(t: Table) -> dict[str, Any]:
    return {
        "number": t.number,
        "title": t.title,
        "kind": t.kind,
        "role": t.role,
        "columns": t.columns,
        "key_name_values": (t.key_column, t.name_column, t.value_columns),
        "header_rows": [[c.text for c in row] for row in t.header_rows],
        "rows": [(r.key, r.name, r.texts) for r in t.rows],
        "footer": [(f.label, f.figures) for f in t.footer],
    }


def _blocks(blocks: tuple[Paragraph | Table, ...]) -> list[Any]:
    return [
        (b.text, b.list_level, b.style) if isinstance(b, Paragraph) else _table(b)
        for b in blocks
    ]


def _model(doc: Document) -> dict[str, Any]:
    return {
        "title": doc.title,
        "sec_version": doc.sec_version,
        "front": _blocks(doc.front),
        "sections": [(s.number, s.title, s.level, _blocks(s.blocks)) for s in doc.sections],
    }


def assert_same_model(got: dict[str, Any], want: dict[str, Any]) -> None:
    """The PDF's model (``_model``) is the DOCX's: title, front matter, and every section's outline and content."""
    assert got["title"] == want["title"] and got["sec_version"] == want["sec_version"]
    assert got["front"] == want["front"]
    assert [s[:3] for s in got["sections"]] == [s[:3] for s in want["sections"]]
    for g, w in zip(got["sections"], want["sections"], strict=True):
        assert g[3] == w[3], f"section {w[0]}"


@pytest.mark.parametrize("name", NAMES)
def test_pdf_reads_like_its_docx(name: str) -> None:
    docx, pdf = _pair(name)
    assert_same_model(_model(pdf), _model(docx))


@pytest.mark.parametrize("name", NAMES)
def test_check_finds_the_same_mismatches_in_pdf_and_docx(name: str) -> None:
    docx, pdf = _pair(name)
    want, got = check(docx), check(pdf)
    assert got.ok == want.ok
    assert [(t.table, t.mismatches) for t in got.tables] == [(t.table, t.mismatches) for t in want.tables]


def test_check_finds_the_planted_errors_in_the_pdf() -> None:
    _, pdf = _pair("appendix-r-v6.18")
    found = {(t.table, m.row, m.column_index, m.stated, m.computed) for t in check(pdf).tables for m in t.mismatches}
    # fixtures/CHANGES.md, "Planted footer errors in 6.18" (E1-E3)
    assert found == {
        ("8.1.10", "Count of Mandatory", None, 16, 12),
        ("8.1.10", "Total Tests", None, 23, 18),
        ("8.1.8", "Count of N/A", 7, 38, 37),
    }


def _without_endpoints(result: Any) -> dict[str, Any]:
    d = dataclasses.asdict(result)
    d.pop("old", None)
    d.pop("new", None)
    return d


def test_diff_of_the_pdfs_equals_the_diff_of_the_docx() -> None:
    diff_mod = pytest.importorskip("redline.diff")
    diff = getattr(diff_mod, "diff", None)
    if diff is None:
        pytest.skip("redline.diff.diff not on main yet")
    old_docx, old_pdf = _pair("appendix-r-v6.18")
    new_docx, new_pdf = _pair("appendix-r-v6.19")
    want = _without_endpoints(diff(old_docx, new_docx))
    assert _without_endpoints(diff(old_pdf, new_pdf)) == want
    assert _without_endpoints(diff(old_docx, new_pdf)) == want  # a mixed pair


def _amendments(doc: Document) -> list[tuple[Any, ...]]:
    return [(a.instruction, a.target, a.old_text, a.new_text, a.inserted, a.deleted) for a in doc.amendments]


def test_annex_pdf_gives_the_amendments_of_its_docx() -> None:
    docx, pdf = read(DATA / "sample-annex.docx"), read(DATA / "sample-annex.pdf")
    assert docx.amendments, "the DOCX reader finds the sample's amendments"
    assert _amendments(pdf) == _amendments(docx)
    assert pdf.drafted_against == docx.drafted_against


def test_rendered_annex_as_pdf_gives_the_amendments_of_the_docx(tmp_path: Path) -> None:
    """The annex writer's DOCX and PDF of the fixture pair (``redline annex``)."""
    cli = pytest.importorskip("redline.cli")
    if "annex" not in cli.build_parser().format_help() or shutil.which("soffice") is None:
        pytest.skip("annex command or LibreOffice not available")
    _pair("appendix-r-v6.18")
    old, new = str(FIXTURES / "appendix-r-v6.18.docx"), str(FIXTURES / "appendix-r-v6.19.docx")
    for suffix in ("docx", "pdf"):
        assert cli.main(["annex", old, new, "-o", str(tmp_path / f"annex.{suffix}")]) == 0
    docx, pdf = read(tmp_path / "annex.docx"), read(tmp_path / "annex.pdf")
    assert len(docx.amendments) == 16  # CHANGES.md: 6 sections (1.1 + 1.2 grouped as Section 1), 11 tables
    assert _amendments(pdf) == _amendments(docx)
    assert pdf.drafted_against == docx.drafted_against == "6.18"


def test_annex_drafted_from_the_pdfs_equals_the_one_from_the_docx(tmp_path: Path) -> None:
    cli = pytest.importorskip("redline.cli")
    if "annex" not in cli.build_parser().format_help():
        pytest.skip("annex command not on main yet")
    _pair("appendix-r-v6.18")
    for kind in ("docx", "pdf"):
        old, new = FIXTURES / f"appendix-r-v6.18.{kind}", FIXTURES / f"appendix-r-v6.19.{kind}"
        assert cli.main(["annex", str(old), str(new), "-o", str(tmp_path / f"from-{kind}.docx")]) == 0
    assert _amendments(read(tmp_path / "from-pdf.docx")) == _amendments(read(tmp_path / "from-docx.docx"))


def test_annex_printed_by_a_browser_gives_the_amendments_of_the_docx(tmp_path: Path) -> None:
    """Another producer: the annex's HTML printed to PDF by Chromium (no space
    characters in the text, a date/title header and a URL/page footer)."""
    cli = pytest.importorskip("redline.cli")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if "annex" not in cli.build_parser().format_help() or browser is None:
        pytest.skip("annex command or Chromium not available")
    _pair("appendix-r-v6.18")
    old, new = str(FIXTURES / "appendix-r-v6.18.docx"), str(FIXTURES / "appendix-r-v6.19.docx")
    for suffix in ("docx", "html"):
        assert cli.main(["annex", old, new, "-o", str(tmp_path / f"annex.{suffix}")]) == 0
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
         f"--print-to-pdf={tmp_path / 'annex.pdf'}", (tmp_path / "annex.html").as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    assert _amendments(read(tmp_path / "annex.pdf")) == _amendments(read(tmp_path / "annex.docx"))
