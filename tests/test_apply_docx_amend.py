"""``redline apply`` amends the baseline's own DOCX: the consolidated draft of the
fixture 6.18 and the 6.18 → 6.19 annex is 6.18's package with only the touched
elements of word/document.xml changed, and it reads back as 6.19.
"""

from __future__ import annotations

import difflib
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from redline.annex.plan import AnnexOptions, plan_annex
from redline.cli import main
from redline.diff import diff
from redline.draft import NotAmendable, amend_docx, write_amended
from redline.model import Document, normalise
from redline.readers import read
from redline.versions.apply import apply
from redline.versions.compare import differences
from redline.writers.annex import write_annex
from tests.conftest import FIXTURES, V618, V619
from tests.handmade_annex import build

TYPED = FIXTURES / "appendix-r-v6.18-typed.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def annex(tmp_path_factory: pytest.TempPathFactory) -> Document:
    old, new = read(V618), read(V619)
    dest = tmp_path_factory.mktemp("annex") / "mp089.docx"
    write_annex(plan_annex(old, new, diff(old, new), AnnexOptions(mp="MP089")), dest)
    return read(dest)


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def _body(xml: bytes) -> list[etree._Element]:
    body = etree.fromstring(xml).find(W + "body")
    assert body is not None
    return list(body)


def _text(el: etree._Element) -> str:
    return normalise("".join(el.itertext()))


def _changed(base: list[etree._Element], draft: list[etree._Element]) -> tuple[list[str], list[str]]:
    """(baseline elements that are not in the draft as they were, draft elements that are new), by text."""
    a = [etree.tostring(e) for e in base]
    b = [etree.tostring(e) for e in draft]
    gone: list[str] = []
    new: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            gone += [_text(e)[:40] for e in base[i1:i2]]
            new += [_text(e)[:40] for e in draft[j1:j2]]
    return gone, new


def _draft(base_path: Path, annex: Document, dest: Path) -> bytes:
    base = read(base_path)
    result = apply(base, annex)
    assert result.ok
    write_amended(base, result.plan.edits, result.document, dest, version="6.19")
    return dest.read_bytes()


def test_draft_is_the_baseline_package_with_only_the_touched_xml_changed(annex: Document, tmp_path: Path) -> None:
    draft = _draft(V618, annex, tmp_path / "draft.docx")
    before, after = _parts(V618.read_bytes()), _parts(draft)
    assert list(before) == list(after)
    # the document, and its title in core.xml once it states the draft's version (issue 18)
    assert [n for n in before if before[n] != after[n]] == ["docProps/core.xml", "word/document.xml"]
    gone, new = _changed(_body(before["word/document.xml"]), _body(after["word/document.xml"]))
    # every baseline paragraph and table the annex does not touch is there byte for byte
    assert gone == [
        "SEC Version 6.18",
        "Additionally, this document sets out the",  # 1.1
        "For an existing User seeking to send Ser",  # 1.2
        "Completing Additive UEPT for Release 2.0",  # 5.4: title and both paragraphs
        "Testing Participants that have completed",
        "Testing Participants will submit evidenc",
        "Test Stubs",  # 6.3, deleted
        "Where a Device or system is not availabl",
        "The following User Role tables reflect t",  # 8.1.4
        "Those indicated as ‘Mandatory’ must be e",
        *(["SRSR VariantService Request NameCritical"] * 6),  # 8.1.5, 8.1.7 ... 8.1.11
        *(["Event / Alert CodeEvent / Alert Code Mea"] * 2),  # 8.1.13, 8.1.16
        *(["ReferenceNameTest ScenarioApplicable Use"] * 3),  # 8.1.19, 8.1.20, 8.1.22
    ]
    assert "SEC Version 6.19" in new
    assert "Defect Management and Retesting" in new and "Test Stubs" not in new


