"""The ``redline`` command: argument parsing, exit codes and printing.

Each command is a few lines that call the public API (``import redline``:
read, check, diff, plan_annex, write_annex, apply, find_conflicts, the
histories and the store) and print what it returns.
Any :class:`~redline.errors.RedlineError` becomes one line on stderr and exit
code 2; nothing is written half-way (writers go through ``writers.atomic``).
"""

from __future__ import annotations

import argparse
import sys

from redline.errors import RedlineError

TYPE_CHECKING = False  # typing itself is not imported at run time: start-up is paid on every command
if TYPE_CHECKING:  # each command imports what it runs, in its own body: `redline --version` loads nothing more
    from collections.abc import Callable, Sequence
    from pathlib import Path as PathArg  # annotations only: a bare Path( at run time fails mypy

    from redline.checks import TableCheck
    from redline.diff.match import MatchSettings
    from redline.diff.records import ReferenceProblem
    from redline.eligibility import EligibilityList
    from redline.model import Document
    from redline.readers.pdf_settings import PdfSettings
    from redline.versions.apply import ApplyResult

    Handler = Callable[[argparse.Namespace], int]


def _path(text: str) -> PathArg:
    """An argument that names a file (pathlib imported only when a command takes one)."""
    from pathlib import Path

    return Path(text)


