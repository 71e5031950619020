"""Header merges recovered from the grid for the annex writers."""

from __future__ import annotations

from redline.model import Cell, Run, accepted_text, normalise, rejected_text
from redline.tables import RawCell, RawRow, expand, plain_cell
from redline.writers.layout import header_layout, separate_replacements

VALUES = ["CV", "ECV1", "ECV2", "NCV"]


def test_two_row_duis_header_merges_group_title_across_and_key_columns_down() -> None:
    top = RawRow(
        (
            RawCell(plain_cell("SR")),
            RawCell(plain_cell("SR Variant")),
            RawCell(plain_cell("Test Scenario"), span=4),
            RawCell(plain_cell("User Role")),
        ),
        is_header=True,
    )
    bottom = RawRow(
        (
            RawCell(plain_cell(""), continued=True),
            RawCell(plain_cell(""), continued=True),
            *(RawCell(plain_cell(v)) for v in VALUES),
            RawCell(plain_cell(""), continued=True),
        ),
        is_header=True,
    )
    rows = tuple(expand([top, bottom]))
    upper, lower = header_layout(rows)
    assert [(p.cell.text, p.column, p.span, p.rowspan) for p in upper] == [
        ("SR", 0, 1, 2),
        ("SR Variant", 1, 1, 2),
        ("Test Scenario", 2, 4, 1),
        ("User Role", 6, 1, 2),
    ]
    assert [(p.cell.text, p.continued) for p in lower] == [
        ("SR", True),
        ("SR Variant", True),
        ("CV", False),
        ("ECV1", False),
        ("ECV2", False),
        ("NCV", False),
        ("User Role", True),
    ]


def test_single_header_row_is_left_as_it_is() -> None:
    [row] = header_layout(((Cell("Reference"), Cell("Name"), Cell(""), Cell("Applicable User Role")),))
    assert [(p.cell.text, p.span, p.rowspan, p.continued) for p in row] == [
        ("Reference", 1, 1, False),
        ("Name", 1, 1, False),
        ("", 1, 1, False),
        ("Applicable User Role", 1, 1, False),
    ]


def test_whole_word_replacements_get_a_space_and_nothing_else_changes() -> None:
    figure = (Run("100", "delete"), Run("99", "insert"))
    assert separate_replacements(figure) == (Run("100", "delete"), Run(" "), Run("99", "insert"))
    value = (Run("Mandatory "), Run("SMETS2+", "delete"), Run("SMETS1", "insert"))
    assert separate_replacements(value)[-2:] == (Run(" "), Run("SMETS1", "insert"))
    inside_word = (Run("UEPT)"), Run(".", "delete"), Run("; and", "insert"))
    assert separate_replacements(inside_word) == inside_word
    for runs in (figure, value, inside_word):
        spaced = separate_replacements(runs)
        assert normalise(accepted_text(spaced)) == normalise(accepted_text(runs))
        assert normalise(rejected_text(spaced)) == normalise(rejected_text(runs))
