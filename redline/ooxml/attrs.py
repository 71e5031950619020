"""Reading WordprocessingML attributes safely: a value, a toggle, a bounded integer.

A DOCX comes from outside: an attribute is never ``int()``-ed as it comes
(:func:`small_int`), and a toggle's "off" spellings are all honoured.
"""

from __future__ import annotations

from lxml import etree

from redline.ooxml.ns import W

_VAL = W + "val"
_OFF = {"0", "false", "off", "none"}


def val(el: etree._Element | None, default: str | None = None) -> str | None:
    """The ``w:val`` attribute of ``el`` (``default`` when el is missing or has none)."""
    if el is None:
        return default
    return el.get(_VAL, default)


def on(el: etree._Element | None) -> bool:
    """A toggle property (``<w:b/>``, ``<w:strike w:val="0"/>``) is on."""
    return el is not None and el.get(_VAL, "1").casefold() not in _OFF


def on_attr(value: str | None) -> bool:
    return value is not None and value.casefold() not in _OFF


def underlined(el: etree._Element | None) -> bool:
    return el is not None and el.get(_VAL, "single").casefold() not in _OFF


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
