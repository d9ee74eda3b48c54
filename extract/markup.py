"""Saved web pages and XML: only the document's text is scanned, with a map back.

The standard library's HTML parser (it reads XML well enough for DocBook and the
like) reports where each tag, text run and entity starts. From those positions the
page becomes text by deleting and replacing, never inserting, so an
:class:`~qmine.extract.offsets.OffsetMap` still leads every record to the original:

* text is kept, its white-space runs collapsed to one space as a browser shows it
  (``超过1\\r\\n    100人`` reads ``超过1 100人``: 1,100 people);
* a block element (``<p>``, ``<div>``, ``<para>``, ``<br>`` …) becomes a line break,
  so it ends a sentence; an inline one (``<span>``, ``<font>`` …) vanishes, so a
  number and its unit in neighbouring spans stay together;
* an entity (``&nbsp;``, ``&#12288;``) becomes its character;
* scripts, styles, the page head, comments, and blocks whose class or id says they
  are navigation (menu, breadcrumb, footer, share …) are dropped whole.

Hostile or broken pages cost time in proportion to their length and never lose the
page. The parser reads a copy of the same length (so its positions are the page's)
in which what it would stumble on is neutralised: a malformed ``&#`` (it would read
the rest of the page as text), a ``<![`` that opens no section it knows (an
AssertionError) or one never closed, an unclosed ``<!--`` and a tag never closed
(each retried to the end of the page: quadratic; CVE-2025-6069). A page is read a
piece at a time, cut at a tag outside scripts, styles and comments, so memory is
bounded by a piece (:func:`pieces`).
"""
from __future__ import annotations

import copy
import html
import re
from bisect import bisect_left
from collections.abc import Iterator
from html.parser import HTMLParser, charref
from itertools import pairwise

import regex

from .offsets import OffsetMap

BLOCK = frozenset("""
address article aside blockquote body br caption dd div dl dt fieldset figcaption figure footer form
h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul
para title listitem itemizedlist orderedlist simpara formalpara info entry row
""".split())  # noqa: SIM905 - a word list reads better as words
SKIP = frozenset(("script", "style", "head", "noscript", "template", "iframe", "svg", "object",
                  "select", "button", "textarea"))
VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr"))
# What a head holds: any other element, or text, starts the body of a page without </head>.
HEAD_CONTENT = frozenset(("title", "meta", "link", "style", "script", "base", "noscript",
                          "template", "object"))
NAVIGATION = regex.compile(r"nav|menu|breadcrumb|crumb|footer|header|share|sidebar|toolbar|"
                           r"copyright|login|search|banner|topbar|bottom|friendlink|links", regex.I)
_LOOKS_LIKE = regex.compile(r"<(?:!doctype\s+html|html|body|head|\?xml|article|section"
                            r"|div|p|span|table|para)\b", regex.I)
_SPACE_RUN = regex.compile(r"\s+")


PIECE_CHARS = 1_000_000
# The ends the parser searches for: past the last of one, nothing it opens is closed.
_COMMENT_CLOSE = re.compile(r"--!?\s*>")
_SECTION_CLOSE = re.compile(r"]\s*]\s*>")      # <![CDATA[ … ]]>
_MS_SECTION_CLOSE = re.compile(r"]\s*>")        # <![if …]> … <![endif]>
_SECTION_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*")
_SECTIONS = frozenset(["temp", "cdata", "ignore", "include", "rcdata"])
_MS_SECTIONS = frozenset(["if", "else", "endif"])
_CONSTRUCT = re.compile(r"<[a-zA-Z/!?]")
_BLOCK_NAMES = "|".join(sorted(BLOCK, key=len, reverse=True))
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK_NAMES})(?=[\s/>])", re.IGNORECASE)


def looks_like_markup(text: str) -> bool:
    """A page or an XML document, by its first tags (a few stray comments do not count)."""
    head = text[:4000]
    return head.lstrip().startswith("<") and _LOOKS_LIKE.search(head) is not None


def strip_markup(original: str, skip_navigation: bool = True) -> tuple[str, OffsetMap]:
    """The text of a page and the map from it back to ``original``, read whole.

    Navigation is never most of a page: when the blocks dropped for their class or id
    hold more text than the rest, the page is read again with them kept (a site that
    puts its article in ``<div class="main-header-content">`` loses nothing)."""
    (_, _, text, offsets), = pieces(original, len(original) + 1, skip_navigation)
    return text, offsets


