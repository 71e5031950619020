"""The versions store: parsed SEC versions kept in one SQLite file.

Why SQLite (stdlib ``sqlite3``): one file a drafter can copy, transactions so
that two ``versions add`` at once or one killed half-way leave the store
consistent, and no server. The model is kept as its JSON form
(``writers.json.document_to_dict``), so a stored version reads back exactly
as it was parsed, without the source file.

A database file is created whole or not at all: the schema is built in a
temporary file beside it and hard-linked into place, so a file at the path
is always one redline made. Anything else there (not SQLite, another
program's database, a damaged or truncated file) is reported as a
:class:`~redline.errors.StoreError` and never replaced.

Each version carries the SHA-256 of its stored model (``model_sha256``), made
when it is added and checked whenever it is loaded, listed or
``versions check``-ed: bytes damaged inside one version (which SQLite's own
checks do not see: the page is well formed, the text is not ours) name that
version and say what to do, instead of failing somewhere in the JSON.
A store of format 1 (no checksums) gains the column the first time a redline
that knows it opens the store for writing or reading: each old version whose
model still reads back as a document gets its checksum then; one that does not
is left without and reported damaged. Damage done before that first open
cannot be told from the model as added; from then on, any is.

A release label ("6.18") names several documents (Section A, Section H,
Appendix R …), so a version is kept under (document, label) (format 3):
``load("6.18")`` is that label's one document, and a label that names several
asks which (``document="Section H"``, ``--document`` on the command line).
Older stores gain the column when first opened; each version's document is
read from its stored model (the name its cover gave it).
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import json
import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

from redline.errors import StoreError
from redline.model import Document
from redline.numbering import document_key, document_name, requested_document
from redline.text import natural_key

APPLICATION_ID = 0x52444C4E  # "RDLN"
USER_VERSION = 3
"""Store format: 1 had no ``model_sha256``; 2 checks every stored model; 3 keys a
version by (document, label)."""
DEFAULT_DB = Path(".redline") / "versions.db"
ENV_DB = "REDLINE_DB"
ENV_TEST_SLEEP = "REDLINE_STORE_TEST_SLEEP"
"""Seconds to sleep inside the add transaction, after the write and before
the commit: lets a test kill ``versions add`` exactly mid-write."""
ENV_TEST_READY = "REDLINE_STORE_TEST_READY"
"""A file to create once the pause above has begun (so the test knows when)."""
BUSY_TIMEOUT_MS = 30_000
SQLITE_MAGIC = b"SQLite format 3\x00"
SHM_BYTES = 32768
"""The size SQLite gives the ``-shm`` index of a WAL database as soon as it can use it."""

_SCHEMA = """
CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    date TEXT,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    added_at TEXT NOT NULL,
    model_schema TEXT NOT NULL,
    model TEXT NOT NULL,
    model_sha256 TEXT,
    document TEXT NOT NULL DEFAULT '',
    UNIQUE (document, label)
);
"""
_COLUMNS_V1 = ("id", "label", "date", "source", "sha256", "added_at", "model_schema", "model")
_COLUMNS_V2 = (*_COLUMNS_V1, "model_sha256")
_COLUMNS = (*_COLUMNS_V2, "document")
_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")

AddStatus = Literal["added", "unchanged", "replaced", "repaired"]


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """One row of the store, without its model (cheap to list)."""

    label: str
    date: str | None
    source: str
    sha256: str
    added_at: str
    damaged: bool = False
    """The stored model no longer matches its checksum (only :meth:`Store.versions` checks)."""
    document: str = ""
    """Which SEC document ("Section H"); "" for one stored without a name."""


def model_checksum(model: bytes) -> str:
    """The checksum kept beside a stored model: SHA-256 of its UTF-8 JSON."""
    return hashlib.sha256(model).hexdigest()


def _intact(model: bytes | str | None, checksum: str | None) -> bool:
    if model is None or checksum is None:
        return False
    data = model.encode("utf-8", "surrogatepass") if isinstance(model, str) else bytes(model)
    return model_checksum(data) == checksum


def db_path(explicit: str | Path | None = None) -> Path:
    """The database to use: ``--db``, else ``$REDLINE_DB``, else ``.redline/versions.db``."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_DB)
    return Path(env) if env else DEFAULT_DB


