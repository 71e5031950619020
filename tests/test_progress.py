"""Progress on stderr: drawn (by tqdm) only when stderr is a terminal, for the
slow steps (PDF pages read, LibreOffice running); nothing at all otherwise, so
scripts and pipes reading stderr see only redline's own lines."""

from __future__ import annotations

import io
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from redline import progress
from tests.conftest import FIXTURES


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_steps_draw_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    monkeypatch.setattr(progress, "TICK_SECONDS", 0.05)
    with progress.running("LibreOffice converting to PDF"):
        time.sleep(0.2)
    with progress.Counter("reading PDF pages", 3, unit="page") as bar:
        bar.update(1)
        bar.update(2)
    shown = term.getvalue()
    assert "redline: LibreOffice converting to PDF 00:00" in shown
    assert "redline: reading PDF pages:   0%" in shown and "0/3 [00:00<?, ?page/s]" in shown


def test_nothing_is_drawn_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = io.StringIO()
    monkeypatch.setattr(sys, "stderr", plain)
    with progress.running("LibreOffice converting to PDF"):
        pass
    with progress.Counter("reading PDF pages", 3) as bar:
        bar.update(3)
    assert plain.getvalue() == ""


def _stderr_on_a_terminal(argv: list[str], cwd: Path) -> tuple[int, str]:
    """Run redline with stderr on a pseudo-terminal (stdout piped): exit code, what the terminal showed."""
    master, slave = pty.openpty()
    env = {**os.environ, "XDG_CACHE_HOME": str(cwd / "cache"), "COLUMNS": "120"}
    proc = subprocess.Popen([sys.executable, "-m", "redline", *argv], stdout=subprocess.PIPE, stderr=slave, cwd=cwd,
                            env=env)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=300)
    os.close(master)
    return proc.returncode, seen.decode("utf-8", "replace")


@pytest.mark.skipif(not (FIXTURES / "appendix-r-v6.19.pdf").exists(), reason="no fixture PDF")
def test_cli_shows_pages_read_on_a_terminal_and_nothing_in_a_pipe(tmp_path: Path) -> None:
    pdf = FIXTURES / "appendix-r-v6.19.pdf"
    code, shown = _stderr_on_a_terminal(["check", str(pdf)], tmp_path)
    assert code == 0 and "redline: reading PDF pages" in shown and "page" in shown
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache2")}
    piped = subprocess.run([sys.executable, "-m", "redline", "check", str(pdf)], capture_output=True, text=True,
                           env=env, timeout=300)
    assert piped.returncode == 0 and piped.stderr == ""


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_cli_shows_libreoffice_running_on_a_terminal(tmp_path: Path) -> None:
    old, new = FIXTURES / "appendix-r-v6.18.docx", FIXTURES / "appendix-r-v6.19.docx"
    code, shown = _stderr_on_a_terminal(["annex", str(old), str(new), "-o", str(tmp_path / "a.pdf")], tmp_path)
    assert code == 0 and "redline: LibreOffice converting to PDF" in shown
