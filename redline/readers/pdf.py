"""Read an Appendix R version or an annex from PDF into the document model.

The work is split into small steps, each in its own module:
``pdf_chars`` (glyphs and strokes via PDFium) → ``pdf_marks`` (strike-through
and underline as delete/insert) → ``pdf_tables`` (grids from rulings, or from
text alignment) → ``pdf_text`` (words and lines) → ``pdf_pages`` (one page,
pages in parallel) → ``pdf_layout`` (furniture, paragraphs, headings, bullets,
tables over pages) → :func:`redline.structure.assemble`, the same assembly the
DOCX reader uses. ``pdf_cache`` keeps laid-out pages by the file's hash.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from redline.errors import ReadError
from redline.model import Document
from redline.readers import pdf_cache
from redline.readers.pdf_layout import build_stream
from redline.readers.pdf_pages import PageLayout, layout_pages
from redline.readers.pdf_settings import DEFAULTS, PdfSettings
from redline.structure import assemble

_PASSWORD_ERROR = 4


def _page_count(path: Path, data: bytes) -> int:
    """Open the file once to refuse what cannot be read, with one clear line."""
    if b"%%EOF" not in data[-2048:]:
        raise ReadError(str(path), "truncated or damaged PDF (no end-of-file marker)")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _PASSWORD_ERROR:
            raise ReadError(str(path), "encrypted PDF (needs a password)") from None
        raise ReadError(str(path), "corrupt PDF: cannot be opened") from None
    try:
        count = len(pdf)
    finally:
        pdf.close()
    if count == 0:
        raise ReadError(str(path), "corrupt PDF: no pages")
    return count


def read_pages(path: Path, data: bytes, sha256: str, settings: PdfSettings = DEFAULTS) -> list[PageLayout]:
    """Every page laid out, from the cache when this file was read before
    (with the same settings)."""
    cached = pdf_cache.load(sha256, settings)
    if cached is not None:
        return cached
    chunks: list[bytes] = []
    try:
        pages = layout_pages(data, _page_count(path, data), pickled=chunks, settings=settings)
    except pdfium.PdfiumError as exc:
        raise ReadError(str(path), f"corrupt PDF: {exc}") from None
    glyphs = sum(p.glyphs for p in pages)
    if glyphs == 0:
        raise ReadError(str(path), "no text layer: scanned PDF")
    unread = sum(p.unread for p in pages)
    # More unreadable text than this share and the file is refused: a model read from
    # what is left would pass a partial reading off as the document.
    if unread > settings.unread_share * glyphs:
        raise ReadError(str(path), f"text cannot be read in reading order ({100 * unread // glyphs}% of it is "
                                   "drawn at an angle or turned outside tables)")
    pdf_cache.store(sha256, pages, chunks, settings)
    return pages


def read_pdf(path: Path, data: bytes, sha256: str, settings: PdfSettings = DEFAULTS) -> Document:
    """Read a PDF Appendix R or annex into the model, with ``settings``' tolerances."""
    pages = read_pages(path, data, sha256, settings)
    warnings = [f"page {p.number}: no text (an image?)" for p in pages if p.glyphs == 0]
    return assemble(str(path), sha256, build_stream(pages, settings), warnings)
