"""The PDF reader on its own samples (tests/data/make_pdf_samples.py): DOCX
built with python-docx and converted by LibreOffice, compared with what the
builder put in (samples-expected.json), never with what the reader produced."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from redline.checks import check
from redline.errors import ReadError
from redline.model import Document, Paragraph, normalise
from redline.readers import read
from tests.conftest import DATA, ROOT

EXPECTED: dict[str, Any] = json.loads((DATA / "samples-expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="module")
def appendix() -> Document:
    return read(DATA / "sample-appendix.pdf")


@pytest.fixture(scope="module")
def annex() -> Document:
    return read(DATA / "sample-annex.pdf")


def test_sections_come_from_numbered_headings(appendix: Document) -> None:
    assert [[s.number, s.title] for s in appendix.sections] == EXPECTED["appendix"]["sections"]
    assert [s.level for s in appendix.sections] == [1, 2, 2, 1, 1, 1, 2, 3, 3, 3]


def test_title_and_version_from_the_front_page(appendix: Document) -> None:
    assert appendix.title == EXPECTED["appendix"]["title"]
    assert appendix.sec_version == "6.18"


def test_bullets_and_their_levels(appendix: Document) -> None:
    section = appendix.section("1.1")
    assert section is not None
    bullets = [b for b in section.blocks if isinstance(b, Paragraph) and b.list_level is not None]
    got = [[b.list_level, b.text] for b in bullets]
    want = EXPECTED["appendix"]["bullets"]
    assert len(got) == len(want)
    for (level, text), (want_level, start) in zip(got, want, strict=True):
        assert level == want_level and text.startswith(start) and "\uf0b7" not in text


def test_paragraph_runs_on_over_the_page_break_and_subheading(appendix: Document) -> None:
    section = appendix.section("3")
    assert section is not None
    paragraphs = [b for b in section.blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paragraphs] == EXPECTED["appendix"]["section_3_text"]
    assert [p.style for p in paragraphs] == [None, "subheading", None]


def test_underlining_in_a_plain_version_is_not_an_insertion(appendix: Document) -> None:
    section = appendix.section("1.2")
    assert section is not None
    para = section.blocks[0]
    assert isinstance(para, Paragraph)
    assert para.text == "Clause 8 sets out the specific tests that are required to be performed."
    assert all(r.mark is None for r in para.runs)


def test_numbered_list_items_lose_their_printed_labels(appendix: Document) -> None:
    section = appendix.section("1.2")
    assert section is not None
    items = [b for b in section.blocks if isinstance(b, Paragraph) and b.list_level is not None]
    assert [(b.list_level, b.text) for b in items] == [(0, t) for t in EXPECTED["appendix"]["numbered"]]


def test_running_header_footer_page_numbers_and_banner_are_gone(appendix: Document) -> None:
    texts = [b.text for s in appendix.sections for b in s.blocks if isinstance(b, Paragraph)]
    texts += [b.text for b in appendix.front if isinstance(b, Paragraph)]
    for t in texts:
        assert "Common Testing Scenarios Document" not in t or t.startswith("‘")
        assert not t.startswith("Page ") and "classified as White" not in t and "copyright" not in t


def test_duis_table_over_many_pages_is_one_table(appendix: Document) -> None:
    want = EXPECTED["appendix"]["tables"]["8.1.5"]
    table = appendix.table("8.1.5")
    assert table is not None
    assert table.kind == "duis" and table.role == "IS"
    assert list(table.columns) == want["columns"]  # rotated headers read as words
    # "Mandatory" / "SMETS 2" joined; model text is whitespace-normalised (the reference list has double spaces)
    assert [list(r.texts) for r in table.rows] == [[normalise(t) for t in row] for row in want["rows"]]
    assert {f.label: list(f.figures) for f in table.footer} == want["footer"]
    assert len(appendix.tables()) == 3


def test_alert_tables_with_turned_headers_and_without_rulings(appendix: Document) -> None:
    for number in ("8.1.13", "8.1.19"):
        want = EXPECTED["appendix"]["tables"][number]
        table = appendix.table(number)
        assert table is not None, number
        assert table.kind == want["kind"]
        assert list(table.columns) == want["columns"]
        assert [list(r.texts) for r in table.rows] == want["rows"]


def test_check_finds_the_wrong_total(appendix: Document) -> None:
    want = EXPECTED["appendix"]["mismatch"]
    result = check(appendix)
    found = [(t.table, m.row, m.stated, m.computed) for t in result.tables for m in t.mismatches]
    assert found == [(want["table"], want["row"], want["stated"], want["computed"])]


def test_annex_amendments_from_strike_and_underline(annex: Document) -> None:
    want = EXPECTED["annex"]
    assert annex.drafted_against == want["drafted_against"]
    assert [a.instruction for a in annex.amendments] == [a["instruction"] for a in want["amendments"]]
    for got, exp in zip(annex.amendments, want["amendments"], strict=True):
        assert [got.target.kind, got.target.number] == exp["target"]
        assert list(got.inserted) == exp["inserted"], got.instruction
        assert list(got.deleted) == exp["deleted"], got.instruction


def test_annex_footer_figures_before_and_after(annex: Document) -> None:
    table = next(b for a in annex.amendments for b in a.blocks if not isinstance(b, Paragraph) and hasattr(b, "footer"))
    row = table.footer[0]  # type: ignore[union-attr]
    want = EXPECTED["annex"]["amendments"][1]["footer"]["Count of Mandatory"]
    assert list(row.figures) == want["figures"] and list(row.old_figures or ()) == want["old_figures"]


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("sample-encrypted.pdf", "encrypted PDF"),
        ("sample-scanned.pdf", "no text layer: scanned PDF"),
        ("sample-truncated.pdf", "truncated or damaged PDF"),
    ],
)
def test_bad_input_is_one_clear_error(name: str, problem: str) -> None:
    with pytest.raises(ReadError) as err:
        read(DATA / name)
    assert problem in err.value.problem


def test_bad_input_on_the_command_line_is_one_line_and_exit_2() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "redline", "parse", str(DATA / "sample-encrypted.pdf")],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
        env={"PYTHONPATH": str(ROOT), "REDLINE_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "encrypted PDF" in proc.stderr and "Traceback" not in proc.stderr


def test_garbage_between_header_and_end_marker_is_a_corrupt_pdf(tmp_path: Path) -> None:
    bad = tmp_path / "garbage.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    with pytest.raises(ReadError) as err:
        read(bad)
    assert err.value.problem.startswith("corrupt PDF")
