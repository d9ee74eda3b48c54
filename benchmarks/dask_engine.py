"""`--engine dask` against `-j`, as a user runs them, in one run.

    pip install '.[bench]'
    python benchmarks/dask_engine.py --size 30 --jobs 2 --rounds 2

Copies ../shared/corpus (or the samples, without it) into two temporary folders, one of
--size MB and one of twice that, then runs, each in a fresh process, alternating the
engines round after round (the machine is shared; each engine meets the same load):

- `qmine extract FOLDER -q -j N -o OUT.jsonl` (processes on this machine);
- `qmine extract FOLDER -q --engine dask -j N -o OUT.jsonl` (a LocalCluster of N
  single-thread workers that qmine starts, records back to the client);
- the same with `-o FOLDER/` (workers write the Parquet parts themselves);
- first, one small report each way: the start-up cost (what a LocalCluster adds to
  `-j`'s own start).

Throughput is given twice. Whole run: the 2× folder's MB over its wall seconds, start-up
and the last batch's tail included. Steady: the extra MB of the 2× folder over the extra
seconds it took (t(2×) - t(1×)), in which every fixed cost of a run cancels: the rate a
long batch runs at. Times are medians over the rounds; peak RSS is summed over qmine and
every process it started (workers, the nanny's children), on the 2× folder, as RSS and
as PSS (forked `-j` workers share the tables their parent loaded; RSS counts them in
each process, PSS once). The script
also checks that both engines wrote the same records.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from batch import Run, build
from batch import measure as measure_command

ROOT = Path(__file__).resolve().parent.parent
QMINE = [sys.executable, "-m", "qmine.cli", "extract"]


def measure(cmd: list[str]) -> Run:
    """batch.py's measure: every run here must succeed."""
    return measure_command(cmd, ok=(0,))


def doubled(folder: Path, into: Path) -> int:
    """``into`` holds ``folder``'s files twice over; its size in bytes."""
    into.mkdir()
    for copy in ("a", "b"):
        for path in folder.iterdir():
            shutil.copyfile(path, into / f"{copy}-{path.name}")
    return sum(p.stat().st_size for p in into.iterdir())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=float, default=30, help="MB of the smaller folder")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--per-task", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    jobs = str(args.jobs)
    dask = ["--engine", "dask", "--per-task", str(args.per_task)]
    with tempfile.TemporaryDirectory() as tmp:
        one_x = Path(tmp) / "reports"
        one_x.mkdir()
        files, size = build(one_x, args.size)
        two_x = Path(tmp) / "reports-2x"
        size2 = doubled(one_x, two_x)
        print(
            f"{files} files, {size / 1e6:.1f} MB (and twice that: {size2 / 1e6:.1f} MB), "
            f"-j {jobs}, --per-task {args.per_task}, {args.rounds} rounds, "
            f"load average {os.getloadavg()[0]:.1f} at the start"
        )
        one = one_x / min(p.name for p in one_x.iterdir())
        starts = {}
        for label, extra in (("`-j N`", []), ("`--engine dask` (LocalCluster start-up)", dask)):
            run = measure(QMINE + [str(one), "-q", "-j", jobs, *extra, "-o", f"{tmp}/one.jsonl"])
            starts[bool(extra)] = run.seconds
            print(
                f"one {one.stat().st_size / 1e3:.0f} KB report, {label}: {run.seconds:.2f} s, "
                f"peak RSS {run.rss:.0f} MB, PSS {run.pss:.0f} MB"
            )
        print(f"start-up the LocalCluster adds: {starts[True] - starts[False]:.2f} s")
        engines = {
            "`-j N`, JSON Lines": ([], "local.jsonl"),
            "`--engine dask`, JSON Lines": (dask, "dask.jsonl"),
            "`--engine dask`, Parquet parts": (dask, "parts/"),
        }
        times: dict[tuple[str, int], list[float]] = {}
        peaks: dict[str, Run] = {}
        for _ in range(args.rounds):
            for label, (extra, out) in engines.items():
                for scale, folder in ((1, one_x), (2, two_x)):
                    cmd = QMINE + [str(folder), "-q", "-j", jobs, *extra, "-o", f"{tmp}/{out}"]
                    run = measure(cmd)
                    times.setdefault((label, scale), []).append(run.seconds)
                    if scale == 2:
                        peaks[label] = max(peaks.get(label, run), run, key=lambda r: r.pss)
        print(
            "| run | s (1×) | s (2×) | whole run MB/s | × `-j N` | steady MB/s "
            "| × `-j N` | peak RSS / PSS (all processes) |"
        )
        print("|---|---|---|---|---|---|---|---|")
        base = None
        for label in engines:
            t1 = statistics.median(times[(label, 1)])
            t2 = statistics.median(times[(label, 2)])
            whole = size2 / 1e6 / t2
            steady = (size2 - size) / 1e6 / (t2 - t1)
            base = base or (whole, steady)
            print(
                f"| {label} | {t1:.1f} | {t2:.1f} | {whole:.2f} | {whole / base[0]:.2f} "
                f"| {steady:.2f} | {steady / base[1]:.2f} "
                f"| {peaks[label].rss:.0f} / {peaks[label].pss:.0f} MB |"
            )
        local = times[(next(iter(engines)), 2)]
        for label in list(engines)[1:]:
            each = ", ".join(f"{j / d:.2f}" for j, d in zip(local, times[(label, 2)]))
            print(f"{label}, × `-j N` round by round (whole run, 2×): {each}")
        same = Path(f"{tmp}/local.jsonl").read_bytes() == Path(f"{tmp}/dask.jsonl").read_bytes()
        manifest = json.loads(Path(f"{tmp}/parts/_SUCCESS.json").read_text(encoding="utf-8"))
        records = len(Path(f"{tmp}/local.jsonl").read_text(encoding="utf-8").splitlines())
        print(
            f"same JSON Lines from both engines: {same}; Parquet parts: {len(manifest['parts'])}, "
            f"{manifest['records']} records (JSON Lines: {records}); "
            f"load average {os.getloadavg()[0]:.1f} at the end"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
