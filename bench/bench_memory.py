"""Benchmark: peak memory of `redline check` on DOCX, as a multiple of the size
of its word/document.xml.

    python bench/bench_memory.py [--rows 20000] [FILE.docx ...]

Without files, measures the full-size Appendix R (bench/build_large.py, ~150
pages) and one DUIS table of ``--rows`` rows (bench/large_docx.py's table
builder), both built into bench/out/ when missing. Each run is a fresh process
whose peak resident set (``ru_maxrss``) is read by its parent; the floor is
the same interpreter with redline's reader imported and nothing read, so
"above floor" is what the document itself costs. Figures are printed as
multiples of document.xml (goal: peak at most 6x).

Measured 2026-12-04 (2 shared cores; floor 24 MiB):

    file                      document.xml   before (whole lxml tree)   after (streamed)
    appendix-r-large.docx        15.9 MiB      279 MiB  17.6x             66 MiB  4.1x
    duis-20000-rows.docx         49.0 MiB      796 MiB  16.3x            161 MiB  3.3x

"before" is redline at the commit before the streaming reader, run the same
way (PYTHONPATH pointing at that checkout, from another folder). CPU time of
`check` on the large file went from ~1.15 s to ~1.45 s (bench_check.py).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MEASURE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""

FLOOR = "import redline.cli, redline.readers.docx, redline.checks, redline.structure, lxml.etree"


def peak_kib(cmd: list[str]) -> int:
    """Peak RSS (KiB) of ``cmd`` run alone in a fresh process."""
    done = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True)
    return int(done.stdout.strip())


def rows_docx(rows: int, path: Path) -> Path:
    """One DUIS matrix of ``rows`` rows under a heading: each cell with a width, a
    centred paragraph and a sized run, as Word writes them (~3.3 KB of XML a row)."""
    from tests.docx_builder import CONTENT_TYPES, DOC_RELS, NUMBERING, RELS, STYLES, document_xml

    def tc(text: str) -> str:
        return ('<w:tc><w:tcPr><w:tcW w:w="800" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
                f'<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t>{text}</w:t></w:r></w:p></w:tc>')

    def tr(cells: list[str], header: bool = False) -> str:
        props = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
        return f"<w:tr>{props}{''.join(tc(c) for c in cells)}</w:tr>"

    rng = random.Random(20000)
    columns = ["CV", "ECV1", "ECV2", "ECV3", "ECV4", "ECV5", "ECV6", "ECV7", "ECV8", "ECV9"]
    out = [tr(["SR", "SR Variant", "Service Request Name", "Critical", *columns, "User Role"], header=True)]
    counts = {v: [0] * len(columns) for v in ("N/A", "Mandatory")}
    for i in range(rows):
        values = [rng.choice(("Mandatory", "N/A")) for _ in columns]
        for k, v in enumerate(values):
            counts[v][k] += 1
        sr = f"{1 + i // 100}.{i % 100}"
        out.append(tr([sr, sr, f"Service request {i}", "N", *values, "RSA"]))
    for v, figures in counts.items():
        out.append(tr([f"Count of {v}", "", "", "", *map(str, figures), str(sum(figures))]))
    table = f"<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>{''.join(out)}</w:tbl>"
    heading = '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>DUIS Matrix</w:t></w:r></w:p>'
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", document_xml([heading, table]))
        z.writestr("word/styles.xml", STYLES)
        z.writestr("word/numbering.xml", NUMBERING)
    return path


def xml_size(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        return z.getinfo("word/document.xml").file_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rows", type=int, default=20000)
    args = parser.parse_args()
    files: list[Path] = args.files
    if not files:
        large = OUT / "appendix-r-large.docx"
        if not large.exists():
            from bench.build_large import build_large

            build_large(large)
        table = OUT / f"duis-{args.rows}-rows.docx"
        if not table.exists():
            rows_docx(args.rows, table)
        files = [large, table]
    floor = peak_kib([sys.executable, "-c", FLOOR])
    print(f"floor (interpreter + reader imported): {floor / 1024:.0f} MiB")
    print(f"{'file':34} {'document.xml':>12} {'peak':>9} {'x xml':>6} {'above floor':>12} {'x xml':>6}")
    for f in files:
        size = xml_size(f)
        peak = peak_kib([sys.executable, "-m", "redline", "check", str(f)])
        above = max(peak - floor, 0)
        print(f"{f.name:34} {size / 2**20:9.1f} MiB {peak / 1024:5.0f} MiB {peak * 1024 / size:6.1f} "
              f"{above / 1024:8.0f} MiB {above * 1024 / size:6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
