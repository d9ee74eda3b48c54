"""One document through the stages: normalise → scan → exclude → rules → name →
context → records. :func:`extract_text` is the library's entry point."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import partial

import regex

from . import naming
from .concepts import default_concepts
from .idioms import idioms
from .markup import pieces as markup_pieces
from .naming import (
    Boundaries,
    SubjectCarrier,
    enumerations,
    names,
    previous_clause,
    share_qualifiers,
)
from .normalise import Working, is_markup, normalise, normalise_stripped
from .quantities import RANGE_WORDS, THRESHOLD_WORDS, Quantity, scan
from .records import Record, tidy_number
from .report_meta import ReportMeta, read_meta
from .rules import Rule, RuleBudget, apply_claim_units, apply_rules, default_rules
from .structure import Layout, Section, quoted_spans
from .targets import Targets

_HAN = regex.compile(r"\p{Han}")
_NEWLINE = regex.compile(r"\n")
PARAGRAPH_MARK = "\u3000\u3000"  # opens a paragraph in web text on one line
_SENTENCE_MARK = regex.compile("[。！？]")
# Chinese punctuation that no number holds (a space, a point or a comma may be inside one)
_SOFT_CUT = regex.compile("[，、；：）」』】]")


CHUNK_CHARS = 1_000_000
SLACK_CHARS = 100_000  # how far past CHUNK_CHARS a piece may run to end at a line break
SENTENCE_CHARS = 500  # a record carries a longer sentence only around its figure
NAME_CHARS = 80       # how far before a figure its name (and a scope word before it) may stand
HEAD_CHARS = 20_000


def extract_text(original: str, doc: str = "-", rules: Iterable[Rule] | None = None,
                 input_format: str = "auto", meta: ReportMeta | None = None,
                 batch: RuleBudget | None = None) -> list[Record]:
    """Every indicator of one report, as records pointing into ``original``.

    ``input_format`` is ``text``, ``html``, ``xml``, ``pdf-text`` or ``auto`` (pages,
    XML and PDF text are recognised by themselves). ``meta`` sets what the user knows
    of the report (region, kind, year) over what qmine reads from its head. ``batch`` is
    the time budget of user rules in the batch this report is part of
    (:meth:`RuleBudget.for_batch`)."""
    return [r for chunk in iter_records(original, doc, rules, input_format=input_format, meta=meta,
                                        batch=batch)
            for r in chunk]


def describe(original: str, input_format: str = "auto",
             meta: ReportMeta | None = None) -> ReportMeta:
    """The report's own fields (region, region_code, doc_type, doc_year, title), as
    every record of it carries them; ``meta`` overrides what it sets."""
    markup = is_markup(original, input_format)
    head = original if markup else original[:HEAD_CHARS]
    text = normalise(head, "html" if markup else input_format).text
    year = (meta.doc_year if meta is not None and meta.doc_year is not None
            else Layout(text).doc_year)
    return read_meta(text, original, year).merged(meta)


def iter_records(original: str, doc: str = "-", rules: Iterable[Rule] | None = None,
                 chunk_chars: int | None = None, input_format: str = "auto",
                 meta: ReportMeta | None = None,
                 batch: RuleBudget | None = None) -> Iterator[list[Record]]:
    """The records of one report, a chunk at a time.

    A report longer than ``chunk_chars`` is read in pieces that end at a line break,
    or where a report has none near (web text on one line) at a paragraph mark or a
    sentence end (:func:`piece_end`), so a 100 MB file never has more than one piece's
    working text and records in memory. The report's year, region and kind are read
    from its head and the section a piece starts in is carried over from the one before.
    """
    rules = default_rules() if rules is None else tuple(rules)
    budget = RuleBudget(batch=batch)  # user rules' time for the whole document, all its pieces
    chunk_chars = chunk_chars or CHUNK_CHARS
    markup = is_markup(original, input_format)
    if len(original) <= chunk_chars:
        yield _extract_piece(original, doc, rules, input_format="html" if markup else input_format,
                             override=meta, budget=budget)[0]
        return
    if markup:
        yield from _page_records(original, doc, rules, chunk_chars, meta, budget)
        return
    report = describe(original, input_format, meta)
    section: Section | None = None
    pos = line = 0
    while pos < len(original):
        end = piece_end(original, pos, chunk_chars)
        piece = original[pos:end]
        starts_line = pos == 0 or original[pos - 1] == "\n"
        records, section = _extract_piece(piece, doc, rules, pos, line, report, section,
                                          input_format, budget=budget, starts_line=starts_line)
        yield records
        line += piece.count("\n")
        pos = end


def _page_records(original: str, doc: str, rules: tuple[Rule, ...], chunk_chars: int,
                  meta: ReportMeta | None, budget: RuleBudget) -> Iterator[list[Record]]:
    """The records of a long page, a piece at a time: pieces end before a tag outside
    scripts, styles and comments (:func:`qmine.extract.markup.pieces`), so a cut splits
    no tag and memory stays bounded by a piece. As for text, the report's year, region
    and kind come from the head of the page's text and the section is carried from
    piece to piece."""
    report: ReportMeta | None = None
    section: Section | None = None
    line = 0
    for start, end, text, offsets in markup_pieces(original, chunk_chars):
        working = normalise_stripped(text, offsets)
        if report is None:
            head = working.text[:HEAD_CHARS]
            year = (meta.doc_year if meta is not None and meta.doc_year is not None
                    else Layout(head).doc_year)
            report = read_meta(head, original[:HEAD_CHARS], year).merged(meta)
        piece = original[start:end]
        records, section = _extract_piece(piece, doc, rules, start, line, report, section,
                                          budget=budget, working=working)
        yield records
        line += piece.count("\n")


def piece_end(original: str, pos: int, chunk_chars: int) -> int:
    """Where the piece of ``original`` that starts at ``pos`` ends: ``chunk_chars`` on,
    after the next line break, as long as one comes within ``SLACK_CHARS`` (every line
    of a report written in lines: what a piece carries over, the section and the year,
    is all a line needs). Without one there (a report on one line, as web text often
    is), before the next paragraph mark (two ideographic spaces) or, failing that,
    after the next 。！？ in that stretch, so memory stays bounded by a piece whatever
    the report's shape; text with none of them is cut after a Chinese comma or the
    like, or at worst anywhere, ``SLACK_CHARS`` further on."""
    start = pos + chunk_chars
    if start >= len(original):
        return len(original)
    limit = min(len(original), start + SLACK_CHARS)
    cut = original.find("\n", start, limit)
    if cut >= 0:
        return cut + 1
    cut = original.find(PARAGRAPH_MARK, start, limit)
    if cut > pos:
        return cut
    m = _SENTENCE_MARK.search(original, start, limit)
    if m:
        return m.end()
    if limit == len(original):
        return limit
    m = _SOFT_CUT.search(original, start, limit)
    return m.end() if m else limit


def _extract_piece(original: str, doc: str, rules: tuple[Rule, ...], offset: int = 0,
                   line_offset: int = 0, report: ReportMeta | None = None,
                   section: Section | None = None,
                   input_format: str = "text", override: ReportMeta | None = None,
                   budget: RuleBudget | None = None, working: Working | None = None,
                   starts_line: bool = True) -> tuple[list[Record], Section | None]:
    """Records of ``original`` (a whole report, or a piece of one starting at ``offset``
    whose ``report`` fields were read from the report's head, ``starts_line`` when it
    starts where a line does), and the section its end lies in. ``working`` is its
    working text when the caller has made it (a piece of a page)."""
    working = working or normalise(original, input_format)
    text = working.text
    year = report.doc_year if report else override.doc_year if override else None
    layout = Layout(text, doc_year=year, carried=section, starts_line=starts_line)
    if report is None:
        report = read_meta(text, original, layout.doc_year).merged(override)
    targets = Targets(text)
    concepts = default_concepts()
    quantities = scan(text)
    _exclude(text, quantities, layout)
    share_qualifiers(text, quantities)
    spans = layout.sentence_runs(q.start for q in quantities if not q.drop)
    claims = apply_rules(text, quantities, rules, spans, budget)
    boundaries = Boundaries(quantities, len(text),
                            {i for i, c in claims.items() if c.rule.action == "name"})
    listed = enumerations(text, quantities, boundaries, layout)
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(original)]
    records: list[Record] = []
    subjects = SubjectCarrier(layout)
    topic: tuple[int, str] = (-1, "")  # (sentence start, indicator of its last record)
    shown: tuple[int, str] = (-1, "")  # (sentence start, its text as records show it)
    for i, q in enumerate(quantities):
        if q.drop:
            continue
        claim = claims.get(i)
        if claim is None and q.needs_rule:
            continue
        sentence_start, sentence_end = layout.sentence(q.start)
        if topic[0] == sentence_start:
            def current_topic(name: str = topic[1]) -> str:
                return name
        else:  # worked out only if a name turns out to need it
            current_topic = _Lazy(partial(previous_clause, text, layout, q, sentence_start))
        if i in listed:
            found, rule_id = listed[i], claim.rule.id if claim else "auto"
        else:
            found, rule_id = names(text, quantities, boundaries, i, layout, claim, current_topic)
        if claim is not None:
            apply_claim_units(q, claim.rule)
        start, end = working.original_span(q.start, q.end)
        heading = layout.section(q.start)
        target = targets.is_target(sentence_start, q.start, heading.title if heading else None)
        year = ((targets.plan_year(sentence_start, q.start) if target else None)
                or layout.stated_year(q.pre_start))
        if year is None and not targets.is_promise(sentence_start, q.pre_start, report.doc_type):
            year = layout.doc_year
        if sentence_end - sentence_start > SENTENCE_CHARS:  # a figure's own stretch of it
            sentence = _window(text, sentence_start, sentence_end, q.start, q.end)
        else:  # one string for all the records of a sentence
            if shown[0] != sentence_start:
                shown = (sentence_start, text[sentence_start:sentence_end].strip())
            sentence = shown[1]
        for name in found:
            carried = subjects.carry(name, q.start)
            name = carried.name
            match = concepts.match(name, q.unit,
                                   text[max(sentence_start, q.pre_start - NAME_CHARS):q.pre_start])
            value = tidy_number(q.value)
            records.append(Record(
                doc=doc, indicator=name, kind=q.kind, value=value, unit=q.unit,
                qualifier=q.qualifier, raw=original[start:end], start=offset + start,
                end=offset + end,
                line=line_offset + bisect_right(line_starts, start), period=_period(year),
                section=heading.title if heading else None, target=target,
                sentence=sentence, rule=rule_id,
                low=None if q.low is None else tidy_number(q.low),
                high=None if q.high is None else tidy_number(q.high),
                concept=match.concept.id if match else None,
                concept_name=match.concept.name if match else None,
                concept_value=value * match.sign if match else None,
                scope=(match.scope or None) if match else None, region=report.region,
                region_code=report.region_code,
                doc_type=report.doc_type, subject=carried.subject, subject_from=carried.origin,
            ))
        borrowed = (topic[0] == sentence_start and topic[1] and found
                    and found[0].startswith(topic[1]))
        if found and found[0] and not borrowed:  # the sentence's subject, not a measure of it
            topic = (sentence_start, found[0])
    return records, layout.section(len(text))


def _window(text: str, start: int, end: int, q_start: int, q_end: int) -> str:
    """The part of a very long sentence around one figure, marked as cut with …: the
    whole sentence for each of its figures makes output and memory grow with the
    square of its length (a table flattened into one line, or hostile input)."""
    half = SENTENCE_CHARS // 2
    left, right = max(start, q_start - half), min(end, q_end + half)
    return ("…" if left > start else "") + text[left:right].strip() + ("…" if right < end else "")


def _period(year) -> str | None:
    """A record's period: "2025", a span "2021-2025", or None."""
    if not year:
        return None
    return f"{year[0]}-{year[1]}" if isinstance(year, tuple) else str(year)


