"""Build a full-size Appendix R DOCX for the check benchmark (stand-in for
bench/build_large.py until the fixtures branch lands it).

    python bench/large_docx.py [OUT.docx]

~150 landscape pages: auto-numbered prose sections 1-7, then the DUIS matrix
of every User Role (the variants each role may send, from
shared/reference/duis-service-requests.tsv), device alert tables and DCC
alert tables, each with footer count rows. The XML carries what Word writes
around the text (rsids, fonts, sizes, cell widths, shading, rotated header
cells) because that, not the text, is what a reader spends its time on.
"""

from __future__ import annotations

import csv
import random
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from docx_builder import CONTENT_TYPES, DOC_RELS, NUMBERING, RELS, STYLES, document_xml  # noqa: E402

OUT = ROOT / "bench" / "out" / "appendix-r-large.docx"
TSV = Path("/work/shared/reference/duis-service-requests.tsv")
ROLES = ("IS", "ES", "GS", "RSA", "ED", "GT", "OU")
VALUES = ("Mandatory", "Mandatory SMETS 2", "Mandatory SMETS1", "N/A")
VALUE_COLUMNS = ("CV", "ECV1", "ECV2", "ECV3", "ECV4", "ECV5", "ECV6", "ECV7", "ECV8", "ECV9")
FONT = '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>'


