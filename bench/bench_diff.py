"""Benchmark: `redline diff` of two full-size DOCX versions, end to end, against
the DOCX comparison engines people use today, in the same run.

    python bench/bench_diff.py [OLD.docx NEW.docx] [--repeat 3] [--scale 15] [--json FILE]

Without files, uses bench/out/appendix-r-large-v6.18.docx and -v6.19.docx,
writing them first with bench/build_large.py's ``build_pair`` (or, without
that script, fixtures/build_fixtures.py's ``build_appendix(version, scale=N)``).
Prints, per engine, best-of-N seconds, what it reports (our
change items; the engines' tracked revisions) and the ratio of the faster
engine's time to ours (goal: >= 20x).

Engines: Docxodus through python-redlines (`pip install python-redlines
python-redlines-docxodus`, a bundled .NET binary) and jubarte-redlines
(`pip install jubarte-redlines`, a Rust extension). Revisions of both are
counted the same way, with jubarte's ``get_revisions`` (which groups them as
Docxodus's GetRevisions does), plus Docxodus's own count from its output.
With ``--json FILE``: redline and jubarte-redlines each run as a whole process
(bench/figures.py), taking turns, and the figure is written for
bench/speed_table.py.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))

from figures import Figure, machine, timed, write_json  # noqa: E402


@dataclass
class Run:
    engine: str
    seconds: float | None
    reports: str
    note: str = ""


def _best(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - start)
    return best, value


def _pages(path: Path) -> str:
    """Page count of the DOCX as LibreOffice lays it out (docProps/app.xml is
    not trustworthy for generated files), when soffice is installed."""
    import shutil
    import tempfile

    if not shutil.which("soffice"):
        return "?"
    with tempfile.TemporaryDirectory() as tmp:
        profile = f"-env:UserInstallation=file://{tmp}/profile"
        subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(path)],
                       capture_output=True, timeout=600, check=False)
        pdf = Path(tmp) / (path.stem + ".pdf")
        if not pdf.exists():
            return "?"
        data = pdf.read_bytes()
        return str(len(re.findall(rb"/Type\s*/Page[^s]", data)))


def make_pair(scale: int) -> tuple[Path, Path]:
    """The large 6.18/6.19 pair: bench/build_large.py's ``build_pair`` (the
    fixtures helper's, ~150 pages) when present, else our own at ``scale``.
    Files already in bench/out are reused."""
    OUT.mkdir(parents=True, exist_ok=True)
    old, new = OUT / "appendix-r-large-v6.18.docx", OUT / "appendix-r-large-v6.19.docx"
    if old.exists() and new.exists():
        return old, new
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    try:
        from build_large import build_pair  # type: ignore[import-not-found]
    except ImportError:
        from fixtures.build_fixtures import build_appendix  # type: ignore[import-not-found]

        old.write_bytes(build_appendix("6.18", scale=scale))
        new.write_bytes(build_appendix("6.19", scale=scale))
        return old, new
    built: tuple[Path, Path] = build_pair(OUT)
    return built


def run_redline(old: Path, new: Path, repeat: int) -> Run:
    cmd = [sys.executable, "-m", "redline", "diff", str(old), str(new), "--json"]

    def once() -> subprocess.CompletedProcess[str]:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=True)

    seconds, done = _best(once, repeat)
    assert isinstance(done, subprocess.CompletedProcess)
    data = json.loads(done.stdout)
    s = data["summary"]
    paragraphs = sum(max(1, len(x["paragraphs"])) for x in data["sections"])
    rows = s["rows_added"] + s["rows_removed"] + s["rows_renamed"] + s["rows_moved"]
    items = paragraphs + rows + s["cells_changed"]
    detail = (f"{items} items: {len(data['sections'])} sections ({paragraphs} paragraph/section items), "
              f"{rows} rows, {s['cells_changed']} cells; {s['counts_changed']} footer figures follow; "
              f"{s['references']} reference problems")
    return Run("redline diff", seconds, detail)


def stages(old: Path, new: Path) -> str:
    """Where redline's time goes, in this process: reading each file, the diff, the JSON."""
    sys.path.insert(0, str(ROOT))
    from redline.diff import diff
    from redline.readers import read
    from redline.writers.json import diff_to_dict, dumps

    t0 = time.perf_counter()
    a = read(old)
    t1 = time.perf_counter()
    b = read(new)
    t2 = time.perf_counter()
    result = diff(a, b)
    t3 = time.perf_counter()
    dumps(diff_to_dict(result))
    t4 = time.perf_counter()
    rows = sum(len(t.rows) for t in b.tables())
    return (f"read old {t1 - t0:.2f} s, read new {t2 - t1:.2f} s, diff {t3 - t2:.2f} s, JSON {t4 - t3:.2f} s "
            f"({len(b.sections)} sections, {len(b.tables())} tables, {rows} body rows in the new version)")


