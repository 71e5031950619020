"""The 6.18 → 6.19 fixture annex (fixtures/CHANGES.md) in every format, read
back: through our DOCX reader, through LibreOffice, through pdftotext, and
by parsing the HTML; and through the CLI as a drafter runs it."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from redline.annex.plan import AnnexOptions, AnnexPlan, plan_annex
from redline.cli import main
from redline.diff import diff
from redline.model import Document, Heading, normalise
from redline.writers.annex import write_annex
from redline.writers.docx import DocxSettings, render_docx
from redline.writers.html import render_html
from tests.conftest import FIXTURES
from tests.docx_views import view
from tests.libreoffice import SOFFICE, TEXT_FILTER, LibreOffice, text_of

OLD_PATH, NEW_PATH = FIXTURES / "appendix-r-v6.18.docx", FIXTURES / "appendix-r-v6.19.docx"
pytestmark = pytest.mark.skipif(not (OLD_PATH.exists() and NEW_PATH.exists()), reason="fixtures not built yet")

# Checked by hand against fixtures/CHANGES.md: S1–S6 and T1–T6, A1–A2, D1–D3.
EXPECTED = [
    "Amend Section 1.1 as follows:",  # S1
    "Amend Section 1.2 as follows:",  # S2
    "Amend Section 5.4 as follows:",  # S3
    "Delete Section 6.3 as follows:",  # S5
    "Insert Section 7.2 as follows:",  # S4 (7.2, 7.3 renumbered only: not shown)
    "Amend Section 8.1.4 as follows:",  # S6
    "Amend Table 8.1.5 as follows:",  # T6
    "Amend Table 8.1.7 as follows:",  # T3
    "Amend Table 8.1.8 as follows:",  # T1, E3
    "Amend Table 8.1.9 as follows:",  # T5
    "Amend Table 8.1.10 as follows:",  # T2, E1, E2
    "Amend Table 8.1.11 as follows:",  # T4
    "Amend Table 8.1.13 as follows:",  # A1
    "Amend Table 8.1.16 as follows:",  # A2
    "Amend Table 8.1.19 as follows:",  # D1
    "Amend Table 8.1.20 as follows:",  # D2
    "Amend Table 8.1.22 as follows:",  # D3
]


@pytest.fixture(scope="module")
def versions() -> tuple[Document, Document]:
    pytest.importorskip("redline.readers.docx")
    from redline.readers import read

    return read(OLD_PATH), read(NEW_PATH)


@pytest.fixture(scope="module")
def plan(versions: tuple[Document, Document]) -> AnnexPlan:
    old, new = versions
    # one item per change of CHANGES.md (the default groups 1.1 and 1.2 under "Amend Section 1": see
    # test_fixture_annex_groups_section_1_as_mp089_does)
    return plan_annex(old, new, diff(old, new), AnnexOptions(mp="MP089", group="none"))


def _read(tmp_path: Path, data: bytes, name: str) -> Document:
    from redline.readers import read

    path = tmp_path / name
    path.write_bytes(data)
    return read(path)


def _fields(items: tuple[object, ...]) -> list[tuple[object, ...]]:
    return [(a.instruction, a.target, a.old_text, a.new_text, a.inserted, a.deleted) for a in items]  # type: ignore[attr-defined]


def _item(plan: AnnexPlan, instruction: str) -> object:
    return next(i for i in plan.items if i.instruction == instruction)


def test_fixture_annex_has_one_item_per_change_in_changes_md(plan: AnnexPlan) -> None:
    assert [i.instruction for i in plan.items] == EXPECTED
    assert plan.against == "6.18"


def test_fixture_annex_groups_section_1_as_mp089_does(versions: tuple[Document, Document]) -> None:
    old, new = versions
    grouped = plan_annex(old, new, diff(old, new), AnnexOptions(mp="MP089"))
    assert [i.instruction for i in grouped.items] == ["Amend Section 1 as follows:", *EXPECTED[2:]]
    [section_1] = [i for i in grouped.items if i.target.number == "1"]
    assert [(b.number, b.title) for b in section_1.blocks if isinstance(b, Heading)] == [
        ("1", "Introduction"), ("1.1", "Purpose"), ("1.2", "Types of Testing Required")]
    assert section_1.inserted == ("or the November 2019 SEC Release", "in respect of",
                                  "For an existing User seeking to access November 2019 SEC Release functionality "
                                  "(Additive UEPT); and")


def test_fixture_annex_content_matches_changes_md(plan: AnnexPlan) -> None:
    assert _item(plan, "Amend Section 1.1 as follows:").inserted == ("or the November 2019 SEC Release",)
    assert _item(plan, "Amend Table 8.1.7 as follows:").inserted == ("and Supplier",)  # T3 rename
    assert _item(plan, "Amend Table 8.1.22 as follows:").inserted == ("Alert",)  # D3 rename
    [rsa] = _item(plan, "Amend Table 8.1.10 as follows:").blocks
    footer = {f.label: f for f in rsa.footer}
    assert (footer["Count of Mandatory"].old_figures[-1], footer["Count of Mandatory"].figures[-1]) == (16, 12)
    assert (footer["Total Tests"].old_figures, footer["Total Tests"].figures) == ((23,), (20,))
    names = [r.name for r in rsa.rows]
    assert "Communications Hub Status Update- Fault Return" in names
    assert "Communications Hub Status Update- No Fault Returned" in names
    [ed] = _item(plan, "Amend Table 8.1.8 as follows:").blocks
    na = next(f for f in ed.footer if f.label == "Count of N/A")
    assert [r.text for c in na.cells for r in c.runs if r.mark] == ["38", "37"]  # E3 fixed
    removed = _item(plan, "Amend Table 8.1.11 as follows:")
    assert removed.deleted[:3] == ("8.9", "8.9", "Read Device Log")  # T4


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _footer_label_row(docx: bytes, table: str, label: str) -> lxml.etree._Element:
    """The w:tr of the annex DOCX whose first cell reads ``label``, in the table after "Amend Table N"."""
    import io
    import zipfile

    root = lxml.etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    body = root.find(f"{W}body")
    assert body is not None
    seen = False
    for block in body:
        if block.tag == f"{W}p" and "".join(block.itertext()) == f"Amend Table {table} as follows:":
            seen = True
        elif seen and block.tag == f"{W}tbl":
            return next(tr for tr in block.iter(f"{W}tr") if "".join(tr[1].itertext()) == label)
    raise AssertionError(f"no table {table}")


def test_fixture_new_footer_row_is_inserted_label_and_figures(plan: AnnexPlan) -> None:
    """D1: 8.1.19 gains "Count of Mandatory SMETS1 2": the whole row is inserted text."""
    item = _item(plan, "Amend Table 8.1.19 as follows:")
    assert item.inserted[-3:] == ("Count of Mandatory SMETS1", "2", "10")  # type: ignore[attr-defined]
    assert item.deleted == ("8",)  # type: ignore[attr-defined]
    assert "Count of Mandatory SMETS1" not in item.old_text  # type: ignore[attr-defined]
    row = _footer_label_row(render_docx(plan), "8.1.19", "Count of Mandatory SMETS1")
    runs = [r for r in row.iter(f"{W}r") if "".join(r.itertext()).strip()]
    assert ["".join(r.itertext()) for r in runs] == ["Count of Mandatory SMETS1", "2"]
    for r in runs:  # underlined blue, as every insertion
        assert r.find(f"{W}rPr/{W}u").get(f"{W}val") == "single"
        assert r.find(f"{W}rPr/{W}color").get(f"{W}val") == "0000FF"
    tracked = _footer_label_row(render_docx(plan, DocxSettings(tracked=True)), "8.1.19", "Count of Mandatory SMETS1")
    assert tracked.find(f"{W}trPr/{W}ins") is not None
    assert all(r.getparent().tag == f"{W}ins" for r in tracked.iter(f"{W}r") if "".join(r.itertext()).strip())
    page = lxml.html.fromstring(render_html(plan))
    [label] = [td for td in page.iter("td") if normalise(td.text_content()) == "Count of Mandatory SMETS1"
               and "insert" in (td.getparent().get("class") or "")]
    assert [normalise(e.text_content()) for e in label.iter("ins")] == ["Count of Mandatory SMETS1"]


def test_fixture_summary_agrees_with_the_diff_on_moved_rows(
    plan: AnnexPlan, versions: tuple[Document, Document]
) -> None:
    """T5: 8.1.9's row 11.2 moved. The summary panel says "moved", as redline
    diff does; the annex body still strikes it at its old place and inserts it
    at the new one."""
    old, new = versions
    changes = {t.table: t for t in diff(old, new).tables}
    for t in plan.tables:
        c = changes.get(t.number)
        counts = (t.rows_added, t.rows_removed, t.rows_renamed, t.rows_moved, t.cells_changed)
        expected = (0, 0, 0, 0, 0) if c is None else tuple(
            len(x) for x in (c.rows_added, c.rows_removed, c.rows_renamed, c.rows_moved, c.cells_changed)
        )
        assert counts == expected, t.number
    gt = next(t for t in plan.tables if t.number == "8.1.9")
    assert (gt.rows_added, gt.rows_removed, gt.rows_moved) == (0, 0, 1)
    page = lxml.html.fromstring(render_html(plan))
    [panel] = [t for t in page.iter("table") if "roles" in (t.get("class") or "")]
    head = [normalise(th.text_content()) for th in panel.iter("th")]
    [gt_row] = [tr for tr in panel.iter("tr") if tr[0].tag == "td" and tr[0].text_content() == "GT"]
    cells = dict(zip(head, (normalise(td.text_content()) for td in gt_row), strict=True))
    assert (cells["Rows added"], cells["Rows removed"], cells["Rows moved"]) == ("0", "0", "1")
    item = _item(plan, "Amend Table 8.1.9 as follows:")
    assert item.inserted[:3] == item.deleted[:3] == ("11.2", "11.2", "Read Firmware Version")  # type: ignore[attr-defined]


S6_NEW = "Those indicated as ‘Mandatory SMETS2+’ must be executed in respect of a SMETS2+ Device."


def test_fixture_s6_insertion_is_the_whole_new_sentence(plan: AnnexPlan) -> None:
    """S6: the annex inserts the new sentence after "Device.", not "…Device and{+ a
    SMETS2+ Device. Those … in respect of+} a SMETS2+ Device."."""
    item = _item(plan, "Amend Section 8.1.4 as follows:")
    [para] = [b for b in item.blocks if "Mandatory SMETS2+’ must" in getattr(b, "text", "")]  # type: ignore[attr-defined]
    before, inserted, after = para.runs
    assert (before.mark, inserted.mark, after.mark) == (None, "insert", None)
    assert before.text.endswith("in respect of a SMETS1 Device and a SMETS2+ Device.")
    assert normalise(inserted.text) == S6_NEW
    assert after.text.lstrip().startswith("Where the test Service Requests")


