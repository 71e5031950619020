"""Benchmark: reading a full-size Appendix R PDF (tables included) against
pdfplumber's own ``extract_text`` over every page, in the same run.

    python bench/bench_pdf.py [FILE.pdf] [--repeat N] [--producers a,b] [--serial] [--json FILE]

Without FILE: bench/out/appendix-r-large.docx (built by bench/build_large.py
when missing, ~150 landscape pages) made into a PDF by each producer the
tests read: LibreOffice, the Word-style renderer (jubarte-redlines, the bench
extra, or ../shared/tools/word-style-pdf), LibreOffice tagged, our reportlab
producer (fixtures/make_reportlab.py) and the turned copy
(fixtures/make_rotated.py). Each measurement is a whole process (start-up
and imports included), taking turns with the others (bench/figures.py):

- baseline: ``python -c`` opening the PDF with pdfplumber and calling
  ``page.extract_text()`` for every page;
- cold: ``redline parse FILE`` with an empty page cache (pages in parallel
  on every core, the cache written);
- cold, one process (--serial): the read with the pool switched off;
- cached: ``redline parse FILE`` again, pages from the cache.

Prints, per producer, wall and CPU seconds (best of N) and each ratio to that
producer's baseline in the same run (goal: cold <= 0.12x).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from figures import Figure, best_of, machine, timed, write_json  # noqa: E402

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

SERIAL = """
import sys, time
import redline.readers.pdf_pages as pages
original = pages.layout_pages
pages.layout_pages = lambda data, count, **kw: original(data, count, **{**kw, "workers": 1})
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


def _measure(path: Path, env: dict[str, str], repeat: int, serial: bool) -> dict[str, tuple[float, float, str]]:
    """Whole processes, taking turns: pdfplumber's extract_text, ``redline parse``
    with an empty page cache (cold), and again from a filled one (cached)."""
    py = sys.executable
    with tempfile.TemporaryDirectory() as warm:
        cached_env = dict(env, XDG_CACHE_HOME=warm)
        timed([py, "-m", "redline", "parse", str(path)], cached_env)  # fills the cache
        runs: dict[str, tuple[list[str], dict[str, str] | None]] = {
            "baseline": ([py, "-c", BASELINE, str(path)], env),
            "cold": ([py, "-m", "redline", "parse", str(path)], env),
            "cached": ([py, "-m", "redline", "parse", str(path)], cached_env),
        }
        if serial:
            runs["cold, one process"] = ([py, "-c", SERIAL, str(path)], env)
        return best_of(runs, repeat, fresh=("cold", "cold, one process"))


GOAL = 0.12
"""Issue 22: a cold ``parse`` of the PDF in at most this share of pdfplumber's
``extract_text`` over the same pages, for every producer."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--producers", default=",".join(PRODUCERS),
                        help=f"without FILE: which producers' PDFs of the large document ({', '.join(PRODUCERS)})")
    parser.add_argument("--serial", action="store_true", help="also time the cold read in one process")
    parser.add_argument("--json", type=Path, help="also write the figures here (for bench/speed_table.py)")
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("REDLINE_NO_CACHE", None)
    if args.file:
        runs: list[tuple[str, Path | None]] = [("file", args.file)]
    else:
        runs = [(p, _input(p)) for p in args.producers.split(",")]
    figures: list[Figure] = []
    for producer, path in runs:
        if path is None:
            print(f"{producer}: producer not available here, skipped")
            continue
        best = _measure(path, env, args.repeat, args.serial)
        pages, chars = best["baseline"][2].split()[1:3]
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{producer}: {shown} ({pages} pages, {chars} characters); best of {args.repeat}; cores: "
              f"{os.cpu_count()}; load average: {os.getloadavg()[0]:.1f}")
        base_wall, base_cpu, _ = best["baseline"]
        for name in ("cold", "cold, one process", "cached"):
            if name not in best:
                continue
            wall, cpu, _ = best[name]
            figure = Figure("bench/bench_pdf.py", f"reading the {pages}-page PDF ({producer})",
                            "pdfplumber extract_text", base_wall, base_cpu, f"redline parse, {name}", wall, cpu,
                            GOAL if name == "cold" else None, producer)
            print(figure.line())
            figures.append(figure)
    write_json(args.json, figures, {**machine(), "repeat": args.repeat})
    return 0  # a figure to read, not a gate: timings on a shared machine vary


if __name__ == "__main__":
    sys.exit(main())
