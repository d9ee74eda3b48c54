"""The long fuzz run: hostile inputs of every family (tests/fuzzing.py) for as long as
asked, then how many ran and what failed.

    python tests/fuzz_long.py --seconds 300            # five minutes over all families
    python tests/fuzz_long.py --count 2000 --family html
    python tests/fuzz_long.py --family numbers --seed 4 --count 1 --show   # remake one input

Each input is made from (family, seed), so every failure listed can be remade with
``--family F --seed S --count 1 --show``. Failures are grouped by kind; those that are
defects of the library half of issue 10 say which item. An input slower than
``--slow`` seconds is listed too, and one that runs past ``--timeout`` is stopped.
Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # fuzzing, conftest

import fuzzing


class TimedOut(Exception):
    """An input ran past --timeout."""


def _alarm(signum, frame):
    raise TimedOut


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--seconds", type=float, default=60.0, help="time to run (default 60)")
    ap.add_argument(
        "--count", type=int, default=None, help="inputs per family (instead of --seconds)"
    )
    ap.add_argument(
        "--family",
        action="append",
        choices=[f.name for f in fuzzing.FAMILIES],
        help="only this family (repeatable); default all",
    )
    ap.add_argument("--seed", type=int, default=0, help="first seed (default 0)")
    ap.add_argument("--slow", type=float, default=5.0, help="list inputs slower than this (s)")
    ap.add_argument("--timeout", type=int, default=60, help="stop an input after this (s)")
    ap.add_argument("--show", action="store_true", help="print each input (with --count 1)")
    args = ap.parse_args(argv)

    families = [f for f in fuzzing.FAMILIES if not args.family or f.name in args.family]
    if any(f.name == "corpus" for f in families) and not fuzzing.corpus_available():
        print("fuzz: no corpus beside the project: the corpus family makes sentences instead")
    signal.signal(signal.SIGALRM, _alarm)
    ran: Counter[str] = Counter()
    failed: Counter[tuple[str, str, str]] = Counter()  # (family, kind, library item or "")
    first: dict[tuple[str, str, str], int] = {}
    met: Counter[tuple[str, str]] = Counter()  # library items met inside records
    slow: list[tuple[float, str, int]] = []
    started = time.monotonic()
    seed = args.seed
    while True:
        if args.count is not None and seed >= args.seed + args.count:
            break
        if args.count is None and time.monotonic() - started >= args.seconds:
            break
        for family in families:
            data = fuzzing.seeded(family, seed)
            if args.show:
                print(f"{family.name} {seed}: {data!r}")
            ran[family.name] += 1
            began = time.monotonic()
            signal.alarm(args.timeout)
            try:
                for item in fuzzing.check(data, family.input_format):
                    met[family.name, item] += 1
            except Exception as e:  # noqa: BLE001 - every failure is counted and listed
                item = fuzzing.library_item(data, e) or ""
                kind = "timed out" if isinstance(e, TimedOut) else fuzzing.describe(e)
                key = (family.name, "" if item else kind, item)  # one line per library item
                failed[key] += 1
                first.setdefault(key, seed)
            finally:
                signal.alarm(0)
            spent = time.monotonic() - began
            if spent > args.slow:
                slow.append((spent, family.name, seed))
        seed += 1

    elapsed = time.monotonic() - started
    print(f"fuzz: {sum(ran.values())} inputs in {elapsed:.0f} s, seeds {args.seed}..{seed - 1}")
    for family in families:
        bad = sum(n for (f, _, _), n in failed.items() if f == family.name)
        print(f"  {family.name:8} {ran[family.name]:7} inputs, {bad} failed")
    new = 0
    if failed:
        print("failures (family, kind, count, first seed):")
        for (fam, kind, item), n in sorted(failed.items(), key=lambda kv: -kv[1]):
            print(f"  {fam:8} {n:6}  seed {first[fam, kind, item]:<8} {item or 'NEW: ' + kind}")
            new += n
    for (fam, item), n in sorted(met.items()):
        print(f"  {fam:8} {n:6}  inputs with records showing: {item}")
    for spent, fam, s in sorted(slow, reverse=True)[:20]:
        print(f"  slow: {fam} seed {s}: {spent:.1f} s")
    print(f"fuzz: {new} failure(s)")
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())
