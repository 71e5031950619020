"""Read a Word Appendix R (or annex) into the model, straight from its XML.

We walk ``word/document.xml`` with lxml rather than through python-docx's
objects: python-docx wraps every element in a Python object and recomputes a
table's cell grid per row, which makes a 150-page matrix document several
times slower to read than the XML is to parse (see bench/bench_check.py).

The walk emits the flat stream :func:`redline.structure.assemble` expects:
``Heading`` for a numbered heading (number from Word's automatic numbering,
replayed by :mod:`docx_numbering`, or typed in the text), ``Paragraph`` for
everything else in the body, and ``TableDraft`` grids of ``RawRow``/``RawCell``.
Page headers and footers are separate parts and are never read.

Redline marks, kept in the runs:

* native tracked changes: ``w:ins``/``w:moveTo`` -> "insert",
  ``w:del``/``w:delText``/``w:moveFrom`` -> "delete"; paragraph-mark and
  formatting revisions (``rPrChange``/``pPrChange``) are ignored;
* formatting redlines, as annexes are drafted: strike or double strike ->
  "delete"; a direct or character-style underline -> "insert" **only when
  the document is redlined** (it has struck-through text or an "Amend ... as
  follows:" instruction). In a plain version underline is just emphasis, and
  hyperlinks (underlined by their character style) are never inserts.
"""

from __future__ import annotations

import gc
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from redline import numbering
from redline.errors import ReadError
from redline.model import Cell, Document, Heading, Mark, Note, Notice, Paragraph, Picture, Run, normalise, rejected_text
from redline.ooxml import rels
from redline.ooxml.attrs import on, small_int, val
from redline.ooxml.grid import children, continued, grid_before, span
from redline.ooxml.ns import (
    ALTERNATE,
    BODY,
    CHOICE,
    CUSTOMXML,
    DEL,
    DELTEXT,
    DRAWING,
    DSTRIKE,
    ENDNOTE_REF,
    FALLBACK,
    FOOTNOTE_REF,
    ILVL,
    INS,
    MOVE_FROM,
    MOVE_TO,
    NSMAP,
    NUMID,
    NUMPR,
    OBJECT,
    OMATH,
    OMATH_PARA,
    OUTLINE,
    PICT,
    PPR,
    PROPERTY_CHANGES,
    PSTYLE,
    RPRCHANGE,
    RSTYLE,
    SDT,
    SDTCONTENT,
    SECTPR,
    STRIKE,
    TBL,
    TBLHEADER,
    TC,
    TCPR,
    TR,
    TRPR,
    TXBX,
    VANISH,
    P,
    T,
    U,
    W,
)
from redline.readers.docx_extras import Extras
from redline.readers.docx_numbering import Label, Numbering
from redline.readers.docx_package import Package, parse_xml, xml_problem
from redline.readers.docx_prune import prune_pieces
from redline.readers.docx_runs import COLOR, PLAIN, InlineReader, Pieces
from redline.readers.docx_styles import ParaStyle, Styles
from redline.readers.docx_tables import read_plain_table
from redline.structure import StreamItem, TableDraft, assemble, parse_instruction
from redline.tables import RawCell, RawRow

DOCUMENT = "word/document.xml"
STRICT_DOCUMENT = "{http://purl.oclc.org/ooxml/wordprocessingml/main}document"

NEEDS_FULL_WALK = (
    INS, DEL, MOVE_FROM, MOVE_TO, DELTEXT, VANISH, TXBX, ALTERNATE, *PROPERTY_CHANGES,
    OMATH, OMATH_PARA, DRAWING, PICT, OBJECT, FOOTNOTE_REF, ENDNOTE_REF,
)
"""Markup only the run-by-run walk reads right (marks, math, notes, pictures):
a table cell holding any of it goes to the full walk."""
KNOWN_BLOCK = frozenset(
    (
        SECTPR, TCPR,
        *(W + x for x in ("bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd")),
        *(W + x for x in ("commentRangeStart", "commentRangeEnd", "moveFromRangeStart", "moveFromRangeEnd")),
        *(W + x for x in ("moveToRangeStart", "moveToRangeEnd", "sdtPr", "sdtEndPr", "customXmlPr")),
    )
)
"""Body and cell children that hold no text of their own."""

SUBHEADING_MAX = 100
"""A bold, unnumbered paragraph up to this long reads as a sub-heading ("New User")."""


