"""The PDF reader's parts on their own: marks from strokes, word and line
joining, running headers and footers, the page cache, parallel pages."""

from __future__ import annotations

import hashlib
import operator
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from redline.readers import pdf_cache
from redline.readers.pdf_chars import Glyph, Segment
from redline.readers.pdf_furniture import strip_furniture
from redline.readers.pdf_marks import assign_marks, mark_strokes
from redline.readers.pdf_pages import PageLayout, layout_pages
from redline.readers.pdf_text import Line, Word, hyphen_joins, join_pieces, make_lines
from tests.conftest import DATA, ROOT

SIZE = 10.0


def _glyphs(text: str, x: float = 100.0, baseline: float = 200.0) -> list[Glyph]:
    """Glyphs 5 pt wide, a space as a 2.5 pt gap, like a 10 pt font."""
    out = []
    space = False
    for ch in text:
        if ch == " ":
            x += 2.5
            space = True
            continue
        out.append(Glyph(ch, x, x + 5, baseline - 8, baseline + 2, baseline, SIZE, False, (0, 0, 0), 0, space))
        x += 5
        space = False
    return out


def _stroke(x0: float, x1: float, y: float, colour: tuple[int, int, int] = (0, 0, 0)) -> Segment:
    return Segment(x0, y - 0.3, x1, y + 0.3, colour)


def test_a_line_through_the_middle_deletes_and_a_line_under_inserts() -> None:
    glyphs = _glyphs("keep gone new")  # "gone" at 122.5-142.5, "new" at 145-160
    strokes = [_stroke(122.5, 142.5, 200.0 - 3.0), _stroke(145.0, 160.0, 200.0 + 1.2)]
    marks = assign_marks(glyphs, mark_strokes(strokes))
    text = "".join(g.text for g in glyphs)
    assert [m for m in marks] == [None] * 4 + ["delete"] * 4 + ["insert"] * 3, text


def test_a_table_ruling_under_text_is_not_an_underline() -> None:
    glyphs = _glyphs("cell")
    ruling = _stroke(95.0, 130.0, 201.5)
    walls = [Segment(94.7, 180.0, 95.3, 205.0, (0, 0, 0)), Segment(129.7, 180.0, 130.3, 205.0, (0, 0, 0))]
    assert mark_strokes([ruling, *walls]) == []
    assert assign_marks(glyphs, mark_strokes([ruling, *walls])) == [None] * 4


def test_spaces_take_the_mark_of_the_words_around_them() -> None:
    glyphs = _glyphs("Participants that have done may")
    marks = ["delete" if 12 <= i < 24 else None for i in range(len(glyphs))]  # "that have done"
    pieces = join_pieces(make_lines(zip(glyphs, marks, strict=True)))
    assert pieces == (("Participants ", None), ("that have done", "delete"), (" may", None))


def test_a_marked_stretch_ending_inside_a_word_takes_the_space_before_it() -> None:
    glyphs = _glyphs("(KRP and Supplier)")
    inserted = set(range(4, 15))  # "and" "Supplier"
    marks = ["insert" if i in inserted else None for i in range(len(glyphs))]
    pieces = join_pieces(make_lines(zip(glyphs, marks, strict=True)))
    old = "".join(t for t, m in pieces if m != "insert")
    new = "".join(t for t, m in pieces if m != "delete")
    assert (old, new) == ("(KRP)", "(KRP and Supplier)")


def test_words_broken_over_lines_join_as_written() -> None:
    assert hyphen_joins("Pre-", "notification") and hyphen_joins("(Non-", "Critical)")
    assert not hyphen_joins("Update-", "Fault") and not hyphen_joins("2-", "3")

    def line(text: str, baseline: float) -> Line:
        return make_lines((g, None) for g in _glyphs(text, baseline=baseline))[0]

    cell = [line("4.1", 200), line("0", 212)]
    assert join_pieces(cell, cell=True) == (("4.10", None),)
    assert join_pieces([line("Mandatory", 200), line("SMETS 2", 212)], cell=True) == (("Mandatory SMETS 2", None),)


def _page(number: int, texts: list[tuple[float, str]], height: float = 800.0) -> PageLayout:
    lines = []
    for top, text in texts:
        glyphs = _glyphs(text, x=50.0, baseline=top + 8)
        lines.append(Line(top, top + 10, top + 8, make_lines((g, None) for g in glyphs)[0].words))
    return PageLayout(number, 600.0, height, tuple(lines), (), 1)


