"""The whole-document DOCX writer: what it writes reads back as the same model."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from redline.model import Document
from redline.versions.compare import differences
from redline.writers.docx_document import render_docx, write_docx
from tests.appendix_builders import appendix
from tests.conftest import FIXTURES
from tests.test_apply import version_619


def _read(path: Path) -> Document:
    pytest.importorskip("redline.readers.docx")
    from redline.readers import read

    return read(path)


@pytest.mark.parametrize("name", ["appendix-r-v6.18.docx", "appendix-r-v6.19.docx", "appendix-r-v6.18-typed.docx"])
def test_fixtures_round_trip(tmp_path: Path, name: str) -> None:
    source = FIXTURES / name
    doc = _read(source)
    back = _read(write_docx(doc, tmp_path / "out.docx"))
    assert differences(doc, back) == []
    assert (back.title, back.sec_version) == (doc.title, doc.sec_version)


def test_built_documents_round_trip_with_bullet_levels(tmp_path: Path) -> None:
    for doc in (appendix("6.18"), version_619()):
        back = _read(write_docx(doc, tmp_path / "out.docx"))
        assert differences(doc, back) == []


def test_layout_header_rows_repeat_and_matrix_pages_are_landscape() -> None:
    xml = zipfile.ZipFile(io.BytesIO(render_docx(appendix("6.18")))).read("word/document.xml").decode()
    assert xml.count("<w:tblHeader") == 1  # the one header row of Table 8.1.10
    assert 'w:orient="landscape"' in xml
    assert "8.1.10 DUIS Matrix – RSA" in xml


def test_never_writes_over_an_input(tmp_path: Path) -> None:
    from redline.errors import RenderError

    src = tmp_path / "in.docx"
    src.write_bytes(b"PK")
    with pytest.raises(RenderError, match="refusing to write over an input file"):
        write_docx(appendix("6.18"), src, inputs=[src])
