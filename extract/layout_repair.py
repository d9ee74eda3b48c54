"""Layout debris in plain text, repaired by deleting, so offsets stay exact.

Text pulled out of PDFs spaces characters apart (``预  算  收  入``), splits numbers
from their units (``421.9亿  元``), breaks lines mid-sentence (``726.9亿\\n元``) and
leaves page footers and form feeds inside sentences (``高\\n—1—\\x0c\\n水平``). OCR and
e-mail copies wrap lines too. Repairs:

* space runs go, except between two digits or two ASCII letters: two numbers of a
  table row stay two numbers (``m  2`` is m2 again);
* a line break goes when its line is long, does not end a sentence, is not a bare
  heading, and the next line does not open one (``（一）``, ``二、``, ``3.``);
* page footers (``—1—``, ``- 12 -``) and form feeds go, with their line breaks.

They apply to text that needs them (:func:`needs_repair`) or when asked
(``--input-format pdf-text``); clean text is left as it is.
"""
from __future__ import annotations

import re

import regex

from .offsets import OffsetMap

# Runs of spaces and dashes are read from their first character and whole (possessive):
# a pattern that may start inside a run and read to its end is tried from each of its
# characters, quadratic in its length (25 000 dashes took 49 s).
_FOOTER = regex.compile(r"(?:\n|(?<![ \t]))[ \t]*+(?<![—－\-])[—－\-]++"
                        r"[ \t]*+\d{1,4}[ \t]*+[—－\-]++[ \t]*+"
                        r"\x0c?(?:\r?\n|$)|\x0c")
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")  # the standard engine: its matches are cheaper to read
_BREAK = regex.compile(r"(?:(?<![ \t\u3000])[ \t\u3000]++)?\r?\n[ \t\u3000]*+")
_SENTENCE_END = "。！？；：!?;:…”」）)"
_HEADING = regex.compile(r"\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]"
                         r"|[一二三四五六七八九十]+\s*、"
                         r"|\d+\s*[.、．](?!\d)"
                         r"|第[一二三四五六七八九十]+)")
_SPACED = regex.compile(r"\p{Han}[ \u3000]{1,3}(?=\p{Han})")
_HAN_RUN = regex.compile(r"\p{Han}+")
MIN_WRAPPED_LINE = 12


def needs_repair(text: str) -> bool:
    """Spaced-out characters (PDF text), or lines that mostly stop mid-sentence."""
    sample = text[:30000]
    han = sum(map(len, _HAN_RUN.findall(sample)))  # runs, not characters: far fewer matches
    spaces = sample.count(" ") + sample.count("\u3000")  # each spaced pair needs one
    if han and spaces > 0.3 * han and len(_SPACED.findall(sample)) > 0.3 * han:
        return True
    lines = [line.strip() for line in sample.splitlines() if len(line.strip()) >= 20]
    unfinished = sum(1 for line in lines if line[-1] not in _SENTENCE_END)
    return len(lines) >= 10 and unfinished > 0.6 * len(lines)


def repair(text: str) -> tuple[str, OffsetMap]:
    """``text`` with layout debris deleted, and the map back to it."""
    spans: list[tuple[int, int]] = [m.span() for m in _FOOTER.finditer(text)]
    for m in _SPACES.finditer(text):
        a, b = m.span()
        left, right = text[a - 1:a], text[b:b + 1]  # "" at either end of the text
        if left.isdigit() and right.isdigit():
            continue
        if left.isascii() and left.isalpha() and right.isascii() and right.isalpha():
            continue
        spans.append((a, b))
    for m in _BREAK.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start:m.start()].replace(" ", "").replace("\u3000", "")
        following = text[m.end():m.end() + 12]
        heading_only = _HEADING.match(line) and not any(c in "。！？；" for c in line)
        if len(line) >= MIN_WRAPPED_LINE and line[-1] not in _SENTENCE_END \
                and not heading_only and not _HEADING.match(following):
            spans.append(m.span())
    return apply_deletions(text, spans)


def apply_deletions(text: str, spans: list[tuple[int, int]]) -> tuple[str, OffsetMap]:
    """``text`` without the (possibly overlapping) ``spans``, and the map back to it."""
    offsets = OffsetMap()
    pieces: list[str] = []
    last = kept = 0
    for start, end in sorted(spans):
        start = max(start, last)
        if end <= start:
            continue
        pieces.append(text[last:start])
        kept += start - last
        offsets.delete(kept, end - start)
        last = end
    pieces.append(text[last:])
    return "".join(pieces), offsets
