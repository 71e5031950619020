"""Drop layout-only properties from document.xml before it is parsed.

Most of a full-size Appendix R's XML is not text: each of its ~62,000 table
cells carries a width and an alignment (``w:tcPr``), paragraph spacing
(``w:pPr``) and a font size (``w:rPr``), ~35 of the ~43 allocations lxml
makes per cell. The reader never looks at any of them, yet building and then
freeing those nodes is most of the cost of a read: with them dropped first,
lxml parses the 150-page bench document's XML in a seventh of the time, and
the tree of a block takes a fifth of the memory (bench/bench_check.py).

What is dropped is exact, not a guess. A property element goes only when

* it is the first child of the element it belongs to, whose start tag is
  matched with it and kept byte for byte (``<w:r ...><w:rPr>`` -- so the
  element it sits in is known: a run, a paragraph, a cell);
* every child is an empty element from a fixed list of layout properties the
  reader never reads (sizes, fonts, languages, spacing, widths, alignment,
  shading), each with only its own attributes, in schema order (so no
  duplicate attribute, undeclared prefix, entity or stray byte can hide in
  what is dropped: the values are printable ASCII without ``" & < >``);
* the XML has no CDATA section, comment or processing instruction (apart
  from the declaration) that such a pattern could reach into, and binds the
  ``w`` prefix once, to WordprocessingML.

A run, paragraph or cell without those properties reads exactly as with them
(``tests/test_docx_prune.py`` reads every DOCX in the repository both ways).
Only :func:`redline.readers.docx.read_docx` prunes; ``read_docx_tree`` keeps
the XML whole, since ``redline apply`` writes it back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from redline.ooxml.ns import NSMAP

W_NS = b'xmlns:w="' + NSMAP["w"].encode() + b'"'
"""The binding of ``w`` the patterns take for granted."""

_VALUE = rb'="[ !#-%\'-;=?-~]*"'
"""An attribute value of printable ASCII without ``" & < >``."""


def _empty(name: str, *attrs: str) -> bytes:
    """An empty ``w:name`` element with any of ``attrs`` (each at most once, in this order)."""
    optional = b"".join(rb"(?: w:" + a.encode() + _VALUE + rb")?" for a in attrs)
    return rb"<w:" + name.encode() + optional + rb"/>"


def _any(*elements: bytes) -> bytes:
    return rb"(?:" + rb"|".join(elements) + rb")*"


_RUN_LAYOUT = _any(
    _empty("rFonts", "hint", "ascii", "hAnsi", "eastAsia", "cs",
           "asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"),
    _empty("szCs", "val"),
    _empty("sz", "val"),
    _empty("lang", "val", "eastAsia", "bidi"),
    _empty("noProof", "val"),
    _empty("kern", "val"),
)
"""Run properties the reader never reads (bold, strike, underline, colour, hidden, style are not here)."""

_PARA_LAYOUT = _any(
    _empty("keepNext", "val"),
    _empty("keepLines", "val"),
    _empty("widowControl", "val"),
    _empty("spacing", "before", "beforeLines", "beforeAutospacing", "after", "afterLines", "afterAutospacing",
           "line", "lineRule"),
    _empty("ind", "start", "startChars", "end", "endChars", "left", "leftChars", "right", "rightChars",
           "hanging", "hangingChars", "firstLine", "firstLineChars"),
    _empty("contextualSpacing", "val"),
    _empty("snapToGrid", "val"),
    _empty("jc", "val"),
    rb"<w:rPr>" + _RUN_LAYOUT + rb"</w:rPr>",
)
"""Paragraph properties the reader never reads (style, numbering, outline level are not here)."""

_CELL_LAYOUT = _any(
    _empty("tcW", "w", "type"),
    _empty("shd", "val", "color", "themeColor", "themeTint", "themeShade", "fill", "themeFill", "themeFillTint",
           "themeFillShade"),
    _empty("noWrap", "val"),
    _empty("vAlign", "val"),
)
"""Cell properties the reader never reads (span and vertical merge are not here)."""

_START_ATTR = rb'(?: [A-Za-z][A-Za-z0-9]*:[A-Za-z][A-Za-z0-9]*="[^"<>]*")*'
"""A start tag's attributes, kept as they are (so any fault in them still stops the parse)."""

