"""Numerals that are no figures: set phrases (一张蓝图绘到底, 两个大局). The phrases are
data (patterns/idioms.toml); this module finds them. (一 as an article, 打了一场…, is the
rule exclude.article's: patterns/rules/exclude.toml.)"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..patterns import data_file
from .alternation import alternation
from .tomlread import read_toml


class IdiomError(ValueError):
    """patterns/idioms.toml is malformed; the message names the key."""


@dataclass(frozen=True)
class Idioms:
    phrases: re.Pattern

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``[start, end)`` of every set phrase in ``text``, in order."""
        return [m.span() for m in self.phrases.finditer(text)]


@lru_cache(maxsize=1)
def idioms() -> Idioms:
    path = data_file("idioms.toml")
    d = read_toml(path)
    for key in ("phrases",):
        if not isinstance(d.get(key), list) or not all(isinstance(w, str) and w for w in d[key]):
            raise IdiomError(f"{path.name}: {key}: expected a list of words")
    return Idioms(re.compile(alternation(d["phrases"])))
