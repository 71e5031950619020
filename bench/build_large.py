"""Build a full-size Appendix R for the benchmarks: ~150 landscape pages of
DUIS role tables (every Service Request row repeated with variant suffixes,
"6.2.7-2", "6.2.7-3", ...), built by the fixture builder so it has the same
Word structures and planted errors as fixtures/appendix-r-v6.18.docx.

    python bench/build_large.py [--pages 150] [--pair] [--verify] [--out bench/out]

writes bench/out/appendix-r-large.docx (SEC 6.18). ``--pair`` also writes
appendix-r-large-v6.18.docx and appendix-r-large-v6.19.docx, the same size with
the planted changes of fixtures/CHANGES.md between them (diff benchmark).
``--verify`` converts the main file once with LibreOffice and prints its page
count from pdfinfo.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fixtures.build_fixtures import build_appendix, write_atomic  # noqa: E402
from fixtures.make_pdfs import convert  # noqa: E402

OUT = ROOT / "bench" / "out"
# Measured with LibreOffice on A4 (soffice + pdfinfo): scale 13 gives 155 pages,
# scale 14 gives 165, scale 1 (the fixtures) 27; each extra copy of the DUIS rows
# adds about 10-11 landscape pages.
BASE_PAGES, PAGES_PER_SCALE = 13.15, 10.85


def scale_for(pages: int) -> int:
    """How many copies of each DUIS row give about ``pages`` pages."""
    return max(1, round((pages - BASE_PAGES) / PAGES_PER_SCALE))


def build_large(path: Path = OUT / "appendix-r-large.docx", pages: int = 150, version: str = "6.18") -> Path:
    """Write a ~``pages``-page Appendix R at ``version`` to ``path``."""
    write_atomic(path, build_appendix(version, typed_numbers=False, scale=scale_for(pages)))
    return path


def build_pair(out_dir: Path = OUT, pages: int = 150) -> tuple[Path, Path]:
    """Large 6.18 and 6.19 with the fixtures' planted changes between them."""
    old = build_large(out_dir / "appendix-r-large-v6.18.docx", pages, "6.18")
    new = build_large(out_dir / "appendix-r-large-v6.19.docx", pages, "6.19")
    return old, new


def page_count(docx: Path) -> int:
    """Convert with soffice and read the page count with pdfinfo."""
    with tempfile.TemporaryDirectory(prefix="redline-large-") as tmp:
        pdf = convert(docx, Path(tmp) / (docx.stem + ".pdf"), timeout=900)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=150)
    parser.add_argument("--pair", action="store_true", help="also write large 6.18 and 6.19 for the diff benchmark")
    parser.add_argument("--verify", action="store_true", help="count the pages with soffice + pdfinfo")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    scale = scale_for(args.pages)
    main_file = build_large(args.out / "appendix-r-large.docx", args.pages)
    print(f"{main_file} (scale {scale})")
    if args.pair:
        for path in build_pair(args.out, args.pages):
            print(f"{path} (scale {scale})")
    if args.verify:
        print(f"{main_file.name}: {page_count(main_file)} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