def pieces(original: str, piece_chars: int = PIECE_CHARS, skip_navigation: bool = True,
           ) -> Iterator[tuple[int, int, str, OffsetMap]]:
    """The page as ``(start, end, text, offsets)`` pieces of about ``piece_chars``
    characters: ``original[start:end]`` reads ``text``, and ``offsets`` maps ``text``
    back into that stretch. A piece ends before a tag outside any script, style,
    comment or other tag, and what is open (the parser's state, the blocks being
    dropped) carries to the next, so memory stays bounded by a piece. Navigation is
    weighed a piece at a time (see :func:`strip_markup`): a piece whose dropped blocks
    hold more text than the rest is read again with them kept."""
    yield from _Reader(original, piece_chars, skip_navigation).pieces()


class _Reader:
    """Feeds a page to :class:`_Events` a piece at a time, through the neutralised
    copy the module docstring describes."""

    def __init__(self, original: str, piece_chars: int, skip_navigation: bool):
        self.original, self.piece_chars = original, piece_chars
        self.skip_navigation = skip_navigation
        self.events = _Events(skip_navigation)
        self.stop, self.comments, self.edits, self.replacements = _plan(original)
        self.fed = self.comments_from = 0

    def pieces(self) -> Iterator[tuple[int, int, str, OffsetMap]]:
        start = 0
        while True:
            self.events.start_piece(start)
            end, stopped = self._read_piece(start)
            events = self.events
            if stopped:
                events.close()
                if self.fed < len(self.original):  # an unclosed comment or tag: dropped whole
                    events.positions.append((self.fed, "drop", None))
                end = len(self.original)
            text, offsets = _assemble(self.original, events.positions, start, end)
            events.positions = []
            yield start, end, text, offsets
            if stopped:
                return
            start = end

    def _read_piece(self, start: int) -> tuple[int, bool]:
        """Read one piece, again with navigation kept if it is most of the piece."""
        if not self.skip_navigation:
            return self._read_to(start + self.piece_chars)
        saved = copy.deepcopy(self.events), self.fed, self.comments_from
        text, navigation = self.events.text_chars, self.events.navigation_chars
        end, stopped = self._read_to(start + self.piece_chars)
        if self.events.navigation_chars - navigation <= self.events.text_chars - text:
            return end, stopped
        self.events, self.fed, self.comments_from = saved
        self.events.skip_navigation = False
        end, stopped = self._read_to(start + self.piece_chars)
        self.events.skip_navigation = True
        return end, stopped

    def _read_to(self, want: int) -> tuple[int, bool]:
        """Feed on to the first tag at or after ``want`` where the parser is between
        constructs; True as well when the page's end (or its unclosed rest) is reached."""
        cut = want
        while True:
            cut = self._next_cut(cut)
            comment = self._unclosed_comment_before(cut)
            if comment is not None:
                self._feed_to(comment)
                if self.events.is_clean():  # a comment that runs to the end of the page
                    return comment, True
                self.comments_from = self._after_pending(comment)  # it was in a script or tag
                cut = max(want, self.comments_from)
                continue
            self._feed_to(cut)
            if cut >= self.stop:
                return cut, True
            if self.events.is_clean():
                return cut, False
            cut = self._after_pending(cut)

    def _next_cut(self, pos: int) -> int:
        """The next block tag from ``pos``: it ends a sentence, so a cut before it
        splits none (增加值<b>3.5</b>亿元 is one figure). A page of inline tags only is
        cut at any tag a piece further on."""
        if pos >= self.stop:
            return self.stop
        limit = min(self.stop, pos + self.piece_chars)
        m = (_BLOCK_TAG.search(self.original, pos, limit)
             or _CONSTRUCT.search(self.original, limit, self.stop))
        return m.start() if m else self.stop

    def _unclosed_comment_before(self, cut: int) -> int | None:
        """The first ``<!--`` with no end after it, from where feeding has reached to ``cut``."""
        i = bisect_left(self.comments, max(self.fed, self.comments_from))
        return self.comments[i] if i < len(self.comments) and self.comments[i] < cut else None

    def _after_pending(self, pos: int) -> int:
        """Past the construct the parser has open at ``pos`` (a script or style, a
        comment, a tag): cuts inside it are not tried one by one, since the parser
        reads what it holds again on each feed."""
        events, original = self.events, self.original
        if events.cdata_elem:
            m = re.compile(rf"</{events.cdata_elem}", re.IGNORECASE).search(original, pos)
        elif events.rawdata.startswith("<!--"):
            m = _COMMENT_CLOSE.search(original, pos)
        elif events.rawdata.startswith("<!["):  # a section that closes later: ]]> or ]>
            m = _MS_SECTION_CLOSE.search(original, pos)
        else:
            m = re.compile(">").search(original, pos)
        return m.end() if m else self.stop

    def _feed_to(self, end: int) -> None:
        start, self.fed = self.fed, max(self.fed, end)
        if end <= start:
            return
        chunk = self.original[start:end]
        first, last = bisect_left(self.edits, start), bisect_left(self.edits, end)
        if first < last:
            chars = list(chunk)
            for pos, char in zip(self.edits[first:last], self.replacements[first:last]):
                chars[pos - start] = char
            chunk = "".join(chars)
        self.events.feed_at(start, chunk)