MAX_DOCUMENT_XML = 128 * 1024 * 1024
"""The largest word/document.xml read (128 MiB). A full-size Appendix R has
7.4 MB of XML (the 150-page bench document, with Word's markup, 16 MB), so
this is ~17 times anything real; beyond it a file is not an Appendix R, and
it would cost its reader several times its size in memory."""

TXBX_BYTES = b"txbxContent"
"""A text box's content element, as its bytes: none there, no text box to look for."""

ROWS_PER_CHUNK = 50
"""A long table is read this many rows at a time (~0.5 MB of XML), its XML dropped behind it."""


def read_docx(path: Path, data: bytes, sha256: str, *, reject: bool = False) -> Document:
    """Read a DOCX into the model (any :class:`ReadError` names ``path``).

    The XML is never held as one tree (a tree of Word XML takes ~13 times the
    XML's size): each top-level block is walked as soon as it is complete (a
    long table a chunk of rows at a time), then dropped, so a read peaks at a
    few times the XML (bench/bench_memory.py). What an underline means depends
    on the whole document (an insert only in a redlined one: struck text or an
    "Amend ... as follows:" instruction anywhere), so the walk notes what it
    passes; the rare redlined document that has underlines is walked again
    with that known.
    """
    name = str(path)
    pkg = Package(name, data)
    main = pkg.main_part() or DOCUMENT
    if not pkg.has(main):
        raise ReadError(name, f"not a Word document: no {DOCUMENT} in the zip")
    size = pkg.infos[main].file_size
    if size > MAX_DOCUMENT_XML:
        pkg.check_declared(main)  # a zip bomb is named as one
        limit = MAX_DOCUMENT_XML // 2**20
        raise ReadError(name, f"refused: {main} is {size / 2**20:.0f} MiB of XML (limit {limit} MiB;"
                              " a full-size Appendix R has 7.4 MB): not an Appendix R")
    # Layout-only properties, never read, are most of the XML's nodes: they are dropped
    # as the part inflates, so the whole XML is never held (docx_prune.py). XML that
    # cannot be pruned safely (a DOCTYPE, a comment ...) is read whole, as it is.
    pruned = prune_pieces(pkg.pieces(main))
    if pruned is not None:
        raw, text_boxes = pruned
    else:
        raw = pkg.read(main)
        if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:  # as parse_xml: Word XML never declares any
            raise ReadError(name, f"refused: {main} declares a DOCTYPE or entities (not allowed in Word XML)")
        text_boxes = TXBX_BYTES in raw  # as a search of the tree would say, without one
    styles = Styles(pkg.related_xml(main, rels.STYLES, "word/styles.xml"))
    numbering_xml = pkg.related_xml(main, rels.NUMBERING, "word/numbering.xml")

    def walk(xml: bytes, underline_inserts: bool) -> tuple[_Walker, _Seen]:
        numbering = Numbering(numbering_xml)
        numbering.style_num = styles.numbering_styles
        walker = _Walker(styles, numbering, underline_inserts=underline_inserts, reject=reject)
        walker.extras = Extras(pkg, main, walker.inline)
        walker.text_boxes = text_boxes
        return walker, _stream_blocks(name, main, xml, walker)

    with _no_cyclic_gc():
        walker, seen = walk(raw, False)
        struck = seen.struck or any(styles.char[s].strike for s in seen.char_styles if s in styles.char)
        if (struck or seen.instruction) and (seen.underline or seen.char_styles or seen.coloured):
            del walker
            walker, _ = walk(raw, True)
        del raw
        return walker.noticed(assemble(name, sha256, walker.stream, walker.warnings), main, reject=reject)


@dataclass(frozen=True, slots=True)
class DocxTree:
    """A DOCX read with the XML it was read from: ``sources[i]`` is the body element
    (``w:p`` or ``w:tbl``) of the reader's ``stream[i]``. ``redline apply`` amends
    that XML in place (:mod:`redline.writers.docx_amend`)."""

    document: Document
    part: str
    """The main part's name in the zip (almost always word/document.xml)."""
    root: etree._Element
    stream: tuple[StreamItem, ...]
    sources: tuple[etree._Element, ...]


def package_parts(path: Path, data: bytes) -> tuple[tuple[zipfile.ZipInfo, bytes], ...]:
    """Every part of the package with its zip entry, each read within the reader's limits
    (``redline apply`` copies them into the draft as they are)."""
    pkg = Package(str(path), data)
    return tuple((info, pkg.read(info.filename)) for info in pkg.zip.infolist())


