"""Main targets of work reports as panel cells: how many come out right.

A gold line with ``concept`` and ``target`` (GUIDE.md's format plus those two fields)
is one cell: region × year × concept. It counts as right when a record of its
document overlaps the gold number and has the same concept, ``target: true``, period,
value, unit and qualifier (and low/high when the gold gives them). Each document's
region and code are checked against ``regions.jsonl`` beside the gold folder, and
`qmine table --concept gdp.growth --targets` must give one row per document, the same
from the reports as from piped records.

    python benchmarks/targets.py --gold GOLD_DIR --docs DOCS_DIR [--regions regions.jsonl] \
        [--meta M.csv]

``--meta`` gives what some files' text does not say, as `qmine extract --meta` does.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from qmine.extract import extract_text, read_document
from qmine.extract.evaluate import cell_problem, read_cells
from qmine.extract.records import drop_repeats
from qmine.extract.report_meta import meta_for, read_meta_table


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--docs", type=Path, required=True)
    ap.add_argument("--regions", type=Path)
    ap.add_argument("--meta", help="A CSV of file, region, year … as for qmine extract --meta.")
    ap.add_argument("-v", "--verbose", action="store_true", help="List every wrong cell.")
    args = ap.parse_args()
    gold = read_cells(args.gold)
    records, texts = {}, {}
    meta = read_meta_table(args.meta) if args.meta else {}
    for doc in sorted({g["doc"] for g in gold}):
        texts[doc] = read_document(args.docs / doc).text
        records[doc] = drop_repeats(extract_text(texts[doc], doc=doc, meta=meta_for(doc, meta)))[0]
    right: Counter = Counter()
    total: Counter = Counter()
    for g in gold:
        total[g["concept"]] += 1
        problem = cell_problem(g, texts[g["doc"]], records[g["doc"]])
        if problem is None:
            right[g["concept"]] += 1
        elif args.verbose:
            print(f"  {g['doc']}: {g['quote']} → {problem}")
    for concept in sorted(total):
        print(f"{concept:40} {right[concept]:3}/{total[concept]:3}")
    print(f"{'cells':40} {sum(right.values()):3}/{sum(total.values()):3} = "
          f"{sum(right.values()) / sum(total.values()):.1%}")
    regions_path = args.regions or args.gold.parent / "regions.jsonl"
    if regions_path.is_file():
        want = [json.loads(line) for line in regions_path.read_text(encoding="utf-8").splitlines()
                if line.strip()]
        bad = [(w["doc"],
                (records[w["doc"]][0].region, records[w["doc"]][0].region_code)
                if records[w["doc"]] else None,
                (w["region"], w["region_code"]))
               for w in want if w["doc"] in records
               and (not records[w["doc"]]
                    or (records[w["doc"]][0].region, records[w["doc"]][0].region_code)
                    != (w["region"], w["region_code"]))]
        print(f"{'regions and codes right':40} {len(want) - len(bad):3}/{len(want):3}")
        for doc, got, expected in bad:
            print(f"  {doc}: {got} ≠ {expected}")
    docs = sorted(str(args.docs / d) for d in records)
    table = [sys.executable, "-m", "qmine.cli", "table", "--concept", "gdp.growth", "--targets",
             "--format", "csv"]
    if args.meta:
        table += ["--meta", args.meta]
    from_reports = subprocess.run(table + docs, capture_output=True, text=True).stdout
    extracted = subprocess.run([sys.executable, "-m", "qmine.cli", "extract", "--format", "jsonl",
                                *docs, *(["--meta", args.meta] if args.meta else [])],
                               capture_output=True, text=True).stdout
    piped = subprocess.run(table + ["-"], input=extracted, capture_output=True, text=True).stdout
    rows = from_reports.strip().splitlines()[1:]
    print(f"{'table gdp.growth --targets rows':40} {len(rows):3} for {len(docs)} documents "
          f"({len({r.split(',')[3] for r in rows})} distinct); piped records give "
          f"{'the same table' if piped == from_reports else 'ANOTHER table'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
