"""Did the consolidated version get what the annex says? The last step of ``apply``.

Planning turns every marked paragraph, row and figure of the annex into an edit
(or a mismatch); executing makes them. This step reads the result the way a
drafter checks a draft against the annex, independently of the edits: every
line the annex shows as it stands after the change (a heading, a paragraph, a
row, a footer row) must be in the consolidated version, in the annex's order
among the lines it shows around it, and every line it strikes whole must be gone
(one fewer of that text). What the annex marks must be there as marked (only
spacing may differ: a quote or a dash is a change); what it shows unmarked is
baseline context, compared loosely (a PDF annex spaces and hyphenates its own
way). Anything else is a :class:`Mismatch` "not carried out": ``apply`` then
refuses, rather than report success over a change it lost (issue 18: renames
that changed only quotes or dashes went missing with "0 mismatches"). Pure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from redline import instructions as grammar
from redline.model import Amendment, Cell, Document, Heading, Paragraph, Table, normalise, rejected_text
from redline.text import footer_key
from redline.versions.apply_tables import ColumnChanges, Mismatch, annex_rows, column_changes, wrapped_alike
from redline.versions.edits import loose

Same = Callable[[str, str], bool]


def as_marked(a: str, b: str) -> bool:
    """Text the annex marks: the same but for spacing inside words (a PDF's wrap)."""
    a, b = normalise(a), normalise(b)
    return a == b or wrapped_alike(a, b)


def as_context(a: str, b: str) -> bool:
    """Text the annex shows unmarked: baseline context, compared loosely."""
    return loose(a) == loose(b)


@dataclass(frozen=True, slots=True)
class _Line:
    """One line the annex shows after its changes, with how it must compare."""

    text: tuple[str, ...]
    folds: tuple[Same, ...]
    shown: str

    def matches(self, other: Sequence[str]) -> bool:
        if len(other) < len(self.text):
            return False
        return all(f(a, b) for a, b, f in zip(self.text, other, self.folds, strict=False))


def _fold(marked: bool) -> Same:
    return as_marked if marked else as_context


def _subsequence(lines: Sequence[_Line], candidates: Sequence[Sequence[str]]) -> _Line | None:
    """The first of ``lines`` not found, in order, among ``candidates`` (None: all found)."""
    at = 0
    for line in lines:
        while at < len(candidates) and not line.matches(candidates[at]):
            at += 1
        if at == len(candidates):
            return line
        at += 1
    return None


def _cells_line(cells: Sequence[Cell], width: int) -> _Line | None:
    """The row as the annex leaves it, or None for a row it strikes whole, an elided row
    ("…") or an empty one."""
    old = [c.old_text for c in cells]
    new = [c.text for c in cells]
    while len(new) > width and not new[-1] and not old[-1]:
        old.pop()
        new.pop()
    return _row_line(tuple(old), tuple(new), width)


def _row_line(old: tuple[str, ...], new: tuple[str, ...], width: int) -> _Line | None:
    if not any(new) or (grammar.is_elided_row(old) and grammar.is_elided_row(new)):
        return None
    folds = tuple(_fold(normalise(o) != normalise(n)) for o, n in zip(old, new, strict=True))
    pad = max(0, width - len(new))
    return _Line(new + ("",) * pad, folds + (as_context,) * pad, " | ".join(new))


def _table(amendment: Amendment, base: Table | None, draft: Table | None, tables: Sequence[Table]) -> list[Mismatch]:
    where = f"Table {amendment.target.number if amendment.target.kind == 'table' else tables[0].number or '?'}"
    if draft is None:
        return [Mismatch(amendment.instruction, where, "not carried out: no such table in the consolidated version")]
    width = len(draft.columns)
    lines: list[_Line] = []
    struck: Counter[tuple[str, ...]] = Counter()
    typed: Counter[tuple[str, ...]] = Counter()
    """Rows the annex types in (a row moved is struck at one place and typed at another)."""
    shown_struck: dict[tuple[str, ...], str] = {}
    cols = column_changes(tables, base) if base is not None else ColumnChanges()
    for cells in annex_rows(tables, base or draft, cols):
        cells = tuple(c for i, c in enumerate(cells) if i not in cols.deleted)  # the column is gone
        found = _cells_line(cells, width)
        old = tuple(c.old_text for c in cells)
        if found is not None:
            lines.append(found)
            if any(r.mark for c in cells for r in c.runs):
                typed[tuple(loose(c.text) for c in cells if c.text)] += 1
        elif any(old) and not grammar.is_elided_row(old):
            key = tuple(loose(t) for t in old if t)
            struck[key] += 1
            shown_struck[key] = " | ".join(old)
    out: list[Mismatch] = []
    missing = _subsequence(lines, [r.texts for r in draft.rows])
    if missing is not None:
        out.append(Mismatch(amendment.instruction, where, "not carried out: the row is not in the consolidated "
                            "version where the annex shows it", missing.shown))
    if base is not None:
        before = Counter(tuple(loose(t) for t in r.texts if t) for r in base.rows)
        after = Counter(tuple(loose(t) for t in r.texts if t) for r in draft.rows)
        for key, n in struck.items():
            if after[key] > max(0, before[key] - n) + typed[key]:
                out.append(Mismatch(amendment.instruction, where, "not carried out: a struck row is still there",
                                    shown_struck[key]))
    footers = {footer_key(f.label): f for f in draft.footer}
    for f in (f for t in tables for f in t.footer):
        there = footers.get(footer_key(f.label))
        if f.is_deleted:
            if there is not None:
                out.append(Mismatch(amendment.instruction, f"{where} footer '{f.label}'",
                                    "not carried out: the struck footer row is still there"))
        elif f.figures and (there is None or there.figures != f.figures):
            out.append(Mismatch(amendment.instruction, f"{where} footer '{f.label}'",
                                "not carried out: the footer figures are not the annex's",
                                " ".join(map(str, f.figures)),
                                " ".join(map(str, there.figures)) if there is not None else ""))
    return out


def _paragraph_line(p: Paragraph) -> _Line | None:
    if not p.text or grammar.is_placeholder(p.text):
        return None
    marked = any(r.mark for r in p.runs)
    return _Line((p.text,), (_fold(marked),), p.text)


def _heading_line(h: Heading) -> _Line | None:
    if not h.title:
        return None
    marked = any(r.mark for r in h.runs) or h.old_number is not None
    return _Line((f"{h.number} {h.title}",), (_fold(marked),), f"{h.number} {h.title}")


def _draft_lines(draft: Document, numbers: Iterable[str], scope: grammar.Instruction) -> list[tuple[str, ...]]:
    wanted = set(numbers)
    out: list[tuple[str, ...]] = []
    for s in draft.sections:
        if s.number in wanted or scope.covers(s.number) or any(s.number.startswith(n + ".") for n in wanted):
            out.append((f"{s.number} {s.title}",))
            out.extend((b.compared_text,) for b in s.blocks if isinstance(b, Paragraph))  # notes spelled out
    return out


def _section(amendment: Amendment, draft: Document) -> list[Mismatch]:
    where = f"Section {amendment.target.number}"
    lines: list[_Line] = []
    heads: list[str] = []
    deleted_heads: list[Heading] = []
    deleting = False
    for b in amendment.blocks:
        if isinstance(b, Heading):
            deleting = bool(b.runs) and not b.title and bool(normalise(rejected_text(b.runs)))
            if deleting:
                deleted_heads.append(b)
                continue
            heads.append(b.number)
            line = _heading_line(b)
            if line is not None:
                lines.append(line)
        elif isinstance(b, Paragraph) and not deleting:
            line = _paragraph_line(b)
            if line is not None:
                lines.append(line)
    out: list[Mismatch] = []
    missing = _subsequence(lines, _draft_lines(draft, heads, amendment.parsed))
    if missing is not None:
        out.append(Mismatch(amendment.instruction, where, "not carried out: this text is not in the consolidated "
                            "version where the annex puts it", missing.shown))
    for h in deleted_heads:
        title = normalise(rejected_text(h.runs))
        there = draft.section(h.number)
        if there is not None and loose(there.title) == loose(title):
            out.append(Mismatch(amendment.instruction, f"Section {h.number}",
                                "not carried out: the struck section is still there", f"{h.number} {title}"))
    return out


def _paragraph_changes(annex: Document, skip: set[str]) -> tuple[dict[str, tuple[str, str, int]], Counter[str]]:
    """The paragraphs the annex strikes or changes (loose old text: (instruction, old
    text, how many)) and the texts it types in (loose, counted)."""
    struck: dict[str, tuple[str, str, int]] = {}
    typed: Counter[str] = Counter()
    for a in annex.amendments:
        if a.instruction in skip:
            continue
        for b in a.blocks:
            if not isinstance(b, Paragraph) or not any(r.mark for r in b.runs):
                continue
            old, new = b.old_text, b.text
            if new:
                typed[loose(new)] += 1
            if old and not grammar.is_placeholder(old) and (not new or loose(new) != loose(old)):
                key = loose(old)
                n = struck[key][2] if key in struck else 0
                struck[key] = (a.instruction, old, n + 1)
    return struck, typed


def unapplied(
    base: Document, annex: Document, draft: Document, old_number: Callable[[str], str], failed: Iterable[str] = ()
) -> list[Mismatch]:
    """What the annex says that ``draft`` (``base`` with the annex's edits made) does not
    hold; ``failed``: instructions already reported, whose content was left out."""
    skip = set(failed)
    out: list[Mismatch] = []
    for a in annex.amendments:
        if a.instruction in skip or a.verb not in ("amend", "insert", "delete"):
            continue
        tables = [b for b in a.blocks if isinstance(b, Table)]
        if a.target.kind == "table":
            if a.verb == "amend" and tables:
                number = a.target.number
                out += _table(a, base.table(old_number(number)), draft.table(number), tables)
            continue
        if a.verb == "delete" and not any(isinstance(b, Heading) for b in a.blocks) and not a.new_text.strip():
            number = a.target.number
            gone, there = base.section(number), draft.section(number)
            if gone is not None and there is not None and loose(there.title) == loose(gone.title):
                out.append(Mismatch(a.instruction, f"Section {number}", "not carried out: the section is still there"))
            continue
        out += _section(a, draft)
        for t in tables:
            if t.number:
                out += _table(a, base.table(old_number(t.number)), draft.table(t.number), [t])
    # Paragraphs struck whole or changed: one fewer of the old text each (unless typed in again).
    struck, typed = _paragraph_changes(annex, skip)
    if struck:
        before = Counter(loose(b.text) for s in base.sections for b in s.blocks if isinstance(b, Paragraph))
        after = Counter(loose(b.text) for s in draft.sections for b in s.blocks if isinstance(b, Paragraph))
        for key, (instruction, old, n) in struck.items():
            if before[key] and after[key] > max(0, before[key] - n) + typed[key]:
                out.append(Mismatch(instruction, "the consolidated version",
                                    "not carried out: a struck paragraph is still there", old))
    return out
