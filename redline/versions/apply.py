"""Apply an annex's amendments to a baseline version: the consolidated draft.

``plan(base, annex)`` finds, for every "Amend Section/Table X as follows:",
where its redlined content sits in the baseline and turns it into edits
(:mod:`redline.versions.edits`), or into mismatches when the struck/old text is not
there; ``apply(base, annex)`` also carries the edits out. Section
amendments are matched paragraph by paragraph (text compared loosely, so a
PDF annex matches a Word baseline), headings inside them retitle, insert or
delete sections; table amendments go to :mod:`redline.versions.apply_tables`. Pure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TypeAlias

from redline import instructions as grammar
from redline.model import (
    Amendment,
    Document,
    Heading,
    Instruction,
    Notice,
    Paragraph,
    Run,
    Section,
    Table,
    normalise,
    rejected_text,
    visit,
)
from redline.numbering import is_clause, label_kind, typed_number
from redline.versions.apply_tables import Mismatch, plan_table
from redline.versions.edits import Edit, NoteEdit, ParagraphEdit, SectionEdit, TitleEdit, execute, loose, renumbering
from redline.versions.verify import unapplied


@dataclass(frozen=True, slots=True)
class Plan:
    edits: tuple[Edit, ...]
    mismatches: tuple[Mismatch, ...]
    warnings: tuple[Notice, ...] = ()
    """Records, like a reader's (``str()`` gives the line after "warning: ", the source aside)."""


@dataclass(frozen=True, slots=True)
class ApplyResult:
    document: Document
    """The consolidated version (with mismatched amendments left out)."""
    plan: Plan

    @property
    def ok(self) -> bool:
        return not self.plan.mismatches


def _heading_titles(h: Heading) -> tuple[str, str]:
    old = normalise(rejected_text(h.runs)) if h.runs else h.title
    return old, h.title


@dataclass(slots=True)
class _SectionCursor:
    """Where the next paragraph of a section amendment lands in a baseline section."""

    number: str
    section: Section | None
    last: int = -1
    """Block index of the last baseline paragraph matched."""
    used: set[int] = field(default_factory=set)
    pending: list[Paragraph] = field(default_factory=list)
    """Inserted paragraphs waiting for the next matched one (they go before it)."""
    new_blocks: list[Paragraph | Table] | None = None
    """For a section the annex inserts whole: its content."""
    new_title: str = ""
    new_level: int = 1
    skip: bool = False
    """Already reported: ignore the section's paragraphs."""


def _deletes_without_heading(a: Amendment) -> bool:
    """ "Delete Section X (in its entirety)" with only struck text under it (or nothing) and no heading."""
    return (
        a.target.kind == "section"
        and a.verb == "delete"
        and not any(isinstance(b, Heading) for b in a.blocks)
        and not a.new_text.strip()
    )


def _typed_heading(p: Paragraph, scope: Instruction) -> Heading | None:
    """A hand-typed heading of a section the annex inserts or deletes whole: a short
    paragraph "5.5 Extra Testing" (bold or not, any style), every run underlined (or
    every run struck), numbered within the instruction's scope. A reader sees body text;
    applied as such it went into the old 5.5 and nothing was renumbered (issue 18)."""
    text = normalise(p.old_text or p.text)
    typed = typed_number(text)
    marks = {r.mark for r in p.runs if r.text.strip()}
    if typed is None or len(marks) != 1 or None in marks or p.list_level is not None:
        return None
    number, title = typed[0], text[typed[1]:].strip()
    if not title:
        return None
    if len(title) > 120 or title.endswith((".", ";", ":", ",")) or not scope.covers(number):
        return None
    mark = marks.pop()
    level = number.count(".") + 1
    if mark == "insert":
        return Heading(number, title, level, (Run(title, "insert"),))
    return Heading(number, "", level, (Run(title, "delete"),))


def _headings_typed(a: Amendment) -> Amendment:
    """The amendment with its hand-typed whole-section headings read as headings."""
    if a.target.kind != "section":
        return a
    blocks = tuple(
        (_typed_heading(b, a.parsed) or b) if isinstance(b, Paragraph) else b for b in a.blocks
    )
    return a if blocks == a.blocks else replace(a, blocks=blocks)


