"""Properties of section alignment on generated prose sections.

* a document diffed with itself reports nothing;
* a section inserted among numbered siblings is reported as one section
  added, and each later sibling as renumbered (not rewritten);
* a section removed from among siblings is one removal plus the later
  siblings renumbered.
"""

from __future__ import annotations

from diffdata import document, section
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.diff import diff
from redline.model import Section

# Words of the kind Appendix R prose is made of.
_PROSE = (
    "Testing Participant shall complete User Entry Process Tests before acting in a User Role DCC "
    "Service Requests Device SMETS1 SMETS2 Communications Hub Eligible evidence approval report defect "
    "environment certificate Security Requirement SMKI Repository Release functionality production "
    "scenario matrix Mandatory variant alert Supplier Distributor Transporter Import Export Gas "
    "Electricity Registered Agent Other schedule witness retest severity completion prior formal "
    "process document approach procedure stub data set configuration firmware tariff inventory"
)
VOCABULARY = tuple(_PROSE.split(" "))
TITLES = (
    "Purpose", "Scope", "Test Sequence", "Test Data", "Device Types", "Test Certificates", "Test Stubs",
    "Defect Management", "Test Completion Report", "Approval of Test Completion", "Entry Criteria",
    "Exit Criteria", "Test Environments", "Witnessing", "Regression Testing", "Reporting",
)

sentences = st.lists(st.sampled_from(VOCABULARY), min_size=12, max_size=30).map(lambda w: " ".join(w) + ".")


@st.composite
def siblings(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    titles = draw(st.lists(st.sampled_from(TITLES), min_size=3, max_size=8, unique=True))
    bodies = [draw(st.lists(sentences, min_size=1, max_size=3)) for _ in titles]
    return titles, bodies


def _doc(titles: list[str], bodies: list[list[str]]) -> list[Section]:
    out = [section("7", "Test Data and Completion")]
    out += [section(f"7.{k + 1}", t, *b) for k, (t, b) in enumerate(zip(titles, bodies, strict=True))]
    return out


@settings(max_examples=40, deadline=None)
@given(siblings())
def test_a_document_diffed_with_itself_reports_nothing(data: tuple[list[str], list[list[str]]]) -> None:
    doc = document(_doc(*data))
    assert diff(doc, doc).is_empty


@settings(max_examples=60, deadline=None)
@given(siblings(), st.data())
def test_an_inserted_section_renumbers_the_later_siblings(
    data: tuple[list[str], list[list[str]]], draw: st.DataObject
) -> None:
    titles, bodies = data
    new_title = draw.draw(st.sampled_from([t for t in TITLES if t not in titles]))
    new_body = draw.draw(st.lists(sentences, min_size=1, max_size=2))
    at = draw.draw(st.integers(0, len(titles)))
    new_titles = [*titles[:at], new_title, *titles[at:]]
    new_bodies = [*bodies[:at], new_body, *bodies[at:]]
    result = diff(document(_doc(titles, bodies)), document(_doc(new_titles, new_bodies)))
    found = [(s.change, s.old_number, s.new_number) for s in result.sections]
    expected = [("added", None, f"7.{at + 1}")]
    expected += [("renumbered", f"7.{k + 1}", f"7.{k + 2}") for k in range(at, len(titles))]
    assert found == expected


@settings(max_examples=60, deadline=None)
@given(siblings(), st.data())
def test_a_removed_section_renumbers_the_later_siblings(
    data: tuple[list[str], list[list[str]]], draw: st.DataObject
) -> None:
    titles, bodies = data
    at = draw.draw(st.integers(0, len(titles) - 1))
    result = diff(
        document(_doc(titles, bodies)),
        document(_doc(titles[:at] + titles[at + 1 :], bodies[:at] + bodies[at + 1 :])),
    )
    found = [(s.change, s.old_number, s.new_number) for s in result.sections]
    expected = [("removed", f"7.{at + 1}", None)]
    expected += [("renumbered", f"7.{k + 1}", f"7.{k}") for k in range(at + 1, len(titles))]
    assert found == expected
