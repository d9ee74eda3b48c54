"""Where one process spends its time: CPU seconds per pipeline stage.

    python benchmarks/stages.py                    # ../shared/corpus (else the samples), best of 5
    python benchmarks/stages.py FILE_OR_DIR ... --runs 10

Each run extracts every input once with the segmentation caches emptied first, as a
fresh process would; the run with the least total time is shown (a shared machine
only ever adds time). The stages are the calls ``_extract_piece`` makes, timed
by wrapping them; "records" is what is left: the loop that assembles records, offsets,
years and sections. "text passes" adds up what every character goes through
(normalisation, layout, the number grammar, the rules), a floor no per-number
tuning lowers.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from bench import ROOT, files_of  # the script beside this one

STAGES = ("normalise", "Layout", "scan", "_exclude", "apply_rules", "enumerations", "names")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from qmine.extract import warm_up

    warm_up()  # loaded as a worker has it
    from qmine.extract import extract_text, naming, pipeline, read_document
    from qmine.extract.quantities import QUANTITY

    corpus = ROOT.parent / "shared" / "corpus"
    files = files_of(args.paths or [corpus if corpus.is_dir() else ROOT / "samples"])
    texts = [(f.name, read_document(f).text) for f in files]
    size = sum(len(t.encode("utf-8")) for _, t in texts) / 1e6

    working = [pipeline.normalise(text).text for _, text in texts]
    spent: dict[str, float] = defaultdict(float)
    for name in STAGES:
        setattr(pipeline, name, _timed(getattr(pipeline, name), name, spent))
    runs: list[dict[str, float]] = []
    for _ in range(args.runs):
        naming._tokens.cache_clear()
        naming.tagged.cache_clear()
        spent.clear()
        start = time.process_time()
        for doc, text in texts:
            extract_text(text, doc=doc)
        spent["total"] = time.process_time() - start
        spent["records"] = spent["total"] - sum(spent[s] for s in STAGES)
        start = time.process_time()
        for text in working:
            for _ in QUANTITY.finditer(text):
                pass
        spent["number grammar"] = time.process_time() - start
        runs.append(dict(spent))
    best = min(runs, key=lambda run: run["total"])  # the least disturbed run, whole

    print(f"{len(files)} files, {size:.2f} MB, the best of {args.runs} runs (CPU seconds)")
    total = best.pop("total")
    grammar = best.pop("number grammar")
    for key, value in sorted(best.items(), key=lambda kv: -kv[1]):
        print(f"  {re.sub('^_', '', key):<14} {value:6.3f} s  {value / total:5.1%}")
    passes = best["normalise"] + best["Layout"] + best["apply_rules"] + grammar
    print(f"  {'total':<14} {total:6.3f} s  {size / total:.2f} MB/s")
    print(f"text passes (normalise, layout, number grammar {grammar:.3f} s, rules): "
          f"{passes:.3f} s, "
          f"at most {size / passes:.1f} MB/s even if numbers cost nothing")
    return 0


def _timed(function, name: str, spent: dict[str, float]):
    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - start
    return timed


if __name__ == "__main__":
    sys.exit(main())
