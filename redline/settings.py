"""Settings as data: the tunable thresholds, their defaults, and one loader
for a ``--settings FILE`` (TOML).

Each table of the file sets one settings record: ``[match]`` the matcher's
:class:`~redline.diff.match.MatchSettings`. A record checks its own values
when made (as pdfplumber's ``TableSettings`` does in ``__post_init__``), so
this module only reads the file, matches tables to records and turns every
problem into one line naming the file. Adding a table (``[pdf]`` for the PDF
reader's settings) is adding one field to :class:`Settings`.

    [match]
    paragraph = 0.5        # a paragraph edited rather than replaced at this similarity
    table_key_overlap = 0.6

    [pdf]
    word_gap = 0.2         # a gap wider than this share of the font size separates words
    strike_band = [0.12, 0.62]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from redline.diff.match import MatchSettings
from redline.errors import RedlineError
from redline.readers.pdf_settings import PdfSettings


@dataclass(frozen=True, slots=True)
class Settings:
    """Every settings record, each the defaults unless a file says otherwise."""

    match: MatchSettings = field(default_factory=MatchSettings)
    """``[match]``: how alike two sections, paragraphs, tables, rows or columns must be to be one."""
    pdf: PdfSettings = field(default_factory=PdfSettings)
    """``[pdf]``: the PDF reader's tolerances (gaps between words, where strike-throughs and
    underlines sit, ruling snap, page margins; docs/pdf.md)."""


def _record(table: str, cls: Any, values: object, source: str) -> Any:
    """The record ``cls`` made from a TOML table, every problem one line."""
    if not isinstance(values, dict):
        raise RedlineError(f"{source}: [{table}] must be a table of settings, not {values!r}")
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise RedlineError(
            f"{source}: [{table}] has no setting {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    try:
        return cls(**values)
    except (TypeError, ValueError) as exc:  # the record's own message names the setting
        raise RedlineError(f"{source}: {exc}") from None


def parse_settings(text: str, source: str = "settings") -> Settings:
    """The settings a TOML text gives (tables it leaves out keep their defaults)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RedlineError(f"{source}: not a TOML settings file: {exc}") from None
    records = {f.name: f for f in fields(Settings)}
    unknown = sorted(set(data) - set(records))
    if unknown:
        raise RedlineError(
            f"{source}: no settings table [{'], ['.join(unknown)}]; known: [{'], ['.join(sorted(records))}]"
        )
    made: dict[str, Any] = {}
    for name, values in data.items():
        factory = records[name].default_factory
        assert callable(factory)
        made[name] = _record(name, type(factory()), values, source)
    return Settings(**made)


def load_settings(path: str | Path) -> Settings:
    """The settings of a TOML file; a missing, unreadable or wrong file is one RedlineError naming it."""
    p = Path(path)
    try:
        text = p.read_bytes().decode("utf-8")
    except OSError as exc:
        raise RedlineError(f"{p}: cannot read settings file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise RedlineError(f"{p}: not a UTF-8 text file (a settings file is TOML)") from None
    return parse_settings(text, str(p))
