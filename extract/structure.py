"""Where things stand in a report: lines, sentences, clauses, section headings and the
years they speak of. Everything is computed once per document on the working text
and looked up by position (bisect), so naming never rescans the text."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import regex

from .alternation import alternation
from .numerals import parse_number
from .years import YEAR_NUMBER, year_words

SENTENCE_END = "。！？；!?;\n"
CLAUSE_END = SENTENCE_END + "，,、：:（）()【】[]"

# Web text often keeps a whole report on one line, paragraphs opening with two
# ideographic spaces: those end a sentence too.
_SENTENCE = regex.compile(f"[{regex.escape(SENTENCE_END)}]|\u3000\u3000")
_FIGURE = regex.compile(r"\d+(?:\.\d+)?")
_PARAGRAPH = regex.compile("\n|\u3000{2,}")
# The standard library's engine finds these simple patterns faster than regex's;
# YEAR, the sentence ends and paragraph starts go the other way (measured).
_CLAUSE = re.compile(f"[{re.escape(CLAUSE_END)}]|\u3000\u3000")
# Headings: 一、  (三)  第二部分  ——…  (levels 1, 2, 1, 3).
_HEADING = re.compile(
    r"^[ \t\u3000]*(?:(?P<l1>[一二三四五六七八九十]+、|第[一二三四五六七八九十]+(?:部分|章|节))"
    r"|(?P<l2>[(（][一二三四五六七八九十]+[)）])|(?P<l3>——))",
    re.MULTILINE,
)
_SPEECH_DATE = regex.compile(rf"({YEAR_NUMBER})年[\d一二三四五六七八九十]{{1,3}}月"
                             rf"[\d一二三四五六七八九十]{{1,3}}日在")
_FULL_DATE = regex.compile(rf"({YEAR_NUMBER})年[\d一二三四五六七八九十]{{1,3}}月"
                           rf"[\d一二三四五六七八九十]{{1,3}}日")
_TITLE_YEAR = regex.compile(rf"({YEAR_NUMBER})年[^\n。！？；，,]{{0,20}}"
                            rf"(?:{'|'.join(map(regex.escape, year_words().title_words))})")
# What may stand before a year that opens a sentence: spaces, list markers, 在/截至.
# Read from a sentence's start, possessively: where this match ends, the opening ends.
_SENTENCE_OPENING = regex.compile(
    r"(?:[(（]?[一二三四五六七八九十\d]++[)）、.．]|[一二三四五六七八九十]是)?"
    rf"(?:[\s\u3000]|{'|'.join(map(regex.escape, year_words().openers))})*+")


@dataclass(frozen=True)
class Section:
    start: int
    level: int
    title: str
    year: int | None


@dataclass(frozen=True)
class YearMention:
    start: int
    end: int
    year: int | None      # explicit year, or None for a bare 今年/去年
    offset: int | None    # 今年 0, 去年 -1 … for relative words
    base: bool            # a comparison base, not the year of a figure
    span: tuple[int, int] | None = None   # a span's first and last year (2021—2025年, 十四五时期)
    back: int | None = None               # a span of so many years before the report's (五年来)
    now: bool = False                     # 目前, 现时: dates only its own sentence's figure


# A period: a year, or a span's first and last year.
Period = int | tuple[int, int]


class Layout:
    """Sentences, clauses, sections and years of one working text."""

    def __init__(self, text: str, doc_year: int | None = None, carried: Section | None = None,
                 starts_line: bool = True):
        """``doc_year`` and ``carried`` (the section the text starts in) come from the
        rest of the report when ``text`` is one piece of it; ``starts_line`` is False
        for a piece cut inside a line (a report on one line), whose start is no line's
        start where a heading could stand."""
        self.text = text
        self.sentence_ends = [m.start() for m in _SENTENCE.finditer(text)]
        self.clause_ends = [m.start() for m in _CLAUSE.finditer(text)]
        self.years = _mentions(text)
        self.doc_year = doc_year if doc_year is not None else _document_year(text, self.years)
        self.sections = _sections(text, self.doc_year, carried, starts_line)
        self._section_starts = [s.start for s in self.sections]
        self._paragraph_starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
        # Sentence ends for years: ；; end only a clause.
        self._full_ends = [e for e in self.sentence_ends if text[e] not in "；;"]
        # The years a figure may take (not a comparison base: 比去年), and those of them
        # that open their sentence, by where they end: year_of bisects instead of walking
        # back through every year of a paragraph (quadratic on a report on one line).
        usable = [i for i, y in enumerate(self.years) if not y.base]
        openings: dict[int, int] = {}  # sentence start → where its opening words end
        openers = [i for i in usable if self._opens_sentence(self.years[i], openings)
                   and not self.years[i].now]
        self._usable, self._usable_ends = usable, [self.years[i].end for i in usable]
        self._openers, self._opener_ends = openers, [self.years[i].end for i in openers]

    def sentence(self, pos: int) -> tuple[int, int]:
        """``[start, end)`` of the sentence holding ``pos`` (end excludes its mark)."""
        i = bisect_right(self.sentence_ends, pos - 1)
        start = self.sentence_ends[i - 1] + 1 if i else 0
        end = self.sentence_ends[i] if i < len(self.sentence_ends) else len(self.text)
        return start, end

    def sentence_runs(self, positions: Iterable[int], gap: int = 20) -> list[tuple[int, int]]:
        """The sentences holding ``positions`` as ``[start, end)`` runs in order, each
        with its closing mark; runs less than ``gap`` apart are joined, since a regex
        call per run costs more than a few characters of scanning."""
        runs: list[tuple[int, int]] = []
        for p in sorted(positions):
            if runs and p < runs[-1][1]:
                continue  # in a sentence already taken
            start, end = self.sentence(p)
            end += 1
            if runs and start - runs[-1][1] <= gap:
                runs[-1] = (runs[-1][0], end)
            else:
                runs.append((start, end))
        return runs

    def paragraph_start(self, pos: int) -> int:
        """Start of the paragraph holding ``pos`` (after a line break or the two
        ideographic spaces that open a paragraph in web text)."""
        return self._paragraph_starts[bisect_right(self._paragraph_starts, pos) - 1]

    def clause_start(self, pos: int) -> int:
        i = bisect_left(self.clause_ends, pos)
        return self.clause_ends[i - 1] + 1 if i else 0

    def clause_end(self, pos: int) -> int:
        i = bisect_left(self.clause_ends, pos)
        return self.clause_ends[i] if i < len(self.clause_ends) else len(self.text)

    def section(self, pos: int) -> Section | None:
        """The innermost heading above ``pos``."""
        i = bisect_right(self._section_starts, pos)
        return self.sections[i - 1] if i else None

    def year_of(self, pos: int) -> int | None:
        """The year a figure at ``pos`` belongs to: :meth:`stated_year`, else the report's."""
        year = self.stated_year(pos)
        return self.doc_year if year is None else year

    def stated_year(self, pos: int) -> int | None:
        """The year the text gives a figure at ``pos``: the nearest year named before it
        in its sentence (up to 。！？ or a line; ；only ends a clause) and paragraph (not
        a comparison base: 比去年), else its section's; None when only the report's year
        would say. A paragraph that opens with 2025年… speaks of 2025 to its end."""
        section = self.section(pos)
        sentence_start = self._full_sentence_start(pos)
        paragraph_start = self._paragraph_starts[bisect_right(self._paragraph_starts, pos) - 1]
        start = max(paragraph_start, section.start if section else 0)
        k = bisect_right(self._usable_ends, pos)  # the nearest year before it is the one
        while k and self.years[self._usable[k - 1]].start >= max(start, sentence_start):
            i = self._usable[k - 1]
            if self._from_state(self.years[i], pos):
                k -= 1  # 由目前的3 000个增加到7 000个: 目前 is 3 000's year, not 7 000's
                continue
            return self._respectively(i, pos) or self.resolve(self.years[i])
        k = bisect_right(self._opener_ends, pos)  # else the nearest that opens its sentence
        if k and self.years[self._openers[k - 1]].start >= start:
            i = self._openers[k - 1]
            return self._respectively(i, pos) or self.resolve(self.years[i])
        if section is not None and section.year is not None:
            return section.year
        return None

    def _from_state(self, y: YearMention, pos: int) -> bool:
        """A year written right after 由/从 dates the figure that change starts from;
        a figure further on (the one it changes to) is not of that year."""
        return self.text[max(0, y.start - 1):y.start] in year_words().from_words and \
            _FIGURE.search(self.text, y.end, pos) is not None

    def _respectively(self, i: int, pos: int) -> int | None:
        """With years listed and figures given 分别 (以2018年和2019年…为例，售价分别为
        52%和59%), the n-th figure after 分别 takes the n-th year; None otherwise.
        Figures and 分别 are counted by bisecting their positions, found once: a
        search per figure is quadratic in a long sentence of figures."""
        first = i
        while (first > 0 and self.years[first].start - self.years[first - 1].end == 1
               and self.text[self.years[first - 1].end] in year_words().joins):
            first -= 1
        if first == i:
            return None
        starts, ends = self._respectively_spans
        k = bisect_left(starts, self.years[i].end)
        if k == len(starts) or ends[k] > pos:
            return None
        respectively = starts[k]
        figures = self._figure_starts
        after = bisect_left(figures, respectively)
        if bisect_left(figures, self.sentence(pos)[1]) - after < 2:
            return None  # one figure for all the years (分别推出两轮): no year is its own
        nth = bisect_left(figures, pos) - after
        return self.resolve(self.years[first + nth]) if first + nth <= i else None

    @cached_property
    def _figure_starts(self) -> list[int]:
        return [m.start() for m in _FIGURE.finditer(self.text)]

    @cached_property
    def _respectively_spans(self) -> tuple[list[int], list[int]]:
        """Where the words that distribute figures in order (分别, 依次) start and end."""
        words = year_words().respectively
        pattern = regex.compile(alternation(words))
        spans = [m.span() for m in pattern.finditer(self.text)]
        return [a for a, _ in spans], [b for _, b in spans]

    def _full_sentence_start(self, pos: int) -> int:
        """Start of the sentence holding ``pos`` when only 。！？ and line or paragraph
        breaks end one (for years: 去年…；…由50%增加至75% is one statement)."""
        i = bisect_right(self._full_ends, pos - 1)
        return self._full_ends[i - 1] + 1 if i else 0

    def _opens_sentence(self, y: YearMention, openings: dict[int, int]) -> bool:
        """A year that opens its sentence (2025年全市…) sets the time of what follows;
        ``openings`` remembers where each sentence's opening words end."""
        start, _ = self.sentence(y.start)
        if start not in openings:
            openings[start] = _SENTENCE_OPENING.match(self.text, start).end()
        return y.start <= openings[start]

    def resolve(self, y: YearMention) -> Period | None:
        if y.span is not None:
            return y.span
        if y.year is not None:
            return y.year
        if self.doc_year is None:
            return None
        if y.back is not None:
            return (self.doc_year - y.back, self.doc_year - 1)
        return self.doc_year + (y.offset or 0)


