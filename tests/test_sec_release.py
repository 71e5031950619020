"""Annexes that span documents, over release folders: the hand-typed MP999 annex
(fixtures/handtyped_sec_annex.py: Section A, Section H and Appendix R parts, written
with python-docx) and the annex redline writes from two release folders.

Expected results come from the fixtures (6.19 is what the Section A and H parts
make of 6.18, fixtures/sec/CHANGES.md; the Appendix R part makes one edit,
``APPENDIX_R_EDIT``), not from redline's own output.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from fixtures.handtyped_sec_annex import APPENDIX_R_EDIT
from redline.cli import main
from redline.diff import diff
from redline.errors import RedlineError
from redline.readers import read
from redline.versions.release import release_of, split_annex
from tests.conftest import FIXTURES

SEC = FIXTURES / "sec"
HANDTYPED = SEC / "annex-mp999-handtyped.docx"


@pytest.fixture
def release_618(tmp_path: Path) -> Path:
    """A 6.18 release folder: Sections A and H and Appendix R."""
    folder = tmp_path / "6.18"
    folder.mkdir()
    for name in ("section-a.docx", "section-h.docx"):
        shutil.copy(SEC / "6.18" / name, folder / name)
    shutil.copy(FIXTURES / "appendix-r-v6.18.docx", folder / "appendix-r.docx")
    return folder


@pytest.mark.parametrize("annex", [HANDTYPED, HANDTYPED.with_suffix(".pdf")], ids=["docx", "pdf"])
def test_every_amendment_of_the_handtyped_annex_has_its_document(annex: Path) -> None:
    doc = read(annex)
    assert [a.document for a in doc.amendments] == ["Section A"] * 4 + ["Section H"] * 4 + ["Appendix R"]
    assert doc.document is None  # several documents: the annex as a whole is none of them
    assert [a.parsed.content for a in doc.amendments[:3]] == ["insert", "delete", None]


@pytest.mark.parametrize("annex", [HANDTYPED, HANDTYPED.with_suffix(".pdf")], ids=["docx", "pdf"])
def test_handtyped_annex_applied_to_a_release_folder_gives_one_draft_per_document(
    annex: Path, release_618: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "drafts"
    main(["apply", str(annex), "--to", str(release_618), "-o", str(out), "--version", "6.19"])
    assert "rebuilt" not in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["appendix-r.docx", "section-a.docx", "section-h.docx"]
    for name in ("section-a", "section-h"):
        result = diff(read(out / f"{name}.docx"), read(SEC / "6.19" / f"{name}.docx"))
        assert result.sections == () and result.tables == () and result.front is None, name
    appendix = diff(read(FIXTURES / "appendix-r-v6.18.docx"), read(out / "appendix-r.docx"))
    assert [s.number for s in appendix.sections] == ["4.2"] and appendix.tables == ()
    (change,) = appendix.sections[0].paragraphs
    assert APPENDIX_R_EDIT[1] in (change.new or "") and APPENDIX_R_EDIT[0] not in (change.new or "")


def test_annex_of_two_release_folders_has_a_part_per_changed_document_in_sec_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    for folder, version in ((old, "6.18"), (new, "6.19")):
        folder.mkdir()
        for name in ("section-h.docx", "section-a.docx"):
            shutil.copy(SEC / version / name, folder / name)
        shutil.copy(FIXTURES / "appendix-r-v6.18.docx", folder / "appendix-r.docx")  # unchanged: no part
    annex = tmp_path / "mp.docx"
    assert main(["annex", str(old), str(new), "-o", str(annex), "--mp", "MP999"]) == 0
    doc = read(annex)
    assert [a.document for a in doc.amendments] == ["Section A"] * 2 + ["Section H"] * 4
    drafts = tmp_path / "drafts"
    capsys.readouterr()
    main(["apply", str(annex), "--to", str(old), "-o", str(drafts), "--version", "6.19"])
    assert "rebuilt" not in capsys.readouterr().err
    assert sorted(p.name for p in drafts.iterdir()) == ["section-a.docx", "section-h.docx"]
    for name in ("section-a", "section-h"):
        assert main(["diff", str(drafts / f"{name}.docx"), str(new / f"{name}.docx"), "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["sections"] == [] and out["tables"] == [] and not out["front_matter"]
        assert out["old"]["document"] == out["new"]["document"] == ("Section A" if name == "section-a" else "Section H")


def test_an_annex_amending_a_document_the_release_lacks_is_refused(tmp_path: Path) -> None:
    release = release_of("6.18", [read(SEC / "6.18" / "section-a.docx")])
    with pytest.raises(RedlineError, match="amends Section H, Appendix R"):
        split_annex(read(HANDTYPED), release)


def test_a_release_folder_with_one_document_twice_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "rel"
    folder.mkdir()
    shutil.copy(SEC / "6.18" / "section-h.docx", folder / "h1.docx")
    shutil.copy(SEC / "6.19" / "section-h.docx", folder / "h2.docx")
    code = main(["apply", str(HANDTYPED), "--to", str(folder), "-o", str(tmp_path / "out")])
    assert code == 2 and not (tmp_path / "out").exists()


PRODUCERS = FIXTURES / "producers"


@pytest.mark.parametrize("name", ["section-a", "section-h"])
def test_word_style_pdf_of_a_section_reads_as_its_docx(name: str) -> None:
    result = diff(read(SEC / "6.19" / f"{name}.docx"), read(PRODUCERS / f"sec-6.19-{name}.wordstyle.pdf"))
    assert result.sections == () and result.tables == () and result.front is None


def test_word_style_pdf_of_the_handtyped_annex_applies_to_the_release(
    release_618: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "drafts"
    main(["apply", str(PRODUCERS / "annex-mp999-handtyped.wordstyle.pdf"), "--to", str(release_618), "-o", str(out)])
    assert "0 mismatches" in capsys.readouterr().out
    result = diff(read(out / "section-h.docx"), read(SEC / "6.19" / "section-h.docx"))
    assert result.sections == ()


def test_conflicts_over_a_release_are_found_document_by_document(
    release_618: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The generated MP999 annex (Sections A and H) against the hand-typed one (A, H and
    Appendix R): they clash only where both amend the same document, and say which."""
    old, new = tmp_path / "old", tmp_path / "new"
    for folder, version in ((old, "6.18"), (new, "6.19")):
        folder.mkdir()
        for name in ("section-a.docx", "section-h.docx"):
            shutil.copy(SEC / version / name, folder / name)
    generated = tmp_path / "mp.docx"
    assert main(["annex", str(old), str(new), "-o", str(generated)]) == 0
    capsys.readouterr()
    assert main(["conflicts", str(HANDTYPED), str(generated), "--base", str(release_618), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    documents = {c["where"].split(":")[0] for c in report["conflicts"] + report["agreed"]}
    assert documents == {"Section A", "Section H"}  # Appendix R: amended by one annex only
    # the same change made by both is agreement, listed apart from the conflicts
    assert any(c["where"] == "Section H: Section H14.5 paragraph 1" for c in report["agreed"])
    assert not any(c["same_change"] for c in report["conflicts"])


@pytest.mark.parametrize(
    "argv",
    [
        ["diff", str(SEC / "6.18" / "section-a.docx"), str(SEC / "6.19" / "section-h.docx")],
        ["apply", str(HANDTYPED), "--to", str(SEC / "6.18" / "section-h.docx"), "-o", "{out}"],
    ],
    ids=["diff-two-documents", "apply-three-part-annex-to-one-file"],
)
def test_versions_of_different_documents_are_refused_in_one_line(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "draft.docx"
    assert main([a.format(out=out) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ("not two versions of one document" in err or "release folder" in err)
    assert not out.exists()


def test_mp089_under_no_part_heading_applies_to_a_release_of_several_documents(
    release_618: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """MP089 names its document only in its title line ("MP089 'Changes to Appendix R
    '…'"), under no part heading: applied to a release folder of three documents it was
    refused as "under no document heading … holds 3 documents", though the title says
    which one it amends. Its document is now read from that line."""
    annex = FIXTURES / "annexes" / "01-mp089.docx"
    assert read(annex).document == "Appendix R"
    out = tmp_path / "drafts"
    code = main(["apply", str(annex), "--to", str(release_618), "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["appendix-r.docx"]
    applied = diff(read(FIXTURES / "appendix-r-v6.19.docx"), read(out / "appendix-r.docx"))
    assert applied.tables == () and applied.sections == ()


def test_annex_of_a_release_folder_and_one_document_names_the_mix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`annex fixtures/sec/6.18 fixtures/sec/6.19/section-h.docx` said "fixtures/sec/6.18: is a
    folder, not a DOCX or PDF", though folders are accepted: what is wrong is the mix."""
    out = tmp_path / "x.docx"
    code = main(["annex", str(SEC / "6.18"), str(SEC / "6.19" / "section-h.docx"), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert len(err.strip().splitlines()) == 1
    assert "is a release (several documents)" in err and "section-h.docx one document" in err


def test_a_section_h_annex_given_to_diff_is_called_no_version_of_section_h(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Section H annex given to `diff` was refused as "not a version of Appendix R":
    the line names the document the annex amends."""
    annex = tmp_path / "h.docx"
    assert main(["annex", str(SEC / "6.18" / "section-h.docx"), str(SEC / "6.19" / "section-h.docx"),
                 "-o", str(annex)]) == 0
    capsys.readouterr()
    assert main(["diff", str(annex), str(SEC / "6.18" / "section-h.docx")]) == 2
    err = capsys.readouterr().err
    assert "not a version of Section H" in err and "Appendix R" not in err
