"""MatchSettings as data (issue 19 item 4): defaults, checked when made,
passed to ``diff()`` and ``plan_annex()`` and set by ``--settings FILE``
([match]); and redline/diff/match.py tested directly."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st

import redline
from redline.cli import main
from redline.diff.match import (
    MatchSettings,
    align_paragraphs,
    pair_columns,
    pair_rows,
    pair_tables,
    similarity,
)
from redline.errors import RedlineError
from redline.model import Table
from redline.settings import Settings, load_settings, parse_settings
from redline.tables import RawCell, RawRow, build_table, plain_cell
from tests.conftest import V618, V619


@pytest.mark.parametrize(
    ("field", "value"),
    [("paragraph", 1.5), ("paragraph", -0.1), ("row_name", True), ("column_header", "0.5"), ("short_body_words", -1),
     ("short_body_words", 2.5)],
)
def test_a_setting_out_of_range_or_of_the_wrong_type_is_refused_naming_it(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=f"match setting {field}: "):
        MatchSettings(**{field: value})  # type: ignore[arg-type]


def test_a_whole_number_is_a_share_too() -> None:
    assert MatchSettings(paragraph=1).paragraph == 1


# -- match.py directly -----------------------------------------------------------


def test_similarity_counts_shared_words_in_any_order() -> None:
    assert similarity("the limit is 42 tests", "tests: the limit is 42") == 1.0
    assert similarity("", "") == 1.0
    assert similarity("a b", "c d") == 0.0


def test_paragraph_threshold_decides_edited_or_replaced() -> None:
    old = ["Intro.", "The supplier shall send the request daily.", "End."]
    new = ["Intro.", "The supplier shall send the alert weekly.", "Extra.", "End."]
    assert align_paragraphs(old, new) == [(0, 0), (1, 1), (None, 2), (2, 3)]
    strict = MatchSettings(paragraph=0.9, paragraph_same_slot=0.9)
    assert align_paragraphs(old, new, strict) == [(0, 0), (1, None), (None, 1), (None, 2), (2, 3)]


def test_column_header_threshold_decides_renamed_or_added() -> None:
    old = ("Key", "CTS Test Scenario", "Role")
    new = ("Key", "New", "Test Scenario", "Role")
    assert pair_columns(old, new).mapping == {0: 0, 2: 1, 3: 2}
    assert pair_columns(old, new, MatchSettings(column_header=0.9)).mapping == {0: 0, 3: 2}


def _duis(number: str, rows: list[tuple[str, str]]) -> Table:
    def r(*texts: str, header: bool = False) -> RawRow:
        return RawRow(tuple(RawCell(plain_cell(t)) for t in texts), is_header=header)

    grid = [r("SR", "SR Variant", "Service Request Name", "CV", header=True)]
    grid += [r(k.split(".")[0], k, name, "Mandatory") for k, name in rows]
    return build_table(number, "DUIS Matrix – RSA", grid)


def test_row_name_threshold_pairs_rows_with_a_repeated_key() -> None:
    old = _duis("8.1.10", [("8.14.3", "Read Event Log"), ("8.14.3", "Read Security Log"), ("8.14.3", "Read Alarm Log")])
    new = _duis("8.1.10", [("8.14.3", "Read Security Log Entries"), ("8.14.3", "Read Event Log Entries"),
                           ("8.14.3", "Something Else")])
    assert pair_rows(old, new) == [(0, 1), (1, 0)]
    assert pair_rows(old, new, MatchSettings(row_name=0.9)) == []


def test_table_key_overlap_threshold_decides_a_renumbered_table() -> None:
    old = [_duis("8.1.10", [("1.1", "A"), ("1.2", "B"), ("1.3", "C")])]
    new = [_duis("8.1.11", [("1.1", "A"), ("1.2", "B"), ("1.4", "D")])]
    old, new = [replace(t, role=None) for t in old], [replace(t, role=None) for t in new]  # pair by keys alone
    assert pair_tables(old, new) == [(0, 0)]  # half the keys shared: one table renumbered
    assert pair_tables(old, new, MatchSettings(table_key_overlap=0.9)) == [(0, None), (None, 0)]


# -- through the library and the CLI ------------------------------------------------


def test_diff_and_plan_annex_take_the_settings() -> None:
    old, new = redline.read(V618), redline.read(V619)
    strict = MatchSettings(paragraph=1.0, paragraph_same_slot=1.0)
    edited = [p for s in redline.diff(old, new).sections for p in s.paragraphs if p.change == "modified"]
    assert edited
    assert [p for s in redline.diff(old, new, settings=strict).sections for p in s.paragraphs
            if p.change == "modified"] == []
    plan = redline.plan_annex(old, new, settings=strict)
    default = redline.plan_annex(old, new)
    assert plan.items != default.items


def test_settings_file_sets_the_match_table(tmp_path: Path) -> None:
    path = tmp_path / "redline.toml"
    path.write_text("[match]\nparagraph = 1.0\nparagraph_same_slot = 1\n", encoding="utf-8")
    settings = load_settings(path)
    assert settings == Settings(MatchSettings(paragraph=1.0, paragraph_same_slot=1.0))
    assert parse_settings("") == Settings()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[match]\nparagraf = 0.5\n", "[match] has no setting paragraf; known: "),
        ("[match]\nparagraph = 2\n", ": match setting paragraph: 2 is not a share between 0 and 1"),
        ("[matching]\nparagraph = 0.5\n", "no settings table [matching]; known: [match]"),
        ("match = 0.5\n", "[match] must be a table of settings"),
        ("[match\n", "not a TOML settings file"),
    ],
)
def test_a_wrong_settings_file_is_one_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    path = tmp_path / "redline.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RedlineError, match=r"redline\.toml: "):
        load_settings(path)
    assert main(["diff", str(V618), str(V619), "--settings", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and str(path) in err


def test_cli_diff_and_annex_read_the_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "redline.toml"
    path.write_text("[match]\nparagraph = 1.0\nparagraph_same_slot = 1.0\n", encoding="utf-8")
    assert main(["diff", "--json", str(V618), str(V619)]) == 0
    default = capsys.readouterr().out
    assert main(["diff", "--json", str(V618), str(V619), "--settings", str(path)]) == 0
    strict = capsys.readouterr().out
    assert '"change": "modified"' in default and strict != default
    assert main(["annex", str(V618), str(V619), "-o", str(tmp_path / "a.html"), "--settings", str(path)]) == 0
    assert main(["annex", str(V618), str(V619), "-o", str(tmp_path / "b.html")]) == 0
    assert (tmp_path / "a.html").read_bytes() != (tmp_path / "b.html").read_bytes()


def test_every_definition_retyped_pairs_in_place_within_the_window() -> None:
    """Before the window, 1,000 retyped definitions compared each with each
    (42 s on the bench machine); bounded, the pairs are the same."""
    old = [f"\u201cTerm {k}\u201d means the arrangement {k} made under Section {k % 7}." for k in range(300)]
    new = [t.replace("made under", "entered into under") for t in old]
    new.insert(150, "\u201cNew Term\u201d means something else entirely.")
    bounded = align_paragraphs(old, new)
    assert bounded == align_paragraphs(old, new, MatchSettings(paragraph_window=10**9))
    assert bounded[:150] == [(k, k) for k in range(150)] and (None, 150) in bounded


SECTION_SPECS = st.lists(
    st.tuples(st.integers(0, 2), st.integers(1, 60), st.booleans(), st.integers(0, 2)), min_size=1, max_size=30
)
"""(title: kept / shared with another / new; words; renumbered; edit: none / words added / words dropped)."""


@examples(max_examples=80, deadline=None)
@given(SECTION_SPECS)
def test_sections_elsewhere_pairs_as_the_full_comparison_does(spec: list[tuple[int, int, bool, int]]) -> None:
    """The candidates of the 'elsewhere' step (same title, or a word count near
    enough) leave out only pairs the full comparison would reject."""
    import random

    from redline.diff import match
    from redline.model import Paragraph, Section

    rnd = random.Random(len(spec))
    words = [f"w{k}" for k in range(40)]
    old, new = [], []
    for k, (title, size, renumber, edit) in enumerate(spec):
        text = " ".join(rnd.choices(words, k=size))
        old.append(Section(f"1.{k + 1}", f"Title {k}", 2, (Paragraph(text),)))
        text = {0: text, 1: text + " more words", 2: " ".join(text.split()[:-2])}[edit]
        retitled = {0: f"Title {k}", 1: "Title 0", 2: f"New title {k}"}[title]
        new.append(Section(f"1.{k + 1 + renumber}", retitled, 2, (Paragraph(text),)))
    fast = match.pair_sections(old, new)
    everything = match._SectionAligner._elsewhere_candidates

    def full(self: match._SectionAligner) -> list[tuple[int, int]]:
        return [(i, j) for i in sorted(self.old_free) for j in sorted(self.new_free)]

    try:
        match._SectionAligner._elsewhere_candidates = full  # type: ignore[method-assign]
        slow = match.pair_sections(old, new)
    finally:
        match._SectionAligner._elsewhere_candidates = everything  # type: ignore[method-assign]
    assert fast == slow
