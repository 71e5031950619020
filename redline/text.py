"""The small text rules every stage shares, each in one place.

What a User Role is called, when two value cells say the same thing, which
footer label is which, what a "Total Tests" row is, and the natural order of
numbers such as 8.1.10 and labels such as 6.18. Readers build the model
with them, the checks and the diff compare with them, apply and the store
order with them, so none of those can disagree about a label or a value.
Pure: strings in, strings (or keys) out.
"""

from __future__ import annotations

import re
from functools import lru_cache

from redline.model import normalise

ROLES = ("IS", "ES", "GS", "RSA", "ED", "GT", "OU")
ROLE_NAMES = {
    "IS": "Import Supplier",
    "ES": "Export Supplier",
    "GS": "Gas Supplier",
    "RSA": "Registered Supplier Agent",
    "ED": "Electricity Distributor",
    "GT": "Gas Transporter",
    "OU": "Other User",
}
COUNT_OF = "Count of"
"""The label of a footer row counting one value ("Count of Mandatory")."""
TOTAL_TESTS = "Total Tests"
"""The label of the footer's grand total row."""
_COUNT_OF = COUNT_OF.casefold()
_TOTAL_TESTS = TOTAL_TESTS.casefold()
_NATURAL = re.compile(r"\d+|[^\d.\s,]+")


@lru_cache(maxsize=4096)
def canonical_value(text: str) -> str:
    """A value cell's text in a form that compares equal across wrapping and
    spacing ("Mandatory\\nSMETS 2" == "Mandatory SMETS 2"). Cached: a matrix
    has a handful of distinct values in thousands of cells, and the checks and
    the diff compare every one of them."""
    return "".join(text.split()).casefold()


def footer_key(label: str) -> str:
    """What makes two footer labels one row ("Count of Mandatory SMETS 2" as
    Word wrapped it, or as a PDF spaced it): the label's canonical value,
    since a "Count of" row is known by the value it counts."""
    return canonical_value(label)


def is_footer_label(text: str) -> bool:
    """A "Count of …" or "Total Tests" label: the first cell of a footer row."""
    head = text.lstrip()[:1].casefold()
    if head not in (_COUNT_OF[0], _TOTAL_TESTS[0]):  # cheap exit: called for the first cells of every row
        return False
    t = normalise(text).casefold()
    return t.startswith(_COUNT_OF) or t.startswith(_TOTAL_TESTS)


def is_total_tests(label: str) -> bool:
    """The "Total Tests" row: the grand total, not a "Count of" a value."""
    return footer_key(label).startswith(footer_key(TOTAL_TESTS))


def counted_value(label: str) -> str | None:
    """The value a "Count of" row counts ("N/A", "Mandatory SMETS 2"); None for another label."""
    label = label.strip()
    if label.casefold().startswith(_COUNT_OF):
        return label[len(_COUNT_OF) :].strip()
    return None


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order of row keys, section numbers and version labels:
    6.2.7 < 6.2.10 < 8.4 < 8.14.3, 6.9 < 6.18, numbers before words."""
    return tuple((0, int(p)) if p.isdigit() else (1, p.casefold()) for p in _NATURAL.findall(text))
