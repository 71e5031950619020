"""The DOCX reader streams: a long table is read in chunks of rows, the XML
dropped behind it, and a document.xml no Appendix R comes near is refused
with one line (see ``redline.readers.docx.MAX_DOCUMENT_XML``).

Peak memory itself is measured by bench/bench_memory.py, not here.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from redline.cli import main
from redline.inputs import read_file
from redline.readers import docx as docx_reader
from redline.writers.json import document_to_dict
from tests.conftest import ROOT
from tests.handmade_annex import build as build_handmade_annex


@pytest.mark.parametrize(
    "path",
    [ROOT / "fixtures" / "appendix-r-v6.18.docx", ROOT / "fixtures" / "appendix-r-v6.18-typed.docx", None],
    ids=["fixture", "typed", "hand-made-annex"],
)
def test_reading_a_table_in_chunks_of_rows_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: Path | None
) -> None:
    source = path or build_handmade_annex(tmp_path / "annex.docx")
    monkeypatch.setattr(docx_reader, "ROWS_PER_CHUNK", 10**9)
    whole = read_file(source)
    monkeypatch.setattr(docx_reader, "ROWS_PER_CHUNK", 3)  # every table of the fixture is cut many times
    chunked = read_file(source)
    assert chunked == whole
    assert '"rows": [{' in json.dumps(document_to_dict(whole))  # it has tables with rows to cut


@pytest.mark.parametrize(
    "path",
    [
        ROOT / "fixtures" / "appendix-r-v6.18.docx",
        ROOT / "tests" / "data" / "peer" / "WC022-Image-Math-Para-Before.docx",
        ROOT / "tests" / "data" / "peer" / "WC036-Footnote-With-Table-After.docx",
        None,
    ],
    ids=["fixture", "pictures-and-math", "notes", "hand-made-annex"],
)
def test_feeding_the_xml_in_pieces_of_any_size_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: Path | None
) -> None:
    """The body's blocks are read as each piece of XML completes them (no event per
    paragraph): cut anywhere, even inside a tag or a character, the document reads the same."""
    source = path or build_handmade_annex(tmp_path / "annex.docx")
    monkeypatch.setattr(docx_reader, "FEED_BYTES", 1 << 30)
    whole = read_file(source)
    for size in (997, 4096):
        monkeypatch.setattr(docx_reader, "FEED_BYTES", size)
        monkeypatch.setattr(docx_reader, "ROWS_PER_CHUNK", 2)
        assert read_file(source) == whole, size


def test_a_document_beyond_any_appendix_r_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.docx"
    with zipfile.ZipFile(ROOT / "fixtures" / "appendix-r-v6.18.docx") as src, zipfile.ZipFile(big, "w") as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        size = src.getinfo("word/document.xml").file_size
    monkeypatch.setattr(docx_reader, "MAX_DOCUMENT_XML", size - 1)  # the limit moved below the fixture
    assert main(["check", str(big)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(big) in err
    assert "refused: word/document.xml is" in err and "a full-size Appendix R has 7.4 MB" in err
    monkeypatch.setattr(docx_reader, "MAX_DOCUMENT_XML", size)
    assert main(["check", str(big)]) in (0, 1)


def test_zip_whose_header_claims_an_unknown_zip_version_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by bench/fuzz.py: one flipped byte made zipfile raise NotImplementedError
    ("zip file version 11.2") before any part was read, and check printed a traceback."""
    data = bytearray((ROOT / "fixtures" / "appendix-r-v6.19.docx").read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 6] = 112  # "version needed to extract" of the first entry: 11.2
    bad = tmp_path / "flipped.docx"
    bad.write_bytes(bytes(data))
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err == f"redline: {bad}: corrupt DOCX: damaged zip (zip file version 11.2)\n"
