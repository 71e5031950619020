"""The PDF reader's tolerances as one validated value (issue 19, item 4): PdfSettings'
defaults are what the reader uses, bad values are refused when the settings are made,
a changed value changes the reading (and its cached pages), and ``redline debug-pdf``
draws what the reader kept on a page."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.readers import pdf_settings
from redline.readers.pdf_settings import DEFAULTS, PdfSettings
from tests.conftest import ROOT

V618_PDF = ROOT / "fixtures" / "appendix-r-v6.18.pdf"
ANNEX_PDF = ROOT / "tests" / "data" / "handtyped-portrait.pdf"


def test_defaults_are_the_module_constants() -> None:
    for name in PdfSettings.__dataclass_fields__:
        assert getattr(DEFAULTS, name) == getattr(pdf_settings, f"DEFAULT_{name.upper()}"), name


@pytest.mark.parametrize(("name", "value"), [
    ("word_gap", 0.0), ("word_gap", -1), ("word_gap", float("nan")), ("word_gap", "0.2"), ("word_gap", True),
    ("snap", 50.0), ("strike_band", (0.6, 0.1)), ("strike_band", (0.1,)), ("under_band", (-2.0, 0.1)),
    ("min_columns", 2.5), ("min_columns", 1), ("margin_top", 0.7), ("margin_bottom", 0.2),
    ("bold_weight", 1000), ("dark", -1), ("unread_share", 1.5), ("askew_degrees", 90.0),
])
def test_a_bad_value_is_refused_naming_the_setting(name: str, value: object) -> None:
    with pytest.raises(ValueError, match=name):
        PdfSettings(**{name: value})  # type: ignore[arg-type]


def test_settings_from_a_toml_table() -> None:
    settings = PdfSettings.from_mapping({"word_gap": 0.25, "strike_band": [0.1, 0.6]}, "s.toml")
    assert settings.word_gap == 0.25 and settings.strike_band == (0.1, 0.6)
    with pytest.raises(ValueError, match=r"s\.toml: unknown pdf setting wordgap"):
        PdfSettings.from_mapping({"wordgap": 0.25}, "s.toml")


def test_explicit_defaults_read_as_no_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from redline.readers import read

    monkeypatch.setenv("REDLINE_NO_CACHE", "1")
    assert read(ANNEX_PDF, pdf=PdfSettings()) == read(ANNEX_PDF)


def test_margins_decide_what_is_furniture_and_the_cache_keeps_the_readings_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no margins nothing is a running line: the banner and "Page N of 27" become text."""
    from redline.readers import read

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("REDLINE_NO_CACHE", raising=False)

    def texts(doc: object) -> str:
        return "\n".join(b.text for s in doc.sections for b in s.blocks if hasattr(b, "text"))  # type: ignore[attr-defined]

    plain = read(V618_PDF)
    wide = read(V618_PDF, pdf=PdfSettings(margin_top=0.0, margin_bottom=1.0))
    assert "Page 3 of 27" not in texts(plain) and "Page 3 of 27" in texts(wide)
    assert len(list((tmp_path / "redline").glob("*.pickle"))) == 2
    assert read(V618_PDF) == plain and read(V618_PDF, pdf=PdfSettings(margin_top=0.0, margin_bottom=1.0)) == wide


def test_debug_pdf_draws_the_cells_furniture_and_lines_of_a_page(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    from redline.cli import main
    from redline.readers.pdf_debug import CELL, FURNITURE, LINE

    out = tmp_path / "page.png"
    assert main(["debug-pdf", str(V618_PDF), "--page", "8", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    # page 8 of the fixture: one DUIS table, the banner and the page number as furniture
    assert "page 8 of 27" in printed and "1 ruled tables" in printed and "2 dropped as furniture" in printed
    image = Image.open(out).convert("RGB")
    assert image.size == (1684, 1191)  # A4 landscape at twice its size in points
    colours = {c for _, c in image.getcolors(maxcolors=1 << 20) or []}
    assert CELL in colours
    assert any(abs(r - FURNITURE[0]) < 40 and abs(g - FURNITURE[1]) < 40 and abs(b - FURNITURE[2]) < 40
               for r, g, b in colours)
    annex = tmp_path / "annex.png"
    assert main(["debug-pdf", str(ANNEX_PDF), "-o", str(annex)]) == 0
    assert "33 lines of text" in capsys.readouterr().out
    assert LINE in {c for _, c in Image.open(annex).convert("RGB").getcolors(maxcolors=1 << 20) or []}


@pytest.mark.parametrize(("args", "problem"), [
    (["--page", "99"], "no page 99: the file has 27 pages"),
    (["--page", "0"], "no page 0"),
])
def test_debug_pdf_refuses_a_page_the_file_does_not_have(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         args: list[str], problem: str) -> None:
    from redline.cli import main

    out = tmp_path / "page.png"
    assert main(["debug-pdf", str(V618_PDF), *args, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert problem in err and err.count("\n") == 1 and not out.exists()


def test_debug_pdf_refuses_an_output_folder_that_does_not_exist(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    from redline.cli import main

    out = tmp_path / "missing" / "page.png"
    assert main(["debug-pdf", str(V618_PDF), "-o", str(out)]) == 2
    assert "cannot write: no such folder" in capsys.readouterr().err and not out.parent.exists()


def test_debug_pdf_refuses_a_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from redline.cli import main

    out = tmp_path / "page.png"
    assert main(["debug-pdf", str(ROOT / "fixtures" / "appendix-r-v6.18.docx"), "-o", str(out)]) == 2
    assert "not a PDF" in capsys.readouterr().err and not out.exists()


def test_a_settings_file_pdf_table_sets_the_pdf_reader(tmp_path: Path) -> None:
    from redline.errors import RedlineError
    from redline.settings import parse_settings

    settings = parse_settings("[pdf]\nword_gap = 0.25\nstrike_band = [0.1, 0.6]\n", "s.toml")
    assert settings.pdf == PdfSettings(word_gap=0.25, strike_band=(0.1, 0.6))
    assert parse_settings("", "s.toml").pdf == DEFAULTS
    with pytest.raises(RedlineError, match=r"s\.toml: pdf setting margin_top: 0\.7 is outside 0\.0\.\.0\.5"):
        parse_settings("[pdf]\nmargin_top = 0.7\n", "s.toml")
    with pytest.raises(RedlineError, match=r"s\.toml: \[pdf\] has no setting wordgap"):
        parse_settings("[pdf]\nwordgap = 0.25\n", "s.toml")


def test_diff_with_settings_reads_its_pdfs_with_the_pdf_table(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """DOCX against its own PDF is no change; with no page margins in [pdf], the PDF's banner
    and page numbers are text, and diff says so."""
    from redline.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    docx = ROOT / "fixtures" / "appendix-r-v6.18.docx"
    assert main(["diff", str(docx), str(V618_PDF)]) == 0
    assert "no changes" in capsys.readouterr().out
    toml = tmp_path / "s.toml"
    toml.write_text("[pdf]\nmargin_top = 0.0\nmargin_bottom = 1.0\n", encoding="utf-8")
    assert main(["diff", str(docx), str(V618_PDF), "--settings", str(toml)]) == 0
    out = capsys.readouterr().out
    assert "no changes" not in out and "Page " in out
