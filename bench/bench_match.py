"""Benchmark: what the matcher (redline/diff/match.py) costs per table row and
per paragraph, and that it grows in proportion to the document (no quadratic
step), every figure a ratio against a baseline measured in the same run.

    python bench/bench_match.py [--repeat 3] [--definitions 1000]

1. The full-size bench pair (bench/out/appendix-r-large-v6.18/-v6.19.docx,
   written by bench/build_large.py ``build_pair`` when missing) and the same
   pair with every table doubled: the matcher's time per table row against a
   pass that only hashes every row's texts (the least any pairing must do),
   and doubled / single (1.0 per row means linear).
2. A synthetic Section A of N definitions (one paragraph each), every one of
   them retyped ("made under" -> "entered into under") and 1 % of them: the
   matcher's time per paragraph, 2N / N, and the same stretch with an
   unbounded comparison window (the rule before ``paragraph_window``: each
   retyped definition compared with every other, quadratic).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from figures import best_in_process  # noqa: E402

from redline.diff.match import MatchSettings, align, align_paragraphs, pair_sections  # noqa: E402
from redline.model import Document, Paragraph, Section, Table  # noqa: E402
from redline.readers import read  # noqa: E402

OUT = ROOT / "bench" / "out"


def _pair() -> tuple[Path, Path]:
    old, new = OUT / "appendix-r-large-v6.18.docx", OUT / "appendix-r-large-v6.19.docx"
    if not (old.exists() and new.exists()):
        from bench.build_large import build_pair

        build_pair()
    return old, new


def _doubled(doc: Document) -> Document:
    """Every table with its body rows twice (keys suffixed, so still unique)."""

    def table(t: Table) -> Table:
        again = tuple(replace(r, key=f"{r.key}-x") for r in t.rows)
        return replace(t, rows=(*t.rows, *again))

    def section(s: Section) -> Section:
        return replace(s, blocks=tuple(table(b) if isinstance(b, Table) else b for b in s.blocks))

    return replace(doc, sections=tuple(section(s) for s in doc.sections))


def _rows(doc: Document) -> int:
    return sum(len(t.rows) for t in doc.tables())


def _hash_rows(old: Document, new: Document) -> None:
    for doc in (old, new):
        for t in doc.tables():
            for r in t.rows:
                hash(r.texts)


def _matcher(old: Document, new: Document) -> None:
    align(old.sections, new.sections, old.tables(), new.tables())


def tables(repeat: int) -> None:
    old_path, new_path = _pair()
    old, new = read(old_path), read(new_path)
    old2, new2 = _doubled(old), _doubled(new)
    rows, rows2 = _rows(old) + _rows(new), _rows(old2) + _rows(new2)
    base = best_in_process(lambda: _hash_rows(old, new), repeat) / rows
    one = best_in_process(lambda: _matcher(old, new), repeat) / rows
    two = best_in_process(lambda: _matcher(old2, new2), repeat) / rows2
    print(f"bench pair: {rows} table rows ({rows2} doubled), {len(old.sections) + len(new.sections)} sections")
    print(f"  matcher per table row: {one * 1e6:.1f} us = {one / base:.0f}x hashing a row's texts")
    print(f"  per row, doubled / single: {two / one:.2f} (1.0 = linear)")


def _definitions(n: int, every: int) -> tuple[list[str], list[str]]:
    old = [
        f"\u201cTerm {k} Alpha\u201d means the arrangement number {k} made under Section {chr(65 + k % 24)} "
        "of this Code, as amended from time to time."
        for k in range(n)
    ]
    new = [t.replace("made under", "entered into under") if k % every == 0 else t for k, t in enumerate(old)]
    return old, new


def definitions(n: int, repeat: int) -> None:
    print(f"synthetic Section A, {n} definitions:")
    for every, what in ((1, "every definition retyped"), (100, "1 % retyped")):
        old, new = _definitions(n, every)
        old2, new2 = _definitions(2 * n, every)
        base = best_in_process(lambda o=old, nw=new: [hash(t) for t in (*o, *nw)], repeat) / n  # type: ignore[misc]
        one = best_in_process(lambda o=old, nw=new: align_paragraphs(o, nw), repeat) / n  # type: ignore[misc]
        two = best_in_process(lambda o=old2, nw=new2: align_paragraphs(o, nw), repeat) / (2 * n)  # type: ignore[misc]
        print(f"  {what}: {one * 1e6:.1f} us per paragraph = {one / base:.0f}x hashing it; "
              f"per paragraph, {2 * n} / {n}: {two / one:.2f} (1.0 = linear)")
    small = max(50, n // 4)
    old, new = _definitions(small, 1)
    unbounded = MatchSettings(paragraph_window=10**9)
    windowed = best_in_process(lambda: align_paragraphs(old, new), 1)
    everything = best_in_process(lambda: align_paragraphs(old, new, unbounded), 1)
    same = align_paragraphs(old, new) == align_paragraphs(old, new, unbounded)
    print(f"  {small} retyped, unbounded window (the rule before) / window of 50: {everything / windowed:.0f}x"
          f" slower; same pairs: {same}")


def _sections(n: int) -> tuple[list[Section], list[Section]]:
    """N sections of 20 to 400 words (log-uniform, as section lengths vary); in
    the new version the second half of each chapter's 20 is renumbered (one
    inserted before them) and every third edited."""
    import random

    rnd = random.Random(3)
    vocabulary = [f"w{k}" for k in range(3000)]
    weights = [1 / (k + 1) for k in range(3000)]  # Zipf, as words in prose are
    old, new = [], []
    for k in range(n):
        text = " ".join(rnd.choices(vocabulary, weights, k=round(20 * 20 ** rnd.random()))) + "."
        old.append(Section(f"{k // 20 + 1}.{k % 20 + 1}", f"Title {k}", 2, (Paragraph(text),)))
        edited = text + " and more words here" if k % 3 == 0 else text
        number = f"{k // 20 + 1}.{k % 20 + 1 + (1 if k % 20 >= 10 else 0)}"
        new.append(Section(number, f"Title {k}", 2, (Paragraph(edited),)))
    return old, new


def sections(n: int, repeat: int) -> None:
    old, new = _sections(n)
    old2, new2 = _sections(2 * n)
    base = best_in_process(lambda: [hash(s.blocks) for s in (*old, *new)], repeat) / n
    one = best_in_process(lambda: pair_sections(old, new), repeat) / n
    two = best_in_process(lambda: pair_sections(old2, new2), repeat) / (2 * n)
    print(f"synthetic sections, {n} (half of each chapter renumbered, a third edited): "
          f"{one * 1e6:.0f} us per section = {one / base:.0f}x hashing it; per section, {2 * n} / {n}: {two / one:.2f}"
          " (the sections both renumbered and edited: those of similar length compared each with each)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--definitions", type=int, default=1000)
    args = ap.parse_args()
    definitions(args.definitions, args.repeat)
    sections(args.definitions // 2, args.repeat)
    tables(args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
