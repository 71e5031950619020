"""Every step the CLI does is one call of the library (issue 19, item 6).

What ``check`` (eligibility included), ``check ANNEX [--against]`` and
``annex`` (the --correct-totals re-plan, the front-matter-only and
same-content cases, the swapped-versions warning) decide lived only in
cli.py; these tests call the library steps directly, and check that the
CLI prints exactly what the library's writers make of them.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

import redline
from redline.annex.make import make_annex
from redline.cli import main
from redline.inputs import load_eligibility
from redline.model import Paragraph
from redline.versions.annex_check import check_annex_document
from redline.writers.annex_check import annex_check_text, annex_check_to_dict
from tests.conftest import V618, V619


@pytest.fixture(scope="module")
def versions() -> tuple[redline.Document, redline.Document]:
    return redline.read(V618), redline.read(V619)


@pytest.fixture(scope="module")
def mp089(tmp_path_factory: pytest.TempPathFactory, versions: tuple[redline.Document, redline.Document]) -> Path:
    old, new = versions
    dest = tmp_path_factory.mktemp("annex") / "mp089.docx"
    redline.write_annex(make_annex(old, new, redline.AnnexOptions(mp="MP089")).plan, dest)
    return dest


def test_check_holds_each_duis_matrix_against_the_eligibility_list(
    versions: tuple[redline.Document, redline.Document],
) -> None:
    _, new = versions
    listed = load_eligibility()
    result = redline.check(new, listed)
    assert result.eligibility_list is listed
    assert sorted((f.table, f.key) for f in result.eligibility) == [("8.1.10", "8.14.3"), ("8.1.10", "8.14.3"),
                                                                     ("8.1.11", "8.9")]
    assert redline.check(new).eligibility == ()  # without a list: footer figures only


def test_make_annex_plans_and_finds_the_new_versions_wrong_totals(
    versions: tuple[redline.Document, redline.Document],
) -> None:
    old, new = versions
    run = make_annex(old, new)
    assert run.outcome == "annex" and run.warnings == () and run.wrong == ()
    assert len(run.plan.items) == 16 and len(run.changes.references) == 2
    back = make_annex(new, old)  # the wrong way round: 6.18's planted footer errors are the "new" ones
    assert back.warnings and "later than" in back.warnings[0]
    assert [t.table for t in back.wrong] == ["8.1.8", "8.1.10"] and not back.corrected  # document order
    fixed = make_annex(new, old, correct_totals=True)
    assert fixed.corrected and fixed.wrong == back.wrong  # what was wrong, as given
    assert redline.check(fixed.new).ok and not redline.check(back.new).ok


def test_make_annex_says_when_no_annex_can_be_written(versions: tuple[redline.Document, redline.Document]) -> None:
    old, _ = versions
    assert make_annex(old, old).outcome == "same"
    front = tuple(
        replace(b, text=b.text.replace("6.18", "6.19"), runs=()) if isinstance(b, Paragraph) else b for b in old.front
    )
    only_front = make_annex(old, replace(old, front=front))
    assert only_front.outcome == "front_only" and only_front.front_paragraphs >= 1


def test_annex_check_alone_and_against_its_baseline(
    mp089: Path, versions: tuple[redline.Document, redline.Document]
) -> None:
    old, _ = versions
    annex = redline.read(mp089)
    alone = check_annex_document(annex)
    assert alone.applied is None and alone.ok and {f.kind for f in alone.findings} == {"correction"}
    against = check_annex_document(annex, old)
    assert against.applied is not None and against.applied.ok and against.totals.ok and against.ok
    assert set(against.confirmed) == set(alone.findings)  # each correction looked up in the baseline


def test_the_cli_prints_what_the_library_reports(
    mp089: Path, versions: tuple[redline.Document, redline.Document], capsys: pytest.CaptureFixture[str]
) -> None:
    old, _ = versions
    annex = redline.read(mp089)
    capsys.readouterr()
    assert main(["check", str(mp089), "--against", str(V618), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == annex_check_to_dict(check_annex_document(annex, old))
    assert main(["check", str(mp089)]) == 0
    assert capsys.readouterr().out == annex_check_text(check_annex_document(annex))


def test_write_result_writes_the_model_or_the_amended_draft(
    mp089: Path, versions: tuple[redline.Document, redline.Document], tmp_path: Path
) -> None:
    """What ``apply -o`` writes, by the output's suffix, as one library call."""
    from redline.draft import write_result
    from redline.versions.compare import differences

    old, new = versions
    result = redline.apply(old, redline.read(mp089))
    model = tmp_path / "draft.json"
    assert write_result(old, result, model, version="6.19") is None
    back = redline.read(model)
    assert back.sec_version == "6.19" and differences(back, new, limit=5) == []
    draft = tmp_path / "draft.docx"
    assert write_result(old, result, draft, version="6.19") is None  # amended in the baseline's file, not rebuilt
    assert redline.diff(redline.read(draft), new).is_empty
