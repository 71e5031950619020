"""An instruction is data (issue 19 item 2): parsed once, worded in one place, and a
new verb is one entry in each of two registries (docs/instructions.md)."""

from __future__ import annotations

import re

import pytest

from redline import instructions as grammar
from redline.inputs import load_version
from redline.model import Amendment, Document, Heading, Instruction, Paragraph, Run, Target
from redline.structure import TableDraft, assemble
from redline.versions import apply as applying
from redline.versions.apply_tables import Mismatch
from redline.versions.edits import Edit, SectionEdit
from tests.conftest import FIXTURES


@pytest.mark.parametrize(
    "instruction",
    [
        Instruction("amend", Target("section", "5.4")),
        Instruction("amend", Target("table", "8.1.10")),
        Instruction("insert", Target("section", "7.2")),
        Instruction("insert", Target("section", "7.2"), after="7.1"),
        Instruction("insert", Target("section", "7.2"), before="7.3"),
        Instruction("delete", Target("table", "8.1.18")),
        Instruction("amend", Target("section", "1.1"), last="1.2"),
        Instruction("amend", Target("section", "5.4"), document="Appendix R"),
        Instruction("renumber", Target("section", "7.2"), new_number="7.3"),
    ],
)
def test_wording_reads_back_to_the_same_instruction(instruction: Instruction) -> None:
    assert grammar.parse_instruction(grammar.wording(instruction)) == instruction


def test_planned_wording_is_the_drafters_form() -> None:
    assert grammar.wording(Instruction("amend", Target("section", "5.4"))) == "Amend Section 5.4 as follows:"
    assert grammar.wording(Instruction("delete", Target("table", "8.1.18"))) == "Delete Table 8.1.18 as follows:"
    assert grammar.wording(Instruction("renumber", Target("section", "7.2"), new_number="7.3")) == (
        "Renumber Section 7.2 as Section 7.3.")


def test_document_named_after_the_target_is_kept() -> None:
    found = grammar.parse_instruction("Amend Section 5.4 of Appendix R as follows:")
    assert found is not None and found.document == "Appendix R"
    before = grammar.parse_instruction("Insert new Section 7.2 before Section 7.3:")
    assert before is not None and (before.after, before.before) == (None, "7.3")


def test_the_reader_keeps_the_parsed_instruction_on_the_amendment() -> None:
    stream: list[Heading | Paragraph | TableDraft] = [
        Paragraph("1. Amend Sections 7.3 – 7.4 of Appendix R:", (Run("1. Amend Sections 7.3 – 7.4 of Appendix R:"),)),
        Paragraph("x", (Run("x", "insert"),)),
    ]
    [a] = assemble("annex.docx", "0" * 64, stream).amendments
    assert a.instruction == "1. Amend Sections 7.3 – 7.4 of Appendix R:"  # the wording as typed
    assert a.parsed == Instruction("amend", Target("section", "7.3"), last="7.4", document="Appendix R")
    assert (a.verb, a.target) == ("amend", Target("section", "7.3"))


def test_unknown_verb_raises_in_wording_and_apply() -> None:
    odd = Instruction("transmogrify", Target("section", "1"))
    with pytest.raises(ValueError, match="transmogrify"):
        grammar.wording(odd)
    amendment = Amendment("Transmogrify Section 1", odd)
    with pytest.raises(ValueError, match="no planner"):
        applying.plan_amendment(Document("b", "", "", ()), amendment)


_OMIT = re.compile(r"^omit\s+section\s+(\d+(?:\.\d+)*)\s*\.?$", re.IGNORECASE)


def _read_omit(m: re.Match[str]) -> Instruction:
    return Instruction("omit", Target("section", m.group(1)))


def _word_omit(i: Instruction) -> str:
    return f"Omit Section {i.target.number}."


def _plan_omit(
    base: Document, amendment: Amendment, numbers: object
) -> tuple[list[Edit], list[Mismatch]]:
    number = amendment.target.number
    if base.section(number) is None:
        return [], [Mismatch(amendment.instruction, f"Section {number}", "no such section in the baseline")]
    return [SectionEdit(number, "delete")], []


def test_a_toy_verb_added_by_the_recipe(monkeypatch: pytest.MonkeyPatch) -> None:
    line = "Omit Section 6.3."
    assert grammar.parse_instruction(line) is None and grammar.instruction_like(line)
    # The recipe: one Form and one wording in instructions.py, one planner in versions/apply.py.
    monkeypatch.setattr(grammar, "FORMS", [*grammar.FORMS, grammar.Form(_OMIT, _read_omit)])
    monkeypatch.setitem(grammar.WORDINGS, "omit", _word_omit)
    monkeypatch.setitem(applying.PLANNERS, "omit", _plan_omit)

    found = grammar.parse_instruction(line)
    assert found == Instruction("omit", Target("section", "6.3")) and "omit" in grammar.VERBS
    assert grammar.wording(found) == line and not grammar.instruction_like(line)
    annex = assemble("annex.docx", "0" * 64, [Paragraph(line, (Run(line),)), Paragraph("Omit Section 99.")])
    assert [a.parsed for a in annex.amendments] == [found, Instruction("omit", Target("section", "99"))]
    base = load_version(FIXTURES / "appendix-r-v6.18.docx")
    assert base.section("6.3") is not None
    result = applying.apply(base, annex)
    assert [(m.location, m.problem) for m in result.plan.mismatches] == [
        ("Section 99", "no such section in the baseline")]
    assert result.document.section("6.3") is None
    assert [s.number for s in result.document.sections if s.number.startswith("6.")] == [
        s.number for s in base.sections if s.number.startswith("6.") and s.number != "6.3"]