def test_fixture_annex_and_diff_mark_the_same_words(plan: AnnexPlan, versions: tuple[Document, Document]) -> None:
    """One word diff: every paragraph the diff reports as edited and the annex
    redlines word by word carries exactly the diff's inserted and deleted words."""
    from redline.diff.words import changed
    from redline.model import marked

    annex_paragraphs = {
        normalise(b.text): b.runs
        for item in plan.items
        for b in item.blocks  # type: ignore[attr-defined]
        if isinstance(getattr(b, "runs", None), tuple) and hasattr(b, "list_level")
    }
    edited = [p for s in diff(*versions).sections for p in s.paragraphs if p.change == "modified"]
    # every paragraph the diff calls edited is redlined word by word in the annex too
    # (S3's second paragraph was once struck and inserted whole: the annex paired it on its own)
    redlined = [p for p in edited if any(r.mark is None for r in annex_paragraphs[normalise(p.new or "")])]
    assert redlined == edited
    assert len(redlined) == 6  # S1, S2, S3 (both paragraphs, as fixtures/CHANGES.md says), S6 (two)
    for p in redlined:
        runs = annex_paragraphs[normalise(p.new or "")]
        edits = changed(p.edits)
        assert marked(runs, "insert") == tuple(normalise(e.text) for e in edits if e.op == "insert"), p.new
        assert marked(runs, "delete") == tuple(normalise(e.text) for e in edits if e.op == "delete"), p.new


