"""PDF page workers die with the process that started them, however it dies.

A ``parse`` of a long PDF killed with SIGKILL while its pages are laid out
used to leave its worker processes running for ever (the pool's clean-up
never ran). The command runs in a session of its own, so every process it
started can be found afterwards by session id.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

FIXTURE_PDF = FIXTURES / "appendix-r-v6.18.pdf"


def _session(sid: int) -> list[int]:
    """Pids of the live processes in session ``sid`` (zombies excluded: they are dead)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture PDF four times over: 108 pages, several seconds of page work."""
    import pypdfium2

    src = pypdfium2.PdfDocument(str(FIXTURE_PDF))
    out = pypdfium2.PdfDocument.new()
    for _ in range(4):
        out.import_pages(src)
    path = tmp_path_factory.mktemp("long") / "long.pdf"
    out.save(str(path))
    return path


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one CPU: the pages are read without workers")
def test_sigkill_of_a_pdf_parse_leaves_no_worker(long_pdf: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "REDLINE_NO_CACHE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "redline", "parse", str(long_pdf)], env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while len(_children(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = _children(proc.pid)
        assert len(workers) >= 2 and proc.poll() is None, "the parse never started its workers"
        time.sleep(0.5)  # into the page work
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 5
        while _session(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = _session(proc.pid)
        assert left == [], f"workers still running after the parent's SIGKILL: {left}"
    finally:
        for pid in _session(proc.pid):
            os.kill(pid, signal.SIGKILL)


def test_a_worker_whose_parent_is_already_gone_ends_at_start_up() -> None:
    """The race the kernel cannot cover: the parent dies before the worker asks to follow it."""
    code = (
        "import os, sys; from redline.readers.pdf_pages import _watch_parent; "
        "_watch_parent(int(sys.argv[1])); print('still here')"
    )
    gone_pid = _dead_pid()
    done = subprocess.run([sys.executable, "-c", code, str(gone_pid)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False, timeout=60)
    assert done.returncode == 1 and done.stdout == ""


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid
