"""Benchmark: `redline check` on a full-size Appendix R against a plain
python-docx read of the same file, as whole processes, in the same run.

    python bench/bench_check.py [FILE.docx] [--repeat 3]

Without FILE, builds bench/out/appendix-r-large.docx (~150 landscape pages of
role tables) with bench/build_large.py first. Prints best-of-N wall and CPU
seconds and the ratio of each command to the python-docx baseline (goal:
check <= 0.2x, issue 22); CPU time is the steadier figure on a busy machine.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LARGE = ROOT / "bench" / "out" / "appendix-r-large.docx"

BASELINE = """
import sys, docx
d = docx.Document(sys.argv[1])
n = 0
for p in d.paragraphs:
    n += len(p.text)
for t in d.tables:
    for row in t.rows:
        for cell in row.cells:
            n += len(cell.text)
print(n)
"""

UNZIP_PARSE = """
import sys, zipfile
from lxml import etree
with zipfile.ZipFile(sys.argv[1]) as z:
    etree.fromstring(z.read("word/document.xml"))
"""


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one whole-process run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed: {done.stderr.strip()}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best_of(runs: dict[str, list[str]], repeat: int) -> dict[str, tuple[float, float]]:
    """Best wall and CPU time per command. The commands take turns, round by
    round, so a burst of load from other processes hits them all alike."""
    best = {name: (float("inf"), float("inf")) for name in runs}
    for _ in range(repeat):
        for name, cmd in runs.items():
            wall, cpu = timed(cmd)
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=LARGE)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.file.exists():
        builder = ROOT / "bench" / "build_large.py"
        if builder.exists():
            subprocess.run([sys.executable, str(builder)], check=True)
        else:  # a stand-in builder (no fixture code needed)
            subprocess.run([sys.executable, str(ROOT / "bench" / "large_docx.py"), str(args.file)], check=True)
    py = sys.executable
    f = str(args.file)
    runs = {
        "python-docx read (baseline)": [py, "-c", BASELINE, f],
        "unzip + lxml parse": [py, "-c", UNZIP_PARSE, f],
        "redline check": [py, "-m", "redline", "check", f],
        "redline parse --json": [py, "-m", "redline", "parse", "--json", f],
    }
    results = best_of(runs, args.repeat)
    base_wall, base_cpu = results["python-docx read (baseline)"]
    print(f"{args.file.name}: {args.file.stat().st_size / 1e6:.1f} MB, best of {args.repeat}")
    print(f"  {'':30s} {'wall':>8s}  {'ratio':>6s}  {'CPU':>8s}  {'ratio':>6s}")
    for name, (wall, cpu) in results.items():
        print(f"  {name:30s} {wall:7.3f}s  {wall / base_wall:5.2f}x  {cpu:7.3f}s  {cpu / base_cpu:5.2f}x")


if __name__ == "__main__":
    main()
