"""One document through the stages: normalise → scan → exclude → rules → name →
context → records. :func:`extract_text` is the library's entry point."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, partial
from typing import Callable, Iterable, Iterator

import regex

from . import naming
from .normalise import is_markup, normalise
from .quantities import THRESHOLD_WORDS, Quantity, scan
from .records import Record, tidy_number
from .rules import TIMEOUT_SECONDS, Rule, default_rules
from .structure import Layout, Section, quoted_spans

_HAN = regex.compile(r"\p{Han}")
_NEWLINE = regex.compile(r"\n")
_OPENING = {")": "(（", "）": "(（", "]": "[［", "］": "[［", "】": "【", "〕": "〔"}
_CLOSING = "".join(_OPENING)


@dataclass
class _Claim:
    rule: Rule
    match: regex.Match


CHUNK_CHARS = 1_000_000
HEAD_CHARS = 20_000


def extract_text(original: str, doc: str = "-", rules: Iterable[Rule] | None = None,
                 input_format: str = "auto") -> list[Record]:
    """Every indicator of one report, as records pointing into ``original``.

    ``input_format`` is ``text``, ``html``, ``xml`` or ``auto`` (a page or XML
    document is recognised by its first tags)."""
    return [r for chunk in iter_records(original, doc, rules, input_format=input_format) for r in chunk]


def iter_records(original: str, doc: str = "-", rules: Iterable[Rule] | None = None,
                 chunk_chars: int | None = None, input_format: str = "auto") -> Iterator[list[Record]]:
    """The records of one report, a chunk at a time.

    A report longer than ``chunk_chars`` is read in pieces that end at a line break,
    so a 100 MB file never has more than one piece's working text and records in
    memory. The year 今年 means is read from the report's head and the section a
    piece starts in is carried over from the one before.
    """
    rules = default_rules() if rules is None else tuple(rules)
    chunk_chars = chunk_chars or CHUNK_CHARS
    markup = is_markup(original, input_format)
    if len(original) <= chunk_chars or markup:  # a page is read whole: a cut could split a tag
        yield _extract_piece(original, doc, rules, input_format="html" if markup else input_format)[0]
        return
    doc_year = Layout(normalise(original[:HEAD_CHARS]).text).doc_year
    section: Section | None = None
    pos = line = 0
    while pos < len(original):
        cut = original.find("\n", pos + chunk_chars)
        end = len(original) if cut < 0 else cut + 1
        piece = original[pos:end]
        records, section = _extract_piece(piece, doc, rules, pos, line, doc_year, section, input_format)
        yield records
        line += piece.count("\n")
        pos = end


def _extract_piece(original: str, doc: str, rules: tuple[Rule, ...], offset: int = 0, line_offset: int = 0,
                   doc_year: int | None = None, section: Section | None = None, input_format: str = "text",
                   ) -> tuple[list[Record], Section | None]:
    """Records of ``original`` (a whole report, or a piece of one starting at ``offset``),
    and the section its end lies in."""
    working = normalise(original, input_format)
    text = working.text
    layout = Layout(text, doc_year=doc_year, carried=section)
    quantities = scan(text)
    _exclude(text, quantities, layout)
    claims = _apply_rules(text, quantities, rules)
    boundaries = _Boundaries(quantities, len(text), {i for i, c in claims.items() if c.rule.action == "name"})
    listed = _enumerations(text, quantities, boundaries, layout)
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(original)]
    records: list[Record] = []
    topic: tuple[int, str] = (-1, "")  # (sentence start, indicator of its last record)
    for i, q in enumerate(quantities):
        if q.drop:
            continue
        claim = claims.get(i)
        if claim is None and q.needs_rule:
            continue
        sentence_start, sentence_end = layout.sentence(q.start)
        if topic[0] == sentence_start:
            current_topic = (lambda name=topic[1]: name)
        else:  # worked out only if a name turns out to need it
            current_topic = cache(partial(_previous_clause, text, layout, q, sentence_start))
        if i in listed:
            names, rule_id = listed[i], claim.rule.id if claim else "auto"
        else:
            names, rule_id = _names(text, quantities, boundaries, i, layout, claim, current_topic)
        if claim is not None:
            _apply_claim_units(q, claim.rule)
        start, end = working.original_span(q.start, q.end)
        year = layout.year_of(q.pre_start)
        section = layout.section(q.start)
        before = text[sentence_start:q.start]
        target = any(w in before for w in naming.words().target_words) or bool(
            section and any(w in section.title for w in naming.words().target_headings))
        for name in names:
            records.append(Record(
                doc=doc, indicator=name, kind=q.kind, value=tidy_number(q.value), unit=q.unit,
                qualifier=q.qualifier, raw=original[start:end], start=offset + start, end=offset + end,
                line=line_offset + bisect_right(line_starts, start), period=str(year) if year else None,
                section=section.title if section else None, target=target,
                sentence=text[sentence_start:sentence_end].strip(), rule=rule_id,
                low=None if q.low is None else tidy_number(q.low),
                high=None if q.high is None else tidy_number(q.high),
            ))
        if names and names[0]:
            topic = (sentence_start, names[0])
    return records, layout.section(len(text))


def _exclude(text: str, quantities: list[Quantity], layout: Layout) -> None:
    """GUIDE.md's exclusions that need more than the number itself."""
    quotes = quoted_spans(text)
    quote_starts = [s for s, _ in quotes]
    for i, q in enumerate(quantities):
        if q.drop:
            continue
        k = bisect_right(quote_starts, q.start) - 1
        if k >= 0 and quotes[k][0] <= q.start < quotes[k][1]:
            q.drop = "inside a quoted name"
        elif q.post in THRESHOLD_WORDS and _HAN.match(text, q.after) and i + 1 < len(quantities) \
                and quantities[i + 1].start < layout.clause_end(q.after):
            q.drop = "threshold of another count"  # 10万元以上大要案6起: the 6起 counts
        elif q.chinese and q.has_unit and not q.needs_rule and not naming.stands_alone(text, q.pre_start, q.end):
            q.drop = "part of a word"  # 统一部署 has no 一部, 三次产业 no 三次


