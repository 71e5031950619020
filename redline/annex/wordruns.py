"""Word-level redline runs between two strings, for the annex.

The annex shows a changed paragraph or cell as one run sequence: unchanged
words plain, removed words marked "delete", added words marked "insert", a
deletion always before the insertion that replaces it (the way drafters
write "18 17" with 18 struck). Words, not characters, so "Mandatory" →
"Mandatory SMETS 2" reads as one inserted " SMETS 2", never a mangled word.

The edits themselves come from :func:`redline.diff.words.diff_words`, the
word diff ``redline diff`` reports: one implementation, so the annex and the
diff never place an edit differently (fixture change S6 once read "…Device
and{+ a SMETS2+ Device. Those … in respect of+} a SMETS2+ Device." here and
"…Device.{+ Those … a SMETS2+ Device.+}" in the diff).

Pure: the model in, model runs out.
"""

from __future__ import annotations

from redline.diff.words import diff_words
from redline.model import Mark, Run


def _append(out: list[Run], text: str, mark: Mark | None) -> None:
    if not text:
        return
    if out and out[-1].mark == mark:
        out[-1] = Run(out[-1].text + text, mark)
    else:
        out.append(Run(text, mark))


def _replacement(out: list[Run], removed: str, added: str) -> None:
    """A stretch of edits: what went struck first, then what came; a change
    of spacing alone is no change."""
    if removed and added and removed.isspace() and added.isspace():
        _append(out, added, None)
        return
    _append(out, removed, "delete")
    _append(out, added, "insert")


def word_runs(old: str, new: str) -> tuple[Run, ...]:
    """Runs whose accepted text is ``new`` and whose rejected text is ``old``."""
    if old == new:
        return (Run(new),) if new else ()
    if not old:
        return (Run(new, "insert"),)
    if not new:
        return (Run(old, "delete"),)
    out: list[Run] = []
    removed = added = ""
    for edit in diff_words(old, new):
        if edit.op == "delete":
            removed += edit.text
        elif edit.op == "insert":
            added += edit.text
        else:
            _replacement(out, removed, added)
            removed = added = ""
            _append(out, edit.text, None)
    _replacement(out, removed, added)
    return tuple(out)


def whole(text: str, mark: Mark) -> tuple[Run, ...]:
    """One run for a wholly inserted or deleted text (nothing for empty text)."""
    return (Run(text, mark),) if text else ()


def plain(text: str) -> tuple[Run, ...]:
    return (Run(text),) if text else ()