def check_label(label: str) -> str:
    if not _LABEL.match(label):
        raise StoreError(f"{label!r}: a label is letters, digits and . _ + - (up to 64), e.g. 6.18")
    return label


def check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise StoreError(f"{value!r}: a date is YYYY-MM-DD") from None


def version_order(v: StoredVersion) -> tuple[object, ...]:
    """Date order, undated versions after dated ones, then natural label order, then SEC
    document order (Section A … X, then the Appendices) within a release."""
    return (v.date is None, v.date or "", natural_key(v.label), document_key(v.document))


def document_of(model: dict[str, object]) -> str:
    """The document a stored model is (its ``document``, else what its title names)."""
    name = model.get("document")
    if isinstance(name, str) and name:
        return name
    title = model.get("title")
    found = document_name(title) if isinstance(title, str) else None
    return found[0] if found else ""


class Store:
    """An open versions database. Use :func:`open_store`."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn

    def close(self) -> None:
        self._conn.close()

    def _fail(self, exc: sqlite3.Error) -> StoreError:
        return _sqlite_error(self.path, exc, "database error")

    def versions(self) -> list[StoredVersion]:
        """Every stored version, each checked against its checksum (``damaged``)."""
        try:
            rows = self._conn.execute(
                "SELECT label, date, source, sha256, added_at, CAST(model AS BLOB), model_sha256, document"
                " FROM versions"
            ).fetchall()
        except sqlite3.Error as exc:
            raise self._fail(exc) from None
        found = (
            StoredVersion(r[0], r[1], r[2], r[3], r[4], damaged=not _intact(r[5], r[6]), document=r[7]) for r in rows
        )
        return sorted(found, key=version_order)

    def damaged(self, label: str, source: str) -> StoreError:
        return StoreError(
            f"version {label} in {self.path} is damaged: add it again from its file "
            f"(redline versions add {source} --label {label})"
        )

    def labels(self) -> list[str]:
        return list(dict.fromkeys(v.label for v in self.versions()))

    def documents(self, label: str) -> list[str]:
        """The documents stored under ``label``, in SEC order."""
        try:
            rows = self._conn.execute("SELECT document FROM versions WHERE label = ?", (label,)).fetchall()
        except sqlite3.Error as exc:
            raise self._fail(exc) from None
        return sorted((r[0] for r in rows), key=document_key)

    def _document(self, label: str, document: str | None) -> str | None:
        """The one document ``label`` (with ``document``) names; None when none is stored;
        a label that names several, without ``document``, is refused with their names."""
        names = self.documents(label)
        if document is not None:
            wanted = document_name(document)
            name = wanted[0] if wanted else document
            return name if name in names else None
        if len(names) > 1:
            raise StoreError(f"{self.path}: label {label!r} holds {len(names)} documents ({', '.join(names)}): "
                             "say which with --document")
        return names[0] if names else None

    def get(self, label: str, document: str | None = None) -> StoredVersion | None:
        name = self._document(label, document)
        if name is None:
            return None
        try:
            row = self._conn.execute(
                "SELECT label, date, source, sha256, added_at FROM versions WHERE label = ? AND document = ?",
                (label, name),
            ).fetchone()
        except sqlite3.Error as exc:
            raise self._fail(exc) from None
        return StoredVersion(row[0], row[1], row[2], row[3], row[4], document=name) if row else None

    def load(self, label: str, document: str | None = None) -> Document:
        """The stored model of ``label`` (and ``document``, when the label holds several)."""
        from redline.readers.json import document_from_dict

        name = self._document(label, document)
        try:
            row = self._conn.execute(
                "SELECT model_schema, CAST(model AS BLOB), model_sha256, source FROM versions"
                " WHERE label = ? AND document = ?",
                (label, name),
            ).fetchone() if name is not None else None
        except sqlite3.Error as exc:
            raise self._fail(exc) from None
        if row is None:
            known = ", ".join(self.labels()) or "none"
            of = f" of {document}" if document else ""
            raise StoreError(f"{self.path}: no stored version {label!r}{of} (stored: {known})")
        schema, data, checksum, source = row
        if not _intact(data, checksum):
            raise self.damaged(label, source)
        from redline.writers.json import DOCUMENT_SCHEMA

        if schema != DOCUMENT_SCHEMA:
            raise StoreError(f"{self.path}: version {label!r} is stored as {schema}; redline reads {DOCUMENT_SCHEMA}")
        try:
            return document_from_dict(json.loads(bytes(data).decode("utf-8")))
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"{self.path}: version {label!r} has a damaged model: {exc}") from None

    def add(
        self, doc: Document, label: str, *, when: str | None = None, replace: bool = False, document: str | None = None
    ) -> AddStatus:
        """Keep ``doc`` under (its document, ``label``) in one transaction; ``document``
        names the document when its cover does not (or overrides it).

        The same file (same sha256) under the same label is a no-op, unless
        the stored copy is damaged: then it is stored again ("repaired").
        Another file under a taken label is refused unless ``replace``.
        """
        from redline.writers.json import DOCUMENT_SCHEMA, document_to_dict

        check_label(label)
        when = check_date(when)
        if doc.is_annex:
            raise StoreError(f"{doc.source}: an annex ('{doc.amendments[0].instruction}'), not a version: not stored")
        if document is not None:
            try:
                named = requested_document(doc.document, document)
            except ValueError as exc:
                raise StoreError(f"{doc.source}: {exc}") from None
            doc = dataclasses.replace(doc, document=named[0], document_title=named[1] or doc.document_title)
        name = doc.document or ""
        model = json.dumps(document_to_dict(doc), ensure_ascii=False, separators=(",", ":"))
        checksum = model_checksum(model.encode("utf-8"))
        added_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        conn = self._conn
        try:
            with self._transaction():
                row = conn.execute(
                    "SELECT sha256, source, date, CAST(model AS BLOB), model_sha256 FROM versions"
                    " WHERE label = ? AND document = ?",
                    (label, name),
                ).fetchone()
                intact = row is not None and _intact(row[3], row[4])
                if row is not None and intact and row[0] == doc.sha256 and (when is None or when == row[2]):
                    return "unchanged"
                if row is not None and not replace and row[0] != doc.sha256:
                    what = f" as {name}" if name else ""
                    raise StoreError(
                        f"{self.path}: label {label!r} already holds {row[1]}{what} (sha256 {row[0][:12]}…); "
                        "use --replace to store this file under it instead"
                    )
                status: AddStatus
                if row is None:
                    conn.execute(
                        "INSERT INTO versions (label, date, source, sha256, added_at, model_schema, model,"
                        " model_sha256, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (label, when, doc.source, doc.sha256, added_at, DOCUMENT_SCHEMA, model, checksum, name),
                    )
                    status = "added"
                else:
                    date_kept = when if when is not None else row[2]
                    conn.execute(
                        "UPDATE versions SET date = ?, source = ?, sha256 = ?, added_at = ?, model_schema = ?,"
                        " model = ?, model_sha256 = ? WHERE label = ? AND document = ?",
                        (date_kept, doc.source, doc.sha256, added_at, DOCUMENT_SCHEMA, model, checksum, label, name),
                    )
                    status = "repaired" if not intact and row[0] == doc.sha256 else "replaced"
                _test_pause()
            return status
        except sqlite3.Error as exc:
            raise self._fail(exc) from None

    def remove(self, label: str, document: str | None = None) -> bool:
        """Forget ``label`` (of ``document``, when it holds several); False when there was no such version."""
        name = self._document(label, document)
        if name is None:
            return False
        try:
            with self._transaction():
                gone = self._conn.execute(
                    "DELETE FROM versions WHERE label = ? AND document = ?", (label, name)
                ).rowcount
        except sqlite3.Error as exc:
            raise self._fail(exc) from None
        return bool(gone)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction, taken up front (BEGIN IMMEDIATE) so that two writers
        queue on the busy timeout instead of failing half-way; rolled back on any error."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")


def _test_pause() -> None:
    delay = os.environ.get(ENV_TEST_SLEEP)
    if delay:
        ready = os.environ.get(ENV_TEST_READY)
        if ready:
            Path(ready).touch()
        time.sleep(float(delay))


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction per add.
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def empty_store() -> bytes:
    """The bytes of an empty store, built in memory: no file, so no journal, until
    it is written whole. Offsets 18 and 19 of the header are SQLite's file format
    read/write versions, 2 meaning WAL: what ``PRAGMA journal_mode = WAL`` writes
    (an in-memory database has no WAL to switch to)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {USER_VERSION}")
        conn.executescript(_SCHEMA)
        data = bytearray(conn.serialize())
    finally:
        conn.close()
    data[18] = data[19] = 2
    return bytes(data)


