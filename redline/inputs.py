"""Resolve a command's input argument: a file, or a label in the versions store.

Every command that reads a version takes either (``redline diff 6.18 6.19``,
``redline check appendix-r.docx``); a model saved by ``redline parse --json``
counts as a file. An existing file always wins, so a file named like a label
is still read as a file (a folder is not: it gives way to a label); otherwise
the argument is looked up in the store, and an unknown name is reported once,
naming both readings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from redline.errors import ReadError
from redline.numbering import requested_document

if TYPE_CHECKING:
    from redline.eligibility import EligibilityList
    from redline.model import Document
    from redline.readers.pdf_settings import PdfSettings
    from redline.review import Stored
    from redline.versions.release import Release

_FILE_SUFFIXES = (".docx", ".pdf", ".doc", ".json")


def looks_like_path(arg: str) -> bool:
    return "/" in arg or "\\" in arg or arg.casefold().endswith(_FILE_SUFFIXES)


def read_file(path: Path, *, reject: bool = False, pdf: PdfSettings | None = None) -> Document:
    """Read a DOCX or PDF, or a model saved by ``redline parse --json`` (``reject``:
    a DOCX's tracked changes read as rejected; ``pdf``: the PDF reader's tolerances)."""
    from redline.readers import read

    return read(path, reject=reject, pdf=pdf)


def load(
    arg: str | Path, db: str | Path | None = None, document: str | None = None, *, reject: bool = False,
    pdf: PdfSettings | None = None,
) -> Document:
    """The document named by ``arg``: a DOCX/PDF path, or a stored version's
    label in the database ``db`` (default: ``$REDLINE_DB``, else
    ``.redline/versions.db``)."""
    text = str(arg)
    path = Path(text)
    if (path.exists() and not path.is_dir()) or looks_like_path(text):
        return named(read_file(path, reject=reject, pdf=pdf), document)
    # A folder named like a label ("6.18/", one per SEC version) gives way to the label.
    from redline.versions.store import db_path, open_store  # only for a label: `check FILE` needs no SQLite

    store_path = db_path(db)
    if not store_path.exists():
        if path.exists():
            return read_file(path)  # says it is a folder
        raise ReadError(text, f"no such file, and no versions database at {store_path} to look up a label")
    store = open_store(store_path, readonly=True)
    try:
        if not store.documents(text):
            if path.exists():
                return read_file(path)
            known = ", ".join(store.labels()) or "none"
            raise ReadError(text, f"no such file, and no stored version with that label (stored: {known})")
        return store.load(text, document)
    finally:
        store.close()


def named(doc: Document, document: str | None) -> Document:
    """``doc`` known as ``document`` ("Section H"): ``--document`` names a file whose cover does not."""
    if document is None:
        return doc
    try:
        found = requested_document(doc.document, document)
    except ValueError as exc:
        raise ReadError(doc.source, str(exc)) from None
    return replace(doc, document=found[0], document_title=found[1] or doc.document_title)


def load_version(
    arg: str | Path, db: str | Path | None = None, document: str | None = None, *, reject: bool = False,
    pdf: PdfSettings | None = None,
) -> Document:
    """Like :func:`load`, for commands that compare versions of Appendix R:
    an annex is refused, since diffing or redlining its excerpts against a
    whole version would report every section as changed."""
    doc = load(arg, db, document, reject=reject, pdf=pdf)
    if doc.is_annex:
        raise ReadError(
            str(arg),
            f"an annex ({len(doc.amendments)} 'Amend … as follows:' instructions), not a version of "
            f"{doc.document or 'an SEC document'}: "
            f"apply it to its baseline first (redline apply {arg} --to BASE -o draft.docx)",
        )
    return doc


def is_release(arg: str | Path, db: str | Path | None = None, document: str | None = None) -> bool:
    """A folder of documents (one release: section-a.docx, section-h.docx, appendix-r.docx …),
    or a stored label that holds several documents (unless ``document`` picks one)."""
    from redline.versions.store import db_path, opened

    path = Path(arg)
    if path.is_dir():
        return True
    store_path = db_path(db)
    if document is not None or path.exists() or looks_like_path(str(arg)) or not store_path.exists():
        return False
    with opened(store_path, readonly=True) as store:
        return len(store.documents(str(arg))) > 1


def load_release(arg: str | Path, db: str | Path | None = None) -> Release:
    """Every document of a release folder: its DOCX files, and the PDFs with no DOCX of
    the same name beside them (the same document twice would be one document twice)."""
    from redline.versions.release import release_of
    from redline.versions.store import db_path, opened

    folder = Path(arg)
    if not folder.is_dir():
        store_path = db_path(db)
        if not Path(arg).exists() and store_path.exists():  # a release label: every document stored under it
            with opened(store_path, readonly=True) as store:
                names = store.documents(str(arg))
                if len(names) > 1:
                    return release_of(str(arg), [store.load(str(arg), n) for n in names])
        return release_of(str(arg), [load_version(arg, db)])
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.casefold() in (".docx", ".pdf"))
    stems = {p.stem for p in files if p.suffix.casefold() == ".docx"}
    chosen = [p for p in files if p.suffix.casefold() == ".docx" or p.stem not in stems]
    if not chosen:
        raise ReadError(str(folder), "a folder with no DOCX or PDF documents in it")
    docs = []
    for p in chosen:
        doc = read_file(p)
        if doc.is_annex:
            raise ReadError(str(p), "an annex, not a version of an SEC document: keep annexes out of a release folder")
        docs.append(doc)
    return release_of(str(folder), docs)


def load_annex(arg: str | Path, db: str | Path | None = None, document: str | None = None) -> Document:
    """Like :func:`load`, for commands that read annexes (``conflicts``): a version of
    Appendix R is refused, since it has no amendments to compare ("0 conflicts" over
    two versions said nothing true)."""
    doc = load(arg, db, document)
    if not doc.is_annex and not doc.unknown_instructions:
        raise ReadError(
            str(arg),
            "a version of Appendix R (no 'Amend … as follows:' instructions), not an annex: "
            "conflicts compares two annexes drafted against --base",
        )
    return doc


def load_eligibility(path: str | Path | None = None) -> EligibilityList:
    """The DUIS eligibility list shipped with redline (package data), or the
    newer one at ``path`` (``--eligibility FILE``)."""
    from importlib import resources

    from redline.eligibility import LIST_FILE, LIST_VERSION, parse_list

    if path is None:
        data = resources.files("redline").joinpath("data", LIST_FILE).read_bytes()
        return parse_list(data, f"redline (shipped {LIST_FILE})", LIST_VERSION)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ReadError(str(path), f"cannot read the eligibility list: {exc.strerror or exc}") from None
    return parse_list(data, str(path), "given with --eligibility")


def stored_versions(db: str | Path | None = None, wanted: Iterable[str] = ()) -> list[Stored]:
    """Every stored version (label, date, sha256), oldest first, for a review;
    with their models when every sha256 in ``wanted`` is stored (the review's
    history needs them all; otherwise they are not read). None at all when
    there is no versions database (nothing is created)."""
    from redline.review import Stored
    from redline.versions.store import db_path, opened

    path = db_path(db)
    if not path.exists():
        return []
    with opened(path, readonly=True) as store:
        found = [v for v in store.versions() if not v.damaged]
        need = set(wanted)
        documents = {v.document for v in found if v.sha256 in need}
        if documents:  # a release label holds several documents: the history is the reviewed ones'
            found = [v for v in found if v.document in documents]
        if not need or not need <= {v.sha256 for v in found}:
            return [Stored(v.label, v.date, v.sha256) for v in found]
        return [Stored(v.label, v.date, v.sha256, store.load(v.label, v.document or None)) for v in found]
