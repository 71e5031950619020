"""redline: read, check, diff and redline the SEC's Appendix R.

The library comes first; every ``redline`` command is a thin call of it::

    import redline

    old = redline.read("appendix-r-v6.18.docx")      # or redline.load("6.18"): a stored label
    new = redline.read("appendix-r-v6.19.docx")
    redline.check(new).ok                             # footer counts and totals
    result = redline.diff(old, new)                   # sections, tables, rows, cells, per role
    plan = redline.plan_annex(old, new, result, redline.AnnexOptions(mp="MP089"))
    redline.write_annex(plan, Path("annex.docx"))    # .docx, .html or .pdf; tracked=True for revisions
    draft = redline.apply(old, redline.read("annex.docx")).document
    report = redline.find_conflicts(old, annex_a, annex_b)
    page = redline.review(old, new)                  # or review(old, annex=mp089): per role, checks, sections
    with redline.opened("versions.db", create=True) as store:
        store.add(new, "6.19")
        history = redline.table_history([(v.label, store.load(v.label)) for v in store.versions()], "8.1.10")

What each returns is a frozen model or record (``redline.model``,
``redline.diff.records``); the writers in ``redline.writers`` turn them into
JSON, text, DOCX, HTML or PDF. ``redline.diff`` and ``redline.versions.apply`` are
the functions here; their modules are reached with ``from redline.diff.match
import …`` as usual.
"""

from __future__ import annotations

import sys
import types

TYPE_CHECKING = False  # not typing's: importing typing alone costs `redline --version` a fifth of its time
if TYPE_CHECKING:
    from typing import Any
if TYPE_CHECKING:  # each name is imported on first use: `redline --version` and `redline check` load no diff code
    from redline.annex.full import plan_full
    from redline.annex.plan import AnnexOptions, AnnexPlan, plan_annex
    from redline.checks import CheckResult, check
    from redline.diff import DiffResult, diff, select
    from redline.diff.match import MatchSettings
    from redline.inputs import load, load_version
    from redline.model import Document
    from redline.readers import read
    from redline.review import review
    from redline.settings import Settings, load_settings
    from redline.versions.apply import ApplyResult, apply
    from redline.versions.conflicts import ConflictReport, find_conflicts
    from redline.versions.history import SectionHistory, TableHistory, section_history, table_history
    from redline.versions.store import Store, open_store, opened
    from redline.writers.annex import write_annex

_LAZY = {
    "CheckResult": "redline.checks",
    "check": "redline.checks",
    "DiffResult": "redline.diff",
    "diff": "redline.diff",
    "select": "redline.diff",
    "Document": "redline.model",
    "read": "redline.readers",
    "review": "redline.review",
    "ApplyResult": "redline.versions.apply",
    "apply": "redline.versions.apply",
    "AnnexOptions": "redline.annex.plan",
    "AnnexPlan": "redline.annex.plan",
    "plan_annex": "redline.annex.plan",
    "plan_full": "redline.annex.full",
    "write_annex": "redline.writers.annex",
    "ConflictReport": "redline.versions.conflicts",
    "find_conflicts": "redline.versions.conflicts",
    "SectionHistory": "redline.versions.history",
    "TableHistory": "redline.versions.history",
    "section_history": "redline.versions.history",
    "table_history": "redline.versions.history",
    "load": "redline.inputs",
    "load_version": "redline.inputs",
    "Store": "redline.versions.store",
    "open_store": "redline.versions.store",
    "opened": "redline.versions.store",
    "MatchSettings": "redline.diff.match",
    "Settings": "redline.settings",
    "load_settings": "redline.settings",
}
"""Public name -> the module that defines it (PEP 562: imported when first asked for)."""

__all__ = [
    "AnnexOptions",
    "AnnexPlan",
    "ApplyResult",
    "CheckResult",
    "ConflictReport",
    "DiffResult",
    "Document",
    "MatchSettings",
    "SectionHistory",
    "Settings",
    "Store",
    "TableHistory",
    "apply",
    "check",
    "diff",
    "find_conflicts",
    "load",
    "load_settings",
    "load_version",
    "open_store",
    "opened",
    "plan_annex",
    "plan_full",
    "read",
    "review",
    "section_history",
    "select",
    "table_history",
    "write_annex",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """``redline.diff`` and the other names of ``__all__``, imported on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'redline' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


_SHADOWED = ("diff", "review")
"""Functions named as the subpackage that defines them."""


class _Package(types.ModuleType):
    """``redline`` itself. Importing ``redline.diff.match`` binds the subpackage as
    ``redline.diff``, over the function of that name (bound on first use here, not
    imported up front); the function stays what ``redline.diff`` (and ``redline.review``) means."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
