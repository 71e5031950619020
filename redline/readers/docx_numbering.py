"""Word's automatic numbering (``word/numbering.xml``), replayed in reading order.

In a Word Appendix R the "8.1.10" of a heading is not in its text: Word makes
it from a list definition (``w:abstractNum``: per level a start, a format and
a template such as ``%1.%2.%3``) and a counter it advances at every paragraph
of that list. To print the same numbers we keep the same counters:

* counters belong to the abstract list, so two ``w:num`` instances of one
  abstractNum continue each other, unless an instance overrides a level's
  start (``w:lvlOverride/w:startOverride``): that restarts the level the first
  time the instance is used, which is how Word's "Restart numbering" works;
* using a level restarts the levels below it, unless ``w:lvlRestart`` says
  otherwise (0: never; n: only when a level above n is used);
* ``w:isLgl`` shows every level as a decimal ("legal" numbering).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from redline.ooxml.attrs import on, small_int, val
from redline.ooxml.ns import W

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


MAX_COUNTER = 100_000
"""Starts beyond this are clamped: no real list gets there, and roman() loops per thousand."""


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa.. (not base 26)."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if n > 3999 or n < 1:  # beyond letters and roman numerals as Word writes them
        return str(n) if fmt not in ("none", "bullet") else ""
    if fmt in ("lowerLetter",):
        return letters(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return str(n)


@dataclass(slots=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None
    """``w:lvlRestart``: None = after any higher level; 0 = never."""
    style: str | None = None
    legal: bool = False


def _level(el: etree._Element) -> Level:
    start = small_int(val(el.find(W + "start")), low=0, high=MAX_COUNTER)
    return Level(
        start=1 if start is None else start,
        fmt=val(el.find(W + "numFmt"), "decimal") or "decimal",
        text=val(el.find(W + "lvlText"), "") or "",
        restart=small_int(val(el.find(W + "lvlRestart")), low=0, high=9),
        style=val(el.find(W + "pStyle")),
        legal=on(el.find(W + "isLgl")),
    )


@dataclass(slots=True)
class Instance:
    """One ``w:num``: which abstract list it uses and its per-level overrides."""

    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)


@dataclass(slots=True)
class Label:
    """What numbering gives a paragraph."""

    text: str
    """The rendered label ("8.1.10", "(a)", "" for a bullet)."""
    level: int
    """0-based list level (ilvl)."""
    bullet: bool


class Numbering:
    """List definitions plus the running counters of one reading pass."""

    def __init__(self, root: etree._Element | None) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}
        """abstractNum id -> numbering style it takes its levels from (numStyleLink)."""
        self.nums: dict[str, Instance] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.used: set[str] = set()
        self.style_num: dict[str, str] = {}
        """Numbering style id -> numId, filled by the reader from styles.xml."""
        if root is None:
            return
        for an in root.iter(W + "abstractNum"):
            aid = an.get(W + "abstractNumId")
            if aid is None:
                continue
            levels: dict[int, Level] = {}
            for lvl in an.iter(W + "lvl"):
                ilvl = small_int(lvl.get(W + "ilvl", "0"), low=0, high=8)
                if ilvl is not None:
                    levels[ilvl] = _level(lvl)
            self.abstract[aid] = levels
            link = val(an.find(W + "numStyleLink"))
            if link:
                self.links[aid] = link
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId")
            aid = val(num.find(W + "abstractNumId"))
            if nid is None or aid is None:
                continue
            inst = Instance(aid)
            for ov in num.iter(W + "lvlOverride"):
                ilvl = small_int(ov.get(W + "ilvl", "0"), low=0, high=8)
                if ilvl is None:
                    continue
                so = small_int(val(ov.find(W + "startOverride")), low=0, high=MAX_COUNTER)
                if so is not None:
                    inst.starts[ilvl] = so
                over = ov.find(W + "lvl")
                if over is not None:
                    inst.levels[ilvl] = _level(over)
            self.nums[nid] = inst

    def _abstract_id(self, inst: Instance, depth: int = 0) -> str:
        """Follow numStyleLink (a list defined by a numbering style) to the real definition."""
        aid = inst.abstract
        link = self.links.get(aid)
        if link and depth < 4:
            nid = self.style_num.get(link)
            target = self.nums.get(nid) if nid else None
            if target is not None and target.abstract != aid:
                return self._abstract_id(target, depth + 1)
        return aid

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level whose ``w:pStyle`` is ``style_id`` (a style linked to a list level)."""
        inst = self.nums.get(num_id)
        if inst is None:
            return None
        for ilvl, lvl in self.abstract.get(self._abstract_id(inst), {}).items():
            if lvl.style == style_id:
                return ilvl
        return None

    def advance(self, num_id: str, ilvl: int) -> Label | None:
        """Count one paragraph of list ``num_id`` at level ``ilvl``; return its label."""
        inst = self.nums.get(num_id)
        if inst is None:
            return None
        aid = self._abstract_id(inst)
        levels = self.abstract.get(aid)
        if levels is None:
            return None
        ilvl = max(0, min(ilvl, 8))
        counters = self.counters.setdefault(aid, [None] * 9)
        if num_id not in self.used:
            self.used.add(num_id)
            for lv in inst.starts:
                if 0 <= lv < 9:
                    counters[lv] = None
                    for deeper in range(lv + 1, 9):
                        counters[deeper] = None

        def level(i: int) -> Level:
            return inst.levels.get(i) or levels.get(i) or Level()

        def start(i: int) -> int:
            return inst.starts.get(i, level(i).start)

        current = counters[ilvl]
        counters[ilvl] = start(ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            restart = level(deeper).restart
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        lvl = level(ilvl)
        if lvl.fmt == "bullet":
            return Label("", ilvl, True)
        text = lvl.text
        if "%" in text:
            parts = []
            i = 0
            while i < len(text):
                ch = text[i]
                if ch == "%" and i + 1 < len(text) and text[i + 1].isdigit():
                    ref = int(text[i + 1]) - 1
                    n = counters[ref] if 0 <= ref < 9 else None
                    if n is None:
                        n = start(ref) if 0 <= ref < 9 else 1
                    fmt = "decimal" if lvl.legal and ref < ilvl else level(ref).fmt
                    parts.append(format_number(n, fmt))
                    i += 2
                else:
                    parts.append(ch)
                    i += 1
            text = "".join(parts)
        return Label(text.strip(), ilvl, False)
