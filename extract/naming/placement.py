"""Naming each quantity from its place in the text: the clause before it (back to the
previous figure), the words after it, the topic of its sentence, or a rule's groups."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

import regex

from ..quantities import Quantity
from ..rules import Claim
from ..structure import Layout
from .trimming import (
    clean,
    combine,
    cut_predicate,
    needs_topic,
    noun_phrase,
    tidy,
    trim_left,
    without_link,
)
from .vocabulary import words

_HAN = regex.compile(r"\p{Han}")
_OPENING = {")": "(（", "）": "(（", "]": "[［", "］": "[［", "】": "【", "〕": "〔"}
_CLOSING = "".join(_OPENING)
_CLOSE_PAREN = regex.compile(r"[)）]")


class Boundaries:
    """The quantities that end the name of the next one (see :func:`_is_boundary`),
    indexed so the previous and next ones are found by bisection."""

    def __init__(self, quantities: list[Quantity], text_end: int, claimed: set[int]):
        self.quantities = quantities
        self.index = [i for i, q in enumerate(quantities)
                      if (i in claimed and not q.drop) or _is_boundary(q)]
        self.starts = [quantities[i].pre_start for i in self.index]
        self.text_end = text_end

    def previous_end(self, i: int) -> int:
        """End of the last boundary quantity before quantity ``i`` (0 if none)."""
        k = bisect_left(self.index, i) - 1
        return self.quantities[self.index[k]].after if k >= 0 else 0

    def next_start(self, i: int, pos: int) -> int:
        """Start of the first boundary quantity after ``i`` that starts at or after ``pos``."""
        k = bisect_left(self.starts, pos, lo=bisect_right(self.index, i))
        return self.starts[k] if k < len(self.starts) else self.text_end


def previous_clause(text: str, layout: Layout, q: Quantity, sentence_start: int) -> str:
    """With no earlier figure in the sentence, the clause before this one is its topic:
    幼稚园合资格教师的比例，已由四成升至六成."""
    here = layout.clause_start(q.pre_start)
    if here - 1 <= sentence_start:
        return ""
    return trim_left(clean(text[layout.clause_start(here - 1):here - 1]), at_preposition=False)


def _is_boundary(q: Quantity) -> bool:
    """Whether a quantity ends the name of the next one (one a rule names does too).
    Identifiers, quoted names and thresholds are part of names (10万元以上大要案6起);
    bare numerals and unclaimed ordinals are words (第一产业增加值)."""
    if q.drop:
        return not q.drop.startswith(("identifier", "inside", "threshold", "rule", "list marker",
                                      "part of"))
    return not q.needs_rule


def names(text: str, quantities: list[Quantity], boundaries: Boundaries, i: int, layout: Layout,
           claim: Claim | None, topic: Callable[[], str]) -> tuple[list[str], str]:
    """The indicator name(s) of quantity ``i`` and the rule that gave them."""
    q = quantities[i]
    prev_end = boundaries.previous_end(i)
    left_start = name_start(text, layout, q.pre_start, prev_end)
    left_raw = text[left_start:q.pre_start]
    if claim is not None and claim.rule.action == "name":
        groups = {}
        for key in claim.match.groupdict():
            if key != "qty":  # a group never reaches back past the previous quantity
                start, end = claim.match.span(key)
                part = text[max(start, left_start):end] if start >= 0 else ""
                groups[key] = clean(part) if key == "indicator" else tidy(part)
        groups["topic"] = topic() if "{topic}" in claim.rule.indicator else ""
        groups["left"] = trim_left(clean(text[left_start:max(left_start, claim.match.start())]))
        name = without_link(claim.rule.indicator.format(**groups))
        short = claim.rule.topic_when_short
        if short and len(groups[short]) <= words().short_name and topic() not in name:
            name = topic() + name
        return [name], claim.rule.id
    return [_auto_name(text, quantities, boundaries, i, layout, left_raw, topic)], "auto"


def name_start(text: str, layout: Layout, pos: int, prev_end: int) -> int:
    """Where the name before ``pos`` may begin: the clause start, stepping over short
    parentheticals and footnote marks (各县(市)区, 地区生产总值[2]) and over 、 between
    nouns that share this figure (参与制修订国家标准、行业标准21个), never before the
    previous quantity."""
    start = max(layout.clause_start(pos), prev_end)
    while start > prev_end:
        if text[start - 1] in _CLOSING:
            opening = max(text.rfind(o, max(0, start - 14), start - 1)
                          for o in _OPENING[text[start - 1]])
            if opening <= prev_end or not _HAN.match(text, opening - 1 if opening else 0):
                break
            start = max(layout.clause_start(opening), prev_end)
        elif text[start - 1] == "、" and layout.clause_start(start - 1) >= prev_end:
            start = layout.clause_start(start - 1)  # the item before 、 has no figure of its own
        else:
            break
    return start


def _auto_name(text: str, quantities: list[Quantity], boundaries: Boundaries, i: int,
               layout: Layout, left_raw: str, topic: Callable[[], str]) -> str:
    """Name from the clause: the words before the figure, and when the figure stands
    before a noun (组织500家企业实施品牌培育工程) the words after it too."""
    w = words()
    raw = tidy(left_raw, drop_years=True)
    if len(raw) > w.max_left:  # cut before clean() drops the preposition that marks where
        raw = trim_left(raw)
    left = trim_left(clean(raw))
    right_raw, stopped = _right_text(text, quantities, boundaries, i, layout)
    right = clean(cut_predicate(right_raw)) if _HAN.match(right_raw) else ""
    if len(right) >= 2 and stopped:
        name = left + noun_phrase(right_raw)
    elif len(right) >= 2:
        # 组织500家企业实施…: the words before the figure stay, unless they list examples
        # (A、B这3家)
        examples = "、" in left_raw or left_raw.rstrip().endswith(w.example_markers)
        name = ("" if examples else left) + right
    else:
        name = left
    if len(name) <= w.short_name or needs_topic(name):
        name = combine(name, topic())
    return name or clean(right_raw)


def _right_text(text: str, quantities: list[Quantity], boundaries: Boundaries, i: int,
                layout: Layout) -> tuple[str, bool]:
    """The clause after quantity ``i`` (parentheticals skipped), and whether it was cut
    short by the next quantity."""
    q = quantities[i]
    next_start = boundaries.next_start(i, q.after)
    pos, parts = q.after, []
    while True:
        end = min(layout.clause_end(pos), next_start)
        parts.append(text[pos:end])
        if end < len(text) and text[end] in "(（" and end != next_start:
            close = _CLOSE_PAREN.search(text, end, min(len(text), end + 30))
            if close:
                pos = close.end()
                next_start = boundaries.next_start(i, pos)
                continue
        return "".join(parts), end == next_start
