"""A full copy of the new version with every change marked.

What ``redline annex --full --tracked`` writes: the whole of the new
version, section by section with every table whole, where each difference
from the old version is a revision. Accept All gives the new version and
Reject All the old, which is how a drafter hands a complete amended
Appendix R to someone who wants to see the changes in place.

Pure: built from the same pieces as the annex plan.
"""

from __future__ import annotations

from dataclasses import replace

from redline.annex.plan import (
    AnnexOptions,
    AnnexPlan,
    SectionStep,
    plan_annex,
    redline_paragraphs,
    redline_table,
    section_steps,
    with_alignment,
)
from redline.annex.wordruns import word_runs
from redline.diff.match import SETTINGS, MatchSettings
from redline.diff.records import DiffResult
from redline.model import Amendment, Document, Heading, Instruction, Paragraph, Table, Target
from redline.structure import make_amendment

EVERY_ROW = 1 << 30


def _paragraphs(blocks: tuple[object, ...]) -> list[Paragraph]:
    return [b for b in blocks if isinstance(b, Paragraph) and b.text]


def full_section(step: SectionStep) -> Amendment:
    """A whole section, redlined, with its tables where the new version has them."""
    before, after = step.old, step.new
    ref = after or before
    assert ref is not None
    old_title = before.title if before else ""
    new_title = after.title if after else ""
    paragraphs = redline_paragraphs(
        _paragraphs(before.blocks if before else ()), _paragraphs(after.blocks if after else ()), step.paragraphs
    )
    # The number goes into the runs, so a renumbered, added or removed section's
    # number is marked like its title; Heading.number stays empty.
    old_heading = f"{before.number} {old_title}" if before else ""
    new_heading = f"{after.number} {new_title}" if after else ""
    heading = Heading("", new_heading, ref.level, word_runs(old_heading, new_heading))
    blocks: list[Heading | Paragraph | Table] = [heading]
    tables: list[tuple[int, Table]] = []
    partners = {id(new): (prior, aligned) for prior, new, aligned in step.tables}
    seen = 0
    for block in after.blocks if after else ():
        if isinstance(block, Paragraph) and block.text:
            seen += 1
        elif isinstance(block, Table):
            prior, aligned = partners[id(block)]
            tables.append((seen, redline_table(prior, block, EVERY_ROW, count=False, aligned=aligned)[0]))
    kept = 0
    for paragraph in paragraphs:
        while tables and tables[0][0] == kept:
            blocks.append(tables.pop(0)[1])
        blocks.append(paragraph)
        if paragraph.text:  # a paragraph of the new version (not one wholly struck)
            kept += 1
    blocks.extend(t for _, t in tables)
    return make_amendment(Instruction("amend", Target("section", ref.number)), blocks, text="")


def plan_full(
    old: Document,
    new: Document,
    diff_result: DiffResult | None = None,
    options: AnnexOptions | None = None,
    *,
    settings: MatchSettings = SETTINGS,
) -> AnnexPlan:
    """Every section of the new version (and each removed one where it stood)."""
    diff_result = with_alignment(old, new, diff_result, settings)
    base = plan_annex(old, new, diff_result, options, settings=settings)
    items = tuple(full_section(step) for step in section_steps(old, new, diff_result.alignment))
    front = redline_paragraphs(_paragraphs(old.front), _paragraphs(new.front))
    return replace(base, items=items, front=tuple(front), full=True)
