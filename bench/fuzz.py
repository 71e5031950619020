"""Fuzz run: mutated DOCX and PDF files through `redline check`, each in its own process.

    python bench/fuzz.py [--cases 600] [--pdf-share 0.3] [--seed 15] [--jobs 2] [--keep DIR]

Seeds are the project's own documents (fixtures/*.docx, tests/data/*.docx and
*.pdf). A DOCX is mutated inside its XML and zipped again properly (so the
mutation reaches the XML reader, not only the zip's CRC check: cut, repeat or
swap a stretch, random bytes, an element dropped, attribute values made huge,
negative or junk, styles.xml/numbering.xml mutated), or as raw bytes (flips,
truncation). A PDF is mutated as bytes (flips, truncation, a zeroed or
repeated stretch, one PDF's tail spliced onto another).

Every case must end in exit 0 or 1 (read; the check verdict), or exit 2 with
exactly one line on stderr starting "redline: " -- never a traceback, another
exit code, or a hang (60 s). Prints the counts per outcome and lists every
failure; --keep saves the failing inputs. Exit status 1 if any case failed.

Measured 2026-12-04 (2 jobs on 2 shared cores):

    --cases 600 --seed 15 (30% PDF), 237 s, slowest case 2.7 s:
      DOCX 421: exit 0 47, exit 1 155, exit 2 one line 219
      PDF  179: exit 0 49, exit 1 41,  exit 2 one line 89        0 failures
    --cases 300 --seed 16 --pdf-share 0.7, 132 s, slowest 2.5 s:
      DOCX 91: 12 / 30 / 49;  PDF 209: 70 / 35 / 104              0 failures

The first run of seed 15 found one failure, since fixed: a flipped byte in a
zip header made zipfile raise NotImplementedError ("zip file version 11.2")
and check print a traceback (tests/test_docx_memory.py).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 60
XML_PARTS = ("word/document.xml", "word/styles.xml", "word/numbering.xml")


@dataclass(frozen=True)
class Case:
    number: int
    seed_file: str
    mutation: str
    data: bytes
    suffix: str


def _cut(rng: random.Random, b: bytes) -> bytes:
    i = rng.randrange(len(b))
    return b[:i] + b[i + rng.randrange(1, 2000):]


def _repeat(rng: random.Random, b: bytes) -> bytes:
    i = rng.randrange(len(b))
    j = min(len(b), i + rng.randrange(1, 5000))
    return b[:j] + b[i:j] * rng.randrange(1, 4) + b[j:]


def _swap(rng: random.Random, b: bytes) -> bytes:
    i, j = sorted(rng.randrange(len(b)) for _ in range(2))
    k = min(len(b), j + (j - i))
    return b[:i] + b[j:k] + b[i:j] + b[k:]


def _noise(rng: random.Random, b: bytes) -> bytes:
    out = bytearray(b)
    for _ in range(rng.randrange(1, 30)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _drop_element(rng: random.Random, b: bytes) -> bytes:
    names = rb"tc|tr|p|r|t|pPr|rPr|numPr|tcPr|gridSpan|vMerge|tbl|abstractNum|num|lvl|style"
    tags = list(re.finditer(rb"<w:(" + names + rb")\b", b))
    if not tags:
        return _cut(rng, b)
    m = rng.choice(tags)
    name = m.group(1)
    end = b.find(b"</w:" + name + b">", m.end())
    if end < 0:
        return b[: m.start()] + b[m.end():]
    return b[: m.start()] + b[end + len(name) + 5:]


def _attribute(rng: random.Random, b: bytes) -> bytes:
    vals = list(re.finditer(rb'w:(val|ilvl|numId|gridSpan|w|abstractNumId|start)="[^"]*"', b))
    if not vals:
        return _noise(rng, b)
    out = b
    for m in sorted(rng.sample(vals, min(len(vals), rng.randrange(1, 12))), key=lambda x: -x.start()):
        new = rng.choice([b"-1", b"0", b"99999999999999999999", b"", b"restart", b"\xff\xfe", b"1e9", b"%1.%2.%99",
                          str(rng.randrange(-5, 5000)).encode()])
        out = out[: m.start()] + b"w:" + m.group(1) + b'="' + new + b'"' + out[m.end():]
    return out


def _text(rng: random.Random, b: bytes) -> bytes:
    """Well-formed: the text of some w:t elements replaced (figures, values, numbers, junk)."""
    spans = list(re.finditer(rb"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)", b))
    if not spans:
        return _noise(rng, b)
    out = b
    for m in sorted(rng.sample(spans, min(len(spans), rng.randrange(1, 40))), key=lambda x: -x.start()):
        new = rng.choice([b"", b"0", b"-3", b"99999", b"Mandatory", b"N/A", b"Total Tests", b"Count of Mandatory",
                          b"Amend Table 8.1.10 as follows:", b"8.1.10", b"Table 8.1.4", b"\xc2\xa0", b"&amp;",
                          str(rng.randrange(10**6)).encode()])
        out = out[: m.start(2)] + new + out[m.end(2):]
    return out


def _rows(rng: random.Random, b: bytes) -> bytes:
    """Well-formed: whole table rows dropped, repeated or moved."""
    rows = [(m.start(), b.find(b"</w:tr>", m.start()) + 7) for m in re.finditer(rb"<w:tr\b", b)]
    rows = [(i, j) for i, j in rows if j > i]
    if len(rows) < 2:
        return _drop_element(rng, b)
    (i, j), (k, m) = sorted(rng.sample(rows, 2))
    if k < j:  # nested: keep it simple
        return b[:i] + b[j:]
    choice = rng.randrange(3)
    if choice == 0:
        return b[:i] + b[j:]
    if choice == 1:
        return b[:j] + b[i:j] * rng.randrange(1, 50) + b[j:]
    return b[:i] + b[k:m] + b[j:k] + b[i:j] + b[m:]


XML_MUTATIONS = {"cut": _cut, "repeat": _repeat, "swap": _swap, "noise": _noise, "drop-element": _drop_element,
                 "attribute": _attribute, "text": _text, "rows": _rows}
XML_WEIGHTS = {"cut": 1, "repeat": 1, "swap": 1, "noise": 1, "drop-element": 3, "attribute": 3, "text": 4, "rows": 4}


def mutate_docx(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    if rng.random() < 0.15:  # raw bytes: the zip layer
        kind = rng.choice(["flip", "truncate"])
        if kind == "truncate":
            return kind, data[: rng.randrange(len(data))]
        return kind, _noise(rng, data)
    src = zipfile.ZipFile(io.BytesIO(data))
    part = rng.choices(XML_PARTS, weights=(6, 1, 1))[0]
    if part not in src.namelist():
        part = XML_PARTS[0]
    names = rng.choices(sorted(XML_MUTATIONS), weights=[XML_WEIGHTS[n] for n in sorted(XML_MUTATIONS)],
                        k=rng.randrange(1, 3))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == part:
                for n in names:
                    body = XML_MUTATIONS[n](rng, body)
            z.writestr(info.filename, body)
    return f"{part.split('/')[-1]}:{'+'.join(names)}", out.getvalue()


def mutate_pdf(rng: random.Random, data: bytes, others: list[bytes]) -> tuple[str, bytes]:
    kind = rng.choice(["flip", "truncate", "zero", "repeat", "splice", "cut"])
    if kind == "flip":
        return kind, _noise(rng, data)
    if kind == "truncate":
        return kind, data[: rng.randrange(len(data))]
    if kind == "zero":
        i = rng.randrange(len(data))
        n = rng.randrange(1, 4096)
        return kind, data[:i] + bytes(min(n, len(data) - i)) + data[i + n:]
    if kind == "repeat":
        return kind, _repeat(rng, data)
    if kind == "cut":
        return kind, _cut(rng, data)
    other = rng.choice(others)
    return kind, data[: rng.randrange(len(data))] + other[rng.randrange(len(other)):]


def make_cases(n: int, pdf_share: float, seed: int) -> list[Case]:
    rng = random.Random(seed)
    docx = sorted([*ROOT.glob("fixtures/*.docx"), *ROOT.glob("tests/data/*.docx")])
    pdfs = sorted(p for p in ROOT.glob("tests/data/*.pdf") if "encrypted" not in p.name and "scanned" not in p.name)
    pdf_bytes = {p: p.read_bytes() for p in pdfs}
    cases = []
    for i in range(n):
        if rng.random() < pdf_share:
            seed_file = rng.choice(pdfs)
            what, data = mutate_pdf(rng, pdf_bytes[seed_file], list(pdf_bytes.values()))
            cases.append(Case(i, seed_file.name, what, data, ".pdf"))
        else:
            seed_file = rng.choice(docx)
            what, data = mutate_docx(rng, seed_file.read_bytes())
            cases.append(Case(i, seed_file.name, what, data, ".docx"))
    return cases


def run_case(case: Case, work: Path) -> tuple[str, float, str]:
    path = work / f"case-{case.number:04d}{case.suffix}"
    path.write_bytes(case.data)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "REDLINE_NO_CACHE": "1"}
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "redline", "check", str(path)], capture_output=True, text=True,
                              env=env, timeout=TIMEOUT, check=False, start_new_session=True)
    except subprocess.TimeoutExpired:
        return "HANG", time.perf_counter() - start, ""
    finally:
        path.unlink(missing_ok=True)
    took = time.perf_counter() - start
    err = done.stderr
    if done.returncode in (0, 1) and "Traceback" not in err:
        return f"exit {done.returncode}", took, ""
    if done.returncode == 2 and err.count("\n") == 1 and err.startswith("redline: ") and "Traceback" not in err:
        return "exit 2 (one line)", took, err.strip()
    return f"FAIL exit {done.returncode}", took, err.strip()[-600:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=600)
    parser.add_argument("--pdf-share", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="save the inputs of failing cases here")
    args = parser.parse_args()
    cases = make_cases(args.cases, args.pdf_share, args.seed)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="redline-fuzz-") as tmp, ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda c: run_case(c, Path(tmp)), cases))
    wall = time.perf_counter() - start
    outcomes: Counter[tuple[str, str]] = Counter()
    reasons: Counter[str] = Counter()
    failures = []
    for case, (outcome, _, err) in zip(cases, results, strict=True):
        outcomes[(case.suffix, outcome)] += 1
        if outcome == "exit 2 (one line)":
            reasons[re.sub(r"^redline: \S+: ", "", err)[:70]] += 1
        if outcome.startswith(("FAIL", "HANG")):
            failures.append((case, outcome, err))
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"case-{case.number:04d}{case.suffix}").write_bytes(case.data)
    slowest = max(t for _, t, _ in results)
    print(f"{len(cases)} cases (seed {args.seed}) in {wall:.0f} s, slowest {slowest:.1f} s (limit {TIMEOUT} s)")
    for (suffix, outcome), n in sorted(outcomes.items()):
        print(f"  {suffix:5} {outcome:22} {n:5}")
    print("most frequent one-line refusals:")
    for reason, n in reasons.most_common(8):
        print(f"  {n:4}  {reason}")
    for case, outcome, err in failures:
        print(f"{outcome}: case {case.number} ({case.seed_file}, {case.mutation})\n{err}\n")
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
