"""Paragraph and character styles of a DOCX (``word/styles.xml``), resolved.

Word's heading numbers and heading levels usually live in the styles, not in
the paragraphs: "Heading 3" carries ``numPr`` (which list, which level) and
``outlineLvl``, often through a ``basedOn`` chain. This module flattens each
style once so the body walk is a dictionary look-up per paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from redline.ooxml.attrs import on, on_attr, small_int, underlined, val
from redline.ooxml.ns import W

_HEADING_NAME = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


@dataclass(slots=True)
class ParaStyle:
    style_id: str
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None
    heading: int | None
    """1-based heading level from the style name ("Heading 3") or its outline level."""
    bold: bool
    kind: str
    """"heading", "caption", "title", "toc", or "" (after resolving basedOn)."""


@dataclass(frozen=True, slots=True)
class RunFormat:
    """Redline-relevant formatting a character style gives its runs."""

    strike: bool = False
    underline: bool = False
    bold: bool = False


class Styles:
    """Resolved paragraph styles and character-style formatting."""

    def __init__(self, root: etree._Element | None) -> None:
        self.para: dict[str, ParaStyle] = {}
        self.char: dict[str, RunFormat] = {}
        self.default_para: str | None = None
        self.numbering_styles: dict[str, str] = {}
        """Numbering style id -> the numId its numPr names (for numStyleLink)."""
        if root is None:
            return
        raw: dict[str, etree._Element] = {}
        for st in root.iter(W + "style"):
            sid = st.get(W + "styleId")
            if sid is None:
                continue
            kind = st.get(W + "type", "paragraph")
            if kind == "paragraph":
                raw[sid] = st
                if on_attr(st.get(W + "default")):
                    self.default_para = sid
            elif kind == "numbering":
                nid = val(st.find(f"{W}pPr/{W}numPr/{W}numId"))
                if nid is not None:
                    self.numbering_styles[sid] = nid
            elif kind == "character":
                rpr = st.find(W + "rPr")
                name = (val(st.find(W + "name"), "") or "").casefold()
                if rpr is not None and "hyperlink" not in name:
                    self.char[sid] = RunFormat(
                        strike=on(rpr.find(W + "strike")) or on(rpr.find(W + "dstrike")),
                        underline=underlined(rpr.find(W + "u")),
                        bold=on(rpr.find(W + "b")),
                    )
        for sid in raw:
            self._resolve(sid, raw, set())

    def _resolve(self, sid: str, raw: dict[str, etree._Element], seen: set[str]) -> ParaStyle | None:
        if sid in self.para:
            return self.para[sid]
        st = raw.get(sid)
        if st is None or sid in seen:
            return None
        seen.add(sid)
        based_on = val(st.find(W + "basedOn"))
        parent = self._resolve(based_on, raw, seen) if based_on else None
        name = val(st.find(W + "name"), sid) or sid
        ppr = st.find(W + "pPr")
        num_id = parent.num_id if parent else None
        ilvl = parent.ilvl if parent else None
        outline = parent.outline if parent else None
        if ppr is not None:
            numpr = ppr.find(W + "numPr")
            if numpr is not None:
                nid = val(numpr.find(W + "numId"))
                if nid is not None:
                    num_id, ilvl = nid, None
                lvl = small_int(val(numpr.find(W + "ilvl")), low=0, high=8)
                if lvl is not None:
                    ilvl = lvl
            ol = small_int(val(ppr.find(W + "outlineLvl")), low=0, high=9)
            if ol is not None:
                outline = ol
        rpr = st.find(W + "rPr")
        bold = (
            on(rpr.find(W + "b")) if rpr is not None and rpr.find(W + "b") is not None else bool(parent and parent.bold)
        )
        m = _HEADING_NAME.match(name.strip())
        heading: int | None
        if m:
            heading = int(m.group(1))
        elif outline is not None:
            heading = outline + 1 if outline < 9 else None  # 9: "body text", even under a Heading parent
        else:
            heading = parent.heading if parent else None
        low = name.casefold()
        if heading is not None:
            kind = "heading"
        elif low == "caption" or (parent is not None and parent.kind == "caption"):
            kind = "caption"
        elif low in ("title", "subtitle"):
            kind = "title"
        elif low.startswith("toc") or (parent is not None and parent.kind == "toc"):
            kind = "toc"
        else:
            kind = ""
        ps = ParaStyle(sid, name, based_on, num_id, ilvl, outline, heading, bold, kind)
        self.para[sid] = ps
        return ps

    def get(self, sid: str | None) -> ParaStyle | None:
        if sid is None:
            sid = self.default_para
        return self.para.get(sid) if sid is not None else None