def _link_new(path: Path, data: bytes) -> None:
    """Put a file holding ``data`` at ``path`` unless one is there already.

    Linux: an unnamed file (``O_TMPFILE``) written, synced, then linked in, so a
    process killed at any moment leaves nothing beside the store. Elsewhere a
    named temporary file (``.versions.db.*.new``), removed once linked.
    ``os.link`` fails if the path exists, so when two processes create the
    store at once, one wins and the other uses the winner's file."""
    parent = path.resolve().parent
    if hasattr(os, "O_TMPFILE") and _link_unnamed(parent, path.resolve(), data):
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # mkstemp made it private; a store is an ordinary file
        os.write(fd, data)
        os.fsync(fd)
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _link_unnamed(parent: Path, dest: Path, data: bytes) -> bool:
    """Write ``data`` to an unnamed file in ``parent`` and link it in as ``dest``;
    False where the file system or the system cannot (then nothing was made)."""
    try:
        dirfd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    try:
        fd = os.open(".", os.O_TMPFILE | os.O_WRONLY, 0o666, dir_fd=dirfd)  # the umask applies
    except OSError as exc:
        os.close(dirfd)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES):
            raise  # what the named way would meet too: say it once
        return False  # a file system without unnamed files
    try:
        os.write(fd, data)
        os.fsync(fd)
        # linkat(AT_SYMLINK_FOLLOW) through /proc: os.link follows only when given a dir fd
        os.link(f"/proc/self/fd/{fd}", dest, src_dir_fd=dirfd, follow_symlinks=True)
    except FileExistsError:
        pass  # another process made the store first: use its file
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise
        return False  # no /proc, or a file system that will not link it
    finally:
        os.close(fd)
        os.close(dirfd)
    return True


