"""The review page and its JSON against the library's own results, computed
here independently of the review (``diff``, ``check``, ``check_annex``,
``apply``, the eligibility list): on SEC 6.18 → 6.19 and on the MP089-shaped
annex applied to 6.18, every role's Total Tests old → new is the diff's,
every mismatch ``check`` finds is on the page, and every eligibility note."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import html

import redline
from redline.annex.check import check_annex
from redline.checks import CheckResult
from redline.diff import with_eligibility
from redline.eligibility import EligibilityFinding, check_eligibility
from redline.inputs import load_eligibility
from redline.model import Document
from redline.text import ROLES
from redline.writers.review_html import render_review_html
from redline.writers.review_json import review_to_dict
from tests.conftest import FIXTURES


@dataclass(frozen=True)
class Case:
    name: str
    old: Document
    new: Document
    page: str
    data: dict[str, object]
    annex: Document | None = None


def _case(name: str, annex: bool) -> Case:
    old = redline.read(FIXTURES / "appendix-r-v6.18.docx")
    eligibility = load_eligibility()
    if annex:
        mp = redline.read(FIXTURES / "annexes" / "01-mp089.docx")
        result = redline.review(old, annex=mp, eligibility=eligibility)
        new = redline.apply(old, mp).document  # applied here too, as `redline apply` does
    else:
        mp = None
        new = redline.read(FIXTURES / "appendix-r-v6.19.docx")
        result = redline.review(old, new, eligibility=eligibility)
    return Case(name, old, new, render_review_html(result), review_to_dict(result), mp)


@pytest.fixture(scope="module", params=["6.18-6.19", "mp089-against-6.18"])
def case(request: pytest.FixtureRequest) -> Case:
    return _case(request.param, annex=request.param.startswith("mp089"))


def _text(el: html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


def _role_figures(page: html.HtmlElement, role: str, figure: str) -> list[str]:
    """The first row of ``figure`` in the role's figures table: the role's own (or its one table's)."""
    section = page.get_element_by_id(f"role-{role}")
    row = section.cssselect(f'table.figures tr.figure[data-figure="{figure}"]')[0]
    return [_text(td) for td in row.cssselect("td")]


def test_every_roles_total_tests_old_to_new_is_the_diffs(case: Case) -> None:
    changes = redline.diff(case.old, case.new)
    page = html.fromstring(case.page)
    assert {r.role for r in changes.roles} == set(ROLES)
    for summary in changes.roles:
        cells = _role_figures(page, summary.role, "Total Tests")
        old_rows, new_rows = cells[1], cells[3]
        assert (old_rows, new_rows) == (str(summary.total_tests_old), str(summary.total_tests_new)), summary.role
        row = next(tr for tr in page.cssselect("table.role-summary tr[data-role]")
                   if tr.get("data-role") == summary.role)
        assert f"{summary.total_tests_old} → {summary.total_tests_new}" in _text(row)
        json_role = next(r for r in case.data["roles"] if r["role"] == summary.role)  # type: ignore[attr-defined]
        assert json_role["total_tests"]["old"] == summary.total_tests_old
        assert json_role["total_tests"]["new"] == summary.total_tests_new
    # the roles come in the domain's order
    order = [s.get("data-role") for s in page.cssselect("section.role[data-role]")]
    assert order == list(ROLES)


def _check_rows(page: html.HtmlElement, side: str, table: str) -> str:
    return _text(page.get_element_by_id(f"check-{side}-{table}"))


def test_every_mismatch_of_check_is_on_the_page(case: Case) -> None:
    page = html.fromstring(case.page)
    found = 0
    for side, doc in (("old", case.old), ("new", case.new)):
        result: CheckResult = redline.check(doc)
        assert len(result.read) == len(page.get_element_by_id(f"checks-{side}").cssselect("tbody tr"))
        for t in result.tables:
            row = _check_rows(page, side, t.table)
            for m in t.mismatches:
                assert f"{m.row} [{m.column}]: stated {m.stated}, rows give {m.computed}" in row
                found += 1
            if not t.mismatches and not t.problems:
                assert "✓ ok" in row
        assert case.data["checks"][side]["summary"]["mismatches"] == result.mismatch_count  # type: ignore[index]
    assert found == 3  # 6.18's planted errors: ED Count of N/A, RSA Count of Mandatory and Total Tests


def test_a_stated_figure_the_rows_do_not_give_is_flagged_beside_it(case: Case) -> None:
    page = html.fromstring(case.page)
    cells = _role_figures(page, "RSA", "Total Tests")
    assert cells[0].startswith("⚠ 23") and cells[1] == "18"  # old: stated 23, the rows give 18
    assert "⚠" not in cells[2]
    assert "⚠" not in " ".join(_role_figures(page, "IS", "Total Tests"))


def _notes(case: Case) -> list[EligibilityFinding]:
    eligibility = load_eligibility()
    notes = list(with_eligibility(redline.diff(case.old, case.new), eligibility).eligibility)
    new = check_eligibility(case.new, eligibility)
    held = {(f.kind, f.role, f.key, f.name) for f in new}
    # the old version's notes once: those the new version still gives are among its own
    return notes + list(new) + [f for f in check_eligibility(case.old, eligibility)
                                if (f.kind, f.role, f.key, f.name) not in held]


def test_every_eligibility_note_is_on_the_page(case: Case) -> None:
    page = html.fromstring(case.page)
    notes = _notes(case)
    assert notes, "the fixtures hold eligibility notes (RSA's 8.14.3 rows, OU's 8.9)"
    for n in notes:
        section = _text(page.get_element_by_id(f"role-{n.role}"))
        assert f"Table {n.table} {n.key} {n.name}: {n.message}" in section
    assert case.data["summary"]["eligibility_notes"] == len(notes)  # type: ignore[index]


def test_the_annex_page_has_the_annexs_own_figure_findings_and_its_mp_number() -> None:
    case = _case("mp089", annex=True)
    assert case.annex is not None
    page = html.fromstring(case.page)
    assert _text(page.cssselect("h1")[0]).startswith("Review of MP089")
    block = page.get_element_by_id("annex-checks")
    rows = [" ".join(_text(td) for td in tr.cssselect("td")) for tr in block.cssselect("tbody tr")]
    findings = check_annex(case.annex)
    # MP089's three corrections; the four "add up to" errors it gave before were the
    # annex-only check summing only the footer rows the annex shows (issue 18 item 5)
    assert len(findings) == len(rows) == 3
    for f, row in zip(findings, rows, strict=True):
        assert row.startswith(f"{f.table} {f.row} {f.column} {f.old} → {f.new} {f.expected}")
        assert ("⚠ error" in row) == (f.kind == "error")
    assert "confirmed: the baseline's rows give 12" in _text(block)
    assert case.data["annex"]["mp"] == "MP089"  # type: ignore[index]


def test_the_page_asks_no_other_host_and_reads_without_its_script(case: Case) -> None:
    page = html.fromstring(case.page)
    assert not page.cssselect("link, img, iframe, script[src], object, embed")
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", case.page)
    assert urls and all(u.startswith("#") for u in urls)
    assert "default-src 'none'" in case.page  # the page's CSP forbids fetching anything
    assert not page.cssselect("[hidden]")  # the filter hides parts only once its script runs
    filters = page.cssselect("nav.filter a.filter")
    assert [a.get("href") for a in filters] == ["#all", *(f"#role-{r}" for r in ROLES)]


def test_sections_are_redlined_by_underline_and_strike_with_anchors(case: Case) -> None:
    page = html.fromstring(case.page)
    changes = redline.diff(case.old, case.new)
    for s in changes.sections:
        assert page.get_element_by_id(f"section-{s.number}") is not None
    purpose = page.get_element_by_id("section-1.1")
    assert [_text(i) for i in purpose.cssselect("ins")] == ["or the November 2019 SEC Release"]
    css = case.page[case.page.index("<style>") : case.page.index("</style>")]
    assert re.search(r"ins \{[^}]*text-decoration: underline", css)
    assert re.search(r"del \{[^}]*text-decoration: line-through", css)
    refs = _text(page.get_element_by_id("references"))
    for p in changes.references:
        assert f"Section {p.section}: “{p.text}”" in refs
    renumbered = _text(page.get_element_by_id("renumbered"))
    assert "7.2 → 7.3" in renumbered and "7.3 → 7.4" in renumbered


def test_the_print_stylesheet_is_a4_landscape_without_the_filter_and_a_page_per_role(case: Case) -> None:
    css = case.page[case.page.index("@media print") :]
    assert "size: A4 landscape" in css
    assert re.search(r"nav\.filter[^{]*\{[^}]*display: none", css)
    assert re.search(r"section\.role \{[^}]*break-before: page", css)


def test_summary_counts_link_to_their_details_and_every_link_lands(case: Case) -> None:
    page = html.fromstring(case.page)
    ids = [el.get("id") for el in page.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    links = [a.get("href") for a in page.get_element_by_id("summary").cssselect("a")]
    assert len(links) > 20
    everywhere = [a.get("href") for a in page.cssselect("a") if a.get("href") not in ("#all",)]
    assert [h for h in everywhere if not (h.startswith("#") and h[1:] in ids)] == []


def test_a_typography_only_rename_is_marked_and_a_real_one_is_not(tmp_path: Path) -> None:
    from fixtures.edit_cells import RSA_RETYPED, edit_cells

    new = redline.read(edit_cells(FIXTURES / "appendix-r-v6.19.docx", tmp_path / "retyped.docx", RSA_RETYPED))
    old = redline.read(FIXTURES / "appendix-r-v6.19.docx")
    page = html.fromstring(render_review_html(redline.review(old, new)))
    renamed = page.get_element_by_id("role-RSA").cssselect("ul.rows.renamed > li")
    expected = [(r.key, r.typography_only) for t in redline.diff(old, new).tables for r in t.rows_renamed]
    shown = [(_text(li).split(":")[0], "typography only" in _text(li)) for li in renamed]
    assert shown == expected
    assert len(expected) == 7 and {typo for _, typo in expected} == {True, False}


def test_json_is_the_pages_content(case: Case) -> None:
    data = case.data
    assert data["schema"] == "redline.review/1"
    json.dumps(data)  # plain JSON
    page = html.fromstring(case.page)
    for role in data["roles"]:  # type: ignore[attr-defined]
        for f in role["figures"]:
            cells = [c for c in _role_figures(page, role["role"], f["name"])]
            assert cells[1] == str(f["old"]["computed"] if f["old"]["computed"] is not None else "–")
            assert cells[3] == str(f["new"]["computed"] if f["new"]["computed"] is not None else "–")


def test_the_page_refuses_a_change_kind_it_cannot_show() -> None:
    """An unknown section, paragraph or word-edit kind raises (as every writer does), never a silent gap."""
    from dataclasses import replace
    from typing import Any

    old = redline.read(FIXTURES / "appendix-r-v6.18.docx")
    new = redline.read(FIXTURES / "appendix-r-v6.19.docx")
    result = redline.review(old, new)
    first = result.diff.sections[0]
    split: Any = "split"
    for odd in (replace(first, change=split),
                replace(first, paragraphs=(replace(first.paragraphs[0], change=split),)),
                replace(first, paragraphs=(replace(first.paragraphs[0], change="modified",
                                                   edits=(replace(first.paragraphs[0].edits[0], op=split),)),))):
        broken = replace(result, diff=replace(result.diff, sections=(odd, *result.diff.sections[1:])))
        with pytest.raises(TypeError, match="split"):
            render_review_html(broken)


def test_the_library_call_wants_a_new_version_or_an_annex_never_both_or_neither() -> None:
    from redline.errors import RedlineError

    old = redline.read(FIXTURES / "appendix-r-v6.18.docx")
    mp = redline.read(FIXTURES / "annexes" / "01-mp089.docx")
    with pytest.raises(RedlineError, match="either the new version or an annex"):
        redline.review(old)
    with pytest.raises(RedlineError, match="either the new version or an annex"):
        redline.review(old, old, annex=mp)
    with pytest.raises(RedlineError, match="an annex, not a version"):
        redline.review(old, mp)
    with pytest.raises(RedlineError, match="an annex, not a version"):
        redline.review(mp, annex=mp)
    with pytest.raises(RedlineError, match="not an annex"):
        redline.review(old, annex=old)
