"""The text of a paragraph's runs and their redline marks.

Inside a ``w:p`` the text sits in runs (``w:r``), possibly wrapped in
hyperlinks, smart tags, fields, content controls and tracked-change elements.
This module walks that inline content and gathers (text, mark) pieces:

* ``w:ins``/``w:moveTo`` -> "insert"; ``w:del``/``w:moveFrom``/``w:delText`` -> "delete";
* strike or double strike (direct or by character style) -> "delete";
* underline -> "insert", but only when the reader says the document is
  redlined (``underline_inserts``; see ``docx.py``);
* in a redlined document, colour alone as drafters use it: blue text ->
  "insert", red text -> "delete" (:func:`colour_mark`; theme colours, as
  Word's heading styles use, are never marks);
* hidden (``w:vanish``) runs and field instructions (``w:instrText``) are skipped;
  tabs and breaks are spaces; ``w:sym`` is its character.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from redline.model import Mark, Run
from redline.ooxml.attrs import on, symbol, underlined, val
from redline.ooxml.ns import (
    ALTERNATE,
    BREAKS,
    DEL,
    DELTEXT,
    DRAWING,
    DSTRIKE,
    ENDNOTE_REF,
    FOOTNOTE_REF,
    INS,
    MATH_T,
    MOVE_FROM,
    MOVE_TO,
    NBHYPHEN,
    OBJECT,
    OMATH,
    OMATH_PARA,
    PICT,
    PPR,
    RPR,
    RSTYLE,
    SDT,
    SDTCONTENT,
    STRIKE,
    SYM,
    VANISH,
    B,
    R,
    T,
    U,
    W,
)
from redline.readers.docx_styles import Styles
from redline.readers.normalise import NBSP, normalise_text

COLOR = W + "color"

PLAIN, INSERT, DELETE = 0, 1, 2
"""Mark codes while walking (ints compare faster than strings)."""
_MARK: dict[int, Mark | None] = {PLAIN: None, INSERT: "insert", DELETE: "delete"}
_CONTAINERS = frozenset(
    W + x for x in ("hyperlink", "smartTag", "fldSimple", "customXml", "dir", "bdo", "ins", "moveTo")
)
_INSERTING = frozenset((INS, MOVE_TO))
_DELETING = frozenset((DEL, MOVE_FROM))
_MATH = frozenset((OMATH, OMATH_PARA))
_NOTE_REFS = {FOOTNOTE_REF: "footnote", ENDNOTE_REF: "endnote"}
_PICTURES = frozenset((DRAWING, PICT, OBJECT, ALTERNATE))
"""A run's pictures; ``mc:AlternateContent`` holds one written twice (DrawingML and VML)."""

