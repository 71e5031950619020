"""Characters and drawn lines of one PDF page, read with pypdfium2.

pdfminer's layout analysis is most of what pdfplumber costs; PDFium reads the
same characters in a small fraction of the time. This module asks PDFium only
for what the reader uses: each glyph's box, baseline, size, weight, colour and
direction, and each stroked or filled path as horizontal/vertical segments
(table rulings, strike-through and underline strokes). Everything it returns
is plain data (tuples of floats and strings) so that it can cross process
boundaries and the rest of the reader never sees a PDFium handle.

Coordinates are "top-down" points like pdfplumber's: ``top`` grows downwards
from the top edge of the page.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw

_TEXT, _PATH, _FORM = 1, 2, 5
_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"}
"""Word's PDFs draw "fi" as one glyph; the model wants the letters."""

# FPDFText_GetTextObject again, returning the handle as a plain int: a
# dictionary key for the object's font facts without a ctypes.cast per glyph.
_text_object_id = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value or 0
)
_BOLD_WEIGHT = 600
_DARK = 96
"""A filled area is drawn as a rule only when every channel is at most this
dark; a lighter one is shading."""
_FORCE_BOLD_FLAG = 1 << 18


@dataclass(frozen=True, slots=True)
class Glyph:
    """One character as drawn."""

    text: str
    x0: float
    x1: float
    top: float
    """Top of the em box (baseline − ascent), not of the ink."""
    bottom: float
    """Bottom of the em box (baseline + descent)."""
    baseline: float
    size: float
    bold: bool
    colour: tuple[int, int, int]
    direction: int
    """0 for upright text; 1 for text turned to run upwards (Word's "bottom to
    top"), -1 for text running downwards: turned table headers."""
    space_before: bool = False
    """A space character stood right before this glyph in the content stream."""

    @property
    def upright(self) -> bool:
        return self.direction == 0

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Segment:
    """A straight horizontal or vertical stroke (or a thin filled rectangle)."""

    x0: float
    top: float
    x1: float
    bottom: float
    colour: tuple[int, int, int]

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass(frozen=True, slots=True)
class RawPage:
    number: int
    """1-based page number."""
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    segments: tuple[Segment, ...]


class _FontInfo:
    """What all glyphs of one text object share: font, colour, direction and
    size (asked once, not per glyph)."""

    __slots__ = ("bold", "colour", "direction", "scale", "size")

    def __init__(self, bold: bool, colour: tuple[int, int, int], direction: int, scale: float = 1.0) -> None:
        self.bold = bold
        self.colour = colour
        self.direction = direction
        self.scale = scale
        """How much the object's matrix scales the font size (Word-style
        producers set a 46 pt font under a 0.24 text matrix: 11 pt drawn)."""
        self.size = 0.0


def _object_info(obj: ctypes.c_void_p) -> _FontInfo:
    font = raw.FPDFTextObj_GetFont(obj)
    bold = False
    if font:
        weight = raw.FPDFFont_GetWeight(font)
        bold = weight >= _BOLD_WEIGHT or bool(raw.FPDFFont_GetFlags(font) & _FORCE_BOLD_FLAG)
        if not bold:
            buf = ctypes.create_string_buffer(128)
            raw.FPDFFont_GetBaseFontName(font, buf, 128)
            name = buf.value.decode("latin-1", "replace").casefold()
            bold = "bold" in name or "black" in name or "heavy" in name
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    colour = (0, 0, 0)
    if raw.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        colour = (r.value, g.value, b.value)
    m = raw.FS_MATRIX()
    direction = 0
    scale = 1.0
    if raw.FPDFPageObj_GetMatrix(obj, m):
        if abs(m.b) > abs(m.a):
            direction = 1 if m.b > 0 else -1
        scale = abs(m.a * m.d - m.b * m.c) ** 0.5 or 1.0
    return _FontInfo(bold, colour, direction, scale)


