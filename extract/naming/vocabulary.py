"""The words naming works with (patterns/naming.toml), read once and checked."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...patterns import data_file
from ..tomlread import DataFileError, Expect, check, read_data


@dataclass(frozen=True)
class NamingWords:
    strip_prefix: frozenset[str]
    strip_suffix: frozenset[str]
    shared_figure: tuple[str, ...]
    list_separators: tuple[str, ...]
    region_words: tuple[str, ...]
    levels: tuple[str, ...]
    respectively: tuple[str, ...]
    noun_tags: frozenset[str]
    short_name: int
    max_left: int
    trim_over: int
    right_stop: frozenset[str]
    change_words: frozenset[str]
    predicate_start: frozenset[str]
    measure_chars: str
    shared_suffixes: tuple[str, ...]
    from_words: tuple[str, ...]
    subject_heads: frozenset[str]
    front_tags: frozenset[str]
    back_tags: frozenset[str]
    keep_words: frozenset[str]
    particles: frozenset[str]
    group_words: frozenset[str]
    example_markers: tuple[str, ...]
    topic_measures: tuple[str, ...]


SETS = ("strip_prefix", "strip_suffix", "noun_tags", "right_stop", "change_words", "subject_heads",
        "front_tags", "back_tags", "keep_words", "particles", "group_words")
LISTS = ("shared_figure", "list_separators", "region_words", "levels", "respectively",
         "shared_suffixes", "from_words", "topic_measures", "example_markers")
NUMBERS = ("short_name", "max_left", "trim_over")


class NamingWordsError(DataFileError):
    """patterns/naming.toml cannot be used; the message names the key."""


@lru_cache(maxsize=1)
def words() -> NamingWords:
    path = data_file("naming.toml")
    d = read_data(path, "naming word list", NamingWordsError)
    for key in SETS + LISTS:
        check(str(path), d, key, Expect.STRINGS, required=True, error=NamingWordsError)
    for key in NUMBERS:
        if check(str(path), d, key, Expect.INTEGER, required=True, error=NamingWordsError) < 0:
            raise NamingWordsError(f"{path}: {key} must be a whole number of 0 or more, "
                                   f"not {d[key]}")
    check(str(path), d, "measure_chars", Expect.STRING, required=True, error=NamingWordsError)
    sets = {k: frozenset(d[k]) for k in SETS}
    lists = {k: tuple(d[k]) for k in LISTS}
    numbers = {k: int(d[k]) for k in NUMBERS}
    # Where the predicate of an enumeration's last item starts (…技改投资|分别增长).
    predicate_start = (sets["change_words"] | sets["strip_suffix"]
                       | frozenset(lists["respectively"]) | frozenset(lists["shared_figure"]))
    return NamingWords(**sets, **lists, **numbers, predicate_start=predicate_start,
                       measure_chars=str(d["measure_chars"]))
