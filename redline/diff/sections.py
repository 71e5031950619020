"""Diff the text of the sections the matcher paired.

Which old section is which new one, and which paragraph is which, is
decided in :mod:`redline.diff.match`; here each pair becomes the one word a
reviewer reads first. Matched pairs in the same relative order are
*renumbered* when the number changed; pairs out of that order are *moved*.
Tables are diffed in :mod:`redline.diff.tables`.
"""

from __future__ import annotations

from collections.abc import Sequence

from redline.diff.match import (
    Pair,
    SectionAlignment,
    align_paragraphs,
    align_sections,
    in_order,
    same_title,
    section_paragraphs,
)
from redline.diff.records import ParagraphChange, SectionChange, SectionKind
from redline.diff.words import diff_words
from redline.model import Paragraph, Section


def paragraph_changes(
    old: Sequence[Paragraph], new: Sequence[Paragraph], pairs: Sequence[Pair]
) -> tuple[ParagraphChange, ...]:
    """Paragraphs and bullets added, removed and edited, in the order of the
    alignment ``pairs`` (new-document order)."""
    out: list[ParagraphChange] = []
    for i, j in pairs:
        if i is not None and j is not None:
            a, b = old[i].compared_text, new[j].compared_text  # a changed note or picture is a change
            if a != b:
                out.append(ParagraphChange("modified", a, b, i, j, new[j].list_level, diff_words(a, b),
                                           label=new[j].label))
        elif i is not None:
            out.append(ParagraphChange("removed", old[i].compared_text, None, i, None, old[i].list_level,
                                       label=old[i].label))
        elif j is not None:
            out.append(ParagraphChange("added", None, new[j].compared_text, None, j, new[j].list_level,
                                       label=new[j].label))
    return tuple(out)


def diff_paragraphs(old: Sequence[Paragraph], new: Sequence[Paragraph]) -> tuple[ParagraphChange, ...]:
    """Paragraphs and bullets added, removed and edited, in new-document order."""
    return paragraph_changes(
        old, new, align_paragraphs([p.compared_text for p in old], [p.compared_text for p in new])
    )


def _whole(section: Section, kind: SectionKind) -> SectionChange:
    paragraphs = section_paragraphs(section)
    if kind == "added":
        changes = tuple(
            ParagraphChange("added", None, p.compared_text, None, k, p.list_level, label=p.label)
            for k, p in enumerate(paragraphs)
        )
        return SectionChange(kind, section.number, None, section.number, None, section.title, paragraphs=changes)
    changes = tuple(
        ParagraphChange("removed", p.compared_text, None, k, None, p.list_level, label=p.label)
        for k, p in enumerate(paragraphs)
    )
    return SectionChange(kind, section.number, section.number, None, section.title, None, paragraphs=changes)


def section_change(old: Section, new: Section, paragraphs: Sequence[Pair], moved: bool) -> SectionChange | None:
    """What became of a paired section (None when nothing did)."""
    retitled = not same_title(old.title, new.title)
    edits = paragraph_changes(section_paragraphs(old), section_paragraphs(new), paragraphs)
    kind: SectionKind | None
    if moved:
        kind = "moved"
    elif old.number != new.number:
        kind = "renumbered"
    elif retitled:
        kind = "retitled"
    elif edits:
        kind = "modified"
    else:
        return None
    title_edits = diff_words(old.title, new.title) if retitled else ()
    return SectionChange(
        kind, new.number, old.number, new.number, old.title, new.title, title_edits, edits, retitled, bool(edits)
    )


def diff_sections(
    old: Sequence[Section], new: Sequence[Section], aligned: Sequence[SectionAlignment] | None = None
) -> tuple[SectionChange, ...]:
    """Section changes in the order of the alignment (new-document order,
    a removed section after the new section that follows its old neighbour)."""
    if aligned is None:
        aligned = align_sections(old, new)
    keep = in_order([(a.old, a.new) for a in aligned if a.old is not None and a.new is not None])
    out: list[SectionChange] = []
    for a in aligned:
        if a.old is not None and a.new is not None:
            change = section_change(old[a.old], new[a.new], a.paragraphs, (a.old, a.new) not in keep)
            if change is not None:
                out.append(change)
        elif a.old is not None:
            out.append(_whole(old[a.old], "removed"))
        elif a.new is not None:
            out.append(_whole(new[a.new], "added"))
    return tuple(out)