def _out(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:  # `redline log > /dev/full`, stdout on a full or vanished disk
        _silence_stdout()
        raise RedlineError(f"standard output: cannot write: {exc.strerror or exc}") from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that what is still buffered does not fail
    again (and print a second error) when Python exits."""
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _load(arg: str, args: argparse.Namespace) -> Document:
    """A file path or a stored version's label (see ``redline.inputs``) in the ``--db`` database."""
    from redline.inputs import load

    return load(arg, getattr(args, "db", None), getattr(args, "document", None), reject=getattr(args, "reject", False),
                pdf=_pdf_settings(args))


def _load_version(arg: str, args: argparse.Namespace) -> Document:
    """A version of Appendix R (not an annex) from a path or a stored label."""
    from redline.inputs import load_version

    return load_version(
        arg, getattr(args, "db", None), getattr(args, "document", None), reject=getattr(args, "reject", False),
        pdf=_pdf_settings(args),
    )


def _pdf_settings(args: argparse.Namespace) -> PdfSettings | None:
    """``--settings FILE``'s [pdf] table, for the commands that take the option."""
    if not getattr(args, "settings", None):
        return None
    from redline.settings import load_settings

    return load_settings(args.settings).pdf


def cmd_parse(args: argparse.Namespace) -> int:
    from redline.writers import json as jsonw
    from redline.writers import text

    doc = _load(args.file, args)
    _out(jsonw.dumps(jsonw.document_to_dict(doc)) if args.json else text.outline(doc))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from redline import check
    from redline.writers import json as jsonw
    from redline.writers import text

    eligibility = _eligibility(args)  # a bad list fails before any reading
    doc = _load(args.file, args)
    if doc.is_annex:
        return _check_annex(doc, args)
    if args.against:
        raise RedlineError(f"{args.file}: --against goes with an annex (this is a version of Appendix R)")
    result = check(doc, eligibility)
    if args.json:
        _out(jsonw.dumps(jsonw.check_to_dict(result)))
    else:  # what the reader doubted (a stale caption, two sections with one number) bears on the check
        _out(text.check_report(result, annex=doc.is_annex) + "".join(f"warning: {w}\n" for w in doc.warnings))
    return 0 if result.ok and not (args.strict and result.eligibility) else 1


def _eligibility(args: argparse.Namespace) -> EligibilityList:
    """The DUIS eligibility list: ``--eligibility FILE``, else the one shipped."""
    from redline.inputs import load_eligibility

    return load_eligibility(args.eligibility)


def _check_annex(annex: Document, args: argparse.Namespace) -> int:
    """An annex's amended footers against its amended rows; with ``--against``, the
    annex applied to that baseline and the result checked in full."""
    from redline.versions.annex_check import check_annex_document
    from redline.writers import json as jsonw
    from redline.writers.annex_check import annex_check_text, annex_check_to_dict

    base = _load_version(args.against, args) if args.against else None
    if base is not None:
        _annex_of(annex, base, args.file, args.against, "give --against the document it amends")
    result = check_annex_document(annex, base)
    _out(jsonw.dumps(annex_check_to_dict(result)) if args.json else annex_check_text(result))
    return 0 if result.ok else 1


def cmd_annex(args: argparse.Namespace) -> int:
    from redline import AnnexOptions, write_annex
    from redline.annex.make import make_annex
    from redline.inputs import is_release
    from redline.totals import totals_lines
    from redline.writers import json as jsonw
    from redline.writers.annex import annex_format
    from redline.writers.atomic import guard_contents
    from redline.writers.text import reference_lines

    annex_format(args.output)  # an unknown suffix fails before any reading
    if args.context < 0:
        raise RedlineError(f"--context must be 0 or more, not {args.context}")
    match = _match_settings(args)  # a wrong settings file fails before any reading
    db = getattr(args, "db", None)
    releases = [is_release(a, db, args.document) for a in (args.old, args.new)]
    if all(releases):
        return _annex_releases(args)
    if any(releases):
        whole, one = (args.old, args.new) if releases[0] else (args.new, args.old)
        raise RedlineError(f"{whole} is a release (several documents) and {one} one document: give two release "
                           "folders or labels, or two versions of one document")
    old, new = _load_version(str(args.old), args), _load_version(str(args.new), args)
    _one_document(old, new)
    options = AnnexOptions(mp=args.mp, title=args.title, version=args.version, against=args.against,
                           context=args.context, group=args.group)
    run = make_annex(old, new, options, full=args.full, correct_totals=args.correct_totals,
                     ignore_typography=args.ignore_typography, settings=match)
    sys.stderr.write("".join(f"redline: warning: {w}\n" for w in run.warnings))
    if run.outcome == "front_only":
        # not "the same content": an annex's instructions name sections and tables, and this text has neither
        _out(f"{old.source} and {new.source} differ only before the first numbered heading ({run.front_paragraphs} "
             "paragraph(s) of front matter), which no 'Amend Section/Table X' instruction can reach: no annex "
             "written; see them with redline diff, or write a whole redlined copy with --full\n")
        return 0
    if run.outcome == "same":
        _out(f"{old.source} and {new.source} have the same content: nothing to amend, no annex written\n")
        return 0
    plan, references = run.plan, run.changes.references
    guard_contents(args.output, (old.sha256, new.sha256))
    author = args.author or _user()
    dest = write_annex(
        plan, args.output, tracked=args.tracked, author=author, inputs=(args.old, args.new), summary=args.summary
    )
    if args.json:
        _out(jsonw.dumps(jsonw.annex_report_to_dict(str(dest), plan, run.wrong, args.correct_totals, references)))
        return 0
    if plan.full:
        _out(f"{dest}: full copy, {plural(len(plan.items), 'section')}; "
             f"{plural(plan.sections_changed, 'section')} and {plural(plan.tables_changed, 'table')} changed\n")
    else:
        # not "(6 sections, 11 tables)": with "Amend Section 1" covering 1.1 and 1.2 the parts would not add up
        _out(f"{dest}: {plural(len(plan.items), 'amendment')}; {plural(plan.sections_changed, 'section')} and "
             f"{plural(plan.tables_changed, 'table')} changed\n")
    lines = totals_lines(run.wrong, corrected=args.correct_totals)
    if references:
        lines.append(f"cross-references to check ({len(references)}), as redline diff finds them:")
        lines += reference_lines(references)
    _out("".join(f"{line}\n" for line in lines))
    return 0


def _annex_of(annex: Document, base: Document, annex_arg: object, base_arg: object, advice: str) -> None:
    """An annex whose parts name other documents than the baseline's (a Section H annex
    against Section A) is refused in one line: applied, it would only miss everywhere."""
    named = sorted({a.document for a in annex.amendments if a.document})
    if base.document and named and named != [base.document]:
        what = "amends " + ", ".join(named) if base.document not in named else f"amends {len(named)} documents"
        raise RedlineError(f"{annex_arg} {what}; {base_arg} is {base.document}: {advice}")


def _one_document(old: Document, new: Document) -> None:
    """Two versions of one document: Section A against Section H is no diff, nor an annex."""
    if old.document and new.document and old.document != new.document:
        raise RedlineError(f"{new.source} is {new.document}, {old.source} is {old.document}: "
                           "not two versions of one document")


def _user() -> str:
    """The person running redline, as the annex's author (``--author`` overrides)."""
    import getpass

    try:
        return getpass.getuser() or "redline"
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "redline"


def plural(n: int, word: str, words: str | None = None) -> str:
    """ "1 amendment", "17 amendments"."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def cmd_versions_add(args: argparse.Namespace) -> int:
    from pathlib import Path

    from redline.inputs import read_file
    from redline.versions.store import check_date, check_label, opened

    check_label(args.label)
    check_date(args.date)
    if Path(args.file).is_dir():  # a release folder: every document in it under the one label
        from redline.inputs import load_release

        if args.document:
            raise RedlineError(f"{args.file}: --document names one file's document, not a release folder's")
        docs = list(load_release(args.file).documents)
    else:
        docs = [read_file(args.file)]
    what = {"added": "stored", "unchanged": "already stored (same file): nothing to do", "replaced": "replaced",
            "repaired": "stored again (the stored copy was damaged)"}
    with opened(args.db, create=True) as store:
        for doc in docs:
            status = store.add(doc, args.label, when=args.date, replace=args.replace, document=args.document)
            named = f" as {doc.document}" if len(docs) > 1 and doc.document else ""
            _out(f"{args.label}: {what[status]}{named} ({doc.source}, sha256 {doc.sha256[:12]}) in {store.path}\n")
    return 0


def cmd_versions_list(args: argparse.Namespace) -> int:
    from redline.versions.store import opened
    from redline.writers import json as jsonw
    from redline.writers import store_report

    with opened(args.db, readonly=True) as store:
        found = store.versions()
    db = str(store.path)
    _out(jsonw.dumps(store_report.versions_to_dict(db, found)) if args.json else store_report.versions_table(db, found))
    return 0


def cmd_versions_check(args: argparse.Namespace) -> int:
    from redline.versions.store import opened
    from redline.writers import json as jsonw
    from redline.writers import store_report

    with opened(args.db, readonly=True) as store:
        found = store.versions()
    db = str(store.path)
    if args.json:
        _out(jsonw.dumps(store_report.versions_check_to_dict(db, found)))
    else:
        _out(store_report.versions_check_text(db, found))
    return 1 if any(v.damaged for v in found) else 0


def cmd_versions_show(args: argparse.Namespace) -> int:
    from redline.errors import StoreError
    from redline.versions.store import opened
    from redline.writers import json as jsonw
    from redline.writers import store_report

    with opened(args.db, readonly=True) as store:
        meta = store.get(args.label, args.document)
        if meta is None:
            known = ", ".join(store.labels()) or "none"
            raise StoreError(f"{store.path}: no stored version {args.label!r} (stored: {known})")
        doc = store.load(args.label, args.document)
    if args.json:
        _out(jsonw.dumps(store_report.version_show_dict(meta, doc)))
    else:
        _out(store_report.version_show_text(meta, doc))
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    from redline import opened, section_history, table_history
    from redline.writers import json as jsonw
    from redline.writers import store_report

    if args.key and not args.table:
        sys.stderr.write("redline: --key goes with --table\n")
        return 2
    with opened(args.db, readonly=True) as store:
        everything = [(v.label, v.document, store.load(v.label, v.document or None)) for v in store.versions()]
    stored = [(label, doc) for label, name, doc in everything if name == _log_document(args, everything)]
    labels = ", ".join(label for label, _ in stored) or "none"
    if args.section:
        if not any(doc.section(args.section) is not None for _, doc in stored):
            raise RedlineError(f"no Section {args.section} in any stored version ({labels})")
        sh = section_history(stored, args.section)
        report = store_report.section_history_to_dict(sh) if args.json else None
        _out(jsonw.dumps(report) if report is not None else store_report.section_history_text(sh))
        return 0
    if not any(doc.table(args.table) is not None for _, doc in stored):
        raise RedlineError(f"no Table {args.table} in any stored version ({labels})")
    th = table_history(stored, args.table, args.key)
    if args.key and not th.rows:
        raise RedlineError(f"no row keyed {args.key} in Table {args.table} in any stored version ({labels})")
    if args.json:
        _out(jsonw.dumps(store_report.table_history_to_dict(th, args.key)))
    else:
        _out(store_report.table_history_text(th, args.key))
    return 0


def _log_document(args: argparse.Namespace, stored: list[tuple[str, str, Document]]) -> str:
    """The document whose history ``log`` tells: ``--document``, else the one stored
    document that has the section or table asked about (a release holds several)."""
    names = list(dict.fromkeys(name for _, name, _ in stored))
    if args.document:
        from redline.numbering import document_name

        found = document_name(args.document)
        return found[0] if found else args.document
    if len(names) <= 1:
        return names[0] if names else ""
    holding = [n for n in names if any(
        name == n and (doc.section(args.section) if args.section else doc.table(args.table)) is not None
        for _, name, doc in stored)]
    if len(holding) == 1:
        return holding[0]
    raise RedlineError(f"the stored versions are of {len(names)} documents ({', '.join(n or '?' for n in names)}): "
                       "say which with --document")


def cmd_apply(args: argparse.Namespace) -> int:
    from pathlib import Path

    from redline import apply, check
    from redline.errors import RenderError
    from redline.inputs import is_release
    from redline.writers import apply_report, text
    from redline.writers import json as jsonw

    out = Path(args.output)
    if is_release(args.to, getattr(args, "db", None), args.document):
        return _apply_to_release(args)
    if out.suffix.casefold() not in (".docx", ".json"):
        raise RenderError(f"{out}: apply writes .docx (or .json, the model)")
    annex = _load(args.annex, args)
    if not annex.amendments:
        raise RedlineError(f"{args.annex}: no 'Amend … as follows:' instructions: not an annex")
    base = _load_version(args.to, args)  # an annex as the baseline: one line, exit 2
    _annex_of(annex, base, args.annex, args.to, "give --to a release folder or label holding each document it amends")
    result = apply(base, annex)
    inputs = [Path(a) for a in (args.annex, args.to) if Path(a).exists()]
    written = None
    if result.ok or args.force:
        from redline.writers.atomic import guard_contents

        guard_contents(out, (annex.sha256, base.sha256))
        _write_draft(base, result, out, inputs, args.sec_version)
        written = str(out)
    totals = check(result.document)
    if args.json:
        report = apply_report.plan_to_dict(annex.source, base.source, result.plan, written)
        report["check"] = jsonw.check_to_dict(totals)
        _out(jsonw.dumps(report))
    else:
        _out(apply_report.plan_text(annex.source, base.source, result.plan, every_edit=args.list,
                                    written=written is not None))
        if written is None:
            n = len(result.plan.mismatches)
            _out(f"nothing written: {plural(n, 'amendment')} {'does' if n == 1 else 'do'} not match "
                 "(--force writes anyway)\n")
            return 1
        _out(f"wrote {written}\n")
        _out(text.check_report(totals))
    if written is None:
        return 1
    return 0 if totals.ok else 1


def _apply_to_release(args: argparse.Namespace) -> int:
    """``apply ANNEX --to FOLDER -o OUTDIR``: each document the annex amends gets its own
    draft in OUTDIR, named after its baseline's file, amended in place as a single one is."""
    from pathlib import Path

    from redline import apply, check
    from redline.inputs import load_release
    from redline.versions.release import split_annex
    from redline.writers import apply_report, text
    from redline.writers.atomic import guard_contents

    out = Path(args.output)
    if out.suffix.casefold() in (".docx", ".json", ".pdf") or (out.exists() and not out.is_dir()):
        raise RedlineError(f"{out}: with a release folder as --to, -o is a folder (one draft per document)")
    annex = _load(args.annex, args)
    if not annex.amendments:
        raise RedlineError(f"{args.annex}: no 'Amend … as follows:' instructions: not an annex")
    release = load_release(args.to, getattr(args, "db", None))
    parts = split_annex(annex, release)
    results = [(base, apply(base, part)) for base, part in parts]
    failed = [base for base, r in results if not r.ok]
    ok = not failed or args.force
    code = 0
    for base, result in results:
        target = out / (Path(base.source).stem + ".docx")
        written = ok
        _out(apply_report.plan_text(annex.source, base.source, result.plan, every_edit=args.list, written=written))
        if not written:
            continue
        out.mkdir(parents=True, exist_ok=True)
        guard_contents(target, (annex.sha256, base.sha256))
        _write_draft(base, result, target, [Path(args.annex), Path(base.source)], args.sec_version)
        _out(f"wrote {target}\n")
        totals = check(result.document)
        _out(text.check_report(totals))
        code = code or (0 if totals.ok else 1)
    if not ok:
        _out(f"nothing written: {', '.join(b.document or b.source for b in failed)} do(es) not match "
             "(--force writes anyway)\n")
        return 1
    return code


def _annex_releases(args: argparse.Namespace) -> int:
    """``annex OLD_FOLDER NEW_FOLDER -o mp.docx``: one Annex A, a part per changed document in SEC order."""
    from pathlib import Path

    from redline import AnnexOptions, diff, plan_annex, write_annex
    from redline.annex.plan import combine_plans
    from redline.inputs import load_release
    from redline.totals import totals_lines, wrong_totals
    from redline.versions.release import pair_releases
    from redline.writers import json as jsonw
    from redline.writers.atomic import guard_contents
    from redline.writers.text import reference_lines

    if args.full or args.correct_totals:
        raise RedlineError("--full and --correct-totals take one document, not release folders")
    db = getattr(args, "db", None)
    old, new = load_release(args.old, db), load_release(args.new, db)
    options = AnnexOptions(mp=args.mp, title=args.title, version=args.version, against=args.against,
                           context=args.context, group=args.group)
    plans = []
    wrong: list[TableCheck] = []
    references: list[ReferenceProblem] = []
    for a, b in pair_releases(old, new):
        changes = diff(a, b)
        one = plan_annex(a, b, changes, options)
        plans.append(one)
        amended = {t.new_number for t in changes.tables if t.new_number}
        amended |= {i.target.number for i in one.items if i.target.kind == "table"}
        wrong.extend(wrong_totals(b, amended))  # as for one document: NEW's figures its rows do not give
        references.extend(changes.references)
    plan = combine_plans(plans, options, (old.source, new.source))
    if not plan.items:
        _out(f"{old.source} and {new.source} have the same content: nothing to amend, no annex written\n")
        return 0
    guard_contents(args.output, tuple(d.sha256 for r in (old, new) for d in r.documents))
    dest = write_annex(plan, args.output, tracked=args.tracked, author=args.author or _user(),
                       inputs=tuple(Path(d.source) for r in (old, new) for d in r.documents), summary=args.summary)
    if args.json:
        report = jsonw.annex_report_to_dict(str(dest), plan, wrong, False, references)
        report["parts"] = [heading for _, heading in plan.parts]
        _out(jsonw.dumps(report))
        return 0
    parts = ", ".join(heading for _, heading in plan.parts)
    _out(f"{dest}: {plural(len(plan.items), 'amendment')} in {plural(len(plan.parts), 'part')} ({parts}); "
         f"{plural(plan.sections_changed, 'section')} and {plural(plan.tables_changed, 'table')} changed\n")
    lines = totals_lines(wrong, corrected=False)
    if references:
        lines.append(f"cross-references to check ({len(references)}), as redline diff finds them:")
        lines += reference_lines(references)
    _out("".join(f"{line}\n" for line in lines))
    return 0


def _write_draft(
    base: Document, result: ApplyResult, out: PathArg, inputs: list[PathArg], version: str | None
) -> None:
    """The model (.json), or the baseline's own DOCX with the edits made in it; rebuilt (and
    said so) when that cannot be done."""
    from redline.draft import REBUILT, write_result

    why = write_result(base, result, out, inputs, version=version)
    if why is not None:
        sys.stderr.write(f"redline: note: {why}: {REBUILT}\n")  # once written: a refused write says only why


def cmd_conflicts(args: argparse.Namespace) -> int:
    from redline import find_conflicts
    from redline.inputs import is_release, load_annex, load_release
    from redline.writers import apply_report
    from redline.writers import json as jsonw

    db = getattr(args, "db", None)
    first, second = load_annex(args.first, db), load_annex(args.second, db)
    if is_release(args.base, db, args.document):
        from redline.versions.release import release_conflicts

        report = release_conflicts(load_release(args.base, db), first, second)
    else:
        base = _load_version(args.base, args)
        for annex, arg in ((first, args.first), (second, args.second)):
            _annex_of(annex, base, arg, args.base, "give --base the document they amend, or a release")
        report = find_conflicts(base, first, second)
    _out(jsonw.dumps(apply_report.conflicts_to_dict(report)) if args.json else apply_report.conflicts_text(report))
    return 0 if report.ok else 1


def add_reject_option(p: argparse.ArgumentParser) -> None:
    """``--reject``: a DOCX's tracked changes read as rejected (default: accepted)."""
    p.add_argument("--reject", action="store_true", help="read a DOCX's tracked changes as rejected, not accepted")


def add_db_option(p: argparse.ArgumentParser) -> None:
    """``--db`` after the command too (``redline versions list --db x.db``)."""
    p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="versions database (see redline --help)")
    p.add_argument("--document", metavar="NAME", default=None,
                   help="which SEC document ('Section H', 'Appendix R'): picks one of a release label's documents; "
                        "names a file's document when its cover does not")


