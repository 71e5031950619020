"""The pipeline's layering, checked on the source (style.md): the model and the
pure transforms import no format library and do no I/O; each format library
is imported by its reader or writer only."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "redline"
FORMAT_LIBS = {"docx", "pdfplumber", "pypdfium2", "pdfminer", "lxml", "jinja2", "sqlite3"}
PURE = ["model.py", "checks.py", "tables.py", "structure.py", "diff"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _files(rel: str) -> list[Path]:
    p = PACKAGE / rel
    return sorted(p.rglob("*.py")) if p.is_dir() else [p]


def test_model_and_transforms_import_no_format_library() -> None:
    for rel in PURE:
        for f in _files(rel):
            bad = _imports(f) & (FORMAT_LIBS | {"os", "subprocess", "shutil"})
            assert not bad, f"{f.relative_to(PACKAGE)} imports {sorted(bad)}"


def test_model_imports_only_the_standard_library() -> None:
    assert _imports(PACKAGE / "model.py") <= {"__future__", "re", "dataclasses", "typing"}


def test_cli_imports_no_format_library() -> None:
    assert not (_imports(PACKAGE / "cli.py") & FORMAT_LIBS)
