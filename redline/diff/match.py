"""Every pairing decision of redline: which old section, table, row or
paragraph is which new one.

``redline diff``, the annex and ``redline log`` all read their pairs from
here, so a reviewer reading the diff, a drafter reading the annex and
anyone following a row through the versions see the same story. The result
is a full :class:`Alignment`: every section, table, row and paragraph of
both versions appears once, paired or alone, unchanged pairs included, in
the new version's order (what was removed sits where it stood).

The thresholds are the fields of :class:`MatchSettings` (checked when made,
as pdfplumber checks its ``TableSettings``); :data:`SETTINGS` holds the
defaults, and ``diff()``, ``plan_annex()`` and ``--settings FILE`` take
others. Pure: the model in, indices out.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields

from redline import kinds
from redline.model import Paragraph, Row, Section, Table, normalise
from redline.text import canonical_value, footer_key


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """How alike two things must be (word similarity, 0..1) to be one thing.

    Every field is checked when the settings are made: a share outside 0..1
    or a word count below 0 raises ``ValueError`` naming the field, so a
    mistyped settings file fails at once, not as a strange diff."""

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
    paragraph_window: int = 50
    """In a stretch that differs, an old paragraph is compared with the next this many
    new ones at most: the most alike among them is its edit. Keeps the pairing
    linear where every paragraph of a long section changed (1,000 definitions
    retyped compared each with each took minutes)."""
    table_key_overlap: float = 0.5
    """Share of row keys two tables of one kind must share to be one table."""
    row_name: float = 0.5
    """Rows with a repeated key: the same row (renamed) at this name similarity."""
    column_header: float = 0.5
    """Columns left over between paired ones, unequal in number on the two sides:
    the same column (renamed) at this header similarity."""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type in (int, "int"):
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise ValueError(f"match setting {f.name}: {value!r} is not a whole number >= 0")
            elif isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
                raise ValueError(f"match setting {f.name}: {value!r} is not a share between 0 and 1")


SETTINGS = MatchSettings()

Pair = tuple[int | None, int | None]
"""(old index, new index); None on the side a thing is missing from."""


# -- similarity and order ------------------------------------------------------


_WORD = re.compile(r"\w+")


class Bag:
    """A text's words as a multiset, made once and compared many times."""

    __slots__ = ("counts", "size")

    def __init__(self, text: str) -> None:
        counts: dict[str, int] = {}
        for w in _WORD.findall(text.casefold()):
            counts[w] = counts.get(w, 0) + 1
        self.counts = counts
        self.size = sum(counts.values())

    def similarity(self, other: Bag) -> float:
        """See :func:`similarity`."""
        if not self.size and not other.size:
            return 1.0
        a, b = (self.counts, other.counts) if len(self.counts) <= len(other.counts) else (other.counts, self.counts)
        common = sum(min(n, b.get(w, 0)) for w, n in a.items())
        return 2 * common / (self.size + other.size)


