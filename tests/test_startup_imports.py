"""Each command imports only what it runs (issue 22, item 1).

``redline check`` once imported diff, versions.apply and apply_tables for
every command, 0.15 s of a 0.60 s check. What a whole process loads is read
from ``sys.modules`` when it exits (``python -X importtime`` names the same
modules); the time itself is measured in bench/bench_startup.py, against
``python -c pass`` in the same run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, V619

_LOADED = """
import atexit, sys
atexit.register(lambda: print(" ".join(sorted(sys.modules)), file=sys.stderr))
from redline.cli import main
sys.exit(main(sys.argv[1:]))
"""

NOT_FOR_CHECK = ("redline.diff", "redline.annex", "redline.versions", "redline.readers.pdf")
"""Module prefixes a check of a DOCX has no use for: the diff, annex, versions and PDF code."""


def loaded(*args: str) -> tuple[int, set[str]]:
    """The exit code and every module a ``redline`` process had imported when it ended."""
    done = subprocess.run([sys.executable, "-c", _LOADED, *args], capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    return done.returncode, set(done.stderr.split("\n")[-2].split())


def test_check_of_a_docx_loads_no_diff_annex_versions_or_pdf_code() -> None:
    code, modules = loaded("check", str(V619))
    assert code == 0
    assert "redline.checks" in modules and "redline.readers.docx" in modules  # it did check
    assert not [m for m in modules if m.startswith(NOT_FOR_CHECK)]
    assert not modules & {"sqlite3", "pdfplumber", "pypdfium2", "diff_match_patch", "jinja2", "docx"}
    code, modules = loaded("check", str(V619), "--json")
    assert code == 0 and not [m for m in modules if m.startswith(NOT_FOR_CHECK)]


def test_version_loads_the_cli_alone() -> None:
    code, modules = loaded("--version")
    assert code == 0
    assert {m for m in modules if m.startswith("redline")} == {"redline", "redline.cli", "redline.errors"}
    assert not modules & {"typing", "pathlib"}  # 2 and 3 ms of a 40 ms start


def test_the_commands_that_need_the_diff_still_load_it(tmp_path: Path) -> None:
    """The lazy names resolve: ``redline.diff`` is the function even once the subpackage is imported."""
    code, modules = loaded("diff", str(V619), str(V619))
    assert code == 0 and "redline.diff.match" in modules
    import redline
    import redline.diff.match  # binds the subpackage on the package, as any import of it does

    assert callable(redline.diff) and redline.diff.__module__ == "redline.diff"
    assert redline.load_version.__module__ == "redline.inputs"
