"""Word-level diff of two texts with diff-match-patch.

diff-match-patch diffs characters; on prose that scatters an inserted phrase
into letters shared with its neighbours. So each word (and each run of
spaces, each punctuation mark) is first mapped to one private character,
the short strings are diffed and cleaned up semantically, and the result is
mapped back: "November 2019 SEC Release" inserted into a sentence comes out
as one insert.

An insertion that repeats its neighbours' words can sit in several places
("…Device and{+ a SMETS2+ Device. Those … in respect of+} a SMETS2+ Device."
gives the same texts as "…Device.{+ Those … a SMETS2+ Device.+}"). After the
semantic cleanup each such edit is slid, a word at a time, to the place a
reader expects: after a sentence end, else at a line break or a space
(diff-match-patch's diff_cleanupSemanticLossless, but on word symbols, so
it never splits a word). This is the one word diff of redline: ``redline
diff`` and the annex (:mod:`redline.annex.wordruns`) both use it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from diff_match_patch import diff_match_patch

from redline.diff.records import EditOp, WordEdit

_TOKEN = re.compile(r"\s+|\d+(?:\.\d+)+|\w+|[^\w\s]")
_FIRST = 0x100
_SURROGATES = range(0xD800, 0xE000)
_OPS: dict[int, EditOp] = {-1: "delete", 0: "equal", 1: "insert"}


def tokens(text: str) -> list[str]:
    """Words, whitespace runs and single punctuation marks, in order; joined
    they give ``text`` back. Dotted numbers ("2.0", "8.1.10") stay whole, so
    "UEPT)." → "UEPT); and" strikes only the full stop and "6.18" → "6.19"
    is one number replaced."""
    return _TOKEN.findall(text)


def _symbol(n: int) -> str:
    code = _FIRST + n
    if code >= _SURROGATES.start:
        code += len(_SURROGATES)
    return chr(code)


def _encode(parts: list[str], table: dict[str, str], back: list[str]) -> str:
    out = []
    for p in parts:
        s = table.get(p)
        if s is None:
            s = _symbol(len(back))
            table[p] = s
            back.append(p)
        out.append(s)
    return "".join(out)


def _engine() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # deterministic: never cut a diff short on a slow machine
    return dmp


def diff_words(old: str, new: str) -> tuple[WordEdit, ...]:
    """Word-level edits from ``old`` to ``new``, adjacent steps of one kind merged."""
    if old == new:
        return (WordEdit("equal", old),) if old else ()
    table: dict[str, str] = {}
    back: list[str] = []
    a = _encode(tokens(old), table, back)
    b = _encode(tokens(new), table, back)
    dmp = _engine()
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    index = {s: i for i, s in enumerate(table.values())}
    _shift_to_boundaries(diffs, lambda symbol: back[index[symbol]])
    edits: list[WordEdit] = []
    for op, chunk in diffs:
        text = "".join(back[index[ch]] for ch in chunk)
        if not text:
            continue
        kind = _OPS[op]
        if edits and edits[-1].op == kind:
            edits[-1] = WordEdit(kind, edits[-1].text + text)
        else:
            edits.append(WordEdit(kind, text))
    return tuple(edits)


_BLANK_LINE = re.compile(r"\n\r?\n")


def _boundary_score(left: str, right: str) -> int:
    """How good a place for an edit to start or end the boundary between the
    token ``left`` and the token ``right`` is ("" at either end of the text):
    diff-match-patch's semantic score, higher is better."""
    if not left or not right:
        return 6
    a, b = left[-1], right[0]
    space_a, space_b = a.isspace(), b.isspace()
    if (space_a and _BLANK_LINE.search(left)) or (space_b and _BLANK_LINE.search(right)):
        return 5
    if a in "\r\n" or b in "\r\n":
        return 4
    if not a.isalnum() and not space_a and space_b:
        return 3  # after the end of a sentence (or a clause)
    if space_a or space_b:
        return 2
    if not a.isalnum() or not b.isalnum():
        return 1
    return 0


def _shift_to_boundaries(diffs: list[tuple[int, str]], token: Callable[[str], str]) -> None:
    """Slide each single insert or delete between two equalities, one word
    symbol at a time, to where its two ends score best (the later place on a
    tie); in place. ``token`` turns a symbol back into its text."""

    def score(one: str, edit: str, two: str) -> int:
        first = _boundary_score(token(one[-1]) if one else "", token(edit[0]))
        last = _boundary_score(token(edit[-1]), token(two[0]) if two else "")
        return first + last

    pointer = 1
    while pointer < len(diffs) - 1:
        if diffs[pointer - 1][0] != 0 or diffs[pointer + 1][0] != 0 or diffs[pointer][0] == 0:
            pointer += 1
            continue
        one, edit, two = diffs[pointer - 1][1], diffs[pointer][1], diffs[pointer + 1][1]
        common = _common_suffix(one, edit)
        if common:  # slide fully left first
            tail = edit[-common:]
            one, edit, two = one[:-common], tail + edit[:-common], tail + two
        best = (one, edit, two)
        best_score = score(one, edit, two)
        while edit and two and edit[0] == two[0]:
            one, edit, two = one + edit[0], edit[1:] + two[0], two[1:]
            now = score(one, edit, two)
            if now >= best_score:
                best, best_score = (one, edit, two), now
        if diffs[pointer - 1][1] != best[0]:
            diffs[pointer] = (diffs[pointer][0], best[1])
            if best[2]:
                diffs[pointer + 1] = (0, best[2])
            else:
                del diffs[pointer + 1]
            if best[0]:
                diffs[pointer - 1] = (0, best[0])
            else:
                del diffs[pointer - 1]
                pointer -= 1
        pointer += 1


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def changed(edits: tuple[WordEdit, ...]) -> tuple[WordEdit, ...]:
    """Only the inserts and deletes that hold more than whitespace."""
    return tuple(e for e in edits if e.op != "equal" and e.text.strip())


def old_side(edits: tuple[WordEdit, ...]) -> str:
    return "".join(e.text for e in edits if e.op != "insert")


def new_side(edits: tuple[WordEdit, ...]) -> str:
    return "".join(e.text for e in edits if e.op != "delete")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def brief(edits: tuple[WordEdit, ...], context: int = 3, width: int = 80) -> str:
    """The stretch that differs, old and new, with ``context`` unchanged
    words either side, on one line: "…of R2.0 Functionality [ -> or the
    November 2019 SEC Release], and Eligibility…". For reports that name an
    edit in passing (``log``, ``conflicts``); spaces stand where the text has them."""
    steps = [k for k, e in enumerate(edits) if e.op != "equal"]
    if not steps:
        return ""
    first, last = steps[0], steps[-1]
    before, after = old_side(edits[:first]), old_side(edits[last + 1 :])
    middle = edits[first : last + 1]
    gone, came = old_side(middle), new_side(middle)
    lead_words, tail_words = before.split(), after.split()
    lead = ("…" if len(lead_words) > context else "") + " ".join(lead_words[-context:] if context else [])
    tail = " ".join(tail_words[:context]) + ("…" if len(tail_words) > context else "")
    space_before = before[-1:].isspace() or gone[:1].isspace() or came[:1].isspace()
    space_after = after[:1].isspace() or gone[-1:].isspace() or came[-1:].isspace()
    shown = f"[{_clip(' '.join(gone.split()), width)} -> {_clip(' '.join(came.split()), width)}]"
    left = lead + (" " if lead and space_before else "")
    return (left + shown + (" " if tail and space_after else "") + tail).strip()
