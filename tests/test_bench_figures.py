"""bench/speed_table.py writes the README's speed table from the benchmarks' figures
(issue 22, item 5): every row is a figure a benchmark wrote, nothing typed by hand,
and only the text between the two markers changes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import figures
import speed_table


def test_the_readme_has_the_markers_the_table_writer_needs() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.index(speed_table.BEGIN) < text.index(speed_table.END)


def test_the_table_is_the_figures_the_benchmarks_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speed_table, "OUT", tmp_path)
    pdf = figures.Figure("bench/bench_pdf.py", "reading the 155-page PDF (libreoffice)", "pdfplumber extract_text",
                         10.0, 9.5, "redline parse, cold", 1.1, 1.9, 0.12, "libreoffice")
    figures.write_json(tmp_path / "figures-pdf.json", [pdf], {"when": "2026-12-05 18:00 UTC", "cores": 2,
                                                             "load": 1.0, "repeat": 3})
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\nbefore\n{speed_table.BEGIN}\nold row\n{speed_table.END}\nafter\n", encoding="utf-8")
    speed_table.write(readme)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# x\n\nbefore\n") and text.endswith(f"{speed_table.END}\nafter\n")
    assert "old row" not in text
    [line] = [ln for ln in text.splitlines() if ln.startswith("| `bench/bench_pdf.py`")]
    assert "pdfplumber extract_text: 10.00 s (9.50 s CPU)" in line and "**0.110×** (goal ≤ 0.12×: met)" in line
    assert "CPU 0.200×" in line
    assert "`bench/bench_check.py`: no figures yet" in text  # a benchmark not run is said, not invented


def test_a_figure_that_misses_its_goal_says_so() -> None:
    slow = figures.Figure("bench/bench_check.py", "reading a DOCX", "python-docx text dump", 2.0, 2.0,
                          "redline check", 0.6, 0.6, 0.2)
    assert "not met" in speed_table.row(slow) and "**0.300×**" in speed_table.row(slow)
