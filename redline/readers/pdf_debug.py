"""Why a PDF page read as it did: the page drawn with what the reader found on it.

``redline debug-pdf FILE --page N -o page.png`` (after pdfplumber's
``debug_tablefinder``): the page as PDFium renders it, and over it

- the strokes read as edges (thin red), those that may be a strike-through or
  an underline (thick magenta);
- each ruled table's cells (blue boxes) and each table found from the
  alignment of its text (cyan box, its column bounds dashed);
- each line of text outside tables (green box), struck glyphs in red and
  inserted ones in blue under it;
- the running headers, footers, page numbers and banner the layout pass drops
  as furniture (grey, filled).

It reads the page with the same settings the reader would use, so changing a
:class:`PdfSettings` value and drawing again shows what that value does.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from redline.errors import ReadError, RenderError
from redline.readers.pdf import _page_count, read_pages
from redline.readers.pdf_chars import open_pdf, read_page
from redline.readers.pdf_furniture import strip_furniture
from redline.readers.pdf_marks import assign_marks, mark_strokes
from redline.readers.pdf_settings import DEFAULTS, PdfSettings
from redline.readers.pdf_tables import ruled_grids

EDGE, STROKE, CELL, ALIGNED, LINE, FURNITURE = (
    (220, 40, 40), (200, 0, 200), (30, 90, 230), (0, 170, 200), (20, 160, 60), (120, 120, 120))
STRUCK, INSERTED = (230, 0, 0), (0, 60, 255)


@dataclass(frozen=True)
class PageDebug:
    """What was drawn, for the command to report."""

    page: int
    pages: int
    glyphs: int
    lines: int
    furniture: int
    ruled_tables: int
    cells: int
    aligned_tables: int
    edges: int
    strokes: int
    marked: int


def draw_page(path: Path, data: bytes, sha256: str, number: int, out: Path, settings: PdfSettings = DEFAULTS,
              scale: float = 2.0) -> PageDebug:
    """Draw page ``number`` (1-based) of the PDF ``data`` with what the reader
    kept, into the PNG ``out`` (written whole or not at all)."""
    if not out.resolve().parent.is_dir():  # said before the page is read, not after
        raise RenderError(f"{out}: cannot write: no such folder")
    count = _page_count(path, data)
    if not 1 <= number <= count:
        raise ReadError(str(path), f"no page {number}: the file has {count} page{'s' if count != 1 else ''}")
    pages = read_pages(path, data, sha256, settings)
    layout = pages[number - 1]
    kept = strip_furniture(pages, settings)[number - 1]
    furniture = [ln for ln in layout.lines if ln not in kept]
    pdf = open_pdf(data)
    try:
        raw = read_page(pdf, number - 1, settings)
        page = pdf[number - 1]
        try:
            image = page.render(scale=scale, rotation=(90 * raw.turned) % 360).to_pil().convert("RGB")
        finally:
            page.close()
    finally:
        pdf.close()
    strokes = mark_strokes(raw.segments, settings)
    marks = assign_marks(raw.glyphs, strokes, settings)
    grids = ruled_grids(raw.segments, settings)
    aligned = [t for t in layout.tables if not t.ruled]

    def box(x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        return x0 * scale, top * scale, max(x1, x0 + 0.5) * scale, max(bottom, top + 0.5) * scale

    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for ln in furniture:
        draw.rectangle(box(ln.x0, ln.top, ln.x1, ln.bottom), fill=(*FURNITURE, 90), outline=(*FURNITURE, 255))
    for s in raw.segments:
        draw.rectangle(box(s.x0, s.top, s.x1, s.bottom), outline=(*EDGE, 200))
    for s in strokes:
        draw.rectangle(box(s.x0, s.top - 1, s.x1, s.bottom + 1), outline=(*STROKE, 255), width=2)
    for cells in grids:
        for x0, top, x1, bottom in cells:
            draw.rectangle(box(x0, top, x1, bottom), outline=(*CELL, 255), width=2)
    for t in aligned:
        draw.rectangle(box(t.x0, t.top, t.x1, t.bottom), outline=(*ALIGNED, 255), width=3)
        for x in t.columns[1:-1]:
            for y in range(int(t.top * scale), int(t.bottom * scale), 8):
                draw.line((x * scale, y, x * scale, y + 4), fill=(*ALIGNED, 255), width=2)
    for ln in kept:
        draw.rectangle(box(ln.x0, ln.top, ln.x1, ln.bottom), outline=(*LINE, 255), width=1)
    marked = 0
    for g, m in zip(raw.glyphs, marks, strict=True):
        if m is None or g.direction:
            continue
        marked += 1
        colour = STRUCK if m == "delete" else INSERTED
        draw.line((g.x0 * scale, g.bottom * scale + 1, g.x1 * scale, g.bottom * scale + 1), fill=(*colour, 255),
                  width=2)
    image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    _save(image, out)
    return PageDebug(number, count, len(raw.glyphs), len(kept), len(furniture), len(grids),
                     sum(len(c) for c in grids), len(aligned), len(raw.segments), len(strokes), marked)


def _save(image: Image.Image, out: Path) -> None:
    """Write the PNG through a temporary file in the same folder, renamed into place."""
    folder = out.resolve().parent
    if not folder.is_dir():
        raise RenderError(f"{out}: cannot write: no such folder")
    fd, tmp = tempfile.mkstemp(prefix=".redline-", suffix=".png", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            image.save(fh, format="PNG")
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
