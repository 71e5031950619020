"""Benchmark: reading a full-size Appendix R PDF (tables included) against
pdfplumber's own ``extract_text`` over every page, in the same run.

    python bench/bench_pdf.py [FILE.pdf] [--repeat N]

Without FILE: converts bench/out/appendix-r-large.docx (built by
bench/build_large.py when missing, ~150 landscape pages) to PDF with
LibreOffice. Each measurement runs in its own process and times the work only
(imports excluded):

- baseline: ``pdfplumber.open(f)`` and ``page.extract_text()`` for every page;
- cold: ``redline.readers.read(f)`` with an empty page cache (pages in
  parallel on every core);
- cold, one process: the same with the pool switched off, for reference;
- cached: the second read, pages from the cache.

Prints seconds (best of N) and each ratio to the baseline (goal: cold <= 0.5x).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"

BASELINE = """
import sys, time, pdfplumber
t = time.perf_counter()
n = 0
with pdfplumber.open(sys.argv[1]) as pdf:
    pages = len(pdf.pages)
    for page in pdf.pages:
        n += len(page.extract_text() or "")
print(time.perf_counter() - t, pages, n)
"""

REDLINE = """
import sys, time
from redline.readers import read
t = time.perf_counter()
doc = read(sys.argv[1])
elapsed = time.perf_counter() - t
print(elapsed, len(doc.sections), len(doc.tables()), sum(len(x.rows) for x in doc.tables()))
"""

SERIAL = """
import sys, time
import redline.readers.pdf_pages as pages
original = pages.layout_pages
pages.layout_pages = lambda data, count, workers=None, on_progress=None: original(data, count, 1, on_progress)
import redline.readers.pdf as pdf
pdf.layout_pages = pages.layout_pages
from redline.readers import read
t = time.perf_counter()
doc = read(sys.argv[1])
print(time.perf_counter() - t, len(doc.sections), len(doc.tables()), sum(len(x.rows) for x in doc.tables()))
"""


def _input() -> Path:
    docx = OUT / "appendix-r-large.docx"
    if not docx.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "build_large.py")], check=True, cwd=ROOT)
    pdf = docx.with_suffix(".pdf")
    if not pdf.exists() or pdf.stat().st_mtime < docx.stat().st_mtime:
        sys.path.insert(0, str(ROOT / "tests" / "data"))
        from make_pdf_samples import to_pdf

        to_pdf(docx, OUT)
    return pdf


def _run(script: str, path: Path, env: dict[str, str]) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, env=env,
                          cwd=ROOT, check=True)
    return proc.stdout.split()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    path = args.file or _input()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    best: dict[str, float] = {}
    facts: dict[str, list[str]] = {}
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as cache:
            env["XDG_CACHE_HOME"] = cache
            for name, script in (("baseline", BASELINE), ("cold", REDLINE), ("cached", REDLINE)):
                out = _run(script, path, env)
                best[name] = min(best.get(name, float("inf")), float(out[0]))
                facts[name] = out[1:]
        with tempfile.TemporaryDirectory() as cache:
            env["XDG_CACHE_HOME"] = cache
            out = _run(SERIAL, path, env)
            best["cold, one process"] = min(best.get("cold, one process", float("inf")), float(out[0]))
    pages, chars = facts["baseline"]
    sections, tables, rows = facts["cold"]
    print(f"file: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({pages} pages, {chars} characters)")
    print(f"redline read: {sections} sections, {tables} tables, {rows} rows; cores: {os.cpu_count()}; "
          f"load average: {os.getloadavg()[0]:.1f}")
    base = best["baseline"]
    for name in ("baseline", "cold", "cold, one process", "cached"):
        print(f"  {name:<20} {best[name]:8.2f} s   {best[name] / base:5.2f}x")
    ok = best["cold"] <= 0.5 * base
    print(f"goal cold <= 0.5x baseline: {'met' if ok else 'NOT met'}")
    return 0  # a figure to read, not a gate: timings on a shared machine vary


if __name__ == "__main__":
    sys.exit(main())
