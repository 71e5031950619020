"""History across stored versions: rows and sections appearing, changing, renamed, removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.cli import main
from redline.model import Document
from redline.versions.history import section_history, table_history
from redline.versions.store import opened
from tests.appendix_builders import M2, NA, RSA_618, SECTION_1_2, SECTION_5_4, M, appendix

NO_FAULT = ("8.14.3", "Communications Hub Status Update- No Fault Returned", NA, M2)


def _versions() -> list[tuple[str, Document]]:
    rsa_619 = [r if r[0] != "6.2.7" else (r[0], r[1], M, NA) for r in RSA_618]
    rsa_619.insert(5, NO_FAULT)
    rsa_620 = [r if r[0] != "8.2" else ("8.2", "Read Inventory (Full)", NA, M) for r in rsa_619 if r[0] != "12.2"]
    s12 = [*SECTION_1_2, "For an existing User seeking to access November 2019 SEC Release functionality."]
    return [
        ("6.18", appendix("6.18")),
        (
            "6.19",
            appendix(
                "6.19",
                rsa=rsa_619,
                s12=s12,
                s54_title="Completing Additive UEPT for Release 2.0 or November 2019 SEC Release",
            ),
        ),
        ("6.20", appendix("6.20", rsa=rsa_620, s12=s12, s54=SECTION_5_4[:2])),
    ]


def test_rows_first_appear_change_get_renamed_and_removed() -> None:
    h = table_history(_versions(), "8.1.10")
    events = {(r.key, r.name): [(e.version, e.change) for e in r.events] for r in h.rows}
    assert events[("8.14.3", "Communications Hub Status Update- No Fault Returned")] == [("6.19", "added")]
    assert events[("8.14.3", "Communications Hub Status Update- Fault Return")] == [("6.18", "added")]
    assert events[("6.2.7", "Read Device Configuration (MPxN)")] == [("6.18", "added"), ("6.19", "changed")]
    assert events[("8.2", "Read Inventory (Full)")] == [("6.18", "added"), ("6.20", "renamed")]
    assert events[("12.2", "Device Pre-notification")] == [("6.18", "added"), ("6.20", "removed")]
    [changed] = [r for r in h.rows if r.key == "6.2.7"]
    cells = changed.events[1].cells
    assert [(c.column, c.column_index, c.old, c.new) for c in cells] == [("CV", 4, M2, M)]
    [renamed] = [r for r in h.rows if r.key == "8.2"]
    assert (renamed.events[1].old_name, renamed.events[1].new_name) == ("Read Inventory", "Read Inventory (Full)")


def test_key_filter_keeps_both_rows_of_a_repeated_key() -> None:
    h = table_history(_versions(), "8.1.10", key="8.14.3")
    assert [(r.name, [e.version for e in r.events]) for r in h.rows] == [
        ("Communications Hub Status Update- Fault Return", ["6.18"]),
        ("Communications Hub Status Update- No Fault Returned", ["6.19"]),
    ]


def test_section_retitled_changed_and_renumbered() -> None:
    versions = _versions()
    h = section_history(versions, "5.4")
    assert [(e.version, e.change) for e in h.events] == [
        ("6.18", "added"),
        ("6.19", "retitled"),
        ("6.20", "retitled"),
        ("6.20", "changed"),
    ]
    assert h.events[3].details == (f"removed paragraph: {SECTION_5_4[2][:69] + '…'!r}",)
    renumbered = [*versions, ("6.21", appendix("6.21", s54=SECTION_5_4[:2], s54_number="5.5"))]
    h = section_history(renumbered, "5.4")
    assert [(e.version, e.change, e.old_name, e.new_name) for e in h.events[-1:]] == [
        ("6.21", "renumbered", "5.4", "5.5")
    ]
    h12 = section_history(versions, "1.2")
    assert [(e.version, e.change) for e in h12.events] == [("6.18", "added"), ("6.19", "changed")]
    assert h12.events[1].details[0].startswith("added paragraph: 'For an existing User seeking to access November")


def test_log_command_reads_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "v.db"
    with opened(db, create=True) as store:
        for label, doc in reversed(_versions()):  # added out of order: the log sorts by label
            store.add(doc, label)
    assert main(["log", "--table", "8.1.10", "--key", "6.2.7", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "Table 8.1.10, rows keyed 6.2.7 across 3 version(s): 6.18, 6.19, 6.20",
        "6.2.7  Read Device Configuration (MPxN)",
        "  6.18  first appeared (in the earliest stored version)",
        "  6.19  changed:",
        "          CV (column 5): 'Mandatory SMETS 2' -> 'Mandatory'",
    ]
    assert main(["log", "--section", "5.4", "--db", str(db)]) == 0
    assert "6.19  retitled: 'Completing Additive UEPT for Release 2.0' -> " in capsys.readouterr().out
    assert main(["log", "--section", "5.4", "--key", "x", "--db", str(db)]) == 2


def test_log_text_counted_columns_from_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`redline log` printed "Critical Test (column 3)" for the fourth column (its
    0-based column_index) while diff's text says "column 4 renamed: 'Critical'":
    a reviewer counting across the table landed on Service Request Name. The text
    counts from 1; the JSON keeps the contract's 0-based column_index."""
    db = tmp_path / "v.db"
    with opened(db, create=True) as store:
        for label, doc in _versions():
            store.add(doc, label)
    assert main(["log", "--table", "8.1.10", "--key", "6.2.7", "--db", str(db)]) == 0
    [line] = [x for x in capsys.readouterr().out.splitlines() if "(column" in x]
    assert line.strip().startswith("CV (column 5):")
    assert main(["log", "--table", "8.1.10", "--key", "6.2.7", "--json", "--db", str(db)]) == 0
    assert '"column_index": 4' in capsys.readouterr().out


