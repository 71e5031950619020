"""The round trip on the committed fixtures: the annex of SEC 6.18 → 6.19, applied to
6.18, gives 6.19 (content compare); and two annexes made from different edits of
6.18 that touch one row conflict on exactly that row.

Needs the DOCX reader, the fixtures and the annex writer (branch annex); the
PDF case also needs the PDF reader. Each test skips until what it needs is there.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from redline.checks import check
from redline.model import Document, Row, Section, Table
from redline.versions.apply import apply
from redline.versions.compare import differences
from redline.versions.conflicts import find_conflicts
from redline.versions.edits import plain
from redline.writers.docx_document import write_docx
from tests.conftest import V618, V619


def _read(path: Path) -> Document:
    pytest.importorskip("redline.readers.docx")
    from redline.readers import read

    return read(path)


def _annex(old: Document, new: Document, dest: Path, tracked: bool = False) -> Document:
    """Write the annex of old → new with the annex writer and read it back."""
    annex = pytest.importorskip("redline.annex.plan")
    writer = pytest.importorskip("redline.writers.annex")
    from redline.diff import diff

    if dest.suffix == ".pdf":
        pytest.importorskip("redline.readers.pdf")
    plan = annex.plan_annex(old, new, diff(old, new), annex.AnnexOptions(mp="MP089"))
    writer.write_annex(plan, dest, tracked=tracked)
    return _read(dest)


@pytest.fixture(scope="module")
def versions() -> tuple[Document, Document]:
    return _read(V618), _read(V619)


@pytest.mark.parametrize("suffix, tracked", [(".docx", False), (".docx", True)], ids=["redline", "tracked"])
def test_docx_annex_applied_to_618_gives_619(
    versions: tuple[Document, Document], tmp_path: Path, suffix: str, tracked: bool
) -> None:
    old, new = versions
    annex = _annex(old, new, tmp_path / f"annex{suffix}", tracked)
    result = apply(old, annex)
    assert result.plan.mismatches == ()
    assert differences(result.document, new) == []
    assert check(result.document).ok  # 6.19 states every figure correctly (fixtures/CHANGES.md)
    # ...and the consolidated DOCX reads back as the same model
    written = write_docx(result.document, tmp_path / "draft.docx")
    assert differences(_read(written), new) == []


def test_pdf_annex_applied_to_618_gives_619(versions: tuple[Document, Document], tmp_path: Path) -> None:
    old, new = versions
    annex = _annex(old, new, tmp_path / "annex.pdf")
    result = apply(old, annex)
    assert result.plan.mismatches == ()
    assert differences(result.document, new) == []
    assert check(result.document).ok


def _edit_row(doc: Document, table: str, key: str, column: int, value: str) -> Document:
    """``doc`` with one cell of one row changed (an edit a drafter makes)."""

    def row(r: Row) -> Row:
        if r.key != key:
            return r
        cells = list(r.cells)
        cells[column] = plain(value)
        return replace(r, cells=tuple(cells))

    def section(s: Section) -> Section:
        blocks = tuple(
            replace(b, rows=tuple(row(r) for r in b.rows)) if isinstance(b, Table) and b.number == table else b
            for b in s.blocks
        )
        return replace(s, blocks=blocks)

    return replace(doc, sections=tuple(section(s) for s in doc.sections))


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_two_annexes_touching_one_row_conflict_on_exactly_that_row(
    versions: tuple[Document, Document], tmp_path: Path, suffix: str
) -> None:
    base = versions[0]
    table = base.table("8.1.10")
    assert table is not None and any(r.key == "8.4" for r in table.rows)
    # drafter A: 8.4 Update Inventory becomes Mandatory in CV; also 12.1 in NCV
    a = _edit_row(_edit_row(base, "8.1.10", "8.4", 4, "Mandatory"), "8.1.10", "12.1", 13, "N/A")
    # drafter B: 8.4 becomes Mandatory SMETS 2 in CV; also 11.2 of Table 8.1.9
    b = _edit_row(_edit_row(base, "8.1.10", "8.4", 4, "Mandatory SMETS 2"), "8.1.9", "11.2", 4, "N/A")
    annex_a = _annex(base, a, tmp_path / f"a{suffix}")
    annex_b = _annex(base, b, tmp_path / f"b{suffix}")
    report = find_conflicts(base, annex_a, annex_b)
    assert report.mismatches_first == () and report.mismatches_second == ()
    assert [c.where for c in report.conflicts] == ["Table 8.1.10 row 8.4 (Update Inventory)"]
    [c] = report.conflicts
    assert [e.new[4] for e in c.first] == ["Mandatory"]  # type: ignore[union-attr]
    assert [e.new[4] for e in c.second] == ["Mandatory SMETS 2"]  # type: ignore[union-attr]
