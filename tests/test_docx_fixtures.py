"""The DOCX reader on the committed Appendix R fixtures (fixtures/CHANGES.md
lists what was planted; the expected values below are copied from it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redline.cli import main
from redline.model import Document, Paragraph
from redline.readers import read
from tests.conftest import FIXTURES, V618, V619

TYPED = FIXTURES / "appendix-r-v6.18-typed.docx"


PLANTED = {
    ("8.1.10", "Count of Mandatory", "Total", None, 16, 12),
    ("8.1.10", "Total Tests", "Total", None, 23, 18),
    ("8.1.8", "Count of N/A", "ECV3", 7, 38, 37),
}


def _check_json(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    code = main(["check", "--json", str(path)])
    out, err = capsys.readouterr()
    assert err == ""
    return code, json.loads(out)


def _mismatches(result: dict[str, object]) -> set[tuple[object, ...]]:
    tables = result["tables"]
    assert isinstance(tables, list)
    return {
        (t["table"], m["row"], m["column"], m["column_index"], m["stated"], m["computed"])
        for t in tables
        for m in t["mismatches"]
    }


@pytest.mark.parametrize("path", [V618, TYPED], ids=["auto-numbered", "typed-numbers"])
def test_618_reports_exactly_the_planted_mismatches(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, result = _check_json(path, capsys)
    assert code == 1 and result["ok"] is False
    assert _mismatches(result) == PLANTED
    tables = result["tables"]
    assert isinstance(tables, list)
    # every table with a footer is listed: 7 DUIS + 6 device alert + 4 DCC alert tables
    assert [t["table"] for t in tables][:7] == [f"8.1.{n}" for n in range(5, 12)]


def test_619_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, result = _check_json(V619, capsys)
    assert code == 0 and result["ok"] is True and _mismatches(result) == set()


def _outline(doc: Document) -> list[tuple[str, str, int, int]]:
    return [(s.number, s.title, s.level, len(s.blocks)) for s in doc.sections]


def test_typed_and_auto_numbered_versions_read_the_same() -> None:
    auto, typed = read(V618), read(TYPED)
    assert _outline(auto) == _outline(typed)
    assert auto.sections == typed.sections
    assert auto.title == typed.title == "Appendix R – Common Testing Scenarios Document"
    assert auto.sec_version == typed.sec_version == "6.18"


def test_618_structure_as_drafted() -> None:
    doc = read(V618)
    numbers = [s.number for s in doc.sections]
    assert numbers[:4] == ["1", "1.1", "1.2", "2"]
    assert "6.3" in numbers and "8.1.22" in numbers
    assert doc.section("5.4") is not None and doc.section("5.4").title == "Completing Additive UEPT for Release 2.0"  # type: ignore[union-attr]
    # The classification banner (first body paragraph and page header) is not content.
    texts = [b.text for b in doc.front if isinstance(b, Paragraph)]
    texts += [b.text for s in doc.sections for b in s.blocks if isinstance(b, Paragraph)]
    assert not any("classified as" in t for t in texts)
    # 1.1's bullets are two levels deep
    levels = [b.list_level for b in doc.section("1.1").blocks if isinstance(b, Paragraph)]  # type: ignore[union-attr]
    assert levels.count(0) == 3 and levels.count(1) == 6
    rsa = doc.table("8.1.10")
    assert rsa is not None and rsa.role == "RSA" and rsa.kind == "duis" and len(rsa.rows) == 18
    assert rsa.columns[4] == "CV" and rsa.columns[13] == "NCV" and rsa.value_columns == tuple(range(4, 14))
    alerts = doc.table("8.1.16")
    assert alerts is not None and alerts.kind == "device_alert" and alerts.columns[4] == "Test Scenario"
    dcc = doc.table("8.1.19")
    assert dcc is not None and dcc.kind == "dcc_alert"


def test_619_changes_are_read() -> None:
    old, new = read(V618), read(V619)
    assert new.sec_version == "6.19"
    assert new.section("6.3") is None
    s72 = new.section("7.2")
    assert s72 is not None and s72.title == "Defect Management and Retesting"
    s54 = new.section("5.4")
    assert s54 is not None and s54.title == "Completing Additive UEPT for Release 2.0 or November 2019 SEC Release"
    rsa_old, rsa_new = old.table("8.1.10"), new.table("8.1.10")
    assert rsa_old is not None and rsa_new is not None
    added = [r.name for r in rsa_new.rows if r.key == "8.14.3"]
    assert added == [
        "Communications Hub Status Update- Fault Return",
        "Communications Hub Status Update- No Fault Returned",
    ]
    assert len(rsa_new.rows) == len(rsa_old.rows) + 2
    gs = new.table("8.1.7")
    assert gs is not None
    assert [r.name for r in gs.rows if r.key == "6.24.1"] == ["Retrieve Device Security Credentials (KRP and Supplier)"]


def test_fast_table_pass_agrees_with_the_full_walk_on_a_real_document(monkeypatch: pytest.MonkeyPatch) -> None:
    import redline.readers.docx as reader

    fast = read(V618)
    monkeypatch.setattr(reader, "read_plain_table", lambda *args, **kwargs: None)
    assert read(V618).sections == fast.sections
