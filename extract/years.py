"""The words of years (patterns/years.toml) as the patterns that find them.

One source for every list of year words: structure.py finds years and spans with these
patterns, naming drops the same words from names, targets take a plan's last year.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..patterns import data_file
from .alternation import alternation
from .tomlread import read_toml

# A year as reports write it: 2013, 二〇一三.
YEAR_NUMBER = r"(?:19|20)\d\d|[一二〇零][九〇零一二][〇零一二三四五六七八九]{2}"
_SPAN_DASH = r"\s*年?\s*[—–\-~至到]\s*"


class YearWordsError(ValueError):
    """patterns/years.toml is malformed; the message names the key."""


@dataclass(frozen=True)
class YearWords:
    relative: dict[str, int]        # 今年 0, 去年 -1 …
    now: frozenset[str]
    base_before: tuple[str, ...]
    base_after: tuple[str, ...]
    joins: tuple[str, ...]
    openers: tuple[str, ...]
    title_words: tuple[str, ...]
    from_words: tuple[str, ...]
    respectively: tuple[str, ...]   # naming.toml's: figures after them go to listed years in order
    back: dict[str, int]            # 五年来 5 …
    plans: dict[str, tuple[int, int]]
    plan_span_after: tuple[str, ...]
    time_words: dict[str, tuple[str, ...]]   # after_year, other, duration_openers/units/endings
    year: regex.Pattern             # a year or a relative word
    span: regex.Pattern             # a span of years




@lru_cache(maxsize=1)
def year_words() -> YearWords:
    path = data_file("years.toml")
    d = read_toml(path)

    def table(key, check, what):
        value = d.get(key)
        if not isinstance(value, dict) or not value or not all(check(v) for v in value.values()):
            raise YearWordsError(f"{path.name}: [{key}]: expected a table of word = {what}")
        return value

    def words(key, source=d):
        value = source.get(key)
        if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            raise YearWordsError(f"{path.name}: {key}: expected a list of words")
        return tuple(value)

    relative = table("relative", lambda v: isinstance(v, int), "an offset from the report's year")
    back = table("back", lambda v: isinstance(v, int) and v > 0, "a number of years")
    plans = table("plans", lambda v: (isinstance(v, list) and len(v) == 2
                                      and all(isinstance(y, int) for y in v)),
                  "[first year, last year]")
    after = words("after", d.get("plan_span", {}))
    time = d.get("time_words", {})
    time_words = {k: words(k, time) for k in ("after_year", "other", "duration_openers",
                                             "duration_units", "duration_endings")}
    year = regex.compile(
        rf"(?P<word>{alternation(relative)})?(?P<paren>[(（])?"
        rf"(?<![\d〇零一二三四五六七八九])(?P<year>{YEAR_NUMBER})年(?(paren)[)）])"
        rf"|(?P<bare>{alternation(relative)})")
    span = regex.compile(
        rf"(?<![\d〇零一二三四五六七八九])(?P<first>{YEAR_NUMBER}){_SPAN_DASH}(?P<last>{YEAR_NUMBER})年"
        rf"|(?P<back>{alternation(back)})"
        rf"|[“\"]?(?P<plan>{alternation(plans)})[”\"]?(?:{alternation(after)})")
    respectively = words("respectively", read_toml(data_file("naming.toml")))
    return YearWords(dict(relative), frozenset(words("now")), words("base_before"),
                     words("base_after"), words("joins"), words("openers"), words("title_words"),
                     words("from_words"), respectively, dict(back),
                     {k: (v[0], v[1]) for k, v in plans.items()}, after, time_words, year, span)