def test_fixture_docx_and_tracked_docx_read_back_to_the_plan(plan: AnnexPlan, tmp_path: Path) -> None:
    plain = _read(tmp_path, render_docx(plan), "annex.docx")
    tracked = _read(tmp_path, render_docx(plan, DocxSettings(tracked=True)), "tracked.docx")
    assert _fields(plain.amendments) == _fields(plan.items)
    assert _fields(tracked.amendments) == _fields(plan.items)


def test_fixture_tracked_views_give_new_and_old_text(plan: AnnexPlan, tmp_path: Path) -> None:
    data = render_docx(plan, DocxSettings(tracked=True))
    accepted = _read(tmp_path, view(data, keep="insert"), "accepted.docx")
    rejected = _read(tmp_path, view(data, keep="delete"), "rejected.docx")
    assert [a.new_text for a in accepted.amendments] == [i.new_text for i in plan.items]
    # plain text under "Delete Section X as follows:" is what the instruction deletes: it reads as struck
    assert [a.old_text if a.instruction.startswith("Delete") else a.new_text for a in rejected.amendments] == [
        i.old_text for i in plan.items
    ]


def test_fixture_html_ins_and_del_match_the_plan(plan: AnnexPlan) -> None:
    page = lxml.html.fromstring(render_html(plan))
    sections = [s for s in page.iter("section") if "amendment" in (s.get("class") or "")]
    assert len(sections) == len(plan.items)
    for section, item in zip(sections, plan.items, strict=True):
        assert [x for x in (normalise(e.text_content()) for e in section.iter("ins")) if x] == list(item.inserted)
        assert [x for x in (normalise(e.text_content()) for e in section.iter("del")) if x] == list(item.deleted)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LibreOffice]:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) not installed")
    yield LibreOffice(tmp_path_factory.mktemp("office"))