def read_docx_tree(path: Path, data: bytes, sha256: str, *, keep_markup: bool = False) -> DocxTree:
    """:func:`read_docx` holding the whole tree (for ``redline apply`` to amend the
    baseline's XML, which needs all of it), with each block's element;
    ``keep_markup``: keep comments and processing instructions (to write the XML back)."""
    name = str(path)
    pkg = Package(name, data)
    main = pkg.main_part() or DOCUMENT
    if not pkg.has(main):
        raise ReadError(name, f"not a Word document: no {DOCUMENT} in the zip")
    if pkg.infos[main].file_size > MAX_DOCUMENT_XML:
        pkg.check_declared(main)
        raise ReadError(name, f"refused: {main} is larger than {MAX_DOCUMENT_XML // 2**20} MiB of XML")
    root = parse_xml(name, main, pkg.read(main), keep_markup=keep_markup)
    if root.tag == STRICT_DOCUMENT:
        raise ReadError(name, "Strict Open XML document: save it in Word as a standard Word Document (.docx)")
    body = root.find(BODY)
    if body is None:
        raise ReadError(name, f"corrupt DOCX: {main} has no w:body")
    styles = Styles(pkg.related_xml(main, rels.STYLES, "word/styles.xml"))
    numbering = Numbering(pkg.related_xml(main, rels.NUMBERING, "word/numbering.xml"))
    numbering.style_num = styles.numbering_styles
    seen = _Seen()
    for el in body:
        seen.note(el)
    struck = seen.struck or any(styles.char[s].strike for s in seen.char_styles if s in styles.char)
    walker = _Walker(styles, numbering, underline_inserts=struck or seen.instruction)
    walker.extras = Extras(pkg, main, walker.inline)
    walker.text_boxes = next(body.iter(TXBX), None) is not None
    walker.sources = []
    with _no_cyclic_gc():
        walker.blocks(body)
        document = walker.noticed(assemble(name, sha256, walker.stream, walker.warnings), main, reject=False)
    return DocxTree(document, main, root, tuple(walker.stream), tuple(walker.sources))


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Keep the cyclic collector out of the walk.

    The walk makes ~a million small objects that all live on (the model has no
    cycles). With the collector on, it would scan them again and again; merely
    switched off, they would all wait in the youngest generation and the first
    collection afterwards would scan them all (~0.05 s on a 150-page document).
    So: off during the walk, then everything is moved to the oldest generation
    at once (freeze + unfreeze, no scan) -- unless the program froze objects
    itself, which unfreeze would undo.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


FEED_BYTES = 1 << 16
"""The XML is fed to the parser this many bytes at a time; after each feed every
body block but the last (which may still be open) is complete, and is read and dropped."""


def _parser() -> etree.XMLPullParser:
    """A pull parser with the hardened parser's settings, reporting only the body's start
    and table rows: a paragraph needs no event (92% of a full-size Appendix R's
    events were the paragraphs inside table cells)."""
    return etree.XMLPullParser(
        events=("start", "end"), tag=(BODY, TR), resolve_entities=False, no_network=True, huge_tree=False,
        load_dtd=False, remove_comments=True, remove_pis=True,
    )


class _Seen:
    """What the walk passed that bears on the meaning of an underline."""

    def __init__(self) -> None:
        self.struck = False
        """Direct strike-through (not in the old properties of a tracked format change)."""
        self.char_styles: set[str] = set()
        self.underline = False
        self.coloured = False
        """Direct text colour: in a redlined document blue/red alone are marks (docx_runs.colour_mark)."""
        self.instruction = False
        """An "Amend Section/Table X as follows:" paragraph in the body: an annex."""

    def note(self, block: etree._Element) -> None:
        for el in block.iter(STRIKE, DSTRIKE, RSTYLE, U, COLOR):
            if _in_old_properties(el):
                continue
            tag = el.tag
            if tag == COLOR:
                self.coloured = True
            elif tag == RSTYLE:
                self.char_styles.add(val(el) or "")
            elif tag == U:
                self.underline = True
            elif on(el):
                self.struck = True
        if not self.instruction:
            for p in [block] if block.tag == P else children(block, P) if block.tag in (SDT, CUSTOMXML) else []:
                text = "".join(p.itertext(T, with_tail=False))
                if parse_instruction(normalise(text)) is not None:
                    self.instruction = True


