"""redline: read, check, diff and redline the SEC's Appendix R.

The Python API for scripts::

    import redline
    doc = redline.read("appendix-r-v6.18.docx")
    result = redline.check(doc)
"""

from __future__ import annotations

from redline.checks import CheckResult, check
from redline.model import Document
from redline.readers import read

__all__ = ["CheckResult", "Document", "check", "read"]
__version__ = "0.1.0"