def _create(path: Path) -> None:
    """Make an empty store at ``path``, whole or not at all (see :func:`_link_new`).

    Not where there is no room for SQLite's ``-shm`` index beside it as well:
    the store would be made, then fail its first use and stay behind, empty."""
    data = empty_store()
    try:
        path.resolve().parent.mkdir(parents=True, exist_ok=True)
        if _no_space(path, len(data) + SHM_BYTES):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        _link_new(path, data)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the versions database: {exc.strerror or exc}") from None


_SYSTEM_REFUSALS = {
    "SQLITE_READONLY": "read-only",
    "SQLITE_FULL": "no space left on device",
    "SQLITE_CANTOPEN": "cannot open the file",
    "SQLITE_PERM": "permission denied",
}


def _sqlite_error(path: Path, exc: sqlite3.Error, what: str) -> StoreError:
    """One line for an SQLite error; a file or folder the system will not let
    us write (read-only, a full disk) is named as such, not as damage."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    base = next((k for k in _SYSTEM_REFUSALS if name.startswith(k)), None)
    if base is None and not name.startswith("SQLITE_IOERR"):
        return StoreError(f"{path}: {what}: {exc}")
    if base == "SQLITE_FULL" or name.startswith("SQLITE_IOERR"):
        full = " (no space left on device)" if base != "SQLITE_FULL" and _no_space(path) else ""
        return StoreError(f"{path}: cannot write the versions database: {exc}{full}")
    folder = path.resolve().parent
    if not os.access(folder, os.W_OK) and not (Path(f"{path}-shm").exists() and Path(f"{path}-wal").exists()):
        why = f"folder {folder} is read-only (SQLite keeps {path.name}-wal and {path.name}-shm beside the database)"
    elif path.exists() and not os.access(path, os.W_OK):
        why = "the file is read-only"
    else:
        why = _SYSTEM_REFUSALS[base or "SQLITE_CANTOPEN"]
    return StoreError(f"{path}: cannot use the versions database: {why} ({exc})")


def _no_space(path: Path, needed: int = SHM_BYTES) -> bool:
    """Less than ``needed`` bytes free in the folder of ``path`` (as far as the system says)."""
    import shutil

    try:
        return shutil.disk_usage(path.resolve().parent).free < needed
    except OSError:
        return False


def remove_unused_wal(path: Path) -> None:
    """Remove a ``-wal``/``-shm`` pair that an open which failed half-way left
    (no space for the index: the ``-shm`` holds 3 bytes, the ``-wal`` none).
    Only an empty ``-wal`` (nothing committed in it) beside a ``-shm`` no live
    connection uses (smaller than any in use, and no other process holding
    SQLite's lock on it) is removed."""
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    try:
        if wal.exists() and wal.stat().st_size:
            return
        if shm.exists():
            if shm.stat().st_size >= SHM_BYTES or _shm_in_use(shm):
                return
            shm.unlink()
        with contextlib.suppress(FileNotFoundError):
            wal.unlink()
    except OSError:
        return


def _shm_in_use(shm: Path) -> bool:
    """Another process holds a lock on SQLite's "dead man switch" byte of ``shm``."""
    try:
        import fcntl
    except ImportError:  # not POSIX: assume it is
        return True
    dms = 128  # SQLite's UNIX_SHM_DMS: every connection using the index holds a lock here
    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return True
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, dms)
    except OSError:
        return True
    finally:
        os.close(fd)  # drops the lock too
    return False


