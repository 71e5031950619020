"""The language of an annex: its instructions and its placeholders, in one place.

Drafters type instructions in many ways ("Amend Section 5.4 as follows:",
"1. AMEND SECTIONS 1.1 TO 1.2", "Insert new Section 7.2 after Section 7.1:",
"Delete Section 6.3 in its entirety.", "Renumber Section 7.2 as Section
7.3"); :func:`parse_instruction` reads all of them, ignoring case, spacing,
list numbering and trailing punctuation, into one :class:`Instruction` (data,
kept on the :class:`~redline.model.Amendment`: nothing downstream reads the
wording again). :func:`wording` writes an instruction's text from the data,
the only place redline words one. A line that *looks* like an instruction (a
drafting verb and "Section/Table N") but is none of these is
:func:`instruction_like`: the reader reports it with its place, and ``apply``
refuses the annex, rather than read it as amended text.

The grammar is two registries, so a new verb is declared here (see
docs/instructions.md): :data:`FORMS`, the ways a line is typed (a pattern and
how its match reads), and :data:`WORDINGS`, each verb's wording; what a verb
does to a baseline is its planner in :mod:`redline.versions.apply`.

Placeholders ("[Text of this Section is unchanged]", "[…]", "…", "[Not
used]") stand for baseline text the annex does not repeat: never old text to
find, never new text to write (:func:`is_placeholder`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from redline import numbering
from redline.model import Instruction, Target, normalise

__all__ = ["FORMS", "VERBS", "WORDINGS", "Form", "Instruction", "instruction_like", "is_elided_row",
           "is_placeholder", "parse_instruction", "renumbering_note", "wording"]

_NUM = rf"({numbering.NUMBER})"
_LIST_NUMBER = r"(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+)?"
"""A list label typed before the instruction: "1. ", "(a) ", "iv) "."""
_KIND = r"(sections?|tables?|clauses?|paragraphs?)"
_TITLE = r"(?:\s*(?:\([^)]*\)|[‘'\"“][^’'\"”]*[’'\"”]))?"
"""An optional title after the number: "(Purpose)", "‘Purpose’"."""
_INSTRUCTION = re.compile(
    rf"^{_LIST_NUMBER}(amend|insert|delete|renumber|replace)\s+(?:(?:a|the)\s+)?(?:new\s+)?{_KIND}\s+{_NUM}"
    rf"(?:\s*(?:to|-|–|—|and)\s*(?:{_KIND}\s+)?{_NUM})?"
    rf"{_TITLE}"
    r"(?:\s+(of|in)\s+((?:appendix|annex|the|this|schedule)\b[^:;]{0,60}?))?"
    rf"(?:\s+(?:as|to)\s+(?:{_KIND}\s+)?{_NUM})?"
    rf"(?:\s*,?\s+(after|before)\s+(?:{_KIND}\s+)?{_NUM})?"
    r"(?:\s*,?\s+in\s+(?:its|their)\s+entirety)?"
    r"(?:\s*,?\s+(?:as\s+follows|with\s+the\s+following|to\s+read))?"
    r"\s*[:.;]?\s*$",
    re.IGNORECASE,
)
_LIKE = re.compile(
    rf"^{_LIST_NUMBER}(?:amend|insert|delete|renumber|replace|substitute|add|remove|move|modify|change|update|"
    rf"revise|omit|strike)\b.{{0,80}}?\b{_KIND}\s+\d",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(
    r"^[\[(]?\s*(?:…|\.\s?\.\s?\.|\[\s*…\s*\]|not\s+used|intentionally\s+(?:left\s+)?blank|"
    r"(?:the\s+)?(?:rest\s+of\s+(?:the\s+)?|remaining\s+)?(?:text|rows?|paragraphs?|content)\s+(?:of\s+this\s+"
    r"(?:section|clause|table)\s+)?(?:is|are)\s+unchanged|(?:text\s+)?unchanged|rows?\s+omitted|omitted)"
    r"\s*[\])]?\s*[.:]?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Form:
    """One way drafters type instructions: a pattern over the normalised line (quotes
    straightened) and how its match reads (None: the line is not this form after all)."""

    pattern: re.Pattern[str]
    read: Callable[[re.Match[str]], Instruction | None]


def _target(kind: str, number: str) -> Target:
    return Target("table" if kind.casefold().startswith("table") else "section", number)


def _read_section_or_table(m: re.Match[str]) -> Instruction | None:
    verb_word, kind, number, _, last, _, document, _, new_number, where, _, anchor = m.groups()
    verb = "amend" if verb_word.casefold() == "replace" else verb_word.casefold()
    if verb == "renumber" and new_number is None:
        return None
    if verb != "renumber" and new_number is not None:
        return None  # "Amend Section 1 to 2 as Section 3": not a form drafters use
    side = where.casefold() if where else None
    return Instruction(
        verb,
        _target(kind, number),
        last=last,
        new_number=new_number,
        after=anchor if side == "after" else None,
        before=anchor if side == "before" else None,
        document=normalise(document) if document else None,
    )


_DEFINITIONS = re.compile(
    rf"^{_LIST_NUMBER}(?:amend\s+(?:section|clause|paragraph)\s+{_NUM}{_TITLE}\s+by\s+(inserting|deleting)\s+the\s+"
    r"following\s+(?:new\s+)?definitions?\b[^:]{0,80}"
    rf"|(insert|delete)\s+the\s+following\s+(?:new\s+)?definitions?\s+(?:in(?:to)?|from|to)\s+"
    rf"(?:section|clause|paragraph)\s+{_NUM}{_TITLE}[^:]{{0,80}})\s*[:.]?\s*$",
    re.IGNORECASE,
)
"""The forms drafters use for definitions: "Amend Section A1.1 by inserting the following new
definitions in the appropriate alphabetical order:", "Delete the following definition from
Section A1.1:". The rows under them are inserted (deleted) whole, typed with or without marks."""


