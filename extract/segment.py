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

import hashlib
import importlib
import importlib.util
import marshal
import os
import re
import sys
from collections.abc import Callable, Sequence
from math import log
from pathlib import Path
from types import ModuleType
from typing import Any

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


def cached(name: str, files: Sequence[Path], build: Callable[[], Any]) -> Any:
    """``build()``, kept in qmine's cache folder (marshal) for as long as ``files`` (by
    path, size and modification time) and jieba's version stay the same: loading
    jieba's dictionary and working out every word's probability took a quarter of a
    second of every start-up, reading the result back takes a few hundredths."""
    from .compiled import cache_dir, prune, write_atomically

    jieba = importlib.util.find_spec("jieba")  # its version, without importing it (0.15 s)
    stamp = [sys.version, name, str(jieba and jieba.origin)]
    for f in ([jieba.origin] if jieba and jieba.origin else []):
        st = os.stat(f)
        stamp += [str(st.st_size), str(st.st_mtime_ns)]
    for f in files:
        st = os.stat(f)
        stamp += [str(Path(f).resolve()), str(st.st_size), str(st.st_mtime_ns)]
    key = hashlib.sha1("\0".join(stamp).encode()).hexdigest()[:16]
    folder = cache_dir()
    path = folder / f"{name}-{key}.marshal" if folder is not None else None
    if path is not None:
        try:
            return marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            pass  # absent or damaged: built again
    value = build()
    if path is not None:
        write_atomically(path, marshal.dumps(value))
        prune(path.parent, f"{name}-*.marshal")
    return value


class Segmenter:
    """``words(text)`` equals ``tokenizer.lcut(text, HMM=False)``."""

    def __init__(self, tokenizer=None, table: tuple | None = None) -> None:
        """From a jieba ``tokenizer``, or from the ``table`` :meth:`table_of` one
        gave (kept in a cache, so that jieba need not even be imported)."""
        # Every word's log-probability; None for a prefix of a word that is no word
        # itself (jieba's frequency 0), so one lookup says both; that of a character
        # the dictionary lacks; and jieba's patterns for blocks of text.
        if table is None:
            table = self.table_of(tokenizer)
        self.log_p, self.unknown, block, skip = table
        self._block, self._skip = re.compile(*block), re.compile(*skip)

    @staticmethod
    def table_of(tokenizer) -> tuple:
        jieba = import_jieba()
        tokenizer.check_initialized()
        log_total = log(tokenizer.total)
        log_p = {w: log(f) - log_total if f else None for w, f in tokenizer.FREQ.items()}
        patterns = [(p.pattern, p.flags) for p in (jieba.re_han_default, jieba.re_skip_default)]
        return (log_p, log(1) - log_total, *patterns)

    @classmethod
    def cached(cls, load_tokenizer: Callable[[], Any], files: Sequence[Path]) -> Segmenter:
        """The segmenter of the tokenizer ``load_tokenizer()`` gives, whose dictionary
        is ``files``; jieba loads it only when the cache lacks it."""
        return cls(table=cached("segmenter", files, lambda: cls.table_of(load_tokenizer())))

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
