"""Real Word revisions (w:ins / w:del) for the tracked annex.

The only module that builds revision elements. Word's Review pane lists each
as a change by ``author`` on ``date``; "Accept All" keeps inserted runs and
drops deleted ones, "Reject All" the opposite. Whole paragraphs and table
rows carry a revision on their paragraph mark / row properties too, so that
rejecting an added row or bullet removes it rather than leaving it empty.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime

from docx.oxml import OxmlElement
from lxml import etree

from redline.model import Mark
from redline.ooxml.ns import qn

_TAG = {"insert": "w:ins", "delete": "w:del"}


@dataclass
class Revisions:
    """Author, date and the running id every revision element needs."""

    author: str = "redline"
    date: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def element(self, mark: Mark) -> etree._Element:
        el: etree._Element = OxmlElement(_TAG[mark])
        el.set(qn("w:id"), str(next(self._ids)))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        return el

    def wrap_run(self, run: etree._Element, mark: Mark) -> etree._Element:
        """Put ``run`` inside a w:ins or w:del (its w:t becomes w:delText)."""
        if mark == "delete":
            for t in run.iter(qn("w:t")):
                t.tag = qn("w:delText")
        wrapper = self.element(mark)
        wrapper.append(run)
        return wrapper

    def mark_paragraph(self, p: etree._Element, mark: Mark) -> None:
        """Mark a paragraph's own mark as inserted/deleted (w:pPr/w:rPr/w:ins)."""
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            p.insert(0, ppr)
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            tail = ppr.find(qn("w:sectPr"))
            if tail is None:
                tail = ppr.find(qn("w:pPrChange"))
            if tail is None:
                ppr.append(rpr)
            else:
                tail.addprevious(rpr)  # w:rPr comes before w:sectPr / w:pPrChange
        if rpr.find(qn("w:ins")) is not None or rpr.find(qn("w:del")) is not None:
            return  # one revision per paragraph mark
        rpr.insert(0, self.element(mark))  # w:ins/w:del come first in a paragraph mark's w:rPr

    def mark_row(self, tr: etree._Element, mark: Mark) -> None:
        """Mark a whole table row as inserted/deleted (w:trPr/w:ins or w:del)."""
        trpr = tr.find(qn("w:trPr"))
        if trpr is None:
            trpr = OxmlElement("w:trPr")
            tr.insert(0, trpr)
        if not len(trpr):  # the schema wants a row property before w:ins/w:del
            trpr.append(OxmlElement("w:cantSplit"))
        trpr.append(self.element(mark))
