"""The committed fixture documents are what the brief promises: real Word
structures (numbering, merged and rotated header cells, repeated headers, banner
in the page header) and exactly the planted footer errors E1–E3.

The documents are opened with zipfile + lxml here, not with redline's reader,
so a reader bug cannot hide a fixture bug (or the other way round).
"""

from __future__ import annotations

import importlib
import re
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import FIXTURES, ROOT, V618, V619

etree = pytest.importorskip("lxml.etree")
pytest.importorskip("docx")

TYPED = FIXTURES / "appendix-r-v6.18-typed.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}

pytestmark = pytest.mark.skipif(not (V618.exists() and V619.exists() and TYPED.exists()),
                                reason="fixture documents not built yet")


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def parts(path: Path, prefix: str) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if n.startswith(prefix)]


def text(node: etree._Element) -> str:
    return "".join(node.itertext())


def cell_text(tc: etree._Element) -> str:
    return " ".join(text(p) for p in tc.findall("w:p", NS))


def style(p: etree._Element) -> str:
    s = p.find("w:pPr/w:pStyle", NS)
    return "" if s is None else s.get(W + "val")


# --- structure ----------------------------------------------------------------

@pytest.mark.parametrize("path", [V618, V619])
def test_auto_numbered_headings_use_a_three_level_outline(path: Path) -> None:
    numbering = part(path, "word/numbering.xml")
    levels = {lvl.find("w:lvlText", NS).get(W + "val"): lvl.find("w:pStyle", NS)
              for lvl in numbering.iterfind("w:abstractNum/w:lvl", NS)}
    assert {"%1", "%1.%2", "%1.%2.%3"} <= set(levels)
    assert levels["%1.%2.%3"].get(W + "val") == "Heading3"
    body = part(path, "word/document.xml").find("w:body", NS)
    headings = [p for p in body.iter(W + "p") if style(p).startswith("Heading")]
    assert len(headings) > 40
    for p in headings:
        assert p.find("w:pPr/w:numPr/w:numId", NS) is not None, text(p)
        assert not re.match(r"\d", text(p)), "auto-numbered heading has a typed number"


def test_lists_use_bullets_and_a_restarted_lettered_list() -> None:
    numbering = part(V618, "word/numbering.xml")
    bullet_levels = numbering.xpath("//w:abstractNum[w:lvl/w:numFmt/@w:val='bullet']/w:lvl", namespaces=NS)
    assert len(bullet_levels) >= 2
    overrides = numbering.findall("w:num/w:lvlOverride/w:startOverride", NS)
    assert [o.get(W + "val") for o in overrides] == ["1"]
    body = part(V618, "word/document.xml")
    used = {n.get(W + "val") for n in body.iterfind(".//w:numPr/w:numId", NS)}
    restarted = overrides[0].getparent().getparent().get(W + "numId")
    assert restarted in used


def test_typed_fixture_types_heading_numbers_and_has_no_heading_numbering() -> None:
    numbering = part(TYPED, "word/numbering.xml")
    assert not numbering.xpath("//w:lvl[w:lvlText/@w:val='%1.%2']", namespaces=NS)
    styles = part(TYPED, "word/styles.xml")
    assert not styles.xpath("//w:style[starts-with(@w:styleId,'Heading')]/w:pPr/w:numPr", namespaces=NS)
    body = part(TYPED, "word/document.xml")
    headings = [text(p) for p in body.iter(W + "p") if style(p).startswith("Heading")]
    assert all(re.match(r"^\d+(\.\d+)*\t\S", h) for h in headings), headings
    assert "8.1.10\tDUIS Matrix – Registered Supplier Agent (RSA)" in headings


def test_typed_and_auto_fixtures_have_the_same_words() -> None:
    def words(path: Path) -> list[str]:
        body = part(path, "word/document.xml")
        out = []
        for p in body.iter(W + "p"):
            t = text(p)
            if style(p).startswith("Heading"):
                t = re.sub(r"^\d+(\.\d+)*\t", "", t)
            out.append(t)
        return out

    assert words(V618) == words(TYPED)


@pytest.mark.parametrize("path", [V618, V619, TYPED])
def test_banner_is_in_the_page_header_and_first_in_the_body(path: Path) -> None:
    headers = parts(path, "word/header")
    assert headers
    assert any("classified as White" in text(part(path, h)) for h in headers)
    footers = [part(path, f) for f in parts(path, "word/footer")]
    assert any(f.xpath("//w:fldSimple[contains(@w:instr,'PAGE')]", namespaces=NS) for f in footers)
    body = part(path, "word/document.xml").find("w:body", NS)
    first = body.find("w:p", NS)
    assert text(first).startswith("This document is classified as White in accordance with the Panel Information")
    all_text = "\n".join(text(p) for p in body.iter(W + "p"))
    assert all_text.count("classified as White") == 1


