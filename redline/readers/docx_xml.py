"""WordprocessingML names and the small attribute helpers every DOCX module uses.

Tags are precomputed Clark names (``{namespace}local``): lxml compares them
as strings, and ``element.iter(*tags)`` filters in C.
"""

from __future__ import annotations

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

BODY, P, R, T, TBL, TR, TC = (W + x for x in ("body", "p", "r", "t", "tbl", "tr", "tc"))
PPR, RPR, TRPR, TCPR, PSTYLE, NUMPR = (W + x for x in ("pPr", "rPr", "trPr", "tcPr", "pStyle", "numPr"))
NUMID, ILVL, OUTLINE = W + "numId", W + "ilvl", W + "outlineLvl"
INS, DEL, MOVE_TO, MOVE_FROM = W + "ins", W + "del", W + "moveTo", W + "moveFrom"
DELTEXT, INSTRTEXT, TAB, BR, CR, PTAB = (W + x for x in ("delText", "instrText", "tab", "br", "cr", "ptab"))
SYM, NBHYPHEN = W + "sym", W + "noBreakHyphen"
SDT, SDTCONTENT, CUSTOMXML = W + "sdt", W + "sdtContent", W + "customXml"
STRIKE, DSTRIKE, U, B, VANISH, RSTYLE = (W + x for x in ("strike", "dstrike", "u", "b", "vanish", "rStyle"))
GRIDSPAN, VMERGE, TBLHEADER, GRIDBEFORE = W + "gridSpan", W + "vMerge", W + "tblHeader", W + "gridBefore"
TXBX, ALTERNATE = W + "txbxContent", MC + "AlternateContent"
PROPERTY_CHANGES = tuple(
    W + x for x in ("tcPrChange", "trPrChange", "tblPrChange", "tblGridChange", "cellIns", "cellDel", "pPrChange")
)
"""Tracked property changes: each holds the *old* properties beside the new ones."""
RPRCHANGE = W + "rPrChange"
BREAKS = frozenset((TAB, BR, CR, PTAB))

_OFF = {"0", "false", "off", "none"}


def val(el: etree._Element | None, default: str | None = None) -> str | None:
    """The ``w:val`` attribute of ``el`` (``default`` when el is missing or has none)."""
    if el is None:
        return default
    return el.get(W + "val", default)


def on(el: etree._Element | None) -> bool:
    """A toggle property (``<w:b/>``, ``<w:strike w:val="0"/>``) is on."""
    return el is not None and el.get(W + "val", "1").casefold() not in _OFF


def on_attr(value: str | None) -> bool:
    return value is not None and value.casefold() not in _OFF


def underlined(el: etree._Element | None) -> bool:
    return el is not None and el.get(W + "val", "single").casefold() not in _OFF


MAX_SPAN = 64
"""Word tables have at most 63 columns: a larger span or gap is hostile or broken."""


def small_int(text: str | None, *, low: int, high: int) -> int | None:
    """An integer attribute clamped to [low, high]; None when it is not an integer.

    Never ``int()`` an attribute as it comes: "99999999999" as a cell span
    would build that many cells, and 5,000 digits exceed Python's int limit.
    """
    if text is None:
        return None
    digits = text.strip()
    negative = digits.startswith("-")
    if negative:
        digits = digits[1:]
    if not digits.isdigit() or not digits.isascii():
        return None
    if len(digits) > 9:
        return low if negative else high
    n = -int(digits) if negative else int(digits)
    return max(low, min(high, n))


def symbol(code: str) -> str:
    """The character of a ``w:sym`` (symbol fonts map their glyphs into the private use area)."""
    try:
        n = int(code, 16)
    except ValueError:
        return ""
    if n >= 0xF000:
        n -= 0xF000
    return chr(n) if 0x20 <= n < 0x110000 else ""
