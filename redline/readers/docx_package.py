"""Safe access to the parts of a DOCX package (a zip of XML files).

A DOCX comes from outside, so every step is bounded: the zip's directory is
read from memory, each part's declared size and compression ratio are checked
before it is inflated, and the inflation itself streams with a hard cap (a
header can lie about the size). XML is parsed with entities, DTDs and network
access off, and any DOCTYPE is refused outright: WordprocessingML never needs
one, and a billion-laughs file always has one.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator

from lxml import etree

from redline.errors import ReadError
from redline.ooxml import rels

MAX_PART_BYTES = 256 * 1024 * 1024
"""No part of a real Appendix R comes near this (a 150-page document.xml is ~20 MB)."""
MAX_RATIO = 400
"""Table-heavy document.xml compresses ~10-100x; a zip bomb of zeros ~1000x."""
RATIO_FLOOR = 8 * 1024 * 1024
"""Below this inflated size the ratio is not checked (tiny repetitive parts are fine)."""
MAX_MEMBERS = 20000
_CHUNK = 1 << 20


def _safe_parser(*, keep_comments: bool) -> etree.XMLParser:
    """No entities, no network, no DTD, no huge trees: what every parse of a package part is held to."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=not keep_comments,
        remove_pis=not keep_comments,
    )


PARSER = _safe_parser(keep_comments=False)
KEEPING_PARSER = _safe_parser(keep_comments=True)
"""The same limits, keeping comments and processing instructions: for XML that is written back."""


class Package:
    """The parts of one DOCX, read on demand with the limits above."""

    def __init__(self, path: str, data: bytes) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except zipfile.BadZipFile as exc:
            raise ReadError(path, f"corrupt DOCX: {_zip_problem(exc)}") from None
        except (OSError, ValueError, EOFError) as exc:
            raise ReadError(path, f"corrupt DOCX: damaged zip ({exc})") from None
        except NotImplementedError as exc:  # a damaged header claims "zip file version 11.2"
            raise ReadError(path, f"corrupt DOCX: damaged zip ({exc})") from None
        if len(infos) > MAX_MEMBERS:
            raise ReadError(path, f"refused: zip holds {len(infos)} files (limit {MAX_MEMBERS})")
        self.infos = {i.filename: i for i in infos}
        self._rels: dict[str, dict[str, tuple[str, str]]] = {}

    def has(self, name: str) -> bool:
        return name in self.infos

    def read(self, name: str) -> bytes:
        """Inflate one part, refusing a zip bomb before and while inflating."""
        return self._inflate(self.check_declared(name))

    def check_declared(self, name: str) -> zipfile.ZipInfo:
        """The part's entry, refused when its declared size or ratio says zip bomb."""
        info = self.infos.get(name)
        if info is None:
            raise ReadError(self.path, f"not a Word document: no {name} in the zip")
        declared = info.file_size
        if declared > MAX_PART_BYTES:
            raise ReadError(
                self.path,
                f"refused: {name} would inflate to {declared} bytes (limit {MAX_PART_BYTES}): zip bomb?",
            )
        if declared > RATIO_FLOOR and declared > MAX_RATIO * max(info.compress_size, 1):
            ratio = declared // max(info.compress_size, 1)
            raise ReadError(self.path, f"refused: {name} is compressed {ratio}:1: zip bomb?")
        return info

    def pieces(self, name: str) -> Iterator[bytes]:
        """:meth:`read`, a MiB at a time, never holding the whole part (the same refusals)."""
        return self._pieces(self.check_declared(name))

    def _inflate(self, info: zipfile.ZipInfo) -> bytes:
        out = io.BytesIO()  # getvalue() hands over its buffer: no second copy of a large part
        for chunk in self._pieces(info):
            out.write(chunk)
        return out.getvalue()

    def _pieces(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        name, declared = info.filename, info.file_size
        size = 0
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    if size > MAX_PART_BYTES or size > declared + _CHUNK:
                        raise ReadError(self.path, f"refused: {name} inflates past its declared size: zip bomb?")
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise ReadError(self.path, f"corrupt DOCX: {name}: {_zip_problem(exc)}") from None
        except NotImplementedError as exc:
            raise ReadError(self.path, f"corrupt DOCX: {name}: {exc}") from None
        except RuntimeError:  # zipfile: "File ... is encrypted, password required"
            raise ReadError(self.path, f"encrypted zip: {name} needs a password") from None

    def main_part(self) -> str | None:
        """The document part ``_rels/.rels`` names (almost always word/document.xml)."""
        return self.related("", rels.OFFICE_DOCUMENT)

    def relationships(self, source: str) -> dict[str, tuple[str, str]]:
        """rId -> (type, part name) of part ``source``'s relationships ("" for the package's);
        empty when it has none. Cached: the footnotes and images of a document ask often."""
        found = self._rels.get(source)
        if found is None:
            name = rels.rels_part(source) if source else rels.PACKAGE_RELS
            found = rels.targets(self.xml(name), source) if self.has(name) else {}
            self._rels[source] = found
        return found

    def related(self, source: str, reltype: str, usual: str | None = None) -> str | None:
        """The part ``source`` relates to by ``reltype`` (python-docx's ``part_related_by``),
        when the package holds it. ``usual``: where the part is looked for when
        ``source`` has no relationships part at all (a hand-zipped package), never
        when its relationships leave the type out."""
        rels_name = rels.rels_part(source) if source else rels.PACKAGE_RELS
        if not self.has(rels_name):
            return usual if usual is not None and self.has(usual) else None
        for kind, name in self.relationships(source).values():
            if kind == reltype and name in self.infos:
                return name
        return None

    def related_xml(self, source: str, reltype: str, usual: str | None = None) -> etree._Element | None:
        """That part, parsed; None when ``source`` has no such relationship."""
        name = self.related(source, reltype, usual)
        return self.xml(name) if name is not None else None

    def xml(self, name: str) -> etree._Element:
        """Read and parse one XML part with the hardened parser."""
        return parse_xml(self.path, name, self.read(name))


def parse_xml(path: str, name: str, data: bytes, *, keep_markup: bool = False) -> etree._Element:
    # Markup outside text is never escaped, so a DOCTYPE or ENTITY declaration
    # shows as these bytes; in text they would be written "&lt;!DOCTYPE".
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ReadError(path, f"refused: {name} declares a DOCTYPE or entities (not allowed in Word XML)")
    try:
        root = etree.fromstring(data, KEEPING_PARSER if keep_markup else PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(path, f"corrupt DOCX: {name} is not well-formed XML ({xml_problem(exc)})") from None
    if root is None:
        raise ReadError(path, f"corrupt DOCX: {name} is empty")
    return root


def _zip_problem(exc: BaseException) -> str:
    text = _first_line(str(exc))
    if isinstance(exc, zlib.error):
        return "damaged compressed data"
    if "not a zip file" in text.casefold():
        return "not a valid zip archive (truncated or damaged)"
    if "crc" in text.casefold():
        return "damaged data (CRC check failed)"
    return text or type(exc).__name__


def xml_problem(exc: etree.XMLSyntaxError) -> str:
    """lxml's message without its '(<string>, line N)' tail."""
    return re.sub(r"\s*\(<string>, line \d+\)$", "", _first_line(str(exc)))


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""
