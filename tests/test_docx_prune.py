"""Dropping layout-only properties before the parse (readers/docx_prune.py) must
not change what any document reads to, and must leave alone anything whose
removal could (a fault in the XML, a property the reader uses, XML it cannot
see the structure of)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from redline.errors import ReadError
from redline.readers import docx as docx_reader
from redline.readers import docx_prune, read
from redline.readers.docx_prune import prunable, prune, prune_pieces
from tests.docx_builder import cell, document_xml, duis_table, heading, para, row, run, table, write_docx

ROOT = Path(__file__).resolve().parents[1]
ALL_DOCX = sorted([*ROOT.glob("fixtures/**/*.docx"), *ROOT.glob("tests/data/**/*.docx")])


def _unpruned(monkeypatch: pytest.MonkeyPatch, path: Path) -> object:
    with monkeypatch.context() as m:
        m.setattr(docx_reader, "prune_pieces", lambda pieces: None)
        return read(path)


def test_every_docx_in_the_repository_reads_the_same_pruned(monkeypatch: pytest.MonkeyPatch) -> None:
    pruned_some = 0
    for path in ALL_DOCX:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml")
        pruned_some += prune(xml) != xml
        assert read(path) == _unpruned(monkeypatch, path), path
    assert pruned_some >= 80  # the fixtures and most of the peer documents carry layout properties


def test_layout_properties_go_and_the_ones_the_reader_uses_stay() -> None:
    xml = document_xml([
        para(run("sized", '<w:sz w:val="15"/><w:szCs w:val="15"/>'), ppr='<w:spacing w:before="20" w:after="20"/>'),
        para(run("bold", '<w:b/><w:sz w:val="15"/>'), ppr='<w:jc w:val="center"/>'),
        table([row([cell("x", tcpr='<w:tcW w:w="800" w:type="dxa"/>'),
                    cell("y", span=2, tcpr='<w:tcW w:w="1"/>')])], 3),
    ]).encode()
    out = prune(xml)
    assert b'<w:p><w:r><w:t xml:space="preserve">sized' in out  # the plain run's size and spacing went
    assert b'<w:b/><w:sz w:val="15"/>' in out  # a run that is bold keeps all its properties
    assert b"spacing" not in out and b"<w:jc" not in out
    assert b'<w:tc><w:p><w:r><w:t xml:space="preserve">x' in out
    assert b'<w:gridSpan w:val="2"/>' in out  # a spanned cell keeps its properties
    etree.fromstring(out)


@pytest.mark.parametrize(
    "xml",
    [
        '<w:r><w:rPr><w:sz w:val="1" w:val="2"/></w:rPr><w:t>a</w:t></w:r>',  # duplicate attribute: not well-formed
        '<w:r><w:rPr><w:sz w:val="&bad;"/></w:rPr><w:t>a</w:t></w:r>',  # an undefined entity
        '<w:r><w:rPr><w:sz x:val="1"/></w:rPr><w:t>a</w:t></w:r>',  # an undeclared prefix
        '<w:r><w:rPr><w:sz w:val="1"/><w:strike/></w:rPr><w:t>a</w:t></w:r>',  # a property the reader reads
        '<w:r><w:rPr><w:sz w:val="1"></w:sz></w:rPr><w:t>a</w:t></w:r>',  # not an empty element as written
    ],
)
def test_what_could_change_the_reading_or_hide_a_fault_stays(xml: str) -> None:
    doc = document_xml([f"<w:p>{xml}</w:p>"]).encode()
    assert prune(doc) == doc


def test_a_fault_in_a_kept_start_tag_still_stops_the_read(tmp_path: Path) -> None:
    bad = '<w:p><w:r w:rsidR="1" w:rsidR="1"><w:rPr><w:sz w:val="15"/></w:rPr><w:t>a</w:t></w:r></w:p>'
    path = write_docx(tmp_path / "dup.docx", [bad])
    with pytest.raises(ReadError, match="not well-formed"):
        read(path)


@pytest.mark.parametrize(
    "extra",
    [
        "<!-- <w:r><w:rPr><w:sz/></w:rPr> -->",
        '<w:p><w:r><w:t><![CDATA[<w:r><w:rPr><w:sz w:val="1"/></w:rPr>]]></w:t></w:r></w:p>',
        "<?pi <w:r><w:rPr><w:sz/></w:rPr> ?>",
        '<w:p xmlns:w="urn:other"><w:r><w:rPr><w:sz w:val="1"/></w:rPr></w:r></w:p>',
    ],
)
def test_xml_whose_structure_a_pattern_cannot_see_is_left_whole(extra: str) -> None:
    doc = document_xml([extra, para(run("x", '<w:sz w:val="15"/>'))]).encode()
    assert not prunable(doc)
    assert prune(doc) == doc


def test_a_duis_table_with_layout_properties_reads_as_without(tmp_path: Path) -> None:
    plain = duis_table("IS", [["1.1", "1.1", "Update", "Y", "Mandatory", "N/A", "N/A", "N/A", "IS"]],
                       [["Count of Mandatory", "", "", "", "1", "0", "0", "0", ""]])
    tcpr = '<w:tcPr><w:tcW w:w="800" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
    dressed = (plain.replace("<w:tc>", "<w:tc>" + tcpr)
               .replace("<w:r>", '<w:r><w:rPr><w:sz w:val="15"/><w:szCs w:val="15"/></w:rPr>'))
    assert dressed != plain
    a = read(write_docx(tmp_path / "a.docx", [heading("8.1.5 DUIS Matrix – IS", 3), plain]))
    b = read(write_docx(tmp_path / "b.docx", [heading("8.1.5 DUIS Matrix – IS", 3), dressed]))
    assert a.tables() == b.tables() and a.tables()[0].rows


def test_pruned_piece_by_piece_as_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    with zipfile.ZipFile(ROOT / "fixtures/appendix-r-v6.18.docx") as z:
        xml = z.read("word/document.xml")
    monkeypatch.setattr(docx_prune, "PIECE_BYTES", 3000)  # cut often, at every size of inflated chunk
    for size in (1000, 4096, 1 << 16):
        found = prune_pieces(xml[i : i + size] for i in range(0, len(xml), size))
        assert found is not None
        assert found == (prune(xml), False)


@pytest.mark.parametrize("late", ["<!-- a comment -->", "<?pi data?>", '<w:p xmlns:w="urn:other"/>'])
def test_what_turns_up_late_still_leaves_the_xml_whole(late: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_prune, "PIECE_BYTES", 3000)
    body = [para(run(f"row {i}", '<w:sz w:val="15"/>')) for i in range(3000)]
    xml = document_xml([table([row([cell(b) for b in body[:10]])], 10), *body, late]).encode()
    assert prune_pieces(xml[i : i + 4096] for i in range(0, len(xml), 4096)) is None
    assert prune_pieces([xml.replace(late.encode(), b"")]) is not None