def _lines(text: str) -> list[str]:
    return [x for x in (normalise(line.replace("•", "")) for line in text.splitlines()) if x]


def test_fixture_annex_in_libreoffice_accept_and_reject_all(plan: AnnexPlan, office: LibreOffice) -> None:
    path = office.folder / "fixture-tracked.docx"
    path.write_bytes(render_docx(plan, DocxSettings(tracked=True)))
    accepted = _lines(text_of(office.resolve_all(path, "Accept", office.folder / "acc.txt", *TEXT_FILTER)))
    rejected = _lines(text_of(office.resolve_all(path, "Reject", office.folder / "rej.txt", *TEXT_FILTER)))
    for item in plan.items:
        assert item.instruction in accepted and item.instruction in rejected
        if item.target.kind == "section":
            new, old = item.new_text.splitlines(), item.old_text.splitlines()
            assert [x for x in accepted if x in new] == new
            # An inserted/deleted section keeps its bare number line in the other view, as
            # old_text/new_text do: the reader needs the number to see the heading at all.
            assert [x for x in rejected if x in old] == old
    assert "6.3 Test Stubs" in rejected and "6.3 Test Stubs" not in accepted
    assert "Read Device Log" in rejected and "Read Device Log" not in accepted
    # 8.1.10's Total Tests, the only one stated wrongly in 6.18 (E2): 23 struck, 20 inserted.
    assert accepted[accepted.index("Total Tests", accepted.index(EXPECTED[10])) + 1] == "20"
    assert rejected[rejected.index("Total Tests", rejected.index(EXPECTED[10])) + 1] == "23"


@pytest.fixture(scope="module")
def annex_pdf(plan: AnnexPlan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) not installed")
    folder = tmp_path_factory.mktemp("pdf")
    dest = write_annex(plan, folder / "annex.pdf")
    assert not list(folder.glob(".annex.pdf.*"))  # no temp file left behind
    return dest


