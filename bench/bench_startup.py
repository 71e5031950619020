"""Benchmark: start-up, whole processes, against ``python -c pass`` in the same run.

    python bench/bench_startup.py [--repeat 20]

Times ``redline --version`` (goal: <= 0.08 s), the imports ``redline check``
of a DOCX needs before it reads (the CLI, checks, the DOCX reader, the text
writer), and ``python -c "import redline.cli, redline.diff, …"`` with the
diff, annex and versions code the other commands load, to show what a
command that does not need them no longer pays. The commands take turns,
round by round; medians and minimums are printed with each one's ratio to
the bare interpreter (the steadier figure on a busy machine).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REDLINE = str(Path(sys.executable).parent / "redline")

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "redline --version": [REDLINE, "--version"],
    "imports of check (DOCX)": [
        sys.executable, "-c",
        "import redline.cli, redline.checks, redline.inputs, redline.readers.docx, redline.writers.text",
    ],
    "imports of every command": [
        sys.executable, "-c",
        "import redline.cli, redline.checks, redline.readers.docx, redline.readers.pdf, redline.diff, "
        "redline.annex.plan, redline.versions.apply, redline.writers.annex, redline.versions.store",
    ],
}


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    runs: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.repeat):
        for name, cmd in COMMANDS.items():
            runs[name].append(timed(cmd))
    base = statistics.median(runs["python -c pass"])
    print(f"{'command':26s} {'median':>9s} {'min':>9s}  ratio to python -c pass (median)")
    for name, times in runs.items():
        median = statistics.median(times)
        print(f"{name:26s} {median * 1000:7.1f}ms {min(times) * 1000:7.1f}ms  {median / base:5.2f}x")
    version = statistics.median(runs["redline --version"])
    print(f"redline --version: {version:.3f} s (goal <= 0.08 s): {'ok' if version <= 0.08 else 'over'}")


if __name__ == "__main__":
    main()
