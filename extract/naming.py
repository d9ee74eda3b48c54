"""Naming a quantity from the words around it when no rule claims it.

Chinese reports put the thing counted either before the figure (出动执法人员5326人次)
or after it (组织500家企业实施品牌培育工程). The fallback reads the clause on both
sides, segments only that short stretch with jieba (never the whole text), and
trims subjects, time words and linking verbs (patterns/naming.toml) from the ends.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..patterns import data_file
from .segment import Segmenter, cached, import_jieba
from .tomlread import DataFileError, Expect, check, read_data
from .years import YEAR_NUMBER, year_words

_PAREN = regex.compile(r"[(（][^()（）]{0,12}[)）]|[\[［【〔][^\]］】〕]{0,12}[\]］】〕]")
_YEARISH = regex.compile(
    rf"(?<![比较同])(?:(?:{YEAR_NUMBER})年(?:度)?"
    rf"|(?:{'|'.join(sorted(year_words().relative, key=len, reverse=True))})(?:初|底|末|中)?|以来|当前)+"
    # A duration's number is short and read whole (possessive, not from inside a run):
    # an unbounded one is retried from every digit of a long run, quadratic in its length.
    r"|(?:连续|近|过去|最近|为期)?(?<![\d一二三四五六七八九十两])[\d一二三四五六七八九十两]{1,6}+个?"
    r"(?:年|月|天|周)(?:来|以来|内|间|多来)?"
)
_PARAGRAPH_NUMBER = regex.compile(r"^\s*\d{1,3}[.．、](?!\d)")
_NOT_NAME = regex.compile(r"[^\p{Han}A-Za-z0-9.%]")
_PARTICLES = frozenset("了的")
_HAN_CHAR = regex.compile(r"\p{Han}")


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
    topic_measures: tuple[str, ...]


SETS = ("strip_prefix", "strip_suffix", "noun_tags", "right_stop", "change_words", "subject_heads",
        "front_tags", "back_tags", "keep_words")
LISTS = ("shared_figure", "list_separators", "region_words", "levels", "respectively", "shared_suffixes",
         "from_words", "topic_measures")
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
            raise NamingWordsError(f"{path}: {key} must be a whole number of 0 or more, not {d[key]}")
    check(str(path), d, "measure_chars", Expect.STRING, required=True, error=NamingWordsError)
    sets = {k: frozenset(d[k]) for k in SETS}
    lists = {k: tuple(d[k]) for k in LISTS}
    numbers = {k: int(d[k]) for k in NUMBERS}
    # Where the predicate of an enumeration's last item starts (…技改投资|分别增长).
    predicate_start = (sets["change_words"] | sets["strip_suffix"] | frozenset(lists["respectively"])
                       | frozenset(lists["shared_figure"]))
    return NamingWords(**sets, **lists, **numbers, predicate_start=predicate_start,
                       measure_chars=str(d["measure_chars"]))


_DICTIONARY = (data_file("words.txt"), data_file("userdict.txt"))  # jieba's, then the domain's


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
    return Segmenter.cached(_jieba, _DICTIONARY)  # jieba loads its dictionary on a cache miss only


@lru_cache(maxsize=1)
def _tags() -> dict[str, str]:
    return cached("tags", _DICTIONARY, _read_tags)


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


def clean(name: str) -> str:
    """Trim a stretch of text to a name: no brackets, years or linking words at the ends."""
    toks = [t for t in tokens(tidy(name, drop_years=True)) if t not in _PARTICLES]
    if "等" in toks[:-1]:  # A、B等先进质量管理企业: the head after 等 names the group
        toks = toks[len(toks) - toks[::-1].index("等"):]
    w = words()
    scope = []  # 全市, 市级 …: they change the number and stay (GUIDE.md); what follows them is trimmed
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


def without_link(name: str) -> str:
    """A name without a word at its end that says where a change starts (占比从23.3%提高到…
    is 占比, not 占比从), for names a rule put together; :func:`clean` does this and more."""
    while name:
        longer = next((w for w in words().from_words if len(w) > 1 and name.endswith(w)), "")  # 则由: 则 + 由
        last = tokens(name)[-1]
        cut = longer or (last if last in words().from_words else "")  # a whole word: 自由 keeps its 由
        if not cut:
            break
        name = name[:-len(cut)]
    return name


def tidy(part: str, drop_years: bool = False) -> str:
    """Only what a name can hold: no brackets, punctuation or paragraph number (147. …;
    nor, with ``drop_years``, years and durations; a rule's 比上年 group keeps its 上年)."""
    part = _PARAGRAPH_NUMBER.sub("", _PAREN.sub("", part))
    return _NOT_NAME.sub("", _YEARISH.sub("", part) if drop_years else part)


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


def trim_left(name: str, at_preposition: bool = True) -> str:
    """A long name that holds a prepositional phrase is cut at the first verb after
    the preposition (在资金较为紧张的情况下积极筹措资金 → 筹措资金); one still longer
    than ``max_left`` keeps its last words that fit."""
    w = words()
    if len(name) <= w.trim_over:
        return name
    pairs = tagged(name)
    prep = next((k for k, (_, tag) in enumerate(pairs) if tag == "p"), None) if at_preposition else None
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


def split_items(body: str) -> list[str]:
    """The raw items of an enumeration: split at 、 and at 和/及/与 standing as words
    (及时 is no 及)."""
    parts: list[str] = []
    for piece in body.split("、"):
        current = ""
        for tok in tokens(piece):
            if tok in words().list_separators:
                parts.append(current)
                current = ""
            else:
                current += tok
        parts.append(current)
    return parts


def may_list(raw: str) -> bool:
    """Cheap test before segmenting: could ``raw`` hold an enumeration at all?"""
    return "、" in raw or any(sep in raw for sep in words().list_separators)


def may_share(raw: str) -> bool:
    """Cheap test before segmenting: could ``raw`` be a list that shares one figure
    (A、B均为…, or a list of rates)? :func:`distribute` needs one of those words."""
    w = words()
    return may_list(raw) and any(word in raw for word in w.shared_figure + w.shared_suffixes)


def distribute(raw: str, figures: int) -> list[str] | None:
    """Names for ``figures`` figures written after the enumeration ``raw``:

    * as many items as figures: one each, in order (工业、制造业、工业技改投资分别增长
      9.4%、13.3%、6.1% → 工业投资增长, 制造业投资增长, 工业技改投资增长);
    * one figure shared by a list (A、B均为100%, or a list of rates): one name per item.

    None when ``raw`` is no such enumeration.
    """
    w = words()
    items = split_items(raw.rstrip())
    if len(items) < 2:
        return None
    toks = tokens(items[-1])
    k = next((j for j, t in enumerate(toks) if j and t in w.predicate_start), len(toks))
    items[-1] = "".join(toks[:k])
    predicate = clean("".join(t for t in toks[k:] if t not in w.strip_suffix and t not in w.respectively))
    names = [clean(item) for item in items]
    if any(len(n) < 2 for n in names):
        return None
    shared = (any(marker in "".join(toks[k:]) for marker in w.shared_figure)
              or all(n.endswith(w.shared_suffixes) for n in names))
    rest = _parallel_rest(names)
    if rest:  # 城镇、农村居民人均可支配收入: 城镇 takes 居民人均可支配收入
        names = [n + rest for n in names[:-1]] + names[-1:]
    else:
        head = _head(names[-1])
        names = [n if n.endswith(head) or n[-1] in w.measure_chars or not head else n + head for n in names]
    names = [n + predicate for n in names]
    if figures == len(names) or (figures == 1 and shared):
        return names
    return None


def _parallel_rest(names: list[str]) -> str:
    """When every item but the last is as long as the start of the last item, at a
    word boundary (城镇 | 农村居民人均可支配收入, 一产 | 二产 | 三产增加值), they are
    parallel modifiers and share the rest of the last item; "" otherwise."""
    size = len(names[0])
    last = names[-1]
    if size < 2 or len(last) <= size or any(len(n) != size for n in names[:-1]):
        return ""
    bounds, at = set(), 0
    for tok in tokens(last):
        at += len(tok)
        bounds.add(at)
    return last[size:] if size in bounds else ""


def _head(name: str) -> str:
    """The head noun of a name when it measures something (工业技改投资 → 投资)."""
    toks = tokens(name)
    head = toks[-1] if toks else ""
    if len(head) == 1 and len(toks) > 1:
        head = toks[-2] + head
    return head if head and head[-1] in words().measure_chars and head != name else ""
