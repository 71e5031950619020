"""Build a ~150-page, full-size Appendix R DOCX with ruled tables for the PDF
benchmark (stand-in until bench/build_large.py lands), then convert it to PDF.

    python bench/pdf_large_docx.py [OUT.docx]

Prose sections with bullets, then DUIS matrices of every User Role (the
variants each may send, from the reference list; repeated rounds so that the
document reaches full size), a device alert table per round: what a real
Appendix R is made of, in the proportions that cost a reader time.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document as new_docx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "data"))

import make_pdf_samples as s  # noqa: E402

OUT = ROOT / "bench" / "out" / "appendix-r-pdf-large.docx"
ROLES = ("IS", "ES", "GS", "RSA", "ED", "GT", "OU")
ROUNDS = 7


def build(path: Path) -> None:
    doc = new_docx()
    s._header_footer(doc, "Appendix R – Common Testing Scenarios Document")
    doc.add_paragraph("Appendix R ‘Common Testing Scenarios Document’")
    doc.add_paragraph("SEC Version 6.18")
    for n in range(1, 8):
        doc.add_heading(f"{n} Clause {n}", level=1)
        for sub in range(1, 4):
            doc.add_heading(f"{n}.{sub} Part {sub} of clause {n}", level=2)
            for _ in range(2):
                doc.add_paragraph(s.LOREM)
            for i in range(3):
                doc.add_paragraph(f"Bullet {i} of clause {n}.{sub}: {s.LOREM[:90]}", style="List Bullet")
    s._landscape(doc)
    doc.add_heading("8 Test Matrices", level=1)
    doc.add_heading("8.1 User Entry Process Tests", level=2)
    number = 5
    for _ in range(ROUNDS):
        for role in ROLES:
            rows = s.duis_rows(role)
            if not rows:
                continue
            doc.add_heading(f"8.1.{number} DUIS Matrix – {role}", level=3)
            s.add_duis_table(doc, role, rows, s.footer_figures(rows))
            number += 1
    doc.save(str(path))


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    build(out)
    pdf = s.to_pdf(out, out.parent)
    print(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
