"""End-to-end batch figures for `qmine extract`, as a user runs it.

    pip install '.[bench]'
    python benchmarks/batch.py --size 50 --jobs 1 2      # corpus copied to 50 MB

Copies ../shared/corpus (or the samples, without it) into a temporary folder until it
holds --size MB, runs `qmine extract FOLDER -q -o OUT -j N` for each N, and reports
wall time, MB/s, records/s and the peak RSS summed over qmine and its workers. Also
times one small report from a cold process.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import psutil

ROOT = Path(__file__).resolve().parent.parent
QMINE = [sys.executable, "-m", "qmine.cli", "extract"]


def build(folder: Path, size_mb: float) -> tuple[int, int]:
    corpus = ROOT.parent / "shared" / "corpus"
    sources = (sorted(corpus.glob("*.txt")) if corpus.is_dir()
               else sorted((ROOT / "samples").glob("*.txt")))
    total = count = 0
    while total < size_mb * 1e6:
        for src in sources:
            shutil.copyfile(src, folder / f"{count:06d}-{src.name}")
            total += src.stat().st_size
            count += 1
    return count, total


class Run(NamedTuple):
    """One command's wall seconds and peak memory (MB) summed over it and its children:
    RSS counts a page each process shares (a forked worker's inherited tables) once per
    process, PSS divides it among them, so PSS is the memory the machine gave."""

    seconds: float
    rss: float
    pss: float


def measure(cmd: list[str], ok: tuple[int, ...] = (0, 1)) -> Run:
    """Runs ``cmd``; the script stops unless its exit status is one of ``ok`` (1: some
    inputs failed)."""
    start = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    rss = pss = 0
    while proc.poll() is None:
        try:
            tree = [proc] + proc.children(recursive=True)
            infos = [p.memory_full_info() for p in tree if p.is_running()]
            rss = max(rss, sum(i.rss for i in infos))
            pss = max(pss, sum(getattr(i, "pss", i.rss) for i in infos))  # no PSS off Linux
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if proc.returncode not in ok:
        sys.exit(f"qmine failed ({proc.returncode}): {proc.stderr.read().decode()}")
    return Run(seconds, rss / 1e6, pss / 1e6)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=float, default=20, help="MB of reports to extract")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--large", type=float, default=0, help="also extract one file of this many MB")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        files, size = build(folder, args.size)
        print(f"{files} files, {size / 1e6:.1f} MB")
        print("| jobs | seconds | MB/s | records/s | peak RSS (all processes) |")
        print("|---|---|---|---|---|")
        base = None
        for jobs in args.jobs:
            out = Path(tmp) / f"out-{jobs}.jsonl"
            seconds, peak, _ = measure(
                QMINE + [str(folder), "-q", "-j", str(jobs), "-o", str(out)]
            )
            records = sum(1 for _ in out.open(encoding="utf-8"))
            rate = size / 1e6 / seconds
            base = base or rate
            print(f"| {jobs} | {seconds:.1f} | {rate:.2f} ({rate / base:.2f}×) "
                  f"| {records / seconds:.0f} | {peak:.0f} MB |")
    if args.large:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "parts"
            folder.mkdir()
            build(folder, args.large)
            big = Path(tmp) / "large.txt"
            with big.open("wb") as out:
                for part in sorted(folder.iterdir()):
                    out.write(part.read_bytes())
            seconds, peak, _ = measure(
                QMINE + [str(big), "-q", "-o", str(Path(tmp) / "large.jsonl")]
            )
            size = big.stat().st_size / 1e6
            print(f"one {size:.0f} MB file: {seconds:.1f} s, {size / seconds:.2f} MB/s, "
                  f"peak RSS {peak:.0f} MB")
    sample = ROOT / "samples" / "huzhou-quality-2013.txt"
    seconds, peak, _ = measure(QMINE + [str(sample), "-q", "-o",
                                     str(Path(tempfile.gettempdir()) / "qmine-one.jsonl")])
    print(f"one {sample.stat().st_size / 1e3:.0f} KB report from a cold process: "
          f"{seconds:.2f} s, {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
