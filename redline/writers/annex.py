"""Write an annex plan in the format its file name asks for.

``.docx`` (coloured redline, or real revisions with ``tracked``), ``.html``
(self-contained page) or ``.pdf`` (the DOCX through LibreOffice). The one
entry point the CLI and scripts call, so the suffix rules live in one place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from redline.annex.plan import AnnexPlan
from redline.errors import RenderError
from redline.writers.atomic import guard_output

AnnexFormat = Literal["docx", "html", "pdf"]
FORMATS: dict[str, AnnexFormat] = {".docx": "docx", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def annex_format(dest: Path) -> AnnexFormat:
    """The output format from ``dest``'s suffix, or RenderError."""
    fmt = FORMATS.get(dest.suffix.casefold())
    if fmt is None:
        raise RenderError(f"{dest}: unknown annex format {dest.suffix or '(no suffix)'!r}; use .docx, .html or .pdf")
    return fmt


def write_annex(
    plan: AnnexPlan,
    dest: Path,
    *,
    tracked: bool = False,
    author: str = "redline",
    inputs: tuple[Path, ...] = (),
    summary: bool = True,
) -> Path:
    """Render ``plan`` to ``dest`` atomically, never over one of ``inputs``.

    ``summary``: the HTML page's summary panel. A PDF is never tracked: it cannot
    carry Word revisions, and LibreOffice would draw them all in one author's
    colour; it shows the marks as the coloured DOCX does (insertions blue and
    underlined, deletions red and struck through)."""
    fmt = annex_format(dest)
    guard_output(dest, inputs)
    if fmt == "html":
        from redline.writers.html import write_html

        return write_html(plan, dest, inputs, summary=summary)
    from redline.writers.docx import DocxSettings, render_docx, write_docx

    settings = DocxSettings(tracked=tracked, author=author)
    if fmt == "docx":
        return write_docx(plan, dest, settings, inputs)
    from redline.writers.pdf import write_pdf

    return write_pdf(render_docx(plan, DocxSettings(tracked=False, author=author)), dest, inputs)
