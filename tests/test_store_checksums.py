"""A damaged stored version is named, whatever reads it.

16 random bytes written inside one version's stored model pass SQLite's own
checks (the page is well formed; only the text is not what was stored). The
checksum kept beside each model catches them: loading the version names it
and says what to do (exit 2), ``versions list`` marks it, ``versions check``
finds it (exit 1), and adding the same file again repairs it.
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest

from redline.cli import main
from redline.inputs import read_file
from redline.versions.store import USER_VERSION, model_checksum, opened
from redline.writers.json import document_to_dict
from tests.conftest import V618, V619


def _model_bytes(path: Path) -> bytes:
    doc = read_file(path)
    return json.dumps(document_to_dict(doc), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def damage_version(db: Path, model: bytes, others: list[bytes], seed: int = 15) -> int:
    """Write 16 random bytes inside ``model`` where it lies in the database file
    (a stretch found once in the file and in no other stored model); the offset."""
    data = bytearray(db.read_bytes())
    for start in range(len(model) // 2, len(model) - 64, 97):
        window = model[start : start + 64]
        if data.count(window) == 1 and not any(window in o for o in others):
            at = data.index(window) + 24
            data[at : at + 16] = random.Random(seed).randbytes(16)
            db.write_bytes(bytes(data))
            return at
    raise AssertionError("no stretch of the model found once in the file")


@pytest.fixture(scope="module")
def models() -> dict[str, bytes]:
    return {"6.18": _model_bytes(V618), "6.19": _model_bytes(V619)}


@pytest.fixture
def damaged_db(tmp_path: Path, models: dict[str, bytes]) -> Path:
    db = tmp_path / ".redline" / "versions.db"
    assert main(["versions", "add", str(V618), "--label", "6.18", "--date", "2025-11-06", "--db", str(db)]) == 0
    assert main(["versions", "add", str(V619), "--label", "6.19", "--date", "2026-02-26", "--db", str(db)]) == 0
    assert not Path(f"{db}-wal").exists()  # all in the main file: the damage lands in the model
    damage_version(db, models["6.19"], [models["6.18"]])
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]  # SQLite sees nothing wrong
    conn.close()
    return db


def test_a_damaged_version_is_named_by_every_command_that_loads_it(
    damaged_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    expected = (
        f"redline: version 6.19 in {damaged_db} is damaged: add it again from its file "
        f"(redline versions add {V619} --label 6.19)\n"
    )
    for args in (["diff", "6.18", "6.19"], ["log", "--table", "8.1.10"], ["versions", "show", "6.19"],
                 ["check", "6.19"], ["annex", "6.18", "6.19", "-o", str(damaged_db.parent / "a.html")]):
        assert main([*args, "--db", str(damaged_db)]) == 2, args
        assert capsys.readouterr().err == expected, args
    assert not (damaged_db.parent / "a.html").exists()
    assert main(["check", "6.18", "--db", str(damaged_db)]) in (0, 1)  # the other version still reads
    assert capsys.readouterr().err == ""


def test_list_marks_it_and_check_finds_it(damaged_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["versions", "list", "--db", str(damaged_db)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[-1].startswith("DAMAGED  6.19: its stored model fails its checksum; add it again from its file")
    assert main(["versions", "list", "--json", "--db", str(damaged_db)]) == 0
    flags = {v["label"]: v["damaged"] for v in json.loads(capsys.readouterr().out)["versions"]}
    assert flags == {"6.18": False, "6.19": True}
    assert main(["versions", "check", "--db", str(damaged_db)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "ok       6.18" and out[1].startswith("DAMAGED  6.19: ")
    assert out[2] == f"{damaged_db}: 2 version(s) checked, 1 damaged"
    assert main(["versions", "check", "--json", "--db", str(damaged_db)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["schema"] == "redline.versions-check/1" and report["ok"] is False


def test_adding_the_same_file_again_repairs_it(damaged_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["versions", "add", str(V619), "--label", "6.19", "--db", str(damaged_db)]) == 0
    assert "6.19: stored again (the stored copy was damaged)" in capsys.readouterr().out
    assert main(["versions", "check", "--db", str(damaged_db)]) == 0
    assert capsys.readouterr().out.endswith("2 version(s) checked, all intact\n")
    assert main(["diff", "6.18", "6.19", "--db", str(damaged_db)]) == 0
    with opened(damaged_db) as store:  # kept its date
        assert [(v.label, v.date) for v in store.versions()] == [("6.18", "2025-11-06"), ("6.19", "2026-02-26")]


def _format_1_store(path: Path, models: dict[str, bytes]) -> None:
    """A store as redline made it before checksums (format 1), one of whose models is already broken."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA application_id = 1380207694")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(
        "CREATE TABLE versions (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE, date TEXT, source TEXT NOT NULL,"
        " sha256 TEXT NOT NULL, added_at TEXT NOT NULL, model_schema TEXT NOT NULL, model TEXT NOT NULL)"
    )
    for label, model in (("6.18", models["6.18"]), ("6.19", models["6.19"][:-40])):
        conn.execute(
            "INSERT INTO versions (label, date, source, sha256, added_at, model_schema, model)"
            " VALUES (?, NULL, ?, 'x', '2026-01-01T00:00:00Z', 'redline.document/1', ?)",
            (label, f"appendix-r-v{label}.docx", model.decode("utf-8")),
        )
    conn.close()


def test_a_store_without_checksums_gains_them_on_open(tmp_path: Path, models: dict[str, bytes]) -> None:
    db = tmp_path / "old.db"
    _format_1_store(db, models)
    with opened(db) as store:
        found = {v.label: v.damaged for v in store.versions()}
    assert found == {"6.18": False, "6.19": True}  # the model that no longer reads back gets no checksum
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone() == (USER_VERSION,)  # format 1 moves on to the current format
    assert conn.execute("SELECT model_sha256 FROM versions WHERE label = '6.18'").fetchone() == (
        model_checksum(models["6.18"]),
    )
    conn.close()
    assert main(["parse", "6.18", "--db", str(db)]) == 0
