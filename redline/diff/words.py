"""Word-level diff of two texts with diff-match-patch.

diff-match-patch diffs characters; on prose that scatters an inserted phrase
into letters shared with its neighbours. So each word (and each run of
spaces, each punctuation mark) is first mapped to one private character,
the short strings are diffed and cleaned up semantically, and the result is
mapped back: "November 2019 SEC Release" inserted into a sentence comes out
as one insert.
"""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

from redline.diff.records import EditOp, WordEdit

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
_FIRST = 0x100
_SURROGATES = range(0xD800, 0xE000)
_OPS: dict[int, EditOp] = {-1: "delete", 0: "equal", 1: "insert"}


def tokens(text: str) -> list[str]:
    """Words, whitespace runs and single punctuation marks, in order; joined
    they give ``text`` back."""
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


def changed(edits: tuple[WordEdit, ...]) -> tuple[WordEdit, ...]:
    """Only the inserts and deletes that hold more than whitespace."""
    return tuple(e for e in edits if e.op != "equal" and e.text.strip())


def old_side(edits: tuple[WordEdit, ...]) -> str:
    return "".join(e.text for e in edits if e.op != "insert")


def new_side(edits: tuple[WordEdit, ...]) -> str:
    return "".join(e.text for e in edits if e.op != "delete")


def similarity(old: str, new: str) -> float:
    """Share of words the two texts have in common (0..1), from a multiset
    overlap: cheap enough to compare every section with every other."""
    a = _bag(old)
    b = _bag(new)
    if not a and not b:
        return 1.0
    common = sum(min(n, b.get(w, 0)) for w, n in a.items())
    return 2 * common / (sum(a.values()) + sum(b.values()))


def _bag(text: str) -> dict[str, int]:
    bag: dict[str, int] = {}
    for w in re.findall(r"\w+", text.casefold()):
        bag[w] = bag.get(w, 0) + 1
    return bag
