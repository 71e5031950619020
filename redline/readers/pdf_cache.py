"""A cache of laid-out pages, keyed by the PDF's SHA-256, so that a second
run over the same file skips the page work.

Stored under ``$XDG_CACHE_HOME/redline`` (or ``~/.cache/redline``) as one
pickle per file, wrapped with a format version and the key, holding the pages
as the page workers pickled them (chunks of pages, stored as they came); a file that is
missing, torn, of another version or for another key is ignored and
rewritten. Writes go to a temporary file that is renamed into place, so a
reader never sees half a file. Only what this module itself wrote is ever
loaded: the folder is the user's own and the payload is checked to be our
page type before use. Set ``REDLINE_NO_CACHE=1`` to bypass it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from redline.readers.pdf_pages import PageLayout
from redline.readers.pdf_settings import DEFAULTS, PdfSettings

VERSION = 5
"""The cache format; the key also carries a fingerprint of the reader's code,
so a changed reader never sees pages laid out by an older one."""


def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("pdf*.py")):
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(path.name.encode())
    return digest.hexdigest()[:16]


_FINGERPRINT = _code_fingerprint()


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "redline"


def _path(sha256: str, settings: PdfSettings) -> Path:
    """Pages laid out with other than the default settings are kept apart (the
    settings' own digest in the name) and never taken for the default ones."""
    tuned = "" if settings == DEFAULTS else "-" + hashlib.sha256(settings.key().encode()).hexdigest()[:12]
    return cache_dir() / f"pdf-pages-v{VERSION}-{_FINGERPRINT}{tuned}-{sha256}.pickle"


def enabled() -> bool:
    return os.environ.get("REDLINE_NO_CACHE", "") in ("", "0")


def load(sha256: str, settings: PdfSettings = DEFAULTS) -> list[PageLayout] | None:
    """The cached pages of the file with this hash, or None."""
    if not enabled():
        return None
    try:
        with _path(sha256, settings).open("rb") as fh:
            payload = pickle.load(fh)
        if (
            not isinstance(payload, dict)
            or payload.get("version") != VERSION
            or payload.get("sha256") != sha256
            or not isinstance(payload.get("chunks"), list)
            or not all(isinstance(c, bytes) for c in payload["chunks"])
        ):
            return None
        pages = [p for chunk in payload["chunks"] for p in pickle.loads(chunk)]
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError, ValueError):
        return None
    if not all(isinstance(p, PageLayout) for p in pages):
        return None
    return pages


def store(sha256: str, pages: list[PageLayout], chunks: list[bytes] | None = None,
          settings: PdfSettings = DEFAULTS) -> None:
    """Save the pages; a cache that cannot be written is not an error.
    ``chunks``: the same pages already pickled (as the page workers return
    them), stored as they are rather than pickled again."""
    if not enabled():
        return
    if chunks is None:
        chunks = [pickle.dumps(pages, protocol=pickle.HIGHEST_PROTOCOL)]
    target = _path(sha256, settings)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".pickle", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                payload = {"version": VERSION, "sha256": sha256, "chunks": chunks}
                # No fsync: a file a crash leaves torn or empty fails the checks in
                # load() and is read again, so waiting for the disk buys nothing.
                pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        current = f"pdf-pages-v{VERSION}-{_FINGERPRINT}"
        for stale in target.parent.glob(f"pdf-pages-*-{sha256}.pickle"):
            if not stale.name.startswith(current):  # pages of this file laid out by an older reader
                stale.unlink(missing_ok=True)
    except OSError:
        return
