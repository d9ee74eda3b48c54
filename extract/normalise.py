"""Original text → working text the scanner reads, with a map back to the original.

Steps, each either deleting a stretch or replacing one character by one character
(so :class:`~qmine.extract.offsets.OffsetMap` stays exact):

1. scraping debris removed: pinyin glosses that web scrapers leave after characters
   (``區(qū)`` → ``區``), including the mangled form whose bracket was eaten (``?shù)``),
   literal ``<U+00A0>`` escapes left by converters, a lone space between two Han
   characters or a Han character and a number (``香港特別 行政區``, ``约 68 亿元``; a
   space between two digits is a thousands separator and stays) and typographic thin
   spaces (``约\u200668\u2006亿元``);
2. full-width digits, letters, ``％`` and ``．`` → ASCII, so one grammar reads both;
3. OpenCC Traditional → Simplified, so one rule set reads both scripts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import regex

from . import layout_repair
from .markup import looks_like_markup, strip_markup
from .offsets import ComposedMap, OffsetMap

INPUT_FORMATS = ("auto", "text", "html", "xml", "pdf-text")

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = rf"[a-z{_TONED}üê]{{1,7}}"
# A gloss follows a Han character and either carries a tone mark or is a bare syllable.
GLOSS = regex.compile(
    rf"(?<=\p{{Han}})\((?:(?=[a-zü]*[{_TONED}]){_PINYIN}"
    r"|(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiou][a-z]{0,4})\)"
    rf"|\?(?=[a-z]*[{_TONED}]){_PINYIN}\)"
    r"|<U\+[0-9A-Fa-f]{4,6}>"  # R's escape for a character it could not convert (<U+00A0>)
    r"|(?<=\p{Han}) (?=[\p{Han}\d])|(?<=\d) (?=\p{Han})"  # 香港特別 行政區, 约 68 亿元 (not 2 200)
    r"|[\u2000-\u200a\u202f\u205f]"  # typographic thin spaces: 约\u200668\u2006亿元
)

# Full-width ASCII (digits, letters, ％ and ．) → ASCII; other full-width punctuation stays,
# because Chinese punctuation carries sentence structure.
_FULLWIDTH = {0xFF10 + i: 0x30 + i for i in range(10)}
_FULLWIDTH.update({0xFF21 + i: 0x41 + i for i in range(26)})
_FULLWIDTH.update({0xFF41 + i: 0x61 + i for i in range(26)})
_FULLWIDTH.update({ord("％"): ord("%"), ord("．"): ord("."), ord("～"): ord("~"),
                   0x00A0: ord(" ")})
# Replaced one match at a time: str.translate with a table walks every character of
# the report through a dict, ten times slower when most reports have few or none.
_FULLWIDTH_CHARS = {chr(k): chr(v) for k, v in _FULLWIDTH.items()}
_FULLWIDTH_RUN = re.compile("[" + "".join(_FULLWIDTH_CHARS) + "]")


@dataclass(frozen=True)
class Working:
    """The normalised text and the way back to the original."""

    text: str
    offsets: OffsetMap | ComposedMap

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span(start, end)


@lru_cache(maxsize=1)
def _converter():
    import opencc  # the C++ binding; loading takes milliseconds

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """OpenCC t2s, guaranteed to keep the length (the offset map relies on it).

    Phrase conversions that would change the length (rare) fall back to converting
    that line character by character.
    """
    cc = _converter()
    out = cc.convert(text)
    if len(out) == len(text):
        return out
    lines = []
    for line in text.splitlines(keepends=True):
        conv = cc.convert(line)
        if len(conv) != len(line):
            conv = "".join(c2 if len(c2 := cc.convert(c)) == 1 else c for c in line)
        lines.append(conv)
    return "".join(lines)


def is_markup(original: str, input_format: str = "auto") -> bool:
    """Whether ``original`` is read as a page or XML (``auto``: by its first tags)."""
    return input_format in ("html", "xml") or (input_format == "auto"
                                               and looks_like_markup(original))


def normalise(original: str, input_format: str = "auto") -> Working:
    """Build the working text of ``original`` (see the module docstring); a page or
    XML document is first reduced to its text (:mod:`qmine.extract.markup`)."""
    if is_markup(original, input_format):
        text, outer = strip_markup(original)
    elif input_format == "pdf-text" or (input_format == "auto"
                                        and layout_repair.needs_repair(original)):
        text, outer = layout_repair.repair(original)
    else:
        return _normalise_text(original)
    return normalise_stripped(text, outer)


def normalise_stripped(text: str, outer: OffsetMap) -> Working:
    """The working text of ``text``, a page's text or repaired PDF text already mapped
    back to the original by ``outer``."""
    working = _normalise_text(text)
    return Working(working.text, ComposedMap(outer, working.offsets))


def _normalise_text(original: str) -> Working:
    text, offsets = layout_repair.apply_deletions(original,
                                                  [m.span() for m in GLOSS.finditer(original)])
    text = _FULLWIDTH_RUN.sub(lambda m: _FULLWIDTH_CHARS[m.group()], text)
    return Working(to_simplified(text), offsets)
