"""The smaller faults of issue 18 (item 7), each test named after what broke.

Found trying redline as a drafter and a reviewer would: an annex table that
jumped over rows without saying so, ``log`` answers that said nothing, a
swapped pair of versions redlined without a word, Word properties copied from
python-docx's template, a draft titled with the baseline's version, and files
left beside the store or in the temp folder by a process that was killed or
ran out of space.
"""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from redline import AnnexOptions, diff, plan_annex, read
from redline.cli import main
from redline.instructions import is_elided_row
from redline.model import Table
from redline.versions.store import empty_store, open_store
from redline.writers.pdf import WORK_PREFIX, sweep_leftovers
from tests.conftest import ROOT, V618, V619


@pytest.fixture(scope="module")
def mp089(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The annex of 6.18 -> 6.19, as ``redline annex`` writes it."""
    dest = tmp_path_factory.mktemp("annex") / "mp089.docx"
    assert main(["annex", str(V618), str(V619), "--mp", "MP089", "-o", str(dest)]) == 0
    return dest


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("store") / "v.db"
    for path, label in ((V618, "6.18"), (V619, "6.19")):
        assert main(["versions", "add", str(path), "--label", label, "--db", str(db)]) == 0
    return db


# -- annex tables: rows left out between two shown ones ---------------------------------


def test_annex_table_marks_rows_left_out_between_two_shown_ones() -> None:
    old, new = read(V618), read(V619)
    plan = plan_annex(old, new, diff(old, new), AnnexOptions(mp="MP089"))
    checked = 0
    for item in plan.items:
        for shown in (b for b in item.blocks if isinstance(b, Table)):
            whole = new.table(shown.number or "")
            assert whole is not None
            at = {r.key: i for i, r in enumerate(whole.rows) if list(whole.rows).count(r) == 1}
            previous: int | None = None
            gap = False
            for row in shown.rows:
                if is_elided_row(row.texts):
                    assert not gap, f"Table {shown.number}: two '…' rows in a row"
                    gap = True
                    continue
                here = at.get(row.key) if row.key in at and whole.rows[at[row.key]].texts == row.texts else None
                if here is not None and previous is not None:
                    # a "…" row exactly where rows of the new table were left out
                    assert gap == (here > previous + 1), f"Table {shown.number}: rows {previous} and {here}"
                    checked += 1
                previous, gap = (here, False) if here is not None else (None, False)
    assert checked > 10
    elided = [r for i in plan.items for b in i.blocks if isinstance(b, Table) for r in b.rows if is_elided_row(r.texts)]
    assert elided, "6.18 -> 6.19 leaves rows out of Table 8.1.8 between 4.8.1 and 5.3"


def test_annex_elided_rows_read_back_and_apply(
    mp089: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The "…" row is read as rows left out: not counted as a row shown, and
    apply keeps the baseline's rows it stands for."""
    capsys.readouterr()
    assert main(["parse", str(mp089)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "Amend Table 8.1.8 " in x)
    table = next(b for a in read(mp089).amendments for b in a.blocks if isinstance(b, Table) and b.number == "8.1.8")
    shown = [r for r in table.rows if not is_elided_row(r.texts)]
    assert len(shown) < len(table.rows) and f"{len(shown)} rows, " in line
    draft = tmp_path / "draft.docx"
    assert main(["apply", str(mp089), "--to", str(V618), "-o", str(draft), "--version", "6.19"]) == 0
    assert main(["diff", str(draft), str(V619)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "no changes"


# -- log -------------------------------------------------------------------------------


def test_log_of_a_key_no_version_has_exits_2(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "--table", "8.1.10", "--key", "9.99", "--db", str(store)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "redline: no row keyed 9.99 in Table 8.1.10 in any stored version (6.18, 6.19)\n"
    assert main(["log", "--table", "8.1.10", "--key", "8.14.3", "--db", str(store)]) == 0


def test_log_of_a_section_names_the_new_section_that_took_its_number(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["log", "--section", "7.2", "--db", str(store)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  6.19  renumbered: 7.2 -> 7.3" in lines
    assert "  6.19  7.2 now holds 'Defect Management and Retesting', a section added in this version" in lines
    assert main(["log", "--section", "7.2", "--json", "--db", str(store)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["taken_by"] == [{"version": "6.19", "change": "added", "title": "Defect Management and Retesting"}]
    assert main(["log", "--section", "7.3", "--db", str(store)]) == 0
    assert "  6.19  7.3 now holds 'Test Completion Report' (was 7.2)" in capsys.readouterr().out.splitlines()
    # 6.19's 7.4 is 6.18's 7.3 renumbered, not a section that "first appeared"
    assert main(["log", "--section", "7.4", "--db", str(store)]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["  6.19  renumbered: 7.3 -> 7.4"]
    assert main(["log", "--section", "5.4", "--json", "--db", str(store)]) == 0
    assert json.loads(capsys.readouterr().out)["taken_by"] == []


# -- annex NEW OLD ---------------------------------------------------------------------


def test_annex_of_versions_given_the_wrong_way_round_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["annex", str(V619), str(V618), "-o", str(tmp_path / "back.docx")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert [line for line in err if line.startswith("redline: warning: ")] == [
        f"redline: warning: {V619} states SEC 6.19, later than {V618} (SEC 6.18): this annex takes 6.19 back to "
        f"6.18; the earlier version goes first (redline annex {V618} {V619})"
    ]
    assert main(["annex", str(V618), str(V619), "-o", str(tmp_path / "forward.docx")]) == 0
    assert "warning: " not in capsys.readouterr().err


# -- DOCX properties -------------------------------------------------------------------

_EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def _python_docx_words(data: bytes) -> int:
    """Words as python-docx reads each paragraph's text (tabs and breaks included)."""
    import io

    body = DocxDocument(io.BytesIO(data)).element.body
    return sum(len(DocxParagraph(p, None).text.split()) for p in body.iter(qn("w:p")))


def test_annex_docx_properties_are_not_the_templates_macintosh_word(mp089: Path) -> None:
    with zipfile.ZipFile(mp089) as z:
        names = z.namelist()
        app = etree.fromstring(z.read("docProps/app.xml"))
        rels = z.read("_rels/.rels").decode()
    assert app.findtext(f"{_EP}Application") == "redline"
    assert app.find(f"{_EP}Pages") is None  # a page count needs a layout redline never makes: none, not "1"
    words = int(app.findtext(f"{_EP}Words") or 0)
    assert words == _python_docx_words(mp089.read_bytes()) and words > 1000
    assert int(app.findtext(f"{_EP}Paragraphs") or 0) > 100
    assert "thumbnail" not in rels and "docProps/thumbnail.jpeg" not in names  # a blank page's picture


def test_apply_version_retitles_the_core_properties(mp089: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft.docx"
    assert main(["apply", str(mp089), "--to", str(V618), "-o", str(draft), "--version", "6.19"]) == 0
    title = re.search(r"<dc:title>([^<]*)</dc:title>", zipfile.ZipFile(draft).read("docProps/core.xml").decode())
    assert title is not None and title.group(1) == "Appendix R – Common Testing Scenarios Document (SEC Version 6.19)"
    kept = tmp_path / "kept.docx"
    assert main(["apply", str(mp089), "--to", str(V618), "-o", str(kept)]) == 0
    assert "(SEC Version 6.18)</dc:title>" in zipfile.ZipFile(kept).read("docProps/core.xml").decode()


# -- leftovers -------------------------------------------------------------------------


def test_terminated_pdf_annex_leaves_no_work_folder(tmp_path: Path) -> None:
    """``kill`` (SIGTERM) while LibreOffice converts: the private folder goes, and so does LibreOffice."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    started = tmp_path / "started"
    child_pid = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    fake.write_text(f'#!/bin/sh\necho $$ > "{child_pid}"\ntouch "{started}"\nexec sleep 120\n')
    fake.chmod(0o755)
    env = {**os.environ, "TMPDIR": str(temp), "REDLINE_SOFFICE": str(fake), "PYTHONPATH": str(ROOT)}
    out = tmp_path / "annex.pdf"
    proc = subprocess.Popen(
        [sys.executable, "-m", "redline", "annex", str(V618), str(V619), "-o", str(out)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    for _ in range(600):
        if started.exists() or proc.poll() is not None:
            break
        time.sleep(0.1)
    assert started.exists(), proc.communicate()
    assert [p.name.split("-")[2] for p in temp.iterdir()] == [str(proc.pid)]  # the folder, named with its process
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143 and err == "redline: terminated\n"
    assert list(temp.iterdir()) == [] and not out.exists()
    pid = int(child_pid.read_text())
    with pytest.raises(ProcessLookupError):
        for _ in range(50):  # LibreOffice was stopped with its parent (reaped by it: no zombie left)
            os.kill(pid, 0)
            time.sleep(0.1)


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def test_killed_pdf_annex_work_folder_is_swept_by_the_next(tmp_path: Path) -> None:
    """``kill -9`` runs no clean-up: the next conversion removes the folder of a
    process that is gone, once no conversion could still be using it."""
    dead = _dead_pid()
    stale = tmp_path / f"{WORK_PREFIX}{dead}-abc"
    fresh = tmp_path / f"{WORK_PREFIX}{dead}-def"
    live = tmp_path / f"{WORK_PREFIX}{os.getppid()}-ghi"
    for folder in (stale, fresh, live):
        (folder / "profile").mkdir(parents=True)
    old = time.time() - 3600
    for folder in (stale, live):
        os.utime(folder, (old, old))
    sweep_leftovers(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, live.name])


_KILL_AT = """
import os, signal, sys
from pathlib import Path
target, at = Path(sys.argv[1]), int(sys.argv[2])
seen = 0
def hook(event, args):
    global seen
    if event in ("open", "os.link", "os.rename", "os.remove", "sqlite3.connect", "tempfile.mkstemp", "os.chmod"):
        seen += 1
        if seen == at:
            os.kill(os.getpid(), signal.SIGKILL)
from redline.versions.store import open_store
sys.addaudithook(hook)
open_store(target, create=True).close()
print(seen)
"""


def test_versions_add_killed_while_creating_the_store_leaves_nothing_beside_it(tmp_path: Path) -> None:
    """Killed at every step of making a new store in turn (each file opened,
    linked, removed): the folder holds the whole store or nothing, never a
    ``.versions.db.*.new`` file or its journal."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    at = 1
    while True:
        folder = tmp_path / f"kill-{at}"
        folder.mkdir()
        db = folder / "versions.db"
        done = subprocess.run([sys.executable, "-c", _KILL_AT, str(db), str(at)], env=env, capture_output=True,
                              text=True, check=False)
        left = sorted(p.name for p in folder.iterdir())
        assert left in ([], ["versions.db"]), (at, left)
        if left:
            open_store(db).close()  # whole: it opens and verifies
        if done.returncode == 0:
            assert at > int(done.stdout)  # killed at every step there was
            break
        assert done.returncode == -signal.SIGKILL, done.stderr
        at += 1
    assert at > 2


def test_empty_store_is_a_wal_store_from_its_first_byte(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "v.db"
    path.write_bytes(empty_store())
    open_store(path).close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def _no_space() -> None:
    """In the child: no file may grow past 16 KiB, as on a full disk (SIGXFSZ ignored:
    the write fails with EFBIG instead), so SQLite cannot make its 32 KiB -shm index."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))


def test_full_disk_versions_add_leaves_no_wal_and_list_still_reads(store: Path, tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    db.write_bytes(store.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "redline", *args, "--db", str(db)], env=env,
                              preexec_fn=_no_space, capture_output=True, text=True, check=False)

    added = run("versions", "add", str(ROOT / "fixtures" / "appendix-r-v6.18.pdf"), "--label", "6.18-pdf")
    assert added.returncode == 2 and added.stderr.startswith(f"redline: {db}: cannot write the versions database: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.db"]
    listed = run("versions", "list")
    assert listed.returncode == 0, listed.stderr
    assert [line.split()[0] for line in listed.stdout.splitlines()[3:]] == ["6.18", "6.19"]
    logged = run("log", "--section", "7.2")
    assert logged.returncode == 0 and "7.2 now holds" in logged.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.db"]
