"""apply applies every mark or refuses (issue 18 item 1): each case of the issue's
apply bullets, made as a drafter would (6.19 edited in its Word XML, or an annex typed
by hand with python-docx), applied, written, read back and compared with the edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as WordDocument

from redline.annex.plan import plan_annex
from redline.draft import write_draft
from redline.model import Document, Heading, Paragraph, Run
from redline.readers import read
from redline.versions.apply import apply
from redline.versions.compare import differences
from redline.versions.edits import RowEdit, SectionEdit
from redline.versions.verify import unapplied
from redline.writers.annex import write_annex
from tests.edited_versions import V619, annex_between, edited_docx, new_section, rename_row

QUOTED = "Read Inventory (Current and Future Suppliers may use this “Service Request”)"


@pytest.fixture(scope="module")
def base() -> Document:
    return read(V619)


def _draft(base: Document, annex: Document, tmp_path: Path) -> tuple[Document, str | None]:
    """Apply, write the draft DOCX, read it back: (the draft, why it was rebuilt or None)."""
    result = apply(base, annex)
    assert result.plan.mismatches == ()
    out = tmp_path / "draft.docx"
    rebuilt = write_draft(base, result.plan.edits, result.document, out)
    return read(out), rebuilt


def test_typography_only_row_renames_are_applied(base: Document, tmp_path: Path) -> None:
    # Quotes added and "-" made "–": the annex redlines them; apply used to fold both
    # away (loose text) and report "1 edit, 0 mismatches" with the old names kept.
    edits = [
        rename_row(base, "8.1.11", "8.2", QUOTED),
        rename_row(base, "8.1.7", "8.14.1", "Communications Hub Status Update – Install Success"),
        rename_row(base, "8.1.11", "8.11", "Update HAN Device Log (All)"),
    ]
    _, edited = edited_docx(V619, edits)
    annex_path = tmp_path / "annex.docx"
    write_annex(plan_annex(base, edited), annex_path)
    annex = read(annex_path)
    assert len(apply(base, annex).plan.edits) == 3
    draft, rebuilt = _draft(base, annex, tmp_path)
    assert rebuilt is None and differences(draft, edited) == []
    table = draft.table("8.1.7")
    assert table is not None and "Communications Hub Status Update – Install Success" in [r.name for r in table.rows]


def test_row_key_8_11_is_not_rewritten_as_8_1_1(base: Document, tmp_path: Path) -> None:
    # The name column changes; the key column's "8.11" was respelled as the column's
    # "8.1.1" (punctuation folded), and GS's "11.2" as "1.1.2", in both draft kinds.
    edits = [rename_row(base, "8.1.5", "8.11", "Update HAN Device Log (All)"),
             rename_row(base, "8.1.7", "11.2", "Read Firmware Version Now")]
    _, edited = edited_docx(V619, edits)
    result = apply(base, annex_between(base, edited))
    assert [e.key for e in result.plan.edits if isinstance(e, RowEdit)] == ["8.11", "11.2"]
    assert differences(result.document, edited) == []
    draft, rebuilt = _draft(base, annex_between(base, edited), tmp_path)
    assert rebuilt is None and differences(draft, edited) == []
    # the rebuilt draft (a baseline with no Word file) keeps the keys too
    rebuilt_draft = tmp_path / "rebuilt.docx"
    why = write_draft(Document("6.19.json", "", base.title, base.sections, base.sec_version, base.front),
                      result.plan.edits, result.document, rebuilt_draft)
    assert why is not None and differences(read(rebuilt_draft), edited) == []


def test_inserted_device_alert_rows_land_where_the_annex_shows_them(base: Document, tmp_path: Path) -> None:
    # Device Alert codes are not in key order: an inserted row goes right after the row
    # the annex shows before it, not where the key would sort it (it landed a row off).
    table = base.table("8.1.13")
    assert table is not None
    row = table.rows[3].texts
    one = ("0x8F99", "Made-up Alert One", *row[2:])
    two = ("0x0001", "Made-up Alert Two", *row[2:])
    edits = [RowEdit("8.1.13", 4, "insert", one[0], one[1], (), one),
             RowEdit("8.1.13", 7, "insert", two[0], two[1], (), two)]
    _, edited = edited_docx(V619, edits)
    draft, rebuilt = _draft(base, annex_between(base, edited), tmp_path)
    assert rebuilt is None and differences(draft, edited) == []
    keys = [r.key for r in draft.table("8.1.13").rows]  # type: ignore[union-attr]
    assert keys[3:6] == ["0x8003", "0x8F99", "0x8F01"] and keys[8] == "0x0001"


def test_hand_typed_insert_with_unsorted_keys_goes_after_the_row_shown_before_it(base: Document) -> None:
    table = base.table("8.1.13")
    assert table is not None
    shown, new = table.rows[15], ("0x0002", "Made-up Alert", *table.rows[15].texts[2:])
    stream = [Paragraph("Amend Table 8.1.13 as follows:", (Run("Amend Table 8.1.13 as follows:"),))]
    annex = _annex_of(stream, [shown.texts, new], inserted=[False, True])
    result = apply(base, annex)
    assert result.plan.mismatches == ()
    keys = [r.key for r in result.document.table("8.1.13").rows]  # type: ignore[union-attr]
    assert keys[15:17] == [shown.key, "0x0002"]


def _annex_of(stream: list[Paragraph], rows: list[tuple[str, ...]], inserted: list[bool]) -> Document:
    from redline.model import Cell
    from redline.structure import TableDraft, assemble
    from redline.tables import RawCell, RawRow

    raw = [RawRow(tuple(RawCell(Cell(t, (Run(t, "insert" if ins else None),) if t else ())) for t in r))
           for r, ins in zip(rows, inserted, strict=True)]
    return assemble("annex.docx", "0" * 64, [*stream, TableDraft(raw)])


def test_inserted_section_in_auto_numbered_baseline_is_amended_not_rebuilt(base: Document, tmp_path: Path) -> None:
    # 6.19's headings are numbered by a Word list: the new 5.5 takes the list's number,
    # the old 5.5 becomes 5.6 by itself, and the draft is the baseline's file amended.
    _, edited = edited_docx(V619, [new_section("5.5", "Extra Testing", "Extra tests may be run by the DCC.")])
    assert [s.number for s in edited.sections if s.number.startswith("5.")][-2:] == ["5.5", "5.6"]
    draft, rebuilt = _draft(base, annex_between(base, edited), tmp_path)
    assert rebuilt is None and differences(draft, edited) == []


def test_deleted_section_in_auto_numbered_baseline_is_amended_not_rebuilt(base: Document, tmp_path: Path) -> None:
    _, edited = edited_docx(V619, [SectionEdit("5.3", "delete")])
    draft, rebuilt = _draft(base, annex_between(base, edited), tmp_path)
    assert rebuilt is None and differences(draft, edited) == []


def test_hand_typed_bold_heading_under_insert_is_a_new_section(base: Document, tmp_path: Path) -> None:
    # "Insert new Section 5.5 as follows:" then "5.5 Extra Testing" in bold body text:
    # it went into the old 5.5 as a paragraph, 5.5 was not renumbered, "0 mismatches".
    for underline in (True, False):
        word = WordDocument()
        word.add_paragraph("These changes have been drafted against SEC Version 6.19.")
        word.add_paragraph("Insert new Section 5.5 as follows:")
        heading = word.add_paragraph().add_run("5.5 Extra Testing")
        heading.bold, heading.font.underline = True, underline
        word.add_paragraph().add_run("Extra tests may be run by the DCC.").font.underline = underline
        word.save(str(tmp_path / "hand.docx"))
        draft, rebuilt = _draft(base, read(tmp_path / "hand.docx"), tmp_path)
        assert rebuilt is None
        fives = [(s.number, s.title) for s in draft.sections if s.number.startswith("5.")]
        assert fives[-2:] == [("5.5", "Extra Testing"), ("5.6", "Eligibility Testing for SMETS1")]
        section = draft.section("5.5")
        assert section is not None and [b.text for b in section.blocks] == ["Extra tests may be run by the DCC."]


def test_a_change_the_draft_lost_is_a_mismatch_not_success(base: Document) -> None:
    # The last step compares the result with the annex itself: a consolidated version
    # that lacks what the annex marks (here: the baseline, unchanged) is refused.
    edits = [rename_row(base, "8.1.11", "8.2", QUOTED),
             SectionEdit("5.3", "delete")]
    _, edited = edited_docx(V619, [*edits, new_section("7.5", "Extra End", "Text.")])
    annex = annex_between(base, edited)
    lost = unapplied(base, annex, base, lambda n: n)
    problems = sorted({(m.location, m.problem.split(":")[0]) for m in lost})
    assert problems == [("Section 5.3", "not carried out"), ("Section 7.5", "not carried out"),
                        ("Table 8.1.11", "not carried out"), ("the consolidated version", "not carried out")]
    assert unapplied(base, annex, apply(base, annex).document, lambda n: n) == []


def test_struck_heading_paragraph_is_a_deleted_section() -> None:
    from redline.model import Instruction, Target
    from redline.versions.apply import _typed_heading

    scope = Instruction("delete", Target("section", "5.3"))
    assert _typed_heading(Paragraph("", (Run("5.3 Test Execution", "delete"),)), scope) == Heading(
        "5.3", "", 2, (Run("Test Execution", "delete"),))
    assert _typed_heading(Paragraph("5.3 Tests are run.", (Run("5.3 Tests are run.", "insert"),)), scope) is None
    assert _typed_heading(Paragraph("6.1 Other", (Run("6.1 Other", "insert"),)), scope) is None


def test_spacing_only_rename_beside_a_dash_is_applied(base: Document, tmp_path: Path) -> None:
    # "Update- Fault Return" retyped "Update - Fault Return": the PDF-wrap respelling
    # (spacing ignored) put the baseline's spelling back. Only spaces inside a word are
    # a wrap ("Mandato ry"); a space beside a dash is typed.
    old = "Communications Hub Status Update- Fault Return"
    edits = [rename_row(base, "8.1.10", "8.14.3", "Communications Hub Status Update - Fault Return", old)]
    _, edited = edited_docx(V619, edits)
    draft, rebuilt = _draft(base, annex_between(base, edited), tmp_path)
    assert rebuilt is None and differences(draft, edited) == []


def test_section_inserted_before_the_matrices_retypes_the_captions_it_renumbers(
    base: Document, tmp_path: Path
) -> None:
    # A new 8.1.1 renumbers 8.1.13 as 8.1.14: the amended DOCX retypes the typed caption
    # "Table 8.1.13: …" but the consolidated model kept it, so the draft was rebuilt.
    _, edited = edited_docx(V619, [new_section("8.1.1", "Evidence of Testing", "Evidence is kept for two years.")])
    section = edited.section("8.1.14")
    assert section is not None and isinstance(section.blocks[0], Paragraph)
    assert section.blocks[0].text == "Table 8.1.14: Device Alert Tests – IS"
    result = apply(base, annex_between(base, edited))
    assert differences(result.document, edited) == []
    draft, rebuilt = _draft(base, annex_between(base, edited), tmp_path)
    assert rebuilt is None and differences(draft, edited) == []


def test_a_caption_the_annex_rewrote_is_not_retyped_over(base: Document) -> None:
    from redline.draft import AmendableDocx, amended_draft
    from redline.versions.edits import ParagraphEdit, execute

    section = base.section("8.1.13")
    assert section is not None and isinstance(section.blocks[0], Paragraph)
    text = "Table 8.1.14 – Device Alert Tests – IS"  # retyped by the annex: not retyped again
    edits = [new_section("8.1.1", "Evidence of Testing", "Evidence is kept for two years."),
             ParagraphEdit("8.1.13", 0, "replace", section.blocks[0].text, text, Paragraph(text, (Run(text),)))]
    expected = execute(base, edits, source="expected")
    back = read(_write(amended_draft(AmendableDocx.read(V619, V619.read_bytes()), edits, expected,
                                     Path("draft.docx"))))
    caption = back.section("8.1.14").blocks[0]  # type: ignore[union-attr]
    assert isinstance(caption, Paragraph) and caption.text == text


def _write(data: bytes) -> Path:
    import tempfile

    out = Path(tempfile.mkdtemp()) / "draft.docx"
    out.write_bytes(data)
    return out


def test_deleting_8_1_1_with_alert_rows_renamed_gives_an_annex_apply_accepts(base: Document) -> None:
    # Found by the property test: diff/match paired the renumbered Device Alert sections
    # 8.1.16-8.1.18 by number and alike text (old 8.1.17 with the new 8.1.17, old 8.1.18's),
    # so the annex inserted 8.1.16 and deleted 8.1.18 and apply refused it. A section whose
    # title a free section has under another number pairs with that one now.
    table = base.table("8.1.13")
    assert table is not None
    row = table.rows[0]
    cells = (*row.texts[:4], "Mandatory SMETS1", *row.texts[5:])
    edits = [rename_row(base, "8.1.17", "0x8183", "Device joined SMHAN – All"),
             rename_row(base, "8.1.18", "0x8183", "Device joined SMHAN – All"),
             RowEdit("8.1.13", 0, "replace", row.key, row.name, row.texts, cells), SectionEdit("8.1.1", "delete")]
    _, edited = edited_docx(V619, edits)
    assert apply(base, annex_between(base, edited)).plan.mismatches == ()
