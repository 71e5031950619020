"""What every test module shares: where the repository and its fixture documents are.

Test modules import the paths (``from tests.conftest import FIXTURES, V618``)
rather than each working them out from ``__file__`` again; ``fixtures_dir``
is the same folder as a pytest fixture.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
"""The repository."""
FIXTURES = ROOT / "fixtures"
"""SEC 6.18 and 6.19 of Appendix R (DOCX, LibreOffice PDF), the typed-numbers copy, the annex corpus."""
DATA = ROOT / "tests" / "data"
"""Test inputs that are not fixtures: the peer suites' pairs, hand-made documents."""
V618 = FIXTURES / "appendix-r-v6.18.docx"
V619 = FIXTURES / "appendix-r-v6.19.docx"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
