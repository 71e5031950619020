"""Cross-references that a renumbering or a removal broke.

The new version's text is searched for "Table 8.1.10", "Section 5.4",
"clause 8", "paragraph 3.2". A reference is a problem when

* nothing in the new version has that number any more, or the reference
  is new and points at nothing (``missing``), or
* the number now holds something else, because what it named was
  renumbered or moved, and the reference was carried over from the old
  text of the same section (``stale``). A reference written fresh into the
  new text is taken to mean the new numbering.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from redline.diff.records import ReferenceProblem
from redline.model import Document, Paragraph, Section
from redline.numbering import NUMBER, SUB_LABEL

REFERENCE = re.compile(
    rf"\b(?P<word>Tables?|Sections?|[Cc]lauses?|[Pp]aragraphs?)\s+(?P<number>{NUMBER})"
    rf"(?P<sub>(?:{SUB_LABEL})*)(?![\d.]*\d)",
)
"""A reference: "Table 8.1.10", "Section 5.4", "clause 8", "Section H14.12(b)" (section
H14.12, sub-paragraph (b): the numbers as :mod:`redline.numbering` reads them)."""
_SUB = re.compile(SUB_LABEL)
CONTEXT_CHARS = 70


def find_references(text: str) -> list[re.Match[str]]:
    return list(REFERENCE.finditer(text))


def _is_table(word: str) -> bool:
    return word.casefold().startswith("table")


def _context(text: str, start: int, end: int) -> str:
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    prefix = "…" if left else ""
    suffix = "…" if right < len(text) else ""
    return prefix + text[left:right].strip() + suffix


def _texts(section: Section) -> list[str]:
    return [section.title] + [b.text for b in section.blocks if isinstance(b, Paragraph)]


def _mentions(section: Section | None) -> set[str]:
    if section is None:
        return set()
    out = set()
    for text in _texts(section):
        for m in find_references(text):
            out.add(_canonical(m))
    return out


def _canonical(m: re.Match[str]) -> str:
    word = m.group("word").casefold().rstrip("s")
    return f"{word} {m.group('number')}{m.group('sub')}"


def _labels(doc: Document) -> dict[str, set[str]]:
    """Each section's sub-paragraph labels ("(a)", "(ii)"): what "Section H14.12(b)" needs."""
    return {s.number: {b.label for b in s.blocks if isinstance(b, Paragraph) and b.label} for s in doc.sections}


def _moved_label(old: Section | None, new: Section | None, sub: str) -> str | None:
    """Where the sub-paragraph ``sub`` ("(b)") of ``old`` is labelled in ``new``, when its label
    there now names another text (the sub-paragraphs were renumbered); None when it did not move
    (or cannot be told: a nested "(b)(ii)", or its text changed too)."""
    if old is None or new is None or len(_SUB.findall(sub)) != 1:
        return None
    before = {b.label: b.text for b in old.blocks if isinstance(b, Paragraph) and b.label}
    after = {b.label: b.text for b in new.blocks if isinstance(b, Paragraph) and b.label}
    text = before.get(sub)
    if text is None or after.get(sub) == text:
        return None
    return next((label for label, t in after.items() if t == text), None)


def _has(labels: dict[str, set[str]], number: str, sub: str) -> bool:
    return not sub or all(label in labels.get(number, set()) for label in _SUB.findall(sub))


def check_references(
    old: Document,
    new: Document,
    section_map: dict[str, str],
    table_map: dict[str, str],
    section_pairs: Sequence[tuple[str, str]],
) -> tuple[ReferenceProblem, ...]:
    """Reference problems in the new text, in document order.

    ``section_map`` and ``table_map`` give, for an old number, the number
    the same section or table has now; ``section_pairs`` the (old, new)
    numbers of matched sections, to find a section's old text.
    """
    sections = {s.number for s in new.sections}
    tables = {t.number for t in new.tables() if t.number}
    old_sections = {s.number for s in old.sections}
    old_tables = {t.number for t in old.tables() if t.number}
    old_of = {n: o for o, n in section_pairs}
    labels, old_labels = _labels(new), _labels(old)
    letters = {s.number[0] for s in new.sections if s.number[:1].isalpha()}
    out: list[ReferenceProblem] = []
    for section in new.sections:
        carried = _mentions(old.section(old_of[section.number])) if section.number in old_of else set()
        for text in _texts(section):
            for m in find_references(text):
                number, sub = m.group("number"), m.group("sub")
                if number[:1].isalpha() and number[0] not in letters:
                    continue  # "Section H14.2A" read in Section A: another document's clause, not checked here
                is_table = _is_table(m.group("word"))
                exists = number in tables or number in sections if is_table else number in sections
                if sub and not is_table:  # "Section H14.12(b)": the sub-paragraph too
                    exists = exists and _has(labels, number, sub)
                mapping = table_map if is_table and number in old_tables else section_map
                was_there = number in old_tables if is_table else number in old_sections
                if sub and not is_table:
                    was_there = was_there and _has(old_labels, number, sub)
                now_at = mapping.get(number) if was_there else None
                problem = None
                if not exists and (was_there or _canonical(m) not in carried):
                    problem = "missing"  # (a reference already dangling in the old text is no change)
                elif now_at is not None and now_at != number and _canonical(m) in carried:
                    problem = "stale"
                elif was_there and now_at is None and _canonical(m) in carried:
                    problem = "stale"  # what it named was removed, and something new took the number
                elif exists and sub and not is_table and _canonical(m) in carried:
                    moved = _moved_label(old.section(old_of.get(number, number)), new.section(number), sub)
                    if moved is not None:  # "(b)" now names another sub-paragraph; what it named is "(c)"
                        problem, now_at = "stale", f"{number}{moved}"
                if problem is None:
                    continue
                out.append(
                    ReferenceProblem(
                        problem="missing" if problem == "missing" else "stale",
                        text=m.group(0),
                        target=number,
                        section=section.number,
                        context=_context(text, m.start(), m.end()),
                        suggested=now_at if now_at != number else None,
                    )
                )
    return tuple(out)