def cmd_versions_remove(args: argparse.Namespace) -> int:
    from redline.errors import StoreError
    from redline.versions.store import opened

    with opened(args.db) as store:
        if not store.remove(args.label, args.document):
            known = ", ".join(store.labels()) or "none"
            raise StoreError(f"{store.path}: no stored version {args.label!r} (stored: {known})")
    _out(f"{args.label}: removed from {store.path}\n")
    return 0


def _add_store_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    versions = sub.add_parser("versions", help="keep parsed SEC versions in the versions database")
    vsub = versions.add_subparsers(dest="versions_command", required=True, metavar="ACTION")
    p = vsub.add_parser("add", help="parse FILE and store it under a label")
    p.add_argument("file", type=_path, help="an SEC document's version (.docx, .pdf, or model JSON from parse --json), "
                                           "or a release folder of them")
    p.add_argument("--label", required=True, help="version label, e.g. 6.18")
    p.add_argument("--date", help="the version's date, YYYY-MM-DD (orders the history)")
    p.add_argument("--replace", action="store_true", help="store this file even if the label holds another one")
    add_db_option(p)
    p.set_defaults(handler=cmd_versions_add)
    p = vsub.add_parser("list", help="list the stored versions in date/label order")
    p.add_argument("--json", action="store_true", help="print JSON (schema redline.versions/1)")
    add_db_option(p)
    p.set_defaults(handler=cmd_versions_list)
    p = vsub.add_parser("check", help="verify every stored version against its checksum (exit 1 if one is damaged)")
    p.add_argument("--json", action="store_true", help="print JSON (schema redline.versions-check/1)")
    add_db_option(p)
    p.set_defaults(handler=cmd_versions_check)
    p = vsub.add_parser("show", help="print a stored version's outline")
    p.add_argument("label", help="version label, e.g. 6.18")
    p.add_argument("--json", action="store_true", help="print JSON (schema redline.version/1)")
    add_db_option(p)
    p.set_defaults(handler=cmd_versions_show)
    p = vsub.add_parser("remove", help="forget a stored version")
    p.add_argument("label", help="version label, e.g. 6.18")
    add_db_option(p)
    p.set_defaults(handler=cmd_versions_remove)

    p = sub.add_parser(
        "log", help="when each row of a table, or a section, appeared, changed or went (stored versions)"
    )
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--table", metavar="NUMBER", help="table number, e.g. 8.1.10")
    what.add_argument("--section", metavar="NUMBER", help="section number, e.g. 5.4")
    p.add_argument("--key", help="only the rows with this key (SR variant, alert code), with --table")
    p.add_argument("--json", action="store_true", help="print JSON (schema redline.log/1)")
    add_db_option(p)
    p.set_defaults(handler=cmd_log)

    p = sub.add_parser("apply", help="apply an annex's amendments to a baseline and write the consolidated version")
    p.add_argument("annex", help="the annex (.docx, .pdf, or a stored label)")
    p.add_argument("--to", required=True, metavar="BASE",
                   help="the baseline: a stored label (6.18), a file, or a release folder (one draft per document)")
    p.add_argument("-o", "--output", required=True,
                   help="where to write the consolidated version (.docx or .json; a folder with a release folder)")
    p.add_argument("--force", action="store_true", help="write even when some amendments do not match the baseline")
    p.add_argument("--list", action="store_true", help="list every edit, not a summary per section and table")
    p.add_argument("--json", action="store_true", help="print the edits, mismatches and totals check as JSON")
    p.add_argument(
        "--version",
        dest="sec_version",
        metavar="SEC_VERSION",
        help="the SEC version the draft's cover states, e.g. 6.19 (default: the baseline's, unchanged)",
    )
    add_db_option(p)
    p.set_defaults(handler=cmd_apply)

    p = sub.add_parser("conflicts", help="places that two annexes drafted against one baseline both amend")
    p.add_argument("first", help="first annex (.docx, .pdf)")
    p.add_argument("second", help="second annex (.docx, .pdf)")
    p.add_argument("--base", required=True, help="the baseline both were drafted against: a label or a file")
    p.add_argument("--json", action="store_true", help="print JSON (schema redline.conflicts/1)")
    add_db_option(p)
    p.set_defaults(handler=cmd_conflicts)


