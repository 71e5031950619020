"""What a paragraph holds besides its text: the footnotes and endnotes it cites
and its pictures (images, charts, SmartArt, embedded objects).

A note's text lives in its own part (``word/footnotes.xml``, found through the
document part's relationships); it is read when a paragraph first cites one,
so a document without notes pays nothing. A picture is not read but noticed,
with the identity of the part it shows (CRC-32 and size from the zip's
directory), so that a picture removed, added or replaced is a change the
diff reports.
"""

from __future__ import annotations

from typing import Literal

from lxml import etree

from redline.model import Note, Picture
from redline.ooxml import rels
from redline.ooxml.ns import ALTERNATE, CHOICE, DRAWING, ENDNOTE, FOOTNOTE, OBJECT, PICT, TXBX, P, W, qn
from redline.readers.docx_package import Package
from redline.readers.docx_runs import InlineReader, Pieces

_GRAPHIC_DATA = qn("a:graphicData")
_BLIP = qn("a:blip")
_DOCPR = qn("wp:docPr")
_EMBED, _LINK, _RID = qn("r:embed"), qn("r:link"), qn("r:id")
_DGM_RELIDS = qn("dgm:relIds")
_DGM_DATA = qn("r:dm")
_CHART = qn("c:chart")
_IMAGEDATA = qn("v:imagedata")
_OLE = qn("o:OLEObject")
_TYPE = W + "type"
_GRAPHIC_KINDS: dict[str, Literal["image", "chart", "smartart"]] = {
    "http://schemas.openxmlformats.org/drawingml/2006/picture": "image",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "chart",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram": "smartart",
}
_SHAPES = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_GROUPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"


class Extras:
    """Notes and pictures of one package's main part, read on demand."""

    def __init__(self, pkg: Package, main: str, inline: InlineReader) -> None:
        self.pkg = pkg
        self.main = main
        self._inline = inline
        self._notes: dict[str, dict[str, Note]] = {}
        self.missing: list[str] = []
        """What a paragraph points to that the package lacks ("footnote 7")."""
        self.unknown_graphics: set[str] = set()

    # -- notes ---------------------------------------------------------------

    def notes(self, refs: list[tuple[str, str]]) -> tuple[Note, ...]:
        out: list[Note] = []
        for kind, nid in refs:
            note = self._part_notes(kind).get(nid)
            if note is None:
                self.missing.append(f"{kind} {nid}")
            else:
                out.append(note)
        return tuple(out)

    def _part_notes(self, kind: str) -> dict[str, Note]:
        found = self._notes.get(kind)
        if found is None:
            reltype, tag = (rels.FOOTNOTES, FOOTNOTE) if kind == "footnote" else (rels.ENDNOTES, ENDNOTE)
            root = self.pkg.related_xml(self.main, reltype)
            found = {} if root is None else self._read_notes(root, tag, kind)
            self._notes[kind] = found
        return found

    def _read_notes(self, root: etree._Element, tag: str, kind: str) -> dict[str, Note]:
        # A note's own reader: the body's keeps the state of the paragraph being read.
        inline = InlineReader(
            self._inline.styles, underline_inserts=self._inline.underline_inserts, reject=self._inline.reject
        )
        out: dict[str, Note] = {}
        for note in root.iterchildren(tag):
            if note.get(_TYPE, "normal") != "normal":
                continue  # the separator lines Word keeps as notes -1 and 0
            pieces = Pieces()
            for p in note.iter(P):
                if pieces:
                    pieces.add(" ", 0)
                inline.paragraph(p, pieces)
            text, runs = pieces.text_and_runs()
            out[note.get(W + "id", "")] = Note("footnote" if kind == "footnote" else "endnote", text, runs)
        self._inline.unknown.update(inline.unknown)
        self._inline.tracked += inline.tracked
        return out

    # -- pictures ------------------------------------------------------------

    def pictures(self, elements: list[etree._Element]) -> tuple[Picture, ...]:
        out: list[Picture] = []
        for el in elements:
            picture = self._picture(el)
            if picture is not None:
                out.append(picture)
        return tuple(out)

    def _picture(self, el: etree._Element) -> Picture | None:
        tag = el.tag
        if tag == ALTERNATE:  # the same picture as DrawingML (mc:Choice) and VML (mc:Fallback): the first
            choice = el.find(CHOICE)
            inner = next((c for c in choice if c.tag in (DRAWING, PICT, OBJECT)), None) if choice is not None else None
            return self._picture(inner) if inner is not None else None
        if next(el.iter(TXBX), None) is not None:
            return None  # a text box: its text is read as paragraphs
        if tag == DRAWING:
            return self._drawing(el)
        if tag == OBJECT:
            ole = next(el.iter(_OLE), None)
            rid = ole.get(_RID) if ole is not None else None
            if rid is None:
                data = next(el.iter(_IMAGEDATA), None)
                rid = data.get(_RID) if data is not None else None
            return Picture("object", self._digest(rid), ole.get("ProgID", "") if ole is not None else "")
        data = next(el.iter(_IMAGEDATA), None)  # w:pict: VML
        if data is not None:
            return Picture("image", self._digest(data.get(_RID)), data.get(qn("o:title"), ""))
        return None  # a VML line or rectangle: nothing to read

    def _drawing(self, el: etree._Element) -> Picture | None:
        docpr = next(el.iter(_DOCPR), None)
        name = (docpr.get("descr") or "").strip() if docpr is not None else ""
        graphic = next(el.iter(_GRAPHIC_DATA), None)
        uri = graphic.get("uri", "") if graphic is not None else ""
        kind = _GRAPHIC_KINDS.get(uri)
        if kind == "image":
            blip = next(el.iter(_BLIP), None)
            rid = blip.get(_EMBED) or blip.get(_LINK) if blip is not None else None
            return Picture("image", self._digest(rid), name)
        if kind == "smartart":
            ids = next(el.iter(_DGM_RELIDS), None)
            return Picture("smartart", self._digest(ids.get(_DGM_DATA) if ids is not None else None), name)
        if kind == "chart":
            chart = next(el.iter(_CHART), None)
            return Picture("chart", self._digest(chart.get(_RID) if chart is not None else None), name)
        if uri in (_SHAPES, _GROUPS):
            blip = next(el.iter(_BLIP), None)  # a shape filled with a picture
            return Picture("image", self._digest(blip.get(_EMBED)), name) if blip is not None else None
        self.unknown_graphics.add(uri or "a drawing without graphic data")
        return None

    def _digest(self, rid: str | None) -> str:
        """The identity of the part ``rid`` names: its CRC-32 and size as the zip's
        directory records them (a picture of 30 MB is not inflated to be told apart)."""
        if not rid:
            return ""
        target = self.pkg.relationships(self.main).get(rid)
        info = self.pkg.infos.get(target[1]) if target is not None else None
        if info is None:
            self.missing.append(f"picture {rid}")
            return ""
        return f"{info.CRC:08x}{info.file_size & 0xFFFF:04x}"
