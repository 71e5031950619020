"""Running headers and footers, page numbers and the classification banner:
what repeats in the page margins is furniture, not content.

A running line is one that stands in the top or bottom margin of at least
half the pages with the same text, its page number aside. Printed page
numbers may be shifted from page positions (an unnumbered cover), so the
shift is learnt from the integers in the margins.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from redline.model import normalise
from redline.readers.pdf_pages import PageLayout
from redline.readers.pdf_settings import DEFAULTS, PdfSettings
from redline.readers.pdf_text import Line
from redline.structure import BANNER as _BANNER  # one pattern for the DOCX and PDF readers

_PAGE_NUMBER = re.compile(r"^(page\s+)?\d+(\s*(of|/)\s*\d+)?$", re.IGNORECASE)


_INT = re.compile(r"\b\d{1,4}\b")


def _exact(text: str) -> str:
    return normalise(text).casefold()


def _numbered(text: str, page_label: int | None) -> str | None:
    """The line with all its numbers blanked, if it carries its page number
    (as "Page 3 of 8", "file:///x.html 3/8"); else None."""
    if page_label is None or not any(int(m.group()) == page_label for m in _INT.finditer(text)):
        return None
    return _INT.sub("#", normalise(text)).casefold()


def _in_margin(line: Line, page: PageLayout, settings: PdfSettings) -> bool:
    return line.top < settings.margin_top * page.height or line.top > settings.margin_bottom * page.height


def _page_offset(pages: Sequence[PageLayout], settings: PdfSettings) -> int | None:
    """How printed page numbers relate to page positions (a cover page without
    a number shifts them), learnt from the integers in the page margins."""
    offsets: Counter[int] = Counter()
    for page in pages:
        margin = [ln for ln in page.lines if _in_margin(ln, page, settings)]
        offsets.update({int(m.group()) - page.number for ln in margin for m in _INT.finditer(ln.text)})
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    return offset if count >= max(2, 0.5 * len(pages)) else None


def _continues_banner(banner: Line, line: Line) -> bool:
    """The banner's second line: close under it, in its size and weight (a
    heading set close under the banner, as Word-style producers do, is not)."""
    return (
        line.top - banner.bottom < line.size
        and abs(line.size - banner.size) < 0.5
        and line.bold == banner.bold
    )


def strip_furniture(pages: Sequence[PageLayout], settings: PdfSettings = DEFAULTS) -> list[list[Line]]:
    """Each page's lines without running headers/footers, page numbers and banner.

    A running line is one that stands in the top or bottom margin of at least
    half the pages with the same text (its page number aside)."""
    offset = _page_offset(pages, settings)

    def label(page: PageLayout) -> int | None:
        return None if offset is None else page.number + offset

    # Two tallies: lines repeated word for word, and lines that repeat but for
    # their numbers *and* carry their own page number. "Amend Table 8.1.5 as
    # follows:" at the top of many pages is neither.
    exact: Counter[str] = Counter()
    numbered: Counter[str | None] = Counter()
    for page in pages:
        margin = [ln for ln in page.lines if _in_margin(ln, page, settings)]
        exact.update({_exact(ln.text) for ln in margin})
        numbered.update({_numbered(ln.text, label(page)) for ln in margin} - {None})
    repeats = max(2.0, 0.5 * len(pages))
    out = []
    for page in pages:
        kept = []
        banner: Line | None = None
        for ln in page.lines:
            if _in_margin(ln, page, settings):
                text = normalise(ln.text)
                key = _numbered(text, label(page))
                if exact[_exact(text)] >= repeats or (key is not None and numbered[key] >= repeats):
                    continue
                if _PAGE_NUMBER.match(text):
                    continue
                if _BANNER.match(text) or (banner is not None and _continues_banner(banner, ln)):
                    banner = ln
                    continue
            kept.append(ln)
        out.append(kept)
    return out
