"""The review page: one self-contained HTML file (jinja2; CSS and the role
filter's script inlined; no request to any other host; every part readable
with scripts off).

Rendered from a :class:`~redline.review.records.Review` alone: the figures,
changes, checks and history the review gathered, in the order a UEPT
reviewer reads them (per User Role first). The template is
``templates/review.html.j2`` (with ``review.css`` and ``review.js``), found
as the annex page's template is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from redline.diff.records import FooterChange, ParagraphChange, RoleSummary, SectionChange, TableChange, WordEdit
from redline.review.records import Figure, Review
from redline.versions.history import Event
from redline.writers.atomic import write_atomic
from redline.writers.html import template_environment

_ID = re.compile(r"[^A-Za-z0-9._-]+")


def anchor(kind: str, *parts: str | None) -> str:
    """An element id: "table-8.1.10", "section-7.3", "role-RSA" (the URL fragments the page links with)."""
    return "-".join([kind, *(_ID.sub("_", p) for p in parts if p)])


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a role's Total Tests chart, in SVG units."""

    label: str
    value: int
    width: float
    y: int


def chart(figure: Figure | None, width: int = 220) -> tuple[Bar, ...]:
    """Old and new Total Tests (as the rows give them) as two bars on one scale."""
    if figure is None:
        return ()
    values = [("old", figure.old_computed), ("new", figure.new_computed)]
    top = max((v for _, v in values if v is not None), default=0) or 1
    return tuple(
        Bar(label, v, round(width * v / top, 1), 4 + 26 * i) for i, (label, v) in enumerate(values) if v is not None
    )


def value_kind(summary: RoleSummary | None, t: TableChange, key: str, column: str) -> str:
    """"became mandatory", "no longer mandatory" or "": how the diff's per-role summary files a value change."""
    if summary is None:
        return ""
    if any((v.table, v.key, v.column) == (t.table, key, column) for v in summary.became_mandatory):
        return "became mandatory"
    if any((v.table, v.key, v.column) == (t.table, key, column) for v in summary.stopped_mandatory):
        return "no longer mandatory"
    return ""


@dataclass(frozen=True, slots=True)
class FooterRow:
    """One footer figure that changed, as the rows give it and as printed (either may be unchanged)."""

    row: str
    column: str
    counted: FooterChange | None
    printed: FooterChange | None


def footer_rows(t: TableChange) -> list[FooterRow]:
    """The table's footer changes, each figure once: the rows' count and the printed figure side by side."""
    order: list[tuple[str, str, int | None]] = []
    counted: dict[tuple[str, str, int | None], FooterChange] = {}
    printed: dict[tuple[str, str, int | None], FooterChange] = {}
    for changes, into in ((t.counts, counted), (t.stated, printed)):
        for f in changes:
            at = (f.row, f.column, f.column_index)
            if at not in counted and at not in printed:
                order.append(at)
            into[at] = f
    return [FooterRow(at[0], at[1], counted.get(at), printed.get(at)) for at in order]


def paragraph_kind(p: ParagraphChange) -> str:
    """The paragraph's change, checked: a kind the page has no rendering for raises."""
    if p.change not in ("added", "removed", "modified"):
        raise TypeError(f"review page cannot show a paragraph change {p.change!r}")
    return p.change


def section_label(s: SectionChange) -> str:
    if s.change not in ("added", "removed", "modified", "renumbered", "retitled", "moved"):
        raise TypeError(f"review page cannot show a section change {s.change!r}")
    return s.change


def edit_op(e: WordEdit) -> str:
    if e.op not in ("equal", "insert", "delete"):
        raise TypeError(f"review page cannot show a word edit {e.op!r}")
    return e.op


def event_text(e: Event) -> str:
    """One history event as ``redline log`` words it."""
    if e.change == "added":
        return "first appeared" + (f" as ‘{e.new_name}’" if e.new_name else "")
    if e.change in ("renamed", "retitled"):
        return f"{e.change}: ‘{e.old_name}’ → ‘{e.new_name}’"
    if e.change == "renumbered":
        return f"renumbered: {e.old_name} → {e.new_name}"
    if e.change == "removed":
        return "removed" + (f" ({e.details[0]})" if e.details else "")
    if e.change == "moved":
        return f"moved: {e.details[0]}" if e.details else "moved"
    if e.change == "changed":
        parts = [f"{c.column} (column {c.column_index + 1}): ‘{c.old}’ → ‘{c.new}’" for c in e.cells]
        return "changed: " + "; ".join([*parts, *e.details])
    raise TypeError(f"review page cannot show a history event {e.change!r}")


def _environment() -> jinja2.Environment:
    env = template_environment("review.html.j2")
    env.globals.update(anchor=anchor, chart=chart, footer_rows=footer_rows, value_kind=value_kind,
                       paragraph_kind=paragraph_kind, section_label=section_label, edit_op=edit_op,
                       event_text=event_text)
    return env


def render_review_html(review: Review) -> str:
    """The review page as a string."""
    rows: dict[tuple[str, str, str], list[object]] = {}
    if review.history is not None:
        for table, key, name, h in review.history.rows:
            rows.setdefault((table, key, name), []).append(h)
    sections = {h.section: h for h in review.history.sections} if review.history is not None else {}
    d = review.diff
    renumbered = [s for s in d.sections if s.old_number and s.new_number and s.old_number != s.new_number]
    return _environment().get_template("review.html.j2").render(
        r=review,
        d=d,
        counts=d.counts(),
        renumbered=renumbered,
        shown_sections={s.number for s in d.sections},
        histories=rows,
        section_history=sections,
    )


def write_review_html(review: Review, dest: Path, inputs: tuple[Path, ...] = ()) -> Path:
    """Write the page atomically, never over one of ``inputs``."""
    return write_atomic(dest, render_review_html(review).encode("utf-8"), inputs)
