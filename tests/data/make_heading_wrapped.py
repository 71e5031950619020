"""Build tests/data/heading-wrapped.docx and .pdf: a heading whose title wraps
onto a second line (the PDF through LibreOffice).

    python tests/data/make_heading_wrapped.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "fixtures"))
from make_pdfs import convert  # noqa: E402

LONG = "A heading whose title is long enough that it has to wrap onto a second line of the page in this document"


def main() -> None:
    d = docx.Document()
    d.add_paragraph("Appendix R – Common Testing Scenarios Document", style="Title")
    d.add_heading("1\tIntroduction", level=1)
    d.add_paragraph("The purpose of this document is to set out the tests that are required.")
    d.add_heading(f"1.1\t{LONG}", level=2)
    d.add_paragraph("Body text under the wrapped heading, a plain paragraph.")
    d.add_heading("1.2\tShort title", level=2)
    d.add_paragraph("More body text.")
    out = HERE / "heading-wrapped.docx"
    d.save(str(out))
    print(convert(out, out.with_suffix(".pdf")))


if __name__ == "__main__":
    main()
