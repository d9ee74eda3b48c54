"""The number grammar: surfaces of numbers in these reports and their values.

One grammar serves the scanner and the rule macros, so a rule's ``{QTY}`` and the
quantity scanner always agree on where a number starts and ends.

Handled: Arabic digits with thousands separators and decimals (``1,649``, ``90.6``);
Chinese numerals (``二十二``, ``一千八百零三``, ``两万``, ``四点二五``, ``二〇一三``);
mixtures of the two with a scale word (``1.2万``, ``2.46亿``, ``7.4万亿``).
The text is already normalised (simplified script, ASCII digits) when these run.
"""
from __future__ import annotations

import regex

from ..patterns import data_file
from .tomlread import DataFileError, Expect, check, read_data

# Thousands separated by commas (34,000) or by a space, as Hong Kong texts write them (4 000).
# Runs are bounded (at most 20 digits, seven groups) and never start inside a run of digits:
# no report writes a longer number, and an unbounded run makes every pattern that may start
# at each of its digits (a rule's {QTY}) quadratic in its length. Possessive quantifiers give
# nothing back, so a run too long to be a number fails at once.
ARABIC = (r"(?<!\d)(?:\d{1,3}(?:,\d{3}){1,6}+(?:\.\d++)?"
          r"|\d{1,3}(?:[ \u00a0\u2006\u2009\u202f]\d{3}){1,6}(?![\d.])"
          r"|\d{1,20}+(?!\d)(?:\.\d++)?)")
CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUMERAL = rf"[{CN_DIGITS}十百千万亿]+(?:点[{CN_DIGITS}]+)?"


class ScaleWordsError(DataFileError):
    """patterns/numerals.toml is malformed; the message names the key."""


def _numerals_file() -> dict:
    path = data_file("numerals.toml")
    d = read_data(path, "scale word list", ScaleWordsError)
    for key in ("ratio_words", "ratio_colons"):
        check(str(path), d, key, Expect.STRINGS, required=True, error=ScaleWordsError)
    return d


def _scale_words() -> tuple[dict[str, float], dict[str, list[str]]]:
    """The scale words of patterns/numerals.toml and the words they are no scale before."""
    d = _numerals_file()
    scales, not_before = d.get("scales"), d.get("not_before", {})
    if not isinstance(scales, dict) or not scales or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0
            for v in scales.values()):
        raise ScaleWordsError(f"{data_file('numerals.toml')}: [scales]: expected a table of scale "
                              "word = its value")
    for word in not_before:
        check(str(data_file("numerals.toml")), not_before, word, Expect.STRINGS,
              error=ScaleWordsError)
    return {k: float(v) for k, v in scales.items()}, not_before


_SCALE_VALUE, _NOT_SCALE_BEFORE = _scale_words()
_RATIO_WORDS = tuple(_numerals_file()["ratio_words"])
_RATIO_COLONS = tuple(_numerals_file()["ratio_colons"])
# 一比二十一点八: 1 to 21.8.
RATIO_ONE = rf"(?:一|1)(?:{'|'.join(map(regex.escape, _RATIO_WORDS))})"
# Decimals joined by colons, each a part of a structure (25.72:26.84:47.44); a time (9:20)
# has no decimals.
_COLON = "[" + "".join(map(regex.escape, _RATIO_COLONS)) + "]"
_DECIMAL = r"\d{1,6}\.\d{1,6}"
RATIO_PARTS = regex.compile(rf"(?<![\d.]){_DECIMAL}(?:{_COLON}{_DECIMAL})+(?![\d.])")
RATIO_PART = regex.compile(r"\d{1,6}\.\d{1,6}")
# Scale words after Arabic digits, longest first, each unless a word follows that makes
# it part of a unit (千米, 百分点).
SCALE = "(?:" + "|".join(
    regex.escape(w) + (f"(?!{'|'.join(map(regex.escape, _NOT_SCALE_BEFORE[w]))})"
                       if w in _NOT_SCALE_BEFORE else "")
    for w in sorted(_SCALE_VALUE, key=len, reverse=True)) + ")"
NUMBER = rf"(?:{ARABIC}|{CN_NUMERAL})"

