"""The review page on Section H 6.18 -> 6.19 (clauses, not Appendix R): an added
clause has no title, and its heading once read "H14.2A None"; the lettered
sub-paragraphs of H14.12 were drawn as bullets, not as their "(c)", "(d)"."""

from __future__ import annotations

from lxml import html

import redline
from redline.writers.review_html import render_review_html
from tests.conftest import FIXTURES

SEC = FIXTURES / "sec"


def _page() -> html.HtmlElement:
    old = redline.read(SEC / "6.18" / "section-h.docx")
    new = redline.read(SEC / "6.19" / "section-h.docx")
    return html.fromstring(render_review_html(redline.review(old, new)))


def test_review_added_clause_heading_is_not_titled_none() -> None:
    page = _page()
    heading = " ".join(page.get_element_by_id("section-H14.2A").find("h3").text_content().split())
    assert heading == "H14.2A (added)"


def test_review_clause_sub_paragraphs_show_their_labels_not_bullets() -> None:
    section = _page().get_element_by_id("section-H14.12")
    paras = [" ".join(p.text_content().split()) for p in section.find_class("para")]
    assert paras == ["(c) the Devices to be used in the tests.;",
                     "(d) the proposed dates of the tests, consistent with the Testing Schedule."]
    assert not section.find_class("bullet")
