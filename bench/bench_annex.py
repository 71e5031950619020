"""Benchmark: render the annex for a full-size pair of Appendix R versions.

    python bench/bench_annex.py [OLD.docx NEW.docx] [--worst] [--repeat 3] [--context 1]

Without files: the full-size pair of ``bench/build_large.py --pair`` (~150
landscape pages each, SEC 6.18 and 6.19 with the fixtures' planted changes
between them), built when missing. ``--worst`` instead reads the full-size
6.18 and derives a new version in the model in which *every* table and
section changed: in every table one row in 15 gets a changed value, one row is
added, one removed, one renamed and every footer figure changes; in every
section the first paragraph gains a sentence (MP089 touched 10 tables).

Prints best-of-N seconds for each step and, as the baseline run in the same
process, python-docx writing the same text through its public API (one
paragraph per block, ``add_table`` + ``cell.text`` per cell). Goal: DOCX and
HTML each under 2 s.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from redline.annex.full import plan_full  # noqa: E402
from redline.annex.plan import AnnexOptions, AnnexPlan, plan_annex  # noqa: E402
from redline.diff import diff  # noqa: E402
from redline.model import Cell, Document, FooterRow, Paragraph, Row, Run, Section, Table  # noqa: E402
from redline.readers import read  # noqa: E402
from redline.writers.docx import DocxSettings, render_docx  # noqa: E402
from redline.writers.html import render_html  # noqa: E402

LARGE = ROOT / "bench" / "out" / "appendix-r-large.docx"
PAIR = (ROOT / "bench" / "out" / "appendix-r-large-v6.18.docx", ROOT / "bench" / "out" / "appendix-r-large-v6.19.docx")


def _plain(text: str) -> Cell:
    return Cell(text, (Run(text),) if text else ())


def _change_table(t: Table) -> Table:
    rows = list(t.rows)
    if len(rows) < 4:
        return t
    for i in range(0, len(rows), 15):
        row = rows[i]
        cells = list(row.cells)
        for col in t.value_columns[:1]:
            if col < len(cells):
                cells[col] = _plain("Mandatory SMETS 2" if cells[col].text != "Mandatory SMETS 2" else "N/A")
        rows[i] = Row(tuple(cells), row.key, row.name)
    if t.name_column is not None:
        renamed = rows[1]
        cells = list(renamed.cells)
        cells[t.name_column] = _plain(cells[t.name_column].text + " (Renamed)")
        rows[1] = Row(tuple(cells), renamed.key, cells[t.name_column].text)
    added = rows[2]
    rows.insert(3, Row(added.cells, added.key + ".9", added.name + " Added"))
    del rows[-2]
    footer = tuple(FooterRow(f.label, tuple(x + 1 for x in f.figures), tuple(
        _plain(str(int(c.text) + 1)) if c.text.isdigit() else c for c in f.cells), None) for f in t.footer)
    return replace(t, rows=tuple(rows), footer=footer)


def _change_section(s: Section) -> Section:
    blocks = list(s.blocks)
    for i, b in enumerate(blocks):
        if isinstance(b, Paragraph) and b.text:
            text = b.text + " This sentence is new in the later version."
            blocks[i] = Paragraph(text, (Run(text),), b.list_level, b.style)
            break
    blocks = [_change_table(b) if isinstance(b, Table) else b for b in blocks]
    return replace(s, blocks=tuple(blocks))


def derived_pair(path: Path) -> tuple[Document, Document]:
    old = read(path)
    new = replace(old, source="derived-new", sections=tuple(_change_section(s) for s in old.sections))
    return old, new


def baseline_docx(plan: AnnexPlan) -> bytes:
    """The same text through python-docx's public API, unformatted."""
    import io

    import docx

    d = docx.Document()
    for item in plan.items:
        d.add_paragraph(item.instruction)
        for block in item.blocks:
            if isinstance(block, Table):
                rows = [*block.header_rows, *(r.cells for r in block.rows)]
                width = max(len(r) for r in rows)
                table = d.add_table(rows=len(rows), cols=width)
                for r, cells in zip(table.rows, rows, strict=True):
                    for c, cell in zip(r.cells, cells, strict=False):
                        c.text = "".join(x.text for x in cell.runs) or cell.text
            else:
                d.add_paragraph(getattr(block, "text", "") or getattr(block, "title", ""))
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def best_of(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--worst", action="store_true", help="every table and section changed (derived in the model)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--context", type=int, default=1)
    args = parser.parse_args()
    if len(args.files) == 2:
        old, new = read(args.files[0]), read(args.files[1])
        label = f"{args.files[0].name} -> {args.files[1].name}"
    else:
        if not (PAIR[0].exists() and PAIR[1].exists() and LARGE.exists()):
            subprocess.run([sys.executable, str(ROOT / "bench" / "build_large.py"), "--pair"], check=True)
        if args.worst:
            old, new = derived_pair(LARGE)
            label = f"{LARGE.name} -> derived new version (every table and section changed)"
        else:
            old, new = read(PAIR[0]), read(PAIR[1])
            label = f"{PAIR[0].name} -> {PAIR[1].name}"
    rows = sum(len(t.rows) for t in new.tables())
    print(f"{label}: {len(new.sections)} sections, {len(new.tables())} tables, {rows} rows; best of {args.repeat}")
    opts = AnnexOptions(mp="MP089", context=args.context)
    t_diff, result = best_of(lambda: diff(old, new), args.repeat)
    t_plan, plan = best_of(lambda: plan_annex(old, new, result, opts), args.repeat)  # type: ignore[arg-type]
    assert isinstance(plan, AnnexPlan)
    shown = sum(len(b.rows) for i in plan.items for b in i.blocks if isinstance(b, Table))
    print(f"  annex: {len(plan.items)} amendments, {shown} table rows shown")
    t_docx, data = best_of(lambda: render_docx(plan), args.repeat)
    t_tracked, _ = best_of(lambda: render_docx(plan, DocxSettings(tracked=True)), args.repeat)
    t_html, html = best_of(lambda: render_html(plan), args.repeat)
    t_base, _ = best_of(lambda: baseline_docx(plan), args.repeat)
    t_full_plan, full = best_of(lambda: plan_full(old, new, result, opts), args.repeat)  # type: ignore[arg-type]
    assert isinstance(full, AnnexPlan)
    t_full, _ = best_of(lambda: render_docx(full, DocxSettings(tracked=True)), args.repeat)
    t_full_html, _ = best_of(lambda: render_html(full), args.repeat)
    full_rows = sum(len(b.rows) for i in full.items for b in i.blocks if isinstance(b, Table))
    print(f"  {'python-docx public API (baseline)':36s} {t_base:7.3f} s  1.00x")
    for name, secs in (
        ("diff", t_diff),
        ("plan_annex", t_plan),
        ("render DOCX", t_docx),
        ("render tracked DOCX", t_tracked),
        ("render HTML", t_html),
        ("plan + DOCX", t_plan + t_docx),
        ("plan + HTML", t_plan + t_html),
        (f"--full: plan ({full_rows} rows)", t_full_plan),
        ("--full: render tracked DOCX", t_full),
        ("--full: render HTML", t_full_html),
    ):
        print(f"  {name:36s} {secs:7.3f} s  {secs / t_base:5.2f}x")
    print(f"  DOCX {len(data) / 1e6:.2f} MB, HTML {len(html) / 1e6:.2f} MB")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