def _stream_blocks(name: str, main: str, raw: bytes, walker: _Walker) -> _Seen:
    """Walk each top-level block once it is complete, then drop it; a long table a
    chunk of rows at a time (its rows complete as row-end events say)."""
    seen = _Seen()
    pending: dict[etree._Element, list[RawRow]] = {}
    body: etree._Element | None = None

    def flush(upto: etree._Element | None) -> None:
        """Read and drop the body's blocks before ``upto`` (all of them when None)."""
        assert body is not None
        while len(body):
            el = body[0]
            if el is upto:
                return
            seen.note(el)
            if el.tag == TBL:
                rows = pending.pop(el, [])
                rows.extend(walker.table(el))
                walker.stream.append(TableDraft(rows))
            else:
                walker.blocks_of(el)
            el.clear(keep_tail=False)
            del body[0]

    parser = _parser()
    try:
        for start in range(0, len(raw), FEED_BYTES):
            parser.feed(raw[start : start + FEED_BYTES])
            for event, el in parser.read_events():
                if el.tag == BODY:
                    if event == "start":
                        body = el
                    continue
                if event != "end" or body is None:
                    continue
                tbl = el.getparent()  # a row: of a long body table, read and dropped a chunk at a time
                if tbl is None or tbl.tag != TBL or tbl.getparent() is not body or len(tbl) <= ROWS_PER_CHUNK:
                    continue
                flush(tbl)  # the blocks before the table first: list counters run in reading order
                # Only what precedes this event is complete (the parser may have read on), so
                # the rows up to this one move into a detached table, are read there and dropped.
                chunk = etree.Element(TBL)
                for child in list(tbl):
                    if child.tag in (TR, SDT, CUSTOMXML):
                        chunk.append(child)
                    if child is el:
                        break
                seen.note(chunk)
                pending.setdefault(tbl, []).extend(walker.table(chunk))
            if body is not None and len(body) > 1:
                flush(body[-1])
        root = parser.close()
    except etree.XMLSyntaxError as exc:
        raise ReadError(name, f"corrupt DOCX: {main} is not well-formed XML ({xml_problem(exc)})") from None
    if root is not None and root.tag == STRICT_DOCUMENT:  # no tag above matched its namespace
        raise ReadError(name, "Strict Open XML document: save it in Word as a standard Word Document (.docx)")
    if body is None:
        raise ReadError(name, f"corrupt DOCX: {main} has no w:body")
    flush(None)
    return seen


def _in_old_properties(el: etree._Element) -> bool:
    """A run property inside ``w:rPrChange`` (what the formatting was before a tracked change)."""
    rpr = el.getparent()
    holder = rpr.getparent() if rpr is not None else None
    return holder is not None and holder.tag == RPRCHANGE


_NUMBERED_LIST_STYLE = re.compile(r"List(?: Bullet| Number| Continue)? ([2-9])", re.IGNORECASE)


def _list_level(level: int, style: ParaStyle | None) -> int:
    """Word's "List Bullet 2" style is level 0 of a list of its own, indented as
    the second level; the style's number is the level a reader sees."""
    if level == 0 and style is not None:
        m = _NUMBERED_LIST_STYLE.fullmatch(style.name.strip())
        if m:
            return int(m.group(1)) - 1
    return level


