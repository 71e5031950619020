"""Write outputs atomically and never over an input.

Every writer hands its bytes here: they go to a temporary file in the
destination folder, then ``os.replace`` puts them in place, so a crash or a
refusal leaves nothing half-written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from redline.errors import RenderError


def guard_output(dest: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse a destination that is one of the inputs or cannot be written."""
    target = dest.resolve()
    for src in inputs:
        try:
            if src.exists() and src.resolve() == target:
                raise RenderError(f"{dest}: refusing to write over an input file")
        except OSError:
            continue
    if not target.parent.is_dir():
        raise RenderError(f"{dest}: folder {target.parent} does not exist")


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
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.resolve().parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return dest
