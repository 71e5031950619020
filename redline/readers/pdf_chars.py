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
import math
import operator
import struct
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from redline.readers.pdf_settings import DEFAULTS, PdfSettings

_TEXT, _PATH, _FORM = 1, 2, 5
_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"}
"""Word's PDFs draw "fi" as one glyph; the model wants the letters."""

# FPDFText_GetTextObject again, returning the handle as a plain int: a
# dictionary key for the object's font facts without a ctypes.cast per glyph.
_text_object_id = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value or 0
)
_FORCE_BOLD_FLAG = 1 << 18


Affine = tuple[float, float, float, float, float, float]
"""(a, b, c, d, e, f): a point (x, y) goes to (a·x + c·y + e, b·x + d·y + f)."""


def _compose(outer: Affine, inner: Affine) -> Affine:
    """``outer`` after ``inner``."""
    a, b, c, d, e, f = outer
    p, q, r, s, t, u = inner
    return (a * p + c * q, b * p + d * q, a * r + c * s, b * r + d * s, a * t + c * u + e, b * t + d * u + f)


def page_frame(rotation: int, mediabox: tuple[float, float, float, float], height: float) -> Affine:
    """From PDF user space (y up) to the page as shown (``top`` down),
    /Rotate (clockwise) applied: a page whose content is drawn turned and
    shown upright by /Rotate reads upright."""
    left, bottom, right, top = mediabox
    if rotation == 90:  # X = y - bottom, top = x - left
        return (0.0, 1.0, 1.0, 0.0, -bottom, -left)
    if rotation == 180:  # X = right - x, top = y - bottom
        return (-1.0, 0.0, 0.0, 1.0, right, -bottom)
    if rotation == 270:  # X = top - y, top = right - x
        return (0.0, -1.0, -1.0, 0.0, top, right)
    return (1.0, 0.0, 0.0, -1.0, 0.0, height)


