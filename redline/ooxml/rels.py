"""Parts found through relationships, as python-docx's ``Part.part_related_by``:
a document's styles, numbering, footnotes and endnotes are the parts its
``_rels/<part>.rels`` names with that relationship type, wherever the
producer put them (``word/styles.xml`` is only the usual place), and an
image is the part an ``r:embed`` id names.
"""

from __future__ import annotations

import posixpath

from lxml import etree

from redline.ooxml.ns import NSMAP

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
OFFICE_DOCUMENT = _RT + "officeDocument"
STYLES = _RT + "styles"
NUMBERING = _RT + "numbering"
FOOTNOTES = _RT + "footnotes"
ENDNOTES = _RT + "endnotes"
IMAGE = _RT + "image"
RELATIONSHIP = f"{{{NSMAP['pr']}}}Relationship"
PACKAGE_RELS = "_rels/.rels"


def rels_part(part: str) -> str:
    """``word/document.xml`` -> ``word/_rels/document.xml.rels``; the package's own is ``_rels/.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def targets(rels: etree._Element, source: str) -> dict[str, tuple[str, str]]:
    """rId -> (relationship type, part name) of the internal relationships in ``rels``
    (the ``.rels`` of part ``source``; "" for the package). Targets are resolved
    against the source part's folder; external ones (hyperlinks) are left out."""
    base = posixpath.dirname(source)
    out: dict[str, tuple[str, str]] = {}
    for rel in rels.iter(RELATIONSHIP):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        out[rel.get("Id", "")] = (_strict_to_transitional(rel.get("Type", "")), name)
    return out


def related_by(rels: etree._Element, source: str, reltype: str) -> str | None:
    """The part ``source`` relates to with ``reltype`` (the first one), or None."""
    for kind, name in targets(rels, source).values():
        if kind == reltype:
            return name
    return None


def _strict_to_transitional(reltype: str) -> str:
    """Strict Open XML's relationship types end as the transitional ones do."""
    strict = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
    return _RT + reltype[len(strict) :] if reltype.startswith(strict) else reltype
