"""Write outputs atomically and never over an input.

Every writer hands its bytes here: they go to a temporary file in the
destination folder, then ``os.replace`` puts them in place, so a crash or a
refusal leaves nothing half-written.

Whatever the system refuses on the way (a read-only folder or file system, a
full disk, a folder in the way, a path where no file can be made, such as
``/proc/self/x.docx``) becomes one :class:`~redline.errors.RenderError` naming
the output and the reason; the temporary file is removed and an existing
output is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from redline.errors import RenderError


def output_error(dest: Path, exc: OSError) -> RenderError:
    """One line for an output the system would not let us write."""
    try:
        folder = dest.is_dir()
    except OSError:
        folder = False
    if folder:
        return RenderError(f"{dest}: cannot write: a folder is in the way")
    return RenderError(f"{dest}: cannot write: {exc.strerror or exc}")


def guard_output(dest: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse a destination that is one of the inputs or cannot be written."""
    try:
        target = dest.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise RenderError(f"{dest}: cannot write: {getattr(exc, 'strerror', None) or exc}") from None
    for src in inputs:
        try:
            if src.exists() and src.resolve() == target:
                raise RenderError(f"{dest}: refusing to write over an input file")
        except OSError:
            continue
    if not target.parent.is_dir():
        raise RenderError(f"{dest}: folder {target.parent} does not exist")
    if target.is_dir():
        raise RenderError(f"{dest}: cannot write: a folder is in the way")


def guard_contents(dest: Path, sha256s: Iterable[str]) -> None:
    """Refuse a destination that holds the very bytes of an input read by another
    name: a stored version's label stands for a file that may be ``dest``."""
    import hashlib

    wanted = {h for h in sha256s if h}
    try:
        if not wanted or not dest.is_file():
            return
        digest = hashlib.sha256(dest.read_bytes()).hexdigest()
    except OSError:
        return
    if digest in wanted:
        raise RenderError(f"{dest}: refusing to write over an input file (it holds a version this command read)")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(dest: Path, data: bytes, inputs: Iterable[Path] = ()) -> Path:
    """Write ``data`` to ``dest`` through a temp file and a rename."""
    guard_output(dest, inputs)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.resolve().parent)
    except OSError as exc:
        raise output_error(dest, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, dest)
    except OSError as exc:
        _discard(tmp)
        raise output_error(dest, exc) from None
    except BaseException:
        _discard(tmp)
        raise
    return dest


def _discard(tmp: str) -> None:
    # nothing more can be done where the file could be made but not removed
    with contextlib.suppress(OSError):
        Path(tmp).unlink(missing_ok=True)
