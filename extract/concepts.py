"""Canonical concepts: one id behind the many names reports give one figure.

Reports call GDP growth 地区生产总值增长, 生产总值增长, 全省生产总值增长 or 经济增长; a panel
needs one key for all of them. patterns/concepts/*.toml lists each concept once (id,
canonical name, aliases as reports write them, false friends, kind, units, examples);
patterns/concept_words.toml lists the words around a name that are scope (全市, 市级,
同口径, 预算), links (控制在) or growth (增长). This module only matches: a name is
looked up exactly, then with those words taken off, and the concept's units must
admit the record's unit. A concept is a claim, so nothing is guessed: no fuzzy match.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import regex

from ..patterns import concept_files, data_file
from .alternation import alternation, longest_first
from .tomlread import TOMLDecodeError, read_toml

KINDS = ("level", "growth", "share", "rate", "count", "per_capita", "index", "ratio", "change")
GROWTH = ".growth"
_ID = regex.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*")
_FIELDS = {"id", "name", "kind", "units", "aliases", "false_friends", "source", "note", "examples"}
_EXAMPLE_FIELDS = {"text", "value", "unit", "concept", "scope", "concept_value"}


class ConceptError(ValueError):
    """A concept file that cannot be used; the message names the file, the concept and
    the field, and says what was expected."""


@dataclass(frozen=True)
class Concept:
    id: str
    name: str
    kind: str
    units: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    false_friends: tuple[str, ...] = ()
    source: str = ""
    note: str = ""
    examples: tuple[dict[str, Any], ...] = ()
    file: str = ""

    @property
    def parent(self) -> str | None:
        """The level concept a growth rate or share is of (gdp for gdp.growth)."""
        head, _, last = self.id.rpartition(".")
        return head if head and last in ("growth", "share") else None


@dataclass(frozen=True)
class Match:
    concept: Concept
    scope: str      # scope words taken off the name, in the order written ("" for none)
    sign: int = 1   # -1 for a fall (X下降 as X.growth): the concept reads the figure negated


@dataclass(frozen=True)
class ScopeWords:
    whole: tuple[str, ...]
    parts: tuple[str, ...]
    basis: tuple[str, ...]
    stages: tuple[str, ...]
    neutral: tuple[str, ...]
    leads: tuple[str, ...]
    links: tuple[str, ...]
    growth: tuple[str, ...]
    decline: tuple[str, ...]

    @cached_property
    def prefixes(self) -> tuple[str, ...]:
        """Worked out once: every name a figure gets asks for them, some twice."""
        return longest_first(self.whole + self.parts)

    def panel_scope(self, scope: str | None) -> str:
        """The scope as a panel keys it: the neutral words (全市, 完成) left out."""
        return " ".join(w for w in (scope or "").split() if w not in self.neutral)


def _stems(concept: Concept, words: ScopeWords) -> tuple[str, ...]:
    """The names of a growth concept less the growth word they end in (工业投资增长 → 工业投资)."""
    stems = []
    for name in (concept.name, *concept.aliases):
        word = next((w for w in words.growth if name.endswith(w) and len(name) > len(w)), None)
        if word:
            stems.append(name[:-len(word)])
    return tuple(dict.fromkeys(stems))


@lru_cache(maxsize=1)
def scope_words() -> ScopeWords:
    path = data_file("concept_words.toml")
    data = read_toml(path)
    lists = {}
    for key in ("whole", "parts", "basis", "stages", "neutral", "leads", "links", "growth",
                "decline"):
        value = data.get(key)
        if not isinstance(value, list) or not value \
                or not all(isinstance(w, str) and w for w in value):
            raise ConceptError(f"{path}: {key}: expected a list of words")
        lists[key] = longest_first(value)
    return ScopeWords(**lists)


class ConceptTable:
    """All concepts, indexed by every name they answer to."""

    def __init__(self, concepts: Iterable[Concept]):
        self._core_pattern: re.Pattern | None = None
        self.by_id: dict[str, Concept] = {}
        for c in concepts:
            if c.id in self.by_id:
                raise ConceptError(f"{c.file}: concept {c.id!r}: id already defined in "
                                   f"{self.by_id[c.id].file}")
            self.by_id[c.id] = c
        self.names: dict[str, Concept] = {}
        for c in self.by_id.values():
            for alias in (c.name, *c.aliases):
                other = self.names.get(alias)
                if other is not None and other is not c:
                    raise ConceptError(f"{c.file}: concept {c.id!r}: alias {alias!r} "
                                       f"already names {other.id!r}")
                self.names[alias] = c
        # X.growth answers to every name of X followed by a growth word, and, negated, by
        # a word of falling, unless that name is already taken explicitly. Without a
        # concept X (工业投资增长 has none), the stems are its own names less their growth
        # word (工业投资同比增长, 工业投资下降).
        words = scope_words()
        self.falls: set[str] = set()  # the names that read their figure negated
        self.stems: set[str] = set()  # stems of growth concepts without a concept X
        for c in self.by_id.values():
            if not c.id.endswith(GROWTH):
                continue
            parent = self.by_id.get(c.parent or "")
            if parent is not None:
                names = (parent.name, *parent.aliases)
            else:
                names = _stems(c, words)
                self.stems.update(names)
            for alias, suffix in itertools.product(names, words.growth):
                self.names.setdefault(alias + suffix, c)
            for fall in map("".join, itertools.product(names, words.decline)):
                if fall not in self.names:
                    self.names[fall] = c
                    self.falls.add(fall)
        for c in self.by_id.values():
            for friend in c.false_friends:
                hit = self.names.get(friend)
                if hit is c:
                    raise ConceptError(f"{c.file}: concept {c.id!r}: false friend {friend!r} "
                                       "is also its alias")

    @property
    def _cores(self) -> re.Pattern:
        """Every concept's name and aliases as one pattern: a name holding none of them
        maps to no concept, whatever words around them are taken off."""
        if self._core_pattern is None:
            cores = {n for c in self.by_id.values() for n in (c.name, *c.aliases)} | self.stems
            self._core_pattern = re.compile(alternation(cores))
        return self._core_pattern

    def __iter__(self):
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def match(self, indicator: str, unit: str, before: str = "") -> Match | None:
        """The concept an indicator name stands for, if its unit fits; None otherwise.

        ``before`` is the text right before the figure in its sentence: where the name
        stands in it, a scope word just before it (全市 in 全市一般公共预算收入, which
        naming leaves out of the name) goes into the scope too."""
        name = "".join(indicator.split())
        found = self._match_name(name)
        if found is None or unit not in found.concept.units:
            return None
        at = before.rfind(name)
        if at > 0 and not any(name.startswith(w) for w in scope_words().prefixes):
            word = next((w for w in scope_words().prefixes if before.endswith(w, 0, at)), None)
            if word:
                found = Match(found.concept, " ".join(p for p in (word, found.scope) if p),
                              found.sign)
        return found

    @lru_cache(maxsize=65536)  # noqa: B019 - one table per process, names repeat
    def _match_name(self, name: str) -> Match | None:
        words = scope_words()
        joined = name
        for w in words.basis:  # 收入同口径增长: a basis word may stand inside a concept's name
            joined = joined.replace(w, "")
        if not self._cores.search(joined):  # most names hold no concept's name: nothing to try
            return None
        for form, scope in _forms(name, words):
            concept = self.names.get(form)
            if concept is not None:
                return Match(concept, scope, -1 if form in self.falls else 1)
        return None


def _forms(name: str, words: ScopeWords):
    """``name`` with fewer and then more words around it taken off: (form, scope)."""
    lead = next((w for w in words.leads if name.startswith(w) and len(name) > len(w)), None)
    linked = [name] + ([name[len(lead):]] if lead else [])
    while True:
        last = linked[-1]
        tail = next((w for w in words.links if last.endswith(w) and len(last) > len(w)), None)
        if tail is None:
            break
        linked.append(last[:-len(tail)])
    for form in linked:
        yield form, ""
    for form in linked:
        for core, scope in _scoped(form, words):
            yield core, scope


def _scoped(name: str, words: ScopeWords):
    """Forms of ``name`` with scope words off its front, its middle and its end."""
    fronts = [("", name)]
    rest = name
    taken = ""
    for _ in range(2):  # 全市 + 城镇 at most
        word = next((w for w in words.prefixes if rest.startswith(w) and len(rest) > len(w)), None)
        if word is None:
            break
        taken, rest = taken + word, rest[len(word):]
        fronts.append((taken, rest))
        lead = next((w for w in words.leads if rest.startswith(w) and len(rest) > len(w)), None)
        if lead:  # 全市完成房地产开发投资: a lead after the scope word
            fronts.append((taken, rest[len(lead):]))
    for front, core in fronts:
        middles = [("", core)]
        for w in words.basis:
            if w in core and core != w:
                middles.append((w, core.replace(w, "", 1)))
        for middle, body in middles:
            ends = [("", body)]
            for _ in range(2):  # 支出预算完成: two stage words at most
                ends += [((w + " " + taken).strip(), rest[:-len(w)]) for taken, rest in ends
                         if rest.endswith(words.stages)  # one C call for most, which end in none
                         for w in words.stages if rest.endswith(w) and len(rest) > len(w)]
                ends = list(dict.fromkeys(ends))
            for end, core_name in ends:
                if front or middle or end:
                    yield core_name, " ".join(p for p in (front, middle, end) if p)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _load_file(path: Path) -> list[Concept]:
    try:
        data = read_toml(path)
    except OSError as e:
        raise ConceptError(f"{path}: cannot read concept file: {e.strerror or e}") from None
    except (TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConceptError(f"{path}: not valid TOML: {e}") from None
    raw = data.get("concept")
    if not isinstance(raw, list) or not raw:
        raise ConceptError(f"{path}: expected [[concept]] tables")
    return [_make(path, i, entry) for i, entry in enumerate(raw, 1)]


def _make(path: Path, index: int, raw: Any) -> Concept:
    where = f"{path.name}: concept {index}"
    if not isinstance(raw, dict):
        raise ConceptError(f"{where}: expected a table")
    cid = raw.get("id")
    if not isinstance(cid, str) or not _ID.fullmatch(cid):
        raise ConceptError(f"{where}: id: expected an ascii dotted id such as 'gdp.growth', "
                           f"got {cid!r}")
    where = f"{path.name}: concept {cid!r}"
    unknown = set(raw) - _FIELDS
    if unknown:
        raise ConceptError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")

    def text(key: str, required: bool = True) -> str:
        value = raw.get(key, None if required else "")
        if not isinstance(value, str) or (required and not value):
            raise ConceptError(f"{where}: {key}: expected a string, got {value!r}")
        return value

    def words(key: str, required: bool = False) -> tuple[str, ...]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value) \
                or (required and not value):
            raise ConceptError(f"{where}: {key}: expected a list of non-empty strings, "
                               f"got {value!r}")
        return tuple("".join(w.split()) for w in value)

    kind = text("kind")
    if kind not in KINDS:
        raise ConceptError(f"{where}: kind: expected one of {', '.join(KINDS)}, got {kind!r}")
    examples = raw.get("examples", [])
    if not isinstance(examples, list) or not examples:
        raise ConceptError(f"{where}: examples: expected a list of {{text = …, value = …}} tables")
    for k, example in enumerate(examples, 1):
        if not isinstance(example, dict) or not isinstance(example.get("text"), str) \
                or not _is_number(example.get("value")):
            raise ConceptError(f"{where}: example {k}: expected {{text = \"…\", value = NUMBER}}, "
                               f"got {example!r}")
        extra = set(example) - _EXAMPLE_FIELDS
        if extra:
            raise ConceptError(f"{where}: example {k}: unknown field(s) {', '.join(sorted(extra))}")
        if "concept_value" in example and not _is_number(example["concept_value"]):
            raise ConceptError(f"{where}: example {k}: concept_value: expected a number, "
                               f"got {example['concept_value']!r}")
        if "concept" in example and not isinstance(example["concept"], str):
            raise ConceptError(f"{where}: example {k}: concept: "
                               "expected a concept id or \"\" for none")
    return Concept(id=cid, name="".join(text("name").split()), kind=kind,
                   units=words("units", required=True), aliases=words("aliases"),
                   false_friends=words("false_friends"),
                   source=text("source", required=False), note=text("note", required=False),
                   examples=tuple(examples), file=path.name)


def load_concepts(paths: Iterable[Path] | None = None) -> ConceptTable:
    """The concept table of ``paths`` (default: patterns/concepts/*.toml), checked."""
    files = list(paths) if paths is not None else concept_files()
    return ConceptTable(c for path in files for c in _load_file(Path(path)))


@lru_cache(maxsize=1)
def default_concepts() -> ConceptTable:
    return load_concepts()