@pytest.mark.parametrize("path", [V618, V619])
def test_prose_is_portrait_and_tables_landscape(path: Path) -> None:
    body = part(path, "word/document.xml").find("w:body", NS)
    orientations = []
    for sect in body.iter(W + "sectPr"):
        size = sect.find("w:pgSz", NS)
        orientations.append("landscape" if int(size.get(W + "w")) > int(size.get(W + "h")) else "portrait")
        assert sect.find("w:headerReference", NS) is not None
    assert orientations == ["portrait", "landscape", "portrait", "landscape"]


@pytest.mark.parametrize("path", [V618, V619])
def test_matrix_tables_have_real_word_header_structures(path: Path) -> None:
    body = part(path, "word/document.xml").find("w:body", NS)
    tables = body.findall("w:tbl", NS)
    assert len(tables) == 17
    duis = tables[0]
    header_rows = [tr for tr in duis.findall("w:tr", NS) if tr.find("w:trPr/w:tblHeader", NS) is not None]
    assert len(header_rows) == 2
    first = header_rows[0].findall("w:tc", NS)
    spans = {cell_text(tc): tc.find("w:tcPr/w:gridSpan", NS) for tc in first}
    assert spans["Test Scenario"].get(W + "val") == "10"
    assert first[0].find("w:tcPr/w:vMerge", NS).get(W + "val") == "restart"
    assert header_rows[1].findall("w:tc", NS)[0].find("w:tcPr/w:vMerge", NS) is not None
    rotated = [cell_text(tc) for tc in header_rows[1].findall("w:tc", NS)
               if tc.find("w:tcPr/w:textDirection[@w:val='btLr']", NS) is not None]
    assert rotated == ["CV", *(f"ECV{i}" for i in range(1, 9)), "NCV"]
    paragraphs = [[text(p) for p in tc.findall("w:p", NS)] for tc in duis.iter(W + "tc")]
    assert ["Mandatory", "SMETS 2"] in paragraphs


# --- footer figures, counted independently ------------------------------------

def heading_numbers(body: etree._Element) -> list[tuple[etree._Element, str]]:
    """Each heading paragraph with the number Word would show (counted here)."""
    counters = [0, 0, 0]
    out = []
    for p in body.iter(W + "p"):
        s = style(p)
        if not s.startswith("Heading"):
            continue
        level = int(s[-1])
        counters[level - 1] += 1
        counters[level:] = [0] * (3 - level)
        out.append((p, ".".join(map(str, counters[:level]))))
    return out


def grid(tr: etree._Element) -> list[str]:
    cells: list[str] = []
    for tc in tr.findall("w:tc", NS):
        span = tc.find("w:tcPr/w:gridSpan", NS)
        cells.append(cell_text(tc))
        cells.extend([""] * (int(span.get(W + "val")) - 1 if span is not None else 0))
    return cells


def squeeze(s: str) -> str:
    return "".join(s.split()).casefold()


def footer_mismatches(path: Path) -> set[tuple[str, str, str, int, int]]:
    """(table, footer row, column, stated, computed) for every wrong figure."""
    body = part(path, "word/document.xml").find("w:body", NS)
    numbers = dict(heading_numbers(body))
    found = set()
    current = ""
    for child in body:
        if child.tag == W + "p" and child in numbers:
            current = numbers[child]
        if child.tag != W + "tbl":
            continue
        rows = child.findall("w:tr", NS)
        header = [grid(tr) for tr in rows if tr.find("w:trPr/w:tblHeader", NS) is not None]
        names = header[-1]
        value_cols = [i for i, n in enumerate(names) if re.fullmatch(r"N?E?CV\d?|Test Scenario", n)]
        body_rows = [grid(tr) for tr in rows[len(header):]]
        counted = [r for r in body_rows if not re.match(r"Count of|Total Tests", r[0])]
        grand = 0
        for r in body_rows:
            if r[0].startswith("Count of"):
                value = r[0].removeprefix("Count of ")
                figures = [int(x) for x in r[value_cols[0]:] if x]
                counts = [sum(squeeze(b[c]) == squeeze(value) for b in counted) for c in value_cols]
                if value != "N/A":
                    grand += sum(counts)
                for c, stated, computed in zip(value_cols, figures, counts, strict=False):
                    if stated != computed:
                        found.add((current, r[0], names[c], stated, computed))
                if len(figures) == len(value_cols) + 1 and figures[-1] != sum(counts):
                    found.add((current, r[0], "Total", figures[-1], sum(counts)))
            elif r[0] == "Total Tests":
                stated = int(next(x for x in reversed(r) if x))
                if stated != grand:
                    found.add((current, "Total Tests", "Total", stated, grand))
    return found


