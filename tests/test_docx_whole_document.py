"""The DOCX reader reads the whole document (issue 18 item 3): footnotes and
endnotes as notes of the paragraph citing them, math as its text, pictures
noticed, tracked changes counted, unknown elements named in a warning.

The truth for the peer suite's notes, pictures and math pairs is taken from
the package XML directly (every ``w:t`` and ``m:t`` of the document and its
note parts, and the bytes of every image part a paragraph shows), not from
our reader.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from docx_builder import dele, heading, ins, para, run, write_docx
from lxml import etree

from redline.cli import main
from redline.diff import diff
from redline.model import Notice, Paragraph
from redline.ooxml import rels
from redline.ooxml.ns import DEL, FALLBACK, MATH_T, NSMAP, T, qn
from redline.readers import read
from redline.readers.json import document_from_dict
from redline.writers.json import document_to_dict
from tests.conftest import DATA

PEER = DATA / "peer"
_WORD = re.compile(r"\w+")


def _pairs() -> list[tuple[str, str, str]]:
    lines = (PEER / "notes_pictures_math.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


def _truth(path: Path) -> tuple[Counter[str], list[str]]:
    """(the words of the body, the notes and the math; the digests of the pictures' parts)."""
    z = zipfile.ZipFile(path)
    names = set(z.namelist())
    doc_rels = rels.targets(etree.fromstring(z.read("word/_rels/document.xml.rels")), "word/document.xml")
    words: Counter[str] = Counter()
    for part in ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml"):
        if part not in names:
            continue
        root = etree.fromstring(z.read(part))
        for el in root.iter(T, MATH_T):
            if not any(a.tag in (FALLBACK, DEL) for a in el.iterancestors()):
                words.update(_WORD.findall(el.text or ""))
    pictures: list[str] = []
    body = etree.fromstring(z.read("word/document.xml"))
    for el in body.iter(qn("a:blip"), qn("v:imagedata")):
        if any(a.tag == FALLBACK for a in el.iterancestors()):
            continue
        rid = el.get(qn("r:embed")) or el.get(qn("r:id"))
        target = doc_rels.get(rid or "")
        if target is not None and target[1] in names:
            pictures.append(hashlib.sha256(z.read(target[1])).hexdigest()[:12])
    return words, sorted(pictures)


def test_the_notes_pictures_and_math_pairs_are_here_from_the_peer_suite() -> None:
    pairs = _pairs()
    assert len(pairs) >= 40
    for _, a, b in pairs:
        assert (PEER / a).is_file() and (PEER / b).is_file()
    differing = [t for t, a, b in pairs if _truth(PEER / a) != _truth(PEER / b)]
    assert len(differing) >= 30, differing  # most of them differ in notes, pictures or math only


@pytest.mark.parametrize(("test_id", "old_name", "new_name"), _pairs(), ids=[p[0] for p in _pairs()])
def test_a_peer_pair_whose_text_notes_or_pictures_differ_diffs(test_id: str, old_name: str, new_name: str) -> None:
    old_path, new_path = PEER / old_name, PEER / new_name
    result = diff(read(old_path), read(new_path))
    if _truth(old_path) == _truth(new_path):
        return  # formatting or place only (WC-2070 is one file twice)
    assert not result.is_empty, f"{test_id}: text, notes or pictures differ, diff says no changes"


def test_footnote_text_changed_is_a_change_of_the_paragraph_that_cites_it() -> None:
    """WC-1600: only footnotes.xml differs ("This is the footnote." -> "This is the new footnote.")."""
    old, new = read(PEER / "WC034-Footnotes-Before.docx"), read(PEER / "WC034-Footnotes-After1.docx")
    cited = [b for b in new.front if isinstance(b, Paragraph) and b.notes]
    assert [n.text for p in cited for n in p.notes] == ["This is the new footnote."]
    assert cited[0].notes[0].kind == "footnote"
    result = diff(old, new)
    assert result.front is not None
    (change,) = result.front.paragraphs
    assert [e.text for e in change.edits if e.op == "insert"] == ["new "]


def test_endnotes_are_read_as_notes_too() -> None:
    doc = read(PEER / "WC035-Endnote-After.docx")
    notes = [n for b in doc.front if isinstance(b, Paragraph) for n in b.notes]
    assert notes and {n.kind for n in notes} == {"endnote"} and all(n.text for n in notes)


def test_an_image_removed_is_a_change_diff_reports() -> None:
    """WC-1340: the middle paragraph is only an image, then it is gone."""
    result = diff(read(PEER / "WC016-Para-Image-Para.docx"), read(PEER / "WC016-Para-Image-Para-w-Deleted-Image.docx"))
    assert result.front is not None
    (change,) = result.front.paragraphs
    assert change.change == "removed" and (change.old or "").startswith("[image ")


def test_smartart_is_noticed_as_a_picture() -> None:
    doc = read(PEER / "WC014-SmartArt-Before.docx")
    kinds = [p.kind for b in doc.front if isinstance(b, Paragraph) for p in b.pictures]
    assert "smartart" in kinds


def test_inline_math_is_read_as_its_text(tmp_path: Path) -> None:
    """ "The limit is x=42 tests." once read "The limit is tests.": the m:oMath was skipped."""
    math = (
        f'<m:oMath xmlns:m="{NSMAP["m"]}"><m:r><m:t>x</m:t></m:r><m:r><m:t>=</m:t></m:r>'
        "<m:r><m:t>42</m:t></m:r></m:oMath>"
    )
    doc = read(write_docx(tmp_path / "m.docx", [heading("Scope", 1), para(run("The limit is "), math, run(" tests."))]))
    assert [b.text for b in doc.sections[0].blocks if isinstance(b, Paragraph)] == ["The limit is x=42 tests."]


def test_an_unknown_element_is_named_in_a_warning_not_dropped_in_silence(tmp_path: Path) -> None:
    body = [
        heading("Scope", 1),
        para(run("Before."), "<w:ruby><w:rubyBase><w:r><w:t>漢</w:t></w:r></w:rubyBase></w:ruby>"),
        '<w:altChunk r:id="rId99"/>',
        para(text="After."),
    ]
    doc = read(write_docx(tmp_path / "u.docx", body))
    messages = [str(w) for w in doc.warnings]
    assert any("w:altChunk" in m for m in messages), messages
    assert any("w:ruby" in m for m in messages), messages


def test_a_version_with_tracked_changes_says_how_many_and_reject_reads_them_the_other_way(tmp_path: Path) -> None:
    body = [heading("Scope", 1), para(run("Tests run "), dele("weekly"), ins(run("daily")), run("."))]
    path = write_docx(tmp_path / "tracked.docx", body)
    accepted = read(path)
    assert [b.text for b in accepted.sections[0].blocks if isinstance(b, Paragraph)] == ["Tests run daily."]
    (notice,) = [w for w in accepted.warnings if "tracked change" in w.message]
    assert notice.level == "warning" and notice.source == str(path) and "2 tracked change(s)" in notice.message
    rejected = read(path, reject=True)
    assert [b.text for b in rejected.sections[0].blocks if isinstance(b, Paragraph)] == ["Tests run weekly."]
    assert diff(rejected, accepted).sections  # the two readings differ


def test_reject_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = [heading("Scope", 1), para(run("Tests run "), dele("weekly"), ins(run("daily")), run("."))]
    path = write_docx(tmp_path / "tracked.docx", body)
    assert main(["parse", str(path), "--json", "--reject"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sections"][0]["blocks"][0]["text"] == "Tests run weekly."


def test_warnings_are_records_in_the_model_and_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """issue 19 item 5: level, source, place, message; ``warnings`` keeps its strings."""
    body = [heading("Scope", 1), para(run("Tests run "), ins(run("daily")), run("."))]
    path = write_docx(tmp_path / "tracked.docx", body)
    doc = read(path)
    assert all(isinstance(w, Notice) for w in doc.warnings)
    data = document_to_dict(doc)
    assert data["warnings"] == [str(w) for w in doc.warnings]
    assert data["warning_records"] == [
        {"level": "warning", "source": str(path), "place": "word/document.xml", "message": doc.warnings[0].message}
    ]
    assert document_from_dict(json.loads(json.dumps(data))).warnings == doc.warnings
    assert main(["parse", str(path)]) == 0
    assert "warning: word/document.xml: holds 1 tracked change(s)" in capsys.readouterr().out


def test_notes_and_pictures_survive_the_json_model() -> None:
    doc = read(PEER / "WC022-Image-Math-Para-Before.docx")
    assert any(b.pictures for b in doc.front if isinstance(b, Paragraph))
    assert document_from_dict(json.loads(json.dumps(document_to_dict(doc)))) == doc
    noted = read(PEER / "WC020-FootNote-Before.docx")
    assert any(b.notes for b in noted.front if isinstance(b, Paragraph))
    assert document_from_dict(json.loads(json.dumps(document_to_dict(noted)))) == noted


def test_a_space_become_a_no_break_space_is_a_typography_only_change(tmp_path: Path) -> None:
    """Normalised away while reading, "Pre notification" -> "Pre\u00a0notification" once diffed as no change."""
    before, after = "Send the Pre notification first.", "Send the Pre\u00a0notification first."
    old = read(write_docx(tmp_path / "a.docx", [heading("Scope", 1), para(text=before)]))
    new = read(write_docx(tmp_path / "b.docx", [heading("Scope", 1), para(text=after)]))
    result = diff(old, new)
    (section,) = result.sections
    (change,) = section.paragraphs
    assert change.change == "modified" and change.typography_only
    assert diff(old, new, ignore_typography=True).is_empty
