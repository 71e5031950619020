"""Writing as drafters group: "Amend Section 1 as follows:" over 1.1 and 1.2 when every
subsection of Section 1 changed (MP089), one instruction per section otherwise or with
``--group none``; the grouped annex still applies to its baseline."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.annex.group import group_sections
from redline.model import Amendment, Document, Heading, Instruction, Paragraph, Run, Section, Target
from redline.structure import make_amendment
from tests.conftest import V618, V619


def _doc(*numbers: str) -> Document:
    return Document("new.docx", "", "", tuple(Section(n, f"Title {n}", n.count(".") + 1) for n in numbers))


def _amend(number: str, verb: str = "Amend") -> Amendment:
    blocks: list[Heading | Paragraph] = [Heading(number, f"Title {number}", number.count(".") + 1),
                                         Paragraph("new", (Run("old", "delete"), Run("new", "insert")))]
    return make_amendment(Instruction(verb.casefold(), Target("section", number)), list(blocks))


def _table(number: str) -> Amendment:
    return make_amendment(Instruction("amend", Target("table", number)), [])


def test_every_subsection_changed_is_one_instruction_for_the_parent() -> None:
    new = _doc("1", "1.1", "1.2", "2", "2.1", "2.2")
    items = group_sections([_amend("1.1"), _amend("1.2"), _amend("2.1")], new)
    assert [i.instruction for i in items] == ["Amend Section 1 as follows:", "Amend Section 2.1 as follows:"]
    assert [b.number for b in items[0].blocks if isinstance(b, Heading)] == ["1", "1.1", "1.2"]
    assert items[0].deleted == ("old", "old") and items[0].inserted == ("new", "new")


def test_group_none_keeps_one_instruction_per_subsection() -> None:
    new = _doc("1", "1.1", "1.2")
    items = group_sections([_amend("1.1"), _amend("1.2")], new, "none")
    assert [i.instruction for i in items] == ["Amend Section 1.1 as follows:", "Amend Section 1.2 as follows:"]


def test_an_inserted_subsection_or_a_table_between_keeps_them_apart() -> None:
    new = _doc("7", "7.1", "7.2")
    inserted = [_amend("7.1"), _amend("7.2", "Insert")]
    assert [i.instruction for i in group_sections(inserted, new)] == [i.instruction for i in inserted]
    new = _doc("8", "8.1", "8.2")
    split = [_amend("8.1"), _table("8.1"), _amend("8.2")]
    assert [i.instruction for i in group_sections(split, new)] == [i.instruction for i in split]


def test_groups_nest_from_the_deepest_section_up() -> None:
    new = _doc("1", "1.1", "1.1.1", "1.1.2", "1.2")
    items = group_sections([_amend("1.1.1"), _amend("1.1.2"), _amend("1.2")], new)
    assert [i.instruction for i in items] == ["Amend Section 1 as follows:"]
    assert [b.number for b in items[0].blocks if isinstance(b, Heading)] == ["1", "1.1", "1.1.1", "1.1.2", "1.2"]


def test_cli_annex_groups_as_mp089_and_round_trips_through_apply(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from redline.cli import main

    annex, draft = tmp_path / "annex.docx", tmp_path / "draft.docx"
    assert main(["annex", str(V618), str(V619), "-o", str(annex), "--mp", "MP089"]) == 0
    assert main(["parse", str(annex)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "16 amendments:" in lines
    instructions = [line.split("  ")[1] for line in lines if line.startswith(("  Amend", "  Insert", "  Delete"))]
    assert instructions[:2] == ["Amend Section 1 as follows:", "Amend Section 5.4 as follows:"]
    assert main(["apply", str(annex), "--to", str(V618), "-o", str(draft)]) == 0
    assert f"wrote {draft}" in capsys.readouterr().out
    assert main(["diff", str(draft), str(V619)]) == 0
    printed = capsys.readouterr().out
    # only the cover page's "SEC Version 6.18", front matter no instruction reaches, differs
    assert "summary: 0 sections changed; 0 tables changed: 0 rows added, 0 removed, 0 renamed, 0 moved, " \
        "0 cells changed, 0 footer figures changed; 0 reference problems; 1 front-matter paragraph changed" in printed
    assert "    ~ SEC Version [-6.18-]{+6.19+}" in printed
