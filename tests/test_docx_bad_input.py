"""Bad and hostile input through the command line: one line on stderr, exit 2,
no traceback, and hostile files refused without being inflated or expanded."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx_builder import heading, para, write_docx
from hostile_docx import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    corrupt_member,
    truncated,
    with_document,
    without_document,
    zip_bomb,
    zip_encrypted,
)

from redline.cli import main


def _fails(capsys: pytest.CaptureFixture[str], path: Path, *words: str) -> str:
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("redline: ") and "Traceback" not in err
    assert str(path) in err
    for w in words:
        assert w in err, err
    return err


def test_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fails(capsys, tmp_path / "nowhere.docx", "no such file")


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "empty.docx"
    p.write_bytes(b"")
    _fails(capsys, p, "empty file")


def test_text_file_renamed_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "notes.docx"
    p.write_text("Count of N/A 1 2 3\n", encoding="utf-8")
    _fails(capsys, p, "not a DOCX or PDF")


def test_truncated_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fails(capsys, truncated(tmp_path / "half.docx"), "corrupt DOCX")


def test_damaged_document_part(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fails(capsys, corrupt_member(tmp_path / "damaged.docx"), "corrupt DOCX", "word/document.xml")


def test_zip_without_a_word_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fails(capsys, without_document(tmp_path / "other.docx"), "no word/document.xml")


def test_other_zip_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "archive.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("readme.txt", "hello")
    _fails(capsys, p, "no word/document.xml")


def test_malformed_document_xml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = with_document(tmp_path / "bad.docx", "<w:document><w:body><w:p>")
    _fails(capsys, p, "corrupt DOCX", "not well-formed")


def test_zip_bomb_is_refused_by_its_declared_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = zip_bomb(tmp_path / "bomb.docx", 2048)  # 2 GB of zeros in ~2 MB
    assert bomb.stat().st_size < 4 * 1024 * 1024
    _fails(capsys, bomb, "refused", "zip bomb")


def test_zip_bomb_is_refused_by_its_compression_ratio(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fails(capsys, zip_bomb(tmp_path / "ratio.docx", 64), "refused", "zip bomb")


def test_zip_bomb_lying_about_its_size_is_not_inflated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = zip_bomb(tmp_path / "liar.docx", 64, declare=4000)
    err = _fails(capsys, bomb)
    assert "corrupt DOCX" in err or "refused" in err


def test_billion_laughs_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fails(capsys, with_document(tmp_path / "laughs.docx", BILLION_LAUGHS), "refused", "DOCTYPE")


def test_external_entity_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fails(capsys, with_document(tmp_path / "xxe.docx", EXTERNAL_ENTITY), "refused", "DOCTYPE")


def test_hostile_styles_part_is_refused_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = write_docx(tmp_path / "styles.docx", [heading("Introduction", 1)], styles=EXTERNAL_ENTITY)
    _fails(capsys, p, "refused", "word/styles.xml")


def test_docx_without_tables_has_nothing_to_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = write_docx(tmp_path / "prose.docx", [heading("Introduction", 1), para(text="Only prose.")])
    assert main(["check", str(p)]) == 0
    out, err = capsys.readouterr()
    assert "nothing to check" in out and err == ""
    assert main(["check", "--json", str(p)]) == 0
    out, _ = capsys.readouterr()
    assert '"ok": true' in out and '"tables": []' in out


def test_legacy_doc_or_password_protected_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "old.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    _fails(capsys, p, "legacy .doc or password-protected")


def test_strict_open_xml_is_refused_with_advice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    strict = (
        '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body>'
        "<w:p><w:r><w:t>Appendix R</w:t></w:r></w:p></w:body></w:document>"
    )
    _fails(capsys, with_document(tmp_path / "strict.docx", strict), "Strict Open XML")


def test_zip_level_encryption(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fails(capsys, zip_encrypted(tmp_path / "locked.docx"), "encrypted zip")
