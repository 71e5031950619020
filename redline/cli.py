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
