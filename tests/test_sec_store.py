"""One release label, several documents: the store keys a version by (document, label).

The documents are the committed fixtures (Sections A and H of fixtures/sec/, Appendix R);
each knows its name from its cover.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from redline.cli import main
from redline.errors import StoreError
from redline.versions.store import USER_VERSION, opened
from tests.conftest import FIXTURES

FILES = {
    "6.18": [FIXTURES / "sec" / "6.18" / "section-h.docx", FIXTURES / "sec" / "6.18" / "section-a.docx",
             FIXTURES / "appendix-r-v6.18.docx"],
    "6.19": [FIXTURES / "sec" / "6.19" / "section-a.docx", FIXTURES / "sec" / "6.19" / "section-h.docx",
             FIXTURES / "appendix-r-v6.19.docx"],
}


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "v.db"
    for label, files in FILES.items():
        for f in files:
            assert main(["versions", "add", str(f), "--label", label, "--db", str(path)]) == 0
    capsys.readouterr()
    return path


def test_a_label_holds_a_release_listed_in_sec_order(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["versions", "list", "--json", "--db", str(db)]) == 0
    listed = [(v["label"], v["document"]) for v in json.loads(capsys.readouterr().out)["versions"]]
    assert listed == [(label, name) for label in ("6.18", "6.19") for name in ("Section A", "Section H", "Appendix R")]
    assert main(["versions", "list", "--db", str(db)]) == 0
    assert "Section H" in capsys.readouterr().out


def test_a_label_naming_several_documents_asks_for_document(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with opened(db) as store, pytest.raises(StoreError, match=r"holds 3 documents .* --document"):
        store.load("6.18")
    assert main(["diff", "6.18", "6.19", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--document" in err
    assert main(["diff", "6.18", "6.19", "--document", "Section H", "--db", str(db), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["old"]["document"] == "Section H"
    assert {s["number"] for s in out["sections"]} == {"H14.2A", "H14.5", "H14.9", "H14.12"}


def test_log_follows_the_document_that_has_the_section(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "--section", "H14.5", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "within [ten -> five] Working Days" in out
    assert "6.18  first appeared (in the earliest" in out  # a clause has no title to quote ('' before)
    assert main(["log", "--table", "8.1.10", "--key", "8.14.3", "--db", str(db)]) == 0
    assert "6.19  first appeared" in capsys.readouterr().out


def test_annex_and_apply_over_release_labels(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    annex, drafts = tmp_path / "mp.docx", tmp_path / "drafts"
    assert main(["annex", "6.18", "6.19", "-o", str(annex), "--db", str(db)]) == 0
    assert "3 parts (Section A" in capsys.readouterr().out
    main(["apply", str(annex), "--to", "6.18", "-o", str(drafts), "--db", str(db), "--version", "6.19"])
    capsys.readouterr()
    assert sorted(p.name for p in drafts.iterdir()) == ["appendix-r-v6.18.docx", "section-a.docx", "section-h.docx"]
    for draft, name in (("section-a.docx", "Section A"), ("appendix-r-v6.18.docx", "Appendix R")):
        assert main(["diff", str(drafts / draft), "6.19", "--document", name, "--db", str(db), "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["sections"] == [] and out["tables"] == [], name


def test_the_same_document_again_under_a_label_needs_replace(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = FIXTURES / "sec" / "6.19" / "section-h.docx"
    assert main(["versions", "add", str(other), "--label", "6.18", "--db", str(db)]) == 2
    assert "already holds" in capsys.readouterr().err
    assert main(["versions", "remove", "6.18", "--document", "Section H", "--db", str(db)]) == 0
    with opened(db) as store:
        assert store.documents("6.18") == ["Section A", "Appendix R"]


def test_a_format_2_store_gains_documents_from_its_models(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    model = json.dumps({"schema": "redline.document/1", "source": "x.docx", "sha256": "x", "title":
                        "Section H – DCC Services", "sec_version": "6.18", "front": [], "sections": [], "warnings": []})
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA application_id = 1380207694")
    conn.execute("PRAGMA user_version = 2")
    conn.execute(
        "CREATE TABLE versions (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE, date TEXT, source TEXT NOT NULL,"
        " sha256 TEXT NOT NULL, added_at TEXT NOT NULL, model_schema TEXT NOT NULL, model TEXT NOT NULL,"
        " model_sha256 TEXT)"
    )
    conn.execute("INSERT INTO versions VALUES (1, '6.18', NULL, 'x.docx', 'x', '2026-01-01T00:00:00Z',"
                 " 'redline.document/1', ?, NULL)", (model,))
    conn.close()
    with opened(path) as store:
        assert [(v.label, v.document) for v in store.versions()] == [("6.18", "Section H")]
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone() == (USER_VERSION,)


def test_review_with_a_release_store_reads_the_reviewed_documents_history(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "review.html"
    v618, v619 = FIXTURES / "appendix-r-v6.18.docx", FIXTURES / "appendix-r-v6.19.docx"
    assert main(["review", str(v618), str(v619), "-o", str(out), "--db", str(db)]) == 0
    assert out.exists()


def test_annex_of_release_labels_reports_each_document_s_references(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As for one document, the annex lists the cross-references the diff finds: here
    Appendix R's (the fixtures' 6.19 renumbers 7.3 and drops 6.3, fixtures/CHANGES.md)."""
    assert main(["annex", "6.18", "6.19", "-o", str(tmp_path / "mp.docx"), "--json", "--db", str(db)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [p.split(" ‘")[0] for p in report["parts"]] == ["Section A", "Section H", "Appendix R"]
    assert sorted(r["target"] for r in report["references"]) == ["6.3", "7.3"]


def test_a_release_folder_is_added_under_one_label(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "v.db"
    assert main(["versions", "add", str(FIXTURES / "sec" / "6.18"), "--label", "6.18", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "stored as Section A" in out and "stored as Section H" in out
    with opened(path) as store:
        assert store.documents("6.18") == ["Section A", "Section H"]
    folder = str(FIXTURES / "sec" / "6.19")
    assert main(["versions", "add", folder, "--label", "6.19", "--document", "Section H", "--db", str(path)]) == 2


def test_document_naming_another_document_than_the_cover_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`versions add section-h.docx --label 6.18 --document "Section A"` stored Section H as
    Section A without a word; `diff --document` renamed it as quietly. The cover's document
    and --document must agree (--document names files whose cover names none)."""
    section_h = str(FIXTURES / "sec" / "6.18" / "section-h.docx")
    store = tmp_path / "s.db"
    code = main(["versions", "add", section_h, "--label", "6.18", "--document", "Section A", "--db", str(store)])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1
    assert "its cover names Section H, not Section A" in err
    with opened(store, create=True) as s:
        assert s.versions() == []
    assert main(["diff", section_h, section_h, "--document", "Section A"]) == 2
    assert "its cover names Section H, not Section A" in capsys.readouterr().err
    assert main(["versions", "add", section_h, "--label", "6.18", "--document", "Section H", "--db", str(store)]) == 0