def _mentions(text: str) -> list[YearMention]:
    """Every year, relative year word and span of ``text``, in order; a year inside a
    span (the 2025年 of 2021—2025年) is the span's."""
    words = year_words()
    spans = [_span_mention(m, text[max(0, m.start() - 4):m.start()].endswith(words.base_before))
             for m in words.span.finditer(text)]
    # The spans do not overlap (one finditer), so the one that may hold a year is the
    # last to start before it: a bisect, not a walk over every span per year (the
    # square of a report's length on one long piece).
    span_starts, span_ends = [y.start for y in spans], [y.end for y in spans]
    years = [_year_mention(text, m) for m in words.year.finditer(text)
             if not _inside(m.start(), span_starts, span_ends)]
    return sorted(years + spans, key=lambda y: y.start)


def _inside(pos: int, starts: list[int], ends: list[int]) -> bool:
    """Whether ``pos`` lies in one of the sorted, disjoint spans ``[starts[k], ends[k])``."""
    k = bisect_right(starts, pos) - 1
    return k >= 0 and pos < ends[k]


def _span_mention(m: regex.Match, base: bool) -> YearMention:
    """A span of years; ``base`` when it is what a figure is compared with (比十三五时期)."""
    words = year_words()
    if m.group("first"):
        return YearMention(m.start(), m.end(), None, None, base,
                           span=(_year_value(m.group("first")), _year_value(m.group("last"))))
    if m.group("back"):
        return YearMention(m.start(), m.end(), None, None, base, back=words.back[m.group("back")])
    return YearMention(m.start(), m.end(), None, None, base, span=words.plans[m.group("plan")])


