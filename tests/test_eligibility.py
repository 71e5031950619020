"""DUIS eligibility: each role's DUIS matrix held against the shipped list of
which User Roles may send each Service Request (check), and the rows a new
version adds or removes (diff). Findings are notes for the reviewer to
confirm against the current DUIS: exit codes change only with --strict."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from redline import cli
from redline.eligibility import EligibilityFinding, check_eligibility
from redline.errors import RedlineError
from redline.inputs import load_eligibility as load_list
from redline.readers import read
from tests.conftest import DATA, FIXTURES, ROOT, V618, V619

sys.path.insert(0, str(ROOT))
from fixtures.edit_cells import RSA_DUIS, edit_cells

CONFIRM = "confirm against the current DUIS"


def test_the_shipped_list_has_every_service_request_once_with_its_roles() -> None:
    listed = load_list()
    assert len(listed.requests) == 129
    assert len({r.variant for r in listed.requests}) == 129
    sizes = Counter(role for r in listed.requests for role in r.roles)
    # the sizes of the role tables in Appendix R (shared/reference/README.md)
    assert sizes == {"IS": 111, "GS": 83, "ED": 38, "OU": 25, "GT": 21, "RSA": 18, "ES": 16}
    inventory = listed.by_variant()["8.2"]
    assert inventory.name == "Read Inventory (Current and Future Suppliers may use this Service Request)"
    assert inventory.roles == {"IS", "ES", "GS", "RSA", "ED", "GT", "OU"}
    assert listed.version.startswith("DUIS 5.x")


@pytest.mark.parametrize("copy", [FIXTURES / "duis-service-requests.tsv", DATA / "duis-service-requests.tsv"])
def test_the_copies_are_refreshed_row_8_2_on_one_line(copy: Path) -> None:
    shipped = ROOT / "redline" / "data" / "duis-service-requests.tsv"
    assert copy.read_bytes() == shipped.read_bytes()
    assert len(load_list(copy).requests) == 129


def test_the_first_copy_with_row_8_2_split_is_refused_with_one_line(tmp_path: Path) -> None:
    text = (ROOT / "redline" / "data" / "duis-service-requests.tsv").read_text(encoding="utf-8")
    split = text.replace("Read Inventory (Current", "Read Inventory \n\n(Current")
    path = tmp_path / "old.tsv"
    path.write_text(split, encoding="utf-8")
    with pytest.raises(RedlineError, match=r"old\.tsv: line 105: 3 fields, the header has 11 \(a name split"):
        load_list(path)


def _rsa_with_1_5(tmp_path: Path) -> Path:
    # the RSA row 8.4 "Update Inventory" retyped as 1.5 "Update Meter Balance" (IS and GS only)
    return edit_cells(V618, tmp_path / "6.18-rsa-1.5.docx",
                      [(RSA_DUIS, {("Update Inventory", 0): "1.5", ("Update Inventory", 1): "1.5",
                                   ("Update Inventory", 2): "Update Meter Balance"})])


def test_check_notes_a_row_its_role_may_not_send_and_the_eligible_one_gone(tmp_path: Path) -> None:
    findings = check_eligibility(read(_rsa_with_1_5(tmp_path)), load_list())
    version = load_list().version
    assert findings == (
        EligibilityFinding("not_eligible", "8.1.10", "RSA", "1.5", "Update Meter Balance",
                           f"RSA may not send 1.5 by the eligibility list ({version}): {CONFIRM}"),
        EligibilityFinding("missing", "8.1.10", "RSA", "8.4", "Update Inventory",
                           f"RSA may send 8.4 by the eligibility list ({version}), but its matrix has no row for it: "
                           f"{CONFIRM}"),
    )
    assert check_eligibility(read(V618), load_list()) == ()


def test_cli_check_reports_eligibility_apart_and_exit_code_only_with_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = str(_rsa_with_1_5(tmp_path))
    assert cli.main(["check", edited]) == 1  # 6.18 states wrong totals: exit 1 as before
    out = capsys.readouterr().out
    assert "  note  Table 8.1.10 [RSA] 1.5 Update Meter Balance: the list says this role may not send it" in out
    assert "2 notes; confirm each against the current DUIS" in out
    assert cli.main(["check", str(FIXTURES / "appendix-r-v6.19.pdf"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(f["kind"], f["table"], f["key"]) for f in data["eligibility"]] == [
        ("not_eligible", "8.1.10", "8.14.3"), ("not_eligible", "8.1.10", "8.14.3"), ("missing", "8.1.11", "8.9"),
    ]
    assert data["ok"] is True and data["eligibility_list"]["service_requests"] == 129
    assert cli.main(["check", str(FIXTURES / "appendix-r-v6.19.pdf"), "--strict"]) == 1
    capsys.readouterr()


def test_diff_notes_rows_added_and_removed_against_the_list(capsys: pytest.CaptureFixture[str]) -> None:
    """6.19 adds the two 8.14.3 rows to RSA (as MP089 does: RSA may not send them
    by the list) and drops 8.9 from OU (which may send it)."""
    assert cli.main(["diff", str(V618), str(V619), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(f["kind"], f["table"], f["role"], f["key"], f["name"]) for f in data["eligibility"]] == [
        ("added_not_eligible", "8.1.10", "RSA", "8.14.3", "Communications Hub Status Update- Fault Return"),
        ("added_not_eligible", "8.1.10", "RSA", "8.14.3", "Communications Hub Status Update- No Fault Returned"),
        ("removed_eligible", "8.1.11", "OU", "8.9", "Read Device Log"),
    ]
    assert all(f["message"].endswith(CONFIRM) for f in data["eligibility"])
    assert data["summary"]["eligibility_findings"] == 3
    assert cli.main(["diff", str(V618), str(V619), "--strict"]) == 1
    capsys.readouterr()
    assert cli.main(["diff", str(V618), str(V619), "--role", "OU", "--json"]) == 0
    assert [f["key"] for f in json.loads(capsys.readouterr().out)["eligibility"]] == ["8.9"]


def test_a_newer_list_given_with_eligibility_is_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = (ROOT / "redline" / "data" / "duis-service-requests.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rsa = header.index("RSA")
    newer = []
    for line in lines:
        cells = line.split("\t")
        if cells[1] == "8.14.3":  # the list after MP089: RSA may send 8.14.3
            cells[rsa] = "Y"
        newer.append("\t".join(cells))
    path = tmp_path / "duis-after-mp089.tsv"
    path.write_text("\n".join(newer) + "\n", encoding="utf-8")
    assert cli.main(["diff", str(V618), str(V619), "--json", "--eligibility", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(f["kind"], f["key"]) for f in data["eligibility"]] == [("removed_eligible", "8.9")]
    assert data["eligibility_list"]["source"] == str(path)


def test_an_unreadable_list_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "roles.tsv"
    bad.write_text("a\tb\n1\t2\n", encoding="utf-8")
    assert cli.main(["check", str(V619), "--eligibility", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"redline: {bad}: not a DUIS eligibility list")
