"""The pipeline's layers, checked on the source: model ← readers / diff and
checks ← annex / versions ← writers ← cli (style.md).

Every module of the package is put in a group by its name (a rule, not a
list of files), so a new file is covered without editing this test, and a
file no rule places fails here until someone says where it belongs. The
annex and versions stages are packages (``redline/annex/``,
``redline/versions/``): a module is placed by the package it sits in.
"""

from __future__ import annotations

import ast
from fnmatch import fnmatch
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "redline"

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("model", ("model", "errors")),
    ("shared", ("tables", "structure", "instructions", "text", "kinds", "numbering")),
    ("progress", ("progress",)),  # terminal output only, no redline imports: readers and writers report through it
    ("ooxml", ("ooxml", "ooxml.*")),  # OOXML names and helpers: what the DOCX reader and writers share
    ("readers", ("readers", "readers.*")),
    ("diff", ("diff", "diff.*", "checks", "eligibility", "totals")),
    ("store", ("versions.store",)),  # SQLite: in versions/ by name, not one of its pure stages
    ("annex", ("annex", "annex.*")),
    ("versions", ("versions", "versions.*")),
    ("review", ("review", "review.*")),  # gathers a review from the stages above, for the review writers
    ("writers", ("writers", "writers.*")),
    ("cli", ("cli", "inputs", "draft", "settings", "__init__", "__main__")),
)
"""(group, module-name patterns, relative to ``redline``), first match wins."""

MAY_IMPORT: dict[str, set[str]] = {
    "model": {"model"},
    "shared": {"model", "shared"},  # building and normalising the model: what readers and diff share
    "progress": {"progress"},
    "ooxml": {"ooxml"},
    "readers": {"model", "shared", "ooxml", "readers", "progress"},
    "diff": {"model", "shared", "diff"},
    "store": {"model", "shared", "readers", "writers", "store"},  # keeps the model as the JSON reader/writer pair does
    "annex": {"model", "shared", "diff", "annex"},
    "versions": {"model", "shared", "diff", "annex", "versions"},
    "review": {"model", "shared", "diff", "annex", "versions", "review"},
    "writers": {"model", "shared", "ooxml", "diff", "annex", "versions", "review", "writers", "progress"},
    "cli": {"model", "shared", "ooxml", "readers", "diff", "annex", "versions", "store", "review", "writers", "cli",
            "progress"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def group_of(module: str) -> str | None:
    return next((g for g, patterns in GROUPS if any(fnmatch(module, p) for p in patterns)), None)


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of ``tree`` except what sits under ``if TYPE_CHECKING:`` (types only, never run)."""
    out: list[ast.AST] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        out.append(node)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            todo.extend(node.orelse)
            continue
        todo.extend(ast.iter_child_nodes(node))
    return out


def redline_imports(path: Path) -> set[str]:
    """The ``redline`` modules a file imports when it runs (lazy imports too)."""
    out: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("redline.")}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "redline":  # a submodule, or a name the package itself defines
                out |= {f"redline.{a.name}" if _is_module(a.name) else "redline.__init__" for a in node.names}
            elif node.module.startswith("redline."):
                out.add(node.module)
    return {m.removeprefix("redline.") for m in out}


def _is_module(name: str) -> bool:
    return (PACKAGE / f"{name}.py").exists() or (PACKAGE / name).is_dir()


def _target_group(module: str) -> str | None:
    """The group of an imported name: the module, else its package."""
    while module:
        found = group_of(module)
        if found is not None:
            return found
        module = module.rpartition(".")[0]
    return None


def test_every_module_has_a_layer() -> None:
    loose = [module_name(p) for p in sorted(PACKAGE.rglob("*.py")) if group_of(module_name(p)) is None]
    assert not loose, f"no layer for {loose}: add a rule to GROUPS"


def test_each_layer_imports_only_the_layers_below_it() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        mine = group_of(module_name(path))
        if mine is None:
            continue
        for target in sorted(redline_imports(path)):
            theirs = _target_group(target)
            if theirs not in MAY_IMPORT[mine]:
                wrong.append(f"{module_name(path)} ({mine}) imports {target} ({theirs})")
    assert not wrong, "\n".join(wrong)


def test_writers_never_import_readers_not_even_for_type_checking() -> None:
    """docx_amend once imported ``readers.docx.DocxTree`` under ``TYPE_CHECKING``, and
    copied the reader's namespaces and grid reading so as not to import it at run
    time: both now come from ``redline.ooxml``, and draft.py hands it the tree."""
    wrong = []
    for path in sorted((PACKAGE / "writers").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            wrong += [f"{module_name(path)} imports {n}" for n in names if n.startswith("redline.readers")]
    assert not wrong, "\n".join(wrong)


def test_ooxml_names_have_one_home() -> None:
    """The WordprocessingML namespace is spelled out in redline/ooxml only."""
    uri = "schemas.openxmlformats.org/wordprocessingml/2006/main"
    homes = sorted(module_name(p) for p in PACKAGE.rglob("*.py") if uri in p.read_text(encoding="utf-8"))
    assert homes == ["ooxml.ns"], homes


def test_a_module_is_placed_by_its_package() -> None:
    """A new file in a stage's package is covered without editing this test; a loose new module is not."""
    assert group_of("annex.a_new_step") == "annex"
    assert group_of("versions.a_new_step") == "versions"
    assert group_of("readers.docx.numbering") == group_of("readers.docx_numbering") == "readers"
    assert group_of("a_new_module") is None


FORMAT_LIBS = {"docx", "pdfplumber", "pypdfium2", "pdfminer", "lxml", "jinja2", "sqlite3"}
NO_IO = {"os", "subprocess", "shutil", "pathlib", "io"}
PURE = {"model", "shared", "diff", "annex", "versions"}
"""Groups that do no I/O and import no format library: models in, models out."""


def _top_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_pure_layers_import_no_format_library_and_do_no_io() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        if group_of(module_name(path)) in PURE:
            bad = _top_imports(path) & (FORMAT_LIBS | NO_IO)
            assert not bad, f"{module_name(path)} imports {sorted(bad)}"


def test_model_imports_only_the_standard_library() -> None:
    assert _top_imports(PACKAGE / "model.py") <= {"__future__", "collections", "re", "dataclasses", "typing"}


def test_each_format_library_is_imported_by_its_reader_or_writer_only() -> None:
    """python-docx and the PDF libraries by readers/writers, jinja2 by writers, SQLite by the store."""
    allowed = {"readers", "writers", "ooxml"}
    for path in sorted(PACKAGE.rglob("*.py")):
        found = _top_imports(path) & FORMAT_LIBS
        group = group_of(module_name(path))
        if "sqlite3" in found:
            assert module_name(path) == "versions.store", module_name(path)
        assert not (found - {"sqlite3"}) or group in allowed, f"{module_name(path)} imports {sorted(found)}"
