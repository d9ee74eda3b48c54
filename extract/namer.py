"""Naming each quantity from its place in the text: the clause before it, the words
after it, the enumeration it belongs to, the topic of its sentence. The word-level
trimming these use lives in :mod:`qmine.extract.naming`; the words themselves in
patterns/naming.toml."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Callable

import regex

from . import naming
from .quantities import Quantity
from .rules import Claim
from .structure import Layout

_HAN = regex.compile(r"\p{Han}")
_OPENING = {")": "(（", "）": "(（", "]": "[［", "］": "[［", "】": "【", "〕": "〔"}
_CLOSING = "".join(_OPENING)
_CLOSE_PAREN = regex.compile(r"[)）]")


class Boundaries:
    """The quantities that end the name of the next one (see :func:`_is_boundary`),
    indexed so the previous and next ones are found by bisection."""

    def __init__(self, quantities: list[Quantity], text_end: int, claimed: set[int]):
        self.quantities = quantities
        self.index = [i for i, q in enumerate(quantities) if (i in claimed and not q.drop) or _is_boundary(q)]
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


def enumerations(text: str, quantities: list[Quantity], boundaries: Boundaries,
                  layout: Layout) -> dict[int, list[str]]:
    """Names for figures that follow an enumeration of their subjects: a run of figures
    joined by 、 (A、B分别增长1%、2%) or one figure shared by a list (A、B均为100%)."""
    named: dict[int, list[str]] = {}
    for run in runs(text, quantities):
        first = quantities[run[0]]
        prev_end = boundaries.previous_end(run[0])
        raw = text[_left_start(text, layout, first.pre_start, prev_end):first.pre_start]
        names = naming.distribute(raw, len(run)) if len(run) > 1 or naming.may_share(raw) else None
        if names:
            if len(run) == 1:
                named[run[0]] = names
            else:
                named.update({i: [name] for i, name in zip(run, names)})
    return named




def runs(text: str, quantities: list[Quantity]) -> list[list[int]]:
    """The quantities that may be named, grouped in runs joined by 、/和/及/与
    (分别增长1%、2%和3%), in order; a lone figure is a run of one."""
    live = [i for i, q in enumerate(quantities) if not q.drop and not q.needs_rule]
    out: list[list[int]] = []
    for i in live:
        between = text[quantities[out[-1][-1]].after:quantities[i].pre_start].strip() if out else None
        if between is not None and (between == "、" or between in naming.words().list_separators):
            out[-1].append(i)
        else:
            out.append([i])
    return out


def share_qualifiers(text: str, quantities: list[Quantity]) -> None:
    """A qualifier written once after a run of figures in one unit is every figure's:
    失业率、涨幅分别控制在5%和3%以内 gives 5% under as well as 3% under."""
    for run in runs(text, quantities):
        last = quantities[run[-1]]
        if len(run) < 2 or not last.post:
            continue
        for i in run[:-1]:
            q = quantities[i]
            if q.qualifier == "exact" and q.unit == last.unit and not q.post:
                q.qualifier = last.qualifier


def previous_clause(text: str, layout: Layout, q: Quantity, sentence_start: int) -> str:
    """With no earlier figure in the sentence, the clause before this one is its topic:
    幼稚园合资格教师的比例，已由四成升至六成."""
    here = layout.clause_start(q.pre_start)
    if here - 1 <= sentence_start:
        return ""
    return naming.trim_left(naming.clean(text[layout.clause_start(here - 1):here - 1]), at_preposition=False)


def _is_boundary(q: Quantity) -> bool:
    """Whether a quantity ends the name of the next one (one a rule names does too).
    Identifiers, quoted names and thresholds are part of names (10万元以上大要案6起);
    bare numerals and unclaimed ordinals are words (第一产业增加值)."""
    if q.drop:
        return not q.drop.startswith(("identifier", "inside", "threshold", "rule", "list marker", "part of"))
    return not q.needs_rule


def names(text: str, quantities: list[Quantity], boundaries: Boundaries, i: int, layout: Layout,
           claim: Claim | None, topic: Callable[[], str]) -> tuple[list[str], str]:
    """The indicator name(s) of quantity ``i`` and the rule that gave them."""
    q = quantities[i]
    prev_end = boundaries.previous_end(i)
    left_start = _left_start(text, layout, q.pre_start, prev_end)
    left_raw = text[left_start:q.pre_start]
    if claim is not None and claim.rule.action == "name":
        groups = {}
        for key in claim.match.groupdict():
            if key != "qty":  # a group never reaches back past the previous quantity
                start, end = claim.match.span(key)
                part = text[max(start, left_start):end] if start >= 0 else ""
                groups[key] = naming.clean(part) if key == "indicator" else naming.tidy(part)
        groups["topic"] = topic() if "{topic}" in claim.rule.indicator else ""
        groups["left"] = naming.trim_left(naming.clean(text[left_start:max(left_start, claim.match.start())]))
        name = naming.without_link(claim.rule.indicator.format(**groups))
        short = claim.rule.topic_when_short
        if short and len(groups[short]) <= naming.words().short_name and topic() not in name:
            name = topic() + name
        return [name], claim.rule.id
    return [_auto_name(text, quantities, boundaries, i, layout, left_raw, topic)], "auto"


def _left_start(text: str, layout: Layout, pos: int, prev_end: int) -> int:
    """Where the name before ``pos`` may begin: the clause start, stepping over short
    parentheticals and footnote marks (各县(市)区, 地区生产总值[2]) and over 、 between
    nouns that share this figure (参与制修订国家标准、行业标准21个), never before the
    previous quantity."""
    start = max(layout.clause_start(pos), prev_end)
    while start > prev_end:
        if text[start - 1] in _CLOSING:
            opening = max(text.rfind(o, max(0, start - 14), start - 1) for o in _OPENING[text[start - 1]])
            if opening <= prev_end or not _HAN.match(text, opening - 1 if opening else 0):
                break
            start = max(layout.clause_start(opening), prev_end)
        elif text[start - 1] == "、" and layout.clause_start(start - 1) >= prev_end:
            start = layout.clause_start(start - 1)  # the item before 、 has no figure of its own
        else:
            break
    return start


def _auto_name(text: str, quantities: list[Quantity], boundaries: Boundaries, i: int, layout: Layout,
               left_raw: str, topic: Callable[[], str]) -> str:
    """Name from the clause: the words before the figure, and when the figure stands
    before a noun (组织500家企业实施品牌培育工程) the words after it too."""
    w = naming.words()
    raw = naming.tidy(left_raw, drop_years=True)
    if len(raw) > w.max_left:  # cut before clean() drops the preposition that marks where
        raw = naming.trim_left(raw)
    left = naming.trim_left(naming.clean(raw))
    right_raw, stopped = _right_text(text, quantities, boundaries, i, layout)
    right = naming.clean(naming.cut_predicate(right_raw)) if _HAN.match(right_raw) else ""
    if len(right) >= 2 and stopped:
        name = left + naming.noun_phrase(right_raw)
    elif len(right) >= 2:
        # 组织500家企业实施…: the words before the figure stay, unless they list examples (A、B这3家)
        examples = "、" in left_raw or left_raw.rstrip().endswith(w.example_markers)
        name = ("" if examples else left) + right
    else:
        name = left
    if len(name) <= w.short_name or naming.needs_topic(name):
        name = naming.combine(name, topic())
    return name or naming.clean(right_raw)


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
