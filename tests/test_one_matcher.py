"""``diff``, the annex and ``log`` name the same pairs (issue 11): one matcher.

Each case is an edit a drafter makes to the 6.19 fixture, on which the three
once disagreed: a paragraph whose sentences were swapped, two 8.14.3 rows
that become one, and 5.3 pushed to 5.4 under a new title.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from redline.annex.plan import plan_annex
from redline.diff import diff
from redline.diff.words import changed
from redline.model import Cell, Document, Paragraph, Row, Run, Section, Table, marked, normalise, rejected_text
from redline.readers import read
from redline.versions.history import section_history, table_history
from redline.writers.json import diff_to_dict
from tests.conftest import FIXTURES

ALPHA = "Communications Hub Status Update- Log Alpha"
FAULT = "Communications Hub Status Update- Log Fault"
RETURN = "Communications Hub Status Update- Fault Return"
SWAPPED = (
    "The DCC shall provide the Devices and Communications Hubs the Testing Participant requires. "
    "At the times agreed with the DCC, tests shall be executed in the UIT environment."
)


@pytest.fixture(scope="module")
def base() -> Document:
    return read(FIXTURES / "appendix-r-v6.19.docx")


def _para(text: str) -> Paragraph:
    return Paragraph(text, (Run(text),))


def _with_section(doc: Document, number: str, section: Section) -> Document:
    return replace(doc, sections=tuple(section if s.number == number else s for s in doc.sections))


def _rsa_8143(doc: Document, names: list[str]) -> Document:
    """The RSA table with its 8.14.3 rows replaced by one row per name (cells of the first)."""
    section = doc.section("8.1.10")
    assert section is not None
    blocks = []
    for b in section.blocks:
        if isinstance(b, Table):
            assert b.name_column is not None
            model = next(r for r in b.rows if r.key == "8.14.3")
            at = b.rows.index(model)
            mine = []
            for name in names:
                cells = list(model.cells)
                cells[b.name_column] = Cell(name, (Run(name),))
                mine.append(Row(tuple(cells), model.key, name))
            rest = [r for r in b.rows if r.key != "8.14.3"]
            b = replace(b, rows=(*rest[:at], *mine, *rest[at:]))
        blocks.append(b)
    return _with_section(doc, "8.1.10", replace(section, blocks=tuple(blocks)))


def test_reordered_sentences_are_one_edited_paragraph_in_diff_and_annex(base: Document) -> None:
    section = base.section("5.3")
    assert section is not None
    new = _with_section(base, "5.3", replace(section, blocks=(_para(SWAPPED),)))
    result = diff(base, new)
    [change] = result.sections
    assert [p.change for p in change.paragraphs] == ["modified"]
    [item] = plan_annex(base, new, result).items
    [paragraph] = [b for b in item.blocks if isinstance(b, Paragraph)]
    # one paragraph redlined with the diff's own word edits, not one struck whole and another inserted
    assert paragraph.text == SWAPPED
    assert rejected_text(paragraph.runs) == change.paragraphs[0].old
    edits = changed(change.paragraphs[0].edits)
    assert marked(paragraph.runs, "insert") == tuple(normalise(e.text) for e in edits if e.op == "insert")
    assert marked(paragraph.runs, "delete") == tuple(normalise(e.text) for e in edits if e.op == "delete")


def test_two_8_14_3_rows_become_one_the_same_pair_everywhere(base: Document) -> None:
    old, new = _rsa_8143(base, [ALPHA, FAULT]), _rsa_8143(base, [RETURN])
    result = diff(old, new)
    # diff --json: "Log Fault" renamed to "Fault Return", "Log Alpha" removed
    [table] = [t for t in diff_to_dict(result)["tables"] if t["table"] == "8.1.10"]
    assert [(r["old_name"], r["new_name"]) for r in table["rows_renamed"]] == [(FAULT, RETURN)]
    assert [r["name"] for r in table["rows_removed"]] == [ALPHA]
    # the annex summary counts the same
    plan = plan_annex(old, new, result)
    [summary] = [t for t in plan.tables if t.number == "8.1.10"]
    assert (summary.rows_renamed, summary.rows_removed, summary.rows_added) == (1, 1, 0)
    # the annex body redlines "Log Fault" into "Fault Return" and strikes "Log Alpha" whole
    [item] = [i for i in plan.items if i.target.number == "8.1.10"]
    [shown] = [b for b in item.blocks if isinstance(b, Table)]
    assert shown.name_column is not None
    names = [(rejected_text(r.cells[shown.name_column].runs), r.cells[shown.name_column].text)
             for r in shown.rows if "8.14.3" in (rejected_text(r.cells[1].runs), r.cells[1].text)]
    assert names == [(ALPHA, ""), (FAULT, RETURN)]
    # log: the row that ends as "Fault Return" was "Log Fault"; "Log Alpha" was removed
    history = table_history([("a", old), ("b", new)], "8.1.10", "8.14.3")
    events = {line.name: [(e.change, e.old_name) for e in line.events if e.version == "b"] for line in history.rows}
    assert events == {RETURN: [("renamed", FAULT)], ALPHA: [("removed", "")]}


def test_5_3_renumbered_to_5_4_under_a_new_title_diff_and_log_agree(base: Document) -> None:
    sections = []
    for s in base.sections:
        if s.number == "5.3":
            sections.append(Section("5.3", "Test Witnessing", 2, (_para("The DCC may witness any UEPT test run."),)))
            sections.append(replace(s, number="5.4", title="Running the Tests"))
        elif s.number in ("5.4", "5.5"):
            sections.append(replace(s, number=f"5.{int(s.number[-1]) + 1}"))
        else:
            sections.append(s)
    new = replace(base, sections=tuple(sections))
    result = diff(base, new)
    moved = {(s.old_number, s.new_number): s for s in result.sections}
    assert moved[("5.3", "5.4")].change == "renumbered" and moved[("5.3", "5.4")].retitled
    assert moved[(None, "5.3")].change == "added"
    history = section_history([("6.19", base), ("draft", new)], "5.3")
    assert [(e.change, e.old_name, e.new_name) for e in history.events if e.version == "draft"] == [
        ("renumbered", "5.3", "5.4"),
        ("retitled", "Test Execution", "Running the Tests"),
    ]
    # and the annex inserts the new 5.3 and amends the old one under 5.4
    instructions = [i.instruction for i in plan_annex(base, new, result).items]
    assert instructions == ["Insert Section 5.3 as follows:", "Amend Section 5.4 as follows:"]


def test_the_diff_keeps_the_full_alignment_unchanged_pairs_included(base: Document) -> None:
    result = diff(base, base)
    assert result.is_empty
    alignment = result.alignment
    assert [(a.old, a.new) for a in alignment.sections] == [(k, k) for k in range(len(base.sections))]
    tables = base.tables()
    assert [(t.old, t.new) for t in alignment.tables] == [(k, k) for k in range(len(tables))]
    assert all(t.rows == tuple((k, k) for k in range(len(tables[t.new or 0].rows))) for t in alignment.tables)


def test_log_tells_a_section_paragraph_by_paragraph_as_the_diff_does() -> None:
    """Fixture S2: bullet 3 of 1.2 edited and a bullet inserted after it. ``log``
    once called the edit a removal and an addition (it paired paragraphs
    only when as many came as went); the diff calls it edited."""
    old, new = read(FIXTURES / "appendix-r-v6.18.docx"), read(FIXTURES / "appendix-r-v6.19.docx")
    [change] = [s for s in diff(old, new).sections if s.number == "1.2"]
    assert [(p.change, p.old_index) for p in change.paragraphs] == [("modified", 2), ("added", None)]
    [event] = [e for e in section_history([("6.18", old), ("6.19", new)], "1.2").events if e.change == "changed"]
    assert event.details[0] == (
        "edited paragraph 3: …send Service Requests [to SMETS1 Devices (Eligibility Testing); and -> "
        "in respect of SMETS1 Devices (Eligibility Testing);]"
    )
    assert event.details[1].startswith("added paragraph: 'For an existing User seeking to access November 2019")
    assert len(event.details) == 2
