"""Office Open XML, the one home of what readers and writers both need to know
about a DOCX package: namespaces and tag names (:mod:`.ns`), attribute
helpers (:mod:`.attrs`), a table row's grid (:mod:`.grid`) and the parts a
part points to through its relationships (:mod:`.rels`).

Modelled on python-docx's ``oxml/ns.py`` (``qn`` and one namespace map) and
``Part.part_related_by``. Pure functions on lxml elements: no zip and no file
access here (readers/docx_package.py opens the package, writers write it).
"""