def _run(text: str, size: int = 16, bold: bool = False) -> str:
    b = "<w:b/><w:bCs/>" if bold else ""
    return (
        f'<w:r w:rsidRPr="00A1B2C3"><w:rPr>{FONT}{b}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    )


def _p(text: str, *, style: str | None = None, jc: str | None = None, size: int = 20, bold: bool = False) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    ppr += '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    runs = "".join(_run(part, size, bold) for part in text.split("\n")) if text else ""
    return f'<w:p w:rsidR="00D4E5F6" w:rsidRDefault="00D4E5F6" w:rsidP="00A1B2C3"><w:pPr>{ppr}</w:pPr>{runs}</w:p>'


def _tc(text: str, width: int, *, span: int = 1, header: bool = False, vertical: bool = False) -> str:
    props = f'<w:tcW w:w="{width * span}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if header:
        props += '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>'
    if vertical:
        props += '<w:textDirection w:val="btLr"/>'
    props += '<w:vAlign w:val="center"/>'
    paras = "".join(_p(line, jc="center", size=16, bold=header) for line in text.split("\n"))
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>"


def _tr(cells: list[str], *, header: bool = False) -> str:
    trpr = '<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>' if header else "<w:trPr><w:cantSplit/></w:trPr>"
    return f'<w:tr w:rsidR="00D4E5F6" w:rsidTr="00A1B2C3">{trpr}{"".join(cells)}</w:tr>'


def _tbl(widths: list[int], rows: list[str]) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    props = (
        '<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0"/></w:tblPr>'
    )
    return f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def _footer(label: str, width_first: int, span: int, figures: list[int], widths: list[int]) -> str:
    cells = [_tc(label, width_first, span=span)]
    cells += [_tc(str(f), w) for f, w in zip(figures, widths, strict=False)]
    return _tr(cells)


def duis_table(role: str, variants: list[list[str]], rng: random.Random) -> str:
    widths = [700, 900, 3200, 700] + [800] * len(VALUE_COLUMNS) + [700]
    header = ["SR", "SR Variant", "Service Request Name", "Critical", *VALUE_COLUMNS, "User Role"]
    rows = [_tr([_tc(h, w, header=True, vertical=i >= 4) for i, (h, w) in enumerate(zip(header, widths, strict=True))],
                header=True)]
    body: list[list[str]] = []
    for v in variants:
        values = [rng.choice((*VALUES[:2], "N/A")) for _ in VALUE_COLUMNS]
        body.append(values)
        cells = [v[0], v[1], v[2], v[3], *[x.replace("Mandatory SMETS 2", "Mandatory\nSMETS 2") for x in values], role]
        rows.append(_tr([_tc(c, w) for c, w in zip(cells, widths, strict=True)]))
    totals = {}
    for value in ("N/A", "Mandatory", "Mandatory SMETS 2"):
        counts = [sum(1 for b in body if b[i] == value) for i in range(len(VALUE_COLUMNS))]
        totals[value] = counts
    vw = widths[4:-1]
    rows.append(_footer("Count of N/A", 5500, 4, [*totals["N/A"], sum(totals["N/A"])], [*vw, 700]))
    rows.append(_footer("Count of Mandatory", 5500, 4, [*totals["Mandatory"], sum(totals["Mandatory"])], [*vw, 700]))
    m2 = totals["Mandatory SMETS 2"]
    rows.append(_footer("Count of Mandatory SMETS 2", 5500, 4, [*m2, sum(m2)], [*vw, 700]))
    grand = sum(totals["Mandatory"]) + sum(m2)
    rows.append(_footer("Total Tests", 5500, 4, [grand], [700]))
    return _tbl(widths, rows)


def alert_table(role: str, n: int, rng: random.Random) -> str:
    widths = [1200, 4200, 4200, 800, 1800, 900]
    header = ["Event/Alert Code", "Event/Alert Code meaning", "Device Alert Variant", "Critical", "Test Scenario",
              "User Role"]
    rows = [_tr([_tc(h, w, header=True, vertical=True) for h, w in zip(header, widths, strict=True)], header=True)]
    scen = ("Mandatory", "Mandatory SMETS2+", "Mandatory SMETS1", "Optional")
    counts = dict.fromkeys(scen, 0)
    for i in range(n):
        s = rng.choice(scen)
        counts[s] += 1
        variant = f"Device Alert – Type {1 + i % 2} (Alert Code and Timestamp)\n{'DLMS' if i % 2 else 'Zigbee'}"
        cells = [f"0x8F{i:02X}", f"Alert meaning number {i} for the {role} role", variant, "N", s, role]
        rows.append(_tr([_tc(c, w) for c, w in zip(cells, widths, strict=True)]))
    for s in scen[:3]:
        rows.append(_footer(f"Count of {s}", sum(widths[:4]), 4, [counts[s]], [1800]))
    return _tbl(widths, rows)


def dcc_table(role: str, n: int, rng: random.Random) -> str:
    widths = [2000, 6000, 2000, 3000]
    header = ["Reference", "Name", "Test Scenario", "Applicable User Role"]
    rows = [_tr([_tc(h, w, header=True) for h, w in zip(header, widths, strict=True)], header=True)]
    for i in range(n):
        ref = f"N{i}" if i % 7 else f"N{i}, N{i + 1}, N{i + 2}"
        cells = [ref, f"DCC alert scenario {i}", rng.choice(("Mandatory", "Optional")), f"Registered {role}"]
        rows.append(_tr([_tc(c, w) for c, w in zip(cells, widths, strict=True)]))
    return _tbl(widths, rows)


def body() -> list[str]:
    rng = random.Random(618)
    with TSV.open(encoding="utf-8") as f:
        srs = list(csv.DictReader(f, delimiter="\t"))
    out = [_p("Appendix R"), _p("‘Common Testing Scenarios Document’"), _p("SEC Version 6.18")]
    prose = "The Testing Participant shall execute the tests set out in this clause in accordance with the SEC. " * 4
    for n, title in enumerate(["Introduction", "Scope", "Test Sequence", "Test Certificates", "UEPT Procedure",
                               "Entry Criteria", "Exit Criteria"], 1):
        out.append(_p(title, style="Heading1"))
        for sub in range(3):
            out.append(_p(f"{title} part {sub + 1}", style="Heading2"))
            out += [_p(prose) for _ in range(3)]
            out += [_p(f"Bullet {i} of clause {n}", style="ListBullet") for i in range(4)]
    out.append(_p("Test Matrices", style="Heading1"))
    out.append(_p("DUIS Test Matrices", style="Heading2"))
    out.append(_p("DUIS Matrix", style="Heading3"))
    out += [_p(prose) for _ in range(4)]
    for role in ROLES:
        variants = [[r["service_reference"], r["variant"], r["name"], r["critical"]] for r in srs if r[role] == "Y"]
        if len(variants) < 40:
            variants = [[r["service_reference"], r["variant"], r["name"], r["critical"]] for r in srs[:40]]
        out.append(_p(f"DUIS Matrix – {role}", style="Heading3"))
        out.append(duis_table(role, variants, rng))
    for role in ROLES[:6]:
        out.append(_p(f"Device Alert Tests – {role}", style="Heading3"))
        out.append(alert_table(role, 170, rng))
    for role in ROLES[:4]:
        out.append(_p(f"DCC Alert Tests – {role}", style="Heading3"))
        out.append(dcc_table(role, 120, rng))
    return out


def build(path: Path = OUT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", document_xml(body()))
        z.writestr("word/styles.xml", STYLES)
        z.writestr("word/numbering.xml", NUMBERING)
    return path


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
