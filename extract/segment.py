"""Word segmentation: jieba's dictionary and jieba's answer, computed faster.

jieba (without its HMM, as qmine uses it) cuts a stretch of Han characters along
the most probable route through every dictionary word it holds. Its code builds a
dict of candidate lists and a generator per position; here the same route is
worked out with two flat lists, from the log-probabilities computed once at load.
The words are the same as ``Tokenizer.lcut(text, HMM=False)`` gives, ties included
(tests/test_segment.py compares the two); jieba still loads the dictionary and
splits text into blocks with its own patterns.
"""
from __future__ import annotations

import importlib
import marshal
import sys
from math import log
from types import ModuleType

_ABSENT = object()  # not even the start of a dictionary word
_LATIN_OR_DIGIT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def import_jieba() -> ModuleType:
    """jieba, imported without pkg_resources. jieba uses pkg_resources only to find
    its own files and falls back to a plain path without it (as it must where
    setuptools no longer ships pkg_resources); importing pkg_resources takes longer
    than the rest of jieba and warns that it is deprecated."""
    hide = "jieba" not in sys.modules and "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes its import fail
    try:
        jieba = importlib.import_module("jieba")
    finally:
        if hide:
            del sys.modules["pkg_resources"]
    jieba.marshal = _WholeFileMarshal  # type: ignore[attr-defined]
    return jieba


class _WholeFileMarshal:
    """What jieba needs of marshal to cache its dictionary, except that the cache is
    read in one piece: ``marshal.load`` on a file reads it in small pieces, six
    times slower (0.4 s of every start-up)."""

    dump = staticmethod(marshal.dump)

    @staticmethod
    def load(file):
        return marshal.loads(file.read())


class Segmenter:
    """``words(text)`` equals ``tokenizer.lcut(text, HMM=False)``."""

    def __init__(self, tokenizer) -> None:
        jieba = import_jieba()
        self._block, self._skip = jieba.re_han_default, jieba.re_skip_default
        tokenizer.check_initialized()
        log_total = log(tokenizer.total)
        # Every word's log-probability; None for a prefix of a word that is no word
        # itself (jieba's frequency 0), so one lookup says both.
        self.log_p: dict[str, float | None] = {
            w: log(f) - log_total if f else None for w, f in tokenizer.FREQ.items()}
        self.unknown = log(1) - log_total  # a character the dictionary lacks

    def words(self, text: str) -> list[str]:
        out: list[str] = []
        for block in self._block.split(text):
            if not block:
                continue
            if self._block.match(block):
                out.extend(self._route(block))
            else:  # punctuation and spaces: one character a word, line breaks kept whole
                for piece in self._skip.split(block):
                    if self._skip.match(piece):
                        out.append(piece)
                    else:
                        out.extend(piece)
        return out

    def _route(self, text: str) -> list[str]:
        """The most probable cut of a block, as jieba's ``calc``: from the end back,
        each position takes the word that maximises its probability plus the best of
        the rest (on a tie, the longer word)."""
        log_p, n, absent = self.log_p, len(text), _ABSENT
        best = [0.0] * (n + 1)
        word_end = [0] * n
        for k in range(n - 1, -1, -1):
            top, stop, found = self.unknown + best[k + 1], k + 1, False
            i = k + 1
            p = log_p.get(text[k], absent)
            while p is not absent:
                if p is not None and (not found or p + best[i] >= top):
                    top, stop, found = p + best[i], i, True
                if i == n:
                    break
                i += 1
                p = log_p.get(text[k:i], absent)
            best[k], word_end[k] = top, stop
        out: list[str] = []
        x, latin = 0, ""
        while x < n:  # single Latin letters and digits run together (jieba's re_eng)
            y = word_end[x]
            if y - x == 1 and text[x] in _LATIN_OR_DIGIT:
                latin += text[x]
            else:
                if latin:
                    out.append(latin)
                    latin = ""
                out.append(text[x:y])
            x = y
        if latin:
            out.append(latin)
        return out
