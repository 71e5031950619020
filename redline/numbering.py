"""The numbers of SEC documents, in one grammar.

Every stage that meets a number asks here: the readers (a typed heading
number, a clause number Word's list gave a paragraph, a sub-paragraph's
label), :mod:`redline.structure`, the instruction grammar, apply and the
cross-reference check. So "H14.2A" is one kind of thing everywhere.

The forms, as the SEC prints them:

* **section numbers**: Appendix R's "5", "5.4", "8.1.10"; the main body's
  letter-prefixed "A1", "A1.1", "H14", "H14.25", "X5.1"; and a clause
  inserted without renumbering, "H14.2A", "H14.2B" (a capital suffix after
  the last part, never on a bare top-level number, so "5UEPT Procedure" run
  together is still section 5);
* **sub-paragraph labels** as Word renders its list levels: "(a)", "(b)"
  (lowerLetter), "(i)", "(ii)" (lowerRoman), "(3)", "1.", "a.";
* **references**: "Section H14.12(b)" is section H14.12, sub-paragraph (b).

A number is a *clause* (an addressable unit even without a heading style)
when it carries a Section letter and at least one dot: "H14.5", "A1.1". A
bare decimal "1.1" on a numbered paragraph is an ordinary list label in
Appendix R and stays one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from redline.model import number_key, within

__all__ = ["LIST_LABEL", "NUMBER", "PRINTED_HEADING", "SUB_LABEL", "TABLE_CAPTION", "TOP_RUN_IN", "clause_run_in",
           "document_key", "document_name", "is_clause", "is_list_label", "is_number", "label_kind", "level", "parent",
           "part_heading", "part_title", "sort_key", "typed_clause", "typed_label", "typed_number", "within"]

NUMBER = r"(?:[A-Z](?=\d))?\d{1,3}(?:(?:\.\d{1,3})+(?:[A-Z]{1,2}(?![A-Za-z]))?)?"
"""A section or clause number (no groups, for use inside other patterns): "8.1.10", "H14.2A", "A1"."""

SUB_LABEL = r"\((?:[a-z]{1,3}|[ivxlc]{1,6}|\d{1,2})\)"
"""A sub-paragraph label inside a reference: "(b)", "(ii)", "(3)"."""

LIST_LABEL = re.compile(r"^(?:\(?(?:[a-z]{1,3}|[ivxlc]{1,6})\)|\(\d{1,2}\)|\d{1,2}[.)]|[a-z]\.)$")
"""A label Word's list numbering prints before a sub-paragraph: "(a)", "ii)", "(3)", "1.", "a."."""

_NUMBER_ONLY = re.compile(rf"^{NUMBER}$")
_CLAUSE = re.compile(r"^[A-Z]\d{1,3}(?:\.\d{1,3})+(?:[A-Z]{1,2})?$")
_TYPED_SECTION = re.compile(r"^\s*(\d{1,2}(?:\.\d+)+|\d{1,2}|[A-Z]\d{1,3}(?:\.\d{1,3})*(?:[A-Z]{1,2}(?![A-Za-z]))?)"
                            r"\.?(?:[\s\u00a0]+|$)")
_TYPED_CLAUSE = re.compile(r"^\s*([A-Z]\d{1,3}(?:\.\d{1,3})+(?:[A-Z]{1,2})?)(?:\t|[\s\u00a0]+)(?=\S)")
_TYPED_LABEL = re.compile(r"^\s*(\((?:[a-z]{1,3}|[ivxlc]{1,6}|\d{1,2})\))(?:\t|[ \u00a0]+)(?=\S)")
_CLAUSE_RUN_IN = re.compile(r"^([A-Z]\d{1,3}(?:\.\d{1,3})+(?:[A-Z]{1,2})?)(?=[\[(‘'\"]?[A-Z][a-z])")


_DOCUMENT = re.compile(
    r"^(?:(?:MP|DP|SECMP)\d{2,4}[A-Z]?\s+[‘'\"“]?)?(?:changes\s+to\s+(?:the\s+)?)?(section|appendix|schedule)\s+([A-Z]{1,2}|\d{1,2})(?![\w])"
    r"\s*(?:[–—:\-]\s*)?(?:[‘'\"“]([^’'\"”]+)[’'\"”]|([^‘'\"“]*?))\s*$",
    re.IGNORECASE,
)
_PART = re.compile(
    r"^(section|appendix|schedule)\s+([A-Z]{1,2}|\d{1,2})\s*[–—:\-]?\s*[‘'\"“]([^’'\"”]{2,100})[’'\"”]\s*$",
    re.IGNORECASE,
)
_DOCUMENT_ORDER = {"section": 0, "appendix": 1, "schedule": 2}


def document_name(text: str) -> tuple[str, str] | None:
    """The SEC document a title names, and its title: "Section H – DCC Services" and "Changes
    to Section H – DCC Services" give ("Section H", "DCC Services"); "Appendix R 'Common
    Testing Scenarios Document'" gives ("Appendix R", "Common Testing Scenarios Document"), as
    does an annex's title line "MP089 'Changes to Appendix R 'Common Testing Scenarios Document'"."""
    m = _DOCUMENT.match(text.strip())
    if not m:
        return None
    kind, letter = m.group(1).capitalize(), m.group(2).upper()
    return f"{kind} {letter}", (m.group(3) or m.group(4) or "").strip()


