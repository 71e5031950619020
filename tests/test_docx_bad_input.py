"""Bad and hostile input through the command line: one line on stderr, exit 2,
no traceback, and hostile files refused without being inflated or expanded."""

from __future__ import annotations

import contextlib
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


def test_hostile_attribute_values_are_clamped(tmp_path: Path) -> None:
    """A span of 99999999999 columns or a list starting at 10**5000 must not build
    billions of cells, loop for ever or overflow int(): they are clamped."""
    from docx_builder import NUMBERING, cell, row, table

    from redline.readers import read

    huge = "9" * 5000
    numbering = NUMBERING.replace(
        '<w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>', f'<w:start w:val="{huge}"/><w:numFmt w:val="lowerRoman"/>'
    )
    rows = [
        row(["Reference", "Name"], header=True),
        row([cell("N1", span=99999999999), "x"]),
        f'<w:tr><w:trPr><w:gridBefore w:val="{huge}"/></w:trPr>' + cell("N2") + "</w:tr>",
    ]
    body = [heading("Introduction", 1), para(num=(3, 0), text="roman item"), table(rows, 2)]
    doc = read(write_docx(tmp_path / "huge.docx", body, numbering=numbering))
    [t] = doc.tables()
    assert all(len(r.cells) <= 64 + 1 for r in t.rows)


def test_mangled_xml_never_escapes_as_a_traceback(tmp_path: Path) -> None:
    """Seeded mutations of a small document's XML: each read gives a Document or a ReadError."""
    import random

    from docx_builder import CONTENT_TYPES, NUMBERING, STYLES, cell, document_xml, duis_table

    from redline.checks import check
    from redline.errors import ReadError
    from redline.readers import read

    footer = [[cell("Count of N/A", span=4), "0", "1", "1", "2", "4"], [cell("Total Tests", span=4), "5"]]
    body = [
        heading("Introduction", 1),
        para(style="ListBullet", text="a bullet"),
        duis_table("RSA", [["8.4", "8.4", "Update Inventory", "N", "Mandatory", "N/A", "N/A", "N/A"]], footer),
    ]
    parts = {
        "word/document.xml": document_xml(body).encode(),
        "word/styles.xml": STYLES.encode(),
        "word/numbering.xml": NUMBERING.encode(),
    }
    inserts = [
        b'<w:gridSpan w:val="-3"/>',
        b"<w:vMerge/>",
        b'<w:ilvl w:val="x"/>',
        b'<w:lvlText w:val="%9%"/>',
        b"<w:tbl/>",
        b"<w:tr/>",
        b"<w:tc/>",
        b'<w:sym w:char="zz"/>',
        b"<w:del>",
        b"</w:p>",
    ]
    rng = random.Random(618)
    path = tmp_path / "mangled.docx"
    for _ in range(120):
        name = rng.choice(sorted(parts))
        data = bytearray(parts[name])
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(data))
            roll = rng.random()
            if roll < 0.25:
                del data[at : at + rng.randint(1, 30)]
            elif roll < 0.5:
                data[at] = rng.choice(b"0123456789-x")
            else:  # a whole element between two tags keeps most documents well-formed
                at = data.find(b">", at) + 1 or len(data)
                data[at:at] = rng.choice(inserts)
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("[Content_Types].xml", CONTENT_TYPES)
            for n, d in parts.items():
                z.writestr(n, bytes(data) if n == name else d)
        with contextlib.suppress(ReadError):
            check(read(path))


def test_zip_bomb_is_refused_without_inflating_it(tmp_path: Path) -> None:
    """The 2 GB bomb, through a real process: exit 2, one line, and the process
    never grows anywhere near the bomb's size (peak memory, not time)."""
    import subprocess
    import sys

    bomb = zip_bomb(tmp_path / "bomb.docx", 2048)
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, str(bomb)], capture_output=True, text=True, cwd=root, env=_env(root)
    )
    code, peak_kb = (int(x) for x in done.stdout.split())
    assert code == 2 and done.stderr.count("\n") == 1 and "zip bomb" in done.stderr
    assert peak_kb < 300 * 1024, f"peak RSS {peak_kb} kB"  # inflating would take 2 GB


_MEASURED = """
import re, sys
from pathlib import Path
from redline.cli import main
code = main(["check", sys.argv[1]])
# VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over exec from the
# parent (pytest, which may have grown past the limit itself); VmHWM is this program's own.
print(code, re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1))
"""


def _env(root: Path) -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
