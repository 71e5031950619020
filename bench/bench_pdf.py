"""Benchmark: reading a full-size Appendix R PDF (tables included) against
pdfplumber's own ``extract_text`` over every page, in the same run.

    python bench/bench_pdf.py [FILE.pdf] [--repeat N] [--producers a,b] [--serial]

Without FILE: bench/out/appendix-r-large.docx (built by bench/build_large.py
when missing, ~150 landscape pages) made into a PDF by each producer the
tests read: LibreOffice, the Word-style renderer (jubarte-redlines, the bench
extra, or ../shared/tools/word-style-pdf), LibreOffice tagged, our reportlab
producer (fixtures/make_reportlab.py) and the turned copy
(fixtures/make_rotated.py). Each measurement runs in its own process and
times the work only (imports excluded):

- baseline: ``pdfplumber.open(f)`` and ``page.extract_text()`` for every page;
- cold: ``redline.readers.read(f)`` with an empty page cache (pages in
  parallel on every core);
- cold, one process (--serial): the same with the pool switched off;
- cached: the second read, pages from the cache.

Prints, per producer, seconds (best of N) and each ratio to that producer's
baseline in the same run (goal: cold <= 0.3x).
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
pages.layout_pages = lambda data, count, workers=None, on_progress=None, pickled=None: original(
    data, count, 1, on_progress, pickled)
import redline.readers.pdf as pdf
pdf.layout_pages = pages.layout_pages
from redline.readers import read
t = time.perf_counter()
doc = read(sys.argv[1])
print(time.perf_counter() - t, len(doc.sections), len(doc.tables()), sum(len(x.rows) for x in doc.tables()))
"""


PRODUCERS = ("libreoffice", "wordstyle", "tagged", "reportlab", "rotated")


def _large_docx() -> Path:
    docx = OUT / "appendix-r-large.docx"
    if not docx.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "build_large.py")], check=True, cwd=ROOT)
    return docx


def _stale(pdf: Path, source: Path) -> bool:
    return not pdf.exists() or pdf.stat().st_mtime < source.stat().st_mtime


def _input(producer: str = "libreoffice") -> Path | None:
    """bench/out/appendix-r-large[.PRODUCER].pdf, made when missing or stale;
    None when the producer is not available on this machine."""
    docx = _large_docx()
    sys.path.insert(0, str(ROOT / "fixtures"))
    base = docx.with_suffix(".pdf")
    if _stale(base, docx):
        from make_pdfs import convert

        convert(docx, base, timeout=1800)
    if producer == "libreoffice":
        return base
    pdf = OUT / f"appendix-r-large.{producer}.pdf"
    if not _stale(pdf, base if producer in ("reportlab", "rotated") else docx):
        return pdf
    if producer == "tagged":
        from make_pdfs import convert

        return convert(docx, pdf, timeout=1800, tagged=True)
    if producer == "reportlab":
        from make_reportlab import make_reportlab

        return make_reportlab(base, pdf)
    if producer == "rotated":
        from make_rotated import make_rotated

        return make_rotated(base, pdf)
    # wordstyle: jubarte-redlines' docx_to_pdf (the bench extra), else the shared tool beside the checkout
    try:
        import jubarte_redlines
    except ImportError:
        tool = ROOT.parent / "shared" / "tools" / "word-style-pdf"
        if not tool.exists():
            return None
        subprocess.run([str(tool), str(docx), "-o", str(OUT)], check=True, capture_output=True)
        os.replace(OUT / "appendix-r-large.wordstyle.pdf", pdf)
        return pdf
    pdf.write_bytes(jubarte_redlines.docx_to_pdf(docx.read_bytes()))
    return pdf


def _run(script: str, path: Path, env: dict[str, str]) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, env=env,
                          cwd=ROOT, check=True)
    return proc.stdout.split()


def _measure(path: Path, env: dict[str, str], repeat: int,
             serial: bool) -> tuple[dict[str, float], dict[str, list[str]]]:
    best: dict[str, float] = {}
    facts: dict[str, list[str]] = {}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as cache:
            env["XDG_CACHE_HOME"] = cache
            for name, script in (("baseline", BASELINE), ("cold", REDLINE), ("cached", REDLINE)):
                out = _run(script, path, env)
                best[name] = min(best.get(name, float("inf")), float(out[0]))
                facts[name] = out[1:]
        if serial:
            with tempfile.TemporaryDirectory() as cache:
                env["XDG_CACHE_HOME"] = cache
                out = _run(SERIAL, path, env)
                best["cold, one process"] = min(best.get("cold, one process", float("inf")), float(out[0]))
    return best, facts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--producers", default=",".join(PRODUCERS),
                        help=f"without FILE: which producers' PDFs of the large document ({', '.join(PRODUCERS)})")
    parser.add_argument("--serial", action="store_true", help="also time the cold read in one process")
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if args.file:
        runs: list[tuple[str, Path | None]] = [("file", args.file)]
    else:
        runs = [(p, _input(p)) for p in args.producers.split(",")]
    for producer, path in runs:
        if path is None:
            print(f"{producer}: producer not available here, skipped")
            continue
        best, facts = _measure(path, env, args.repeat, args.serial)
        pages, chars = facts["baseline"]
        sections, tables, rows = facts["cold"]
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{producer}: {shown} ({pages} pages, {chars} characters)")
        print(f"  redline read: {sections} sections, {tables} tables, {rows} rows; cores: {os.cpu_count()}; "
              f"load average: {os.getloadavg()[0]:.1f}")
        base = best["baseline"]
        for name in ("baseline", "cold", "cold, one process", "cached"):
            if name in best:
                print(f"    {name:<20} {best[name]:8.2f} s   {best[name] / base:5.2f}x")
        print(f"  goal cold <= 0.3x baseline: {'met' if best['cold'] <= 0.3 * base else 'NOT met'}")
    return 0  # a figure to read, not a gate: timings on a shared machine vary


if __name__ == "__main__":
    sys.exit(main())
