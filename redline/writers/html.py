"""The annex as one self-contained HTML page (jinja2, CSS inlined, no network).

Same content as the DOCX annex, with ``<ins>``/``<del>`` for the marks, plus
a summary panel: what changed per User Role and whether each version's
footer figures add up. Templates live in the top-level ``templates/`` folder,
which a wheel installs as ``redline/templates``; that copy is tried first so
an installed redline never depends on a source checkout.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

import jinja2

from redline.annex.plan import AnnexPlan, TableSummary
from redline.model import Cell, Heading, Mark, Paragraph, Table, dispatch
from redline.numbering import label_kind
from redline.writers.atomic import write_atomic
from redline.writers.layout import cell_runs, document_name, header_layout, rotated_columns

PACKAGE = Path(__file__).resolve().parents[1]
TEMPLATE_DIRS = (PACKAGE / "templates", PACKAGE.parent / "templates")


@dataclass(frozen=True, slots=True)
class RoleSummary:
    """One line of the summary panel: the tables of one User Role together."""

    role: str
    tables: tuple[str, ...]
    rows_added: int
    rows_removed: int
    rows_renamed: int
    rows_moved: int
    cells_changed: int
    figures_changed: int
    old_mismatches: int
    new_mismatches: int


def role_summaries(tables: Iterable[TableSummary]) -> tuple[RoleSummary, ...]:
    """Table summaries grouped by role, in first-seen order; tables without a
    role are grouped under "other"."""
    groups: dict[str, list[TableSummary]] = {}
    for t in tables:
        groups.setdefault(t.role or "other", []).append(t)
    return tuple(
        RoleSummary(
            role=role,
            tables=tuple(t.number for t in ts),
            rows_added=sum(t.rows_added for t in ts),
            rows_removed=sum(t.rows_removed for t in ts),
            rows_renamed=sum(t.rows_renamed for t in ts),
            rows_moved=sum(t.rows_moved for t in ts),
            cells_changed=sum(t.cells_changed for t in ts),
            figures_changed=sum(t.figures_changed for t in ts),
            old_mismatches=sum(t.old_mismatches for t in ts),
            new_mismatches=sum(t.new_mismatches for t in ts),
        )
        for role, ts in groups.items()
    )


def template_environment(template: str) -> jinja2.Environment:
    """The one jinja2 set-up every HTML writer uses: the folders that hold ``template``
    (installed package first, then the checkout's), escaping on, and a name the
    template uses but nobody gave is an error, not an empty string."""
    dirs = [str(d) for d in TEMPLATE_DIRS if (d / template).is_file()]
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(dirs),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def _environment() -> jinja2.Environment:
    env = template_environment("annex.html.j2")
    env.globals.update(block_type=_block_type, label_kind=label_kind, row_mark=_row_mark, cell_runs=cell_runs,
                       header_layout=header_layout, rotated_columns=rotated_columns)
    return env


_BLOCK_TYPES = {Heading: lambda _: "heading", Paragraph: lambda _: "paragraph", Table: lambda _: "table"}


def _block_type(block: object) -> str:
    return dispatch(block, _BLOCK_TYPES, "annex HTML writer")


def _row_mark(cells: tuple[Cell, ...]) -> Mark | None:
    """"insert"/"delete" when the whole row is added/removed, else None."""
    marks = {r.mark for c in cells for r in c.runs if r.text.strip()}
    if len(marks) == 1:
        return marks.pop()
    return None


def render_html(plan: AnnexPlan, *, summary: bool = True) -> str:
    """The annex page as a string (``summary``: with the summary panel)."""
    template = _environment().get_template("annex.html.j2")
    roles = role_summaries(plan.tables)
    return template.render(
        plan=plan,
        summary=summary,
        old_name=_file_name(plan.old_source),
        new_name=_file_name(plan.new_source),
        title=document_name(plan),
        roles=roles,
        changed_tables=[t for t in plan.tables if _changed(t)],
        mismatched=[t for t in plan.tables if t.old_mismatches or t.new_mismatches],
    )


def _changed(t: TableSummary) -> bool:
    return bool(
        t.rows_added or t.rows_removed or t.rows_renamed or t.rows_moved or t.cells_changed or t.figures_changed
    )


def _file_name(source: str) -> str:
    """A version's file name without the folders it sits in on this machine
    (a page sent out should not show someone's home directory)."""
    return PureWindowsPath(source).name if "\\" in source else Path(source).name


def write_html(plan: AnnexPlan, dest: Path, inputs: tuple[Path, ...] = (), *, summary: bool = True) -> Path:
    return write_atomic(dest, render_html(plan, summary=summary).encode("utf-8"), inputs)
