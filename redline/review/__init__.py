"""The review of two versions, or of an annex against its baseline, as one
record (:class:`~redline.review.records.Review`) for the review page and its
JSON (``redline review``, ``redline.review/1``).

A reviewer's questions ("what does MP089 change for RSA, and are its totals
right?") are answered by the library calls that already exist: ``diff`` (and
its alignment, its per-role summary, its eligibility notes), ``check`` of both
versions, and for an annex ``check_annex`` and ``apply`` as ``redline check
ANNEX --against BASE`` makes them. This package only gathers their results per
User Role; nothing is paired or counted here that those calls do not give.

``redline.review`` is the function: :mod:`redline` imports it eagerly, so the
name stays the function even after ``redline.review.records`` is imported.
The package's own modules are loaded only when it is called.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redline.eligibility import EligibilityList
    from redline.model import Document
    from redline.review.records import Review

__all__ = ["Stored", "review"]


@dataclass(frozen=True, slots=True)
class Stored:
    """A version from the versions store: its label, date, file's sha256 and
    model (None when not loaded: the history needs every stored model, the
    header only the label and date)."""

    label: str
    date: str | None
    sha256: str
    document: Document | None = None


def review(
    old: Document,
    new: Document | None = None,
    *,
    annex: Document | None = None,
    eligibility: EligibilityList | None = None,
    stored: Sequence[Stored] = (),
) -> Review:
    """Review ``old`` → ``new``, or (``annex=``) the annex applied to ``old``
    against ``old``, as ``apply``/``check --against`` apply it.

    ``eligibility``: the DUIS list to hold the role matrices against (the
    shipped one is :func:`redline.inputs.load_eligibility`); without it, no
    eligibility notes. ``stored``: the stored versions, oldest first; a
    reviewed version among them (same sha256) is named by its label and date,
    and when both are (the baseline, for an annex) and every model is given,
    each changed row and section carries its history across all of them
    (:func:`redline.inputs.stored_versions` reads them so).
    """
    from redline.review.gather import gather

    return gather(old, new, annex=annex, eligibility=eligibility, stored=stored)