def _year_mention(text: str, m: regex.Match) -> YearMention:
    words = year_words()
    word = m.group("word") or m.group("bare")
    year = _year_value(m.group("year")) if m.group("year") else None
    before = text[max(0, m.start() - 4):m.start()]
    after = text[m.end():m.end() + 2]
    now = word in words.now and not m.group("year")
    base = before.endswith(words.base_before) or (after.startswith(words.base_after) and not now)
    return YearMention(m.start(), m.end(), year, words.relative.get(word) if word else None, base,
                       now=now)


def _year_value(surface: str) -> int:
    return int(parse_number(surface))


def _document_year(text: str, years: list[YearMention]) -> int | None:
    """The year 今年 means: an explicit 今年(2013年), else the date the speech was given
    (——2026年1月26日在…上), else a year in the title (二零零零年施政报告), else the
    first full date near the top (一九九七年七月一日), else the year the text names most."""
    for y in years:
        if y.offset == 0 and y.year is not None:
            return y.year
    for pattern, size in ((_SPEECH_DATE, 800), (_TITLE_YEAR, 800), (_FULL_DATE, 2000)):
        m = pattern.search(text[:size])
        if m:
            return _year_value(m.group(1))
    counts = Counter(y.year for y in years if y.year is not None and y.offset is None)
    if not counts:
        return None
    return max(counts, key=lambda year: (counts[year], year))


