"""Write the README's speed table from the benchmarks' own figures.

    python bench/speed_table.py [--run] [--repeat N] [--readme README.md]

With ``--run``, runs bench_check.py, bench_pdf.py and bench_diff.py with
``--json bench/out/figures-*.json`` first (minutes: pdfplumber reads five
155-page PDFs); without it, reads those files as the last run left them.
Then replaces what stands between the README's two speed-table markers with
one row per figure: what is timed, the peer measured in the same run, both
times, and the ratio against the goal. Nothing in the table is typed by hand.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))

from figures import Figure, read_json  # noqa: E402

BEGIN = "<!-- speed table: written by bench/speed_table.py from bench/out/figures-*.json -->"
END = "<!-- end of speed table -->"
BENCHES = {
    "check": ["bench/bench_check.py"],
    "pdf": ["bench/bench_pdf.py"],
    "diff": ["bench/bench_diff.py"],
}


def run(repeat: int) -> None:
    for name, script in BENCHES.items():
        cmd = [sys.executable, *script, "--json", str(OUT / f"figures-{name}.json")]
        cmd += ["--engine-repeat" if name == "diff" else "--repeat", str(repeat)]
        print("running", " ".join(cmd[1:]), flush=True)
        subprocess.run(cmd, check=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))


def _seconds(wall: float, cpu: float) -> str:
    return f"{wall:.2f} s ({cpu:.2f} s CPU)"


def row(f: Figure) -> str:
    goal = "" if f.goal is None else f" (goal ≤ {f.goal:g}×: {'met' if f.ratio <= f.goal else 'not met'})"
    return (f"| `{f.bench}` | {f.what} | {f.peer}: {_seconds(f.peer_wall, f.peer_cpu)} | "
            f"{f.ours}: {_seconds(f.wall, f.cpu)} | **{f.ratio:.3f}×**{goal}; CPU {f.cpu_ratio:.3f}× |")


def table() -> str:
    lines = ["| benchmark | what is timed | peer, same run | redline | ratio, wall (goal); CPU |",
             "|---|---|---|---|---|"]
    notes = []
    for name in BENCHES:
        path = OUT / f"figures-{name}.json"
        if not path.exists():
            notes.append(f"`{BENCHES[name][0]}`: no figures yet (run `python bench/speed_table.py --run`)")
            continue
        context, figures = read_json(path)
        lines += [row(f) for f in figures]
        notes.append(f"`{BENCHES[name][0]}`: {context.get('when')}, {context.get('cores')} cores, load average "
                     f"{context.get('load')}, best of {context.get('repeat')}")
    return "\n".join([BEGIN, "", *lines, "", "Measured: " + "; ".join(notes) + ".", "", END])


def write(readme: Path) -> None:
    text = readme.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        sys.exit(f"{readme}: no speed-table markers ({BEGIN!r} … {END!r})")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    tmp = readme.with_suffix(".md.tmp")
    tmp.write_text(head + table() + tail, encoding="utf-8")
    os.replace(tmp, readme)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run", action="store_true", help="run the benchmarks first")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    args = parser.parse_args()
    if args.run:
        run(args.repeat)
    write(args.readme)
    print(f"wrote the speed table into {args.readme}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