def test_untouched_rows_of_an_amended_table_keep_their_xml(annex: Document, tmp_path: Path) -> None:
    draft = _draft(V618, annex, tmp_path / "draft.docx")
    base_tbls = _body(_parts(V618.read_bytes())["word/document.xml"])
    draft_tbls = _body(_parts(draft)["word/document.xml"])
    rsa = [t for t in base_tbls if t.tag == W + "tbl" and "Registered Supplier Agent" in _text(t.getprevious())]
    rsa_new = [t for t in draft_tbls if t.tag == W + "tbl" and "Registered Supplier Agent" in _text(t.getprevious())]
    assert len(rsa) == len(rsa_new) == 1
    gone, new = _changed(list(rsa[0].iter(W + "tr")), list(rsa_new[0].iter(W + "tr")))
    # T2 and E1/E2 of fixtures/CHANGES.md: two rows inserted, the footer recounted; nothing else
    assert gone == [
        "Count of N/A4181818181818181814",
        "Count of Mandatory900000000316",
        "Count of Mandatory SMETS 250000000016",
        "Total Tests23",
    ]
    assert new == [
        "8.148.14.3Communications Hub Status Upda",
        "8.148.14.3Communications Hub Status Upda",
        "Count of N/A6202020202020202014",
        "Count of Mandatory900000000312",  # E1: 16 -> 12
        "Count of Mandatory SMETS 250000000038",
        "Total Tests20",  # E2: 23 -> 20
    ]


@pytest.mark.parametrize("baseline", [V618, TYPED], ids=["word-numbering", "typed-numbers"])
def test_draft_reads_back_as_619(annex: Document, tmp_path: Path, baseline: Path) -> None:
    draft = tmp_path / "draft.docx"
    _draft(baseline, annex, draft)
    back = read(draft)
    assert differences(back, read(V619)) == []
    assert back.sec_version == "6.19"
    headings = [s.number + " " + s.title for s in back.sections if s.number.startswith("7.")]
    assert headings == [
        "7.1 Exit Criteria",
        "7.2 Defect Management and Retesting",
        "7.3 Test Completion Report",
        "7.4 Approval of Test Completion",
    ]


def test_inserted_paragraphs_take_the_baseline_list_style(annex: Document, tmp_path: Path) -> None:
    """1.2's new bullet is a copy of its neighbouring bullet: same style and list, new text."""
    draft = _draft(V618, annex, tmp_path / "draft.docx")
    body = _body(_parts(draft)["word/document.xml"])
    bullet = next(e for e in body if _text(e).startswith("For an existing User seeking to access November"))
    before = bullet.getprevious()
    assert before is not None and _text(before).startswith("For an existing User seeking to send")
    ppr_of = lambda e: etree.tostring(e.find(W + "pPr"))  # noqa: E731
    assert ppr_of(bullet) == ppr_of(before) and bullet.find(W + "pPr/" + W + "numPr") is not None


def test_handmade_annex_amends_the_baseline(tmp_path: Path) -> None:
    """An annex typed in Word's style (python-docx, not our writer) amends 6.18's own file."""
    annex = read(build(tmp_path / "mp089.docx"))
    draft = _draft(V618, annex, tmp_path / "draft.docx")
    changed = [n for n, b in _parts(draft).items() if _parts(V618.read_bytes())[n] != b]
    assert changed == ["docProps/core.xml", "word/document.xml"]  # the title states 6.19 too
    touched = [d for d in differences(read(tmp_path / "draft.docx"), read(V619), limit=200)]
    assert not [d for d in touched if d.startswith(("section 1.2", "section 8.1.10"))]


def test_annex_cannot_be_amended_in_place(annex: Document) -> None:
    with pytest.raises(NotAmendable, match="annex"):
        amend_docx(build_bytes(annex), "annex.docx", ())


def build_bytes(annex: Document) -> bytes:
    return Path(annex.source).read_bytes()


def test_cli_apply_amends_a_docx_baseline_and_says_when_it_rebuilds(
    annex: Document, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "draft.docx"
    assert main(["apply", annex.source, "--to", str(V618), "-o", str(out), "--version", "6.19"]) == 0
    assert capsys.readouterr().err == ""
    assert _parts(out.read_bytes())["word/header1.xml"] == _parts(V618.read_bytes())["word/header1.xml"]
    pdf = V618.with_suffix(".pdf")
    if not pdf.exists():
        pytest.skip("no fixture PDF")
    assert main(["apply", annex.source, "--to", str(pdf), "-o", str(tmp_path / "rebuilt.docx")]) == 0
    err = capsys.readouterr().err
    assert "is a PDF" in err and "the draft is rebuilt" in err and "classification banner" in err
    assert differences(read(tmp_path / "rebuilt.docx"), read(V619)) == []
