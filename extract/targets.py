"""Targets: which figures are planned rather than achieved, and the year of a plan's goal.

Three signs, all words in patterns/targets.toml: a target word before the figure in
its sentence (力争增长5%); a plan's section heading (二、明年工作思路); and a target
paragraph (主要预期目标是：…), which makes every figure to its end a target, across ；
and 。, because the list of goals runs on over many clauses and sentences. A goal set
for a five-year plan (到“十五五”末) belongs to the plan's last year.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..patterns import data_file
from .alternation import alternation
from .tomlread import read_toml
from .years import year_words

_PARAGRAPH_END = re.compile("\n|\u3000\u3000")
PROMISE_REACH = 60  # how far before a figure a promise word (会, 将) may stand


class TargetWordsError(ValueError):
    """patterns/targets.toml is malformed; the message names the key."""


@dataclass(frozen=True)
class TargetWords:
    words: tuple[str, ...]
    not_words: tuple[str, ...]
    headings: tuple[str, ...]
    paragraphs: tuple[str, ...]
    paragraph_follow: tuple[str, ...]
    heading_line: int
    promise_words: frozenset[str]
    promise_doc_types: tuple[str, ...]
    plans: dict[str, int]
    word_pattern: re.Pattern
    paragraph_pattern: re.Pattern
    plan_pattern: re.Pattern


def _alternation(words) -> re.Pattern:
    return re.compile(alternation(words))


@lru_cache(maxsize=1)
def target_words() -> TargetWords:
    path = data_file("targets.toml")
    d = read_toml(path)
    for key in ("words", "not_words", "headings", "paragraphs", "paragraph_follow", "promise_words",
                "promise_doc_types"):
        if not isinstance(d.get(key), list) or not all(isinstance(w, str) and w for w in d[key]):
            raise TargetWordsError(f"{path.name}: {key}: expected a list of words")
    plans = {plan: last for plan, (_, last) in year_words().plans.items()}  # a goal's year
    return TargetWords(tuple(d["words"]), tuple(d["not_words"]), tuple(d["headings"]),
                       tuple(d["paragraphs"]), tuple(d["paragraph_follow"]),
                       int(d.get("heading_line", 12)), frozenset(d["promise_words"]),
                       tuple(d["promise_doc_types"]), dict(plans),
                       _alternation(d["not_words"] + d["words"]),
                       _alternation(d["paragraphs"]), _alternation(plans))


class Targets:
    """The target paragraphs and plan names of one working text, found once."""

    def __init__(self, text: str):
        words = target_words()
        self.text = text
        self.spans: list[tuple[int, int]] = []
        for m in words.paragraph_pattern.finditer(text):
            if self.spans and m.start() < self.spans[-1][1]:
                continue
            after = text[m.end():m.end() + 8].lstrip()
            if not after.startswith(words.paragraph_follow):
                continue  # 主要目标任务全面完成: the words, not a statement of targets
            self.spans.append((m.start(), self._paragraph_end(m.end(), words.heading_line)))
        self._span_starts = [s for s, _ in self.spans]
        self.plans = [(m.start(), words.plans[m.group()])
                      for m in words.plan_pattern.finditer(text)]
        self._plan_starts = [p for p, _ in self.plans]
        self._sentence = self._searched = -1
        self._said = False
        self._longest = max(map(len, words.words + words.not_words))

    def _paragraph_end(self, pos: int, heading_line: int) -> int:
        end = self._next_break(pos)
        if end - pos <= heading_line and end < len(self.text):  # 主要预期目标 alone on its line
            end = self._next_break(end + 1)
        return end

    def _next_break(self, pos: int) -> int:
        m = _PARAGRAPH_END.search(self.text, pos)
        return m.start() if m else len(self.text)

    def in_paragraph(self, pos: int) -> tuple[int, int] | None:
        """The target paragraph holding ``pos``, if any."""
        i = bisect_right(self._span_starts, pos) - 1
        return self.spans[i] if i >= 0 and pos < self.spans[i][1] else None

    def is_target(self, sentence_start: int, pos: int, heading: str | None) -> bool:
        """Whether a figure at ``pos`` is a target. Figures come in order, so each
        sentence is searched for target words once in all (a search from the sentence's
        start for each figure is quadratic in a long sentence)."""
        words = target_words()
        if sentence_start != self._sentence:
            self._sentence, self._searched, self._said = sentence_start, sentence_start, False
        if not self._said and pos > self._searched:
            start = max(sentence_start, self._searched - self._longest + 1)  # a word across the cut
            self._said = any(m.group() not in words.not_words
                             for m in words.word_pattern.finditer(self.text, start, pos))
            self._searched = pos
        return (self._said or self.in_paragraph(pos) is not None
                or (heading is not None and any(w in heading for w in words.headings)))

    def is_promise(self, sentence_start: int, pos: int, doc_type: str | None) -> bool:
        """In a policy address, a figure after a promise word of its sentence (会, 将 …,
        as whole words) is an undated promise unless the text gives it a year."""
        words = target_words()
        if doc_type not in words.promise_doc_types:
            return False
        from .naming import tokens  # segmentation only for the kinds of report that need it

        start = max(sentence_start, pos - PROMISE_REACH)
        return any(t in words.promise_words for t in tokens(self.text[start:pos]))

    def plan_year(self, start: int, pos: int) -> int | None:
        """The end year of a five-year plan named between ``start`` and ``pos`` (the
        nearest), for a goal set for the plan."""
        i = bisect_right(self._plan_starts, pos) - 1
        if i >= 0 and self.plans[i][0] >= start:
            return self.plans[i][1]
        return None
