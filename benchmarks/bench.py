"""Throughput and peak memory of extraction on named inputs.

    python benchmarks/bench.py                     # the samples, and ../shared/corpus if present
    python benchmarks/bench.py FILE_OR_DIR ... --repeat 5

Reports, per input set: MB of text, seconds, MB/s, records/s and the process's peak
RSS. One process, after loading jieba and OpenCC (their start-up is reported apart).
"""
from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def files_of(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out.extend(sorted(q for q in p.rglob("*.txt")) if p.is_dir() else [p])
    return out


def run(name: str, files: list[Path], repeat: int) -> None:
    from qmine.extract import extract_text, read_document

    texts = [(f.name, read_document(f).text) for f in files]
    size = sum(len(t.encode("utf-8")) for _, t in texts) * repeat / 1e6
    records = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for doc, text in texts:
            records += len(extract_text(text, doc=doc))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{name:<10} {len(files):>5} files {size:8.2f} MB {seconds:8.2f} s "
          f"{size / seconds:7.2f} MB/s ({size / cpu:.2f} MB/s of CPU time) "
          f"{records / seconds:7.0f} records/s  "
          f"peak RSS {peak:4.0f} MB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=1, help="extract each input this many times")
    args = ap.parse_args()
    start = time.perf_counter()
    from qmine.extract import warm_up

    warm_up()  # jieba, OpenCC, word tables and rules, as a worker has them
    print(f"machine: {platform.machine()} {platform.processor() or ''} "
          f"python {platform.python_version()}, "
          f"start-up (jieba, OpenCC, word tables, rules) {time.perf_counter() - start:.2f} s")
    if args.paths:
        run("given", files_of(args.paths), args.repeat)
        return 0
    run("samples", files_of([ROOT / "samples"]), args.repeat)
    corpus = ROOT.parent / "shared" / "corpus"
    if corpus.is_dir():
        run("corpus", files_of([corpus]), args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
