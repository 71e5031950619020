"""The annex stage: from a diff's alignment to the Annex A a drafter publishes.

``plan`` turns a :class:`~redline.diff.records.DiffResult` into amendments
("Amend Section/Table X as follows:") without pairing anything itself;
``rows`` shapes a table's rows for them, ``wordruns`` a paragraph's insert
and delete runs, ``group`` puts a section's subsections under one
instruction as drafters do, ``full`` plans a whole-document redline, and
``check`` checks the footer figures an annex shows against its rows. Pure:
models in, plans out; the writers render them.
"""