def spelled_notes(text: str, p: Paragraph) -> tuple[str, tuple[str, ...]] | None:
    """``text`` read as :attr:`Paragraph.compared_text` spells ``p``: (its own text, each
    note's text), or None when it does not end in ``p``'s notes and pictures."""
    rest = normalise(text)
    for pic in reversed(p.pictures):
        if not rest.endswith(pic.label):
            return None
        rest = rest[: -len(pic.label)].rstrip()
    texts: list[str] = []
    for note in reversed(p.notes):
        at = rest.rfind(f"[{note.kind}: ")
        if at < 0 or not rest.endswith("]"):
            return None
        texts.append(rest[at + len(note.kind) + 3 : -1])
        rest = rest[:at].rstrip()
    return rest, tuple(reversed(texts))


def whole_sections(annex: Document) -> tuple[set[str], set[str]]:
    """Numbers of the sections the annex inserts whole (heading all underlined) and
    deletes whole (heading all struck)."""
    inserts: set[str] = set()
    deletes: set[str] = set()
    for a in annex.amendments:
        if _deletes_without_heading(a):
            deletes.add(a.target.number)
        for b in a.blocks:
            if isinstance(b, Heading) and _inserted_clause(a, b):  # a clause has no title to underline
                inserts.add(b.number)
            elif isinstance(b, Heading) and b.runs:
                old, new = _heading_titles(b)
                if new and not old:
                    inserts.add(b.number)
                elif old and not new:
                    deletes.add(b.number)
    return inserts, deletes


def _inserted_clause(a: Amendment, b: Heading) -> bool:
    """A clause heading (a number, no title) that an "Insert Section H14.7" amendment shows under
    its own number: the clause is new, whether its number is typed between two (H14.2A) or
    taken in the automatic list (H14.7, which renumbers the clauses after it)."""
    return (
        not b.title
        and is_clause(b.number)
        and a.verb == "insert"
        and a.target.kind == "section"
        and a.target.number == b.number
    )


def _automatic(number: str) -> bool:
    """H14.7, not H14.2A: a number the list gives, so inserting under it renumbers those after."""
    return number.rsplit(".", 1)[-1].isdigit()


class _Numbers:
    """Annex numbers (the new version's) back to the baseline's, across whole-section
    inserts and deletes that renumber the sections after them."""

    def __init__(self, base: Document, annex: Document) -> None:
        self.inserts, deletes = whole_sections(annex)
        forward = renumbering((s.number for s in base.sections), self.inserts, deletes)
        self.back = {new: old for old, new in forward.items() if new != old}

    def old(self, number: str) -> str:
        return self.back.get(number, number)


