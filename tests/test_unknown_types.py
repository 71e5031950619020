"""A block or edit type a writer does not know is an error, as docutils'
``unknown_visit`` is: never a silent gap in the output (issue 11)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pytest

from redline.annex.plan import plan_annex
from redline.model import Document, Paragraph, Run, Section
from redline.readers import read
from redline.versions.edits import execute
from redline.writers import json as jsonw
from redline.writers.docx import render_docx as render_annex_docx
from redline.writers.docx_document import render_docx
from redline.writers.html import render_html
from tests.conftest import FIXTURES


@dataclass(frozen=True)
class Figure:
    """A block type no writer knows (a drawing, say)."""

    text: str = "Figure 1"


@pytest.fixture(scope="module")
def versions() -> tuple[Document, Document]:
    return read(FIXTURES / "appendix-r-v6.18.docx"), read(FIXTURES / "appendix-r-v6.19.docx")


def _with_figure(doc: Document) -> Document:
    odd: Any = Figure()
    first = doc.sections[1]
    return replace(doc, sections=(replace(first, blocks=(*first.blocks, odd)), *doc.sections[2:]))


def test_document_writers_refuse_an_unknown_block(versions: tuple[Document, Document]) -> None:
    doc = _with_figure(versions[1])
    with pytest.raises(TypeError, match="Figure"):
        render_docx(doc)
    with pytest.raises(TypeError, match="Figure"):
        jsonw.document_to_dict(doc)


def test_annex_writers_refuse_an_unknown_block(versions: tuple[Document, Document]) -> None:
    plan = plan_annex(*versions)
    odd: Any = Figure()
    item = plan.items[0]
    plan = replace(plan, items=(replace(item, blocks=(*item.blocks, odd)), *plan.items[1:]))
    for render in (render_annex_docx, render_html, lambda p: [jsonw.amendment_to_dict(i) for i in p.items]):
        with pytest.raises(TypeError, match="Figure"):
            render(plan)


def test_apply_refuses_an_unknown_edit(versions: tuple[Document, Document]) -> None:
    odd: Any = Figure()
    with pytest.raises(TypeError, match="Figure"):
        execute(versions[0], [odd], source="x")


def test_known_blocks_still_render(versions: tuple[Document, Document]) -> None:
    doc = replace(versions[1], sections=(Section("1", "One", 1, (Paragraph("Text.", (Run("Text."),)),)),))
    assert render_docx(doc)[:2] == b"PK"