def test_a_moved_row_is_one_event_naming_its_new_neighbour() -> None:
    moved = [RSA_618[0], RSA_618[5], *RSA_618[1:5], *RSA_618[6:]]  # 11.2 moved up after 4.1.1
    h = table_history([("6.18", appendix("6.18")), ("6.19", appendix("6.19", rsa=moved))], "8.1.10")
    events = [(r.key, e.change, e.details) for r in h.rows for e in r.events if e.version == "6.19"]
    assert events == [("11.2", "moved", ("row 6 -> row 2, after 4.1.1 (Read Instantaneous Import Registers)",))]


def test_a_renumbered_table_is_followed_under_its_new_number() -> None:
    from dataclasses import replace

    from redline.model import Table

    v618 = appendix("6.18")
    v619 = appendix("6.19", rsa=[*RSA_618[:3], *RSA_618[4:]])  # 8.4 removed ...
    renumber = {"8.1.10": "8.1.11"}  # ... and the RSA table is 8.1.11 now

    def moved(doc: Document) -> Document:
        sections = []
        for s in doc.sections:
            blocks = tuple(replace(b, number=renumber.get(b.number or "", b.number)) if isinstance(b, Table) else b
                           for b in s.blocks)  # fmt: skip
            sections.append(replace(s, number=renumber.get(s.number, s.number), blocks=blocks))
        return replace(doc, sections=tuple(sections))

    h = table_history([("6.18", v618), ("6.19", moved(v619))], "8.1.10")
    assert [(e.version, e.old_name, e.new_name) for e in h.renumbered] == [("6.19", "8.1.10", "8.1.11")]
    assert h.missing_in == ()
    [gone] = [r for r in h.rows if r.key == "8.4"]
    assert [(e.version, e.change) for e in gone.events] == [("6.18", "added"), ("6.19", "removed")]


def test_a_removed_section_is_not_retitled_into_the_one_renumbered_to_its_number() -> None:
    """6.1 deleted in 6.19 and Word renumbered 6.2 -> 6.1: the log of 6.1 says removed,
    the log of 6.2 says renumbered; 6.1 was not "retitled" to Test Devices."""
    from tests.diffdata import document, section

    provision = "The DCC shall make a test environment available to Testing Participants."
    devices = "The Testing Participant shall use the Devices the DCC provides."
    v618 = document([section("6", "Test Environment"), section("6.1", "Test Environment Provision", provision),
                     section("6.2", "Test Devices", devices)], version="6.18")
    v619 = document([section("6", "Test Environment"), section("6.1", "Test Devices", devices)], version="6.19")
    versions = [("6.18", v618), ("6.19", v619)]
    assert [(e.version, e.change) for e in section_history(versions, "6.1").events] == [
        ("6.18", "added"), ("6.19", "removed")]  # fmt: skip
    assert [(e.version, e.change, e.old_name, e.new_name) for e in section_history(versions, "6.2").events] == [
        ("6.18", "added", "", "Test Devices"), ("6.19", "renumbered", "6.2", "6.1")]  # fmt: skip
