"""LibreOffice as a real client of our DOCX output, for tests.

``convert`` runs ``soffice --convert-to``; ``resolve_all`` opens a document
and applies Word's "Accept All" / "Reject All" (``.uno:AcceptAllTrackedChanges``
/ ``RejectAllTrackedChanges``) through a small Basic macro installed in a
private profile, then saves it. Tests skip when soffice is absent.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice")
TEXT_FILTER = ("Text (encoded)", "UTF8")

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub ResolveAll(inPath As String, outPath As String, how As String, filterName As String, options As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), &quot;_blank&quot;, 0, args())
  disp = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  command = &quot;.uno:&quot; &amp; how &amp; &quot;AllTrackedChanges&quot;
  disp.executeDispatch(doc.CurrentController.Frame, command, &quot;&quot;, 0, Array())
  Dim o(1) As New com.sun.star.beans.PropertyValue
  o(0).Name = &quot;FilterName&quot;
  o(0).Value = filterName
  o(1).Name = &quot;FilterOptions&quot;
  o(1).Value = options
  doc.storeToURL(ConvertToURL(outPath), o())
  doc.close(True)
End Sub
</script:module>
"""


class LibreOffice:
    """One private LibreOffice profile (parallel runs do not share one)."""

    def __init__(self, folder: Path) -> None:
        assert SOFFICE is not None
        self.soffice = SOFFICE
        self.folder = folder
        self.profile = folder / "profile"
        self._run("--terminate_after_init")
        standard = self.profile / "user" / "basic" / "Standard"
        standard.mkdir(parents=True, exist_ok=True)
        (standard / "Module1.xba").write_text(_MACRO, encoding="utf-8")

    def _run(self, *args: str) -> None:
        cmd = [self.soffice, f"-env:UserInstallation={self.profile.as_uri()}", "--headless", "--norestore", *args]
        subprocess.run(cmd, capture_output=True, timeout=180, check=False)

    def convert(self, paths: list[Path], target: str = "txt:Text (encoded):UTF8") -> list[Path]:
        """Convert each file; returns the outputs (same stem, new suffix)."""
        out = self.folder / "converted"
        self._run("--convert-to", target, "--outdir", str(out), *map(str, paths))
        suffix = "." + target.split(":")[0]
        return [out / (p.stem + suffix) for p in paths]

    def resolve_all(self, docx: Path, how: str, dest: Path, filter_name: str, options: str = "") -> Path:
        """Accept (``how="Accept"``) or reject all tracked changes and save to ``dest``."""
        self._run(f'macro:///Standard.Module1.ResolveAll("{docx}","{dest}","{how}","{filter_name}","{options}")')
        return dest


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")
