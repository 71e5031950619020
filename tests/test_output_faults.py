"""Outputs the system refuses: a read-only folder or file system, a full disk,
a folder in the way, a path where no file can be made.

Each gives one line on stderr naming the output and the reason, exit 2, no
temporary file left behind and an existing output untouched; the same for
the versions database and for standard output (``redline log > /dev/full``).

The in-process tests fake what cannot be made for real everywhere (a write
that raises ENOSPC, a folder that raises EROFS); the subprocess tests make the
real thing where the machine allows it: as root, a process without
CAP_DAC_OVERRIDE (``setpriv``) so that permissions bind, and a private mount
namespace (``unshare -m``) holding a tiny or read-only tmpfs. Where neither is
possible they are skipped, and the faked ones still run.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from redline.cli import main
from redline.model import Document
from redline.versions.store import opened
from redline.writers import atomic
from redline.writers.json import document_to_dict
from tests.appendix_builders import appendix
from tests.conftest import ROOT
from tests.test_apply import mp089_like_annex, version_619

OLD_BYTES = b"the drafter's earlier output\n"
_REAL_FDOPEN = os.fdopen


def _save(doc: Document, path: Path) -> Path:
    path.write_text(json.dumps(document_to_dict(doc)), encoding="utf-8")
    return path


@pytest.fixture
def models(tmp_path: Path) -> dict[str, Path]:
    src = tmp_path / "in"
    src.mkdir()
    return {
        "old": _save(appendix("6.18"), src / "v618.json"),
        "new": _save(version_619(), src / "v619.json"),
        "annex": _save(mp089_like_annex(), src / "mp089.json"),
    }


def _command(kind: str, m: dict[str, Path], out: Path) -> list[str]:
    if kind.startswith("annex"):
        extra = ["--tracked"] if kind == "annex-tracked" else []
        return ["annex", str(m["old"]), str(m["new"]), "-o", str(out), *extra]
    return ["apply", str(m["annex"]), "--to", str(m["old"]), "-o", str(out)]


OUTPUTS = [
    ("annex", "annex.docx"),
    ("annex-tracked", "annex.docx"),
    ("annex", "annex.html"),
    ("annex", "annex.pdf"),
    ("apply", "draft.docx"),
    ("apply", "draft.json"),
]


@pytest.fixture(autouse=True)
def _no_soffice(monkeypatch: pytest.MonkeyPatch) -> None:
    """PDF: the conversion is LibreOffice's business, tested elsewhere; here the write after it."""
    monkeypatch.setattr("redline.writers.pdf.docx_to_pdf", lambda data, name="annex": b"%PDF-1.7 stand-in\n")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def _one_line(err: str, *needles: str) -> None:
    assert err.count("\n") == 1 and err.startswith("redline: "), err
    assert "Traceback" not in err
    for n in needles:
        assert n in err, (n, err)


class _FullDisk:
    """A file object whose write stores half the bytes, then fails as a full disk does."""

    def __init__(self, fd: int, mode: str) -> None:
        self._fh = _REAL_FDOPEN(fd, mode)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()

    def write(self, data: bytes) -> int:
        self._fh.write(data[: len(data) // 2])
        self._fh.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic.os, "fdopen", _FullDisk)


def _read_only_fs(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kw: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(kw.get("dir", "")))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)