def _plan(original: str) -> tuple[int, list[int], list[int], list[str]]:
    """Where the parser stops (the first tag left open at the end of the page: no ``>``
    follows it, and a browser drops it and what follows), the ``<!--`` that nothing
    closes, and where the parser reads another character (so positions stay the
    page's), with those characters."""
    last_gt = original.rfind(">")
    m = _CONSTRUCT.search(original, last_gt + 1)
    stop = m.start() if m else len(original)
    comment_close = _last_start(_COMMENT_CLOSE, original)
    comments = []
    at = original.find("<!--", max(0, comment_close - 3))
    while 0 <= at < stop:
        comments.append(at)
        at = original.find("<!--", at + 4)
    edits: list[tuple[int, str]] = []
    at = original.find("&#")
    while 0 <= at < stop:
        if not charref.match(original, at):  # the parser would read the rest as text
            edits.append((at, " "))
        at = original.find("&#", at + 2)
    section_close = _last_start(_SECTION_CLOSE, original)
    ms_section_close = _last_start(_MS_SECTION_CLOSE, original)
    at = original.find("<![")
    while 0 <= at < stop:
        name = _SECTION_NAME.match(original, at + 3)
        kind = name.group().lower() if name else ""
        closed = ((kind in _SECTIONS and section_close > at)
                  or (kind in _MS_SECTIONS and ms_section_close > at))
        if not closed:  # a browser reads <![…> as a comment; the parser would fail or rescan
            edits.append((at + 2, "x"))
        at = original.find("<![", at + 3)
    edits.sort()
    return stop, comments, [pos for pos, _ in edits], [char for _, char in edits]


def _last_start(pattern: re.Pattern, text: str) -> int:
    last = -1
    for m in pattern.finditer(text):
        last = m.start()
    return last


def _assemble(original: str, positions: list, start: int, end: int) -> tuple[str, OffsetMap]:
    """The text of ``original[start:end]`` from the parser's events, and its map."""
    offsets = OffsetMap()
    pieces: list[str] = []
    kept = 0
    if not positions or positions[0][0] > start:
        positions = [(start, "drop", None)] + positions
    positions = positions + [(end, "end", None)]
    for (a, kind, value), (b, _, _) in pairwise(positions):
        if b <= a:
            continue
        if kind == "data":
            last = a
            for m in _SPACE_RUN.finditer(original, a, b):
                pieces.append(original[last:m.start()])
                kept += m.start() - last
                pieces.append(" ")
                kept += 1
                offsets.delete(kept, m.end() - m.start() - 1)
                last = m.end()
            pieces.append(original[last:b])
            kept += b - last
        elif kind == "char" and value:
            pieces.append(value)
            offsets.widen(kept, b - a)  # a record ending in &#37; ends after its ;
            kept += 1
            offsets.delete(kept, b - a - 1)
        elif kind == "break":
            pieces.append("\n")
            kept += 1
            offsets.delete(kept, b - a - 1)
        else:
            offsets.delete(kept, b - a)
    return "".join(pieces), offsets


