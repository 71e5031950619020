"""Property (issue 18 item 8): any edit of SEC 6.19 -- cells, row names (typography
too), rows in and out, paragraphs, sections inserted and deleted under Word-numbered
or typed headings -- planned as an annex and applied to 6.19 gives the edited version,
and the draft is 6.19's own Word file amended (read back, it is the edited version),
never a rebuilt one.

Each example is cheap: the baselines are read once (6.19, and 6.19 with typed heading
numbers built in memory by the fixture builder), the edited version is the edits made
in the model (or, one example in four, in a copy of the Word XML and read back), the
annex is the plan's amendments (what its DOCX reads back to: tests/test_annex_fixture.py),
and the draft is amended and read back in memory. Columns are not edited: apply does
not insert or delete a table column (a column edit is refused, see
test_a_column_edit_is_refused_not_lost).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixtures.build_fixtures import build_appendix
from redline.draft import AmendableDocx, amended_draft
from redline.model import Cell, Document, Paragraph, Run, Section, Table
from redline.readers.docx import read_docx
from redline.readers.normalise import normalise_text
from redline.versions.apply import apply
from redline.versions.compare import differences
from redline.versions.edits import Edit, ParagraphEdit, RowEdit, SectionEdit, execute, renumbering
from tests.edited_versions import V619, annex_between

EXAMPLES = 300


@cache
def baseline(typed: bool) -> AmendableDocx:
    if typed:
        return AmendableDocx.read(Path("appendix-r-v6.19-typed.docx"), build_appendix("6.19", typed_numbers=True))
    return AmendableDocx.read(V619, V619.read_bytes())


DUIS_VALUES = ["Mandatory", "Mandatory SMETS 2", "Mandatory SMETS1", "N/A"]
ALERT_VALUES = ["Mandatory", "Mandatory SMETS1", "Mandatory SMETS2+", "Optional"]
RENAMES = [
    lambda n: n.replace("-", "–") if "-" in n else n + " – All",
    lambda n: n.replace("- ", " - ") if "- " in n else n.replace(" ", " “", 1) + "”",
    lambda n: f"{n} (All)",
    lambda n: n.replace("Read", "Retrieve") if "Read" in n else f"Read {n}",
    lambda n: n.replace("-", "\u2011") if "-" in n else f"‘{n}’",
]
SENTENCES = [
    "Testing Participants shall keep evidence of each test for two years.",
    "The DCC may ask for a test to be repeated.",
    "Where a test fails, the Testing Participant shall tell the DCC within one Working Day.",
]
TITLES = ["Evidence of Testing", "Repeat Tests", "Test Reporting"]


def _tables(doc: Document, kind: str) -> list[Table]:
    return [b for s in doc.sections for b in s.blocks if isinstance(b, Table) and b.kind == kind]


@st.composite
def _row_edits(draw: st.DrawFn, doc: Document) -> list[Edit]:
    out: list[Edit] = []
    for kind, values, first, last in (("duis", DUIS_VALUES, 4, 13), ("device_alert", ALERT_VALUES, 4, 4)):
        tables = _tables(doc, kind)
        for _ in range(draw(st.integers(0, 3))):
            t = draw(st.sampled_from(tables))
            assert t.number is not None and t.name_column is not None and t.key_column is not None
            used = {e.index for e in out if isinstance(e, RowEdit) and e.table == t.number}
            free = [i for i in range(len(t.rows)) if i not in used]
            if not free:
                continue
            i = draw(st.sampled_from(free))
            row = t.rows[i]
            texts = list(row.texts)
            action = draw(st.sampled_from(["cells", "rename", "delete", "insert"]))
            if action == "delete":
                out.append(RowEdit(t.number, i, "delete", row.key, row.name, row.texts, ()))
                continue
            if action == "insert":
                n = len(out) + 1
                texts[t.key_column] = f"99.{n}" if kind == "duis" else f"0x7F{n:02X}"
                if kind == "duis":
                    texts[0] = "99"
                texts[t.name_column] = f"Made-up Request {n}"
                texts[first] = draw(st.sampled_from(values))
                new = tuple(texts)
                out.append(RowEdit(t.number, i, "insert", new[t.key_column], new[t.name_column], (), new))
                continue
            if action == "cells":
                for c in draw(st.lists(st.integers(first, last), min_size=1, max_size=3, unique=True)):
                    texts[c] = draw(st.sampled_from([v for v in values if v != texts[c]]))
            else:
                texts[t.name_column] = normalise_text(draw(st.sampled_from(RENAMES))(row.name))
            new = tuple(texts)
            if new != row.texts:
                out.append(RowEdit(t.number, i, "replace", row.key, new[t.name_column], row.texts, new))
    return out


def _prose(doc: Document) -> list[Section]:
    """Sections of text (no tables), in Sections 1 to 8 (8.1.1 to 8.1.4 stand before the
    matrices: a section inserted there renumbers every table after it)."""
    return [s for s in doc.sections if not s.tables() and s.number.split(".")[0] in "12345678"]


@st.composite
def _text_edits(draw: st.DrawFn, doc: Document, matrices: bool) -> list[Edit]:
    """Paragraph and section edits; in 8.1.1-8.1.4 (renumbering the matrices) only when
    ``matrices`` (no row edited; the diff's pairing of renumbered alert sections with rows
    renamed is test_apply_marks.py's test_deleting_8_1_1_with_alert_rows_renamed_…)."""
    out: list[Edit] = []
    sections = [s for s in _prose(doc) if matrices or not s.number.startswith("8")]
    touched: set[str] = set()
    for _ in range(draw(st.integers(0, 3))):
        s = draw(st.sampled_from([s for s in sections if any(isinstance(b, Paragraph) for b in s.blocks)]))
        places = [i for i, b in enumerate(s.blocks) if isinstance(b, Paragraph)]
        used = {e.index for e in out if isinstance(e, ParagraphEdit) and e.section == s.number}
        places = [i for i in places if i not in used]
        if not places:
            continue
        i = draw(st.sampled_from(places))
        p = s.blocks[i]
        assert isinstance(p, Paragraph)
        action = draw(st.sampled_from(["change", "delete", "insert"]))
        touched.add(s.number)
        if action == "delete":
            out.append(ParagraphEdit(s.number, i, "delete", p.text, ""))
        elif action == "insert":
            text = draw(st.sampled_from([t for t in SENTENCES if t not in {b.text for b in s.blocks}]))
            out.append(ParagraphEdit(s.number, i, "insert", "", text, Paragraph(text, (Run(text),), p.list_level,
                                                                                  p.style)))
        else:
            text = p.text.rstrip(".:;") + draw(st.sampled_from([" (see clause 8).", "; and", " in full."]))
            out.append(ParagraphEdit(s.number, i, "replace", p.text, text, Paragraph(text, (Run(text),),
                                                                                    p.list_level, p.style)))
    # Sections out (any number) and in (one): the sections after them renumbered. An
    # inserted section is numbered as in the new version (after the deletions).
    for _ in range(draw(st.integers(0, 2))):
        whole = [e for e in out if isinstance(e, SectionEdit)]
        busy = touched | {e.number for e in whole}
        leaves = [s for s in sections if s.level > 1 and s.number not in busy
                  and not any(x.number.startswith(s.number + ".") for x in doc.sections)]
        if not leaves:
            break
        s = draw(st.sampled_from(leaves))
        touched.add(s.number)
        if any(e.op == "insert" for e in whole) or draw(st.booleans()):
            out.append(SectionEdit(s.number, "delete"))
            continue
        gone = [e.number for e in whole if e.op == "delete"]
        after = renumbering((x.number for x in doc.sections), (), gone)
        parent, _, last = after[s.number].rpartition(".")
        siblings = [x for x in sections if x.number.rpartition(".")[0] == s.number.rpartition(".")[0]]
        number = f"{parent}.{int(last) + 1}" if s is siblings[-1] and draw(st.booleans()) else after[s.number]
        title = draw(st.sampled_from(TITLES))
        text = draw(st.sampled_from(SENTENCES))
        section = Section(number, title, s.level, (Paragraph(text, (Run(text),)),), (Run(title),))
        out.append(SectionEdit(number, "insert", section))
    return out


@st.composite
def edited(draw: st.DrawFn) -> tuple[bool, bool, list[Edit]]:
    typed, via_word = draw(st.booleans()), draw(st.integers(0, 3)) == 0
    doc = baseline(False).document
    rows = draw(_row_edits(doc))
    edits = [*rows, *draw(_text_edits(doc, matrices=not rows))]
    return typed, via_word, edits


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(edited())
def test_any_edit_of_619_annexed_and_applied_gives_the_edit_in_619s_own_file(
    case: tuple[bool, bool, list[Edit]],
) -> None:
    typed, via_word, edits = case
    base = baseline(typed)
    if via_word:  # the edit made in a copy of the Word XML and read back, as a drafter's file
        new = read_docx(Path("edited.docx"), base.amend(edits), "")
    else:
        new = execute(base.document, edits, source="edited.docx")
    result = apply(base.document, annex_between(base.document, new))
    assert result.plan.mismatches == ()
    assert differences(result.document, new) == []
    # amended in 6.19's own file, read back and compared with the result (NotAmendable if not)
    amended_draft(base, result.plan.edits, result.document, Path("draft.docx"))


def test_a_column_edit_is_refused_not_lost() -> None:
    # apply inserts no table column: an annex that adds one must not come out as success
    # with the column missing (it is refused, or, if ever supported, applied whole).
    doc = baseline(False).document
    table = doc.table("8.1.10")
    assert table is not None
    na = Cell("N/A", (Run("N/A"),))
    wider = replace(table, columns=(*table.columns, "ECV9"),
                    rows=tuple(replace(r, cells=(*r.cells, na)) for r in table.rows))
    sections = tuple(
        replace(s, blocks=tuple(wider if b is table else b for b in s.blocks)) for s in doc.sections
    )
    new = replace(doc, sections=sections)
    result = apply(doc, annex_between(doc, new))
    assert result.plan.mismatches != () or differences(result.document, new) == []