def cmd_diff(args: argparse.Namespace) -> int:
    from redline import diff, select
    from redline.diff import known_role, with_eligibility
    from redline.writers import json as jsonw
    from redline.writers import text

    if args.role is not None:
        known_role(args.role)  # before reading: a mistyped role fails at once
    match = _match_settings(args)
    eligibility = _eligibility(args)
    old, new = _load_version(args.old, args), _load_version(args.new, args)
    _one_document(old, new)
    result = with_eligibility(diff(old, new, ignore_typography=args.ignore_typography, settings=match), eligibility)
    result = select(result, only=args.only, role=args.role)
    if args.json:
        _out(jsonw.dumps(jsonw.diff_to_dict(result)))
    else:  # what a reader doubted (a stale caption, two sections with one number) bears on the pairing
        doubts = [f"warning: {doc.source}: {w}\n" for doc in (old, new) for w in doc.warnings]
        _out(text.diff_report(result, only=args.only) + "".join(doubts))
    return 1 if args.strict and result.eligibility else 0


def _match_settings(args: argparse.Namespace) -> MatchSettings:
    """The matcher's settings: ``--settings FILE``'s [match] table, else the defaults."""
    from redline.diff.match import SETTINGS

    if not args.settings:
        return SETTINGS
    from redline.settings import load_settings  # tomllib and the PDF settings: only for --settings

    return load_settings(args.settings).match