def _glyphs(page: pdfium.PdfPage, height: float) -> list[Glyph]:
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        tp_id = ctypes.cast(tp, ctypes.c_void_p)
        n = raw.FPDFText_CountChars(tp)
        ox, oy = ctypes.c_double(), ctypes.c_double()
        rect = raw.FS_RECTF()
        infos: dict[int | None, _FontInfo] = {}
        out: list[Glyph] = []
        space = False
        for i in range(n):
            code = raw.FPDFText_GetUnicode(tp, i)
            if code in (0x02, 0xFFFE):
                code = 0x2D  # PDFium's mark for a hyphen that ends a line: the hyphen is drawn, keep it
            if code in (0x20, 0xA0, 0x09, 0x0D, 0x0A):
                # Spaces count, also those PDFium infers from a gap (producers such as
                # Chromium write none); its inferred line breaks do not: the line
                # builder finds lines itself.
                if code in (0x20, 0xA0, 0x09):
                    space = True
                continue
            key = _text_object_id(tp_id, i)
            info = infos.get(key)
            raw.FPDFText_GetLooseCharBox(tp, i, rect)
            if info is None:
                info = _object_info(raw.FPDFText_GetTextObject(tp, i))
                info.size = round(raw.FPDFText_GetFontSize(tp, i) * info.scale, 2)
                infos[key] = info
            size = info.size
            # The baseline from the origin: some fonts' loose boxes follow the ink.
            raw.FPDFText_GetCharOrigin(tp, i, ox, oy)
            # The loose box spans the glyph's advance and the font's ascent and
            # descent: gaps between boxes are then real spaces, not side bearings.
            x0, x1 = (rect.left, rect.right) if rect.left <= rect.right else (rect.right, rect.left)
            hi, lo = (rect.top, rect.bottom) if rect.top >= rect.bottom else (rect.bottom, rect.top)
            gtop, gbottom = height - hi, height - lo
            if x1 < x0 + 0.1:
                x1 = x0 + 0.1
            base = height - oy.value if info.direction == 0 else ox.value
            letters = _LIGATURES.get(code)
            if letters is None:
                out.append(Glyph(chr(code), x0, x1, gtop, gbottom, base, size, info.bold, info.colour,
                                 info.direction, space))
            else:
                step = (x1 - x0) / len(letters)
                for k, letter in enumerate(letters):
                    out.append(Glyph(letter, x0 + k * step, x0 + (k + 1) * step, gtop, gbottom, base, size, info.bold,
                                     info.colour, info.direction, space and k == 0))
            space = False
        return out
    finally:
        textpage.close()


def _path_segments(obj: ctypes.c_void_p, height: float, out: list[Segment]) -> None:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, fill, stroke)
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if stroke.value:
        raw.FPDFPageObj_GetStrokeColor(obj, r, g, b, a)
    else:
        raw.FPDFPageObj_GetFillColor(obj, r, g, b, a)
    if a.value == 0 or (not stroke.value and not fill.value):
        return
    colour = (r.value, g.value, b.value)
    if colour == (255, 255, 255):
        return  # white on white: a background or a hidden border, not a line
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    w, h = right.value - left.value, top.value - bottom.value
    if w <= 3 or h <= 3:
        # A thin line or rectangle: its bounds are the segment.
        out.append(Segment(left.value, height - top.value, right.value, height - bottom.value, colour))
        return
    if not stroke.value and min(colour) > _DARK:
        # A light filled area: cell or text shading, a background. Its sides
        # are no rulings; shading behind a line of text inside a cell (Word
        # draws it) would otherwise cut the cell in two.
        return
    # A larger path: take its straight horizontal and vertical pieces.
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float]] = []
    start: tuple[float, float] | None = None
    for k in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO or not points:
            points = [(px, py)]
            start = (px, py)
        else:
            if kind == raw.FPDF_SEGMENT_LINETO:
                _add_line(points[-1], (px, py), height, colour, out)
            points.append((px, py))
        if raw.FPDFPathSegment_GetClose(seg) and start is not None:
            _add_line(points[-1], start, height, colour, out)


def _add_line(a: tuple[float, float], b: tuple[float, float], height: float, colour: tuple[int, int, int],
              out: list[Segment]) -> None:
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) < 0.5 or abs(ax - bx) < 0.5:
        out.append(Segment(min(ax, bx), height - max(ay, by), max(ax, bx), height - min(ay, by), colour))


def _segments(page: pdfium.PdfPage, height: float) -> list[Segment]:
    out: list[Segment] = []
    stack = [(page.raw, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject)]
    while stack:
        holder, count, get = stack.pop()
        for k in range(count(holder)):
            obj = get(holder, k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == _PATH:
                _path_segments(obj, height, out)
            elif kind == _FORM:
                stack.append((obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject))
    return out


def read_page(pdf: pdfium.PdfDocument, index: int) -> RawPage:
    """The glyphs and segments of page ``index`` (0-based)."""
    page = pdf[index]
    try:
        width, height = page.get_size()
        return RawPage(index + 1, width, height, tuple(_glyphs(page, height)), tuple(_segments(page, height)))
    finally:
        page.close()


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """Open a PDF from memory; PDFium errors propagate to the caller to word."""
    return pdfium.PdfDocument(data)