KNOWN_INLINE = frozenset(
    (
        PPR,
        *(W + x for x in ("bookmarkStart", "bookmarkEnd", "proofErr", "commentRangeStart", "commentRangeEnd")),
        *(W + x for x in ("permStart", "permEnd", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart")),
        *(W + x for x in ("moveToRangeEnd", "customXmlInsRangeStart", "customXmlInsRangeEnd")),
        *(W + x for x in ("customXmlDelRangeStart", "customXmlDelRangeEnd", "customXmlMoveFromRangeStart")),
        *(W + x for x in ("customXmlMoveFromRangeEnd", "customXmlMoveToRangeStart", "customXmlMoveToRangeEnd")),
        W + "sdtPr", W + "sdtEndPr", W + "rPr",
    )
)
"""Children of a paragraph (or of an inline container) that hold no text of their own."""
KNOWN_RUN = frozenset(
    W + x
    for x in (
        "instrText", "delInstrText", "fldChar", "lastRenderedPageBreak", "softHyphen", "commentReference",
        "annotationRef", "footnoteRef", "endnoteRef", "separator", "continuationSeparator", "pgNum",
        "dayShort", "dayLong", "monthShort", "monthLong", "yearShort", "yearLong", "contentPart",
    )
)
"""Children of a run that carry no text a reader reads (field codes, marks, page numbers)."""


class Pieces:
    """Text pieces with mark codes, adjacent pieces with the same code merged."""

    __slots__ = ("codes", "texts")

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.codes: list[int] = []

    def add(self, text: str, code: int) -> None:
        if self.codes and self.codes[-1] == code:
            self.texts[-1] += text
        else:
            self.texts.append(text)
            self.codes.append(code)

    def __bool__(self) -> bool:
        return bool(self.texts)

    def text_and_runs(self, *, keep_nbsp: bool = False) -> tuple[str, tuple[Run, ...]]:
        """The accepted, normalised text and the runs (one unmarked run when nothing is marked);
        ``keep_nbsp``: no-break spaces stay (a paragraph's, so that a space become a
        no-break space is a typography-only change the diff can report)."""
        if any(self.codes):
            runs = tuple(Run(t, _MARK[c]) for t, c in zip(self.texts, self.codes, strict=True) if t)
            return normalise_text("".join(r.text for r in runs if r.mark != "delete"), keep_nbsp=keep_nbsp), runs
        text = normalise_text("".join(self.texts), keep_nbsp=keep_nbsp)
        return text, ((Run(text),) if text else ())

    def has_nbsp(self) -> bool:
        return any(NBSP in t for t in self.texts)


class InlineReader:
    """Reads inline content into :class:`Pieces`; notes whether every visible run was bold,
    the notes the paragraph cites, its pictures, tracked changes and unknown elements."""

    def __init__(self, styles: Styles, *, underline_inserts: bool, reject: bool = False) -> None:
        self.styles = styles
        self.underline_inserts = underline_inserts
        self.reject = reject
        """Read tracked changes as rejected: ``w:del`` text kept, ``w:ins`` text dropped."""
        self.all_bold = True
        self._style_bold = False
        self.note_refs: list[tuple[str, str]] = []
        """("footnote" or "endnote", id) of each note the paragraph read last cites."""
        self.pictures: list[etree._Element] = []
        """The picture elements (``w:drawing``, ``w:pict``, ``w:object``) of that paragraph."""
        self.tracked = 0
        """Tracked insertions and deletions (``w:ins``, ``w:del``, moves) read so far."""
        self.unknown: Counter[str] = Counter()
        """Elements met whose content is not read, by tag, so far."""

    def paragraph(self, p: etree._Element, out: Pieces, *, style_bold: bool = False) -> None:
        """Read one paragraph's runs into ``out`` (``all_bold``, ``note_refs`` and
        ``pictures`` then tell about this paragraph)."""
        self._style_bold = style_bold
        self.all_bold = True
        if self.note_refs:
            self.note_refs = []
        if self.pictures:
            self.pictures = []
        self._inline(p, PLAIN, out)

    def _inline(self, parent: etree._Element, mark: int, out: Pieces) -> None:
        for el in parent:
            tag = el.tag
            if tag == R:
                self._run(el, mark, out)
            elif tag in _DELETING:
                self.tracked += 1
                self._inline(el, PLAIN if self.reject else DELETE, out)
            elif tag in _CONTAINERS:
                if tag in _INSERTING:
                    self.tracked += 1
                    if self.reject:
                        continue
                self._inline(el, INSERT if tag in _INSERTING else mark, out)
            elif tag == SDT:
                content = el.find(SDTCONTENT)
                if content is not None:
                    self._inline(content, mark, out)
            elif tag in _MATH:
                text = "".join(el.itertext(MATH_T))
                if text:
                    self.all_bold = False
                    out.add(text, mark)
            elif tag not in KNOWN_INLINE and isinstance(tag, str):
                self.unknown[tag] += 1

    def _run(self, r: etree._Element, mark: int, out: Pieces) -> None:
        code = mark
        bold = self._style_bold
        for c in r:
            tag = c.tag
            if tag == T:
                text = c.text
                if not text:
                    continue
            elif tag == RPR:
                code, bold, hidden = self._format(c, mark, bold)
                if hidden:
                    return
                continue
            elif tag == DELTEXT:
                text = c.text
                if not text:
                    continue
                if not self.reject:
                    code = DELETE
            elif tag in BREAKS:
                text = " "
            elif tag == SYM:
                text = symbol(c.get(W + "char", ""))
            elif tag == NBHYPHEN:
                text = "-"
            elif tag in _NOTE_REFS:
                self.note_refs.append((_NOTE_REFS[tag], c.get(W + "id", "")))
                continue
            elif tag in _PICTURES:
                self.pictures.append(c)
                continue
            else:
                if tag not in KNOWN_RUN and isinstance(tag, str):
                    self.unknown[tag] += 1
                continue
            if not bold and text.strip():
                self.all_bold = False
            out.add(text, code)

    def _format(self, rpr: etree._Element, mark: int, bold: bool) -> tuple[int, bool, bool]:
        """(mark code, bold, hidden) from a run's properties."""
        strike = under = hidden = False
        colour = PLAIN
        for c in rpr:
            tag = c.tag
            if tag == COLOR:
                colour = colour_mark(c)
            elif tag in (STRIKE, DSTRIKE):
                strike = strike or on(c)
            elif tag == U:
                under = underlined(c)
            elif tag == B:
                bold = on(c)
            elif tag == VANISH:
                hidden = on(c)
            elif tag == RSTYLE:
                fmt = self.styles.char.get(val(c) or "")
                if fmt is not None:
                    strike = strike or fmt.strike
                    under = under or fmt.underline
                    bold = bold or fmt.bold
        if mark == DELETE or strike:
            return DELETE, bold, hidden
        if mark == INSERT or (under and self.underline_inserts):
            return INSERT, bold, hidden
        if self.underline_inserts and colour != PLAIN:
            return colour, bold, hidden
        return PLAIN, bold, hidden


def colour_mark(el: etree._Element) -> int:
    """INSERT for blue text, DELETE for red, PLAIN otherwise (or a theme colour)."""
    if el.get(W + "themeColor") is not None:
        return PLAIN
    value = (el.get(W + "val") or "").strip()
    if len(value) != 6:
        return PLAIN
    try:
        r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return PLAIN
    if b >= 0x99 and r <= 0x66 and g <= 0x99 and b - max(r, g) >= 0x50:
        return INSERT
    if r >= 0x99 and g <= 0x66 and b <= 0x66:
        return DELETE
    return PLAIN
