"""What every benchmark reports: a figure is redline's time beside its peer's,
both measured as whole processes in the same run, and their ratio.

The peers: a python-docx text dump for ``check`` (and a bare unzip + lxml parse
of document.xml, the floor no DOCX reader goes under), pdfplumber's
``extract_text`` for reading a PDF, jubarte-redlines for ``diff`` (the
``bench`` extra). The commands take turns round by round, so a burst of load
from other processes hits both alike; the best of N is kept. CPU time (the
process and everything it started, page workers included) is reported beside
wall time: on a busy machine it is the steadier of the two.

``--json FILE`` on each benchmark writes its figures; ``bench/speed_table.py``
turns them into the README's speed table.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    bench: str
    """The benchmark script, e.g. "bench/bench_pdf.py"."""
    what: str
    """What is timed, in a few words."""
    peer: str
    """The peer it is measured against, in the same run."""
    peer_wall: float
    peer_cpu: float
    ours: str
    """What redline ran."""
    wall: float
    cpu: float
    goal: float | None = None
    """The ratio (ours / peer, wall) the issue asks for, if any."""
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.wall / self.peer_wall

    @property
    def cpu_ratio(self) -> float:
        return self.cpu / self.peer_cpu if self.peer_cpu else float("nan")

    def line(self) -> str:
        met = self.goal is not None and self.ratio <= self.goal
        goal = "" if self.goal is None else f"  goal <= {self.goal:g}x: {'met' if met else 'NOT met'}"
        return (f"  {self.ours:<34} {self.wall:7.2f} s  {self.ratio:5.3f}x wall  {self.cpu:7.2f} s CPU  "
                f"{self.cpu_ratio:5.3f}x CPU   vs {self.peer} {self.peer_wall:.2f} s ({self.peer_cpu:.2f} s CPU){goal}")


def timed(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None,
          ok: tuple[int, ...] = (0,)) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, stdout) of one whole-process run; CPU counts
    the process and every child it waited for (a pool's workers included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok:
        sys.exit(f"{' '.join(cmd[:4])} ... failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def best_in_process(fn: Callable[[], object], repeat: int) -> float:
    """The shortest of ``repeat`` timed calls of ``fn`` in this process (wall seconds): the
    in-process benches' one timing rule, as :func:`best_of` is the whole-process one."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def best_of(runs: dict[str, tuple[list[str], dict[str, str] | None]], repeat: int,
            fresh: tuple[str, ...] = ()) -> dict[str, tuple[float, float, str]]:
    """Best wall and CPU time per named command, taking turns round by round.
    Commands named in ``fresh`` run with an empty page cache each time."""
    import tempfile

    best: dict[str, tuple[float, float, str]] = {}
    for _ in range(repeat):
        for name, (cmd, env) in runs.items():
            if name in fresh:
                with tempfile.TemporaryDirectory() as cache:
                    wall, cpu, out = timed(cmd, dict(env or os.environ, XDG_CACHE_HOME=cache))
            else:
                wall, cpu, out = timed(cmd, env)
            old = best.get(name)
            best[name] = (min(old[0], wall) if old else wall, min(old[1], cpu) if old else cpu, out)
    return best


def write_json(path: Path | None, figures: list[Figure], context: dict[str, object]) -> None:
    """The figures and where they were measured, for bench/speed_table.py."""
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"context": context, "figures": [asdict(f) for f in figures]}
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def read_json(path: Path) -> tuple[dict[str, object], list[Figure]]:
    payload = json.loads(path.read_text(encoding="utf-8"))
    return payload["context"], [Figure(**f) for f in payload["figures"]]


def machine() -> dict[str, object]:
    """Where the figures were measured: they mean little without it."""
    return {"cores": os.cpu_count(), "load": round(os.getloadavg()[0], 1), "python": sys.version.split()[0],
            "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