def _verify(path: Path, conn: sqlite3.Connection) -> None:
    """Refuse anything that is not a whole, healthy redline store."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise StoreError(f"{path}: not a redline versions database (SQLite application_id {app_id:#x})")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > USER_VERSION:
        raise StoreError(f"{path}: made by a newer redline (store format {version}, this one reads {USER_VERSION})")
    if version not in (1, 2, USER_VERSION):
        raise StoreError(f"{path}: unknown store format {version}")
    result = [str(r[0]) for r in conn.execute("PRAGMA quick_check(20)").fetchall()]
    if result != ["ok"]:
        lines = [x.strip() for r in result for x in r.splitlines() if x.strip() and not x.startswith("***")]
        more = f" (+{len(lines) - 2} more)" if len(lines) > 2 else ""
        raise StoreError(f"{path}: corrupt database: {'; '.join(lines[:2])}{more}")
    columns = tuple(r[1] for r in conn.execute("PRAGMA table_info(versions)").fetchall())
    if columns != {1: _COLUMNS_V1, 2: _COLUMNS_V2}.get(version, _COLUMNS):
        raise StoreError(f"{path}: damaged store: table 'versions' has columns {columns or 'none'}")
    if version == 1:
        _migrate_from_1(conn)
    if version in (1, 2):
        _migrate_to_3(conn)


def _migrate_from_1(conn: sqlite3.Connection) -> None:
    """Format 1 -> 2: add ``model_sha256``; an old version whose model reads back
    as a document gets its checksum now, one that does not stays without (damaged).
    One transaction; a second redline migrating at the same moment finds it done."""
    from redline.readers.json import document_from_dict

    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] == 1:
            conn.execute("ALTER TABLE versions ADD COLUMN model_sha256 TEXT")
            for rowid, data in conn.execute("SELECT id, CAST(model AS BLOB) FROM versions").fetchall():
                try:
                    document_from_dict(json.loads(bytes(data).decode("utf-8")))
                except (ValueError, KeyError, TypeError):
                    continue
                conn.execute("UPDATE versions SET model_sha256 = ? WHERE id = ?", (model_checksum(bytes(data)), rowid))
            conn.execute("PRAGMA user_version = 2")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _migrate_to_3(conn: sqlite3.Connection) -> None:
    """Format 2 -> 3: versions keyed by (document, label). SQLite cannot drop the old
    UNIQUE (label), so the table is rebuilt in one transaction; each version's document
    is read from its stored model (a damaged one keeps "" and stays reported damaged)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] == 2:
            conn.execute(_SCHEMA.replace("CREATE TABLE versions", "CREATE TABLE versions_3").strip().rstrip(";"))
            for row in conn.execute(f"SELECT {', '.join(_COLUMNS_V2)} FROM versions").fetchall():
                try:
                    model = json.loads(bytes(row[7]).decode("utf-8") if isinstance(row[7], bytes) else row[7])
                    name = document_of(model) if isinstance(model, dict) else ""
                except (ValueError, UnicodeDecodeError):
                    name = ""
                conn.execute(f"INSERT INTO versions_3 ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * 10)})",
                             (*row, name))
            conn.execute("DROP TABLE versions")
            conn.execute("ALTER TABLE versions_3 RENAME TO versions")
            conn.execute(f"PRAGMA user_version = {USER_VERSION}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that only reads: it makes nothing beside the store when it can
    help it, so ``versions list`` works on a full disk or in a read-only folder.

    SQLite in WAL mode needs its ``-shm`` index even to read; where that cannot
    be made and the ``-wal`` is empty or absent (everything committed is in the
    store itself), the file is read as ``immutable``: no index, no locks. Nothing
    can be writing it then, as no writer could make the index either."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA application_id").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        name = getattr(exc, "sqlite_errorname", "") or ""
        wal = Path(f"{path}-wal")
        if not name.startswith(("SQLITE_IOERR", "SQLITE_FULL", "SQLITE_CANTOPEN", "SQLITE_READONLY")):
            raise
        if wal.exists() and wal.stat().st_size:
            raise
        remove_unused_wal(path)
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)


