"""The language of an annex: its instructions and its placeholders, in one place.

Drafters type instructions in many ways ("Amend Section 5.4 as follows:",
"1. AMEND SECTIONS 1.1 TO 1.2", "Insert new Section 7.2 after Section 7.1:",
"Delete Section 6.3 in its entirety.", "Renumber Section 7.2 as Section
7.3"); :func:`parse_instruction` reads all of them, ignoring case, spacing,
list numbering and trailing punctuation. A line that *looks* like an
instruction (a drafting verb and "Section/Table N") but is none of these is
:func:`instruction_like`: the reader reports it with its place, and ``apply``
refuses the annex, rather than read it as amended text.

Placeholders ("[Text of this Section is unchanged]", "[…]", "…", "[Not
used]") stand for baseline text the annex does not repeat: never old text to
find, never new text to write (:func:`is_placeholder`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, TypeAlias

from redline import numbering
from redline.model import Mark, Target, normalise

Verb: TypeAlias = Literal["amend", "insert", "delete", "renumber"]

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
    r"(?:\s+(?:of|in)\s+(?:appendix|annex|the|this|schedule)\b[^:;]{0,60}?)?"
    rf"(?:\s+(?:as|to)\s+(?:{_KIND}\s+)?{_NUM})?"
    rf"(?:\s*,?\s+(after|before)\s+(?:{_KIND}\s+)?{_NUM})?"
    r"(?:\s*,?\s+in\s+(?:its|their)\s+entirety)?"
    r"(?:\s*,?\s+(?:as\s+follows|with\s+the\s+following|to\s+read))?"
    r"\s*[:.;]?\s*$",
    re.IGNORECASE,
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
class Instruction:
    """One instruction as read: what to do to which section or table."""

    verb: Verb
    target: Target
    last: str | None = None
    """"Amend Sections 1.1 to 1.2": the last section of the range ("1.2")."""
    new_number: str | None = None
    """"Renumber Section 7.2 as Section 7.3": "7.3"."""
    after: str | None = None
    """"Insert Section 7.2 after Section 7.1": "7.1" (a "before" gives None)."""
    content: Mark | None = None
    """What happens to all the content under an amend that says so ("by inserting the following
    new definitions": "insert"; "Delete the following definition from": "delete"); None when
    the content's own marks say it."""

    def covers(self, number: str) -> bool:
        """Whether a section numbered ``number`` is within the instruction's scope:
        the target, its subsections, or any section of a range."""
        first = self.target.number
        if numbering.within(number, first):
            return True
        if self.last is None:
            return False
        key = numbering.sort_key(number)
        return numbering.sort_key(first) <= key and (
            key <= numbering.sort_key(self.last) or numbering.within(number, self.last))


def parse_instruction(text: str) -> Instruction | None:
    """The instruction a line gives, or None when it is not one."""
    line = normalise(text).replace("’", "'")
    m = _INSTRUCTION.match(line)
    if not m:
        d = _DEFINITIONS.match(line)
        if d is None:
            return None
        amend_number, gerund, verb_word, number = d.group(1), d.group(2), d.group(3), d.group(4)
        word = (gerund or verb_word).casefold()
        content: Mark = "insert" if word.startswith("insert") else "delete"
        return Instruction("amend", Target("section", amend_number or number), content=content)
    verb_word, kind, number, _, last, new_kind, new_number, where, _, anchor = m.groups()
    del new_kind
    verb: Verb = "amend" if verb_word.casefold() == "replace" else verb_word.casefold()  # type: ignore[assignment]
    target = Target("table" if kind.casefold().startswith("table") else "section", number)
    if verb == "renumber" and new_number is None:
        return None
    if verb != "renumber" and new_number is not None:
        return None  # "Amend Section 1 to 2 as Section 3": not a form drafters use
    after = anchor if where and where.casefold() == "after" else None
    return Instruction(verb, target, last=last, new_number=new_number, after=after)


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
