"""Trimming a stretch of text to a name: brackets, years, durations and paragraph numbers
out; words that are no part of a name off its edges (by word list and by part of
speech); a long name cut at its first verb after a preposition; a short one given its
sentence's topic."""
from __future__ import annotations

from functools import lru_cache

import regex

from ..alternation import alternation
from ..years import YEAR_NUMBER, year_words
from .segmentation import _tags, tagged, tokens
from .vocabulary import NamingWords, words

_PAREN = regex.compile(r"[(（][^()（）]{0,12}[)）]|[\[［【〔][^\]］】〕]{0,12}[\]］】〕]")




_TIME = year_words().time_words
_YEARISH = regex.compile(
    rf"(?<![比较同])(?:(?:{YEAR_NUMBER})年(?:度)?"
    rf"|(?:{alternation(year_words().relative)})(?:{alternation(_TIME['after_year'])})?"
    rf"|{alternation(_TIME['other'])})+"
    # A duration's number is short and read whole (possessive, not from inside a run):
    # an unbounded one is retried from every digit of a long run, quadratic in its length.
    rf"|(?:{alternation(_TIME['duration_openers'])})?"
    r"(?<![\d一二三四五六七八九十两])[\d一二三四五六七八九十两]{1,6}+个?"
    rf"(?:{alternation(_TIME['duration_units'])})(?:{alternation(_TIME['duration_endings'])})?"
)
_PARAGRAPH_NUMBER = regex.compile(r"^\s*\d{1,3}[.．、](?!\d)")
_NOT_NAME = regex.compile(r"[^\p{Han}A-Za-z0-9.%]")


@lru_cache(maxsize=65536)  # a pure function of its text: names repeat across a report
def clean(name: str) -> str:
    """Trim a stretch of text to a name: no brackets, years or linking words at the ends."""
    w = words()
    toks = [t for t in tokens(tidy(name, drop_years=True)) if t not in w.particles]
    group = next((k for k in range(len(toks) - 2, -1, -1) if toks[k] in w.group_words), None)
    if group is not None:  # A、B等先进质量管理企业: the head after 等 names the group
        toks = toks[group + 1:]
    # 全市, 市级 …: they change the number and stay (GUIDE.md); what follows them is trimmed
    scope = []
    changed = True
    while toks and changed:
        changed = False
        while toks and toks[0] in w.region_words:
            scope.append(toks.pop(0))
        while toks and _trims_front(toks[0], w):
            toks.pop(0)
            changed = True
        while toks and _trims_back(toks[-1], w):
            toks.pop()
            changed = True
    return "".join(scope + toks)


def _trims_front(tok: str, w: NamingWords) -> bool:
    """Whether a word leaves the front of a name: one of strip_prefix, or a word whose
    part of speech is never a name's first (an adverb, time word, conjunction, pronoun,
    preposition or particle: 已经, 本学年, 而, 我们, 在, 了), unless naming.toml keeps it."""
    if tok in w.strip_prefix:
        return True
    return tok not in w.keep_words and _tags().get(tok, "x") in w.front_tags


def _trims_back(tok: str, w: NamingWords) -> bool:
    """Whether a word leaves the end of a name: one of strip_suffix, or an adverb or
    particle (总共, 了), unless naming.toml keeps it."""
    if tok in w.strip_suffix:
        return True
    return tok not in w.keep_words and _tags().get(tok, "x") in w.back_tags


@lru_cache(maxsize=65536)  # a pure function of its text: names repeat across a report
def without_link(name: str) -> str:
    """A name without a word at its end that says where a change starts (占比从23.3%提高到…
    is 占比, not 占比从), for names a rule put together; :func:`clean` does this and more."""
    while name:
        # 则由: 则 + 由
        longer = next((w for w in words().from_words if len(w) > 1 and name.endswith(w)), "")
        last = tokens(name)[-1]
        # a whole word: 自由 keeps its 由
        cut = longer or (last if last in words().from_words else "")
        if not cut:
            break
        name = name[:-len(cut)]
    return name


