"""Readers: one module per input format, each returning the model.

:func:`read` picks the reader from the file's first bytes, not its name, so a
PDF renamed ``.docx`` is still read as a PDF, a model saved by ``redline
parse --json`` is read back, and a text file is refused. :func:`sniff` is the
one place that tells file types apart.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from redline.errors import ReadError
from redline.model import Document

if TYPE_CHECKING:
    from redline.readers.pdf_settings import PdfSettings

MAX_INPUT_BYTES = 512 * 1024 * 1024


def sniff(path: Path) -> tuple[str, bytes]:
    """Return ("docx" | "pdf" | "json", file bytes) or raise ReadError."""
    name = str(path)
    if not path.exists():
        raise ReadError(name, "no such file")
    if path.is_dir():
        raise ReadError(name, "is a folder, not a DOCX or PDF")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise ReadError(name, f"file too large ({size} bytes)")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(name, f"cannot read: {exc.strerror or exc}") from None
    if not data:
        raise ReadError(name, "empty file")
    if data[:64].lstrip().startswith(b"{"):
        return "json", data
    if data[:5] == b"%PDF-" or b"%PDF-" in data[:1024]:
        return "pdf", data
    if data[:4] == b"PK\x03\x04":
        return "docx", data
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE2: Word 97-2003, or a DOCX with a password
        raise ReadError(name, "a legacy .doc or password-protected Word file, not a DOCX: save it as .docx")
    raise ReadError(name, "not a DOCX or PDF")


def read(path: str | Path, *, reject: bool = False, pdf: PdfSettings | None = None) -> Document:
    """Read a DOCX or PDF Appendix R version or annex (or a model saved as JSON) into the model.

    ``reject``: read a DOCX's tracked changes (``w:ins``/``w:del``) as rejected, the
    text before them; by default they are read as accepted (and a version that holds
    any says so in a warning). ``pdf``: the PDF reader's tolerances
    (:class:`redline.readers.pdf_settings.PdfSettings`; its defaults when None)."""
    p = Path(path)
    kind, data = sniff(p)
    if kind == "json":
        from redline.readers.json import read_model

        return read_model(p, data)
    sha = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        from redline.readers.pdf import read_pdf
        from redline.readers.pdf_settings import DEFAULTS

        doc = read_pdf(p, data, sha, pdf or DEFAULTS)
    else:
        from redline.readers.docx import read_docx

        doc = read_docx(p, data, sha, reject=reject)
    return replace(doc, read_from=kind)  # what the bytes are, whatever the name says (diff forgives DOCX/PDF spacing)
