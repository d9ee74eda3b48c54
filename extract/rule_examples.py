"""Running the examples rule files carry: each lists the records its text must give,
all of them — a rule that names too much fails as surely as one that misses."""
from __future__ import annotations

import math
from typing import Iterator

from .pipeline import extract_text
from .records import Record
from .rules import Rule


def example_problems(example: dict, rules: tuple[Rule, ...]) -> list[str]:
    records = extract_text(example["text"], doc="example", rules=rules)
    expected = example.get("expect", [])
    problems = []
    unmatched = list(records)
    for want in expected:
        hit = next((r for r in unmatched if _agrees(r, want)), None)
        if hit is None:
            got = "; ".join(f"{r.indicator} {r.value}{r.unit}" for r in records) or "nothing"
            problems.append(f"expected {want}, got {got}")
        else:
            unmatched.remove(hit)
    for r in unmatched:
        problems.append(f"unexpected record {r.indicator!r} {r.value} {r.unit!r} (rule {r.rule})")
    return problems


def _agrees(record: Record, want: dict) -> bool:
    for key, value in want.items():
        got = getattr(record, key, None)
        if isinstance(value, (int, float)) and not isinstance(value, bool) \
                and isinstance(got, (int, float)):
            if not math.isclose(float(got), float(value), rel_tol=1e-6):
                return False
        elif got != value and not (value == "" and got is None):
            return False  # TOML has no null: "" stands for it
    return True


def check_examples(rules: tuple[Rule, ...]) -> Iterator[tuple[Rule, dict, list[str]]]:
    for rule in rules:
        for example in rule.examples:
            yield rule, example, example_problems(example, rules)