@lru_cache(maxsize=65536)  # a pure function of its text: names repeat across a report
def tidy(part: str, drop_years: bool = False) -> str:
    """Only what a name can hold: no brackets, punctuation or paragraph number (147. …;
    nor, with ``drop_years``, years and durations; a rule's 比上年 group keeps its 上年)."""
    part = _PARAGRAPH_NUMBER.sub("", _PAREN.sub("", part))
    return _NOT_NAME.sub("", _YEARISH.sub("", part) if drop_years else part)


@lru_cache(maxsize=65536)  # a pure function of its text: names repeat across a report
def cut_predicate(right: str) -> str:
    """The words after a figure up to an adverb that starts a new predicate:
    到期复评的企业进一步加大帮扶力度 → 到期复评的企业 (one that comes first modifies
    the noun: 5000个已建成自然村)."""
    out: list[str] = []
    for tok in tokens(right):
        if out and tok in words().right_stop:
            break
        out.append(tok)
    return "".join(out)


def needs_topic(name: str) -> bool:
    """A name that says only how a figure moved (实际增长, 同比下降) or how it stands to
    the one before (完成年度预算) needs the sentence's subject."""
    return only_change_words(name) or name.startswith(words().topic_measures)


def only_change_words(name: str) -> bool:
    """A name that says only how a figure moved (实际增长, 同比下降) needs a subject."""
    change = words().change_words
    if not name or len(name) > 8 or not _change_chars().issuperset(name):  # no need to segment
        return False
    return all(t in change for t in tokens(name))


@lru_cache(maxsize=1)
def _change_chars() -> frozenset[str]:
    return frozenset("".join(words().change_words))


@lru_cache(maxsize=65536)  # a pure function of its text: names repeat across a report
def trim_left(name: str, at_preposition: bool = True) -> str:
    """A long name that holds a prepositional phrase is cut at the first verb after
    the preposition (在资金较为紧张的情况下积极筹措资金 → 筹措资金); one still longer
    than ``max_left`` keeps its last words that fit."""
    w = words()
    if len(name) <= w.trim_over:
        return name
    pairs = tagged(name)
    prep = (next((k for k, (_, tag) in enumerate(pairs) if tag == "p"), None)
            if at_preposition else None)
    for k in range(prep + 1 if prep is not None else len(pairs), len(pairs)):
        tail = "".join(t for t, _ in pairs[k:])
        if pairs[k][1].startswith("v") and 4 <= len(tail):
            return trim_left(tail, at_preposition) if len(tail) > w.max_left else tail
    limit = w.max_left
    if len(name) <= limit:
        return name
    kept, size = [], 0
    for k in range(len(pairs) - 1, -1, -1):
        tok = pairs[k][0]
        if size + len(tok) > limit:
            if tok in w.region_words and kept:  # 全市 before a long name is its scope: it stays
                kept.insert(0, tok)
            break
        kept.insert(0, tok)
        size += len(tok)
    return "".join(kept) or name[-limit:]


@lru_cache(maxsize=65536)  # a pure function of its text: names repeat across a report
def noun_phrase(text: str) -> str:
    """The leading noun phrase of ``text`` (村开挖 → 村)."""
    out = []
    for word, tag in tagged(text):
        if tag[:2] in words().noun_tags or tag[:1] in words().noun_tags:
            out.append(word)
        else:
            break
    return "".join(out)


def combine(short: str, topic: str) -> str:
    """A short name borrows its sentence's topic: 立项 + 国家级标准化项目. A level (省级25个)
    takes the place of the topic's own (申报国家级标准化项目 → 申报省级标准化项目)."""
    if not topic or short and short in topic:
        return topic or short
    w = words()
    level = next((lv for lv in w.levels if short.startswith(lv)), None)
    replaced = next((lv for lv in w.levels if lv in topic), None) if level else None
    if level and replaced:
        return topic.replace(replaced, level, 1) + short[len(level):]
    if short.startswith(w.region_words):
        return short + topic
    return topic + short
