"""Align the sections of two versions and diff the text inside each pair.

A section is matched by number *and* content, so that a new 5.3 pushing the
old 5.3 to 5.4 reads as one section added and one renumbered, not as a
chain of rewritten sections. The steps, most certain first:

1. identical title and text (wherever they sit);
2. same number, and the same title or mostly the same text;
3. the same title with mostly the same text, or nearly the same text,
   under another number (renumbered or moved);
4. same number and level, left over on both sides: the same section with
   its title and text rewritten (retitled / modified).

Matched pairs in the same relative order are *renumbered* when the number
changed; pairs out of that order are *moved*. Tables are diffed in
:mod:`redline.diff.tables`; here they only help recognise a section.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from redline.diff.records import ParagraphChange, SectionChange, SectionKind
from redline.diff.words import diff_words, similarity
from redline.model import Paragraph, Section, Table, normalise

SAME_NUMBER_SIMILARITY = 0.5
ELSEWHERE_TITLE_SIMILARITY = 0.5
ELSEWHERE_SIMILARITY = 0.8
LEFTOVER_SIMILARITY = 0.3
PARAGRAPH_SIMILARITY = 0.4
SAME_SLOT_SIMILARITY = 0.15
SHORT_BODY_WORDS = 5


@dataclass(frozen=True, slots=True)
class SectionPair:
    """Index of a section in the old and in the new version."""

    old: int
    new: int


def _paragraphs(section: Section) -> list[Paragraph]:
    return [b for b in section.blocks if isinstance(b, Paragraph) and b.text]


def body_text(section: Section) -> str:
    """The section's text as used to recognise it: paragraphs, and the keys
    and names of its table rows."""
    parts = [p.text for p in _paragraphs(section)]
    for b in section.blocks:
        if isinstance(b, Table):
            parts.extend(f"{r.key} {r.name}" for r in b.rows)
    return "\n".join(parts)


def _title(section: Section) -> str:
    return normalise(section.title).casefold()


class _Aligner:
    def __init__(self, old: Sequence[Section], new: Sequence[Section]) -> None:
        self.old = old
        self.new = new
        self.old_body = [body_text(s) for s in old]
        self.new_body = [body_text(s) for s in new]
        self.old_free = set(range(len(old)))
        self.new_free = set(range(len(new)))
        self.pairs: list[SectionPair] = []

    def pair(self, i: int, j: int) -> None:
        self.old_free.discard(i)
        self.new_free.discard(j)
        self.pairs.append(SectionPair(i, j))

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
                short = max(len(self.old_body[i].split()), len(self.new_body[j].split())) < SHORT_BODY_WORDS
                ok = self.old[i].level == self.new[j].level and (sim >= LEFTOVER_SIMILARITY or short)
            else:
                ok = _title(self.old[i]) == _title(self.new[j]) or sim >= SAME_NUMBER_SIMILARITY
            if ok:
                self.pair(i, j)

    def elsewhere(self) -> None:
        scored: list[tuple[float, int, int, int]] = []
        for i in sorted(self.old_free):
            for j in sorted(self.new_free):
                same_title = _title(self.old[i]) == _title(self.new[j])
                sim = similarity(self.old_body[i], self.new_body[j])
                if (same_title and sim >= ELSEWHERE_TITLE_SIMILARITY) or (
                    sim >= ELSEWHERE_SIMILARITY and len(self.old_body[i].split()) >= SHORT_BODY_WORDS
                ):
                    scored.append((-(sim + (1.0 if same_title else 0.0)), abs(i - j), i, j))
        for _, _, i, j in sorted(scored):
            if i in self.old_free and j in self.new_free:
                self.pair(i, j)


def align_sections(old: Sequence[Section], new: Sequence[Section]) -> list[SectionPair]:
    """Pairs of matching sections, sorted by their place in the new version."""
    a = _Aligner(old, new)
    a.identical()
    a.same_number(leftover=False)
    a.elsewhere()
    a.same_number(leftover=True)
    return sorted(a.pairs, key=lambda p: p.new)


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


def diff_paragraphs(old: Sequence[Paragraph], new: Sequence[Paragraph]) -> tuple[ParagraphChange, ...]:
    """Paragraphs and bullets added, removed and edited, in new-document order."""
    a = [p.text for p in old]
    b = [p.text for p in new]
    out: list[ParagraphChange] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        out.extend(_pair_block(old, new, range(i1, i2), range(j1, j2)))
    return tuple(out)


def _pair_block(
    old: Sequence[Paragraph], new: Sequence[Paragraph], olds: range, news: range
) -> list[ParagraphChange]:
    out: list[ParagraphChange] = []
    j_next = news.start
    # As many paragraphs in as out: each one rewritten in its place, unless
    # they share next to nothing.
    threshold = SAME_SLOT_SIMILARITY if len(olds) == len(news) else PARAGRAPH_SIMILARITY
    for i in olds:
        best, best_sim = None, threshold
        for j in range(j_next, news.stop):
            sim = similarity(old[i].text, new[j].text)
            if sim >= best_sim and (best is None or sim > best_sim):
                best, best_sim = j, sim
        if best is None:
            out.append(ParagraphChange("removed", old[i].text, None, i, None, old[i].list_level))
            continue
        for j in range(j_next, best):
            out.append(ParagraphChange("added", None, new[j].text, None, j, new[j].list_level))
        p, q = old[i], new[best]
        out.append(ParagraphChange("modified", p.text, q.text, i, best, q.list_level, diff_words(p.text, q.text)))
        j_next = best + 1
    for j in range(j_next, news.stop):
        out.append(ParagraphChange("added", None, new[j].text, None, j, new[j].list_level))
    return out


def _whole(section: Section, kind: SectionKind) -> SectionChange:
    paragraphs = _paragraphs(section)
    if kind == "added":
        changes = tuple(ParagraphChange("added", None, p.text, None, k, p.list_level) for k, p in enumerate(paragraphs))
        return SectionChange(kind, section.number, None, section.number, None, section.title, paragraphs=changes)
    changes = tuple(ParagraphChange("removed", p.text, None, k, None, p.list_level) for k, p in enumerate(paragraphs))
    return SectionChange(kind, section.number, section.number, None, section.title, None, paragraphs=changes)


def diff_sections(old: Sequence[Section], new: Sequence[Section]) -> tuple[SectionChange, ...]:
    """Section changes in the order of the new version; removed sections
    are placed after the new section that follows their old neighbour."""
    pairs = align_sections(old, new)
    keep = in_order([(p.old, p.new) for p in pairs])
    matched_old = {p.old for p in pairs}
    changes: list[tuple[float, SectionChange]] = []
    new_of_old = {p.old: p.new for p in pairs}
    for p in pairs:
        o, n = old[p.old], new[p.new]
        retitled = normalise(o.title) != normalise(n.title)
        paragraphs = diff_paragraphs(_paragraphs(o), _paragraphs(n))
        kind: SectionKind | None
        if (p.old, p.new) not in keep:
            kind = "moved"
        elif o.number != n.number:
            kind = "renumbered"
        elif retitled:
            kind = "retitled"
        elif paragraphs:
            kind = "modified"
        else:
            kind = None
        if kind is None:
            continue
        title_edits = diff_words(o.title, n.title) if retitled else ()
        record = SectionChange(
            kind, n.number, o.number, n.number, o.title, n.title, title_edits, paragraphs, retitled, bool(paragraphs)
        )
        changes.append((float(p.new), record))
    for i, s in enumerate(old):
        if i in matched_old:
            continue
        before = [new_of_old[k] for k in range(i) if k in new_of_old]
        place = (max(before) if before else -1) + 0.5
        changes.append((place, _whole(s, "removed")))
    matched_new = {p.new for p in pairs}
    changes.extend((float(j), _whole(s, "added")) for j, s in enumerate(new) if j not in matched_new)
    return tuple(c for _, c in sorted(changes, key=lambda x: x[0]))


def number_map(old: Sequence[Section], new: Sequence[Section]) -> dict[str, str]:
    """Old section number → the number the same section has now."""
    return {old[p.old].number: new[p.new].number for p in align_sections(old, new)}
