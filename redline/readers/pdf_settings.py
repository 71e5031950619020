"""The PDF reader's tolerances, as one validated value passed through the reader.

Each number here is a judgement about how producers draw documents (how far
apart two words are, where a strike-through sits against the baseline, how
close two table rulings must be to be one). They lived as private constants
in six modules; gathered here, a caller can see them all, change one for a
file that needs it (``read(path, pdf=PdfSettings(word_gap=0.25))``, or the
``[pdf]`` table of a ``--settings`` file) and have it checked before any page
is read, as pdfplumber's ``TableSettings`` does. The defaults are the values
the reader was tuned with on the LibreOffice, Word-style, tagged, reportlab and
turned producers; ``redline debug-pdf`` draws what they give on a page.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from typing import Any

DEFAULT_WORD_GAP = 0.18
DEFAULT_SNAP = 3.0
DEFAULT_STRIKE_BAND = (0.12, 0.62)
DEFAULT_UNDER_BAND = (-0.38, 0.12)
DEFAULT_MAX_STROKE = 2.5
DEFAULT_RULING_REACH = 2.0
DEFAULT_RIVER = 1.0
DEFAULT_MIN_COLUMNS = 3
DEFAULT_MARGIN_TOP = 0.13
DEFAULT_MARGIN_BOTTOM = 0.86
DEFAULT_BOLD_WEIGHT = 600
DEFAULT_ASKEW_DEGREES = 0.5
DEFAULT_DARK = 96
DEFAULT_UNREAD_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class PdfSettings:
    """Tolerances of the PDF reader; every field is checked when it is made."""

    word_gap: float = DEFAULT_WORD_GAP
    """A horizontal gap wider than this share of the font size separates words."""
    snap: float = DEFAULT_SNAP
    """Table rulings this many points apart (or closer) are one ruling; also how
    far apart two rulings may end and still meet."""
    strike_band: tuple[float, float] = DEFAULT_STRIKE_BAND
    """Height of a strike-through above the baseline, as shares of the font size."""
    under_band: tuple[float, float] = DEFAULT_UNDER_BAND
    """Height of an underline above the baseline (negative: below it), as shares of the font size."""
    max_stroke: float = DEFAULT_MAX_STROKE
    """A horizontal stroke thicker than this (points) is no strike-through or underline."""
    ruling_reach: float = DEFAULT_RULING_REACH
    """A horizontal stroke with an end this close (points) to a vertical one is a
    table ruling, not a mark."""
    river: float = DEFAULT_RIVER
    """In a table without rulings, a blank strip at least this many font sizes
    wide separates two columns."""
    min_columns: int = DEFAULT_MIN_COLUMNS
    """Fewest columns that make lines without rulings a table."""
    margin_top: float = DEFAULT_MARGIN_TOP
    """Lines above this share of the page height are in the top margin (running headers)."""
    margin_bottom: float = DEFAULT_MARGIN_BOTTOM
    """Lines below this share of the page height are in the bottom margin (footers, page numbers)."""
    bold_weight: int = DEFAULT_BOLD_WEIGHT
    """A font at least this heavy (100–900) is bold."""
    askew_degrees: float = DEFAULT_ASKEW_DEGREES
    """Text turned by more than this from a quarter turn is askew: no reading order reaches it."""
    dark: int = DEFAULT_DARK
    """A filled area is drawn as a ruling only when every colour channel (0–255)
    is at most this dark; a lighter one is shading."""
    unread_share: float = DEFAULT_UNREAD_SHARE
    """More unreadable (askew, turned outside tables) text than this share of all
    glyphs, and the file is refused rather than read in part."""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name.endswith("_band"):
                if isinstance(value, list):  # as a TOML file gives it
                    value = tuple(value)
                    object.__setattr__(self, f.name, value)
                if (not isinstance(value, tuple) or len(value) != 2
                        or not all(_is_number(v) for v in value) or not value[0] < value[1]):
                    raise ValueError(f"pdf setting {f.name}: expected two numbers, low < high, got {value!r}")
                if not all(-1.0 <= v <= 1.0 for v in value):
                    raise ValueError(f"pdf setting {f.name}: shares of the font size lie in -1..1, got {value!r}")
                continue
            if f.name in ("min_columns", "bold_weight", "dark"):
                if not isinstance(value, int) or isinstance(value, bool):
                    raise ValueError(f"pdf setting {f.name}: expected a whole number, got {value!r}")
            elif not _is_number(value):
                raise ValueError(f"pdf setting {f.name}: expected a number, got {value!r}")
            low, high = _RANGES[f.name]
            if not low <= value <= high:
                raise ValueError(f"pdf setting {f.name}: {value!r} is outside {low}..{high}")
        if not self.margin_top < self.margin_bottom:
            raise ValueError(f"pdf setting margin_top ({self.margin_top}) must lie above "
                             f"margin_bottom ({self.margin_bottom})")

    @classmethod
    def from_mapping(cls, values: dict[str, Any], source: str = "pdf settings") -> PdfSettings:
        """Settings from a table of names and values (a TOML ``[pdf]`` table):
        an unknown name or a bad value raises ValueError naming it."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"{source}: unknown pdf setting {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        return cls(**values)

    def key(self) -> str:
        """A short text naming these values, for the page cache's key: pages
        laid out with other settings are other pages."""
        return repr(sorted(asdict(self).items()))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


_RANGES: dict[str, tuple[float, float]] = {
    "word_gap": (0.01, 2.0),
    "snap": (0.0, 20.0),
    "max_stroke": (0.1, 20.0),
    "ruling_reach": (0.0, 20.0),
    "river": (0.1, 10.0),
    "min_columns": (2, 50),
    "margin_top": (0.0, 0.5),
    "margin_bottom": (0.5, 1.0),
    "bold_weight": (100, 900),
    "askew_degrees": (0.0, 45.0),
    "dark": (0, 255),
    "unread_share": (0.0, 1.0),
}

DEFAULTS = PdfSettings()
