"""The annex in DOCX, tracked DOCX and HTML on the documents of
tests/annex_docs.py, each checked by reading it back: our DOCX reader must
recover exactly the plan's amendments, and the accepted/rejected views of the
tracked annex the new/old text; the HTML is parsed. LibreOffice and PDF are
tested on the fixture annex (test_annex_fixture.py), once each."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from redline.annex.plan import AnnexOptions, AnnexPlan, plan_annex
from redline.diff import diff
from redline.errors import RenderError
from redline.model import Document, normalise
from redline.writers.annex import write_annex
from redline.writers.docx import DocxSettings, render_docx
from redline.writers.html import render_html
from redline.writers.pdf import find_soffice
from tests.annex_docs import pair
from tests.docx_views import view
from tests.libreoffice import SOFFICE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OLD, NEW = pair()
PLAN = plan_annex(OLD, NEW, diff(OLD, NEW), AnnexOptions(mp="MP089"))
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")


def _read(tmp_path: Path, data: bytes, name: str) -> Document:
    from redline.readers import read

    path = tmp_path / name
    path.write_bytes(data)
    return read(path)


def _fields(doc_or_plan: Document | AnnexPlan) -> list[tuple[object, ...]]:
    items = doc_or_plan.amendments if isinstance(doc_or_plan, Document) else doc_or_plan.items
    return [(a.instruction, a.target, a.old_text, a.new_text, a.inserted, a.deleted) for a in items]


def _document_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


# -- DOCX --------------------------------------------------------------------


def test_docx_marks_insertions_blue_underlined_and_deletions_red_struck() -> None:
    root = _document_xml(render_docx(PLAN))
    inserted, deleted = [], []
    for r in root.iter(W + "r"):
        text = "".join(t.text or "" for t in r.iter(W + "t"))
        colour = r.find(f"{W}rPr/{W}color")
        if r.find(f"{W}rPr/{W}u") is not None:
            assert colour is not None and colour.get(W + "val") == "0000FF"
            inserted.append(text)
        if r.find(f"{W}rPr/{W}strike") is not None:
            assert colour is not None and colour.get(W + "val") == "FF0000"
            deleted.append(text)
    plan_inserted = [f for item in PLAN.items for f in item.inserted]
    plan_deleted = [f for item in PLAN.items for f in item.deleted]
    assert [normalise(t) for t in inserted if t.strip()] == plan_inserted
    assert [normalise(t) for t in deleted if t.strip()] == plan_deleted
    assert root.find(f".//{W}ins") is None and root.find(f".//{W}del") is None


def test_docx_layout_repeats_table_headers_and_turns_wide_tables_landscape() -> None:
    root = _document_xml(render_docx(PLAN))
    tables = root.findall(f".//{W}tbl")
    assert len(tables) == 2
    for tbl in tables:
        first = tbl.find(f"{W}tr")
        assert first is not None and first.find(f"{W}trPr/{W}tblHeader") is not None
    orientations = [s.get(W + "orient") for s in root.iter(W + "pgSz")]
    assert "landscape" in orientations  # the 15-column DUIS table
    assert orientations[-1] in (None, "portrait")  # back to portrait for the DCC table


def test_docx_annex_reads_back_to_exactly_the_planned_amendments(tmp_path: Path) -> None:
    doc = _read(tmp_path, render_docx(PLAN), "annex.docx")
    assert _fields(doc) == _fields(PLAN)
    assert doc.drafted_against == "6.18"


def test_tracked_docx_uses_real_revisions_with_author_and_date() -> None:
    data = render_docx(PLAN, DocxSettings(tracked=True, author="SECAS", date="2026-11-24T00:00:00Z"))
    root = _document_xml(data)
    revisions = [*root.iter(W + "ins"), *root.iter(W + "del")]
    assert revisions
    assert {(r.get(W + "author"), r.get(W + "date")) for r in revisions} == {("SECAS", "2026-11-24T00:00:00Z")}
    ids = [r.get(W + "id") for r in revisions]
    assert len(ids) == len(set(ids))
    deleted_text = ["".join(t.text or "" for t in d.iter(W + "delText")) for d in root.iter(W + "del")]
    assert "23" in deleted_text and not any(d.find(f".//{W}t") is not None for d in root.iter(W + "del"))
    assert root.find(f".//{W}strike") is None and root.find(f".//{W}u") is None


def test_tracked_docx_reads_back_with_the_same_amendments(tmp_path: Path) -> None:
    doc = _read(tmp_path, render_docx(PLAN, DocxSettings(tracked=True)), "tracked.docx")
    assert _fields(doc) == _fields(PLAN)


def test_tracked_docx_accepted_gives_new_text_and_rejected_gives_old(tmp_path: Path) -> None:
    data = render_docx(PLAN, DocxSettings(tracked=True))
    accepted = _read(tmp_path, view(data, keep="insert"), "accepted.docx")
    rejected = _read(tmp_path, view(data, keep="delete"), "rejected.docx")
    assert [a.new_text for a in accepted.amendments] == [i.new_text for i in PLAN.items]
    assert [a.new_text for a in rejected.amendments] == [i.old_text for i in PLAN.items]
    assert not any(a.inserted or a.deleted for a in (*accepted.amendments, *rejected.amendments))


# -- HTML ----------------------------------------------------------------------


def test_html_shows_each_amendment_with_its_ins_and_del_fragments() -> None:
    page = lxml.html.fromstring(render_html(PLAN))
    sections = [s for s in page.iter("section") if "amendment" in (s.get("class") or "")]
    assert len(sections) == len(PLAN.items)
    for section, item in zip(sections, PLAN.items, strict=True):
        instruction = next(p for p in section.iter("p") if p.get("class") == "instruction")
        assert instruction.text_content() == item.instruction
        ins = [normalise(e.text_content()) for e in section.iter("ins")]
        dels = [normalise(e.text_content()) for e in section.iter("del")]
        assert [x for x in ins if x] == list(item.inserted)
        assert [x for x in dels if x] == list(item.deleted)


def test_html_summary_panel_gives_per_role_changes_and_both_totals_checks() -> None:
    page = lxml.html.fromstring(render_html(PLAN))
    rows = {}
    for tr in page.iter("tr"):
        cells = [normalise(td.text_content()) for td in tr.iter("td")]
        if cells and cells[0] in ("RSA", "IS", "GS"):
            rows[cells[0]] = cells
    # added, removed, renamed, moved, cells changed, footer figures changed
    assert rows["RSA"][:8] == ["RSA", "8.1.10", "2", "0", "0", "0", "0", "13"]
    assert rows["RSA"][8:] == ["2 wrong", "adds up"]
    assert rows["IS"][2:7] == ["0", "1", "1", "0", "1"]


def test_html_is_self_contained_and_escapes_text() -> None:
    html = render_html(PLAN)
    page = lxml.html.fromstring(html)
    assert not page.xpath("//script | //link | //img | //iframe")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<style>" in html and "ins {" in html
    assert "‘Common Testing Scenarios Document’" in html
    hostile = plan_annex(OLD, NEW, None, AnnexOptions(title="<script>alert(1)</script>"))
    assert "<script>alert" not in render_html(hostile)


# -- PDF -----------------------------------------------------------------------


def test_pdf_without_libreoffice_names_the_missing_program(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("REDLINE_SOFFICE", raising=False)
    with pytest.raises(RenderError, match=r"soffice.*libreoffice-writer-nogui"):
        find_soffice()
    with pytest.raises(RenderError, match="soffice"):
        write_annex(PLAN, tmp_path / "annex.pdf")
    assert not (tmp_path / "annex.pdf").exists()


def test_unknown_suffix_and_missing_folder_are_render_errors(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="unknown annex format"):
        write_annex(PLAN, tmp_path / "annex.odt")
    with pytest.raises(RenderError, match="does not exist"):
        write_annex(PLAN, tmp_path / "no" / "annex.html")


def test_tracked_revision_elements_sit_where_the_schema_wants_them() -> None:
    """Found by an OOXML validator (openxml-audit): a row revision needs a row
    property before it, a paragraph-mark revision comes first in its w:rPr and
    once, and python-docx's stale stylesWithEffects part is left out."""
    data = render_docx(PLAN, DocxSettings(tracked=True))
    root = _document_xml(data)
    for trpr in root.iter(W + "trPr"):
        tags = [c.tag for c in trpr]
        if W + "ins" in tags or W + "del" in tags:
            assert tags[0] not in (W + "ins", W + "del"), tags
    for rpr in root.iter(W + "rPr"):
        if rpr.getparent() is not None and rpr.getparent().tag == W + "pPr":
            marks = [c for c in rpr if c.tag in (W + "ins", W + "del")]
            assert len(marks) <= 1 and (not marks or rpr[0] is marks[0])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not any("stylesWithEffects" in n for n in z.namelist())
        assert b"stylesWithEffects" not in z.read("word/_rels/document.xml.rels")