def test_fixture_pdf_text(annex_pdf: Path) -> None:
    out = subprocess.run(["pdftotext", str(annex_pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = normalise(out)
    for instruction in EXPECTED:
        assert instruction in text
    assert "These changes have been drafted against SEC Version 6.18." in text


def test_grouped_annex_count_line_does_not_read_as_a_breakdown_that_does_not_add_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "Amend Section 1" covers the changed 1.1 and 1.2: 16 items, 6 sections and 11 tables
    # changed. The line used to say "16 amendments (6 sections, 11 tables)": 6 + 11 is not 16.
    out = tmp_path / "annex.docx"
    assert main(["annex", str(OLD_PATH), str(NEW_PATH), "-o", str(out), "--mp", "MP089"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == f"{out}: 16 amendments; 6 sections and 11 tables changed"


def test_cli_annex_then_parse_json_lists_the_amendments(
    plan: AnnexPlan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "annex.docx"
    assert main(["annex", str(OLD_PATH), str(NEW_PATH), "-o", str(out), "--mp", "MP089", "--group", "none"]) == 0
    assert f"{out}: 17 amendments; 6 sections and 11 tables changed" in capsys.readouterr().out
    assert main(["parse", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    got = [(a["instruction"], a["old_text"], a["new_text"], a["inserted"], a["deleted"]) for a in data["amendments"]]
    assert got == [(i.instruction, i.old_text, i.new_text, list(i.inserted), list(i.deleted)) for i in plan.items]
    # The outline of an annex is its instructions, each with what it amends, not
    # the annex's headings posing as the sections of an appendix.
    assert main(["parse", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:3] == ["drafted against SEC version 6.18", "17 amendments:"]
    assert [line.split("  ")[1] for line in lines[3:]] == EXPECTED
    assert "  Delete Section 6.3 as follows:  Test Stubs  (+0 inserted, -2 deleted)" in lines
    assert "  Amend Section 5.4 as follows:  Completing Additive UEPT for Release 2.0 or November 2019 SEC Release" \
        "  (+3 inserted, -1 deleted)" in lines
    assert not any(" sections, " in line for line in lines)


def test_an_annex_is_not_taken_for_a_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A reviewer handed an annex may point diff, annex or check at it: diff and
    annex refuse it in one line (its excerpts against a whole version would show
    every section changed); check says where the totals can be checked."""
    out = tmp_path / "annex.docx"
    assert main(["annex", str(OLD_PATH), str(NEW_PATH), "-o", str(out)]) == 0
    capsys.readouterr()
    for argv in (["diff", str(out), str(NEW_PATH)], ["annex", str(OLD_PATH), str(out), "-o", str(tmp_path / "x.html")]):
        assert main(argv) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.splitlines() == [
            f"redline: {out}: an annex (16 'Amend … as follows:' instructions), not a version of Appendix R: "
            f"apply it to its baseline first (redline apply {out} --to BASE -o draft.docx)"
        ]
    assert not (tmp_path / "x.html").exists()
    assert main(["check", str(out)]) == 0  # only corrections to confirm (tests/test_check_annex.py)
    assert f"redline check {out} --against BASE" in capsys.readouterr().out


def test_cli_full_copy_counts_changed_sections_and_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "full.docx"
    assert main(["annex", str(OLD_PATH), str(NEW_PATH), "--full", "--tracked", "-o", str(out)]) == 0
    first, *rest = capsys.readouterr().out.splitlines()
    assert first == f"{out}: full copy, 49 sections; 6 sections and 11 tables changed"
    assert rest[0] == "cross-references to check (2), as redline diff finds them:"  # the annex's own report


def test_annex_of_a_version_with_itself_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The typed-number copy of 6.18 has the same content as 6.18: an annex with
    no instructions is no annex, so none is written (exit 0: both inputs read)."""
    typed = FIXTURES / "appendix-r-v6.18-typed.docx"
    out = tmp_path / "annex.docx"
    assert main(["annex", str(OLD_PATH), str(typed), "-o", str(out)]) == 0
    assert capsys.readouterr().out == (
        f"{OLD_PATH} and {typed} have the same content: nothing to amend, no annex written\n"
    )
    assert not out.exists()


def test_cli_annex_refuses_bad_outputs_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["annex", str(OLD_PATH), str(NEW_PATH), "-o", str(tmp_path / "annex.odt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown annex format '.odt'" in err
    copy = tmp_path / "old.docx"
    copy.write_bytes(OLD_PATH.read_bytes())
    assert main(["annex", str(copy), str(NEW_PATH), "-o", str(copy)]) == 2
    assert "refusing to write over an input file" in capsys.readouterr().err
    assert copy.read_bytes() == OLD_PATH.read_bytes()


def _signature(doc: Document) -> list[tuple[object, ...]]:
    """Everything a reviewer compares: numbers, titles, paragraphs, rows, footers."""
    out: list[tuple[object, ...]] = []
    for s in doc.sections:
        paragraphs = tuple(b.text for b in s.blocks if not hasattr(b, "rows"))
        rows = tuple(r.texts for t in s.tables() for r in t.rows)
        footers = tuple((f.label, f.figures) for t in s.tables() for f in t.footer)
        out.append((s.number, s.title, paragraphs, rows, footers))
    return out


def test_full_tracked_copy_accepts_to_6_19_and_rejects_to_6_18(
    versions: tuple[Document, Document], tmp_path: Path
) -> None:
    from redline.annex.full import plan_full

    old, new = versions
    data = render_docx(plan_full(old, new, diff(old, new)), DocxSettings(tracked=True))
    accepted = _read(tmp_path, view(data, keep="insert"), "accepted.docx")
    rejected = _read(tmp_path, view(data, keep="delete"), "rejected.docx")
    assert _signature(accepted) == _signature(new)
    assert _signature(rejected) == _signature(old)
    assert (accepted.sec_version, rejected.sec_version) == ("6.19", "6.18")


def test_fixture_pdf_annex_reads_back_to_the_plan(
    plan: AnnexPlan, annex_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDF a drafter publishes, read by our PDF reader (strike/underline
    lines), gives back the same amendments as the plan."""
    from redline.readers import read

    monkeypatch.setenv("REDLINE_NO_CACHE", "1")
    assert _fields(read(annex_pdf).amendments) == _fields(plan.items)


def test_reverse_annex_strikes_a_dropped_footer_row(versions: tuple[Document, Document], tmp_path: Path) -> None:
    """The annex from 6.19 back to 6.18: 8.1.19 drops "Count of Mandatory SMETS1 2"
    (D1 reversed). The row is struck whole, label and figure, reads back as a
    deleted footer row, and applying the annex to 6.19 gives 6.18's tables."""
    from redline.versions.apply import apply
    from redline.versions.compare import differences

    v618, v619 = versions
    plan = plan_annex(v619, v618, diff(v619, v618))
    item = _item(plan, "Amend Table 8.1.19 as follows:")
    assert item.deleted[-3:] == ("Count of Mandatory SMETS1", "2", "10")  # type: ignore[attr-defined]
    assert "Count of Mandatory SMETS1 | 2" in item.old_text.splitlines()  # type: ignore[attr-defined]
    assert "Count of Mandatory SMETS1" not in item.new_text  # type: ignore[attr-defined]
    page = lxml.html.fromstring(render_html(plan))
    assert [normalise(e.text_content()) for e in page.iter("del")].count("Count of Mandatory SMETS1") == 1
    for tracked in (False, True):
        annex = _read(tmp_path, render_docx(plan, DocxSettings(tracked=tracked)), f"reverse-{tracked}.docx")
        assert _fields(annex.amendments) == _fields(plan.items)
        [table] = next(a for a in annex.amendments if a.target.number == "8.1.19").blocks
        dropped = next(f for f in table.footer if f.label == "Count of Mandatory SMETS1")
        assert (dropped.figures, dropped.old_figures) == ((), (2,))
        result = apply(v619, annex)
        assert result.plan.mismatches == ()
        assert [d for d in differences(result.document, v618, limit=200) if d.startswith("section 8.1")] == []
