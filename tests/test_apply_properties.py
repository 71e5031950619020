"""Property: an annex made from any edit of a table, applied to the old version,
gives the new one (rows kept, changed, deleted and inserted; footers recounted);
and an annex that changes nothing changes nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline.apply import apply
from redline.canonical import differences
from redline.checks import check
from redline.patching import natural
from tests.appendix_builders import M2, NA, RSA_618, M, annex, appendix, table_amendment

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
    return sorted(rows + added, key=lambda r: natural(r[0]))


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
