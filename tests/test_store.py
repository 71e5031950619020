"""The versions store: add/list/show, no-op and replace, corrupt databases, and
real processes adding at once or killed with SIGKILL mid-transaction."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from redline.cli import main
from redline.errors import ReadError, StoreError
from redline.inputs import load
from redline.versions.store import open_store, opened
from redline.writers.json import document_to_dict
from tests.appendix_builders import RSA_618, appendix
from tests.conftest import ROOT


def _save(doc_version: str, path: Path, **kw: object) -> Path:
    doc = appendix(doc_version, **kw)  # type: ignore[arg-type]
    path.write_text(json.dumps(document_to_dict(doc)), encoding="utf-8")
    return path


def _run(args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.Popen[str]:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "redline", *args],
        env=full_env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_add_list_show_and_load_by_label(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "v.db"
    v618 = _save("6.18", tmp_path / "v618.json")
    v619 = _save("6.19", tmp_path / "v619.json", rsa=RSA_618[:3])
    assert main(["versions", "add", str(v619), "--label", "6.19", "--date", "2026-02-26", "--db", str(db)]) == 0
    assert main(["--db", str(db), "versions", "add", str(v618), "--label", "6.18", "--date", "2025-11-06"]) == 0
    out = capsys.readouterr().out
    assert "6.18: stored (appendix-r-v6.18.docx" in out
    assert main(["versions", "list", "--json", "--db", str(db)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["schema"] == "redline.versions/1"
    assert [(v["label"], v["date"]) for v in listed["versions"]] == [("6.18", "2025-11-06"), ("6.19", "2026-02-26")]
    assert main(["versions", "list", "--db", str(db)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].endswith("2 version(s)") and table[3].split()[:2] == ["6.18", "2025-11-06"]
    assert main(["versions", "show", "6.19", "--db", str(db)]) == 0
    shown = capsys.readouterr().out
    assert "version 6.19 (2026-02-26)" in shown and "table 8.1.10 duis [RSA]: 3 rows" in shown
    # a stored label works wherever a file does, and reads back the same model
    assert load("6.18", db) == appendix("6.18")
    assert main(["check", "6.19", "--db", str(db)]) == 0
    assert "all footer figures agree" in capsys.readouterr().out


def test_same_file_twice_is_a_no_op_and_another_file_needs_replace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "v.db"
    v618 = _save("6.18", tmp_path / "a.json")
    other = _save("6.19", tmp_path / "b.json", rsa=RSA_618[:2])
    assert main(["versions", "add", str(v618), "--label", "6.18", "--db", str(db)]) == 0
    with opened(db) as store:
        first = store.get("6.18")
    assert main(["versions", "add", str(v618), "--label", "6.18", "--db", str(db)]) == 0
    assert "already stored (same file): nothing to do" in capsys.readouterr().out
    with opened(db) as store:
        assert store.get("6.18") == first  # not even added_at moved
    assert main(["versions", "add", str(other), "--label", "6.18", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "label '6.18' already holds appendix-r-v6.18.docx" in err and "--replace" in err
    assert load("6.18", db) == appendix("6.18")
    assert main(["versions", "add", str(other), "--label", "6.18", "--replace", "--db", str(db)]) == 0
    assert len(load("6.18", db).tables()[0].rows) == 2


def test_db_from_environment_and_default_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    v618 = _save("6.18", tmp_path / "a.json")
    monkeypatch.chdir(tmp_path)
    assert main(["versions", "add", str(v618), "--label", "6.18"]) == 0
    assert (tmp_path / ".redline" / "versions.db").is_file()
    monkeypatch.setenv("REDLINE_DB", str(tmp_path / "elsewhere.db"))
    assert main(["versions", "add", str(v618), "--label", "x1"]) == 0
    with opened(tmp_path / "elsewhere.db") as store:
        assert store.labels() == ["x1"]


def test_unknown_label_and_missing_db_are_one_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "v.db"
    assert main(["check", "6.18", "--db", str(db)]) == 2
    assert "6.18: no such file, and no versions database at" in capsys.readouterr().err
    assert main(["versions", "list", "--db", str(db)]) == 2
    assert not db.exists()  # listing never creates a store
    main(["versions", "add", str(_save("6.18", tmp_path / "a.json")), "--label", "6.18", "--db", str(db)])
    with pytest.raises(ReadError, match=r"no stored version with that label \(stored: 6.18\)"):
        load("6.17", db)
    assert main(["versions", "add", str(tmp_path / "a.json"), "--label", "bad label", "--db", str(db)]) == 2
    bad_date = ["versions", "add", str(tmp_path / "a.json"), "--label", "6.2", "--date", "6 Nov", "--db", str(db)]
    assert main(bad_date) == 2
    assert "a date is YYYY-MM-DD" in capsys.readouterr().err


def test_a_folder_named_like_a_label_does_not_hide_the_stored_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Drafters keep a folder per SEC version ("6.18/appendix-r.docx"); in that
    folder's parent `redline diff 6.18 6.19` must still mean the stored labels."""
    db = tmp_path / "v.db"
    monkeypatch.chdir(tmp_path)
    for label in ("6.18", "6.19"):
        (tmp_path / label).mkdir()
        saved = _save(label, tmp_path / label / "appendix-r.json", **({"rsa": RSA_618[:3]} if label == "6.19" else {}))
        assert main(["versions", "add", str(saved), "--label", label, "--db", str(db)]) == 0
    assert load("6.18", db) == appendix("6.18")
    capsys.readouterr()
    assert main(["diff", "6.18", "6.19", "--db", str(db)]) == 0
    assert "Table 8.1.10" in capsys.readouterr().out
    (tmp_path / "6.17").mkdir()  # a folder and no such label: still one line naming the folder
    assert main(["check", "6.17", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "6.17" in err and "folder" in err


def _store_with_versions(tmp_path: Path) -> Path:
    db = tmp_path / "v.db"
    with opened(db, create=True) as store:
        for i in range(4):
            store.add(appendix(f"6.{10 + i}"), f"6.{10 + i}")
    return db


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda p: p.write_bytes(b"hello, not a database\n" * 100), "not an SQLite file"),
        (lambda p: p.write_bytes(b""), "empty file"),
        (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), "corrupt database"),
        (lambda p: _flip_page(p), "corrupt database"),
    ],
    ids=["text", "empty", "truncated", "damaged-page"],
)
def test_corrupt_database_is_reported_and_never_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: object, message: str
) -> None:
    db = _store_with_versions(tmp_path)
    damage(db)  # type: ignore[operator]
    before = db.read_bytes()
    assert main(["versions", "add", str(_save("6.18", tmp_path / "a.json")), "--label", "6.18", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(db) in err and message in err, err
    assert main(["versions", "list", "--db", str(db)]) == 2
    assert db.read_bytes() == before


def _flip_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    for i in range(page + 8, page + 200):  # scramble the second page's cell pointers
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def test_other_sqlite_database_and_wrong_schema_are_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a redline versions database"):
        open_store(foreign, create=True)
    db = _store_with_versions(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE versions DROP COLUMN added_at")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="damaged store: table 'versions' has columns"):
        open_store(db)


def test_two_concurrent_adds_leave_a_consistent_store(tmp_path: Path) -> None:
    db = tmp_path / "fresh" / "v.db"  # neither process finds a store: both race to create it
    files = [_save(v, tmp_path / f"{v}.json") for v in ("6.18", "6.19")]
    env = {"REDLINE_STORE_TEST_SLEEP": "0.4"}
    procs = [_run(["versions", "add", str(f), "--label", f.stem, "--db", str(db)], env) for f in files]
    procs.append(_run(["versions", "add", str(files[0]), "--label", "6.18", "--db", str(db)], env))
    results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], results
    with opened(db) as store:
        assert store.labels() == ["6.18", "6.19"]
        assert store.load("6.19") == appendix("6.19")
    assert sorted(p.name for p in db.parent.iterdir() if not p.name.startswith("v.db")) == []


def test_add_killed_mid_transaction_leaves_a_consistent_store(tmp_path: Path) -> None:
    db = _store_with_versions(tmp_path)
    ready = tmp_path / "in-transaction"
    f = _save("6.19", tmp_path / "v619.json")
    proc = _run(
        ["versions", "add", str(f), "--label", "6.19", "--db", str(db)],
        {"REDLINE_STORE_TEST_SLEEP": "30", "REDLINE_STORE_TEST_READY": str(ready)},
    )
    deadline = time.monotonic() + 30
    while not ready.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with opened(db) as store:  # opens, passes quick_check, the half-done add is gone
        assert store.labels() == ["6.10", "6.11", "6.12", "6.13"]
        assert store.load("6.13") == appendix("6.13")
    again = _run(["versions", "add", str(f), "--label", "6.19", "--db", str(db)])
    assert again.communicate(timeout=60)[1] == "" and again.returncode == 0
    assert load("6.19", db) == appendix("6.19")


def test_remove_and_annexes_are_not_versions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.test_apply import mp089_like_annex

    db = _store_with_versions(tmp_path)
    assert main(["versions", "remove", "6.11", "--db", str(db)]) == 0
    assert main(["versions", "remove", "6.11", "--db", str(db)]) == 2
    assert "no stored version '6.11' (stored: 6.10, 6.12, 6.13)" in capsys.readouterr().err
    annex = tmp_path / "annex.json"
    annex.write_text(json.dumps(document_to_dict(mp089_like_annex())), encoding="utf-8")
    assert main(["versions", "add", str(annex), "--label", "mp089", "--db", str(db)]) == 2
    assert "an annex ('Amend Section 1.2 as follows:'), not a version" in capsys.readouterr().err


def test_two_files_racing_for_one_label_one_wins_cleanly(tmp_path: Path) -> None:
    db = _store_with_versions(tmp_path)
    files = [_save("6.18", tmp_path / "a.json"), _save("6.19", tmp_path / "b.json", rsa=RSA_618[:2])]
    env = {"REDLINE_STORE_TEST_SLEEP": "0.4"}
    procs = [_run(["versions", "add", str(f), "--label", "6.20", "--db", str(db)], env) for f in files]
    results = [(p.communicate(timeout=60), p.returncode) for p in procs]
    codes = sorted(code for _, code in results)
    assert codes == [0, 2], results
    [err] = [out[1] for out, code in results if code == 2]
    assert err.count("\n") == 1 and "label '6.20' already holds" in err
    with opened(db) as store:
        assert store.labels() == ["6.10", "6.11", "6.12", "6.13", "6.20"]
        stored = store.load("6.20")
    assert stored in (appendix("6.18"), appendix("6.19", rsa=RSA_618[:2]))


def test_output_over_the_file_behind_a_label_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`redline annex 6.18 6.20-draft -o draft.docx`, where draft.docx is the drafter's
    own file stored as 6.20-draft: the labels are the inputs, and the file is not lost."""
    fixtures = ROOT / "fixtures"
    if not (fixtures / "appendix-r-v6.19.docx").exists():
        pytest.skip("fixture documents not built")
    db = tmp_path / "v.db"
    draft = tmp_path / "draft.docx"
    draft.write_bytes((fixtures / "appendix-r-v6.19.docx").read_bytes())
    assert main(["versions", "add", str(fixtures / "appendix-r-v6.18.docx"), "--label", "6.18", "--db", str(db)]) == 0
    assert main(["versions", "add", str(draft), "--label", "6.20-draft", "--db", str(db)]) == 0
    before = draft.read_bytes()
    capsys.readouterr()
    assert main(["annex", "6.18", "6.20-draft", "-o", str(draft), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refusing to write over an input file" in err
    assert draft.read_bytes() == before
    elsewhere = tmp_path / "annex.docx"
    assert main(["annex", "6.18", "6.20-draft", "-o", str(elsewhere), "--db", str(db)]) == 0
    assert main(["annex", "6.18", "6.20-draft", "-o", str(elsewhere), "--db", str(db)]) == 0  # its own output: fine
