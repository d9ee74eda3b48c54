"""Words of a short stretch, jieba's way (qmine's own tokenizer over patterns/words.txt and
userdict.txt), with their dictionary part-of-speech tags; and whether a numeral stands
alone or is part of a word (统一部署 has no 一部)."""
from __future__ import annotations

from functools import lru_cache

import regex

from ...patterns import data_file
from ..segment import Segmenter, cached, import_jieba

_HAN_CHAR = regex.compile(r"\p{Han}")


@lru_cache(maxsize=1)
def _jieba():
    """qmine's own jieba tokenizer, loaded on first use: patterns/words.txt (jieba's
    dictionary, words of frequency 20 and up, so it loads in a fraction of the time)
    plus the domain dictionary. jieba's global tokenizer is left alone."""
    import logging

    jieba = import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer(str(data_file("words.txt")))
    tokenizer.load_userdict(str(data_file("userdict.txt")))
    return tokenizer


@lru_cache(maxsize=1)
def _segmenter() -> Segmenter:
    # jieba loads its dictionary on a cache miss only
    return Segmenter.cached(_jieba, _dictionary())


@lru_cache(maxsize=1)
def _tags() -> dict[str, str]:
    return cached("tags", _dictionary(), _read_tags)


def _dictionary() -> tuple:
    """jieba's dictionary, then the domain's: what the cached tables are made from."""
    return (data_file("words.txt"), data_file("userdict.txt"))


def _read_tags() -> dict[str, str]:
    """Part-of-speech tag of each dictionary word (the third column of both files)."""
    table: dict[str, str] = {}
    for name in ("words.txt", "userdict.txt"):
        with open(data_file(name), encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3:
                    table[parts[0]] = parts[2]
    return table


def tokens(text: str) -> list[str]:
    """jieba words of a short stretch (names repeat, so segmentations are remembered)."""
    return list(_tokens(text)) if text else []


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_segmenter().words(text))


@lru_cache(maxsize=16384)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """Words with their dictionary part-of-speech tag ("x" for words it lacks)."""
    tags = _tags()
    return tuple((w, tags.get(w, "x")) for w in _tokens(text)) if text else ()


def stands_alone(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a numeral and its unit) is not part of a longer word:
    a word starts at ``start`` (统一部署 has none at 一) and none runs past ``end``
    (三次产业 is a word, not 三次)."""
    if start > 0 and _HAN_CHAR.match(text, start - 1) and not starts_token(text, start):
        return False
    first = tokens(text[start:end + 3])
    return not first or len(first[0]) <= end - start


def starts_token(text: str, pos: int, window: int = 4) -> bool:
    """Whether a word starts at ``pos`` (统一部署 has none at 一: it is no number)."""
    left = max(0, pos - window)
    at = left
    for tok in tokens(text[left:pos + window]):
        if at == pos:
            return True
        if at > pos:
            return False
        at += len(tok)
    return at == pos


def warm_up() -> None:
    """Load the tokenizer and the tag table now (before a batch forks its workers)."""
    _segmenter()
    _tags()
