"""The versions modules keep the pipeline's layering (style.md): planning, applying,
conflicts, history and the content compare are pure (no I/O, no format library);
only store.py touches SQLite."""

from __future__ import annotations

from pathlib import Path

from tests.test_layers import FORMAT_LIBS, _imports

PACKAGE = Path(__file__).resolve().parents[1] / "redline"
PURE = ["apply.py", "apply_tables.py", "patching.py", "conflicts.py", "history.py", "rowmatch.py", "canonical.py"]


def test_versions_transforms_are_pure() -> None:
    for name in PURE:
        bad = _imports(PACKAGE / name) & (FORMAT_LIBS | {"os", "subprocess", "shutil", "pathlib", "sqlite3", "io"})
        assert not bad, f"{name} imports {sorted(bad)}"


def test_sqlite_only_in_the_store() -> None:
    for path in PACKAGE.rglob("*.py"):
        if "sqlite3" in _imports(path):
            assert path.relative_to(PACKAGE).as_posix() == "store.py", path


def test_reports_and_inputs_import_no_format_library() -> None:
    for name in ["inputs.py", "writers/versions.py", "writers/amend.py", "store.py"]:
        bad = _imports(PACKAGE / name) & (FORMAT_LIBS - {"sqlite3"})
        assert not bad, f"{name} imports {sorted(bad)}"