def open_store(path: str | Path | None = None, *, create: bool = False, readonly: bool = False) -> Store:
    """Open (and with ``create``, make) the versions database, checking it first.

    ``readonly``: for commands that only read (list, show, log, a label as input);
    such a store cannot add or remove, and needs no space or write access."""
    p = db_path(path)
    if p.is_dir():
        raise StoreError(f"{p}: is a folder, not a versions database")
    if not p.exists():
        if not create:
            raise StoreError(f"{p}: no versions database here (add one with `redline versions add FILE --label X`)")
        _create(p)
    try:
        with p.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"{p}: cannot read: {exc.strerror or exc}") from None
    if head != SQLITE_MAGIC:
        what = "empty file" if not head else "not an SQLite file"
        raise StoreError(f"{p}: not a redline versions database ({what}); refusing to replace it")
    try:
        conn = _connect_readonly(p) if readonly else _connect(p)
    except sqlite3.Error as exc:
        remove_unused_wal(p)
        raise _sqlite_error(p, exc, "cannot open") from None
    try:
        if readonly and conn.execute("PRAGMA user_version").fetchone()[0] < USER_VERSION:
            conn.close()  # a store of an older format: upgraded by a writable open, once
            return open_store(p)
        _verify(p, conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        remove_unused_wal(p)
        raise _sqlite_error(p, exc, "corrupt database") from None
    except StoreError:
        conn.close()
        raise
    return Store(p, conn)


@contextlib.contextmanager
def opened(path: str | Path | None = None, *, create: bool = False, readonly: bool = False) -> Iterator[Store]:
    store = open_store(path, create=create, readonly=readonly)
    try:
        yield store
    finally:
        store.close()