class _Lazy:
    """A value worked out on first use and remembered (cheaper than functools.cache
    for a function called at most a few times)."""

    __slots__ = ("value", "work")

    def __init__(self, work: Callable[[], str]):
        self.work, self.value = work, None

    def __call__(self) -> str:
        if self.value is None:
            self.value = self.work()
        return self.value


def _is_threshold(text: str, quantities: list[Quantity], i: int, layout: Layout) -> bool:
    """A bound (以上, 超过 …) on a noun that the next figure of the clause counts:
    超200亿元县2个. Not a change (由不足半成提升至两成) and not before a duration or an
    age, which are the bound themselves (超过5000幢楼龄超过50年的楼宇)."""
    q = quantities[i]
    bounded = q.post in THRESHOLD_WORDS or (q.qualifier in ("over", "under")
                                            and q.pre_start < q.start)
    if not bounded or not _HAN.match(text, q.after) or i + 1 >= len(quantities):
        return False
    following = quantities[i + 1]
    between = text[q.after:following.pre_start]
    return (following.start < layout.clause_end(q.after) and not following.needs_rule
            and not following.drop
            and not any(w in between for w in naming.words().change_words | set(RANGE_WORDS)))


def _exclude(text: str, quantities: list[Quantity], layout: Layout) -> None:
    """GUIDE.md's exclusions that need more than the number itself."""
    # a set phrase is no figure, as a quoted name
    quotes = quoted_spans(text) + idioms().spans(text)
    quotes.sort()
    quote_starts = [s for s, _ in quotes]
    for i, q in enumerate(quantities):
        if q.drop:
            continue
        k = bisect_right(quote_starts, q.start) - 1
        if k >= 0 and quotes[k][0] <= q.start < quotes[k][1]:
            q.drop = "inside a quoted name"
        elif _is_threshold(text, quantities, i, layout):
            # 10万元以上大要案6起, 超200亿元县2个: the count counts
            q.drop = "threshold of another count"
        elif (q.chinese and q.has_unit and not q.needs_rule
              and not naming.stands_alone(text, q.pre_start, q.end)):
            q.drop = "part of a word"  # 统一部署 has no 一部, 三次产业 no 三次

