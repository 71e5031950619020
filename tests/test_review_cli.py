"""``redline review``: the command, stored labels and their history, and the
one-line refusals (exit 2, nothing written)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html

import redline
from fixtures.edit_cells import RSA_RETYPED, edit_cells
from redline.cli import main
from redline.versions.history import table_history
from tests.conftest import FIXTURES, V618, V619

MP089 = FIXTURES / "annexes" / "01-mp089.docx"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """6.18, 6.19 and a later 6.20 (6.19 with RSA's names retyped) in a versions database."""
    folder = tmp_path_factory.mktemp("store")
    db = folder / "versions.db"
    v620 = edit_cells(V619, folder / "appendix-r-v6.20.docx", RSA_RETYPED)
    for path, label, date in ((V618, "6.18", "2025-11-06"), (V619, "6.19", "2026-02-26"), (v620, "6.20", "2026-06-25")):
        assert main(["--db", str(db), "versions", "add", str(path), "--label", label, "--date", date]) == 0
    return db


def test_review_of_two_stored_labels_has_each_changed_rows_history_across_every_stored_version(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "review.html"
    assert main(["--db", str(store), "review", "6.18", "6.19", "-o", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"{out}: review of appendix-r-v6.18.docx -> appendix-r-v6.19.docx")
    page = html.fromstring(out.read_text(encoding="utf-8"))
    header = {tr[0].text_content(): [td.text_content() for td in tr[1:]]
              for tr in page.cssselect("table.versions tbody tr")}
    assert header["Label"] == ["6.18", "6.19"] and header["Date"] == ["2025-11-06", "2026-02-26"]
    rsa = page.get_element_by_id("role-RSA")
    folded = rsa.cssselect("details.history")
    assert folded and all(d.get("open") is None for d in folded)
    text = " ".join(rsa.text_content().split())
    # what `log --table 8.1.10` says, computed here from the stored models
    with redline.opened(store) as s:
        versions = [(v.label, s.load(v.label)) for v in s.versions()]
    th = table_history(versions, "8.1.10", "8.14.3")
    assert [e.change for r in th.rows for e in r.events] == ["added", "renamed", "added", "renamed"]
    assert "History of 8.14.3 across 3 stored versions" in text
    added = rsa.cssselect("ul.rows.added > li")
    assert len(added) == 2
    for li, name in zip(added, ("Fault Return", "No Fault Returned"), strict=True):
        told = li.cssselect("details.history p.hname")
        assert len(told) == 1  # each 8.14.3 row with its own history, not its namesake's
        events = [" ".join(e.text_content().split()) for e in li.cssselect("details.history li")]
        assert events == ["6.19 first appeared", "6.20 renamed: ‘Communications Hub Status Update- "
                          f"{name}’ → ‘Communications Hub Status Update – {name}’"]
    sections = page.get_element_by_id("section-1.1")
    assert "History of Section 1.1 across 3 stored versions" in " ".join(sections.text_content().split())


def test_review_json_with_history(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(store), "review", "6.18", "6.19", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "redline.review/1"
    assert data["old"]["label"] == "6.18" and data["new"]["date"] == "2026-02-26"
    assert data["history"]["versions"] == ["6.18", "6.19", "6.20"]
    keys = {(r["table"], r["key"]) for r in data["history"]["rows"]}
    assert ("8.1.10", "8.14.3") in keys
    assert data["history_note"] == ""


def test_review_of_an_annex_against_a_stored_baseline(store: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mp089.html"
    assert main(["--db", str(store), "review", str(MP089), "--against", "6.18", "-o", str(out)]) == 0
    page = html.fromstring(out.read_text(encoding="utf-8"))
    assert " ".join(page.cssselect("h1")[0].text_content().split()).startswith("Review of MP089")
    assert "SEC 6.18 with MP089 applied" in page.text_content()
    assert page.cssselect("details.history")  # the baseline is stored: history across the stored versions


def test_files_the_store_does_not_hold_get_no_history_and_say_why(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "none.db"), "review", str(V618), str(V619), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["history"] is None and "no versions store" in data["history_note"]
    assert not (tmp_path / "none.db").exists()  # looking for history creates no database


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([str(MP089)], "an annex: review it with --against BASE"),
        ([str(V618), str(MP089)], "an annex"),
        ([str(MP089), str(V619), "--against", str(V618)], "one annex, no second version"),
        ([str(V619), "--against", str(V618)], "not an annex"),
        ([str(V618), str(V619), "-o", "{tmp}/review.pdf"], "review writes .html"),
        ([str(V618), str(V619)], "give -o REVIEW.html, or --json"),
        ([str(V618), str(V619), "-o", "{tmp}/no/such/folder/review.html"], "does not exist"),
    ],
)
def test_bad_requests_are_one_line_exit_2_and_nothing_written(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    if "-o" not in args and "--json" not in args and "-o" not in argv and message != "give -o REVIEW.html, or --json":
        args += ["-o", str(tmp_path / "review.html")]
    assert main(["--db", str(tmp_path / "none.db"), "review", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert list(tmp_path.iterdir()) == []


def test_one_stored_version_is_named_by_its_label_but_gives_no_history(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rename = [(("Request WAN Matrix", "RSA"), {("Request WAN Matrix", 2): "Request WAN Matrix Report"})]
    other = edit_cells(V619, tmp_path / "edited-6.19.docx", rename)
    assert main(["--db", str(store), "review", "6.18", str(other), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["old"]["label"], data["old"]["date"]) == ("6.18", "2025-11-06")
    assert data["new"]["label"] is None
    assert data["history"] is None
    assert data["history_note"] == "the two versions are not in the versions store: no history"
