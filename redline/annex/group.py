"""Group an annex's section amendments the way drafters do.

MP089 writes "Amend Section 1 as follows:" once, over "1 Introduction", 1.1 and
1.2, because every subsection of Section 1 changed; Sections 5.4 and 8.1.4
keep their own instructions because their siblings did not change. The rule,
applied from the deepest sections up: when every numbered subsection (two or
more) of Section N has an "Amend Section" item, and those items (with N's own,
if N changed) stand together with no table item between them, they become
one "Amend Section N as follows:" item, N's heading first. Inserted, deleted
and renumbered sections keep their own instructions. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypeAlias

from redline.model import Amendment, Document, Heading, Instruction, Paragraph, Run, Table, Target
from redline.structure import make_amendment

Grouping: TypeAlias = Literal["sections", "none"]
GROUPINGS: tuple[Grouping, ...] = ("sections", "none")


def _amends(item: Amendment) -> bool:
    return item.target.kind == "section" and item.verb == "amend" and item.parsed.last is None


def _children(new: Document, number: str) -> list[str]:
    depth = number.count(".") + 1
    return [s.number for s in new.sections if s.number.startswith(number + ".") and s.number.count(".") == depth]


def _group_once(items: list[Amendment], new: Document, parent: str) -> list[Amendment] | None:
    children = _children(new, parent)
    if len(children) < 2:
        return None
    amended = {i.target.number: k for k, i in enumerate(items) if _amends(i)}
    if any(c not in amended for c in children):
        return None
    inside = [k for k, i in enumerate(items) if i.target.kind == "section" and (
        i.target.number == parent or i.target.number.startswith(parent + "."))]
    if not all(_amends(items[k]) for k in inside) or inside != list(range(inside[0], inside[-1] + 1)):
        return None  # a table item, or an inserted/deleted subsection, between them
    blocks: list[Heading | Paragraph | Table] = []
    if parent not in amended:
        section = new.section(parent)
        assert section is not None
        blocks.append(Heading(parent, section.title, section.level, (Run(section.title),)))
    for k in inside:
        blocks.extend(items[k].blocks)
    merged = make_amendment(Instruction("amend", Target("section", parent)), blocks)
    return [*items[: inside[0]], merged, *items[inside[-1] + 1 :]]


def group_sections(items: Sequence[Amendment], new: Document, grouping: Grouping = "sections") -> list[Amendment]:
    """``items`` with every fully amended parent section's subsections under one instruction."""
    out = list(items)
    if grouping == "none":
        return out
    parents = sorted({s.number.rpartition(".")[0] for s in new.sections if "." in s.number},
                     key=lambda n: -n.count("."))
    for parent in parents:
        grouped = _group_once(out, new, parent)
        if grouped is not None:
            out = grouped
    return out
