"""Benchmark: `redline review` of the 150-page pair against `redline diff` of
the same pair, in the same run (goal: review within 1.5x diff; the page under 2 MB).

    python bench/bench_review.py [OLD.docx NEW.docx] [--repeat 3]

Without files, uses bench/out/appendix-r-large-v6.18.docx and -v6.19.docx,
writing them first with bench/build_large.py's ``build_pair``. Two ratios:

* in process, both documents read once: ``diff(old, new)`` against
  ``review(old, new)`` + rendering and writing the page (the review's own
  cost: the diff it makes, both checks, grouping and the template);
* whole commands, reading included: ``redline diff OLD NEW`` against
  ``redline review OLD NEW -o page.html`` (CPU time, the steadier figure on a
  shared machine).

The goal is on the commands, as a user runs them; the in-process ratio says
what the review adds to a diff already made (both checks, the page) and is
printed for the record. Best of N each, taking turns round by round so load
from other processes hits both alike.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LIMIT = 1.5
MAX_BYTES = 2_000_000


def _pair(args: argparse.Namespace) -> tuple[Path, Path]:
    if args.old and args.new:
        return Path(args.old), Path(args.new)
    old, new = OUT / "appendix-r-large-v6.18.docx", OUT / "appendix-r-large-v6.19.docx"
    if not (old.exists() and new.exists()):
        from bench.build_large import build_pair

        return build_pair(OUT)
    return old, new


def _cpu(cmd: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed: {done.stderr.strip()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", nargs="?")
    parser.add_argument("new", nargs="?")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import redline
    from redline.inputs import load_eligibility
    from redline.writers.review_html import write_review_html

    old_path, new_path = _pair(args)
    old, new = redline.read(old_path), redline.read(new_path)
    eligibility = load_eligibility()
    best = {"diff": float("inf"), "review": float("inf"), "redline diff": float("inf"),
            "redline review": float("inf")}
    with tempfile.TemporaryDirectory(prefix="redline-review-") as tmp:
        page = Path(tmp) / "review.html"
        py = sys.executable
        for _ in range(args.repeat):
            start = time.perf_counter()
            redline.diff(old, new)
            best["diff"] = min(best["diff"], time.perf_counter() - start)
            start = time.perf_counter()
            write_review_html(redline.review(old, new, eligibility=eligibility), page)
            best["review"] = min(best["review"], time.perf_counter() - start)
            best["redline diff"] = min(best["redline diff"],
                                       _cpu([py, "-m", "redline", "diff", str(old_path), str(new_path)]))
            best["redline review"] = min(best["redline review"], _cpu(
                [py, "-m", "redline", "review", str(old_path), str(new_path), "-o", str(page)]))
        size = page.stat().st_size
    in_process = best["review"] / best["diff"]
    commands = best["redline review"] / best["redline diff"]
    print(f"{old_path.name} -> {new_path.name}, best of {args.repeat}")
    print(f"  in process:  diff {best['diff']:.3f}s, review + page {best['review']:.3f}s: {in_process:.2f}x")
    print(f"  commands:    redline diff {best['redline diff']:.3f}s CPU, redline review "
          f"{best['redline review']:.3f}s CPU: {commands:.2f}x")
    print(f"  page: {size / 1e6:.2f} MB")
    ok = commands <= LIMIT and size < MAX_BYTES
    print(f"goal (redline review <= {LIMIT}x redline diff, page < 2 MB): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
