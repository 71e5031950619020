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


def cmd_parse(args: argparse.Namespace) -> int:
    from redline.readers import read
    from redline.writers import json as jsonw
    from redline.writers import text

    doc = read(args.file)
    _out(jsonw.dumps(jsonw.document_to_dict(doc)) if args.json else text.outline(doc))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from redline.checks import check
    from redline.readers import read
    from redline.writers import json as jsonw
    from redline.writers import text

    result = check(read(args.file))
    _out(jsonw.dumps(jsonw.check_to_dict(result)) if args.json else text.check_report(result))
    return 0 if result.ok else 1


def cmd_annex(args: argparse.Namespace) -> int:
    from redline.annex import AnnexOptions, plan_annex
    from redline.annex_full import plan_full
    from redline.diff import diff
    from redline.writers.annex import annex_format, write_annex

    annex_format(args.output)  # an unknown suffix fails before any reading
    if args.context < 0:
        raise RedlineError(f"--context must be 0 or more, not {args.context}")
    old, new = _load(str(args.old)), _load(str(args.new))
    options = AnnexOptions(mp=args.mp, title=args.title, version=args.version, against=args.against,
                           context=args.context)
    plan = (plan_full if args.full else plan_annex)(old, new, diff(old, new), options)
    dest = write_annex(plan, args.output, tracked=args.tracked, author=args.author, inputs=(args.old, args.new))
    tables = sum(1 for i in plan.items if i.target.kind == "table")
    if plan.full:
        _out(f"{dest}: full copy, {len(plan.items)} sections, {plan.sections_changed} changed\n")
    else:
        _out(f"{dest}: {len(plan.items)} amendments ({plan.sections_changed} sections, {tables} tables)\n")
    return 0


def _load(arg: str) -> Document:
    """A document from a path, or from a stored label once ``redline.inputs`` exists."""
    try:
        from redline import inputs  # type: ignore[attr-defined, unused-ignore]
    except ImportError:
        from redline.readers import read

        return read(arg)
    loaded: Document = inputs.load(arg)
    return loaded


def cmd_diff(args: argparse.Namespace) -> int:
    from redline.diff import diff, select
    from redline.writers import json as jsonw
    from redline.writers import text

    result = select(diff(_load(args.old), _load(args.new)), only=args.only, role=args.role)
    _out(jsonw.dumps(jsonw.diff_to_dict(result)) if args.json else text.diff_report(result))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="redline",
        description="Read, check, diff and redline the SEC's Appendix R (PDF or DOCX).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="read a PDF or DOCX into the document model; print an outline or JSON")
    p.add_argument("file", type=Path, help="Appendix R version or annex (.docx or .pdf)")
    p.add_argument("--json", action="store_true", help="print the model as JSON (schema redline.document/1)")
    p.set_defaults(handler=cmd_parse)

    p = sub.add_parser("check", help="recompute every table's footer counts and totals")
    p.add_argument("file", type=Path, help="Appendix R version (.docx or .pdf)")
    p.add_argument("--json", action="store_true", help="print the findings as JSON (schema redline.check/1)")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("annex", help="render the Annex A: 'Amend Section/Table X as follows:' + redlined content")
    p.add_argument("old", type=Path, help="the version the changes are drafted against (.docx or .pdf)")
    p.add_argument("new", type=Path, help="the amended version (.docx or .pdf)")
    p.add_argument("-o", "--output", type=Path, required=True, help="annex to write: .docx, .html or .pdf")
    p.add_argument("--tracked", action="store_true", help="DOCX/PDF: real Word revisions instead of coloured marks")
    p.add_argument("--mp", default="", help="modification name for the title block, e.g. MP089")
    p.add_argument("--title", default="", help="modification title (default: 'Changes to <document title>')")
    p.add_argument("--version", default="1.0", help="the annex's version: 'Legal text – version N' (default 1.0)")
    p.add_argument("--against", default="", help="SEC version drafted against (default: the old document's)")
    p.add_argument("--context", type=int, default=1, help="unchanged table rows shown around each change (default 1)")
    p.add_argument("--author", default="redline", help="author of the revisions with --tracked")
    p.add_argument("--full", action="store_true", help="the whole new version with every change marked, not an annex")
    p.set_defaults(handler=cmd_annex)

    p = sub.add_parser("diff", help="semantic diff of two versions: sections, tables, rows, counts, per role")
    p.add_argument("old", help="the earlier version (.docx or .pdf)")
    p.add_argument("new", help="the later version (.docx or .pdf)")
    p.add_argument("--json", action="store_true", help="print the changes as JSON (schema redline.diff/1)")
    p.add_argument("--only", choices=("tables", "sections"), help="report only table or only section changes")
    p.add_argument("--role", help="only this User Role's tables and summary (IS ES GS RSA ED GT OU)")
    p.set_defaults(handler=cmd_diff)
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
