"""`--engine dask` against `-j`, as a user runs them, in one run.

    pip install '.[bench]'
    python benchmarks/dask_engine.py --size 20 --jobs 2

Copies ../shared/corpus (or the samples, without it) into a temporary folder until it
holds --size MB, then runs, each in a fresh process:

- `qmine extract FOLDER -q -j N -o OUT.jsonl` (processes on this machine);
- `qmine extract FOLDER -q --engine dask -j N -o OUT.jsonl` (a LocalCluster of N
  single-thread workers that qmine starts, records back to the client);
- the same with `-o FOLDER/` (workers write the Parquet parts themselves);
- first, one small report each way: the start-up cost (the LocalCluster's is what
  `--engine dask` adds to that of `-j`), taken off in the last column.

It reports wall seconds, MB/s, the ratio to `-j N`, and the peak RSS summed over qmine
and every process it started (workers, the nanny's children), and checks that both
engines wrote the same records.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from batch import build
from batch import measure as measure_command

ROOT = Path(__file__).resolve().parent.parent
QMINE = [sys.executable, "-m", "qmine.cli", "extract"]


def measure(cmd: list[str]) -> tuple[float, float]:
    """batch.py's measure: every run here must succeed."""
    return measure_command(cmd, ok=(0,))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=float, default=20, help="MB of reports to extract")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--per-task", type=int, default=8)
    args = ap.parse_args()
    jobs = str(args.jobs)
    dask = ["--engine", "dask", "--per-task", str(args.per_task)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        files, size = build(folder, args.size)
        print(f"{files} files, {size / 1e6:.1f} MB, -j {jobs}, --per-task {args.per_task}")
        one = folder / min(p.name for p in folder.iterdir())
        starts = {}
        for label, extra in (("`-j N`", []), ("`--engine dask` (LocalCluster start-up)", dask)):
            seconds, peak = measure(
                QMINE + [str(one), "-q", "-j", jobs, *extra, "-o", f"{tmp}/one.jsonl"]
            )
            starts[bool(extra)] = seconds
            print(
                f"one {one.stat().st_size / 1e3:.0f} KB report, {label}: {seconds:.2f} s, "
                f"peak RSS {peak:.0f} MB"
            )
        startup = starts[True] - starts[False]  # what a LocalCluster adds before the first file
        runs = [
            (
                "`-j N`, JSON Lines",
                QMINE + [str(folder), "-q", "-j", jobs, "-o", f"{tmp}/local.jsonl"],
            ),
            (
                "`--engine dask`, JSON Lines",
                QMINE + [str(folder), "-q", "-j", jobs, *dask, "-o", f"{tmp}/dask.jsonl"],
            ),
            (
                "`--engine dask`, Parquet parts",
                QMINE + [str(folder), "-q", "-j", jobs, *dask, "-o", f"{tmp}/parts/"],
            ),
        ]
        print(
            "| run | seconds | MB/s | × `-j N` | × `-j N` less the cluster's start-up "
            "| peak RSS (all processes) |"
        )
        print("|---|---|---|---|---|---|")
        base = None
        for label, cmd in runs:
            seconds, peak = measure(cmd)
            rate = size / 1e6 / seconds
            base = base or rate
            steady = size / 1e6 / (seconds - startup) / base if "dask" in label else 1.0
            print(
                f"| {label} | {seconds:.1f} | {rate:.2f} | {rate / base:.2f} | {steady:.2f} "
                f"| {peak:.0f} MB |"
            )
        same = Path(f"{tmp}/local.jsonl").read_bytes() == Path(f"{tmp}/dask.jsonl").read_bytes()
        manifest = json.loads(Path(f"{tmp}/parts/_SUCCESS.json").read_text(encoding="utf-8"))
        records = len(Path(f"{tmp}/local.jsonl").read_text(encoding="utf-8").splitlines())
        print(
            f"same JSON Lines from both engines: {same}; Parquet parts: {len(manifest['parts'])}, "
            f"{manifest['records']} records (JSON Lines: {records})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