class _Walker:
    """One reading pass over the body: numbering counters advance as Word's do."""

    def __init__(self, styles: Styles, numbering: Numbering, *, underline_inserts: bool, reject: bool = False) -> None:
        self.styles = styles
        marking = {sid for sid, f in styles.char.items() if f.strike or (f.underline and underline_inserts)}
        self.marking_tags = (STRIKE, DSTRIKE, *NEEDS_FULL_WALK, *((U, COLOR) if underline_inserts else ()))
        """A cell without any of these (nor a run in a marking character style)
        has no marks to keep: the fast one-pass table reader takes it."""
        self.marking_styles = frozenset(marking)
        self._numbered_styles = frozenset(sid for sid, st in styles.para.items() if st.num_id not in (None, "0"))
        self.numbering = numbering
        self.stream: list[StreamItem] = []
        self.sources: list[etree._Element] | None = None
        """With :func:`read_docx_tree`: the element of each stream item, in step with ``stream``."""
        self.warnings: list[str | Notice] = []
        self.inline = InlineReader(styles, underline_inserts=underline_inserts, reject=reject)
        self.extras: Extras | None = None
        """Notes and pictures, from the package (None: not read, as in unit tests of the walk)."""
        self._cells: dict[str, RawCell] = {}
        """Plain cells by their raw text, shared (see docx_tables._cell)."""
        self.unplaced: Counter[str] = Counter()
        """Notes and pictures the model has no place for (in a heading, a table cell), by what."""
        self._missing_lists: set[str] = set()
        self.text_boxes = False
        """The body holds text boxes or shapes with text (looked for once, so
        documents without them pay nothing per paragraph)."""

    # -- block level -------------------------------------------------------

    def blocks(self, parent: etree._Element) -> None:
        for el in parent:
            self.blocks_of(el)

    def blocks_of(self, el: etree._Element) -> None:
        """One block of the body (a paragraph, a table, a content control's blocks)."""
        tag = el.tag
        if tag == P:
            item = self.paragraph(el)
            if item is not None:
                items = item if isinstance(item, tuple) else (item,)
                self.stream.extend(items)
                if self.sources is not None:  # a clause is a heading and its text, both from one w:p
                    self.sources.extend(el for _ in items)
            if self.text_boxes:  # a shape's text follows the paragraph it is anchored in
                for box in _text_boxes(el):
                    self.blocks(box)
        elif tag == TBL:
            self.stream.append(TableDraft(self.table(el)))
            if self.sources is not None:
                self.sources.append(el)
        elif tag == SDT:
            content = el.find(SDTCONTENT)
            if content is not None:
                self.blocks(content)
        elif tag == CUSTOMXML:
            self.blocks(el)
        elif tag not in KNOWN_BLOCK and isinstance(tag, str):
            self.inline.unknown[tag] += 1

    def paragraph(self, p: etree._Element) -> Heading | Paragraph | tuple[Heading, Paragraph] | None:
        style, label, outline = self._numbering(p)
        pieces = Pieces()
        inline = self.inline
        inline.paragraph(p, pieces, style_bold=style.bold if style is not None else False)
        text, runs = pieces.text_and_runs()
        notes: tuple[Note, ...] = ()
        pictures: tuple[Picture, ...] = ()
        if (inline.note_refs or inline.pictures) and self.extras is not None:
            notes = self.extras.notes(inline.note_refs)
            pictures = self.extras.pictures(inline.pictures)
        heading_level = outline if outline is not None else (style.heading if style is not None else None)
        if heading_level is not None:
            self._unplaced(notes, pictures, "a heading")
            return self._heading(text, runs, label, heading_level)
        if not text and not runs and not pictures and not notes:
            return None
        if pieces.has_nbsp():  # kept in body text: "Pre notification" -> "Pre\u00a0notification" is a change
            text = pieces.text_and_runs(keep_nbsp=True)[0]
        if label is not None and not label.bullet and numbering.is_clause(_clean_number(label.text)):
            number = _clean_number(label.text)  # "H14.5" from the list: a clause, though not a heading style
            return Heading(number, "", numbering.level(number)), Paragraph(text, runs, None, None, notes, pictures)
        if label is not None:
            shown = label.text if not label.bullet and numbering.is_list_label(label.text) else ""
            return Paragraph(text, runs, _list_level(label.level, style), None, notes, pictures, label=shown)
        typed = numbering.typed_clause(text)
        if typed is not None:  # "H14.2A<tab>…": a clause inserted with the list numbering switched off
            number, end = typed
            return Heading(number, "", numbering.level(number)), Paragraph(
                text[end:].strip(), _drop_prefix(runs, end, skip="delete"), None, None, notes, pictures)
        typed_label = numbering.typed_label(text)
        if typed_label is not None:  # "(b)<tab>…" typed, as an annex writes a sub-paragraph
            shown, end = typed_label
            return Paragraph(text[end:].strip(), _drop_prefix(runs, end, skip="delete"), 0, None, notes, pictures,
                             label=shown)
        kind = style.kind if style is not None else ""
        if inline.all_bold and text and len(text) <= SUBHEADING_MAX and kind not in ("caption", "title", "toc"):
            return Paragraph(text, runs, None, "subheading", notes, pictures)
        return Paragraph(text, runs, None, None, notes, pictures)

    def _unplaced(self, notes: tuple[Note, ...], pictures: tuple[Picture, ...], where: str) -> None:
        for n in notes:
            self.unplaced[f"{n.kind} cited in {where}"] += 1
        for pic in pictures:
            self.unplaced[f"{pic.kind} in {where}"] += 1

    def noticed(self, doc: Document, part: str, *, reject: bool) -> Document:
        """``doc`` with the walk's findings as warnings: elements not read, notes and
        pictures with no place in the model, tracked changes in a version."""
        lines: list[str] = []
        for tag, n in sorted(self.inline.unknown.items()):
            lines.append(f"{n} {_qname(tag)} element(s) not read: their content is left out")
        for what, n in sorted(self.unplaced.items()):
            lines.append(f"{n} {what}: not compared (only a paragraph's notes and pictures are)")
        if self.extras is not None:
            lines += [f"a drawing of a kind not read ({uri})" for uri in sorted(self.extras.unknown_graphics)]
            if self.extras.missing:
                lines.append(f"cites what the package lacks: {', '.join(self.extras.missing[:5])}")
        if self.inline.tracked and not doc.is_annex:
            how = "rejected (--reject)" if reject else "accepted (--reject reads them rejected)"
            lines.append(f"holds {self.inline.tracked} tracked change(s) (w:ins/w:del): read as {how}")
        found = [Notice("warning", doc.source, part, line) for line in lines]
        return replace(doc, warnings=(*doc.warnings, *found)) if found else doc

    def _heading(self, text: str, runs: tuple[Run, ...], label: Label | None, level: int) -> Heading | Paragraph | None:
        number = ""
        if label is not None and not label.bullet and label.text:
            number = _clean_number(label.text)
        else:
            typed = numbering.typed_number(text)
            if typed:
                number, end = typed
                text = text[end:].strip()
                runs = _drop_prefix(runs, end, skip="delete")
            elif not text and runs:  # struck through whole, as an annex deletes a section
                typed = numbering.typed_number(normalise(rejected_text(runs)))
                if typed:
                    number, end = typed
                    runs = _drop_prefix(runs, end, skip="insert")
        if not number:
            if not text and not runs:
                return None
            return Paragraph(text, runs, style="subheading")
        if numbering.is_number(number):
            level = numbering.level(number)
        return Heading(number, text, level, runs)

    def _numbering(self, p: etree._Element) -> tuple[ParaStyle | None, Label | None, int | None]:
        """The paragraph's style, its list label (advancing the counters) and direct outline level."""
        ppr = p.find(PPR)
        style_id = num_id = None
        ilvl: int | None = None
        outline: int | None = None
        if ppr is not None:
            style_id = val(ppr.find(PSTYLE))
            numpr = ppr.find(NUMPR)
            if numpr is not None:
                num_id = val(numpr.find(NUMID))
                ilvl = small_int(val(numpr.find(ILVL)), low=0, high=8)
            ol = small_int(val(ppr.find(OUTLINE)), low=0, high=9)
            if ol is not None and ol < 9:  # 9 is "body text"
                outline = ol + 1
        style = self.styles.get(style_id)
        if style is not None:
            if num_id is None:
                num_id = style.num_id
                if ilvl is None:
                    ilvl = style.ilvl
            elif ilvl is None and num_id == style.num_id:
                ilvl = style.ilvl
        if num_id is None or num_id == "0":
            return style, None, outline
        if ilvl is None and style is not None:
            ilvl = self.numbering.level_for_style(num_id, style.style_id)
        label = self.numbering.advance(num_id, ilvl or 0)
        if label is None and num_id not in self._missing_lists:
            self._missing_lists.add(num_id)
            self.warnings.append(f"paragraphs use list {num_id}, which numbering.xml does not define")
        return style, label, outline

    # -- tables ------------------------------------------------------------

    def table(self, tbl: etree._Element) -> list[RawRow]:
        fast = read_plain_table(
            tbl,
            self._numbered_styles,
            self._numbering,
            marks=self.marking_tags,
            marking_styles=self.marking_styles,
            full_cell=self._marked_cell,
            cache=self._cells,
        )
        if fast is not None:
            return fast
        rows: list[RawRow] = []
        for tr in children(tbl, TR):
            header = False
            cells: list[RawCell] = []
            trpr = tr.find(TRPR)
            if trpr is not None:
                header = on(trpr.find(TBLHEADER))
                before = grid_before(trpr)
                if before > 0:
                    cells.append(RawCell(Cell(""), span=before))
            for tc in children(tr, TC):
                tcpr = tc.find(TCPR)
                cells.append(RawCell(self.cell(tc), span(tcpr), continued(tcpr)))
            rows.append(RawRow(tuple(cells), header))
        return rows

    def _marked_cell(self, tc: etree._Element) -> Cell:
        """A cell the fast pass hands over (it has marks); the pass counts its lists itself."""
        return self.cell(tc, count=False)

    def cell(self, tc: etree._Element, *, count: bool = True) -> Cell:
        pieces = Pieces()
        self._cell_content(tc, pieces, count)
        text, runs = pieces.text_and_runs()
        return Cell(text, runs)

    def _cell_content(self, parent: etree._Element, out: Pieces, count: bool = True) -> None:
        """Paragraphs joined by a space; nested tables flattened to their text."""
        for el in parent:
            tag = el.tag
            if tag == P:
                if count:
                    self._numbering(p=el)  # keep list counters in step with Word
                if out:
                    out.add(" ", PLAIN)
                self.inline.paragraph(el, out)
                inline = self.inline
                if (inline.note_refs or inline.pictures) and self.extras is not None:
                    notes, pictures = self.extras.notes(inline.note_refs), self.extras.pictures(inline.pictures)
                    self._unplaced(notes, pictures, "a table cell")
                if self.text_boxes:
                    for box in _text_boxes(el):
                        self._cell_content(box, out, count)
            elif tag == TBL:
                for tr in children(el, TR):
                    for tc in children(tr, TC):
                        out.add(" ", PLAIN)
                        self._cell_content(tc, out, count)
            elif tag == SDT:
                content = el.find(SDTCONTENT)
                if content is not None:
                    self._cell_content(content, out, count)
            elif tag == CUSTOMXML:
                self._cell_content(el, out, count)
            elif tag not in KNOWN_BLOCK and isinstance(tag, str):
                self.inline.unknown[tag] += 1


