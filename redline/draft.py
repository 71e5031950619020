"""The consolidated draft ``redline apply`` writes: the baseline's own DOCX with the
annex's edits made in it, when the baseline is a DOCX still at hand.

This is the step between reading and writing: it finds the baseline's file
(a stored label names the file it was added from), reads its package,
has :mod:`redline.writers.docx_amend` make the edits in its XML, and reads
the result back: it must give the model ``apply`` computed, or it is not
written (:class:`NotAmendable` says why, and :func:`write_draft` rebuilds the
draft). A rebuilt draft is read back and compared too: neither way is a draft
written that does not hold what ``apply`` meant to write.
"""

from __future__ import annotations

import copy
import hashlib
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redline.errors import ReadError, RenderError
from redline.model import Document
from redline.readers.docx import DocxTree, package_parts, read_docx, read_docx_tree
from redline.versions.compare import differences
from redline.versions.edits import Edit

if TYPE_CHECKING:
    from redline.versions.apply import ApplyResult
from redline.writers.atomic import write_atomic
from redline.writers.docx_amend import REBUILT, NotAmendable, amended_package

__all__ = [
    "REBUILT",
    "AmendableDocx",
    "NotAmendable",
    "amend_docx",
    "amended_draft",
    "baseline_docx",
    "write_amended",
    "write_draft",
    "write_result",
]


def _path_of(el: Any) -> tuple[int, ...]:
    """Where an XML element sits: the child index at each level from the root."""
    path: list[int] = []
    parent = el.getparent()
    while parent is not None:
        path.append(parent.index(el))
        el, parent = parent, parent.getparent()
    return tuple(reversed(path))


@dataclass(frozen=True, slots=True)
class AmendableDocx:
    """A baseline DOCX read once, to be amended many times: each :meth:`amend` works on
    a copy of its XML (reading the tree again is most of the cost of amending)."""

    tree: DocxTree
    parts: tuple[tuple[zipfile.ZipInfo, bytes], ...]
    paths: tuple[tuple[int, ...], ...]
    """Where each of the tree's source elements sits (child indexes from the root)."""

    @classmethod
    def read(cls, path: Path, data: bytes) -> AmendableDocx:
        tree = read_docx_tree(path, data, hashlib.sha256(data).hexdigest(), keep_markup=True)
        return cls(tree, package_parts(path, data), tuple(_path_of(el) for el in tree.sources))

    @property
    def document(self) -> Document:
        return self.tree.document

    def _copy(self) -> DocxTree:
        root = copy.deepcopy(self.tree.root)
        sources = []
        for path in self.paths:
            el = root
            for i in path:
                el = el[i]
            sources.append(el)
        return replace(self.tree, root=root, sources=tuple(sources))

    def amend(self, edits: Iterable[Edit], *, version: str | None = None) -> bytes:
        """The DOCX with ``edits`` (planned against :attr:`document`) made in it."""
        return amended_package(self._copy(), self.parts, edits, version=version)


def amend_docx(base: bytes, name: str, edits: Iterable[Edit], *, version: str | None = None) -> bytes:
    """The DOCX ``base`` with ``edits`` (planned against the model read from it) made in it."""
    return AmendableDocx.read(Path(name), base).amend(edits, version=version)


def amended_draft(
    baseline: AmendableDocx, edits: Sequence[Edit], expected: Document, name: Path, *, version: str | None = None
) -> bytes:
    """The baseline's DOCX with ``edits`` made in it, read back and found to give
    ``expected`` (the model ``apply`` computed), or :class:`NotAmendable` says why not."""
    draft = baseline.amend(edits, version=version)
    try:
        back = read_docx(name, draft, "")
    except ReadError as exc:
        raise NotAmendable(f"the amended DOCX does not read back ({exc.problem})") from None
    diffs = differences(back, expected)
    if diffs:
        raise NotAmendable(f"the amended DOCX does not read back as the consolidated version: {diffs[0]}")
    return draft


def baseline_docx(base: Document) -> tuple[Path, bytes] | None:
    """The baseline's own DOCX file, when the model was read from one that is still
    there unchanged (a stored version names the file it was added from)."""
    path = Path(base.source)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data[:4] != b"PK\x03\x04" or (base.sha256 and hashlib.sha256(data).hexdigest() != base.sha256):
        return None
    return path, data


def _why_not_docx(base: Document) -> str:
    path = Path(base.source)
    try:
        head = path.read_bytes()[:1024]
    except OSError:
        return f"{base.source}: the baseline's file is not there to amend"
    if b"%PDF-" in head:
        return f"{base.source} is a PDF, not the baseline's Word file"
    if head[:4] != b"PK\x03\x04":
        return f"{base.source} is not a DOCX"
    return f"{base.source} has changed since this baseline was read from it"


def write_amended(
    base: Document,
    edits: Sequence[Edit],
    expected: Document,
    dest: Path,
    inputs: Iterable[Path] = (),
    *,
    version: str | None = None,
) -> Path:
    """Write the baseline's DOCX with ``edits`` made in it to ``dest``, after checking
    that it reads back as ``expected`` (the model ``apply`` computed)."""
    found = baseline_docx(base)
    if found is None:
        raise NotAmendable(_why_not_docx(base))
    path, data = found
    draft = amended_draft(AmendableDocx.read(path, data), edits, expected, dest, version=version)
    return write_atomic(dest, draft, inputs)


def write_draft(
    base: Document,
    edits: Sequence[Edit],
    expected: Document,
    dest: Path,
    inputs: Iterable[Path] = (),
    *,
    version: str | None = None,
) -> str | None:
    """Write the consolidated draft: the baseline's DOCX amended in place, or, when that
    cannot be done, rebuilt from ``expected`` in redline's own layout. Either way the
    DOCX is read back and must give ``expected`` (with ``version`` on its cover), or
    nothing is written (:class:`RenderError`). Returns None, or why the draft was
    rebuilt (the caller says so with :data:`REBUILT`)."""
    from redline.versions.apply import with_sec_version
    from redline.writers.docx_document import render_docx

    try:
        write_amended(base, edits, expected, dest, inputs, version=version)
        return None
    except NotAmendable as exc:
        why = str(exc)
    wanted = with_sec_version(expected, version)
    data = render_docx(wanted)
    try:
        back = read_docx(dest, data, "")
    except ReadError as exc:
        raise RenderError(f"{dest}: the rebuilt draft does not read back ({exc.problem}): not written") from None
    diffs = differences(back, wanted)
    if diffs:
        raise RenderError(f"{dest}: the rebuilt draft does not read back as the consolidated version "
                          f"({diffs[0]}): not written")
    write_atomic(dest, data, inputs)
    return why


def write_result(
    base: Document, result: ApplyResult, dest: Path, inputs: Iterable[Path] = (), *, version: str | None = None
) -> str | None:
    """What ``redline apply -o DEST`` writes: the consolidated version as the model's
    JSON (``.json``), else as a DOCX draft (:func:`write_draft`). Returns None, or why
    the DOCX draft was rebuilt rather than amended in the baseline's file."""
    from redline.versions.apply import with_sec_version

    if dest.suffix.casefold() == ".json":
        from redline.writers.json import document_to_dict, dumps

        model = document_to_dict(with_sec_version(result.document, version))
        write_atomic(dest, dumps(model).encode("utf-8"), inputs)
        return None
    return write_draft(base, result.plan.edits, result.document, dest, inputs, version=version)
