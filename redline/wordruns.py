"""Word-level redline runs between two strings, for the annex.

The annex shows a changed paragraph or cell as one run sequence: unchanged
words plain, removed words marked "delete", added words marked "insert", a
deletion always before the insertion that replaces it (the way drafters
write "18 17" with 18 struck). Words, not characters, so "Mandatory" →
"Mandatory SMETS 2" reads as one inserted " SMETS 2", never a mangled word.

Pure: the model in, model runs out.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from redline.model import Mark, Run

_TOKEN = re.compile(r"\s+|\d+(?:\.\d+)+|\w+|[^\w\s]")


def tokens(text: str) -> list[str]:
    """Words, single punctuation marks and the whitespace between them, so joining
    gives ``text`` back and "UEPT)." → "UEPT); and" strikes only the full stop;
    dotted numbers ("2.0", "8.1.10") stay whole."""
    return _TOKEN.findall(text)


def _append(out: list[Run], text: str, mark: Mark | None) -> None:
    if not text:
        return
    if out and out[-1].mark == mark:
        out[-1] = Run(out[-1].text + text, mark)
    else:
        out.append(Run(text, mark))


def word_runs(old: str, new: str) -> tuple[Run, ...]:
    """Runs whose accepted text is ``new`` and whose rejected text is ``old``."""
    if old == new:
        return (Run(new),) if new else ()
    if not old:
        return (Run(new, "insert"),)
    if not new:
        return (Run(old, "delete"),)
    a, b = tokens(old), tokens(new)
    out: list[Run] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _append(out, "".join(a[i1:i2]), None)
            continue
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        if removed.isspace() and added.isspace():
            _append(out, added, None)
            continue
        _append(out, removed, "delete")
        _append(out, added, "insert")
    return _tidy(out)


def _tidy(runs: list[Run]) -> tuple[Run, ...]:
    """Move whitespace that sits alone between two marked runs into plain text,
    so "Mandatory␣" struck + "SMETS 2" inserted does not strike a space twice."""
    out: list[Run] = []
    for r in runs:
        _append(out, r.text, r.mark)
    return tuple(out)


def whole(text: str, mark: Mark) -> tuple[Run, ...]:
    """One run for a wholly inserted or deleted text (nothing for empty text)."""
    return (Run(text, mark),) if text else ()


def plain(text: str) -> tuple[Run, ...]:
    return (Run(text),) if text else ()


def similarity(old: str, new: str) -> float:
    """How alike two texts are, by words (0..1); used to pair paragraphs."""
    if not old and not new:
        return 1.0
    return SequenceMatcher(None, tokens(old), tokens(new), autojunk=False).ratio()