_PRUNE = (
    (rb"<w:tc>", re.compile(rb"<w:tc><w:tcPr>" + _CELL_LAYOUT + rb"</w:tcPr>"), rb"<w:tc>"),
    (rb"<w:p>", re.compile(rb"<w:p><w:pPr>" + _PARA_LAYOUT + rb"</w:pPr>"), rb"<w:p>"),
    (rb"<w:p ", re.compile(rb"(<w:p" + _START_ATTR + rb">)<w:pPr>" + _PARA_LAYOUT + rb"</w:pPr>"), None),
    (rb"<w:r>", re.compile(rb"<w:r><w:rPr>" + _RUN_LAYOUT + rb"</w:rPr>"), rb"<w:r>"),
    (rb"<w:r ", re.compile(rb"(<w:r" + _START_ATTR + rb">)<w:rPr>" + _RUN_LAYOUT + rb"</w:rPr>"), None),
)
"""(start tag to look for, pattern, replacement; None: the start tag matched, kept as it is).
Cells first: each pass leaves less XML for the next. A start tag without
attributes (as LibreOffice and most generators write them) is replaced by a
constant, which is twice as fast as handing each match to a function."""


def _start_tag(m: re.Match[bytes]) -> bytes:
    return m[1]


def prunable(xml: bytes) -> bool:
    """True when the patterns can only meet markup (see the module's docstring).

    Each test looks for one byte first (``memchr``, a few ms over 16 MB) and
    for the two-byte marker only when that byte is there at all."""
    body = xml.find(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    first = xml.find(b"xmlns:w=")
    return (
        (xml.find(b"!") < 0 or xml.find(b"<!") < 0)  # no CDATA section, no comment (DOCTYPEs are refused before)
        and (xml.find(b"?", body) < 0 or xml.find(b"<?", body) < 0)  # no processing instruction
        and first >= 0
        and xml.startswith(W_NS, first)
        and xml.find(b"xmlns:w=", first + 1) < 0
    )


PIECE_BYTES = 1 << 20
"""The XML is pruned this much at a time (cut before a ``<w:tc>``), so that the
pieces a regex substitution gathers never cost more than a few MiB."""


def prune(xml: bytes) -> bytes:
    """``xml`` without the layout-only properties the reader never reads, or
    ``xml`` itself when it is not :func:`prunable`.

    Every match starts at a ``<w:tc>``, ``<w:p`` or ``<w:r`` and holds no other
    ``<w:tc>``, so cutting the XML just before a ``<w:tc>`` never splits one:
    piece by piece the substitutions find what they would find in the whole."""
    if not prunable(xml):
        return xml
    out: list[bytes] = []
    start = 0
    while start < len(xml):
        end = xml.find(b"<w:tc>", start + PIECE_BYTES)
        if end < 0:
            end = len(xml)
        piece = xml[start:end]
        for tag, pattern, replacement in _PRUNE:
            if tag in piece:
                piece = pattern.sub(_start_tag if replacement is None else replacement, piece)
        out.append(piece)
        start = end
    return b"".join(out)


class _Pruner:
    """Prunes pieces of one XML document in order, noting as it goes whether the
    document stays :func:`prunable` (each test meets a piece whole: a piece ends
    just before a ``<w:tc>``, and no marker looked for holds one)."""

    def __init__(self) -> None:
        self.out: list[bytes] = []
        self.first = True
        self.bindings = 0
        self.text_boxes = False

    def add(self, piece: bytes) -> bool:
        """Prune ``piece`` onto the output; False when the document is not prunable."""
        body = 0
        if self.first:
            self.first = False
            body = piece.find(b"?>") + 2 if piece.startswith(b"<?xml") else 0
        if (piece.find(b"!") >= 0 and piece.find(b"<!") >= 0) or (
            piece.find(b"?", body) >= 0 and piece.find(b"<?", body) >= 0
        ):
            return False
        at = piece.find(b"xmlns:w=")
        while at >= 0:
            self.bindings += 1
            if self.bindings > 1 or not piece.startswith(W_NS, at):
                return False
            at = piece.find(b"xmlns:w=", at + 1)
        self.text_boxes = self.text_boxes or b"txbxContent" in piece
        for tag, pattern, replacement in _PRUNE:
            if tag in piece:
                piece = pattern.sub(_start_tag if replacement is None else replacement, piece)
        self.out.append(piece)
        return True


def prune_pieces(pieces: Iterable[bytes]) -> tuple[bytes, bool] | None:
    """The pruned XML of a document read in ``pieces`` (as the zip inflates it) and
    whether it holds text boxes, without ever holding the whole XML; None when
    it is not :func:`prunable` (it has a DOCTYPE, a comment, CDATA ...: the
    caller then reads it whole, as before, refusals included)."""
    pruner = _Pruner()
    pending = b""
    for chunk in pieces:
        pending += chunk
        if len(pending) < PIECE_BYTES:
            continue
        cut = pending.rfind(b"<w:tc>")
        if cut <= 0:
            continue
        if not pruner.add(pending[:cut]):
            return None
        pending = pending[cut:]
    if (pending and not pruner.add(pending)) or pruner.bindings != 1:
        return None
    return b"".join(pruner.out), pruner.text_boxes