def test_full_copy_has_every_section_and_no_instructions() -> None:
    from redline.annex.full import plan_full

    full = plan_full(OLD, NEW, diff(OLD, NEW), AnnexOptions())
    assert [i.target.number for i in full.items] == [s.number for s in NEW.sections]
    assert all(i.instruction == "" for i in full.items)
    page = lxml.html.fromstring(render_html(full))
    assert not [p for p in page.iter("p") if p.get("class") == "instruction"]
    tables = [t for t in page.iter("table") if "annex" in (t.get("class") or "")]
    assert len(tables) == len(NEW.tables())  # every table, changed or not
    root = _document_xml(render_docx(full, DocxSettings(tracked=True)))
    texts = normalise("".join(t.text or "" for t in root.iter(W + "t")))
    assert "Amend " not in texts
    assert "SEC Version 6.19" in texts
    assert "6.18" in "".join(t.text or "" for t in root.iter(W + "delText"))


def test_a_table_the_new_version_dropped_is_deleted_and_reads_back(tmp_path: Path) -> None:
    from dataclasses import replace

    sections = tuple(
        replace(s, blocks=tuple(b for b in s.blocks if s.number != "8.1.20" or not hasattr(b, "rows")))
        for s in NEW.sections
    )
    dropped = replace(NEW, sections=sections)
    plan = plan_annex(OLD, dropped, diff(OLD, dropped), AnnexOptions())
    item = next(i for i in plan.items if i.target.number == "8.1.20")
    assert item.instruction == "Delete Table 8.1.20 as follows:"
    assert item.new_text == "" and item.deleted == ("N55", "SMETS1 Service Provider Alert", "Mandatory SMETS1", "GS")
    summary = next(t for t in plan.tables if t.number == "8.1.20")
    assert summary.rows_removed == 1
    for settings in (DocxSettings(), DocxSettings(tracked=True)):
        doc = _read(tmp_path, render_docx(plan, settings), "annex.docx")
        assert _fields(doc) == _fields(plan)