def test_running_header_page_number_and_banner_go_instructions_stay() -> None:
    pages = [
        _page(n, [
            (30.0, "Appendix R – CTSD"),
            (40.0, f"Amend Table 8.1.{n + 4} as follows:"),
            (300.0, f"Body text {n}"),
            (720.0, "This document is classified as White in accordance with the Panel"),
            (731.0, "Information Policy."),
            (760.0, f"Page {n + 1} of 5 (file:///tmp/annex.html {n + 1}/5)"),
        ])
        for n in range(1, 5)  # a cover page without a number shifts the page numbers by one
    ]
    kept = [[ln.text for ln in lines] for lines in strip_furniture(pages)]
    assert kept == [[f"Amend Table 8.1.{n + 4} as follows:", f"Body text {n}"] for n in range(1, 5)]


def test_the_cache_returns_what_was_stored_and_ignores_a_torn_file(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("REDLINE_NO_CACHE", raising=False)
    sha = hashlib.sha256(b"x").hexdigest()
    pages = [_page(1, [(300.0, "Body")])]
    assert pdf_cache.load(sha) is None
    pdf_cache.store(sha, pages)
    assert pdf_cache.load(sha) == pages
    assert pdf_cache.load(hashlib.sha256(b"y").hexdigest()) is None
    (stored,) = (tmp_path / "redline").glob("*.pickle")
    stored.write_bytes(stored.read_bytes()[:40])  # torn by a crash or a full disk
    assert pdf_cache.load(sha) is None
    stored.write_bytes(b"\x80\x05K\x01.")  # a valid pickle of something else
    assert pdf_cache.load(sha) is None
    assert not [p for p in (tmp_path / "redline").iterdir() if p.name.startswith(".tmp-")]


def test_a_second_read_comes_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from redline.readers import pdf, read

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("REDLINE_NO_CACHE", raising=False)
    first = read(DATA / "sample-annex.pdf")

    def fail(*_: object, **__: object) -> list[PageLayout]:
        raise AssertionError("pages laid out again")

    monkeypatch.setattr(pdf, "layout_pages", fail)
    assert read(DATA / "sample-annex.pdf") == first


def test_pages_in_parallel_equal_pages_in_one_process(capsys: pytest.CaptureFixture[str]) -> None:
    data = (DATA / "sample-appendix.pdf").read_bytes()
    count = 10
    assert layout_pages(data, count, workers=2) == layout_pages(data, count, workers=1)
    assert capsys.readouterr().err == ""  # no progress bar when stderr is not a terminal


def test_words_are_plain_tuples() -> None:
    """Pages cross processes and go into the cache: they must pickle cheaply."""
    assert issubclass(Word, tuple) and issubclass(Line, tuple)


def _plumber_edges(segments: Sequence[Segment]) -> list[dict[str, Any]]:
    """The page's strokes as pdfplumber's edge dicts (what the reader fed it before)."""
    out: list[dict[str, Any]] = []
    for s in segments:
        if max(s.x1 - s.x0, s.bottom - s.top) < 3:
            continue
        if s.horizontal:
            y = (s.top + s.bottom) / 2
            out.append({"x0": s.x0, "x1": s.x1, "top": y, "bottom": y, "width": s.x1 - s.x0, "height": 0.0,
                        "orientation": "h", "object_type": "line"})
        else:
            x = (s.x0 + s.x1) / 2
            out.append({"x0": x, "x1": x, "top": s.top, "bottom": s.bottom, "width": 0.0,
                        "height": s.bottom - s.top, "orientation": "v", "object_type": "line"})
    return out


_RULED_PAGES = ((DATA / "sample-appendix.pdf", 2), (DATA / "sample-appendix.pdf", 8), (DATA / "sample-annex.pdf", 1),
                (ROOT / "fixtures" / "producers" / "appendix-r-v6.18.wordstyle.pdf", 7),
                (ROOT / "fixtures" / "appendix-r-v6.19.pdf", 8))


def test_merged_edges_and_crossings_match_pdfplumber() -> None:
    """Our snap, join and crossing search (tuples, bisected) give pdfplumber's
    merge_edges and edges_to_intersections exactly: the same points, the same
    lines through each, at snap tolerances 0, 3 and a loose 7."""
    from pdfplumber.table import edges_to_intersections, merge_edges

    from redline.readers import pdf_tables
    from redline.readers.pdf_chars import open_pdf, read_page

    checked = 0
    for path, index in _RULED_PAGES:
        page = read_page(open_pdf(path.read_bytes()), index)
        for snap in (0.0, 3.0, 7.0):
            theirs = edges_to_intersections(merge_edges(_plumber_edges(page.segments), snap, snap, snap, snap),
                                            snap, snap)
            box = operator.itemgetter("x0", "top", "x1", "bottom")
            want_v = {p: frozenset(map(box, d["v"])) for p, d in theirs.items()}
            want_h = {p: frozenset(map(box, d["h"])) for p, d in theirs.items()}
            vs, hs = pdf_tables.crossings(*pdf_tables.merged_edges(page.segments, snap), snap)
            assert vs == want_v and hs == want_h, (path.name, index, snap)
            checked += len(vs)
    assert checked > 1000


def test_cells_from_crossings_match_pdfplumber() -> None:
    from pdfplumber.table import edges_to_intersections, intersections_to_cells, merge_edges

    from redline.readers import pdf_tables
    from redline.readers.pdf_chars import open_pdf, read_page

    checked = 0
    for path, index in _RULED_PAGES:
        page = read_page(open_pdf(path.read_bytes()), index)
        theirs = edges_to_intersections(merge_edges(_plumber_edges(page.segments), 3, 3, 3, 3), 3, 3)
        want = [tuple(map(float, c)) for c in intersections_to_cells(theirs)]
        assert pdf_tables.intersections_to_cells(*pdf_tables.crossings(*pdf_tables.merged_edges(page.segments, 3), 3)) \
            == want
        checked += len(want)
    assert checked > 100


def test_the_cache_drops_pages_an_older_reader_laid_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("REDLINE_NO_CACHE", raising=False)
    sha = hashlib.sha256(b"z").hexdigest()
    folder = tmp_path / "redline"
    folder.mkdir()
    old = folder / f"pdf-pages-v1-0123456789abcdef-{sha}.pickle"
    old.write_bytes(b"old")
    other = folder / f"pdf-pages-v1-0123456789abcdef-{hashlib.sha256(b'w').hexdigest()}.pickle"
    other.write_bytes(b"another file's pages")
    pdf_cache.store(sha, [_page(1, [(300.0, "Body")])])
    assert not old.exists() and other.exists()
    assert pdf_cache.load(sha) is not None


def test_pdf_libraries_are_imported_by_the_pdf_reader_only() -> None:
    import ast

    package = Path(__file__).resolve().parents[1] / "redline"
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        if names & {"pdfplumber", "pypdfium2", "pdfminer"}:
            assert path.parent.name == "readers" and path.name.startswith("pdf"), path


def test_a_table_of_contents_is_not_an_unruled_table() -> None:
    from redline.readers.pdf_aligned import aligned_tables

    def line(text: str, top: float) -> Line:
        words = []
        x = 50.0
        for part in text.split("|"):
            ln = make_lines((g, None) for g in _glyphs(part.strip(), x=x, baseline=top + 8))[0]
            words.extend(ln.words)
            x = ln.words[-1].x1 + 40
        return Line(top, top + 10, top + 8, tuple(words))

    toc = [line("1|Introduction|.........|3", 100 + 12 * k) for k in range(4)]
    tables, rest = aligned_tables(toc)
    assert tables == [] and len(rest) == 4
    grid = [line("N17|Change of Supplier|Mandatory", 100 + 12 * k) for k in range(3)]
    tables, rest = aligned_tables(grid)
    assert len(tables) == 1 and [c.text for c in tables[0].rows[0]] == ["N17", "Change of Supplier", "Mandatory"]


def test_cells_to_tables_matches_pdfplumber() -> None:
    """Our cells_to_tables (no list.remove per cell) groups and orders as pdfplumber's."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    from redline.readers import pdf_tables
    from redline.readers.pdf_chars import open_pdf, read_page

    checked = 0
    for path, index in _RULED_PAGES:
        page = read_page(open_pdf(path.read_bytes()), index)
        theirs = edges_to_intersections(merge_edges(_plumber_edges(page.segments), 3, 3, 3, 3), 3, 3)
        cells = [tuple(map(float, c)) for c in intersections_to_cells(theirs)]
        assert pdf_tables.cells_to_tables(cells) == cells_to_tables(cells)
        checked += len(cells)
    assert checked > 300


def test_vertical_strokes_near_a_point_are_found_as_a_scan_finds_them() -> None:
    """_Verticals.meets bisects per x with the furthest bottom so far; on
    Word-style border strokes (many at one x, abutting, overlapping, nested)
    it answers as testing every stroke does."""
    import random

    from redline.readers.pdf_marks import _Verticals

    rng = random.Random(22)
    xs = [round(rng.uniform(50, 500), 1) for _ in range(12)]
    segments = []
    for _ in range(400):
        x, top = rng.choice(xs) + rng.choice((0.0, 0.25, 1.0)), round(rng.uniform(40, 560), 2)
        segments.append(Segment(x - 0.25, top, x + 0.25, top + rng.choice((0.5, 3.0, 14.0, 120.0)), (0, 0, 0)))
    reach = 1.5
    verticals = _Verticals(segments, reach)
    hits = 0
    for _ in range(5000):
        x, y = rng.choice(xs) + rng.uniform(-3, 3), rng.uniform(30, 700)
        want = any(abs((s.x0 + s.x1) / 2 - x) <= reach and s.top - reach <= y <= s.bottom + reach for s in segments)
        assert verticals.meets(x, y) == want, (x, y)
        hits += want
    assert 500 < hits < 4500
