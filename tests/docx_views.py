"""Accepted and rejected views of a tracked DOCX, made with lxml the way Word's
Accept All / Reject All treat w:ins and w:del (used to read our tracked
annex back through our own reader in each view)."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    assert parent is not None
    index = parent.index(el)
    for child in list(el):
        parent.insert(index, child)
        index += 1
    parent.remove(el)


def _merge_with_next(p: etree._Element) -> None:
    """Remove ``p``'s paragraph mark: its runs move to the start of the next paragraph."""
    following = p.getnext()
    runs = [c for c in p if c.tag != W + "pPr"]
    if following is not None and following.tag == W + "p":
        ppr = following.find(W + "pPr")
        at = 1 if ppr is not None else 0
        for r in reversed(runs):
            following.insert(at, r)
    p.getparent().remove(p)  # type: ignore[union-attr]


def view(docx: bytes, keep: str) -> bytes:
    """``keep="insert"``: Accept All; ``keep="delete"``: Reject All."""
    drop = "del" if keep == "insert" else "ins"
    stay = "ins" if keep == "insert" else "del"
    src = zipfile.ZipFile(io.BytesIO(docx))
    root = etree.fromstring(src.read("word/document.xml"))
    for tr in list(root.iter(W + "tr")):
        trpr = tr.find(W + "trPr")
        if trpr is not None and trpr.find(W + drop) is not None:
            tr.getparent().remove(tr)  # type: ignore[union-attr]
    for el in list(root.iter(W + drop)):
        if el.getparent() is not None and el.getparent().tag != W + "rPr" and el.getparent().tag != W + "trPr":
            el.getparent().remove(el)  # type: ignore[union-attr]
    for p in list(root.iter(W + "p")):
        mark = p.find(f"{W}pPr/{W}rPr/{W}{drop}")
        if mark is not None:
            _merge_with_next(p)
    for el in list(root.iter(W + stay)):
        parent = el.getparent()
        if parent is not None and parent.tag in (W + "rPr", W + "trPr"):
            parent.remove(el)
        else:
            _unwrap(el)
    for t in root.iter(W + "delText"):
        t.tag = W + "t"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(item, data if item.filename == "word/document.xml" else src.read(item.filename))
    return out.getvalue()