class _SectionPlanner:
    def __init__(self, base: Document, amendment: Amendment, numbers: _Numbers) -> None:
        self.base = base
        self.numbers = numbers
        self.instruction = amendment.instruction
        self.edits: list[Edit] = []
        self.mismatches: list[Mismatch] = []
        number = numbers.old(amendment.target.number)
        self.target = number
        self.scope = amendment.parsed
        self.cursor = _SectionCursor(number, base.section(number))

    def _miss(self, location: str, problem: str, expected: str = "", found: str = "") -> None:
        if any((m.location, m.problem, m.expected) == (location, problem, expected) for m in self.mismatches):
            return  # once per place: a missing section is one mismatch, not one per paragraph
        self.mismatches.append(Mismatch(self.instruction, location, problem, expected, found))

    def flush(self) -> None:
        c = self.cursor
        if c.new_blocks is not None:
            section = Section(c.number, c.new_title, c.new_level, tuple(c.new_blocks), (Run(c.new_title),))
            self.edits.append(SectionEdit(c.number, "insert", section))
        elif c.section is not None and c.pending:
            at = c.last + 1 if c.last >= 0 else len(c.section.blocks)
            self._insert(at)
        c.pending = []

    def _insert(self, at: int) -> None:
        for p in self.cursor.pending:
            self.edits.append(
                ParagraphEdit(
                    self.cursor.number,
                    at,
                    "insert",
                    "",
                    p.text,
                    Paragraph(p.text, (Run(p.text),), self._level(p), p.style, label=p.label),
                )
            )
        self.cursor.pending = []

    def _new_clause(self, h: Heading) -> bool:
        """ "Insert Section H14.2A as follows:" over a clause (a number, no title): the clause is new
        (a typed number such as H14.2A renumbers nothing; H14.7 in the automatic list renumbers the
        clauses after it, as :func:`whole_sections` says)."""
        return (
            not h.title
            and is_clause(h.number)
            and self.scope.verb == "insert"
            and self.scope.target.number == h.number
        )

    def _level(self, p: Paragraph) -> int | None:
        """An inserted sub-paragraph "(d)" sits at the list level of its lettered siblings in the
        baseline (an annex types the label, so its reader cannot know the level): in its section,
        or, for a section the annex inserts, anywhere in the baseline."""
        if not p.label:
            return p.list_level
        kind = label_kind(p.label)
        sections = [self.cursor.section] if self.cursor.section is not None else list(self.base.sections)
        for section in sections:
            for b in section.blocks:
                if isinstance(b, Paragraph) and b.label and label_kind(b.label) == kind:
                    return b.list_level
        return p.list_level

    def heading(self, h: Heading) -> None:
        self.flush()
        old, new = _heading_titles(h)
        if (h.runs and not old and new) or self._new_clause(h):  # a whole new section (it may renumber those after it)
            self.cursor = _SectionCursor(h.number, None, new_blocks=[], new_title=new, new_level=h.level)
            there = self.base.section(h.number)
            if there is not None and (loose(there.title) == loose(new) if new else not _automatic(h.number)):
                self._miss(f"Section {h.number}", "inserted section is already in the baseline", f"{h.number} {new}")
                self.cursor = _SectionCursor(h.number, None, skip=True)  # its paragraphs: not again
            return
        deleted = bool(h.runs) and bool(old) and not new
        # A deleted section's number is the baseline's: the renumbering maps only numbers the new version has.
        number = h.number if deleted else self.numbers.old(h.number)
        if h.old_number and not deleted:
            if self.numbers.old(h.number) != h.old_number:
                self._miss(
                    f"Section {h.old_number} → {h.number}",
                    "renumbered heading does not follow from the sections the annex inserts and deletes",
                    f"{h.old_number} → {h.number}",
                    f"{self.numbers.old(h.number)} → {h.number}",
                )
                self.cursor = _SectionCursor(h.number, None, skip=True)
                return
            number = h.old_number
        section = self.base.section(number)
        self.cursor = _SectionCursor(number, section)
        if section is None:
            self._miss(f"Section {h.number}", "no such section in the baseline")
            return
        if deleted:
            self.edits.append(SectionEdit(number, "delete"))
            self.cursor.section = None
        elif loose(old) != loose(section.title):
            self._miss(f"Section {h.number} title", "struck/old title is not the baseline's", old, section.title)
        elif new != section.title:
            self.edits.append(TitleEdit(number, section.title, new))

    def paragraph(self, p: Paragraph) -> None:
        heading = self._unseen_heading(p)
        if heading is not None:
            self.heading(heading)
            return
        c = self.cursor
        old, new = p.old_text, p.text
        if grammar.is_placeholder(old) and grammar.is_placeholder(new):
            return  # "[…]", "[Text of this Section is unchanged]": the baseline's text stays
        if c.new_blocks is not None:
            if new:
                c.new_blocks.append(Paragraph(new, (Run(new),), self._level(p), p.style, label=p.label))
            return
        if c.skip:
            return
        if c.section is None:
            deleted = any(isinstance(e, SectionEdit) and e.number == c.number for e in self.edits)
            if not deleted and (old or new):
                self._miss(f"Section {c.number}", "no such section in the baseline")
            return
        if not old:
            if new and p.runs and any(r.mark for r in p.runs) and self._find(new) is not None:
                self._miss(f"Section {c.number}", "inserted paragraph is already in the baseline", new)
            elif new:
                c.pending.append(p)
            return
        index = self._find(old)
        if index is None and self._move_to_subsection(old):
            c = self.cursor
            index = self._find(old)
        if index is None or c.section is None:
            n = len([b for b in c.section.blocks if isinstance(b, Paragraph)]) if c.section else 0
            self._miss(f"Section {c.number}", f"struck/old text not among its {n} paragraphs", old)
            return
        self._insert(index)
        c.last = index
        c.used.add(index)
        base_p = c.section.blocks[index]
        assert isinstance(base_p, Paragraph)
        if new and (base_p.notes or base_p.pictures):
            new = self._notes(c.number, index, base_p, new)
        if not new:
            self.edits.append(ParagraphEdit(c.number, index, "delete", base_p.text, ""))
        elif loose(new) != loose(base_p.text) or (new != base_p.text and p.runs and any(r.mark for r in p.runs)):
            para = replace(base_p, text=new, runs=(Run(new),))  # its list, style, label, notes and pictures
            self.edits.append(ParagraphEdit(c.number, index, "replace", base_p.text, new, para))

    def _notes(self, section: str, index: int, base_p: Paragraph, new: str) -> str:
        """The paragraph's new text without its notes, which the annex spells after it as
        the diff compares it ("… [footnote: …]"); a changed note is a :class:`NoteEdit`."""
        split = spelled_notes(new, base_p)
        if split is None:
            return new
        body, texts = split
        for n, (note, text) in enumerate(zip(base_p.notes, texts, strict=True)):
            if normalise(text) != note.text:
                self.edits.append(NoteEdit(section, index, n, note.kind, note.text, normalise(text)))
        return body

    def _unseen_heading(self, p: Paragraph) -> Heading | None:
        """A plain paragraph "1.2 Types of Testing Required" that is the heading of a
        baseline subsection of the amended section (a reader took it for text)."""
        typed = typed_number(p.text)
        if not typed or any(r.mark for r in p.runs):
            return None
        number, title = typed[0], p.text[typed[1]:].strip()
        if not title:
            return None
        section = self.base.section(number)
        in_scope = number == self.target or number.startswith(self.target + ".") or self.scope.covers(number)
        if section is None or not in_scope or loose(section.title) != loose(title):
            return None
        return Heading(number, section.title, section.level)

    def _move_to_subsection(self, old: str) -> bool:
        """The paragraph is in a subsection of the amended section whose heading the
        reader did not see as a heading (a PDF line "1.2 Types of …"): follow it there."""
        target = self.target
        want = loose(old)
        found = [
            s
            for s in self.base.sections
            if (s.number == target or s.number.startswith(target + ".") or self.scope.covers(s.number))
            and s.number != self.cursor.number
            and any(isinstance(b, Paragraph) and loose(b.text) == want for b in s.blocks)
        ]
        if len(found) != 1:
            return False
        self.flush()
        self.cursor = _SectionCursor(found[0].number, found[0])
        return True

    def _find(self, old: str) -> int | None:
        c = self.cursor
        assert c.section is not None
        want = loose(old)
        candidates = [
            i
            for i, b in enumerate(c.section.blocks)
            if isinstance(b, Paragraph) and i not in c.used and want in (loose(b.text), loose(b.compared_text))
        ]
        after = [i for i in candidates if i > c.last]
        return (after or candidates)[0] if candidates else None

    def table(self, t: Table) -> None:
        c = self.cursor
        if c.new_blocks is not None:
            c.new_blocks.append(t)
            return
        number = t.number
        base_table = self.base.table(self.numbers.old(number)) if number else None
        if base_table is None and c.section is not None and c.section.tables():
            base_table = c.section.tables()[0]
        if base_table is None:
            self._miss(f"Table {number or '?'}", "no such table in the baseline")
            return
        edits, mismatches = plan_table(self.instruction, base_table, [t])
        self.edits.extend(edits)
        self.mismatches.extend(mismatches)