def _box(frame: Affine, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
    """A user-space box as shown: (x0, top, x1, bottom)."""
    a, b, c, d, e, f = frame
    xs = (a * left + c * bottom + e, a * right + c * top + e)
    ys = (b * left + d * bottom + f, b * right + d * top + f)
    return min(xs), min(ys), max(xs), max(ys)


def _direction(frame: Affine, ma: float, mb: float) -> int:
    """The reading direction, as shown, of text whose matrix moves along (ma, mb)."""
    dx, dy = frame[0] * ma + frame[2] * mb, frame[1] * ma + frame[3] * mb
    if abs(dx) >= abs(dy):
        return 0 if dx >= 0 else 2
    return 1 if dy < 0 else -1


class Glyph(NamedTuple):
    """One character as drawn. A named tuple, not a frozen dataclass: a page has
    thousands of glyphs and a tuple is built several times faster."""

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
    top"), -1 for text running downwards: turned table headers; 2 for text
    upside down. As shown, with the page's /Rotate applied."""
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


class Segment(NamedTuple):
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
    askew: int = 0
    """Glyphs drawn at an angle that is no quarter turn."""
    turned: int = 0
    """Quarter turns (clockwise) the reader gave the page, beyond its /Rotate,
    because its text ran that way: a page printed sideways."""


class _FontInfo:
    """What all glyphs of one text object share: font, colour, direction and
    size (asked once, not per glyph)."""

    __slots__ = ("aligned", "askew", "bold", "colour", "direction", "ltr", "scale", "size")

    def __init__(self, bold: bool, colour: tuple[int, int, int], direction: int, scale: float = 1.0,
                 askew: bool = False) -> None:
        self.bold = bold
        self.colour = colour
        self.direction = direction
        self.askew = askew
        """Drawn at an angle that is no quarter turn: no line across the page reads it."""
        self.ltr = True
        """Runs left to right in PDF user space, the only direction in which
        PDFium's own reading order (and the spaces it infers) holds."""
        self.scale = scale
        """How much the object's matrix scales the font size (Word-style
        producers set a 46 pt font under a 0.24 text matrix: 11 pt drawn)."""
        self.size = 0.0
        self.aligned = False
        """The object's matrix maps its text onto a page axis exactly (no turn
        but quarter turns): then all its glyphs share one baseline, since PDFium
        places an object's characters along its text direction only."""


def _is_bold(font: object, bold_weight: int) -> bool:
    weight = raw.FPDFFont_GetWeight(font)
    if weight >= bold_weight or raw.FPDFFont_GetFlags(font) & _FORCE_BOLD_FLAG:
        return True
    buf = ctypes.create_string_buffer(128)
    raw.FPDFFont_GetBaseFontName(font, buf, 128)
    name = buf.value.decode("latin-1", "replace").casefold()
    return "bold" in name or "black" in name or "heavy" in name


def _object_info(m: raw.FS_MATRIX, frame: Affine, bold: bool, colour: tuple[int, int, int],
                 askew_degrees: float) -> _FontInfo:
    """``m``: the character's whole matrix (text matrix, CTM and any form's
    matrix): its direction as shown, and how much it scales the font size."""
    direction = _direction(frame, m.a, m.b)
    scale = abs(m.a * m.d - m.b * m.c) ** 0.5 or 1.0
    turn = math.degrees(math.atan2(m.b, m.a)) % 90
    askew = min(turn, 90 - turn) > askew_degrees and (m.a or m.b) != 0
    info = _FontInfo(bold, colour, direction, scale, askew)
    info.ltr = m.a > abs(m.b)
    info.aligned = (m.b == 0 and m.c == 0) or (m.a == 0 and m.d == 0)
    return info


class _Objects:
    """What the glyphs of each text object share, for one page: asked once per
    object, and worked out once per distinct font, colour, matrix and size
    (LibreOffice draws one text object per word, so objects repeat those)."""

    def __init__(self, frame: Affine, settings: PdfSettings) -> None:
        self.frame = frame
        self.settings = settings
        self.bold: dict[int, bool] = {}
        self.infos: dict[tuple[object, ...], _FontInfo] = {}
        self.matrix = raw.FS_MATRIX()
        self.matrix_addr = ctypes.addressof(self.matrix)
        self.rgba = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
        self.rgba_addr = tuple(ctypes.addressof(c) for c in self.rgba)

    def info(self, tp: int, i: int) -> _FontInfo:
        obj = _text_object_id(tp, i)
        m = self.matrix
        _char_matrix(tp, i, self.matrix_addr)
        font = _text_font(obj) or 0
        r, g, b, _ = self.rgba
        colour = (r.value, g.value, b.value) if _fill_colour(obj, *self.rgba_addr) else (0, 0, 0)
        size: float = _font_size(tp, i)
        key = (font, colour, m.a, m.b, m.c, m.d, size)
        info = self.infos.get(key)
        if info is None:
            bold = self.bold.get(font)
            if bold is None:
                handle = ctypes.cast(font, ctypes.POINTER(raw.struct_fpdf_font_t__))
                bold = self.bold[font] = bool(font) and _is_bold(handle, self.settings.bold_weight)
            info = _object_info(m, self.frame, bold, colour, self.settings.askew_degrees)
            info.size = round(size * info.scale, 2)
            self.infos[key] = info
        return info


def _prototype(restype: Any, function: Any, *argtypes: Any) -> Callable[..., Any]:
    """A PDFium entry point again, taking plain ints and addresses: ctypes then
    converts no argument per call (these run once or twice per glyph)."""
    address = ctypes.cast(function, ctypes.c_void_p).value or 0
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_VP, _INT = ctypes.c_void_p, ctypes.c_int
_loose_box = _prototype(_INT, raw.FPDFText_GetLooseCharBox, _VP, _INT, _VP)
_char_origin = _prototype(_INT, raw.FPDFText_GetCharOrigin, _VP, _INT, _VP, _VP)
_char_matrix = _prototype(_INT, raw.FPDFText_GetMatrix, _VP, _INT, _VP)
_fill_colour = _prototype(_INT, raw.FPDFPageObj_GetFillColor, _VP, _VP, _VP, _VP, _VP)
_text_font = _prototype(_VP, raw.FPDFTextObj_GetFont, _VP)
_font_size = _prototype(ctypes.c_double, raw.FPDFText_GetFontSize, _VP, _INT)
_FOUR_FLOATS, _TWO_DOUBLES = struct.Struct("4f"), struct.Struct("2d")
_SPACES = frozenset((0x20, 0xA0, 0x09))
_BREAKS = frozenset((0x0D, 0x0A))


def _codes(tp: ctypes.c_void_p, n: int) -> list[int]:
    """Every character's code in one call (FPDFText_GetText) rather than one
    FPDFText_GetUnicode per character; per character only when the text holds
    characters outside the BMP, whose surrogate pairs would shift the indexes."""
    buf = (ctypes.c_ushort * (n + 1))()
    written = raw.FPDFText_GetText(tp, 0, n, buf)
    codes = list(buf[:n])
    if written != n + 1 or (max(codes) >= 0xD800 and any(0xD800 <= c <= 0xDFFF for c in codes)):
        return [raw.FPDFText_GetUnicode(tp, i) for i in range(n)]
    return codes


def _glyphs(page: pdfium.PdfPage, frame: Affine, settings: PdfSettings = DEFAULTS) -> tuple[list[Glyph], int]:
    """The page's glyphs as shown, and how many of them are drawn askew.

    This runs once per glyph of the document, so it is written for speed: the
    codes come in one call, PDFium is called through prototypes that convert
    nothing, what a glyph shares with its text object is looked up once per
    object, and glyphs are built as plain tuples."""
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        tp_id = ctypes.cast(tp, ctypes.c_void_p).value or 0
        n = raw.FPDFText_CountChars(tp)
        if n <= 0:
            return [], 0
        codes = _codes(tp, n)
        origin = (ctypes.c_double * 2)()
        o_addr = (ctypes.addressof(origin), ctypes.addressof(origin) + ctypes.sizeof(ctypes.c_double))
        box = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
        box_addr = ctypes.addressof(box)
        # Read back with struct: iterating a ctypes array costs six times more.
        read_box, read_origin = _FOUR_FLOATS.unpack_from, _TWO_DOUBLES.unpack_from
        objects = _Objects(frame, settings)
        fa, fb, fc, fd, fe, ff = frame
        plain = (fa, fb, fc, fd, fe) == (1.0, 0.0, 0.0, -1.0, 0.0)
        tilted, ltr = False, True
        infos: dict[int | None, _FontInfo] = {}
        bases: dict[int | None, float] = {}
        base: float | None = None
        shared = False
        out: list[Glyph] = []
        append = out.append
        new = tuple.__new__
        askew = 0
        space = inferred = False
        last_key: int | None = -1
        info = _FontInfo(False, (0, 0, 0), 0)
        for i in range(n):
            code = codes[i]
            if code == 0x02 or code == 0xFFFE:
                code = 0x2D  # PDFium's mark for a hyphen that ends a line: the hyphen is drawn, keep it
            elif code in _SPACES:
                # Spaces count, also those PDFium infers from a gap (producers such as
                # Chromium write none); its inferred line breaks do not: the line
                # builder finds lines itself.
                space = True
                inferred = raw.FPDFText_IsGenerated(tp, i) == 1
                continue
            elif code in _BREAKS:
                continue
            key = _text_object_id(tp_id, i)
            if key != last_key:
                last_key = key
                found = infos.get(key)
                if found is None:
                    found = infos[key] = objects.info(tp_id, i)
                info = found
                size, bold, colour, direction = info.size, info.bold, info.colour, info.direction
                along = direction == 0 or direction == 2
                shared = info.aligned and key is not None
                base = bases.get(key) if shared else None
                tilted, ltr = info.askew, info.ltr
            if tilted:
                askew += 1
            if space and inferred and not ltr:
                # PDFium infers spaces in its own reading order, which holds for
                # text running left to right in user space only: in a turned
                # word it put one between two letters ("Critic al").
                space = False
            _loose_box(tp_id, i, box_addr)
            # The loose box spans the glyph's advance and the font's ascent and
            # descent: gaps between boxes are then real spaces, not side bearings.
            left, top, right, bottom = read_box(box)
            if plain:  # the frame of an unturned page: the same values, fewer operations
                x0, x1, gtop, gbottom = left, right, ff - bottom, ff - top
            else:
                x0, x1 = fa * left + fc * bottom + fe, fa * right + fc * top + fe
                gtop, gbottom = fb * left + fd * bottom + ff, fb * right + fd * top + ff
            if x1 < x0:
                x0, x1 = x1, x0
            if gbottom < gtop:
                gtop, gbottom = gbottom, gtop
            if x1 < x0 + 0.1:
                x1 = x0 + 0.1
            if base is None or not shared:
                # The baseline from the origin (some fonts' loose boxes follow the
                # ink), asked once per text object that lies along a page axis.
                _char_origin(tp_id, i, *o_addr)
                ox, oy = read_origin(origin)
                base = fb * ox + fd * oy + ff if along else fa * ox + fc * oy + fe
                if shared:
                    bases[key] = base
            letters = _LIGATURES.get(code)
            if letters is None:
                append(new(Glyph, (chr(code), x0, x1, gtop, gbottom, base, size, bold, colour, direction, space)))
            else:
                step = (x1 - x0) / len(letters)
                for k, letter in enumerate(letters):
                    append(Glyph(letter, x0 + k * step, x0 + (k + 1) * step, gtop, gbottom, base, size, bold,
                                 colour, direction, space and k == 0))
            space = False
        return out, askew
    finally:
        textpage.close()


class _Scratch:
    """ctypes out-parameters made once per page, not once per path (a Word-style
    table page draws thousands of border rectangles), and their addresses, for
    the prototypes below."""

    def __init__(self) -> None:
        self.mode = (ctypes.c_int * 2)()
        self.rgba = (ctypes.c_uint * 4)()
        self.bounds = (ctypes.c_float * 4)()  # left, bottom, right, top
        self.mode_at = tuple(ctypes.addressof(self.mode) + 4 * k for k in range(2))
        self.rgba_at = tuple(ctypes.addressof(self.rgba) + 4 * k for k in range(4))
        self.bounds_at = tuple(ctypes.addressof(self.bounds) + 4 * k for k in range(4))


_object_at = _prototype(_VP, raw.FPDFPage_GetObject, _VP, _INT)
_object_type = _prototype(_INT, raw.FPDFPageObj_GetType, _VP)
_draw_mode = _prototype(_INT, raw.FPDFPath_GetDrawMode, _VP, _VP, _VP)
_stroke_colour = _prototype(_INT, raw.FPDFPageObj_GetStrokeColor, _VP, _VP, _VP, _VP, _VP)
_bounds = _prototype(_INT, raw.FPDFPageObj_GetBounds, _VP, _VP, _VP, _VP, _VP)
_TWO_INTS, _FOUR_UINTS = struct.Struct("2i"), struct.Struct("4I")


def _path_segments(obj: int, frame: Affine, out: list[Segment], scratch: _Scratch, dark: int) -> None:
    """``frame``: from the path's container (page or form) to the page as shown;
    ``dark``: a filled area is a ruling only when every channel is at most this
    dark (a lighter one is shading)."""
    _draw_mode(obj, *scratch.mode_at)
    fill, stroke = _TWO_INTS.unpack_from(scratch.mode)
    if stroke:
        _stroke_colour(obj, *scratch.rgba_at)
    else:
        _fill_colour(obj, *scratch.rgba_at)
    r, g, b, a = _FOUR_UINTS.unpack_from(scratch.rgba)
    if a == 0 or (not stroke and not fill):
        return
    colour = (r, g, b)
    if colour == (255, 255, 255):
        return  # white on white: a background or a hidden border, not a line
    _bounds(obj, *scratch.bounds_at)
    x0, y0, x1, y1 = _box(frame, *_FOUR_FLOATS.unpack_from(scratch.bounds))
    if x1 - x0 <= 3 or y1 - y0 <= 3:
        # A thin line or rectangle: its bounds are the segment.
        out.append(Segment(x0, y0, x1, y1, colour))
        return
    if not stroke and min(colour) > dark:
        # A light filled area: cell or text shading, a background. Its sides
        # are no rulings; shading behind a line of text inside a cell (Word
        # draws it) would otherwise cut the cell in two.
        return
    # A larger path: take its straight horizontal and vertical pieces.
    handle = ctypes.cast(obj, raw.FPDF_PAGEOBJECT)
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(handle, m):
        return
    ta, tb, tc, td, te, tf = _compose(frame, (m.a, m.b, m.c, m.d, m.e, m.f))
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float]] = []
    start: tuple[float, float] | None = None
    for k in range(raw.FPDFPath_CountSegments(handle)):
        seg = raw.FPDFPath_GetPathSegment(handle, k)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = ta * x.value + tc * y.value + te, tb * x.value + td * y.value + tf
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO or not points:
            points = [(px, py)]
            start = (px, py)
        else:
            if kind == raw.FPDF_SEGMENT_LINETO:
                _add_line(points[-1], (px, py), colour, out)
            points.append((px, py))
        if raw.FPDFPathSegment_GetClose(seg) and start is not None:
            _add_line(points[-1], start, colour, out)


