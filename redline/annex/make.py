"""What ``redline annex`` does before writing, as one library step.

The checks around planning that are not planning itself: two versions given
the wrong way round. Pure: models in, a message out.
"""

from __future__ import annotations

from redline.model import Document
from redline.text import natural_key


def swapped_versions(old: Document, new: Document) -> str | None:
    """A warning when ``old`` states a later SEC version than ``new``: an annex
    from 6.19 to 6.18 strikes everything 6.19 added, which is rarely meant."""
    if not old.sec_version or not new.sec_version:
        return None
    if natural_key(old.sec_version) <= natural_key(new.sec_version):
        return None
    return (
        f"{old.source} states SEC {old.sec_version}, later than {new.source} (SEC {new.sec_version}): "
        f"this annex takes {old.sec_version} back to {new.sec_version}; the earlier version goes first "
        f"(redline annex {new.source} {old.source})"
    )
