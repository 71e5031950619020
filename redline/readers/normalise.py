"""Text normalisation both readers share, so that a DOCX and its own PDF give
the same strings.

A PDF keeps what was drawn, a DOCX what was typed; they differ in ways a
reader of the page cannot see: a soft hyphen Word never shows, a ligature
glyph for "fi", a non-breaking or thin space, a zero-width space, and the
space next to a "/" or a dash lost where the PDF wrapped the line ("Mode /" +
"Tariff" reads "Mode /Tariff"). Each is settled here one way, for both
readers.

Spacing round "/" and "–"/"—": when a side has a space, both sides get one
("Mode /Tariff" → "Mode / Tariff"); with no space on either side it stays
("N/A", "2019–2020"). The hyphen "-" is left alone: "Update- Fault Return"
is how the text was typed.
"""

from __future__ import annotations

import re

from redline.model import normalise

_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
"""Soft hyphen, zero-width spaces and joiners, word joiner, BOM: never shown."""
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009\u200a"), " ")
"""Non-breaking, figure, narrow no-break, en, em, thin and hair spaces."""
_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"}
_TABLE: dict[int, str | None] = {**_DROP, **_SPACES, **_LIGATURES}
_SPACED = re.compile(r"(?<=\S) ?([/–—]) ?(?=\S)")
_UNSETTLED = re.compile("[" + "".join(map(chr, _TABLE)) + "–—]| /|/ ")
"""What normalise_text would change in text whose whitespace is already collapsed."""


def _spaced(m: re.Match[str]) -> str:
    return f" {m.group(1)} " if m.group(0) != m.group(1) else m.group(0)


def is_settled(collapsed: str) -> bool:
    """True when ``normalise_text`` would return ``collapsed`` (text already
    whitespace-collapsed and stripped) unchanged: the DOCX fast table pass
    asks this first, since most cells ("N/A", "Mandatory") need nothing and
    running the dash and slash rule on every "N/A" cost a third of the read."""
    return _UNSETTLED.search(collapsed) is None


NBSP = "\u00a0"
_TABLE_KEEPING_NBSP = {k: v for k, v in _TABLE.items() if k != ord(NBSP)}
_SPACE_BUT_NBSP = re.compile(r"[^\S\u00a0]+")


def normalise_text(text: str, *, keep_nbsp: bool = False) -> str:
    """The text as both readers give it: see the module's docstring. ``keep_nbsp``:
    no-break spaces stay as they are (not collapsed with the spaces around them)."""
    if keep_nbsp:
        text = _SPACE_BUT_NBSP.sub(" ", text.translate(_TABLE_KEEPING_NBSP)).strip()
    else:
        text = normalise(text.translate(_TABLE))
    if "/" in text or "–" in text or "—" in text:
        text = _SPACED.sub(_spaced, text)
    return text