Planner: TypeAlias = Callable[[Document, Amendment, "_Numbers"], tuple[list[Edit], list[Mismatch]]]


def _plan_table(base: Document, amendment: Amendment, numbers: _Numbers) -> tuple[list[Edit], list[Mismatch]]:
    number = amendment.target.number
    if amendment.verb != "amend":
        # A whole table in or out is not an edit redline makes yet: refused, never half-applied
        # (a "Delete Table" applied row by row would leave an empty table behind).
        problem = f"{amendment.verb} of a whole table is not supported: amend its rows instead"
        return [], [Mismatch(amendment.instruction, f"Table {number}", problem)]
    table = base.table(numbers.old(number))
    tables = [b for b in amendment.blocks if isinstance(b, Table)]
    if table is None:
        return [], [Mismatch(amendment.instruction, f"Table {number}", "no such table in the baseline")]
    if not tables:
        return [], [Mismatch(amendment.instruction, f"Table {number}", "the amendment holds no table")]
    return plan_table(amendment.instruction, table, tables)


def _plan_section(base: Document, amendment: Amendment, numbers: _Numbers) -> tuple[list[Edit], list[Mismatch]]:
    """Amend, insert or delete a section: its redlined content, heading by heading."""
    if _deletes_without_heading(amendment):
        number = numbers.old(amendment.target.number)
        if base.section(number) is None:
            return [], [Mismatch(amendment.instruction, f"Section {number}", "no such section in the baseline")]
        return [SectionEdit(number, "delete")], []
    planner = _SectionPlanner(base, amendment, numbers)
    visit(amendment.blocks, planner, "apply")
    planner.flush()
    return planner.edits, planner.mismatches


def _plan_renumber(base: Document, amendment: Amendment, numbers: _Numbers) -> tuple[list[Edit], list[Mismatch]]:
    return [], _check_renumber(base, amendment, numbers)


