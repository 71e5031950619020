"""Word's list counters replayed (redline.readers.docx_numbering), checked
against what Word shows for the same numbering.xml."""

from __future__ import annotations

import pytest

etree = pytest.importorskip("lxml.etree")

from redline.readers.docx_numbering import Numbering  # noqa: E402

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _numbering(abstract: str, nums: str) -> Numbering:
    return Numbering(etree.fromstring(f"<w:numbering {NS}>{abstract}{nums}</w:numbering>"))


def _lvl(ilvl: int, text: str, fmt: str = "decimal", extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def _labels(n: Numbering, steps: list[tuple[str, int]]) -> list[str]:
    out = []
    for num_id, ilvl in steps:
        label = n.advance(num_id, ilvl)
        assert label is not None
        out.append(label.text)
    return out


def test_lvl_restart_zero_keeps_counting_across_higher_levels() -> None:
    # Level 1 never restarts: "Table 1", "Table 2" run on through the chapters.
    levels = _lvl(0, "%1") + _lvl(1, "%1.%2", extra='<w:lvlRestart w:val="0"/>')
    n = _numbering(
        f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>',
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
    )
    assert _labels(n, [("1", 0), ("1", 1), ("1", 1), ("1", 0), ("1", 1)]) == ["1", "1.1", "1.2", "2", "2.3"]


def test_two_instances_of_one_list_continue_each_other_unless_restarted() -> None:
    levels = _lvl(0, "%1.", "upperRoman") + _lvl(1, "(%2)", "lowerLetter")
    nums = (
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    )
    n = _numbering(f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>', nums)
    got = _labels(n, [("1", 0), ("1", 1), ("1", 1), ("2", 0), ("2", 1), ("3", 0), ("3", 0)])
    assert got == ["I.", "(a)", "(b)", "II.", "(a)", "I.", "II."]


def test_legal_numbering_shows_higher_levels_as_decimals() -> None:
    levels = _lvl(0, "%1", "upperRoman") + _lvl(1, "%1.%2", extra="<w:isLgl/>")
    n = _numbering(
        f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>',
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
    )
    assert _labels(n, [("1", 0), ("1", 0), ("1", 1)]) == ["I", "II", "2.1"]


def test_a_list_defined_through_a_numbering_style_link() -> None:
    # abstractNum 1 only says "use the levels of numbering style HeadingList", whose numId is 7.
    levels = _lvl(0, "%1") + _lvl(1, "%1.%2")
    abstract = (
        f'<w:abstractNum w:abstractNumId="0"><w:styleLink w:val="HeadingList"/>{levels}</w:abstractNum>'
        '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="HeadingList"/></w:abstractNum>'
    )
    nums = (
        '<w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="8"><w:abstractNumId w:val="1"/></w:num>'
    )
    n = _numbering(abstract, nums)
    n.style_num = {"HeadingList": "7"}
    assert _labels(n, [("8", 0), ("8", 1), ("7", 1)]) == ["1", "1.1", "1.2"]


def test_unknown_list_gives_no_label() -> None:
    n = _numbering("", "")
    assert n.advance("9", 0) is None
