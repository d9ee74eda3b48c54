"""The quantity scanner: every number in the working text with its scale, unit and
qualifier, before anyone decides what it measures.

The scanner is deliberately generous. Quantities that are only sometimes indicators
(ordinals 第N, numbers with no unit, Chinese numerals standing alone, durations) carry
``needs_rule``: a rule may claim them, the naming fallback never does.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import isfinite

import regex

from ..patterns import data_file
from .alternation import alternation
from .numerals import (
    NUMBER,
    RATIO_ONE,
    RATIO_PART,
    RATIO_PARTS,
    SCALE,
    SCALE_ONLY,
    is_chinese,
    parse_number,
    scale_value,
)
from .records import QUALIFIERS
from .tomlread import DataFileError, Expect, check, read_data
from .units import UnitTable, unit_table


class QualifierWordsError(DataFileError):
    """patterns/qualifiers.toml is malformed; the message names the key."""


def _qualifier_words() -> dict:
    """patterns/qualifiers.toml, checked: its tables map words to a qualifier of
    records.QUALIFIERS, its lists are lists of words."""
    path = data_file("qualifiers.toml")
    d = read_data(path, "qualifier word list", QualifierWordsError)
    for key in ("before", "inner", "after"):
        table = d.get(key)
        if not isinstance(table, dict) or not all(v in QUALIFIERS for v in table.values()):
            raise QualifierWordsError(f"{path}: [{key}]: expected a table of word = one of "
                                      f"{', '.join(QUALIFIERS)}")
    for key in ("threshold", "range_words", "not_tenths", "per", "after_scale"):
        check(str(path), d, key, Expect.STRINGS, required=True, error=QualifierWordsError)
    return d


_WORDS = _qualifier_words()
PRE_QUALIFIERS: dict[str, str] = _WORDS["before"]      # before the number
INNER_QUALIFIERS: dict[str, str] = _WORDS["inner"]     # between number and unit (余 多 几)
POST_QUALIFIERS: dict[str, str] = _WORDS["after"]      # after the unit
THRESHOLD_WORDS: tuple[str, ...] = tuple(_WORDS["threshold"])
RANGE_WORDS: tuple[str, ...] = tuple(_WORDS["range_words"])


# A rate of a unit: 3095万吨/年, 6.6批次/千人.
_PER = regex.compile(rf"/(?:{alternation(_WORDS['per'])})")
# 成 after a numeral is a tenth (四成三 = 43%) unless it starts a word: 一成不变, 三成立.
_NOT_CHENG = alternation(_WORDS["not_tenths"])
_CHENG = {"半": 0.5}

# The number grammar, in pieces shared by the scanner and by rules' {QTY}, so the two
# always agree on where a number is.
_PRE = alternation(PRE_QUALIFIERS)
_DENOMINATOR = "[一二三四五六七八九十百千万]+"
_DASH = rf"(?:[~\-—–]|{alternation(RANGE_WORDS)})"   # 4~5, 10-20万, 4.5%—5%, 4至5
_INNER = alternation(INNER_QUALIFIERS)
_OVER = alternation(_WORDS["after_scale"])         # 3万多亿, 1亿3千多万
# Digits with a second scale word, after the first: 3万多亿 (a larger scale: over 3×10¹²),
# 1亿3千多万 and 2亿3456万 (a count of 万 after 亿), 1万6千 (thousands after 万).
_COMPOUND = (rf"(?:(?<=[千百万](?:{_OVER})?)亿|(?<=[千百](?:{_OVER})?)万"
             rf"|(?<=亿)\d{{1,4}}[千百]?(?:{_OVER})?万|(?<=万)\d[千百](?:{_OVER})?)")
_TAIL = regex.compile(rf"(\d+)([千百]?)({_OVER})?(万?)")

# The surface of a number as rules see it through {QTY}: the same grammar, unit aside.
NUMBER_SURFACE = (
    rf"(?:(?:{_PRE})?(?:百分之{NUMBER}|{_DENOMINATOR}分之{NUMBER}|第{NUMBER}"
    rf"|{NUMBER}(?:%?\s?{_DASH}\s?{NUMBER})?(?:{_INNER})?{SCALE}?(?:{_OVER})?(?:{_COMPOUND})?))"
)

QUANTITY = regex.compile(
    rf"(?P<pre>{_PRE})?"
    rf"(?:百分之(?P<pct>{NUMBER})"
    rf"|(?P<den>{_DENOMINATOR})分之(?P<numr>{NUMBER})"
    rf"|第(?P<ord>{NUMBER})"
    rf"|{RATIO_ONE}(?P<ratio>{NUMBER})"
    rf"|(?P<cheng>[一二两三四五六七八九半])成(?P<cheng2>[一二三四五六七八九])?(?!{_NOT_CHENG})"
    rf"|(?P<num>{NUMBER})(?:%?\s?(?P<dash>{_DASH})\s?(?P<num2>{NUMBER}))?"
    rf"(?P<q1>{_INNER})?(?P<scale>{SCALE})?(?P<q2>{_OVER})?(?P<compound>{_COMPOUND})?)"
)
_ALT_UNIT = regex.compile(r"[（(]\p{Han}{1,2}[)）]")
_POST = regex.compile(rf"(?:{alternation(POST_QUALIFIERS)})")
_POST_FIRST = frozenset(w[0] for w in POST_QUALIFIERS)
_HAN = regex.compile(r"\p{Han}")
# Never named, claimed by a rule, nor a boundary of a name: not worth keeping.
_FORGOTTEN = frozenset({"identifier", "list marker", "page number", "footnote mark",
                        "Chinese numeral without unit"})
_YEAR_LIKE = regex.compile(r"(?:19|20)\d\d")


@dataclass(slots=True)
class Quantity:
    """One number as found: span, value in the canonical unit, unit, qualifier."""

    start: int            # working offset of the number (after any 约/超过 …)
    end: int              # end of number, scale and unit as written
    value: float
    unit: str
    kind: str
    qualifier: str = "exact"
    pre_start: int = 0    # start including a qualifier word before the number
    after: int = 0        # end including a qualifier word after the unit (以上 …)
    low: float | None = None
    high: float | None = None
    chinese: bool = False
    has_unit: bool = False
    post: str = ""        # the qualifier word after the unit, if any
    needs_rule: str = ""  # why the fallback may not name it ("" when it may)
    drop: str = ""        # why it is not an indicator at all ("" when it may be)


def scan(text: str, table: UnitTable | None = None, keep_all: bool = False) -> list[Quantity]:
    """The quantities of ``text`` in order of position. Numbers that can never be an
    indicator nor shape one (identifiers, list markers, bare Chinese numerals) are left
    out unless ``keep_all`` (for tests and debugging: their ``drop`` says why)."""
    table = table or unit_table()
    found: list[Quantity] = []
    last_end = 0
    ratio_parts = {p.start(): p.end() for run in RATIO_PARTS.finditer(text)
                   for p in RATIO_PART.finditer(text, run.start(), run.end())}
    for m in QUANTITY.finditer(text):
        if m.start() < last_end:  # inside the last one's unit (9500m2)
            continue
        if m.start() in ratio_parts:  # a part of 25.72:26.84:47.44
            end = ratio_parts[m.start()]
            found.append(Quantity(m.start(), end, float(text[m.start():end]), "", "ratio",
                                  pre_start=m.start(), after=end))
            last_end = end
            continue
        try:
            q = _read(m, text, table)
        except ValueError:  # 万万元, 亿亿元: a scale word twice is no numeral
            continue
        if q is not None and not isfinite(q.value + (q.low or 0) + (q.high or 0)):
            continue  # 400 digits: no report writes such a figure, nor can JSON hold it
        if q is not None:
            last_end = q.end
            if keep_all or (q.drop not in _FORGOTTEN and q.needs_rule not in _FORGOTTEN):
                found.append(q)
    return found


# The groups of QUANTITY, in order (one ``m.groups()`` call is far cheaper than
# ``groupdict`` or a call per group with the regex module).
_GROUPS = ("pre", "pct", "den", "numr", "ord", "ratio", "cheng", "cheng2", "num", "dash", "num2",
           "q1", "scale", "q2", "compound")
assert tuple(QUANTITY.groupindex) == _GROUPS


def _read(m: regex.Match, text: str, table: UnitTable) -> Quantity | None:
    (pre, pct, den, numr, ordinal, ratio, cheng, cheng2, num, _, num2, q1, scale, q2,
     compound) = m.groups()
    start, end = m.span()
    number_start = start + len(pre) if pre else start
    qualifier = PRE_QUALIFIERS[pre] if pre else "exact"
    if pct:
        q = Quantity(number_start, end, parse_number(pct), "%", "rate", has_unit=True,
                     chinese=is_chinese(pct))
    elif den:  # 三分之二 = 66.7%
        q = Quantity(number_start, end, parse_number(numr) / parse_number(den) * 100, "%",
                     "rate", has_unit=True, chinese=True)
    elif ordinal:
        q = Quantity(number_start, end, parse_number(ordinal), table.rank_unit, "rank",
                     has_unit=True, chinese=is_chinese(ordinal), needs_rule="ordinal")
    elif ratio:  # 一比二十一点八
        q = Quantity(number_start, end, parse_number(ratio), "", "ratio", chinese=is_chinese(ratio))
    elif cheng:
        tens = (_CHENG.get(cheng) or parse_number(cheng)) * 10
        q = Quantity(number_start, end, tens + (parse_number(cheng2) if cheng2 else 0), "%", "rate",
                     has_unit=True, chinese=True)
    else:
        q = _read_plain(text, table, number_start, end, num, num2, scale, pre, compound)
        if q is None:
            return None
        if q1:
            qualifier = INNER_QUALIFIERS[q1]
        if q2 or (compound and any(w in compound for w in _WORDS["after_scale"])):
            qualifier = "over"
        if num2:
            qualifier = "about"
    q.pre_start = start
    q.after = q.end
    if q.end < len(text) and text[q.end] in _POST_FIRST:
        post = _POST.match(text, q.end)
        if post:
            q.after = post.end()
            q.post = post.group()
            qualifier = POST_QUALIFIERS[q.post]
    q.qualifier = qualifier
    return q


def _read_plain(text: str, table: UnitTable, start: int, end: int, surface: str, num2: str | None,
                scale_word: str | None, pre: str | None,
                compound: str | None = None) -> Quantity | None:
    """A number in digits or numerals, with its scale word and unit. ``start`` is where
    the number itself starts (after any qualifier word), ``end`` where the match ends."""
    chinese = not surface[0].isdigit()
    before = text[start - 1] if start else ""
    if before and before.isascii() and (before.isalpha() or before in "./#-_:"):
        return Quantity(start, end, 0.0, "", "count", drop="identifier")  # FM105, No.5: not parsed
    unit = table.match(text, end, chinese)
    if chinese and unit is None:  # 统一, 一是, 十八大: words, not figures
        return Quantity(start, end, 0.0, "", "count", chinese=True,
                        needs_rule="Chinese numeral without unit")
    try:
        scale = scale_value(scale_word)
        low = parse_number(surface) * scale
        high = parse_number(num2) * scale if num2 else None
        if compound and high is None:
            low = _with_compound(low, compound)
    except ValueError:
        return None
    q = Quantity(start, end, low, "", "count", chinese=chinese)
    if high is not None:
        if high <= low:  # 2019–20 is a fiscal year, 3-1 a score: not a range
            return Quantity(start, start + len(surface), low, "", "count", chinese=chinese,
                            needs_rule="not a range")
        q.low, q.high, q.value = low, high, (low + high) / 2
    if unit is not None:
        q.end = end + len(unit.surface)
        q.unit, q.kind, q.has_unit = unit.unit, unit.kind, True
        q.value *= unit.scale
        if unit.needs_rule:
            q.needs_rule = unit.needs_rule
        if q.end < len(text):
            following = text[q.end]
            if following in "（(":
                alt = _ALT_UNIT.match(text, q.end)
                if alt:
                    q.end = alt.end()
            elif following == "/":
                per = _PER.match(text, q.end)
                if per:
                    q.end, q.unit = per.end(), q.unit + per.group()
    _judge(q, surface, text, start, bool(scale_word), bool(pre))
    return q


def _with_compound(value: float, compound: str) -> float:
    """The value of a number once the second scale word of _COMPOUND is read."""
    if not compound[0].isdigit():  # 3万多亿: the scales multiply
        return value * scale_value(compound)
    digits, small, _, wan = _TAIL.fullmatch(compound).groups()
    return value + int(digits) * scale_value(small or None) * scale_value(wan or None)


def _judge(q: Quantity, surface: str, text: str, num_start: int, scaled: bool,
           qualified: bool) -> None:
    """Mark numbers that are list markers, page numbers, footnote marks, identifiers,
    years or bare numerals (GUIDE.md's exclusions); :func:`_read_plain` has already
    set aside numbers glued to a Latin letter (FM105)."""
    before = text[num_start - 1] if num_start > 0 else ""
    after = text[q.end] if q.end < len(text) else ""
    if not q.has_unit and after in ".．、)）\t\r\n" and _opens_line(text, num_start):
        q.drop = "list marker"  # 20.\t香港市民… numbers a paragraph; 10 alone on its line a section
    elif before in "—-" and after in "—-" and after:
        q.drop = "page number"
    elif before in "[［〔【" and after in "]］〕】" and after:
        q.drop = "footnote mark"  # 地区生产总值[2]13778.34亿元
    elif not q.has_unit and (after in ":：" or (len(surface) > 1 and surface[0] == "0"
                                               and surface[1].isdigit())):
        q.drop = "identifier"  # 09:20, 01
    elif not q.has_unit and (after.isascii() and after.isalnum()):
        q.drop = "identifier"
    elif q.chinese and surface in SCALE_ONLY and not (q.has_unit and qualified):
        q.needs_rule = q.needs_rule or "bare scale word"  # 千家企业帮扶 names; 超百亿美元 counts
    elif not q.has_unit:
        if _HAN.match(after or " ") and not scaled:  # 6069万农民 counts farmers; 50佳 is a name
            q.needs_rule = q.needs_rule or "unknown unit"
        elif not scaled and len(surface) == 4 and _YEAR_LIKE.fullmatch(surface):
            q.drop = "year"  # 2013 is a year, 2000万 is not
        else:
            q.needs_rule = q.needs_rule or ("" if scaled or "." in surface or len(surface) > 1
                                            else "bare digit")


def _opens_line(text: str, pos: int) -> bool:
    """Only white space stands between the line's start and ``pos``. Walks back over
    that white space alone: reading from the line's start costs a one-line report the
    square of its length."""
    i = pos - 1
    while i >= 0 and text[i] != "\n" and text[i].isspace():
        i -= 1
    return i < 0 or text[i] == "\n"
