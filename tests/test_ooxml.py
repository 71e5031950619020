"""redline.ooxml: the OOXML names and helpers the DOCX reader and writers share.

Parts are found as Word finds them, through the document part's relationships
(python-docx's ``part_related_by``), not at the paths Word happens to use; a
row's grid is counted one way for the reader and the amending writer.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx_builder import CONTENT_TYPES, NUMBERING, RELS, STYLES, cell, document_xml, heading, row
from lxml import etree

from redline.ooxml.attrs import MAX_SPAN, small_int
from redline.ooxml.grid import continued, row_grid
from redline.ooxml.ns import NSMAP, TC, W, qn
from redline.ooxml.rels import STYLES as STYLES_REL
from redline.ooxml.rels import related_by, rels_part
from redline.readers import read

_EMPTY_STYLES = f'<?xml version="1.0"?><w:styles xmlns:w="{NSMAP["w"]}"/>'


def test_qn_spells_the_clark_name_python_docx_spells() -> None:
    from docx.oxml.ns import qn as docx_qn

    for tag in ("w:p", "w:tblHeader", "m:oMath", "w14:paraId", "r:embed", "a:blip", "xml:space"):
        assert qn(tag) == docx_qn(tag)
    assert qn("w:p") == W + "p"


def test_styles_and_numbering_are_found_through_the_relationships_not_at_fixed_paths(tmp_path: Path) -> None:
    """A producer may name its parts as it likes: here the real styles and numbering sit
    elsewhere, and word/styles.xml is a decoy without heading styles. Read by fixed
    path, the headings would be body text and the sections lost."""
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId7" Target="parts/st.xml"'
        ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/>'
        '<Relationship Id="rId9" Target="/lists.xml"'
        ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"/>'
        "</Relationships>"
    )
    path = tmp_path / "renamed-parts.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/document.xml", document_xml([heading("Introduction", 1), heading("Scope", 2)]))
        z.writestr("word/styles.xml", _EMPTY_STYLES)
        z.writestr("word/parts/st.xml", STYLES)
        z.writestr("lists.xml", NUMBERING)
    doc = read(path)
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Introduction"), ("1.1", "Scope")]


def test_relationship_targets_resolve_against_the_source_part() -> None:
    xml = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="a" Target="../custom/s.xml"'
        ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/>'
        '<Relationship Id="b" Target="https://example.org" TargetMode="External"'
        ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/>'
        "</Relationships>"
    )
    root = etree.fromstring(xml)
    assert rels_part("word/document.xml") == "word/_rels/document.xml.rels"
    assert related_by(root, "word/document.xml", STYLES_REL) == "custom/s.xml"


def test_a_row_grid_counts_columns_as_the_reader_does() -> None:
    """gridBefore, spans, a cell wrapped in a content control, a hostile span: the writer
    amending "grid column 3" must mean the cell the reader read there."""
    xml = row(
        [
            cell("a", span=2),
            f'<w:sdt><w:sdtContent>{cell("b")}</w:sdtContent></w:sdt>',
            cell("c", tcpr='<w:gridSpan w:val="99999999999"/>'),
            cell("d", vmerge="continue"),
        ]
    ).replace("<w:tr>", '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>')
    tr = etree.fromstring(f'<w:tbl xmlns:w="{NSMAP["w"]}">{xml}</w:tbl>')[0]
    grid = row_grid(tr)
    assert [col for col, _ in grid] == [1, 3, 4, 4 + MAX_SPAN]
    assert all(tc.tag == TC for _, tc in grid)
    assert [continued(tc.find(W + "tcPr")) for _, tc in grid] == [False, False, False, True]
    assert small_int("-7", low=0, high=9) == 0 and small_int("x1", low=0, high=9) is None
