"""Benchmark the versions store against parsing, in one process.

    python bench/bench_store.py [FILE.docx] [--repeat 5]

Baseline: reading FILE with the DOCX reader (what a command does without the
store). Measured in the same run: `versions add` (one transaction, opening
and checking the database included), loading the stored model by label, and
listing. Prints best-of-N seconds and each one's ratio to the baseline.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from figures import best_in_process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from redline.readers import read
    from redline.versions.store import opened

    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", default=str(ROOT / "fixtures" / "appendix-r-v6.18.docx"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    path = Path(args.file)
    doc = read(path)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "v.db"
        counter = iter(range(10_000))

        def add() -> None:
            with opened(db, create=True) as store:
                store.add(doc, f"v{next(counter)}")

        def load() -> None:
            with opened(db) as store:
                store.load("v0")

        def listing() -> None:
            with opened(db) as store:
                store.versions()

        baseline = best_in_process(lambda: read(path), args.repeat)
        rows = [("read DOCX (baseline)", baseline)]
        rows.append(("versions add", best_in_process(add, args.repeat)))
        rows.append(("load stored model", best_in_process(load, args.repeat)))
        rows.append((f"list ({args.repeat} versions)", best_in_process(listing, args.repeat)))
        size = db.stat().st_size
    for name, seconds in rows:
        print(f"{name:28s} {seconds * 1000:8.1f} ms  {seconds / baseline:5.2f}x")
    print(f"store size with {args.repeat} versions of {path.name}: {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