# The positional system itself: digits and the small units between them.
_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
SCALE_ONLY = frozenset(_SCALE_VALUE) | set(_SMALL_UNIT)


def is_chinese(surface: str) -> bool:
    """True when the number is written in Chinese numerals (Arabic ones start with a digit)."""
    return not surface[:1].isdigit()


def scale_value(word: str | None) -> float:
    """Multiplier of a scale word (``万`` → 1e4); 1 for none."""
    return _SCALE_VALUE[word] if word else 1.0


def parse_number(surface: str) -> float:
    """Value of a number surface, Arabic or Chinese, without scale suffix handling.

    >>> parse_number("1,649"), parse_number("一千八百零三"), parse_number("四点二五")
    (1649.0, 1803.0, 4.25)
    """
    if not is_chinese(surface):
        try:
            return float(surface)  # most figures: plain digits
        except ValueError:  # thousands separated by commas or spaces
            return float("".join(surface.split()).replace(",", ""))
    s = "".join(surface.split())
    if "点" in s:
        whole, frac = s.split("点", 1)
        digits = "".join(str(_DIGIT[c]) for c in frac)
        return (_parse_cn_int(whole) if whole else 0.0) + float("0." + digits)
    return _parse_cn_int(s)


def _parse_cn_int(s: str) -> float:
    """Chinese integer numerals: positional (十三, 七亿四千万) or digit strings (二〇一三).

    Read in a loop, not by recursion on each 亿 or 万: a run of a thousand 万 is
    hostile input, not a deeper numeral, and must not exhaust the stack."""
    if len(s) > 1 and all(c in _DIGIT for c in s):
        return float("".join(str(_DIGIT[c]) for c in s))
    if "亿" in s:  # split at every 亿, leftmost group highest: 三万亿 is 3万 × 1亿
        first, *groups = s.split("亿")
        if not all(groups[:-1]):
            raise ValueError(f"not a Chinese numeral: {s!r}")  # 亿亿: a scale word twice
        total = _parse_cn_int(first) if first else 1.0
        for group in groups:
            total = total * 1e8 + _parse_wan(group, elided=1e7)
        return total
    return _parse_wan(s, elided=1.0)


def _parse_wan(s: str, elided: float) -> float:
    """A numeral without 亿; each 万 counts the group before it (两万五千 → 25000). A
    bare digit after the last unit counts in ``elided`` (一亿五 → 1.5亿) or, after a
    万, in thousands (两万五 → 25000)."""
    if "万" not in s:
        return _parse_below_wan(s, elided=elided) if s else 0.0
    *groups, last = s.split("万")
    if not all(groups[1:]):
        raise ValueError(f"not a Chinese numeral: {s!r}")  # 万万: a scale word twice
    total = sum(_parse_int_group(g) * 1e4 for g in groups)
    return total + (_parse_below_wan(last, elided=1e3) if last else 0.0)


def _parse_int_group(s: str) -> float:
    """The count before a 万 (none means one: 万元 is 1万元)."""
    if not s:
        return 1.0
    if len(s) > 1 and all(c in _DIGIT for c in s):
        return float("".join(str(_DIGIT[c]) for c in s))
    return _parse_below_wan(s)


def _parse_below_wan(s: str, elided: float = 1.0) -> float:
    """Numerals below 10 000: 二十二, 一千八百零三, 十三; a bare trailing digit
    after a unit counts in the next lower unit (两万五 → 25000, 三百五 → 350)."""
    if not s:
        return 0.0
    if len(s) == 1 and s in _DIGIT:
        return _DIGIT[s] * elided
    total, digit, last_unit, zero_seen = 0.0, None, None, False
    for c in s:
        if c in _DIGIT:
            if _DIGIT[c] == 0:
                zero_seen = True
            digit = _DIGIT[c]
        elif c in _SMALL_UNIT:
            total += (1 if digit is None else digit) * _SMALL_UNIT[c]
            digit, last_unit, zero_seen = None, _SMALL_UNIT[c], False
        else:
            raise ValueError(f"not a Chinese numeral: {s!r}")
    if digit:
        total += digit * (last_unit / 10 if last_unit and not zero_seen and last_unit > 10 else 1)
    return total