def add_settings_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--settings", metavar="FILE",
                   help="TOML settings file: its [match] table sets the matcher's thresholds (docs/diff.md), its [pdf] "
                        "table the PDF reader's tolerances (docs/pdf.md)")


def cmd_review(args: argparse.Namespace) -> int:
    """The review page (and/or its JSON) of OLD → NEW, or of ANNEX applied to --against BASE."""
    from pathlib import Path

    from redline import review
    from redline.errors import RenderError
    from redline.inputs import stored_versions
    from redline.writers.atomic import guard_contents
    from redline.writers.json import dumps
    from redline.writers.review_html import write_review_html
    from redline.writers.review_json import review_to_dict

    out = Path(args.output) if args.output else None
    if out is None and not args.json:
        raise RedlineError("review: give -o REVIEW.html, or --json")
    if out is not None and out.suffix.casefold() not in (".html", ".htm"):
        raise RenderError(f"{out}: review writes .html")
    eligibility = _eligibility(args)
    db = getattr(args, "db", None)
    if args.against:
        if args.new is not None:
            raise RedlineError(f"review {args.old} --against {args.against}: one annex, no second version")
        annex = _load(args.old, args)
        if not annex.is_annex:
            raise RedlineError(f"{args.old}: no 'Amend … as follows:' instructions: not an annex (review OLD NEW)")
        base = _load_version(args.against, args)
        _annex_of(annex, base, args.old, args.against, "give --against the document it amends")
        result = review(base, annex=annex, eligibility=eligibility, stored=stored_versions(db, [base.sha256]))
        sources, hashes = (args.old, args.against), (annex.sha256, base.sha256)
    else:
        if args.new is None:
            first = _load(args.old, args)
            what = "an annex: review it with --against BASE" if first.is_annex else "give the new version too"
            raise RedlineError(f"{args.old}: {what} (redline review OLD NEW -o review.html)")
        old, new = _load_version(args.old, args), _load_version(args.new, args)
        _one_document(old, new)
        result = review(old, new, eligibility=eligibility, stored=stored_versions(db, [old.sha256, new.sha256]))
        sources, hashes = (args.old, args.new), (old.sha256, new.sha256)
    if out is not None:
        guard_contents(out, hashes)
        write_review_html(result, out, tuple(Path(a) for a in sources if Path(a).exists()))
    if args.json:
        _out(dumps(review_to_dict(result)))
    elif out is not None:
        flagged = sum(r.flagged for r in result.roles)
        reviewed = result.annex.file_name if result.annex else result.new.file_name
        _out(f"{out}: review of {result.old.file_name} -> {reviewed}: "
             f"{plural(len(result.diff.sections), 'section')} and "
             f"{plural(sum(1 for t in result.diff.tables if t.has_changes), 'table')} changed; "
             f"{plural(flagged, 'stated figure')} the rows do not give; "
             f"{plural(len(result.eligibility), 'eligibility note')}\n")
        if result.annex_checks and result.annex_checks.apply_mismatches:
            n = len(result.annex_checks.apply_mismatches)
            _out(f"{plural(n, 'amendment')} of {result.annex.file_name if result.annex else ''} "
                 f"{'does' if n == 1 else 'do'} not match {result.old.file_name} and "
                 f"{'is' if n == 1 else 'are'} left out: see the page's checks\n")
    return 0


