"""The versions stage: an annex applied to a baseline, conflicts, history.

``edits`` are the changes an annex makes (one type per kind of edit),
``apply`` and ``apply_tables`` make them on a baseline, ``conflicts`` finds
places two annexes both amend, ``history`` and ``rowmatch`` follow sections
and rows across stored versions, and ``compare`` says whether two models
have the same content. Pure: models in, models and records out. The one
exception is ``store``, the SQLite file the versions are kept in (its own
layer: the only module that does I/O here).
"""