def _sections(text: str, doc_year: int | None, carried: Section | None = None,
              starts_line: bool = True) -> list[Section]:
    """Headings in order; ``carried`` is the section the text starts in, if any, and a
    text that does not start a line has no heading at its start."""
    sections: list[Section] = []
    stack: list[Section] = []
    if carried is not None:
        carried = Section(0, carried.level, carried.title, carried.year)
        sections.append(carried)
        stack.append(carried)
    for m in _HEADING.finditer(text, 0 if starts_line else 1):
        level = 1 if m.group("l1") else 2 if m.group("l2") else 3
        line_end = text.find("\n", m.start())
        line = text[m.start():line_end if line_end >= 0 else len(text)].strip()
        title = regex.split(r"[。；;]", line, maxsplit=1)[0][:40]
        while stack and stack[-1].level >= level:
            stack.pop()
        year = _heading_year(title, doc_year)
        if year is None and stack:
            year = stack[-1].year
        section = Section(m.start(), level, title, year)
        stack.append(section)
        sections.append(section)
    return sections


def _heading_year(title: str, doc_year: int | None) -> int | None:
    m = year_words().year.search(title)
    if not m:
        return None
    if m.group("year"):
        return _year_value(m.group("year"))
    word = m.group("bare")
    return None if doc_year is None else doc_year + year_words().relative[word]


# Short quoted stretches are names of campaigns, policies and slogans (“1 1 4”政策体系,
# “6个严禁”, 《…条例》): their numbers are not indicators.
_QUOTED = re.compile(r"“[^”\n]{1,24}”|\"[^\"\n]{1,24}\"|《[^》\n]{1,60}》"
                     r"|「[^」\n]{1,24}」|‘[^’\n]{1,24}’")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every short quotation or title in ``text``, in order."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