def similarity(old: str, new: str) -> float:
    """Share of words the two texts have in common (0..1), from a multiset
    overlap: word order and spacing do not count, so a paragraph whose
    clauses were swapped is still the same paragraph, and it is cheap
    enough to compare every section with every other."""
    return Bag(old).similarity(Bag(new))


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
    """The paragraphs (and bullets) of a section that hold text, notes or pictures:
    what paragraph indices count."""
    return [b for b in section.blocks if isinstance(b, Paragraph) and b.compared_text]


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
        self.old_bag = [Bag(b) for b in self.old_body]
        self.new_bag = [Bag(b) for b in self.new_body]
        self.old_title = [_title(s) for s in old]
        self.new_title = [_title(s) for s in new]
        self.old_long = [len(b.split()) >= settings.short_body_words for b in self.old_body]
        """Enough words to recognise the old section by its text alone."""
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
            groups.setdefault((self.new_title[j], self.new_body[j]), []).append(j)
        for i in sorted(self.old_free):
            candidates = [j for j in groups.get((self.old_title[i], self.old_body[i]), []) if j in self.new_free]
            if not candidates:
                continue
            same = [j for j in candidates if self.new[j].number == self.old[i].number]
            self.pair(i, same[0] if same else candidates[0])

    def _elsewhere_candidates(self) -> list[tuple[int, int]]:
        """The free pairs that can pass :meth:`elsewhere`'s test, without trying
        each with each: the same title (a dict), or a word count near enough for
        the text test (two texts of a and b words share at most min(a, b), so a
        similarity of t needs b between a t / (2 - t) and a (2 - t) / t).
        Every pair left out fails the test: the pairs are the full comparison's."""
        t = self.s.section_elsewhere
        by_title: dict[str, list[int]] = {}
        for j in self.new_free:
            by_title.setdefault(self.new_title[j], []).append(j)
        by_size = sorted(self.new_free, key=lambda j: self.new_bag[j].size)
        sizes = [self.new_bag[j].size for j in by_size]
        out: list[tuple[int, int]] = []
        for i in sorted(self.old_free):
            found = set(by_title.get(self.old_title[i], ()))
            if self.old_long[i]:
                a = self.old_bag[i].size
                if t <= 0:
                    found.update(by_size)
                else:
                    lo = bisect.bisect_left(sizes, a * t / (2 - t) - 1e-9)
                    hi = bisect.bisect_right(sizes, a * (2 - t) / t + 1e-9)
                    found.update(by_size[lo:hi])
            out.extend((i, j) for j in sorted(found))
        return out

    def same_number(self, *, leftover: bool) -> None:
        by_number = {self.new[j].number: j for j in sorted(self.new_free, reverse=True)}
        for i in sorted(self.old_free):
            j = by_number.get(self.old[i].number)
            if j is None or j not in self.new_free:
                continue
            sim = self.old_bag[i].similarity(self.new_bag[j])
            if leftover:
                words = max(len(self.old_body[i].split()), len(self.new_body[j].split()))
                ok = self.old[i].level == self.new[j].level and (
                    sim >= self.s.section_leftover or words < self.s.short_body_words
                )
            else:
                ok = self.old_title[i] == self.new_title[j] or (
                    sim >= self.s.section_same_number and not self._title_elsewhere(i, j)
                )
            if ok:
                self.pair(i, j)

    def _title_elsewhere(self, i: int, j: int) -> bool:
        """Old section ``i``'s title is a free new section's other than ``j`` (or ``j``'s a
        free old one's): renumbered alike-bodied sections (the Device Alert tables after
        8.1.1 is deleted) pair by title under another number, not by number and text."""
        return any(self.new_title[k] == self.old_title[i] for k in self.new_free if k != j) or any(
            self.old_title[k] == self.new_title[j] for k in self.old_free if k != i
        )

    def elsewhere(self) -> None:
        scored: list[tuple[float, int, int, int]] = []
        for i, j in self._elsewhere_candidates():
            long_enough = self.old_long[i]
            same_title = self.old_title[i] == self.new_title[j]
            sim = self.old_bag[i].similarity(self.new_bag[j])
            kept = sim >= self.s.section_elsewhere and long_enough
            if (same_title and sim >= self.s.section_elsewhere_title) or kept:
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
    is taken as rewritten in its place unless they share next to nothing.
    An old paragraph is compared with ``settings.paragraph_window`` new ones
    at most, so a long stretch costs in proportion to its length."""
    out: list[Pair] = []
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        threshold = settings.paragraph_same_slot if i2 - i1 == j2 - j1 else settings.paragraph
        new_bags = {j: Bag(new[j]) for j in range(j1, j2)}
        j_next = j1
        for i in range(i1, i2):
            best, best_sim = None, threshold
            bag = Bag(old[i])
            for j in range(j_next, min(j2, j_next + settings.paragraph_window)):
                sim = bag.similarity(new_bags[j])
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

    by_number: dict[str, list[int]] = {}  # new tables by number, in order: no scan of all per table
    for j, t in enumerate(new):
        if t.number is not None:
            by_number.setdefault(t.number, []).append(j)
    for i in sorted(old_free):
        a = old[i]
        for j in by_number.get(a.number, []) if a.number is not None else []:
            if j in new_free and a.kind == new[j].kind and same_role(a, new[j]):
                take(i, j)
                break
    for i in sorted(old_free):
        if old[i].role is None:
            continue
        same = [j for j in sorted(new_free) if new[j].kind == old[i].kind and new[j].role == old[i].role]
        if len(same) == 1:
            take(i, same[0])
    scored = []
    old_keys = {i: _keys(old[i]) for i in old_free}
    new_keys = {j: _keys(new[j]) for j in new_free}
    for i in old_free:
        for j in new_free:
            if old[i].kind != new[j].kind:
                continue
            ka, kb = old_keys[i], new_keys[j]
            overlap = len(ka & kb) / len(ka | kb) if ka | kb else 0.0
            if overlap >= settings.table_key_overlap:
                scored.append((-overlap, abs(i - j), i, j))
    for _, _, i, j in sorted(scored):
        if i in old_free and j in new_free:
            take(i, j)
    for i in sorted(old_free):
        number = old[i].number
        j_free = next((j for j in by_number.get(number, []) if j in new_free), None) if number is not None else None
        if j_free is not None:
            take(i, j_free)
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
    new_bags = {j: Bag(_row_label(new, new.rows[j])) for j in b}
    for i in left:
        bag = Bag(_row_label(old, old.rows[i]))
        for j in b:
            sim = bag.similarity(new_bags[j])
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


# -- columns -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ColumnRename:
    """A column whose header changed while its cells stayed its own
    ("CTS Test Scenario" -> "Test Scenario"): its cells are still compared."""

    old: str
    new: str
    index: int
    """0-based grid position in the new version."""
    old_index: int
    typography_only: bool = False
    """The old and new text differ in dashes, quotes, spacing or case alone
    (:mod:`redline.diff.typography`)."""


@dataclass(frozen=True, slots=True)
class ColumnPairing:
    """Which old column each new column is, and what became of the rest."""

    pairs: tuple[tuple[int, int], ...]
    """(new index, old index) for every column present in both versions."""
    renamed: tuple[ColumnRename, ...]
    added: tuple[int, ...]
    """New indices of columns the old version did not have."""
    removed: tuple[int, ...]
    """Old indices of columns the new version no longer has."""

    @property
    def mapping(self) -> dict[int, int]:
        """New column index -> old column index."""
        return dict(self.pairs)


def pair_columns(old: Sequence[str], new: Sequence[str], settings: MatchSettings = SETTINGS) -> ColumnPairing:
    """Pair the old and new headers of a table, by header, then by place.

    A drafter who edits a header ("CTS Test Scenario" -> "Test Scenario", as
    MP089 does to Table 8.1.21) has renamed a column, not removed one and
    added another: the cells under it must still be compared, and the
    footer counts of the column follow it. So: first the same header text,
    wherever it sits (a column moved keeps its cells); then, between two
    columns so paired (or the table's edges), the columns left over on each
    side: as many on each side pair in order, by place; otherwise each pairs
    with the most similar header left (``settings.column_header``). A pair
    whose headers differ is a *renamed* column; a column left over is really
    added or removed."""
    mapping: dict[int, int] = {}
    used: set[int] = set()
    for j, name in enumerate(new):
        i = next((k for k, c in enumerate(old) if c == name and k not in used), None)
        if i is not None:
            mapping[j] = i
            used.add(i)
    for new_gap, old_gap in _column_gaps(old, new, mapping):
        if len(new_gap) == len(old_gap):
            mapping.update(zip(new_gap, old_gap, strict=True))
            continue
        scored = sorted(
            (-similarity(old[i], new[j]), abs(i - j), j, i)
            for j in new_gap
            for i in old_gap
            if similarity(old[i], new[j]) >= settings.column_header
        )
        taken: set[int] = set()
        for _, _, j, i in scored:
            if j not in mapping and i not in taken:
                mapping[j] = i
                taken.add(i)
    pairs = tuple(sorted(mapping.items()))
    renamed = tuple(ColumnRename(old[i], new[j], j, i) for j, i in pairs if old[i] != new[j])
    paired_old = set(mapping.values())
    return ColumnPairing(
        pairs=pairs,
        renamed=renamed,
        added=tuple(j for j in range(len(new)) if j not in mapping),
        removed=tuple(i for i in range(len(old)) if i not in paired_old),
    )


def _column_gaps(
    old: Sequence[str], new: Sequence[str], mapping: dict[int, int]
) -> list[tuple[list[int], list[int]]]:
    """The unpaired columns between consecutive paired ones, on both sides."""
    anchors = [(-1, -1), *sorted(mapping.items()), (len(new), len(old))]
    paired = set(mapping.values())
    free_old = [i for i in range(len(old)) if i not in paired]
    out: list[tuple[list[int], list[int]]] = []
    for (j0, i0), (j1, i1) in itertools.pairwise(anchors):
        new_gap = list(range(j0 + 1, j1))
        old_gap = [i for i in free_old if i0 < i < i1]
        if new_gap and old_gap:
            out.append((new_gap, old_gap))
    return out


def column_map(old: Table, new: Table, settings: MatchSettings = SETTINGS) -> dict[int, int]:
    """New column index → old column index of the same column (:func:`pair_columns`)."""
    if old.columns == new.columns:
        return {j: j for j in range(len(new.columns))}
    return pair_columns(old.columns, new.columns, settings).mapping


# -- footer rows and titles ----------------------------------------------------


def same_footer_row(old_label: str, new_label: str) -> bool:
    """Two footer labels name one row ("Count of Mandatory SMETS 2" as Word
    wrapped it, or as a PDF spaced it): their footer keys agree."""
    return footer_key(old_label) == footer_key(new_label)


def pair_footer(old: Table, new: Table) -> tuple[tuple[int, int], ...]:
    """(old index, new index) of the footer rows that are one row in both
    tables, by :func:`same_footer_row`, each row used once, in new order."""
    free: dict[str, list[int]] = {}
    for i, f in enumerate(old.footer):
        free.setdefault(footer_key(f.label), []).append(i)
    out: list[tuple[int, int]] = []
    for j, f in enumerate(new.footer):
        left = free.get(footer_key(f.label))
        if left:
            out.append((left.pop(0), j))
    return tuple(out)


def same_title(old: str, new: str) -> bool:
    """A section's or table's title kept (spacing aside): otherwise it is *retitled*."""
    return normalise(old) == normalise(new)


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
    columns: tuple[tuple[int, int], ...] = ()
    """(new column, old column) of the columns both have (:func:`pair_columns`)."""
    footer: tuple[tuple[int, int], ...] = ()
    """(old index, new index) of the footer rows both have (:func:`pair_footer`)."""

    @property
    def column_map(self) -> dict[int, int]:
        """New column index → old column index."""
        return dict(self.columns)


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
        a = [p.compared_text for p in section_paragraphs(old[i])] if i is not None else []
        b = [p.compared_text for p in section_paragraphs(new[j])] if j is not None else []
        out.append(SectionAlignment(i, j, tuple(align_paragraphs(a, b, settings))))
    return tuple(out)


def align_tables(
    old: Sequence[Table], new: Sequence[Table], settings: MatchSettings = SETTINGS
) -> tuple[TableAlignment, ...]:
    """Every table once (see :func:`pair_tables`), paired ones with their rows paired."""
    out = []
    for i, j in pair_tables(old, new, settings):
        out.append(align_table(old[i], new[j], settings, i, j) if i is not None and j is not None
                   else TableAlignment(i, j))
    return tuple(out)


def align_table(
    old: Table, new: Table, settings: MatchSettings = SETTINGS, old_index: int | None = 0, new_index: int | None = 0
) -> TableAlignment:
    """One pair of tables: its rows, columns and footer rows paired."""
    columns = tuple(sorted(column_map(old, new, settings).items()))
    return TableAlignment(old_index, new_index, tuple(pair_rows(old, new, settings)), columns, pair_footer(old, new))


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
