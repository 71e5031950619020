"""Plain-text reports for people at a terminal.

Kept apart from the CLI so the same report can be produced from a script
(``redline.writers.text.check_report(result)``) and tested without a shell.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from redline import kinds
from redline.checks import CheckResult, Mismatch, TableRead
from redline.eligibility import EligibilityFinding, EligibilityList
from redline.instructions import is_elided_row
from redline.model import Amendment, Document, Heading, Paragraph, Table, normalise, rejected_text
from redline.text import ROLE_NAMES, is_total_tests

if TYPE_CHECKING:  # the diff's records are types here: `check` does not load the diff
    from redline.annex.check import FigureFinding
    from redline.diff.records import (
        DiffResult,
        FooterChange,
        ParagraphChange,
        ReferenceProblem,
        RoleSummary,
        SectionChange,
        TableChange,
        ValueChange,
        WordEdit,
    )


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]], indent: str = "  ") -> list[str]:
    """A fixed-width text table, columns as wide as their widest cell."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    out = []
    for n, r in enumerate(cells):
        out.append(indent + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if n == 0:
            out.append(indent + "  ".join("-" * w for w in widths))
    return out


def _opening(blocks: Sequence[object]) -> str:
    """A clause's first words ("H14.5 Each Party wishing to undertake…"): a clause has no title."""
    first = next((b.text for b in blocks if isinstance(b, Paragraph) and b.text), "")
    words = first.split()
    return " ".join(words[:8]) + ("…" if len(words) > 8 else "")


def _table_line(t: Table) -> str:
    role = f" [{t.role}]" if t.role else ""
    footer = f", footer: {len(t.footer)} rows" if t.footer else ""
    return f"table {t.number or '?'} {t.kind}{role}: {len(t.rows)} rows, {len(t.columns)} columns{footer}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _amendment_line(a: Amendment) -> str:
    """One instruction, what it amends (a section's title, a table's size) and its marks."""
    what = ""
    for b in a.blocks:
        if isinstance(b, Heading):
            what = (b.title or normalise(rejected_text(b.runs))) if b.runs else b.title
            break
        if isinstance(b, Table):
            rows = sum(1 for r in b.rows if not is_elided_row(r.texts))  # a "…" row stands for rows left out
            what = f"{_count(rows, 'row')}, {_count(len(b.footer), 'footer row')} shown"
            break
    shown = f"  {what}" if what else ""
    return f"  {a.instruction}{shown}  (+{len(a.inserted)} inserted, -{len(a.deleted)} deleted)"


def outline(doc: Document) -> str:
    """The outline printed by ``redline parse``."""
    lines = [f"{doc.source}: {doc.title or '(untitled)'}"]
    if doc.sec_version:
        lines.append(f"SEC version {doc.sec_version}")
    if doc.drafted_against:
        lines.append(f"drafted against SEC version {doc.drafted_against}")
    if doc.is_annex:
        # An annex's headings and tables are the amended content, listed per
        # instruction below; an outline of them as sections would mislead.
        lines.append(f"{len(doc.amendments)} amendments:")
        part = None
        several = len({a.document for a in doc.amendments if a.document}) > 1
        for a in doc.amendments:
            if several and a.document != part and a.document:  # an annex of several documents: a line per part
                lines.append(f" {a.document}:")
            part = a.document
            lines.append(_amendment_line(a))
        lines.extend(f"warning: {w}" for w in doc.warnings)
        return "\n".join(lines) + "\n"
    lines.append(f"{len(doc.sections)} sections, {len(doc.tables())} tables")
    for s in doc.sections:
        paragraphs = sum(1 for b in s.blocks if isinstance(b, Paragraph))
        count = f"{paragraphs} paragraph{'' if paragraphs == 1 else 's'}"
        lines.append(f"{'  ' * (s.level - 1)}{s.number} {s.title or _opening(s.blocks)}  ({count})")
        for t in s.tables():
            lines.append(f"{'  ' * s.level}{_table_line(t)}")
    for w in doc.warnings:
        lines.append(f"warning: {w}")
    return "\n".join(lines) + "\n"


def _table_read(t: TableRead) -> str:
    role = f" {t.role}" if t.role else ""
    return f"({t.kind}{role}, {_count(t.rows, 'row')})"


def _table_name(t: TableRead) -> str:
    return " ".join(x for x in ("Table", t.table or "(unnumbered)", t.title) if x)


def coverage_line(result: CheckResult) -> str:
    """"17 tables read, 7 checked, 10 without footer"."""
    checked = sum(1 for t in result.read if t.checked)
    return f"{_count(len(result.read), 'table')} read, {checked} checked, {len(result.read) - checked} without footer"


def eligibility_lines(
    findings: Sequence[EligibilityFinding], listed: EligibilityList | None, *, agreeing: str
) -> list[str]:
    """The eligibility notes: per DUIS matrix, what the list of which roles may
    send which Service Request disagrees with; each asks to be confirmed."""
    if listed is None:
        return []
    shipped = listed.source.startswith("redline (shipped")
    head = f"eligibility (list: {listed.version if shipped else listed.source}): "
    if not findings:
        return [head + agreeing]
    lines = [head + f"{_count(len(findings), 'note')}; confirm each against the current DUIS"]
    for f in findings:
        lines.append(f"  note  Table {f.table} [{f.role}] {_name(f.key, f.name)}: {_ELIGIBILITY[f.kind]}")
    return lines


_ELIGIBILITY = {
    "not_eligible": "the list says this role may not send it",
    "unknown": "not in the list",
    "missing": "the list says this role may send it; no row for it",
    "added_not_eligible": "row added; the list says this role may not send it",
    "removed_eligible": "row removed; the list says this role may send it",
}


def check_report(result: CheckResult, *, annex: bool = False) -> str:
    """What ``redline check`` prints: every table read, a short table of
    figures per table with mismatches, and the coverage and verdict."""
    if not result.tables and annex:
        return (
            f"{result.source}: an annex: its tables are excerpts, so their footers cannot be recounted here;\n"
            f"  check the consolidated version instead: redline apply {result.source} --to BASE -o draft.docx\n"
        )
    if not result.tables:
        unchecked = [f"--    {_table_name(t)} {_table_read(t)}: no footer rows to check" for t in result.read]
        return "\n".join([*unchecked, f"{result.source}: {coverage_line(result)}: no tables with footer counts: "
                                      "nothing to check"]) + "\n"
    lines = []
    checks = iter(result.tables)
    entries: list[TableRead | None] = list(result.read) if result.read else [None] * len(result.tables)
    for read in entries:
        if read is not None and not read.checked:
            lines.append(f"--    {_table_name(read)} {_table_read(read)}: no footer rows to check")
            continue
        t = next(checks)
        shape = f" {_table_read(read)}" if read is not None else ""
        notes = [
            f"      note: row {_name(u.key, u.name)} [{u.column}]: {u.value!r} is no test scenario value; "
            "no footer row counts it"
            for u in t.unknown_values
        ]
        if t.ok:
            lines.append(f"ok    Table {t.table} {t.title}{shape}")
            lines.extend(notes)
            continue
        lines.append(f"FAIL  Table {t.table} {t.title}{shape}: {len(t.mismatches)} mismatch(es)"
                     + "".join(f", no {m.label!r} row" for m in t.missing))
        if t.mismatches:
            rows = [(m.row, m.column, m.stated, m.computed) for m in t.mismatches]
            lines.extend(format_table(("row", "column", "stated", "computed"), rows, indent="      "))
        for p in t.problems:
            lines.append(f"      cannot read footer row {p}")
        for m in t.missing:
            lines.append(f"      {m.cells} {m.value!r} cell(s) that no footer row counts: Total Tests leaves them out")
        lines.extend(notes)
    bad = sum(1 for t in result.tables if not t.ok)
    verdict = "all footer figures agree" if result.ok else f"{result.mismatch_count} mismatch(es) in {bad} table(s)"
    missing = sum(len(t.missing) for t in result.tables)
    if missing:
        verdict += f", {missing} 'Count of' row(s) missing"
    coverage = coverage_line(result) if result.read else f"{len(result.tables)} tables checked"
    lines.append(f"{result.source}: {coverage}; {verdict}")
    if result.eligibility or any(kinds.spec(t.kind).eligibility for t in result.read):  # no DUIS matrix: nothing to say
        lines += eligibility_lines(result.eligibility, result.eligibility_list,
                                   agreeing="every DUIS matrix agrees with the list")
    return "\n".join(lines) + "\n"


CONTEXT_WORDS = 6
_TYPO = "  (typography only)"


def _wrap(text: str, left: str, right: str) -> str:
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{left}{core}{right}{trail}"


def _inline(edits: tuple[WordEdit, ...]) -> str:
    """Edits inline, wdiff style: [-deleted-]{+inserted+}, long equal stretches cut."""
    out: list[str] = []
    last = len(edits) - 1
    for k, e in enumerate(edits):
        if e.op == "insert":
            out.append(_wrap(e.text, "{+", "+}"))
        elif e.op == "delete":
            out.append(_wrap(e.text, "[-", "-]"))
        else:
            words = e.text.split(" ")
            if len(words) <= 2 * CONTEXT_WORDS + 1:
                out.append(e.text)
                continue
            head = " ".join(words[:CONTEXT_WORDS]) if k else ""
            tail = " ".join(words[-CONTEXT_WORDS:]) if k < last else ""
            out.append(f"{head} … {tail}")
    return " ".join("".join(out).split())


def _paragraph_line(p: ParagraphChange) -> str:
    bullet = f"{p.label} " if p.label else "• " if p.list_level is not None else ""
    if p.change == "added":
        return f"    + {bullet}{p.new}"
    if p.change == "removed":
        return f"    - {bullet}{p.old}"
    return f"    ~ {bullet}{_inline(p.edits)}{_TYPO if p.typography_only else ''}"


def _section_lines(s: SectionChange) -> list[str]:
    if s.change == "added":
        head = f"  {s.number} {s.new_title}: added"
    elif s.change == "removed":
        head = f"  {s.number} {s.old_title}: removed"
    elif s.change in ("renumbered", "moved"):
        head = f"  {s.old_number} -> {s.new_number} {s.new_title}: {s.change}"
    else:
        head = f"  {s.number} {s.new_title}: {s.change}"
    lines = [head]
    if s.retitled and s.change != "added" and s.change != "removed":
        lines.append(f"    title: {_inline(s.title_edits)}")
    if s.change not in ("added", "removed"):
        lines.extend(_paragraph_line(p) for p in s.paragraphs)
    else:
        n = len(s.paragraphs)
        lines.append(f"    ({n} paragraph{'' if n == 1 else 's'})")
    return lines


def _name(key: str, name: str) -> str:
    return f"{key} {name}".strip()


def _mismatches(label: str, ms: tuple[Mismatch, ...]) -> str:
    if not ms:
        return f"{label}: ok"
    parts = [f"{m.row} [{m.column}] stated {m.stated}, rows give {m.computed}" for m in ms]
    return f"{label}: " + "; ".join(parts)


def _figure(value: int | None) -> str:
    return "(no row)" if value is None else str(value)


def _position(index: int | None) -> str:
    """A 0-based row index as people count body rows: "row 18"."""
    return "?" if index is None else f"row {index + 1}"


def _footers(counts: tuple[FooterChange, ...], stated: tuple[FooterChange, ...]) -> list[str]:
    """One line per footer figure: what the rows give, and what is printed when that differs."""
    computed = {(f.row, f.column): f for f in counts}
    printed = {(f.row, f.column): f for f in stated}
    keys = list(computed) + [k for k in printed if k not in computed]
    if not keys:
        return []
    lines = ["    footer figures:"]
    for key in keys:
        c, p = computed.get(key), printed.get(key)
        parts = []
        if c is not None:
            parts.append(f"rows give {_figure(c.old)} -> {_figure(c.new)}")
        if p is not None and (c is None or (p.old, p.new) != (c.old, c.new)):
            parts.append(f"printed {_figure(p.old)} -> {_figure(p.new)}")
        lines.append(f"      {key[0]} [{key[1]}]: " + "; ".join(parts))
    return lines


def _definition_lines(t: TableChange, noun: str) -> list[str]:
    """A table amended as its section's content (Section A1.1's definitions) in its own
    words: definitions added, removed, renamed (same meaning, new term) and changed (the
    meaning, word by word)."""
    from redline.diff.words import diff_words  # here: check's report does not load the diff

    lines = [f"  {noun.capitalize()}s in Section {t.table or '(unnumbered)'}"]
    lines.extend(f"    + {noun} {r.key!r}" for r in t.rows_added)
    lines.extend(f"    - {noun} {r.key!r}" for r in t.rows_removed)
    lines.extend(f"    ~ renamed {r.old_name!r} -> {r.name!r} (same meaning)" for r in t.rows_renamed)
    lines.extend(f"    > moved {noun} {r.key!r}: {_position(r.old_index)} -> {_position(r.new_index)}"
                 for r in t.rows_moved)
    lines.extend(f"    ~ {c.key!r}: {_inline(diff_words(c.old, c.new))}" for c in t.cells_changed)
    return lines


def _table_lines(t: TableChange, old_label: str, new_label: str) -> list[str]:
    noun = kinds.spec(t.kind).row_noun
    if noun != "row" and t.change not in ("added", "removed"):
        return _definition_lines(t, noun)
    role = f" [{t.role}]" if t.role else ""
    if t.change in ("added", "removed"):
        name = " ".join(x for x in ("Table", t.table or "(unnumbered)", t.title) if x)
        return [f"  {name}{role}: {t.change}"]
    number = f"{t.old_number} -> {t.new_number}" if t.change == "renumbered" else (t.table or "(unnumbered)")
    lines = [f"  Table {number} {t.title}{role}" + (": renumbered" if t.change == "renumbered" else "")]
    lines.extend(f"    + row {_name(r.key, r.name)}" for r in t.rows_added)
    lines.extend(f"    - row {_name(r.key, r.name)}" for r in t.rows_removed)
    lines.extend(
        f"    ~ renamed {r.key}: {r.old_name!r} -> {r.name!r}{_TYPO if r.typography_only else ''}"
        for r in t.rows_renamed
    )
    for r in t.rows_moved:
        lines.append(f"    > moved {_name(r.key, r.name)}: {_position(r.old_index)} -> {_position(r.new_index)}")
    lines.extend(
        f"    * {_name(c.key, c.name)} [{c.column}]: {c.old} -> {c.new}{_TYPO if c.typography_only else ''}"
        for c in t.cells_changed
    )
    lines.extend(f"    + column {c}" for c in t.columns_added)
    lines.extend(f"    - column {c}" for c in t.columns_removed)
    lines.extend(
        f"    ~ column {c.index + 1} renamed: {c.old!r} -> {c.new!r}{_TYPO if c.typography_only else ''}"
        for c in t.columns_renamed
    )
    lines += _footers(t.counts, t.stated)
    if t.check_old or t.check_new:
        lines.append("    check " + _mismatches(old_label, t.check_old) + " | " + _mismatches(new_label, t.check_new))
    return lines


def _values(label: str, vs: tuple[ValueChange, ...], show_values: bool) -> list[str]:
    if not vs:
        return []
    out = [f"    {label} ({len(vs)}):"]
    for v in vs:
        where = f" [{v.column}]" if v.column else ""
        change = f": {v.old} -> {v.new}" if show_values else ""
        who = v.key if v.old is not None and v.new is not None and not v.column else _name(v.key, v.name)
        out.append(f"      {who}{where}{change}{_TYPO if v.typography_only else ''}")
    return out


def _with_printed(lines: list[str], r: RoleSummary, tables: Sequence[TableChange]) -> list[str]:
    """The role's first line with the Total Tests its tables *print*, where that
    changed otherwise than the rows' count (a drafter correcting a total, 23 -> 20,
    while the rows go 18 -> 20): the role summary must not hide it."""
    printed = [
        (t.table, f.old, f.new)
        for t in tables
        if t.table in r.tables
        for f in t.stated
        if is_total_tests(f.row) and f.old != f.new
    ]
    counted_change = (r.total_tests_new or 0) - (r.total_tests_old or 0)
    if not printed or not lines or sum((new or 0) - (old or 0) for _, old, new in printed) == counted_change:
        return lines
    notes = ", ".join(f"Table {t} {old} -> {new}" for t, old, new in printed)
    return [f"{lines[0]}; printed Total Tests: {notes}", *lines[1:]]


def _role_lines(r: RoleSummary) -> list[str]:
    name = ROLE_NAMES.get(r.role, "")
    tables = ", ".join(r.tables)
    if r.total_tests_old is not None or r.total_tests_new is not None:
        delta = r.total_tests_change
        sign = f" ({delta:+d})" if delta else ""
        totals = f"Total Tests {r.total_tests_old} -> {r.total_tests_new}{sign}"
    else:
        totals = "no Total Tests"
    if not r.has_changes:
        if r.total_tests_old != r.total_tests_new and None not in (r.total_tests_old, r.total_tests_new):
            # no row or value changed, yet the printed total did (a drafter's correction): never "no change"
            return [f"  {r.role} {name} ({tables}): no row or value change, but the printed {totals}"]
        return [f"  {r.role} {name} ({tables}): no change; {totals}"]
    lines = [f"  {r.role} {name} ({tables}): {totals}"]
    lines += _values("became mandatory", r.became_mandatory, True)
    lines += _values("stopped being mandatory", r.stopped_mandatory, True)
    lines += _values("other value changes", r.other_values, True)
    lines += _values("rows added", r.rows_added, False)
    lines += _values("rows removed", r.rows_removed, False)
    lines += _values("renamed", r.rows_renamed, True)
    lines += _values("rows moved", r.rows_moved, False)
    return lines


def _reference_line(p: ReferenceProblem) -> str:
    if p.problem == "missing":
        what = f"{p.target} no longer exists" + (f" (what it named is now {p.suggested})" if p.suggested else "")
    else:
        what = f"{p.target} now holds something else" + (
            f"; what it named is now {p.suggested}" if p.suggested else "; what it named was removed"
        )
    return f"  section {p.section}: \"{p.text}\": {what}\n      {p.context}"


def annex_check_report(
    source: str,
    findings: Sequence[FigureFinding],
    confirmed: Mapping[FigureFinding, int | None] | None = None,
    *,
    against: str | None = None,
) -> str:
    """What ``redline check ANNEX`` prints: each footer figure of an amended table
    whose change its amended rows do not explain, as a correction or an error."""
    lines = []
    for f in findings:
        where = f"Table {f.table} {f.row}" + (f" [{f.column}]" if f.column != "Total" else "")
        note = ""
        if confirmed is not None and f in confirmed:
            given = confirmed[f]
            note = (
                f" (confirmed: {against} states {f.old}, its rows give {given})"
                if given is not None
                else f" (NOT confirmed: {against}'s figure agrees with its rows)"
            )
        lines.append(f"{f.kind:<11} {where}: {f.old} -> {f.new}: {f.reason}{note}")
    errors = sum(1 for f in findings if f.kind == "error")
    corrections = len(findings) - errors
    if not findings:
        verdict = "every footer figure of the amended tables changes as the amended rows say"
    else:
        verdict = f"{errors} error(s), {corrections} correction(s) to confirm"
    tail = "" if against else f"; apply it to be sure: redline check {source} --against BASE"
    lines.append(f"{source}: an annex: footer figures against the amended rows: {verdict}{tail}")
    return "\n".join(lines) + "\n"


def reference_lines(problems: Iterable[ReferenceProblem]) -> list[str]:
    """The cross-reference problems as ``redline diff`` prints them (two lines each)."""
    return [line for p in problems for line in _reference_line(p).split("\n")]


def _label(source: str, version: str | None) -> str:
    return f"SEC {version}" if version else source


def _printed_only(result: DiffResult) -> str:
    """The footer figures whose printed value changed while the rows' count did
    not (a drafter correcting a total): listed per table, so counted here too."""
    n = sum(
        len({(f.row, f.column) for f in t.stated} - {(f.row, f.column) for f in t.counts}) for t in result.tables
    )
    return f" ({n} more changed only as printed)" if n else ""


def _apart(c: dict[str, int], field: str, noun: str) -> str:
    """"2 renamed, 7 typography-only": the typography-only ones counted apart."""
    typo = c[f"{field}_typography_only"]
    if not typo:
        return f"{c[field]} {noun}"
    return f"{c[field] - typo} {noun}, {typo} typography-only"


def diff_report(result: DiffResult, *, only: str | None = None) -> str:
    """What ``redline diff`` prints: summary, per role, per table, per section.

    ``only`` ("tables" or "sections", as ``select`` left the result): the half
    left out is said to be "not compared", never counted as 0 changes."""
    old_label = _label(result.old.source, result.old.sec_version)
    new_label = _label(result.new.source, result.new.sec_version)
    c = result.counts()
    lines = [f"{result.old.source} ({old_label}) -> {result.new.source} ({new_label})"]
    if result.is_empty:
        if only == "tables":
            lines.append("no table changes (sections not compared)")
        elif only == "sections":
            lines.append("no section changes (tables not compared)")
        else:
            lines.append("no changes")
        return "\n".join(lines) + "\n"
    sections = "sections not compared" if only == "tables" else f"{c['sections_changed']} sections changed"
    tables = (
        "tables not compared"
        if only == "sections"
        else f"{c['tables_changed']} tables changed: "
        f"{c['rows_added']} rows added, {c['rows_removed']} removed, {_apart(c, 'rows_renamed', 'renamed')}, "
        f"{c['rows_moved']} moved, {_apart(c, 'cells_changed', 'cells changed')}, "
        f"{_apart(c, 'columns_renamed', 'columns renamed') + ', ' if c['columns_renamed'] else ''}"
        f"{c['counts_changed']} footer figures changed"
        f"{_printed_only(result)}"
    )
    references = "references not compared" if only == "tables" else f"{c['references']} reference problems"
    front = (
        f"; {_count(c['front_matter_paragraphs_changed'], 'front-matter paragraph')} changed" if result.front else ""
    )
    lines.append(f"summary: {sections}; {tables}; {references}{front}")
    if result.roles:
        lines += ["", "Per role"]
        for r in result.roles:
            lines += _with_printed(_role_lines(r), r, result.tables)
    if result.tables:
        lines += ["", "Tables"]
        # A draft still says the version it was made from: tell the two checks apart.
        same = old_label == new_label
        check_labels = (f"old {old_label}", f"new {new_label}") if same else (old_label, new_label)
        for t in result.tables:
            lines += _table_lines(t, *check_labels)
    if result.front:
        lines += ["", "Front matter (the text before the first numbered heading)"]
        lines.extend(_paragraph_line(p) for p in result.front.paragraphs)
    if result.sections:
        lines += ["", "Sections"]
        for s in result.sections:
            lines += _section_lines(s)
    if result.references:
        lines += ["", "References"]
        lines += [_reference_line(p) for p in result.references]
    if result.eligibility_list is not None and (result.eligibility or result.roles):
        lines += ["", *eligibility_lines(result.eligibility, result.eligibility_list,
                                         agreeing="no DUIS matrix row added or removed against the list")]
    return "\n".join(lines) + "\n"
