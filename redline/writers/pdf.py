"""The annex as PDF: the DOCX annex converted by LibreOffice.

``soffice --headless --convert-to pdf`` in a private temporary folder with
its own user profile (``-env:UserInstallation``), so two conversions running
at once do not fight over one profile; the PDF is then moved into place
atomically. Without LibreOffice the error names the missing program and the
package that provides it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from redline.errors import RenderError
from redline.progress import running
from redline.writers.atomic import guard_output, write_atomic

SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT_SECONDS = 300


def find_soffice() -> str:
    """The LibreOffice program to run, or RenderError naming what is missing."""
    override = os.environ.get("REDLINE_SOFFICE")
    if override:
        if shutil.which(override) is None:
            raise RenderError(f"REDLINE_SOFFICE={override}: no such program")
        return override
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise RenderError(
        "PDF output needs LibreOffice: program 'soffice' not found on PATH "
        "(install the apt package libreoffice-writer-nogui)"
    )


WORK_PREFIX = "redline-pdf-"
"""The private folders' prefix; the process id follows, so that a later run can
tell the folder of a killed conversion (``kill -9`` runs no clean-up) from a live one."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def sweep_leftovers(folder: Path | None = None) -> None:
    """Remove the work folders of conversions whose process is gone and that are
    older than any conversion can last (``TIMEOUT_SECONDS``)."""
    import time

    root = Path(folder or tempfile.gettempdir())
    try:
        found = list(root.glob(f"{WORK_PREFIX}*-*"))
    except OSError:
        return
    for path in found:
        pid = path.name[len(WORK_PREFIX) :].split("-", 1)[0]
        try:
            old = time.time() - path.stat().st_mtime > TIMEOUT_SECONDS
        except OSError:
            continue
        if pid.isdigit() and int(pid) != os.getpid() and old and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def docx_to_pdf(docx_bytes: bytes, name: str = "annex") -> bytes:
    """Convert DOCX bytes to PDF bytes through LibreOffice headless, in a private
    folder removed afterwards (also when interrupted or terminated: see ``cli.main``)."""
    soffice = find_soffice()
    sweep_leftovers()
    try:
        with tempfile.TemporaryDirectory(prefix=f"{WORK_PREFIX}{os.getpid()}-", ignore_cleanup_errors=True) as tmp:
            return _convert(soffice, Path(tmp), docx_bytes, name)
    except OSError as exc:  # the temporary folder: full, read-only, missing
        where = exc.filename or tempfile.gettempdir()
        raise RenderError(f"cannot convert {name}.docx to PDF: {where}: {exc.strerror or exc}") from None


def _convert(soffice: str, work: Path, docx_bytes: bytes, name: str) -> bytes:
    """Run LibreOffice in ``work`` (a private folder) and return the PDF's bytes."""
    source = work / f"{name}.docx"
    source.write_bytes(docx_bytes)
    profile = (work / "profile").as_uri()
    cmd = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(work / "out"),
        str(source),
    ]
    try:
        with running("LibreOffice converting to PDF"):
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise RenderError(f"soffice did not finish converting {name}.docx within {TIMEOUT_SECONDS} s") from None
    except OSError as exc:
        raise RenderError(f"cannot run {soffice}: {exc.strerror or exc}") from None
    result = work / "out" / f"{name}.pdf"
    if done.returncode != 0 or not result.is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()
        why = detail[-1] if detail else f"exit code {done.returncode}"
        raise RenderError(f"soffice could not convert {name}.docx to PDF: {why}")
    return result.read_bytes()


def write_pdf(docx_bytes: bytes, dest: Path, inputs: tuple[Path, ...] = ()) -> Path:
    """Convert and write atomically to ``dest``."""
    guard_output(dest, inputs)
    return write_atomic(dest, docx_to_pdf(docx_bytes, dest.stem or "annex"), inputs)
