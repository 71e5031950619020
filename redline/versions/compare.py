"""Compare two Documents by content: "is the consolidated draft the same as 6.19?"

Two models of one appendix differ in things that do not matter: the source
path and hash, how a reader split text into runs, the title page (annexes
never amend it, and it states a different SEC version), and the warnings.
:func:`differences` compares what does matter (section numbers, titles and
levels, paragraph text and list level, table columns, row keys, names and
cells, footer labels and figures) and reports the first differences as
readable lines, each naming its place. Pure.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from redline.model import Block, Document, Paragraph, Section, Table, normalise


@dataclass(frozen=True, slots=True)
class Settings:
    list_levels: bool = True
    """Compare paragraphs' list levels (a PDF reader may not see bullets)."""
    table_titles: bool = True


def _short(text: str, width: int = 60) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def _tables(where: str, a: Table, b: Table) -> Iterator[str]:
    if a.columns != b.columns:
        yield f"{where}: columns {list(a.columns)} != {list(b.columns)}"
        return
    if len(a.rows) != len(b.rows):
        yield f"{where}: {len(a.rows)} rows != {len(b.rows)} rows"
    for i, (ra, rb) in enumerate(zip(a.rows, b.rows, strict=False)):
        ta = tuple(normalise(t) for t in ra.texts)
        tb = tuple(normalise(t) for t in rb.texts)
        if (ra.key, ra.name, ta) != (rb.key, rb.name, tb):
            yield f"{where} row {i + 1}: {ra.key} {_short(' | '.join(ta))} != {rb.key} {_short(' | '.join(tb))}"
            return
    fa = [(f.label, f.figures) for f in a.footer]
    fb = [(f.label, f.figures) for f in b.footer]
    if fa != fb:
        for x, y in zip(fa, fb, strict=False):
            if x != y:
                yield f"{where} footer: {x[0]} {list(x[1])} != {y[0]} {list(y[1])}"
                return
        yield f"{where} footer: {len(fa)} rows != {len(fb)} rows"


def _blocks(where: str, a: tuple[Block, ...], b: tuple[Block, ...], s: Settings) -> Iterator[str]:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        at = f"{where} block {i + 1}"
        if isinstance(x, Paragraph) and isinstance(y, Paragraph):
            if normalise(x.text) != normalise(y.text):
                yield f"{at}: {_short(x.text)} != {_short(y.text)}"
                return
            # A labelled sub-paragraph's place is its label ("(ii)"); its list level is the reader's
            # (Word's ilvl 3 in the DOCX, 1 from a PDF's indent, 0 where the label is typed text).
            labelled = bool(x.label) and x.label == y.label and x.style == y.style
            if s.list_levels and not labelled and (x.list_level, x.style) != (y.list_level, y.style):
                yield f"{at}: list level/style {x.list_level}/{x.style} != {y.list_level}/{y.style}"
        elif isinstance(x, Table) and isinstance(y, Table):
            if (x.number, x.kind) != (y.number, y.kind) or (s.table_titles and x.title != y.title):
                yield f"{at}: table {x.number} {x.kind} {x.title!r} != table {y.number} {y.kind} {y.title!r}"
                return
            yield from _tables(f"{where} table {x.number}", x, y)
        else:
            yield f"{at}: {type(x).__name__} != {type(y).__name__}"
            return
    if len(a) != len(b):
        extra = a[len(b)] if len(a) > len(b) else b[len(a)]
        shown = _short(extra.text) if isinstance(extra, Paragraph) else f"table {extra.number}"
        yield f"{where}: {len(a)} blocks != {len(b)} blocks (first unmatched: {shown})"


def _sections(a: tuple[Section, ...], b: tuple[Section, ...], s: Settings) -> Iterator[str]:
    na, nb = [x.number for x in a], [x.number for x in b]
    if na != nb:
        only_a = [n for n in na if n not in nb]
        only_b = [n for n in nb if n not in na]
        yield f"sections differ: only in first {only_a}, only in second {only_b}"
    by_number = {x.number: x for x in b}
    for x in a:
        y = by_number.get(x.number)
        if y is None:
            continue
        if (normalise(x.title), x.level) != (normalise(y.title), y.level):
            yield f"section {x.number}: title/level {_short(x.title)}/{x.level} != {_short(y.title)}/{y.level}"
        yield from _blocks(f"section {x.number}", x.blocks, y.blocks, s)


def differences(a: Document, b: Document, settings: Settings | None = None, limit: int = 20) -> list[str]:
    """The first ``limit`` content differences between ``a`` and ``b`` (empty when equal)."""
    s = settings or Settings()
    out: list[str] = []
    if normalise(a.title) != normalise(b.title):
        out.append(f"title {_short(a.title)} != {_short(b.title)}")
    for line in _sections(a.sections, b.sections, s):
        out.append(line)
        if len(out) >= limit:
            break
    return out[:limit]


def same_content(a: Document, b: Document, settings: Settings | None = None) -> bool:
    return not differences(a, b, settings, limit=1)
