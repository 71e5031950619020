"""Every command the README shows is run, and what it prints compared with the
README's block (issue 18: the README showed "71 edits" where apply printed 70,
and "no changes" that diff no longer printed).

A README block is a run of ``$ command`` lines, each followed by what it
prints. How the comparison reads the README, as a reader does:

- a line that is only "…" stands for lines left out (any number, none too);
- "…" among a command's arguments stands for the arguments of the command of
  that name shown before it (``redline annex … --tracked -o x.docx``);
- ``$ echo $?`` prints the exit code of the command before it;
- a command's ``# comment`` is not part of it;
- the time a version was stored (``versions list``'s "added") is the moment
  the test runs, so any such timestamp matches any other.

Commands run in a folder of their own that holds ``fixtures`` and ``tests``
(as links to the repository's), in order, so that the store the README fills
with ``versions add`` is the one its ``log`` and ``apply`` read.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import ROOT

README = ROOT / "README.md"
ELLIPSIS = "…"
_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


@dataclass
class Example:
    command: str
    expected: list[str] = field(default_factory=list)
    line: int = 0


def readme_examples(text: str) -> list[Example]:
    """The ``$ command`` lines of the README's code blocks with the lines after each."""
    out: list[Example] = []
    block = False
    current: Example | None = None
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            block, current = not block, None
            continue
        if not block:
            continue
        if line.startswith("$ "):
            current = Example(line[2:], line=n)
            out.append(current)
        elif current is not None:
            current.expected.append(line)
    return out


def _without_comment(command: str) -> str:
    return re.sub(r"\s+#\s.*$", "", command)


def expand(command: str, earlier: dict[str, str]) -> str:
    """``…`` in a command: the arguments of the last command shown with the same
    first two words (``redline annex``), up to its first option."""
    command = _without_comment(command)
    if ELLIPSIS not in command.split():
        return command
    head = " ".join(command.split()[:2])
    before = earlier[head].split()
    args = []
    for word in before[2:]:
        if word.startswith("-"):
            break
        args.append(word)
    return command.replace(ELLIPSIS, " ".join(args), 1)


def _pattern(expected: list[str]) -> str:
    return "".join(
        r"(?:[^\n]*\n)*?" if line.strip() == ELLIPSIS else re.escape(_STAMP.sub("T", line.rstrip())) + r"\n"
        for line in expected
    )


def _text(actual: list[str]) -> str:
    return "".join(_STAMP.sub("T", a.rstrip()) + "\n" for a in actual)


def matches(expected: list[str], actual: list[str]) -> bool:
    """``expected`` (with "…" lines standing for any lines) against ``actual``."""
    return re.fullmatch(_pattern(expected), _text(actual)) is not None


def first_unmatched(expected: list[str], actual: list[str]) -> int:
    """The index of the first line of ``expected`` the printed lines do not bear out."""
    text = _text(actual)
    k = 0
    while k < len(expected) and re.match(_pattern(expected[: k + 1]), text):
        k += 1
    return k


def test_matches_reads_ellipsis_lines_as_lines_left_out() -> None:
    assert matches(["a", "…", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "  …", "b"], ["a", "b"])
    assert not matches(["a", "…", "d"], ["a", "b", "c"])
    assert not matches(["a", "b"], ["a", "b", "c"])  # nothing left out unless the README says so
    assert matches(["x 2026-11-24T23:04:48Z y"], ["x 2026-12-05T17:00:00Z y"])


def _environment(tmp: Path) -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items() if k != "REDLINE_DB"}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = "200"
    return env


def test_every_readme_command_prints_what_the_readme_shows(tmp_path: Path) -> None:
    examples = readme_examples(README.read_text(encoding="utf-8"))
    assert len(examples) >= 20  # the README's worked examples, not a parse that found none
    for name in ("fixtures", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / "out").mkdir()
    env = _environment(tmp_path)
    earlier: dict[str, str] = {}
    last_code = 0
    failures: list[str] = []
    for ex in examples:
        command = expand(ex.command, earlier)
        earlier[" ".join(command.split()[:2])] = command
        if command == "echo $?":
            actual = [str(last_code)]
        else:
            if ".pdf" in command.split("-o", 1)[-1] and shutil.which("soffice") is None:
                continue  # PDF output needs LibreOffice (the README says so)
            done = subprocess.run(
                command, shell=True, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                text=True, timeout=600, check=False,
            )
            last_code = done.returncode
            actual = done.stdout.splitlines()
        if not matches(ex.expected, actual):
            k = first_unmatched(ex.expected, actual)
            wanted = repr(ex.expected[k]) if k < len(ex.expected) else "(the block ends, more was printed)"
            printed = "\n".join(f"    {line}" for line in actual)
            failures.append(f"README.md:{ex.line + k + 1}: $ {ex.command}: {wanted} not printed; printed:\n{printed}")
    assert not failures, "\n".join(failures)