def requested_document(cover: str | None, requested: str) -> tuple[str, str]:
    """The document ``--document`` names (``requested``: "Section H"), with its title, for a
    file whose cover names ``cover`` (None: none). ValueError where the name is not one the
    SEC uses, or the cover names another document (storing Section H as Section A would
    quietly file it under the wrong document)."""
    found = document_name(requested)
    if found is None:
        raise ValueError(f"--document {requested!r}: name it as the SEC does: 'Section H', 'Appendix R'")
    if cover and cover != found[0]:
        raise ValueError(f"its cover names {cover}, not {found[0]} (--document {requested!r})")
    return found


def part_heading(text: str) -> tuple[str, str] | None:
    """A part of a multi-document annex, headed as MP089 heads its one part: the document's
    name and its title in quotes ("Section A 'Definitions and Interpretation'")."""
    m = _PART.match(text.strip())
    if not m:
        return None
    return f"{m.group(1).capitalize()} {m.group(2).upper()}", m.group(3).strip()


def part_title(name: str, title: str) -> str:
    """How a part of an annex is headed: "Section H ‘DCC Services’" (:func:`part_heading` reads it)."""
    return f"{name} ‘{title}’" if title else name


def document_key(name: str) -> tuple[int, tuple[tuple[int, int | str], ...]]:
    """SEC order of documents: Sections A…X, then Appendices A…, then Schedules."""
    kind, _, rest = name.partition(" ")
    return _DOCUMENT_ORDER.get(kind.casefold(), 3), number_key(rest)


PRINTED_HEADING = re.compile(
    r"^(\d{1,2}(?:\.\d{1,3})*|[A-Z]\d{1,3}(?:\.\d{1,3})*)\.?\s+(\S.*)$|^(\d{1,2}(?:\.\d{1,3})+)([A-Z‘'\"(].*)$"
)
"""A heading line as a PDF prints it: a section number ("8.1.10", "H14"), then its title after
a gap (a tab, one space) or, for a number with a dot, straight after it: a producer that
positions the title by moving to it writes no space ("8.1.19DCC Alert Tests – IS")."""
TOP_RUN_IN = re.compile(r"^(\d{1,2})([A-Z][A-Za-z].*)$")
"""A top-level number run into its title ("5UEPT Procedure"): a heading only for the next
top-level number in sequence, as "3G Network" is no section 3 (the reader decides)."""
TABLE_CAPTION = re.compile(r"^\s*Table\s+(\d+(?:\.\d+)+)\b[\s:.\-–]*(.*)$", re.IGNORECASE)
"""A typed table caption ("Table 8.1.13: Device Alert Tests – IS"): its number and title."""


def is_number(text: str) -> bool:
    """ "8.1.10", "H14.2A", "A1": a whole section or clause number."""
    return bool(_NUMBER_ONLY.match(text))


def is_clause(number: str) -> bool:
    """A main-body clause number ("H14.5", "A1.1", "H14.2A"): a numbered paragraph with it is a unit."""
    return bool(_CLAUSE.match(number))


def is_list_label(label: str) -> bool:
    """ "(a)", "(ii)", "1.": a sub-paragraph's own number, kept as Word renders it."""
    return bool(LIST_LABEL.match(label))


def typed_number(text: str) -> tuple[str, int] | None:
    """A heading number typed at the start of ``text`` ("8.1.10 ", "8.1.10. ", "H14 ", "A1.1\\t"),
    with where the rest starts; not a year ("2019 Release") nor a word ("A Party")."""
    m = _TYPED_SECTION.match(text)
    return (m.group(1), m.end()) if m else None


def typed_clause(text: str) -> tuple[str, int] | None:
    """A clause number typed before a clause's text ("H14.2A\\tThe DCC shall …"), with where the text
    starts: a number inserted with the list numbering switched off."""
    m = _TYPED_CLAUSE.match(text)
    return (m.group(1), m.end()) if m else None


def typed_label(text: str) -> tuple[str, int] | None:
    """A sub-paragraph label typed before its text ("(b)\tthe Service Requests …"), as an annex
    or a hand-typed copy carries it, with where the text starts."""
    m = _TYPED_LABEL.match(text)
    return (m.group(1), m.end()) if m else None


def clause_run_in(word: str) -> str | None:
    """The clause number of a PDF word where it ran into its text ("H14.10Where" -> "H14.10",
    "H14.2AThe" -> "H14.2A")."""
    m = _CLAUSE_RUN_IN.match(word)
    return m.group(1) if m else None


def label_kind(label: str) -> str:
    """ "letter" for "(b)", "roman" for "(ii)" (and "(i)", "(v)", "(x)", as the SEC letters them
    after "(h)" only in a roman list), "digit" for "(3)" or "1."; what an inserted sub-paragraph
    copies its list level from."""
    core = label.strip("().")
    if core.isdigit():
        return "digit"
    if core and all(ch in "ivxlc" for ch in core) and (len(core) > 1 or core in "ivx"):
        return "roman"
    return "letter"


def level(number: str) -> int:
    """1 for "8" and "H14", 2 for "8.1" and "H14.2A", 3 for "8.1.4"."""
    return number.count(".") + 1


def parent(number: str) -> str | None:
    """ "H14.2A" -> "H14"; "8.1.4" -> "8.1"; None at the top."""
    head, dot, _ = number.rpartition(".")
    return head if dot else None


@lru_cache(maxsize=8192)
def sort_key(number: str) -> tuple[tuple[int, int | str], ...]:
    """SEC order: 8.1.9 < 8.1.10; H14.2 < H14.2A < H14.2B < H14.3 (:func:`redline.model.number_key`)."""
    return number_key(number)
