"""Word lists of patterns/ as regular-expression alternations, longest word first, so
that a longer word (以上 before 上, 或以上 before 以上) wins where two start at one place.
One helper for every module that turns a list into a pattern.

Words of one length go in code-point order (two literal words of one length never
match at the same place, so their order changes no match): never in a set's order,
which changes with each process's string hashing; a pattern whose source changes from
run to run misses the cache of compiled patterns (extract/compiled.py) every time."""
from __future__ import annotations

import re
from collections.abc import Iterable


def longest_first(words: Iterable[str]) -> tuple[str, ...]:
    """``words`` without repeats, longest first, then in code-point order."""
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


def alternation(words: Iterable[str]) -> str:
    """``a|bb|ccc`` of ``words``, each escaped, longest first, without repeats."""
    return "|".join(map(re.escape, longest_first(words)))
