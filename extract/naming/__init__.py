"""Naming: what a figure measures, as an analyst would head the column (GUIDE.md
"Writing the indicator": scope + subject + measure, the report's own words).

Chinese reports put the thing counted before the figure (出动执法人员5326人次) or after it
(组织500家企业实施品牌培育工程), leave out a subject their paragraph already named
(收入完成9亿元), and list several things before several figures. The parts, each a module:

* :mod:`.vocabulary` — the words naming works with (patterns/naming.toml), checked;
* :mod:`.segmentation` — jieba's words and tags of a short stretch (never the whole text);
* :mod:`.trimming` — a stretch of text cut down to a name;
* :mod:`.placement` — a figure's name from its place: the clause before it, the words
  after it, its sentence's topic, or a rule's groups;
* :mod:`.lists` — enumerations and the figures after them, shared figures and qualifiers;
* :mod:`.subjects` — the subject a paragraph names, carried to the names that leave it out.
"""
from __future__ import annotations

from .lists import (
    distribute,
    enumerations,
    may_list,
    may_share,
    runs,
    share_qualifiers,
    split_items,
)
from .placement import Boundaries, names, previous_clause
from .segmentation import stands_alone, starts_token, tagged, tokens, warm_up
from .subjects import Carried, SubjectCarrier
from .trimming import (
    clean,
    combine,
    cut_predicate,
    needs_topic,
    noun_phrase,
    only_change_words,
    tidy,
    trim_left,
    without_link,
)
from .vocabulary import NamingWords, NamingWordsError, words

__all__ = ["Boundaries", "Carried", "NamingWords", "NamingWordsError", "SubjectCarrier", "clean",
           "combine", "cut_predicate", "distribute", "enumerations", "may_list", "may_share",
           "names", "needs_topic", "noun_phrase", "only_change_words", "previous_clause", "runs",
           "share_qualifiers", "split_items", "stands_alone", "starts_token", "tagged", "tidy",
           "tokens", "trim_left", "warm_up", "without_link", "words"]
