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
"""
from __future__ import annotations

import html
from html.parser import HTMLParser

import regex

from .offsets import OffsetMap

BLOCK = frozenset("""
address article aside blockquote body br caption dd div dl dt fieldset figcaption figure footer form h1 h2
h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul
para title listitem itemizedlist orderedlist simpara formalpara info entry row
""".split())
SKIP = frozenset("script style head noscript template iframe svg object select button textarea".split())
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
NAVIGATION = regex.compile(r"nav|menu|breadcrumb|crumb|footer|header|share|sidebar|toolbar|copyright|"
                           r"login|search|banner|topbar|bottom|friendlink|links", regex.I)
_LOOKS_LIKE = regex.compile(r"<(?:!doctype\s+html|html|body|head|\?xml|article|section|div|p|span|table|para)\b",
                            regex.I)
_SPACE_RUN = regex.compile(r"\s+")


def looks_like_markup(text: str) -> bool:
    """A page or an XML document, by its first tags (a few stray comments do not count)."""
    head = text[:4000]
    return head.lstrip().startswith("<") and _LOOKS_LIKE.search(head) is not None


def strip_markup(original: str, skip_navigation: bool = True) -> tuple[str, OffsetMap]:
    """The text of a page and the map from it back to ``original``.

    Navigation is never most of a page: when the blocks dropped for their class or id
    hold more text than the rest, the page is read again with them kept (a site that
    puts its article in ``<div class="main-header-content">`` loses nothing)."""
    events = _Events(original, skip_navigation)
    events.feed(original)
    events.close()
    if skip_navigation and events.navigation_chars > events.text_chars:
        return strip_markup(original, skip_navigation=False)
    positions = events.positions + [(len(original), "end", None)]
    offsets = OffsetMap()
    pieces: list[str] = []
    kept = 0
    for (start, kind, value), (end, _, _) in zip(positions, positions[1:]):
        if end <= start:
            continue
        if kind == "data":
            last = start
            for m in _SPACE_RUN.finditer(original, start, end):
                pieces.append(original[last:m.start()])
                kept += m.start() - last
                pieces.append(" ")
                kept += 1
                offsets.delete(kept, m.end() - m.start() - 1)
                last = m.end()
            pieces.append(original[last:end])
            kept += end - last
        elif kind == "char" and value:
            pieces.append(value)
            kept += 1
            offsets.delete(kept, end - start - 1)
        elif kind == "break":
            pieces.append("\n")
            kept += 1
            offsets.delete(kept, end - start - 1)
        else:
            offsets.delete(kept, end - start)
    return "".join(pieces), offsets


class _Events(HTMLParser):
    """Where each tag, text run and entity of a page starts, and what it becomes."""

    def __init__(self, text: str, skip_navigation: bool = True):
        super().__init__(convert_charrefs=False)
        self._line_starts = [0] + [m.end() for m in regex.finditer("\n", text)]
        self.positions: list[tuple[int, str, str | None]] = []
        self._skipping: list[str] = []   # open elements whose content is dropped
        self._skip_navigation = skip_navigation
        self._skipping_navigation = False  # whether the outermost of them is navigation
        self.text_chars = self.navigation_chars = 0  # characters kept, and dropped as navigation

    def _here(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _add(self, kind: str, value: str | None = None) -> None:
        self.positions.append((self._here(), kind, value))

    def handle_starttag(self, tag: str, attrs) -> None:
        if self._skipping:
            self._add("drop")
            if tag == self._skipping[-1] and tag not in VOID:
                self._skipping.append(tag)
            return
        names = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        navigation = (self._skip_navigation and tag not in ("body", "html") and bool(names)
                      and NAVIGATION.search(names) is not None)
        if tag in SKIP or navigation:
            if tag not in VOID:
                self._skipping.append(tag)
                self._skipping_navigation = navigation
            self._add("drop")
            return
        self._add("break" if tag in BLOCK else "drop")

    def handle_startendtag(self, tag: str, attrs) -> None:
        self._add("break" if tag in BLOCK and not self._skipping else "drop")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
            self._add("drop")
            return
        self._add("break" if tag in BLOCK else "drop")

    def handle_data(self, data: str) -> None:
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
