"""``import redline`` is the library the CLI is built on: the README's script
runs as printed, and every exported name resolves."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import redline
from tests.conftest import ROOT


def _readme_blocks() -> tuple[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### From Python") :]
    script = re.search(r"```python\n(.*?)```", section, re.S)
    printed = re.search(r"prints\n\n```\n(.*?)```", section, re.S)
    assert script and printed
    return script.group(1), printed.group(1)


def test_every_exported_name_resolves() -> None:
    for name in redline.__all__:
        assert getattr(redline, name) is not None, name
    assert callable(redline.diff) and callable(redline.apply)


def test_the_readme_script_prints_what_the_readme_says(tmp_path: Path) -> None:
    script, printed = _readme_blocks()
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(script, "README.md", "exec"), {"__name__": "readme"})
    finally:
        os.chdir(cwd)
    assert out.getvalue() == printed
    assert (tmp_path / "mp089.docx").exists() and (tmp_path / "versions.db").exists()