@pytest.mark.parametrize("kind, name", OUTPUTS, ids=[f"{k}-{n}" for k, n in OUTPUTS])
@pytest.mark.parametrize(
    "fault, reason",
    [(_full_disk, "No space left on device"), (_read_only_fs, "Read-only file system")],
    ids=["full-disk", "read-only-fs"],
)
def test_a_refused_write_is_one_line_and_leaves_the_old_output(
    tmp_path: Path, models: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    kind: str, name: str, fault: Callable[[pytest.MonkeyPatch], None], reason: str,
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / name
    out.write_bytes(OLD_BYTES)
    fault(monkeypatch)
    assert main(_command(kind, models, out)) == 2
    _one_line(capsys.readouterr().err, str(out), reason)
    assert out.read_bytes() == OLD_BYTES
    assert _leftovers(folder) == []


@pytest.mark.parametrize("kind, name", OUTPUTS, ids=[f"{k}-{n}" for k, n in OUTPUTS])
def test_a_folder_in_the_way_is_one_line(
    tmp_path: Path, models: dict[str, Path], capsys: pytest.CaptureFixture[str], kind: str, name: str
) -> None:
    out = tmp_path / name
    out.mkdir()
    (out / "kept.txt").write_text("mine")
    assert main(_command(kind, models, out)) == 2
    _one_line(capsys.readouterr().err, str(out), "a folder is in the way")
    assert [p.name for p in out.iterdir()] == ["kept.txt"]
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("kind, name", OUTPUTS, ids=[f"{k}-{n}" for k, n in OUTPUTS])
def test_a_path_where_no_file_can_be_made_is_one_line(
    models: dict[str, Path], capsys: pytest.CaptureFixture[str], kind: str, name: str
) -> None:
    out = Path("/proc/self") / name
    assert main(_command(kind, models, out)) == 2
    _one_line(capsys.readouterr().err, str(out), "cannot write")


def test_pdf_conversion_with_no_room_for_its_temporary_folder_is_one_line(
    tmp_path: Path, models: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.undo()  # the real docx_to_pdf, up to the temporary folder it cannot make
    monkeypatch.setattr("redline.writers.pdf.find_soffice", lambda: "soffice")

    def full(*args: object, **kw: object) -> str:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/tmp/redline-pdf-x")

    monkeypatch.setattr("tempfile.mkdtemp", full)
    out = tmp_path / "annex.pdf"
    assert main(_command("annex", models, out)) == 2
    _one_line(capsys.readouterr().err, "cannot convert annex.docx to PDF: /tmp/redline-pdf-x: No space left")
    assert not out.exists()


# -- the real thing, in a child process ------------------------------------------------------------

_NOCAP = ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "REDLINE_NO_CACHE": "1"}


@functools.cache
def _unprivileged_prefix() -> tuple[str, ...] | None:
    """How to run a child that permissions bind: nothing when not root, setpriv
    without CAP_DAC_OVERRIDE when root; None when neither works."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        return None
    probe = subprocess.run([*_NOCAP, "true"], capture_output=True, check=False)
    return tuple(_NOCAP) if probe.returncode == 0 else None


@functools.cache
def _can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=16k tmpfs /mnt"], capture_output=True, check=False
    )
    return probe.returncode == 0


def _redline(args: list[str], prefix: tuple[str, ...] = (), **kw: Any) -> subprocess.CompletedProcess[str]:
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kw}
    return subprocess.run(
        [*prefix, sys.executable, "-m", "redline", *args], env=_env(), text=True, check=False, timeout=120, **streams
    )


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[tuple[Path, tuple[str, ...]]]:
    prefix = _unprivileged_prefix()
    if prefix is None:
        pytest.skip("running as root without setpriv: permissions would not bind")
    folder = tmp_path / "ro"
    folder.mkdir()
    yield folder, prefix
    folder.chmod(0o755)


@pytest.mark.parametrize("kind, name", [("annex", "annex.docx"), ("annex-tracked", "a.docx"), ("apply", "d.docx")])
def test_read_only_folder_for_real(
    read_only: tuple[Path, tuple[str, ...]], models: dict[str, Path], kind: str, name: str
) -> None:
    folder, prefix = read_only
    out = folder / name
    out.write_bytes(OLD_BYTES)
    folder.chmod(0o555)
    done = _redline(_command(kind, models, out), prefix)
    assert done.returncode == 2, done.stderr
    _one_line(done.stderr, str(out), "Permission denied")
    assert out.read_bytes() == OLD_BYTES and _leftovers(folder) == []


def test_versions_database_in_a_read_only_folder_for_real(
    read_only: tuple[Path, tuple[str, ...]], models: dict[str, Path]
) -> None:
    folder, prefix = read_only
    db = folder / "v.db"
    with opened(db, create=True) as store:
        store.add(appendix("6.18"), "6.18")
    before = db.read_bytes()
    folder.chmod(0o555)
    done = _redline(["--db", str(db), "versions", "add", str(models["new"]), "--label", "6.19"], prefix)
    assert done.returncode == 2, done.stderr
    _one_line(done.stderr, str(db), "is read-only")
    assert "corrupt" not in done.stderr
    # reading needs nothing beside the store (issue 18): list, log and a label as input work
    for args in (
        ["versions", "list"],
        ["log", "--table", "8.1.10"],
        ["apply", str(models["annex"]), "--to", "6.18", "-o", str(folder.parent / "d.json")],
    ):
        done = _redline(["--db", str(db), *args], prefix)
        assert done.returncode in (0, 1) and "redline:" not in done.stderr, (args, done.stderr)
    assert db.read_bytes() == before and _leftovers(folder) == []
    folder.chmod(0o755)
    db.chmod(0o444)
    done = _redline(["--db", str(db), "versions", "add", str(models["new"]), "--label", "6.19"], prefix)
    assert done.returncode == 2
    _one_line(done.stderr, str(db), "the file is read-only")
    assert db.read_bytes() == before


def test_a_new_database_where_none_can_be_made(
    read_only: tuple[Path, tuple[str, ...]], models: dict[str, Path]
) -> None:
    folder, prefix = read_only
    folder.chmod(0o555)
    for db in (folder / "v.db", Path("/proc/self/v.db")):
        done = _redline(["--db", str(db), "versions", "add", str(models["old"]), "--label", "6.18"], prefix)
        assert done.returncode == 2
        _one_line(done.stderr, str(db), "cannot create the versions database")
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", ["conflicts", "log", "diff"])
def test_standard_output_on_a_full_disk(tmp_path: Path, models: dict[str, Path], command: str) -> None:
    db = tmp_path / "v.db"
    with opened(db, create=True) as store:
        store.add(appendix("6.18"), "6.18", when="2025-11-06")
        store.add(version_619(), "6.19", when="2026-02-26")
    args = {
        "conflicts": ["conflicts", str(models["annex"]), str(models["annex"]), "--base", "6.18"],
        "log": ["log", "--table", "8.1.10"],
        "diff": ["diff", "6.18", "6.19"],
    }[command]
    with open("/dev/full", "w") as full:
        done = _redline(["--db", str(db), *args], stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2, done.stderr
    assert done.stderr == "redline: standard output: cannot write: No space left on device\n"


def _in_tmpfs(options: str, script: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` with a fresh tmpfs (``options``) at $MNT, in a private mount namespace."""
    if not _can_mount():
        pytest.skip("cannot mount a tmpfs here (not root, or no unshare)")
    mnt = "/mnt"
    full = f"mount -t tmpfs -o {options} tmpfs {mnt} && export MNT={mnt} && {script}"
    return subprocess.run(["unshare", "-m", "sh", "-c", full], env=_env(), capture_output=True, text=True,
                          check=False, timeout=120)


def test_full_disk_for_real(models: dict[str, Path]) -> None:
    cmd = f"{sys.executable} -m redline"
    script = (
        f"printf 'old' > $MNT/annex.docx && {cmd} annex {models['old']} {models['new']} -o $MNT/annex.docx; "
        "echo rc=$?; ls -A $MNT; cat $MNT/annex.docx; echo; "
        f"{cmd} --db $MNT/v.db versions add {models['old']} --label 6.18; echo rc=$?; ls -A $MNT"
    )
    done = _in_tmpfs("size=16k", script)  # too small for the annex, and for an empty store
    assert done.stdout.splitlines() == ["rc=2", "annex.docx", "old", "rc=2", "annex.docx"], done.stdout + done.stderr
    errs = done.stderr.splitlines()
    assert errs[0] == "redline: /mnt/annex.docx: cannot write: No space left on device"
    # SQLite names it 'database or disk is full' or 'disk I/O error' (the WAL index), by where it ran out
    assert errs[1].startswith("redline: /mnt/v.db: cannot create the versions database: ") and len(errs) == 2


def test_full_disk_under_the_versions_database_for_real(models: dict[str, Path]) -> None:
    cmd = f"{sys.executable} -m redline --db $MNT/v.db"
    fixture = ROOT / "fixtures" / "appendix-r-v6.18.docx"
    script = f"{cmd} versions add {fixture} --label 6.18; echo rc=$?; {cmd} versions list --json"
    done = _in_tmpfs("size=60k", script)  # room for the empty store, not for its first version
    assert done.stderr == "redline: /mnt/v.db: cannot write the versions database: database or disk is full\n"
    assert done.stdout.startswith("rc=2\n")
    assert json.loads(done.stdout[5:])["versions"] == []  # rolled back; the store is still whole


def test_read_only_file_system_for_real(models: dict[str, Path]) -> None:
    cmd = f"{sys.executable} -m redline"
    done = _in_tmpfs("ro", f"{cmd} annex {models['old']} {models['new']} -o $MNT/annex.html; echo rc=$?; ls -A $MNT")
    assert done.stdout == "rc=2\n"
    assert done.stderr == "redline: /mnt/annex.html: cannot write: Read-only file system\n"


def test_a_pdf_cache_that_cannot_be_written_is_skipped_silently(
    read_only: tuple[Path, tuple[str, ...]]
) -> None:
    folder, prefix = read_only
    folder.chmod(0o555)
    sample = ROOT / "tests" / "data" / "sample-appendix.pdf"
    env = {**_env(), "XDG_CACHE_HOME": str(folder / "cache")}
    env.pop("REDLINE_NO_CACHE")
    done = subprocess.run([*prefix, sys.executable, "-m", "redline", "check", str(sample)], env=env,
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode in (0, 1) and done.stderr == "", done.stderr
    assert "Table 8.1.5" in done.stdout and list(folder.iterdir()) == []