E1_E3 = {
    ("8.1.10", "Count of Mandatory", "Total", 16, 12),
    ("8.1.10", "Total Tests", "Total", 23, 18),
    ("8.1.8", "Count of N/A", "ECV3", 38, 37),
}


@pytest.mark.parametrize("path", [V618, TYPED])
def test_618_footers_are_right_except_the_planted_errors(path: Path) -> None:
    assert footer_mismatches(path) == E1_E3


def test_619_footers_are_all_right() -> None:
    assert footer_mismatches(V619) == set()


def test_tables_sit_under_the_headings_of_their_numbers() -> None:
    body = part(V619, "word/document.xml").find("w:body", NS)
    numbered = {n: text(p) for p, n in heading_numbers(body)}
    assert numbered["8.1.10"] == "DUIS Matrix – Registered Supplier Agent (RSA)"
    assert numbered["8.1.11"] == "DUIS Matrix – Other User (OU)"
    assert numbered["7.2"] == "Defect Management and Retesting"
    assert numbered["7.4"] == "Approval of Test Completion"
    assert "6.3" not in numbered
    assert numbered["8.1.22"] == "DCC Alert Tests – ED"


# --- determinism and the change list ------------------------------------------

def builder() -> ModuleType:
    """fixtures/build_fixtures.py of this checkout (not of another one on sys.path)."""
    if sys.path[0] != str(ROOT):
        sys.path.insert(0, str(ROOT))
    module = importlib.import_module("fixtures.build_fixtures")
    assert Path(module.__file__).resolve().parent == FIXTURES, module.__file__
    return module


def test_rebuilding_gives_identical_documents(tmp_path: Path) -> None:
    builder().build_all(tmp_path)
    for path in (V618, V619, TYPED):
        rebuilt = tmp_path / path.name
        assert part(rebuilt, "word/document.xml") is not None
        with zipfile.ZipFile(rebuilt) as a, zipfile.ZipFile(path) as b:
            assert a.read("word/document.xml") == b.read("word/document.xml")
        assert rebuilt.read_bytes() == path.read_bytes()
    assert (tmp_path / "CHANGES.md").read_text() == (FIXTURES / "CHANGES.md").read_text()


def test_changes_md_states_the_planted_errors() -> None:
    changes = (FIXTURES / "CHANGES.md").read_text()
    assert "| E1 | 8.1.10 | Count of Mandatory | Total | null | 16 | 12 |" in changes
    assert "| E2 | 8.1.10 | Total Tests | Total | null | 23 | 18 |" in changes
    assert "| E3 | 8.1.8 | Count of N/A | ECV3 | 7 | 38 | 37 |" in changes


def test_scaled_builder_keeps_the_planted_errors_and_repeats_rows(tmp_path: Path) -> None:
    path = tmp_path / "large.docx"
    path.write_bytes(builder().build_appendix("6.18", scale=2))
    found = footer_mismatches(path)
    assert {(t, row, col, stated - computed) for t, row, col, stated, computed in found} == {
        ("8.1.10", "Count of Mandatory", "Total", 4),
        ("8.1.10", "Total Tests", "Total", 5),
        ("8.1.8", "Count of N/A", "ECV3", 1),
    }
    body = part(path, "word/document.xml")
    variants = [cell_text(tr.findall("w:tc", NS)[1]) for tr in body.find("w:body/w:tbl", NS).findall("w:tr", NS)]
    assert variants[2:6] == ["1.1.1", "1.1.1-2", "1.1.2", "1.1.2-2"]


# --- the PDFs ------------------------------------------------------------------

@pytest.mark.parametrize("path", [V618, V619, TYPED])
def test_pdf_has_the_banner_on_every_page_landscape_tables_and_the_docx_headings(path: Path) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    pdf_path = path.with_suffix(".pdf")
    if not pdf_path.exists():
        pytest.skip("fixture PDFs not built yet")
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        pages = []
        for page in pdf:
            width, height = page.get_size()
            pages.append((width > height, " ".join(page.get_textpage().get_text_range().split())))
    finally:
        pdf.close()
    assert len(pages) > 20
    assert all(words.startswith("This document is classified as White") for _, words in pages)
    assert not pages[0][0], "cover page should be portrait"
    rsa = [landscape for landscape, words in pages if "8.1.10 DUIS Matrix – Registered Supplier Agent (RSA)" in words]
    assert rsa == [True]
    everything = " ".join(words for _, words in pages)
    body = part(path, "word/document.xml")
    for heading, number in heading_numbers(body.find("w:body", NS)):
        title = re.sub(r"^\d+(\.\d+)*\t", "", text(heading))
        assert f"{number} {title}" in everything
