"""Benchmark: the SEC main body read and diffed as fast, per page, as Appendix R.

    python bench/bench_sec.py [--repeat 3] [--definitions 1000] [--clauses 300]

Builds (in bench/out, reused when there) a Section A of about ``--definitions``
definitions and a Section H of about ``--clauses`` clauses, at 6.18 and 6.19 with
the planted edits of fixtures/sec/CHANGES.md (fixtures/build_sec.py's ``scale``),
converts each with LibreOffice to count its pages and to read the PDF too, and
times, best of N in this one process: reading the DOCX, reading the PDF (the page
cache bypassed, so every read lays the pages out), and the
diff of the two versions (models already read), for them and for the Appendix R
fixtures (fixtures/appendix-r-v6.18/6.19, DOCX and LibreOffice PDF).

Prints seconds per page and the ratio to Appendix R's (goal: <= 1.0, i.e. as fast
per page). No absolute time is asserted anywhere: the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from figures import best_in_process  # noqa: E402

from fixtures.build_fixtures import write_atomic  # noqa: E402
from fixtures.build_sec import build_section  # noqa: E402
from fixtures.make_pdfs import convert  # noqa: E402
from fixtures.sec_data import section  # noqa: E402
from redline.diff import diff  # noqa: E402
from redline.readers import read  # noqa: E402

OUT = ROOT / "bench" / "out"


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _pair(letter: str, scale: int) -> tuple[Path, Path]:
    """Section ``letter`` at 6.18 and 6.19, ``scale`` copies of its body, DOCX and PDF (reused)."""
    out = []
    for version in ("6.18", "6.19"):
        docx = OUT / f"section-{letter.lower()}-x{scale}-v{version}.docx"
        if not docx.exists():
            write_atomic(docx, build_section(letter, version, scale=scale))
        pdf = docx.with_suffix(".pdf")
        if not pdf.exists():
            convert(docx, pdf, timeout=900)
        out.append(docx)
    return out[0], out[1]


def _measure(name: str, old: Path, new: Path, repeat: int) -> dict[str, float]:
    pages = _pages(new.with_suffix(".pdf"))
    a, b = read(old), read(new)
    found = diff(a, b)
    changed = len(found.sections) + len(found.tables)
    times = {
        "docx": best_in_process(lambda: read(new), repeat),
        "pdf": best_in_process(lambda: read(new.with_suffix(".pdf")), repeat),
        "diff": best_in_process(lambda: diff(a, b), repeat),
    }
    per_page = {k: v / pages for k, v in times.items()}
    print(f"{name}: {pages} pages, {len(b.sections)} sections, {len(b.tables())} tables, {changed} changes; "
          + ", ".join(f"{k} {v:.3f}s ({per_page[k] * 1000:.1f} ms/page)" for k, v in times.items()))
    return per_page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--definitions", type=int, default=1000)
    parser.add_argument("--clauses", type=int, default=300)
    args = parser.parse_args()
    os.environ["REDLINE_NO_CACHE"] = "1"  # the PDF's page work every time, not the cache of laid-out pages
    OUT.mkdir(parents=True, exist_ok=True)
    fixtures = ROOT / "fixtures"
    base = _measure("Appendix R", fixtures / "appendix-r-v6.18.docx", fixtures / "appendix-r-v6.19.docx", args.repeat)
    definitions = len(section("A", "6.18").definitions)
    clauses = sum(1 for p in section("H", "6.18").parts for b in p.body if type(b).__name__ == "Clause")
    a_scale = max(1, -(-args.definitions // definitions))
    h_scale = max(1, -(-args.clauses // clauses))
    results = {
        f"Section A ({definitions * a_scale} definitions)": _measure(
            f"Section A x{a_scale}", *_pair("A", a_scale), repeat=args.repeat),
        f"Section H ({clauses * h_scale} clauses)": _measure(
            f"Section H x{h_scale}", *_pair("H", h_scale), repeat=args.repeat),
    }
    print("\nseconds per page, as a ratio to Appendix R's (<= 1.0: as fast per page or faster)")
    for name, per_page in results.items():
        print(f"  {name}: " + ", ".join(f"{k} {per_page[k] / base[k]:.2f}x" for k in base))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
