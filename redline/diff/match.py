"""Every pairing decision of redline: which old section, table, row or
paragraph is which new one.

``redline diff``, the annex and ``redline log`` all read their pairs from
here, so a reviewer reading the diff, a drafter reading the annex and
anyone following a row through the versions see the same story. The result
is a full :class:`Alignment`: every section, table, row and paragraph of
both versions appears once, paired or alone, unchanged pairs included, in
the new version's order (what was removed sits where it stood).

The thresholds are the fields of :class:`MatchSettings`; :data:`SETTINGS`
holds the values in use. Pure: the model in, indices out.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from redline import kinds
from redline.model import Paragraph, Row, Section, Table, normalise
from redline.text import canonical_value


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """How alike two things must be (word similarity, 0..1) to be one thing."""

    section_same_number: float = 0.5
    """Same number: the same section when the title is kept or this much text is."""
    section_elsewhere_title: float = 0.5
    """Another number, same title: the same section (renumbered/moved) at this similarity."""
    section_elsewhere: float = 0.8
    """Another number and title: the same section only when nearly all text is kept."""
    section_leftover: float = 0.3
    """Left over on both sides under one number and level: the section rewritten."""
    short_body_words: int = 5
    """Fewer words than this: too little text to recognise a section by."""
    paragraph: float = 0.4
    """A paragraph edited, not one removed and another added."""
    paragraph_same_slot: float = 0.15
    """As many paragraphs in as out of a stretch: each rewritten in its place unless this unlike."""
    table_key_overlap: float = 0.5
    """Share of row keys two tables of one kind must share to be one table."""
    row_name: float = 0.5
    """Rows with a repeated key: the same row (renamed) at this name similarity."""


SETTINGS = MatchSettings()

Pair = tuple[int | None, int | None]
"""(old index, new index); None on the side a thing is missing from."""


# -- similarity and order ------------------------------------------------------


def _bag(text: str) -> dict[str, int]:
    bag: dict[str, int] = {}
    for w in re.findall(r"\w+", text.casefold()):
        bag[w] = bag.get(w, 0) + 1
    return bag


def similarity(old: str, new: str) -> float:
    """Share of words the two texts have in common (0..1), from a multiset
    overlap: word order and spacing do not count, so a paragraph whose
    clauses were swapped is still the same paragraph, and it is cheap
    enough to compare every section with every other."""
    a = _bag(old)
    b = _bag(new)
    if not a and not b:
        return 1.0
    common = sum(min(n, b.get(w, 0)) for w, n in a.items())
    return 2 * common / (sum(a.values()) + sum(b.values()))


def in_order(pairs: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """The largest set of pairs whose old and new positions rise together
    (longest increasing subsequence, O(n log n)); the others moved."""
    ordered = sorted(pairs)
    tails: list[int] = []
    tail_at: list[int] = []
    parent: list[int] = [-1] * len(ordered)
    for k, (_, n) in enumerate(ordered):
        pos = bisect.bisect_left(tails, n)
        if pos == len(tails):
            tails.append(n)
            tail_at.append(k)
        else:
            tails[pos] = n
            tail_at[pos] = k
        parent[k] = tail_at[pos - 1] if pos else -1
    keep: set[tuple[int, int]] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        keep.add(ordered[k])
        k = parent[k]
    return keep


def merged(pairs: Sequence[tuple[int, int]], old_count: int, new_count: int) -> list[Pair]:
    """Every old and new index once, in new order: the pairs that kept
    their order, and between two of them what only one side has (new first,
    then old, as a table's replaced rows read in the annex). A pair out of
    order (moved) stands as its old half where it was and its new half where
    it is."""
    keep = sorted(in_order(pairs))
    out: list[Pair] = []
    i = j = 0
    for a, b in [*keep, (old_count, new_count)]:
        out.extend((None, n) for n in range(j, b))
        out.extend((o, None) for o in range(i, a))
        if a < old_count and b < new_count:
            out.append((a, b))
        i, j = a + 1, b + 1
    return out


def placed(pairs: Sequence[tuple[int, int]], old_count: int, new_count: int) -> list[Pair]:
    """Every old and new index once: the pairs and the new-only ones in new
    order, each old-only one after the new partner of its nearest paired
    old neighbour before it (so a removed section sits where it stood)."""
    by_new: list[tuple[float, int, Pair]] = [(float(j), 0, (i, j)) for i, j in pairs]
    paired_new = {j for _, j in pairs}
    by_new += [(float(j), 0, (None, j)) for j in range(new_count) if j not in paired_new]
    new_of_old = dict(pairs)
    last = -1
    for i in range(old_count):
        if i in new_of_old:
            last = max(last, new_of_old[i])
            continue
        by_new.append((last + 0.5, i, (i, None)))
    return [p for _, _, p in sorted(by_new, key=lambda x: (x[0], x[1]))]


# -- sections ------------------------------------------------------------------


def section_paragraphs(section: Section) -> list[Paragraph]:
    """The paragraphs (and bullets) of a section that hold text: what
    paragraph indices count."""
    return [b for b in section.blocks if isinstance(b, Paragraph) and b.text]


def body_text(section: Section) -> str:
    """The section's text as used to recognise it: paragraphs, and the keys
    and names of its table rows."""
    parts = [p.text for p in section_paragraphs(section)]
    for b in section.blocks:
        if isinstance(b, Table):
            parts.extend(f"{r.key} {r.name}" for r in b.rows)
    return "\n".join(parts)


def _title(section: Section) -> str:
    return normalise(section.title).casefold()


class _SectionAligner:
    """The steps of :func:`pair_sections`, most certain first."""

    def __init__(self, old: Sequence[Section], new: Sequence[Section], settings: MatchSettings) -> None:
        self.old = old
        self.new = new
        self.s = settings
        self.old_body = [body_text(s) for s in old]
        self.new_body = [body_text(s) for s in new]
        self.old_free = set(range(len(old)))
        self.new_free = set(range(len(new)))
        self.pairs: list[tuple[int, int]] = []

    def pair(self, i: int, j: int) -> None:
        self.old_free.discard(i)
        self.new_free.discard(j)
        self.pairs.append((i, j))

    def identical(self) -> None:
        groups: dict[tuple[str, str], list[int]] = {}
        for j in sorted(self.new_free):
            groups.setdefault((_title(self.new[j]), self.new_body[j]), []).append(j)
        for i in sorted(self.old_free):
            candidates = [j for j in groups.get((_title(self.old[i]), self.old_body[i]), []) if j in self.new_free]
            if not candidates:
                continue
            same = [j for j in candidates if self.new[j].number == self.old[i].number]
            self.pair(i, same[0] if same else candidates[0])

    def same_number(self, *, leftover: bool) -> None:
        by_number = {self.new[j].number: j for j in sorted(self.new_free, reverse=True)}
        for i in sorted(self.old_free):
            j = by_number.get(self.old[i].number)
            if j is None or j not in self.new_free:
                continue
            sim = similarity(self.old_body[i], self.new_body[j])
            if leftover:
                words = max(len(self.old_body[i].split()), len(self.new_body[j].split()))
                ok = self.old[i].level == self.new[j].level and (
                    sim >= self.s.section_leftover or words < self.s.short_body_words
                )
            else:
                ok = _title(self.old[i]) == _title(self.new[j]) or sim >= self.s.section_same_number
            if ok:
                self.pair(i, j)

    def elsewhere(self) -> None:
        scored: list[tuple[float, int, int, int]] = []
        for i in sorted(self.old_free):
            for j in sorted(self.new_free):
                same_title = _title(self.old[i]) == _title(self.new[j])
                sim = similarity(self.old_body[i], self.new_body[j])
                if (same_title and sim >= self.s.section_elsewhere_title) or (
                    sim >= self.s.section_elsewhere and len(self.old_body[i].split()) >= self.s.short_body_words
                ):
                    scored.append((-(sim + (1.0 if same_title else 0.0)), abs(i - j), i, j))
        for _, _, i, j in sorted(scored):
            if i in self.old_free and j in self.new_free:
                self.pair(i, j)


def pair_sections(
    old: Sequence[Section], new: Sequence[Section], settings: MatchSettings = SETTINGS
) -> list[tuple[int, int]]:
    """(old index, new index) of the same section in both versions, in new order.

    A section is matched by number *and* content, so that a new 5.3 pushing
    the old 5.3 to 5.4 reads as one section added and one renumbered, not as
    a chain of rewritten sections. The steps, most certain first: identical
    title and text (wherever they sit); same number with the same title or
    mostly the same text; the same title with mostly the same text, or
    nearly the same text, under another number; same number and level left
    over on both sides (the same section rewritten)."""
    a = _SectionAligner(old, new, settings)
    a.identical()
    a.same_number(leftover=False)
    a.elsewhere()
    a.same_number(leftover=True)
    return sorted(a.pairs, key=lambda p: p[1])


# -- paragraphs ----------------------------------------------------------------


def align_paragraphs(old: Sequence[str], new: Sequence[str], settings: MatchSettings = SETTINGS) -> list[Pair]:
    """Every old and new paragraph once, in order: unchanged ones paired
    where they stand, and in each stretch that differs, an old paragraph
    paired in order with the most alike new one (an edit), the rest alone
    (removed or added). In a stretch with as many paragraphs in as out, each
    is taken as rewritten in its place unless they share next to nothing."""
    out: list[Pair] = []
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        threshold = settings.paragraph_same_slot if i2 - i1 == j2 - j1 else settings.paragraph
        j_next = j1
        for i in range(i1, i2):
            best, best_sim = None, threshold
            for j in range(j_next, j2):
                sim = similarity(old[i], new[j])
                if sim >= best_sim and (best is None or sim > best_sim):
                    best, best_sim = j, sim
            if best is None:
                out.append((i, None))
                continue
            out.extend((None, j) for j in range(j_next, best))
            out.append((i, best))
            j_next = best + 1
        out.extend((None, j) for j in range(j_next, j2))
    return out


# -- tables and rows -----------------------------------------------------------


def row_key(table: Table, row: Row) -> str:
    """The row's key; for a table without a key column, its first cell."""
    if row.key or table.key_column is not None:
        return row.key
    return row.cells[0].text if row.cells else ""


def _row_label(table: Table, row: Row) -> str:
    """What tells rows with one key apart: the name, or the whole row."""
    if table.name_column is not None:
        return row.name
    return " | ".join(row.texts)


def _keys(t: Table) -> set[str]:
    return {row_key(t, r) for r in t.rows}


def pair_tables(old: Sequence[Table], new: Sequence[Table], settings: MatchSettings = SETTINGS) -> list[Pair]:
    """Every old and new table once, in new order (a removed table after
    the new table that follows its old neighbour): the same table by number
    (and kind and User Role), else for a renumbered one by kind and User
    Role, else by the share of row keys, else by number alone."""
    old_free = set(range(len(old)))
    new_free = set(range(len(new)))
    pairs: list[tuple[int, int]] = []

    def take(i: int, j: int) -> None:
        old_free.discard(i)
        new_free.discard(j)
        pairs.append((i, j))

    def same_role(a: Table, b: Table) -> bool:
        return a.role is None or b.role is None or a.role == b.role

    for i in sorted(old_free):
        for j in sorted(new_free):
            a, b = old[i], new[j]
            if a.number is not None and a.number == b.number and a.kind == b.kind and same_role(a, b):
                take(i, j)
                break
    for i in sorted(old_free):
        if old[i].role is None:
            continue
        same = [j for j in sorted(new_free) if new[j].kind == old[i].kind and new[j].role == old[i].role]
        if len(same) == 1:
            take(i, same[0])
    scored = []
    for i in old_free:
        for j in new_free:
            if old[i].kind != new[j].kind:
                continue
            ka, kb = _keys(old[i]), _keys(new[j])
            overlap = len(ka & kb) / len(ka | kb) if ka | kb else 0.0
            if overlap >= settings.table_key_overlap:
                scored.append((-overlap, abs(i - j), i, j))
    for _, _, i, j in sorted(scored):
        if i in old_free and j in new_free:
            take(i, j)
    for i in sorted(old_free):
        for j in sorted(new_free):
            if old[i].number is not None and old[i].number == new[j].number:
                take(i, j)
                break
    # Unnumbered tables (a document without numbered headings) left over on
    # both sides, as many in each: the same tables in the same order.
    lone_old = [i for i in sorted(old_free) if old[i].number is None]
    lone_new = [j for j in sorted(new_free) if new[j].number is None]
    if len(lone_old) == len(lone_new):
        for i, j in zip(lone_old, lone_new, strict=True):
            if old[i].kind == new[j].kind:
                take(i, j)
    ordered: list[Pair] = sorted([*pairs, *((None, j) for j in new_free)], key=lambda p: p[1] or 0)
    for i in sorted(old_free):
        before = [k for k, p in enumerate(ordered) if p[0] is not None and p[0] < i]
        ordered.insert(before[-1] + 1 if before else 0, (i, None))
    return ordered


def pair_rows(old: Table, new: Table, settings: MatchSettings = SETTINGS) -> list[tuple[int, int]]:
    """(old index, new index) of the rows that are the same row in both,
    sorted: by key; where a key repeats (two ``8.14.3`` rows), by the same
    name first, then the most similar name, a lone pair left over on both
    sides being one row renamed."""
    olds: dict[str, list[int]] = {}
    news: dict[str, list[int]] = {}
    for i, r in enumerate(old.rows):
        olds.setdefault(row_key(old, r), []).append(i)
    for j, r in enumerate(new.rows):
        news.setdefault(row_key(new, r), []).append(j)
    pairs: list[tuple[int, int]] = []
    for key, a in olds.items():
        b = news.get(key)
        if not b:
            continue
        if len(a) == 1 and len(b) == 1:
            pairs.append((a[0], b[0]))
            continue
        pairs.extend(_pair_same_key(old, new, a, list(b), settings))
    column = kinds.spec(new.kind).renamed_by
    if column is not None:
        pairs.extend(_same_text(old, new, pairs, column))
    return sorted(pairs)


def _same_text(old: Table, new: Table, pairs: list[tuple[int, int]], column: int) -> list[tuple[int, int]]:
    """Rows left over on both sides with one text in ``column``, word for word: one row
    renamed (a definition's new term for the same meaning), not one removed and one added."""
    used_old = {i for i, _ in pairs}
    used_new = {j for _, j in pairs}

    def meaning(r: Row) -> str:
        return canonical_value(r.cells[column].text) if len(r.cells) > column else ""

    olds: dict[str, list[int]] = {}
    for i, r in enumerate(old.rows):
        if i not in used_old and meaning(r):
            olds.setdefault(meaning(r), []).append(i)
    out = []
    for j, r in enumerate(new.rows):
        found = olds.get(meaning(r)) if j not in used_new else None
        if found and len(found) == 1:
            out.append((found.pop(), j))
    return out


def _pair_same_key(
    old: Table, new: Table, a: list[int], b: list[int], settings: MatchSettings
) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    left: list[int] = []
    for i in a:
        label = _row_label(old, old.rows[i])
        exact = next((j for j in b if _row_label(new, new.rows[j]) == label), None)
        if exact is None:
            left.append(i)
        else:
            pairs.append((i, exact))
            b.remove(exact)
    if len(left) == 1 and len(b) == 1:
        return [*pairs, (left[0], b[0])]
    scored = []
    for i in left:
        for j in b:
            sim = similarity(_row_label(old, old.rows[i]), _row_label(new, new.rows[j]))
            if sim >= settings.row_name:
                scored.append((-sim, abs(i - j), i, j))
    used_i: set[int] = set()
    used_j: set[int] = set()
    for _, _, i, j in sorted(scored):
        if i not in used_i and j not in used_j:
            pairs.append((i, j))
            used_i.add(i)
            used_j.add(j)
    return pairs


# -- the alignment -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SectionAlignment:
    """One section of either version: its index in ``Document.sections`` on
    each side, and its paragraphs' alignment (indices among
    :func:`section_paragraphs`; one side only for a section added or removed)."""

    old: int | None
    new: int | None
    paragraphs: tuple[Pair, ...] = ()


@dataclass(frozen=True, slots=True)
class TableAlignment:
    """One table of either version (index in ``Document.tables()``) and, for
    a pair, its paired body rows (sorted by old index)."""

    old: int | None
    new: int | None
    rows: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Alignment:
    """Which part of the old version is which part of the new one, for all
    of both: what the diff reports on and the annex and log render."""

    sections: tuple[SectionAlignment, ...] = ()
    """Every section once, in new order, removed ones where they stood."""
    tables: tuple[TableAlignment, ...] = ()
    """Every table once, in new order, removed ones where they stood."""

    def section_pairs(self) -> list[tuple[int, int]]:
        return [(s.old, s.new) for s in self.sections if s.old is not None and s.new is not None]

    def table_of_new(self, new: int) -> TableAlignment | None:
        return next((t for t in self.tables if t.new == new), None)

    def table_of_old(self, old: int) -> TableAlignment | None:
        return next((t for t in self.tables if t.old == old), None)


def align_sections(
    old: Sequence[Section], new: Sequence[Section], settings: MatchSettings = SETTINGS
) -> tuple[SectionAlignment, ...]:
    """Every section once (see :func:`pair_sections`), paired ones with their paragraphs aligned."""
    out = []
    for i, j in placed(pair_sections(old, new, settings), len(old), len(new)):
        a = [p.text for p in section_paragraphs(old[i])] if i is not None else []
        b = [p.text for p in section_paragraphs(new[j])] if j is not None else []
        out.append(SectionAlignment(i, j, tuple(align_paragraphs(a, b, settings))))
    return tuple(out)


def align_tables(
    old: Sequence[Table], new: Sequence[Table], settings: MatchSettings = SETTINGS
) -> tuple[TableAlignment, ...]:
    """Every table once (see :func:`pair_tables`), paired ones with their rows paired."""
    out = []
    for i, j in pair_tables(old, new, settings):
        rows = tuple(pair_rows(old[i], new[j], settings)) if i is not None and j is not None else ()
        out.append(TableAlignment(i, j, rows))
    return tuple(out)


def align(
    old_sections: Sequence[Section],
    new_sections: Sequence[Section],
    old_tables: Sequence[Table],
    new_tables: Sequence[Table],
    settings: MatchSettings = SETTINGS,
) -> Alignment:
    """The full alignment of two versions' sections and tables."""
    sections = align_sections(old_sections, new_sections, settings)
    return Alignment(sections, align_tables(old_tables, new_tables, settings))