def _add_eligibility_options(p: argparse.ArgumentParser, otherwise: str) -> None:
    p.add_argument("--eligibility", metavar="FILE",
                   help="DUIS eligibility list (TSV: which User Roles may send each Service Request); "
                        "default: the list shipped with redline")
    p.add_argument("--strict", action="store_true",
                   help=f"exit 1 on an eligibility note too (otherwise only {otherwise} does)")


_IGNORE_TYPOGRAPHY = "leave out changes of dashes, quotes, spacing or case alone (renames, cells, paragraphs)"


class _Version(argparse.Action):
    """``--version``: one line, without argparse's help formatter (which loads
    shutil and textwrap to wrap a line that never needs wrapping)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        from redline import __version__

        sys.stdout.write(f"redline {__version__}\n")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="redline",
        description="Read, check, diff and redline the SEC's Appendix R (PDF or DOCX).",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="versions database (default: $REDLINE_DB, else .redline/versions.db in the current folder)",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="print redline's version and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="read a PDF or DOCX into the document model; print an outline or JSON")
    p.add_argument("file", help="Appendix R version or annex (.docx or .pdf), or a stored version's label")
    p.add_argument("--json", action="store_true", help="print the model as JSON (schema redline.document/1)")
    add_reject_option(p)
    add_db_option(p)
    p.set_defaults(handler=cmd_parse)

    p = sub.add_parser("check", help="recompute every table's footer counts and totals")
    p.add_argument("file", help="Appendix R version or annex (.docx or .pdf), or a stored version's label")
    p.add_argument(
        "--against",
        metavar="BASE",
        help="for an annex: apply it to this baseline (a label or a file) and check the result in full",
    )
    p.add_argument("--json", action="store_true", help="print the findings as JSON (schema redline.check/1)")
    add_reject_option(p)
    _add_eligibility_options(p, "a mismatch")
    add_db_option(p)
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser(
        "annex",
        help="render the Annex A: 'Amend Section/Table X as follows:' + redlined content",
        description="Render the Annex A from two versions of Appendix R, each a file (.docx, .pdf) or a stored "
        "version's label (redline annex 6.18 6.19 -o annex.docx).",
    )
    p.add_argument(
        "old", type=_path, help="the version the changes are drafted against (.docx or .pdf, or a stored label: 6.18)"
    )
    p.add_argument("new", type=_path, help="the amended version (.docx or .pdf, or a stored label: 6.19)")
    p.add_argument("-o", "--output", type=_path, required=True, help="annex to write: .docx, .html or .pdf")
    p.add_argument("--tracked", action="store_true", help="DOCX/PDF: real Word revisions instead of coloured marks")
    p.add_argument("--mp", default="", help="modification name for the title block, e.g. MP089")
    p.add_argument("--title", default="", help="modification title (default: 'Changes to <document title>')")
    p.add_argument("--version", default="1.0", help="the annex's version: 'Legal text – version N' (default 1.0)")
    p.add_argument("--against", default="", help="SEC version drafted against (default: the old document's)")
    p.add_argument("--context", type=int, default=1, help="unchanged table rows shown around each change (default 1)")
    p.add_argument("--group", choices=("sections", "none"), default="sections",
                   help="sections (default): one 'Amend Section N' over N's subsections when all changed, as MP089; "
                        "none: one instruction per section")
    p.add_argument(
        "--author",
        default=None,
        help="the document's author, and the revisions' with --tracked (default: your user name)",
    )
    p.add_argument("--full", action="store_true", help="the whole new version with every change marked, not an annex")
    p.add_argument(
        "--correct-totals",
        action="store_true",
        help="where the new version's footer figures are not what its rows give, show the computed figures "
        "as the new ones (stated struck, computed inserted)",
    )
    p.add_argument("--json", action="store_true", help="print a JSON report (schema redline.annex/1)")
    add_reject_option(p)
    p.add_argument(
        "--no-summary", dest="summary", action="store_false", help="HTML: leave out the summary panel"
    )
    p.add_argument("--ignore-typography", action="store_true", help=_IGNORE_TYPOGRAPHY)
    add_settings_option(p)
    add_db_option(p)
    p.set_defaults(handler=cmd_annex)

    p = sub.add_parser("diff", help="semantic diff of two versions: sections, tables, rows, counts, per role")
    p.add_argument("old", help="the earlier version (.docx or .pdf, or a stored label)")
    p.add_argument("new", help="the later version (.docx or .pdf, or a stored label)")
    p.add_argument("--json", action="store_true", help="print the changes as JSON (schema redline.diff/1)")
    add_reject_option(p)
    p.add_argument("--only", choices=("tables", "sections"), help="report only table or only section changes")
    p.add_argument("--role", help="only this User Role's tables and summary (IS ES GS RSA ED GT OU)")
    p.add_argument("--ignore-typography", action="store_true", help=_IGNORE_TYPOGRAPHY)
    add_settings_option(p)
    _add_eligibility_options(p, "nothing")
    add_db_option(p)
    p.set_defaults(handler=cmd_diff)

    p = sub.add_parser(
        "review",
        help="one HTML page for reviewers: per User Role totals old -> new, checks, sections, history",
        description="Write the review page of OLD -> NEW (files or stored labels), or of ANNEX applied to "
        "--against BASE and reviewed against BASE: per role Total Tests and counts, stated and computed, "
        "the rows changed, eligibility notes, every table's check, each changed section's redline.",
    )
    p.add_argument("old", help="the earlier version, or the annex with --against (.docx, .pdf or a stored label)")
    p.add_argument("new", nargs="?", help="the later version (.docx, .pdf or a stored label); not with --against")
    p.add_argument("--against", metavar="BASE", help="review the annex applied to this baseline (a label or a file)")
    p.add_argument("-o", "--output", help="the page to write (.html): self-contained, no network")
    p.add_argument("--json", action="store_true", help="print the same content as JSON (schema redline.review/1)")
    p.add_argument("--eligibility", metavar="FILE",
                   help="DUIS eligibility list (TSV); default: the list shipped with redline")
    add_db_option(p)
    p.set_defaults(handler=cmd_review)

    _add_store_commands(sub)
    _add_debug_pdf(sub)
    return parser


def _add_debug_pdf(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "debug-pdf",
        help="draw what the PDF reader found on one page (lines, edges, cells, furniture) into a PNG",
    )
    p.add_argument("file", type=_path, help="the PDF")
    p.add_argument("--page", type=int, default=1, help="page number, from 1 (default 1)")
    p.add_argument("-o", "--output", type=_path, required=True, help="PNG to write")
    p.set_defaults(handler=cmd_debug_pdf)


def cmd_debug_pdf(args: argparse.Namespace) -> int:
    """Draw one page as the PDF reader sees it (redline.readers.pdf_debug)."""
    from redline.readers import sniff

    kind, data = sniff(args.file)
    if kind != "pdf":
        raise RedlineError(f"{args.file}: not a PDF (debug-pdf draws what the PDF reader finds on a page)")
    import hashlib

    from redline.readers.pdf_debug import draw_page

    d = draw_page(args.file, data, hashlib.sha256(data).hexdigest(), args.page, args.output)
    _out(f"page {d.page} of {d.pages}: {d.glyphs} glyphs; {d.lines} lines of text, {d.furniture} dropped as "
         f"furniture (grey); {d.ruled_tables} ruled tables, {d.cells} cells (blue); {d.aligned_tables} tables "
         f"from aligned text (cyan); {d.edges} edges (red), {d.strokes} strike/underline strokes (magenta), "
         f"{d.marked} marked glyphs\nwrote {args.output}\n")
    return 0


class Terminated(BaseException):
    """SIGTERM, raised where the program stands so that temporary files and
    folders are removed and a child (LibreOffice) is stopped, as on Ctrl-C."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> int:
    import signal

    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread (an embedding program): its own handling stays
        previous = None
    try:
        return _run(handler, args)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(handler: Handler, args: argparse.Namespace) -> int:
    try:
        return handler(args)
    except Terminated:
        sys.stderr.write("redline: terminated\n")
        return 143
    except RedlineError as exc:
        sys.stderr.write(f"redline: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("redline: interrupted\n")
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as exc:  # a last net: the system refused a file no module turned into a RedlineError
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"redline: {where}{exc.strerror or exc}\n")
        return 2