def _text_boxes(p: etree._Element) -> list[etree._Element]:
    """The text boxes (``w:txbxContent``) anchored in paragraph ``p``, outermost
    only (a box inside a box is read with its own paragraph), one copy each:
    Word writes a shape twice, as DrawingML (``mc:Choice``) and as VML
    (``mc:Fallback``); the fallback copy is read only when the choice has no text box."""
    out: list[etree._Element] = []
    for box in p.iter(TXBX):
        anc = box.getparent()
        keep = True
        while anc is not None and anc is not p:
            if anc.tag == TXBX:
                keep = False
                break
            if anc.tag == FALLBACK:
                holder = anc.getparent()
                choices = holder.iterchildren(CHOICE) if holder is not None else iter(())
                if any(next(c.iter(TXBX), None) is not None for c in choices):
                    keep = False
                    break
            anc = anc.getparent()
        if keep:
            out.append(box)
    return out


_PREFIXES = {f"{{{uri}}}": prefix for prefix, uri in NSMAP.items()}


def _qname(tag: str) -> str:
    """``{...wordprocessingml...}altChunk`` -> ``w:altChunk`` (as a warning names it)."""
    uri, _, local = tag.rpartition("}")
    prefix = _PREFIXES.get(uri + "}")
    return f"{prefix}:{local}" if prefix else tag


def _clean_number(label: str) -> str:
    """ "8.1.10." -> "8.1.10"; "Section 5" -> "5"."""
    text = label.strip().rstrip(".:").strip()
    if text.endswith(")") and text.count("(") < text.count(")"):
        text = text[:-1].rstrip(".")
    return text.split()[-1] if " " in text else text


def _drop_prefix(runs: tuple[Run, ...], n: int, *, skip: Mark) -> tuple[Run, ...]:
    """Drop the first ``n`` characters (a typed heading number) from the runs, counting
    the text of one view: accepted (``skip="delete"``) or before the changes (``skip="insert"``)."""
    out: list[Run] = []
    for r in runs:
        if n > 0 and r.mark != skip:
            cut = min(n, len(r.text))
            n -= cut
            rest = r.text[cut:]
            if rest:
                out.append(Run(rest, r.mark))
        else:
            out.append(r)
    if out:
        out[0] = Run(out[0].text.lstrip(), out[0].mark)
    return tuple(r for r in out if r.text)