class _Events(HTMLParser):
    """Where each tag, text run and entity of a page starts, and what it becomes."""

    def __init__(self, skip_navigation: bool = True):
        super().__init__(convert_charrefs=False)
        self.positions: list[tuple[int, str, str | None]] = []
        self._open: list[str] = []       # elements open outside the dropped ones
        self._open_count: dict[str, int] = {}
        self._skipping: list[str] = []   # the dropped element and those open inside it
        self._skipping_count: dict[str, int] = {}
        self.skip_navigation = skip_navigation
        self._skipping_navigation = False  # whether the outermost of them is navigation
        self.text_chars = self.navigation_chars = 0  # characters kept, and dropped as navigation
        self._line0, self._column0, self._pos0 = 1, 0, 0
        self._line_starts: list[int] = []

    # Positions: the parser counts lines and columns; a piece keeps its own line starts.

    def start_piece(self, pos: int) -> None:
        self._line0, self._column0 = self.getpos()
        self._pos0, self._line_starts = pos, []

    def feed_at(self, pos: int, chunk: str) -> None:
        at = chunk.find("\n")
        while at >= 0:
            self._line_starts.append(pos + at + 1)
            at = chunk.find("\n", at + 1)
        self.feed(chunk)

    def is_clean(self) -> bool:
        """Between constructs: nothing held back, not inside a script or style."""
        return not self.rawdata and not self.cdata_elem

    def _here(self) -> int:
        line, column = self.getpos()
        if line == self._line0:
            return self._pos0 + column - self._column0
        return self._line_starts[line - self._line0 - 1] + column

    def _add(self, kind: str, value: str | None = None) -> None:
        self.positions.append((self._here(), kind, value))

    # Open elements: an end tag closes the innermost element it names and all open
    # inside it, as a browser does; one that closes nothing open is ignored.

    def _end_skip(self) -> None:
        self._skipping.clear()
        self._skipping_count.clear()

    def _head_ends(self, tag: str | None) -> bool:
        """A page without </head>: its body starts at <body>, at the first element a
        head does not hold, or at text outside the head's own elements."""
        if not self._skipping or self._skipping[0] != "head":
            return False
        return tag == "body" or (len(self._skipping) == 1 and tag not in HEAD_CONTENT)

    def handle_starttag(self, tag: str, attrs) -> None:
        if self._head_ends(tag):
            self._end_skip()
        if self._skipping:
            self._add("drop")
            if tag not in VOID:
                _push(self._skipping, self._skipping_count, tag)
            return
        names = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        navigation = (self.skip_navigation and tag not in ("body", "html") and bool(names)
                      and NAVIGATION.search(names) is not None)
        if tag in SKIP or navigation:
            if tag not in VOID:
                _push(self._skipping, self._skipping_count, tag)
                self._skipping_navigation = navigation
            self._add("drop")
            return
        if tag not in VOID:
            _push(self._open, self._open_count, tag)
        self._add("break" if tag in BLOCK else "drop")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if self._head_ends(tag):
            self._end_skip()
        self._add("break" if tag in BLOCK and not self._skipping else "drop")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if self._skipping_count.get(tag):
                _pop_to(self._skipping, self._skipping_count, tag)
                self._add("drop")
                return
            if not self._open_count.get(tag):
                self._add("drop")
                return
            self._end_skip()  # an element open around the dropped one ends: so does it
        if self._open_count.get(tag):
            _pop_to(self._open, self._open_count, tag)
        self._add("break" if tag in BLOCK else "drop")

    def handle_data(self, data: str) -> None:
        if self._head_ends(None) and data.strip():
            self._end_skip()
        if not self._skipping:
            self.text_chars += len(data.strip())
        elif self._skipping_navigation:
            self.navigation_chars += len(data.strip())
        self._add("drop" if self._skipping else "data")

    def handle_entityref(self, name: str) -> None:
        self._char(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._char(html.unescape(f"&#{name};"))

    def _char(self, value: str) -> None:
        if self._skipping or len(value) != 1:
            self._add("drop")
        else:
            self._add("char", value)

    def handle_comment(self, data: str) -> None:
        self._add("drop")

    def handle_decl(self, decl: str) -> None:
        self._add("drop")

    def handle_pi(self, data: str) -> None:
        self._add("drop")

    def unknown_decl(self, data: str) -> None:
        self._add("drop")


def _push(stack: list[str], count: dict[str, int], tag: str) -> None:
    stack.append(tag)
    count[tag] = count.get(tag, 0) + 1


def _pop_to(stack: list[str], count: dict[str, int], tag: str) -> None:
    """Close the innermost ``tag`` of ``stack`` and everything open inside it."""
    while stack:
        top = stack.pop()
        count[top] -= 1
        if top == tag:
            return