def run_docxodus(old: Path, new: Path, repeat: int) -> Run:
    try:
        from python_redlines.engines import DocxodusEngine
    except ImportError as exc:
        return Run("Docxodus", None, "", f"not installed: pip install python-redlines python-redlines-docxodus ({exc})")
    engine = DocxodusEngine()  # extracts the bundled binary once, outside the timing
    a, b = old.read_bytes(), new.read_bytes()
    seconds, value = _best(lambda: engine.run_redline("redline", a, b), repeat)
    out, stdout, _ = value  # type: ignore[misc]
    m = re.search(r"(\d+) revision", stdout or "")
    own = f"{m.group(1)} revisions by its own count" if m else "no count printed"
    return Run("Docxodus", seconds, f"{_revisions(out)} revisions; {own}")


def run_jubarte(old: Path, new: Path, repeat: int) -> Run:
    try:
        import jubarte_redlines as jr
    except ImportError as exc:
        return Run("jubarte-redlines", None, "", f"not installed: pip install jubarte-redlines ({exc})")
    a, b = old.read_bytes(), new.read_bytes()
    seconds, out = _best(lambda: jr.compare_documents(a, b, author="redline", date="2026-01-01T00:00:00Z"), repeat)
    assert isinstance(out, bytes)
    return Run("jubarte-redlines", seconds, f"{_revisions(out)} revisions")


def _revisions(docx: bytes) -> str:
    try:
        import jubarte_redlines as jr
    except ImportError:
        return "?"
    return str(len(jr.get_revisions(docx)))


JUBARTE = """
import sys, jubarte_redlines as jr
a, b = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
print(len(jr.compare_documents(a, b, author="redline", date="2026-01-01T00:00:00Z")))
"""

GOAL = 0.02
"""Issue 22: ``redline diff`` of the pair in at most this share of jubarte-redlines' comparison."""


def whole_processes(old: Path, new: Path, repeat: int) -> list[Figure]:
    """``redline diff --json`` and jubarte-redlines' compare_documents, each a
    whole process (start-up and imports included), taking turns."""
    import importlib.util

    if importlib.util.find_spec("jubarte_redlines") is None:
        print("jubarte-redlines: not installed (pip install -e '.[bench]'), no whole-process figure")
        return []
    py = sys.executable
    best: dict[str, tuple[float, float]] = {}
    for _ in range(repeat):
        for name, cmd in (("jubarte", [py, "-c", JUBARTE, str(old), str(new)]),
                          ("redline", [py, "-m", "redline", "diff", str(old), str(new), "--json"])):
            wall, cpu, _ = timed(cmd, cwd=ROOT, ok=(0, 1))
            prev = best.get(name, (float("inf"), float("inf")))
            best[name] = (min(prev[0], wall), min(prev[1], cpu))
    figure = Figure("bench/bench_diff.py", f"diff of {old.name} and {new.name}",
                    "jubarte-redlines compare_documents", *best["jubarte"], "redline diff --json", *best["redline"],
                    GOAL)
    print(figure.line())
    return [figure]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="runs of redline diff (best is kept)")
    parser.add_argument("--engine-repeat", type=int, default=1, help="runs of each engine (they are slow)")
    parser.add_argument("--scale", type=int, default=15, help="DUIS row repeat factor for our own pair")
    parser.add_argument("--no-engines", action="store_true")
    parser.add_argument("--json", type=Path, help="time redline and jubarte-redlines as whole processes only, "
                                                  "and write the figure here (for bench/speed_table.py)")
    args = parser.parse_args()
    if len(args.files) == 2:
        old, new = args.files
    else:
        old, new = make_pair(args.scale)
    if args.json:
        figures = whole_processes(old, new, args.engine_repeat)
        write_json(args.json, figures, {**machine(), "repeat": args.engine_repeat})
        return
    size = sum(p.stat().st_size for p in (old, new))
    print(f"pair: {old.name} / {new.name} ({size / 1e6:.1f} MB together, {_pages(new)} pages in {new.name})",
          flush=True)
    runs = [run_redline(old, new, args.repeat)]
    print(f"redline stages: {stages(old, new)}", flush=True)
    if not args.no_engines:
        runs += [run_docxodus(old, new, args.engine_repeat), run_jubarte(old, new, args.engine_repeat)]
    ours = runs[0].seconds or 0.0
    for r in runs:
        if r.seconds is None:
            print(f"{r.engine:18} skipped: {r.note}")
            continue
        ratio = f"{r.seconds / ours:6.1f}x redline" if ours else ""
        print(f"{r.engine:18} {r.seconds:8.2f} s  {ratio}  {r.reports}", flush=True)
    engines = [r.seconds for r in runs[1:] if r.seconds is not None]
    if engines:
        speedup = min(engines) / ours
        verdict = "meets" if speedup >= 20 else "misses"
        print(f"redline diff is {speedup:.1f}x faster than the faster engine ({verdict} the 20x goal)")


if __name__ == "__main__":
    main()
