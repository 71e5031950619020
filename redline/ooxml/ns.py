"""Namespaces and tag names: one prefix map, :func:`qn`, and the Clark names the
DOCX reader and writers compare tags with.

Tags are precomputed Clark names (``{namespace}local``): lxml compares them
as strings, and ``element.iter(*tags)`` filters in C.
"""

from __future__ import annotations

NSMAP: dict[str, str] = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "xml": "http://www.w3.org/XML/1998/namespace",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}
"""Prefix -> namespace URI, as Word writes them (``pr`` is the package relationships' namespace)."""


def qn(tag: str) -> str:
    """``"w:p"`` -> ``"{http://...wordprocessingml/2006/main}p"`` (python-docx's ``qn``)."""
    prefix, _, local = tag.partition(":")
    return f"{{{NSMAP[prefix]}}}{local}"


W = f"{{{NSMAP['w']}}}"
MC = f"{{{NSMAP['mc']}}}"
M = f"{{{NSMAP['m']}}}"
R_NS = f"{{{NSMAP['r']}}}"
W14 = f"{{{NSMAP['w14']}}}"
XML_SPACE = qn("xml:space")

BODY, P, R, T, TBL, TR, TC = (W + x for x in ("body", "p", "r", "t", "tbl", "tr", "tc"))
PPR, RPR, TRPR, TCPR, PSTYLE, NUMPR = (W + x for x in ("pPr", "rPr", "trPr", "tcPr", "pStyle", "numPr"))
NUMID, ILVL, OUTLINE = W + "numId", W + "ilvl", W + "outlineLvl"
INS, DEL, MOVE_TO, MOVE_FROM = W + "ins", W + "del", W + "moveTo", W + "moveFrom"
DELTEXT, INSTRTEXT, TAB, BR, CR, PTAB = (W + x for x in ("delText", "instrText", "tab", "br", "cr", "ptab"))
SYM, NBHYPHEN = W + "sym", W + "noBreakHyphen"
SDT, SDTCONTENT, CUSTOMXML = W + "sdt", W + "sdtContent", W + "customXml"
STRIKE, DSTRIKE, U, B, VANISH, RSTYLE = (W + x for x in ("strike", "dstrike", "u", "b", "vanish", "rStyle"))
GRIDSPAN, VMERGE, TBLHEADER, GRIDBEFORE = W + "gridSpan", W + "vMerge", W + "tblHeader", W + "gridBefore"
SECTPR = W + "sectPr"
TXBX, ALTERNATE = W + "txbxContent", MC + "AlternateContent"
FALLBACK, CHOICE = MC + "Fallback", MC + "Choice"
FOOTNOTE_REF, ENDNOTE_REF = W + "footnoteReference", W + "endnoteReference"
FOOTNOTE, ENDNOTE = W + "footnote", W + "endnote"
DRAWING, PICT, OBJECT = W + "drawing", W + "pict", W + "object"
OMATH, OMATH_PARA, MATH_T = M + "oMath", M + "oMathPara", M + "t"
PROPERTY_CHANGES = tuple(
    W + x for x in ("tcPrChange", "trPrChange", "tblPrChange", "tblGridChange", "cellIns", "cellDel", "pPrChange")
)
"""Tracked property changes: each holds the *old* properties beside the new ones."""
RPRCHANGE = W + "rPrChange"
BREAKS = frozenset((TAB, BR, CR, PTAB))