def _add_line(a: tuple[float, float], b: tuple[float, float], colour: tuple[int, int, int],
              out: list[Segment]) -> None:
    """A straight piece of a path, both ends already as shown (``top`` down)."""
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) < 0.5 or abs(ax - bx) < 0.5:
        out.append(Segment(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), colour))


def _segments(page: pdfium.PdfPage, frame: Affine, settings: PdfSettings = DEFAULTS) -> list[Segment]:
    out: list[Segment] = []
    m = raw.FS_MATRIX()
    scratch = _Scratch()
    dark = settings.dark
    page_at = ctypes.cast(page.raw, ctypes.c_void_p).value
    # The page's own objects through prototypes (a Word-style page has one text
    # object per glyph, all of them walked here); forms, rarely met, after them
    # through the bindings.
    forms: list[tuple[Any, Affine]] = []
    for k in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = _object_at(page_at, k)
        kind = _object_type(obj)
        if kind == _PATH:
            _path_segments(obj, frame, out, scratch, dark)
        elif kind == _FORM:
            forms.append(_form(ctypes.cast(obj, raw.FPDF_PAGEOBJECT), frame, m))
    while forms:
        holder, inner = forms.pop()
        for k in range(raw.FPDFFormObj_CountObjects(holder)):
            obj = raw.FPDFFormObj_GetObject(holder, k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == _PATH:
                _path_segments(ctypes.cast(obj, ctypes.c_void_p).value or 0, inner, out, scratch, dark)
            elif kind == _FORM:
                forms.append(_form(obj, inner, m))
    return out


def _form(obj: Any, outer: Affine, m: raw.FS_MATRIX) -> tuple[Any, Affine]:
    """A form and the frame of what it draws: its own space, which its matrix takes to the page."""
    inner = outer
    if raw.FPDFPageObj_GetMatrix(obj, m):
        inner = _compose(outer, (m.a, m.b, m.c, m.d, m.e, m.f))
    return obj, inner


_DIRECTION = operator.attrgetter("direction")
_TURN_FOR = {1: 1, 2: 2, -1: 3}
"""Quarter turns (clockwise) that bring text of each direction upright."""


def _sideways(glyphs: list[Glyph]) -> int:
    """Quarter turns that bring most of the page's text upright: 0 unless
    most of it runs one way that is not across the page."""
    if len(glyphs) < 20:
        return 0
    direction, count = Counter(map(_DIRECTION, glyphs)).most_common(1)[0]
    return _TURN_FOR[direction] if direction and count > 0.6 * len(glyphs) else 0


def read_page(pdf: pdfium.PdfDocument, index: int, settings: PdfSettings = DEFAULTS) -> RawPage:
    """The glyphs and segments of page ``index`` (0-based)."""
    page = pdf[index]
    try:
        width, height = page.get_size()  # as shown, /Rotate applied
        rotation = page.get_rotation()
        frame = page_frame(rotation, page.get_mediabox(), height)
        glyphs, askew = _glyphs(page, frame, settings)
        turn = _sideways(glyphs)
        if turn:
            # Text that runs up, down or upside down as shown: the page was
            # printed sideways; read it turned so that its text runs across.
            left, bottom, right, top = page.get_mediabox()
            rotation = (rotation + 90 * turn) % 360
            if rotation in (90, 270):
                width, height = top - bottom, right - left
            else:
                width, height = right - left, top - bottom
            frame = page_frame(rotation, (left, bottom, right, top), height)
            glyphs, askew = _glyphs(page, frame, settings)
        return RawPage(index + 1, width, height, tuple(glyphs), tuple(_segments(page, frame, settings)), askew, turn)
    finally:
        page.close()


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """Open a PDF from memory; PDFium errors propagate to the caller to word."""
    return pdfium.PdfDocument(data)
