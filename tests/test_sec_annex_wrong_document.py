"""A Section H annex given against Section A: every command that applies an annex
refuses it in one line, exit 2, nothing written.

What broke: only ``apply`` refused it; ``review ANNEX --against`` wrote a page
(exit 0) of "3 amendments do not match", ``check ANNEX --against`` and
``conflicts --base`` reported every amendment as a mismatch (exit 1).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.cli import main
from tests.conftest import FIXTURES

SEC = FIXTURES / "sec"
SECTION_A = str(SEC / "6.18" / "section-a.docx")


@pytest.fixture(scope="module")
def section_h_annex(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("annex") / "h.docx"
    old, new = SEC / "6.18" / "section-h.docx", SEC / "6.19" / "section-h.docx"
    assert main(["annex", str(old), str(new), "-o", str(out)]) == 0
    return out


@pytest.mark.parametrize(
    "command",
    [
        ["apply", "{annex}", "--to", SECTION_A, "-o", "{out}/draft.docx"],
        ["review", "{annex}", "--against", SECTION_A, "-o", "{out}/review.html"],
        ["check", "{annex}", "--against", SECTION_A],
        ["conflicts", "{annex}", "{annex}", "--base", SECTION_A],
    ],
    ids=["apply", "review", "check", "conflicts"],
)
def test_section_h_annex_against_section_a_is_refused_in_one_line(
    command: list[str], section_h_annex: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    argv = [a.format(annex=section_h_annex, out=out) for a in command]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1
    assert captured.err.startswith(f"redline: {section_h_annex} amends Section H; {SECTION_A} is Section A: ")
    assert list(out.iterdir()) == []


def test_review_of_section_h_against_section_a_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``review OLD NEW`` of two different documents wrote a page (exit 0); diff and annex refuse them."""
    section_h = str(SEC / "6.18" / "section-h.docx")
    out = tmp_path / "review.html"
    assert main(["review", section_h, str(SEC / "6.19" / "section-a.docx"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.rstrip().endswith("not two versions of one document")
    assert not out.exists()
