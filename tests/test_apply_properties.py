"""Property: an annex made from any edit of a table, applied to the old version,
gives the new one (rows kept, changed, deleted and inserted; footers recounted);
and an annex that changes nothing changes nothing."""

from __future__ import annotations

import difflib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline.checks import check
from redline.model import Heading
from redline.structure import StreamItem
from redline.text import natural_key
from redline.versions.apply import apply
from redline.versions.compare import Settings, differences
from tests.appendix_builders import (
    M2,
    NA,
    RSA_618,
    SECTION_5_4,
    M,
    annex,
    appendix,
    dele,
    ins,
    marked_para,
    para,
    table_amendment,
)

Row = tuple[str, str, str, str]
VALUES = [M, M2, NA]
POOL: list[Row] = [
    ("5.1", "Create Schedule", M, NA),
    ("7.7", "Read Auxiliary Load Control Switch Data", NA, M2),
    ("8.14.4", "Communications Hub Status Update- Install Success", NA, M2),
    ("9.1", "Restore HAN Device Log", M2, NA),
    ("13.1", "Read Device Log", NA, M),
]


@st.composite
def edited(draw: st.DrawFn) -> list[Row]:
    rows: list[Row] = []
    for key, name, cv, ncv in RSA_618:
        action = draw(st.sampled_from(["keep", "keep", "change", "delete"]))
        if action == "keep":
            rows.append((key, name, cv, ncv))
        elif action == "change":
            rows.append((key, name, draw(st.sampled_from(VALUES)), draw(st.sampled_from(VALUES))))
    added = draw(st.lists(st.sampled_from(POOL), unique=True, max_size=3))
    return sorted(rows + added, key=lambda r: natural_key(r[0]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_annex_of_any_table_edit_applied_gives_the_new_version(rows: list[Row]) -> None:
    old, new = appendix("6.18"), appendix("6.19", rsa=rows)
    result = apply(old, annex(table_amendment("8.1.10", RSA_618, rows)))
    assert result.plan.mismatches == ()
    assert differences(result.document, new) == []
    assert check(result.document).ok


def test_an_annex_of_no_change_changes_nothing() -> None:
    result = apply(appendix("6.18"), annex(table_amendment("8.1.10", RSA_618, RSA_618)))
    assert result.plan.edits == () and result.plan.mismatches == ()
    assert differences(result.document, appendix("6.18")) == []


EXTRA = [
    "Testing Participants shall keep evidence of each test for two years.",
    "The DCC may ask for a test to be repeated.",
    "For an existing User seeking to access November 2019 SEC Release functionality.",
]


def section_amendment(number: str, title: str, old: list[str], new: list[str]) -> list[StreamItem]:
    """ "Amend Section X as follows:" with the paragraphs as a drafter redlines them:
    unchanged ones plain, removed ones struck, added ones underlined, an edited one
    with its old words struck and its new words underlined."""
    items: list[StreamItem] = [para(f"Amend Section {number} as follows:"), Heading(number, title, 2)]
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            items += [para(t) for t in old[i1:i2]]
            continue
        pairs = list(zip(old[i1:i2], new[j1:j2], strict=False)) if op == "replace" else []
        for a, b in pairs:
            common = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            items.append(marked_para(a[:common], dele(a[common:]), ins(b[common:])))
        items += [marked_para(dele(t)) for t in old[i1 + len(pairs) : i2]]
        items += [marked_para(ins(t)) for t in new[j1 + len(pairs) : j2]]
    return items


@st.composite
def edited_paragraphs(draw: st.DrawFn) -> list[str]:
    out: list[str] = []
    for text in SECTION_5_4:
        action = draw(st.sampled_from(["keep", "keep", "change", "delete"]))
        if action == "keep":
            out.append(text)
        elif action == "change":
            out.append(text.rstrip(".:;") + draw(st.sampled_from([" (see clause 8).", "; and", " in full."])))
        if draw(st.booleans()):
            out.append(draw(st.sampled_from([x for x in EXTRA if x not in out])))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_paragraphs())
def test_annex_of_any_section_edit_applied_gives_the_new_version(paragraphs: list[str]) -> None:
    title = "Completing Additive UEPT for Release 2.0"
    old = appendix("6.18")
    new = appendix("6.19", s54=paragraphs)
    result = apply(old, annex(section_amendment("5.4", title, list(SECTION_5_4), paragraphs)))
    assert result.plan.mismatches == ()
    assert differences(result.document, new, Settings(list_levels=False)) == []
