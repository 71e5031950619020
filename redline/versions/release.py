"""A release: every SEC document at one version (Section A, Section H, Appendix R … of 6.18).

A release label names several documents, and a drafter's Annex A has a part per
document it amends. This module pairs them by document name, so each document's
amendments meet that document's baseline: :func:`split_annex` cuts a
multi-document annex into one annex per document, :func:`pair_releases` pairs
two releases' documents for one combined Annex A (:func:`redline.annex.plan.combine_plans`).
Pure: the documents are read by :mod:`redline.inputs`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from redline.errors import RedlineError
from redline.model import Document
from redline.numbering import document_key
from redline.versions.conflicts import ConflictReport, find_conflicts


@dataclass(frozen=True, slots=True)
class Release:
    """The documents of one release, each known by its name ("Section H")."""

    source: str
    """The folder (or label) they came from."""
    documents: tuple[Document, ...]

    def get(self, name: str) -> Document | None:
        return next((d for d in self.documents if d.document == name), None)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(d.document or "" for d in self.documents)


def release_of(source: str, documents: Iterable[Document]) -> Release:
    """The release of ``documents``, in SEC order; each must know which document it is
    (its cover, or ``--document``), and no two may be the same document."""
    docs = list(documents)
    seen: dict[str, str] = {}
    for d in docs:
        if not d.document:
            raise RedlineError(f"{d.source}: cannot tell which SEC document this is from its title "
                               f"({d.title!r}): name it with --document")
        if d.document in seen:
            raise RedlineError(f"{source}: {seen[d.document]} and {d.source} are both {d.document}")
        seen[d.document] = d.source
    docs.sort(key=lambda d: document_key(d.document or ""))
    return Release(source, tuple(docs))


def split_annex(annex: Document, release: Release) -> list[tuple[Document, Document]]:
    """(baseline, the annex's amendments of it) per document the annex amends, in SEC order.
    An amendment that names no document belongs to the release's one document, if it has
    one; otherwise the annex is refused (it does not say where it applies)."""
    by_name: dict[str, list[int]] = {}
    for k, a in enumerate(annex.amendments):
        name = a.document or annex.document
        if name is None:
            if len(release.documents) != 1:
                raise RedlineError(f"{annex.source}: '{a.instruction}' is under no document heading "
                                   f"(such as Section H ‘DCC Services’), and {release.source} holds "
                                   f"{len(release.documents)} documents")
            name = release.documents[0].document or ""
        by_name.setdefault(name, []).append(k)
    missing = [n for n in by_name if release.get(n) is None]
    if missing:
        raise RedlineError(f"{annex.source} amends {', '.join(missing)}, which {release.source} does not hold "
                           f"(it holds {', '.join(release.names) or 'nothing'})")
    out = []
    for name in sorted(by_name, key=document_key):
        base = release.get(name)
        assert base is not None
        amendments = tuple(annex.amendments[k] for k in by_name[name])
        out.append((base, replace(annex, amendments=amendments, document=name)))
    return out


def pair_releases(old: Release, new: Release) -> list[tuple[Document, Document]]:
    """(old, new) per document both releases hold, in SEC order; a document only one of
    them holds is refused (an annex amends documents, it does not add or drop them)."""
    only = sorted(set(old.names) ^ set(new.names), key=document_key)
    if only:
        raise RedlineError(f"{old.source} and {new.source} do not hold the same documents "
                           f"({', '.join(only)} in one only)")
    out = []
    for doc in new.documents:
        prior = old.get(doc.document or "")
        assert prior is not None
        out.append((prior, doc))
    return out


def release_conflicts(release: Release, first: Document, second: Document) -> ConflictReport:
    """Places two annexes both amend, document by document: each document's part of one
    against that document's part of the other, over its baseline in ``release``. One
    report; every place is named with its document ("Section H: Section H14.5 …")."""
    ones = {base.document: (base, part) for base, part in split_annex(first, release)}
    twos = {base.document: part for base, part in split_annex(second, release)}
    reports = [(name, find_conflicts(base, part, twos[name])) for name, (base, part) in ones.items() if name in twos]
    conflicts = tuple(replace(c, where=f"{name}: {c.where}") for name, r in reports for c in r.conflicts)
    return ConflictReport(
        release.source,
        first.source,
        second.source,
        conflicts,
        tuple(x for _, r in reports for x in r.recounted),
        tuple(replace(m, location=f"{name}: {m.location}") for name, r in reports for m in r.mismatches_first),
        tuple(replace(m, location=f"{name}: {m.location}") for name, r in reports for m in r.mismatches_second),
        tuple(dict.fromkeys(w for _, r in reports for w in r.warnings)),
        tuple(replace(c, where=f"{name}: {c.where}") for name, r in reports for c in r.agreed),
    )