def _read_definitions(m: re.Match[str]) -> Instruction:
    amend_number, gerund, verb_word, number = m.groups()
    word = (gerund or verb_word).casefold()
    return Instruction(
        "amend", Target("section", amend_number or number), content="insert" if word.startswith("insert") else "delete"
    )


FORMS: list[Form] = [Form(_INSTRUCTION, _read_section_or_table), Form(_DEFINITIONS, _read_definitions)]
"""Every form :func:`parse_instruction` knows, tried in order (the first that reads wins)."""


def _word_section_or_table(i: Instruction) -> str:
    kind = "Table" if i.target.kind == "table" else "Section"
    if i.content == "insert":
        return (f"Amend Section {i.target.number} by inserting the following new definitions "
                "in the appropriate alphabetical order:")
    if i.content == "delete":
        return f"Delete the following definitions from Section {i.target.number}:"
    words = [i.verb.capitalize(), f"{kind}s" if i.last else kind, i.target.number]
    if i.last:
        words += ["to", i.last]
    if i.document:
        words += ["of", i.document]
    if i.after or i.before:
        words += ["after" if i.after else "before", kind, i.after or i.before or ""]
    if i.verb == "renumber":
        return " ".join([*words, "as", kind, f"{i.new_number}."])
    return " ".join([*words, "as follows:"])


WORDINGS: dict[str, Callable[[Instruction], str]] = {
    "amend": _word_section_or_table,
    "insert": _word_section_or_table,
    "delete": _word_section_or_table,
    "renumber": _word_section_or_table,
}
"""Each verb's wording: the one place an instruction's text is written."""

VERBS = WORDINGS.keys()
"""The verbs redline knows (a view: a verb added to :data:`WORDINGS` is known)."""


def wording(instruction: Instruction) -> str:
    """The instruction's text, as redline writes it in an annex ("Amend Section 5.4
    as follows:"); :func:`parse_instruction` reads it back to the same data."""
    word = WORDINGS.get(instruction.verb)
    if word is None:
        raise ValueError(f"no wording for the instruction verb {instruction.verb!r}")
    return normalise(word(instruction))


def parse_instruction(text: str) -> Instruction | None:
    """The instruction a line gives, or None when it is not one."""
    line = normalise(text).replace("’", "'")
    for form in FORMS:
        m = form.pattern.match(line)
        found = form.read(m) if m else None
        if found is not None:
            if found.verb not in WORDINGS:
                raise ValueError(f"instruction form {form.pattern.pattern[:40]!r} read an unknown verb {found.verb!r}")
            return found
    return None


RENUMBER_NOTE = re.compile(r"^\s*\[?Renumber\b.*\baccordingly\b[.\]]*\s*$", re.IGNORECASE)
"""The drafting note after an inserted or deleted section ("Renumber existing
Sections 7.2 and 7.3 as 7.3 and 7.4 accordingly."): about the annex, not content."""


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def renumbering_note(olds: Sequence[str], news: Sequence[str]) -> str:
    """The note's wording (:data:`RENUMBER_NOTE` reads it): sections ``olds`` become ``news``."""
    word = "Section" if len(olds) == 1 else "Sections"
    return f"Renumber existing {word} {_and(olds)} as {_and(news)}, and the references to them, accordingly."


def instruction_like(text: str) -> bool:
    """A line that reads as an instruction but is not one redline knows."""
    line = normalise(text)
    return len(line) <= 200 and bool(_LIKE.match(line)) and parse_instruction(line) is None


def is_placeholder(text: str) -> bool:
    """ "[Text of this Section is unchanged]", "[…]", "…", "[Not used]": baseline text
    the annex leaves out."""
    line = normalise(text)
    return bool(line) and bool(_PLACEHOLDER.match(line))


def is_elided_row(cells: tuple[str, ...]) -> bool:
    """A table row standing for rows left out: every non-empty cell a placeholder."""
    filled = [c for c in cells if normalise(c)]
    return bool(filled) and all(is_placeholder(c) for c in filled)