PLANNERS: dict[str, Planner] = {
    "amend": _plan_section,
    "insert": _plan_section,
    "delete": _plan_section,
    "renumber": _plan_renumber,
}
"""What each instruction verb does to a section of the baseline (the verbs are
declared in :mod:`redline.instructions`); a table target goes to :func:`_plan_table`."""


def plan_amendment(
    base: Document, amendment: Amendment, numbers: _Numbers | None = None
) -> tuple[list[Edit], list[Mismatch]]:
    """The edits one amendment makes to ``base``, or why it does not fit."""
    planner = PLANNERS.get(amendment.verb)
    if planner is None:
        raise ValueError(f"apply: no planner for the instruction verb {amendment.verb!r}")
    numbers = numbers or _Numbers(base, Document("", "", "", ()))
    if amendment.verb == "delete":  # "Delete Section/Table X": X is the baseline's number, never renumbered
        numbers = _Numbers(base, Document("", "", "", ()))
    if amendment.target.kind == "table":
        return _plan_table(base, amendment, numbers)
    return planner(base, amendment, numbers)


def _check_renumber(base: Document, amendment: Amendment, numbers: _Numbers) -> list[Mismatch]:
    """ "Renumber Section 7.2 as Section 7.3": the sections an annex inserts and deletes
    renumber those after them; the instruction must agree with that (it states it)."""
    found = amendment.parsed
    assert found.new_number is not None
    old, new = found.target.number, found.new_number
    where = f"Section {old} → {new}"
    if base.section(old) is None:
        return [Mismatch(amendment.instruction, f"Section {old}", "no such section in the baseline")]
    if numbers.old(new) != old:
        return [
            Mismatch(
                amendment.instruction,
                where,
                "renumbering does not follow from the sections the annex inserts and deletes",
                f"{old} → {new}",
                f"{numbers.old(new)} → {new}",
            )
        ]
    return []


def _prepared(annex: Document) -> Document:
    """The annex as apply reads it: hand-typed whole-section headings read as headings."""
    amendments = tuple(_headings_typed(a) for a in annex.amendments)
    return annex if amendments == annex.amendments else replace(annex, amendments=amendments)


def plan(base: Document, annex: Document) -> Plan:
    """Every edit the annex makes to ``base``, and every amendment that does not fit it."""
    edits: list[Edit] = []
    mismatches: list[Mismatch] = []
    warnings: list[Notice] = []
    if not annex.amendments:
        warnings.append(Notice("warning", annex.source, "", "no 'Amend … as follows:' instructions: not an annex?"))
    if annex.drafted_against and base.sec_version and annex.drafted_against != base.sec_version:
        message = f"drafted against SEC Version {annex.drafted_against}; the baseline is {base.sec_version}"
        warnings.append(Notice("warning", annex.source, "", message))
    annex = _prepared(annex)
    numbers = _Numbers(base, annex)
    for unknown in annex.unknown_instructions:
        problem = "not an instruction redline knows: its content cannot be applied"
        mismatches.append(Mismatch(unknown.message, unknown.place, problem))
    for amendment in annex.amendments:
        e, m = plan_amendment(base, amendment, numbers)
        edits += e
        mismatches += m
    return Plan(tuple(edits), tuple(mismatches), tuple(warnings))


def apply(base: Document, annex: Document) -> ApplyResult:
    """The baseline with the annex's amendments carried out, then checked against the
    annex (:mod:`redline.versions.verify`): a change it shows that the result does not
    hold is a mismatch, never a silent success."""
    p = plan(base, annex)
    doc = execute(base, p.edits, source=f"{base.source} + {annex.source}")
    prepared = _prepared(annex)
    lost = unapplied(base, prepared, doc, _Numbers(base, prepared).old, (m.instruction for m in p.mismatches))
    if lost:
        p = replace(p, mismatches=p.mismatches + tuple(lost))
    return ApplyResult(doc, p)


def with_sec_version(doc: Document, version: str | None) -> Document:
    """The document stating SEC Version ``version`` on its cover (the consolidated
    draft of 6.18 and an annex is 6.19); unchanged without a version."""
    if not version or version == doc.sec_version:
        return doc
    old = doc.sec_version
    front = tuple(
        replace(b, text=b.text.replace(f"Version {old}", f"Version {version}"), runs=())
        if old and isinstance(b, Paragraph) and f"Version {old}" in b.text
        else b
        for b in doc.front
    )
    return replace(doc, sec_version=version, front=front)
