"""A peer's test suite as ours: the WmlComparer pairs of Open-Xml-PowerTools.

Most DOCX in the world have no numbered headings, so all their text is front
matter; and many keep text in text boxes and shapes. Before this test, 0 of
the peer's comparison pairs gave any change, most of them with different
text ("no changes", exit 0, on text that differs). The truth each pair is
held to is taken from the package XML directly (every ``w:t`` outside deleted
text and outside the VML fallback copy of a shape), not from our reader.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from redline.cli import main
from redline.diff import diff
from redline.diff.records import DiffResult, ParagraphChange
from redline.readers import read
from tests.conftest import DATA

PEER = DATA / "peer"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MATH_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
_WORD = re.compile(r"\w+")


def _pairs() -> list[tuple[str, str, str]]:
    lines = (PEER / "pairs.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


def _xml_words(path: Path) -> Counter[str]:
    """The words of the document body as the XML holds them (math's ``m:t`` too)."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    parts: list[str] = []
    for el in root.iter(W + "p", W + "t", MATH_T):
        if el.tag == W + "p":
            parts.append(" ")
            continue
        if any(a.tag in (MC + "Fallback", W + "del") for a in el.iterancestors()):
            continue
        parts.append(el.text or "")
    return Counter(_WORD.findall("".join(parts)))


def _paragraph_words(p: ParagraphChange) -> tuple[list[str], list[str]]:
    if p.change == "added":
        return [p.new or ""], []
    if p.change == "removed":
        return [], [p.old or ""]
    return [e.text for e in p.edits if e.op == "insert"], [e.text for e in p.edits if e.op == "delete"]


def _diff_words(result: DiffResult) -> tuple[set[str], set[str]]:
    """(words the diff inserts, words it deletes), from every kind of record."""
    ins: list[str] = []
    dels: list[str] = []
    sections = [*result.sections, *([result.front] if result.front else [])]
    for s in sections:
        for p in s.paragraphs:
            i, d = _paragraph_words(p)
            ins += i
            dels += d
    for t in result.tables:
        ins += [c for r in t.rows_added for c in r.cells]
        dels += [c for r in t.rows_removed for c in r.cells]
        ins += [r.name for r in t.rows_renamed]
        dels += [r.old_name or "" for r in t.rows_renamed]
        ins += [c.new for c in t.cells_changed]
        dels += [c.old for c in t.cells_changed]
        ins += list(t.columns_added)
        dels += list(t.columns_removed)
        ins += [c.new for c in t.columns_renamed]
        dels += [c.old for c in t.columns_renamed]
    return set(_WORD.findall(" ".join(ins))), set(_WORD.findall(" ".join(dels)))


def test_the_peer_suite_is_here_with_its_licence() -> None:
    assert (PEER / "LICENSE").read_text(encoding="utf-8-sig").startswith("The MIT License")
    assert "Copyright (c) Microsoft Corporation" in (PEER / "LICENSE").read_text(encoding="utf-8-sig")
    pairs = _pairs()
    assert len(pairs) >= 30
    for _, a, b in pairs:
        assert (PEER / a).is_file() and (PEER / b).is_file()


@pytest.mark.parametrize(("test_id", "old_name", "new_name"), _pairs(), ids=[p[0] for p in _pairs()])
def test_a_peer_pair_whose_text_differs_diffs_and_its_edits_are_the_words_that_changed(
    test_id: str, old_name: str, new_name: str
) -> None:
    old_path, new_path = PEER / old_name, PEER / new_name
    old_words, new_words = _xml_words(old_path), _xml_words(new_path)
    result = diff(read(old_path), read(new_path))
    if old_words == new_words:
        return  # the pair differs in formatting or place only: nothing to hold the words to
    assert not result.is_empty, f"{test_id}: text differs, diff says no changes"
    inserted, deleted = _diff_words(result)
    assert set(new_words - old_words) <= inserted, f"{test_id}: words added but not reported"
    assert set(old_words - new_words) <= deleted, f"{test_id}: words removed but not reported"
    assert inserted <= set(new_words), f"{test_id}: the diff inserts words the new file does not have"
    assert deleted <= set(old_words), f"{test_id}: the diff deletes words the old file does not have"


def test_a_text_box_is_read_once_though_word_writes_it_twice() -> None:
    """DB011: a pull-quote shape, written as DrawingML (mc:Choice) and as VML (mc:Fallback)."""
    doc = read(PEER / "DB011-Body-With-Shape.docx")
    texts = [b.text for b in doc.front]
    quote = [t for t in texts if t.startswith("[Grab your reader’s attention")]
    assert len(quote) == 1
    assert quote[0].endswith("just drag it.]")


def test_text_box_edits_are_reported_in_the_front_matter() -> None:
    """WC045: the only text is in a text box, "Textbox." -> "Textbox2."."""
    result = diff(read(PEER / "WC045-Text-Box.docx"), read(PEER / "WC045-Text-Box-Mod.docx"))
    assert result.front is not None
    changes = [(p.change, p.old, p.new) for p in result.front.paragraphs]
    # one word in, one out, nothing in common: a paragraph replaced
    assert changes == [("removed", "Textbox.", None), ("added", None, "Textbox2.")]


def test_whole_unnumbered_table_added_printed_as_table_blank_colon(capsys: pytest.CaptureFixture[str]) -> None:
    """A peer document whose paragraph moved into a new table printed the added
    table as "Table  : added" (no number, no title, a stray space): it reads
    "Table (unnumbered): added", as a changed unnumbered table already does."""
    peer = Path(__file__).parent / "data" / "peer"
    old, new = peer / "WC007-Unmodified.docx", peer / "WC007-Moved-into-Table.docx"
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "  Table (unnumbered): added" in out.splitlines()
    assert "Table  :" not in out
