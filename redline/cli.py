"""The ``redline`` command: argument parsing, exit codes and printing.

Each command is a few lines that call the library and print what it returns.
Any :class:`~redline.errors.RedlineError` becomes one line on stderr and exit
code 2; nothing is written half-way (writers go through ``writers.atomic``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from redline.errors import RedlineError
from redline.model import Document

Handler = Callable[[argparse.Namespace], int]


def _out(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _load(arg: str, args: argparse.Namespace) -> Document:
    """A file path or a stored version's label (see ``redline.inputs``)."""
    from redline.inputs import load

    return load(arg, getattr(args, "db", None))


def cmd_parse(args: argparse.Namespace) -> int:
    from redline.writers import json as jsonw
    from redline.writers import text

    doc = _load(args.file, args)
    _out(jsonw.dumps(jsonw.document_to_dict(doc)) if args.json else text.outline(doc))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from redline.checks import check
    from redline.writers import json as jsonw
    from redline.writers import text

    result = check(_load(args.file, args))
    _out(jsonw.dumps(jsonw.check_to_dict(result)) if args.json else text.check_report(result))
    return 0 if result.ok else 1


def cmd_versions_add(args: argparse.Namespace) -> int:
    from redline.inputs import read_file
    from redline.store import check_date, check_label, opened

    check_label(args.label)
    check_date(args.date)
    doc = read_file(args.file)
    with opened(args.db, create=True) as store:
        status = store.add(doc, args.label, when=args.date, replace=args.replace)
    what = {"added": "stored", "unchanged": "already stored (same file): nothing to do", "replaced": "replaced"}
    _out(f"{args.label}: {what[status]} ({doc.source}, sha256 {doc.sha256[:12]}) in {store.path}\n")
    return 0


def cmd_versions_list(args: argparse.Namespace) -> int:
    from redline.store import opened
    from redline.writers import json as jsonw
    from redline.writers import versions

    with opened(args.db) as store:
        found = store.versions()
    db = str(store.path)
    _out(jsonw.dumps(versions.versions_to_dict(db, found)) if args.json else versions.versions_table(db, found))
    return 0


def cmd_versions_show(args: argparse.Namespace) -> int:
    from redline.errors import StoreError
    from redline.store import opened
    from redline.writers import json as jsonw
    from redline.writers import versions

    with opened(args.db) as store:
        meta = store.get(args.label)
        if meta is None:
            known = ", ".join(store.labels()) or "none"
            raise StoreError(f"{store.path}: no stored version {args.label!r} (stored: {known})")
        doc = store.load(args.label)
    if args.json:
        _out(jsonw.dumps(versions.version_show_dict(meta, doc)))
    else:
        _out(versions.version_show_text(meta, doc))
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    from redline.history import section_history, table_history
    from redline.store import opened
    from redline.writers import json as jsonw
    from redline.writers import versions

    if args.key and not args.table:
        sys.stderr.write("redline: --key goes with --table\n")
        return 2
    with opened(args.db) as store:
        stored = [(v.label, store.load(v.label)) for v in store.versions()]
    if args.section:
        sh = section_history(stored, args.section)
        _out(jsonw.dumps(versions.section_history_to_dict(sh)) if args.json else versions.section_history_text(sh))
        return 0
    th = table_history(stored, args.table, args.key)
    if args.json:
        _out(jsonw.dumps(versions.table_history_to_dict(th, args.key)))
    else:
        _out(versions.table_history_text(th, args.key))
    return 0


def add_db_option(p: argparse.ArgumentParser) -> None:
    """``--db`` after the command too (``redline versions list --db x.db``)."""
    p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="versions database (see redline --help)")


def _add_store_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    versions = sub.add_parser("versions", help="keep parsed SEC versions in the versions database")
    vsub = versions.add_subparsers(dest="versions_command", required=True, metavar="ACTION")
    p = vsub.add_parser("add", help="parse FILE and store it under a label")
    p.add_argument("file", type=Path, help="Appendix R version (.docx, .pdf, or model JSON from parse --json)")
    p.add_argument("--label", required=True, help="version label, e.g. 6.18")
    p.add_argument("--date", help="the version's date, YYYY-MM-DD (orders the history)")
    p.add_argument("--replace", action="store_true", help="store this file even if the label holds another one")
    add_db_option(p)
    p.set_defaults(handler=cmd_versions_add)
    p = vsub.add_parser("list", help="list the stored versions in date/label order")
    p.add_argument("--json", action="store_true", help="print JSON (schema redline.versions/1)")
    add_db_option(p)
    p.set_defaults(handler=cmd_versions_list)
    p = vsub.add_parser("show", help="print a stored version's outline")
    p.add_argument("label", help="version label, e.g. 6.18")
    p.add_argument("--json", action="store_true", help="print JSON (schema redline.version/1)")
    add_db_option(p)
    p.set_defaults(handler=cmd_versions_show)

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
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="read a PDF or DOCX into the document model; print an outline or JSON")
    p.add_argument("file", help="Appendix R version or annex (.docx or .pdf), or a stored version's label")
    p.add_argument("--json", action="store_true", help="print the model as JSON (schema redline.document/1)")
    add_db_option(p)
    p.set_defaults(handler=cmd_parse)

    p = sub.add_parser("check", help="recompute every table's footer counts and totals")
    p.add_argument("file", help="Appendix R version (.docx or .pdf), or a stored version's label")
    p.add_argument("--json", action="store_true", help="print the findings as JSON (schema redline.check/1)")
    add_db_option(p)
    p.set_defaults(handler=cmd_check)

    _add_store_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except RedlineError as exc:
        sys.stderr.write(f"redline: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("redline: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