def _apply_rules(text: str, quantities: list[Quantity], rules: tuple[Rule, ...]) -> dict[int, _Claim]:
    by_start: dict[int, int] = {}
    for i, q in enumerate(quantities):
        by_start.setdefault(q.pre_start, i)
        by_start.setdefault(q.start, i)
    claims: dict[int, _Claim] = {}
    for rule in rules:
        try:
            for m in rule.pattern.finditer(text, timeout=TIMEOUT_SECONDS):
                i = by_start.get(m.start("qty"))
                if i is None or quantities[i].drop:
                    continue
                q = quantities[i]
                if rule.action == "unit":
                    if not q.has_unit and q.needs_rule in ("", "unknown unit"):
                        q.unit, q.has_unit, q.needs_rule = rule.unit, True, ""
                        q.kind = rule.kind or ("money" if rule.unit == "元" else q.kind)
                    continue
                if i in claims:
                    continue
                if rule.action == "exclude":
                    q.drop = f"rule {rule.id}"
                claims[i] = _Claim(rule, m)
        except TimeoutError:
            continue  # a pathological pattern loses its matches, not the batch
    return claims


def _apply_claim_units(q: Quantity, rule: Rule) -> None:
    if rule.unit and not q.has_unit:
        q.unit = rule.unit
        q.kind = rule.kind or ("money" if rule.unit == "元" else q.kind)
    elif rule.kind:
        q.kind = rule.kind
    if q.kind == "rank":
        q.unit = "名次"


class _Boundaries:
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


def _enumerations(text: str, quantities: list[Quantity], boundaries: _Boundaries,
                  layout: Layout) -> dict[int, list[str]]:
    """Names for figures that follow an enumeration of their subjects: a run of figures
    joined by 、 (A、B分别增长1%、2%) or one figure shared by a list (A、B均为100%)."""
    named: dict[int, list[str]] = {}
    live = [i for i, q in enumerate(quantities) if not q.drop and not q.needs_rule]
    k = 0
    while k < len(live):
        run = [live[k]]
        while k + len(run) < len(live) and \
                text[quantities[run[-1]].after:quantities[live[k + len(run)]].pre_start].strip() in ("、", "和", "及", "与"):
            run.append(live[k + len(run)])
        first = quantities[run[0]]
        prev_end = boundaries.previous_end(run[0])
        raw = text[_left_start(text, layout, first.pre_start, prev_end):first.pre_start]
        names = naming.distribute(raw, len(run)) if len(run) > 1 or naming.may_list(raw) else None
        if names:
            if len(run) == 1:
                named[run[0]] = names
            else:
                named.update({i: [name] for i, name in zip(run, names)})
        k += len(run)
    return named


def _previous_clause(text: str, layout: Layout, q: Quantity, sentence_start: int) -> str:
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


def _names(text: str, quantities: list[Quantity], boundaries: _Boundaries, i: int, layout: Layout,
           claim: _Claim | None, topic: Callable[[], str]) -> tuple[list[str], str]:
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
        name = claim.rule.indicator.format(**groups)
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



def _auto_name(text: str, quantities: list[Quantity], boundaries: _Boundaries, i: int, layout: Layout,
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
        examples = "、" in left_raw or left_raw.rstrip().endswith(("这", "这些", "等"))
        name = ("" if examples else left) + right
    else:
        name = left
    if len(name) <= w.short_name or naming.only_change_words(name):
        name = naming.combine(name, topic())
    return name or naming.clean(right_raw)


def _right_text(text: str, quantities: list[Quantity], boundaries: _Boundaries, i: int,
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
            close = regex.compile(r"[)）]").search(text, end, min(len(text), end + 30))
            if close:
                pos = close.end()
                next_start = boundaries.next_start(i, pos)
                continue
        return "".join(parts), end == next_start
