"""The extended properties (``docProps/app.xml``) of a DOCX python-docx builds.

python-docx's template carries Word 2011's: "Microsoft Macintosh Word", 1
page, 0 words, and a thumbnail of a blank page. A file manager or Word's
Properties panel shows those for every annex. We write what we know: redline
as the application and the words, characters and paragraphs counted from the
document's text; pages and lines depend on a layout redline never makes, so
they are left out (Word fills them in when it saves), as is the thumbnail.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from redline.ooxml.ns import BR, CR, TAB, P, T

APP_PART = "/docProps/app.xml"
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_BREAKS = (TAB, BR, CR)


def text_counts(body: etree._Element) -> tuple[int, int, int, int]:
    """Words, characters (no spaces), characters with spaces and non-empty
    paragraphs of ``body`` (a w:body, headers and footers aside, as Word counts)."""
    words = chars = with_spaces = paragraphs = 0
    for p in body.iter(P):
        # a tab or a line break parts words as a space does; deleted text (w:delText) is not counted
        text = "".join(el.text or "" if el.tag == T else " " for el in p.iter(T, *_BREAKS))
        if not text.strip():
            continue
        paragraphs += 1
        words += len(text.split())
        with_spaces += len(text)
        chars += sum(1 for c in text if not c.isspace())
    return words, chars, with_spaces, paragraphs


def app_xml(body: etree._Element) -> bytes:
    words, chars, with_spaces, paragraphs = text_counts(body)
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<Application>redline</Application>"
        f"<Words>{words}</Words><Characters>{chars}</Characters>"
        f"<Paragraphs>{paragraphs}</Paragraphs><CharactersWithSpaces>{with_spaces}</CharactersWithSpaces>"
        "</Properties>"
    ).encode()


def set_app_properties(document: Any) -> None:
    """Replace the template's app.xml of a python-docx ``document`` and drop its thumbnail."""
    package = document.part.package
    for part in package.iter_parts():
        if str(part.partname) == APP_PART:
            part._blob = app_xml(document.element.body)  # a plain Part: its bytes are what is saved
    for rid, rel in list(package.rels.items()):
        if rel.reltype == THUMBNAIL:
            package.rels.pop(rid)
