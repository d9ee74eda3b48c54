"""Rule sets: TOML files of patterns that name quantities, or exclude them.

A rule file holds ``[[rule]]`` tables::

    [[rule]]
    id = "quality.rate"                 # unique, "file.name"
    pattern = '合格率{VERB}{QTY}'
    indicator = "{left}合格率"          # template (default {indicator} if captured,
                                        # else {left}): {indicator}, any named group,
                                        # {topic} (the sentence's last name) and {left} (the
                                        # words before the match, back to the clause
                                        # start or the previous figure)
    kind = "rate"                       # optional: overrides the unit table's kind
    unit = "元"                         # optional: the unit of a quantity written without one
    action = "name"                     # "exclude": the quantity is not an indicator;
                                        # "unit": only give a unitless quantity `unit`
                                        # (资金近100万 is money) and let naming go on
    topic_when_short = "indicator"      # optional: when this group names too little
                                        # (列全省第二), the sentence's topic goes first
    priority = 0                        # higher runs first; a quantity is claimed once
    examples = [ { text = "…", expect = [ { indicator = "…", value = 1, unit = "%" } ] } ]

Patterns use the ``regex`` package and the macros of ``patterns/macros.toml``; ``{QTY}``
marks the quantity. Start a pattern with its keyword and name from ``{left}``: a
pattern that opens with a variable-length run is retried at every position of the text.
Patterns are searched only in the sentences that hold a number, so a match never
reaches across 。！？；, a line break or a paragraph's opening spaces. Patterns from
users' files run under a time limit per document (:class:`RuleBudget`), so a
pathological one cannot hang a batch; a rule stopped by it is named in a
:class:`RuleStoppedWarning`.
"""
from __future__ import annotations

import time
import warnings
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from ..patterns import data_file, default_rule_files
from .compiled import compile_pattern
from .compiled import save as save_patterns
from .quantities import NUMBER_SURFACE, Quantity
from .records import FIELDS, KINDS
from .tomlread import DataFileError, Expect, check, read_data
from .units import unit_table

ACTIONS = ("name", "exclude", "unit")
# Each user rule's search time in one document, all its sentences together: a limit
# per search would let a pattern just under it take that long on every sentence.
TIMEOUT_SECONDS = 2.0
# and in one batch (per process), so a batch of thousands is not thousands of limits.
BATCH_TIMEOUT_SECONDS = 30.0
QTY = rf"(?P<qty>{NUMBER_SURFACE})"


class RuleError(DataFileError):
    """A rule file that cannot be used; the message names the file and the rule."""


@dataclass(frozen=True)
class Rule:
    id: str
    pattern: regex.Pattern
    source: str
    indicator: str = "{indicator}"
    kind: str | None = None
    unit: str | None = None
    action: str = "name"
    topic_when_short: str | None = None
    priority: int = 0
    description: str = ""
    examples: tuple[dict[str, Any], ...] = field(default=(), compare=False)
    shipped: bool = False  # one of qmine's own rules: tested, so run without a time limit


@lru_cache(maxsize=1)
def macros() -> dict[str, str]:
    path = data_file("macros.toml")
    table = read_data(path, "macro table", RuleError)
    for name in table:
        check(str(path), table, name, Expect.STRING, error=RuleError)
    return {**table, "QTY": QTY}


def expand(pattern: str) -> str:
    """Replace ``{MACRO}`` with its text; a ``{`` that is not a macro stays (regex counts)."""
    table = macros()
    return regex.sub(r"\{([A-Z_]+)\}", lambda m: table.get(m.group(1), m.group(0)), pattern)


def load_rule_file(path: Path) -> list[Rule]:
    """Read and check one rule file; :class:`RuleError` says what is wrong where."""
    data = read_data(path, "rule file", RuleError)
    rules = data.get("rule")
    if not isinstance(rules, list) or not rules:
        raise RuleError(f"{path}: no [[rule]] tables")
    return [_make_rule(path, i, raw) for i, raw in enumerate(rules, 1)]


def _make_rule(path: Path, index: int, raw: Any) -> Rule:
    where = f"{path}: rule {index}"
    if not isinstance(raw, dict):
        raise RuleError(f"{where}: must be a table")
    rid = raw.get("id")
    if not isinstance(rid, str) or not rid:
        raise RuleError(f"{where}: needs an id")
    where = f"{path}: rule {rid!r}"
    unknown = set(raw) - {"id", "pattern", "indicator", "kind", "unit", "action", "priority",
                          "description", "examples", "topic_when_short"}
    if unknown:
        raise RuleError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    for key, expect in FIELD_TYPES.items():
        check(where, raw, key, expect, error=RuleError)
    source = raw.get("pattern")
    if not isinstance(source, str) or "{QTY}" not in source:
        raise RuleError(f"{where}: pattern must be a string containing {{QTY}}")
    try:
        compiled = compile_pattern(expand(source))  # from the cache of earlier runs
    except regex.error as e:
        raise RuleError(f"{where}: bad pattern: {e} "
                        "(positions count in the pattern with its macros expanded)") from None
    action = raw.get("action", "name")
    if action not in ACTIONS:
        raise RuleError(f"{where}: action must be one of {', '.join(ACTIONS)}")
    kind = raw.get("kind")
    if kind is not None and kind not in KINDS:
        raise RuleError(f"{where}: kind must be one of {', '.join(KINDS)}")
    template = raw.get("indicator",
                       "{indicator}" if "indicator" in compiled.groupindex else "{left}")
    groups = set(compiled.groupindex) | {"topic", "left"}
    for name in regex.findall(r"\{(\w+)\}", template):
        if name not in groups:
            raise RuleError(f"{where}: indicator template uses {{{name}}}, "
                            "which the pattern does not capture")
    if action == "unit" and not raw.get("unit"):
        raise RuleError(f"{where}: action \"unit\" needs a unit")
    short = raw.get("topic_when_short")
    if short is not None and short not in set(compiled.groupindex) | {"left"}:
        raise RuleError(f"{where}: topic_when_short names {short!r}, "
                        "which the pattern does not capture")
    examples = raw.get("examples", [])
    if not isinstance(examples, list) or any(not isinstance(e, dict) or "text" not in e
                                             for e in examples):
        raise RuleError(f"{where}: examples must be a list of {{text = …, expect = […]}} tables")
    for n, example in enumerate(examples, 1):
        _check_example(f"{where}: example {n}", example)
    return Rule(id=rid, pattern=compiled, source=source, indicator=template, kind=kind,
                unit=raw.get("unit"), action=action, topic_when_short=short,
                priority=int(raw.get("priority", 0)),
                description=str(raw.get("description", "")), examples=tuple(examples))


# The type of each optional field of a rule (the closed sets, action and kind, are
# checked against ACTIONS and KINDS after).
FIELD_TYPES = {"id": Expect.STRING, "pattern": Expect.STRING, "indicator": Expect.STRING,
               "kind": Expect.STRING, "unit": Expect.STRING, "action": Expect.STRING,
               "topic_when_short": Expect.STRING, "priority": Expect.INTEGER,
               "description": Expect.STRING, "examples": Expect.TABLES}


def _check_example(where: str, example: dict[str, Any]) -> None:
    """An example's text is a string and what it expects are records' fields, so
    ``qmine rules test`` can run it (a number as text would fail deep in extraction)."""
    unknown = set(example) - {"text", "expect"}
    if unknown:
        raise RuleError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    check(where, example, "text", Expect.STRING, required=True, error=RuleError)
    for m, want in enumerate(check(where, example, "expect", Expect.TABLES,
                                   error=RuleError) or [], 1):
        wrong = set(want) - set(FIELDS)
        if wrong:
            raise RuleError(f"{where}: expect {m}: {', '.join(sorted(wrong))} "
                            f"is not a record field (fields: {', '.join(FIELDS)})")


def load_rules(paths: list[Path] | tuple[Path, ...] = (),
               defaults: bool = True) -> tuple[Rule, ...]:
    """Default rule sets (unless ``defaults`` is False) plus user files, checked, in
    the order they apply: higher priority first, then file order."""
    shipped = default_rule_files() if defaults else []
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    for path in shipped + [Path(p) for p in paths]:
        for rule in load_rule_file(path):
            if path in shipped:
                rule = replace(rule, shipped=True)
            if rule.id in seen:
                raise RuleError(f"{path}: rule {rule.id!r} is already defined in {seen[rule.id]}")
            seen[rule.id] = path
            rules.append(rule)
    save_patterns()  # for the next process, if any pattern was new
    return tuple(sorted(rules, key=lambda r: -r.priority))


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    return load_rules()


@dataclass
class Claim:
    """A naming or excluding rule's hold on one quantity, with the match that made it."""

    rule: Rule
    match: regex.Match


class RuleStoppedWarning(UserWarning):
    """A user rule ran out of its time and was stopped: in the document, or for the rest
    of a batch. Its matches from there on are lost (the command line says so, naming
    the file and the rule)."""

    def __init__(self, rule_id: str, seconds: float, scope: str = "document"):
        where = ("for one document" if scope == "document"
                 else "for a batch, and is not run again in it")
        super().__init__(f"rule {rule_id!r} stopped: it spent its {seconds:g} s time limit "
                         f"{where}; its matches from there on are lost")
        self.rule_id, self.scope = rule_id, scope


class RuleBudget:
    """The search time each user rule has left: in one document, or in a batch.

    A document's budget serves all its sentences, and all the pieces of a large one,
    so a document costs a pathological rule at most ``seconds`` whatever its length.
    It may draw on a ``batch`` budget too (what one process extracts of a batch), so
    a thousand documents do not cost a thousand limits: a rule that has spent the
    batch's is not run again in it. Each stop is one warning."""

    def __init__(self, seconds: float | None = None, batch: RuleBudget | None = None,
                 scope: str = "document"):
        self.seconds = TIMEOUT_SECONDS if seconds is None else seconds
        self.batch, self.scope = batch, scope
        self.spent: dict[str, float] = {}
        self.stopped: set[str] = set()

    @classmethod
    def for_batch(cls, seconds: float | None = None) -> RuleBudget:
        return cls(BATCH_TIMEOUT_SECONDS if seconds is None else seconds, scope="batch")

    def left(self, rule: Rule) -> float:
        own = self.seconds - self.spent.get(rule.id, 0.0)
        return own if self.batch is None else min(own, self.batch.left(rule))

    def spend(self, rule: Rule, seconds: float) -> None:
        self.spent[rule.id] = self.spent.get(rule.id, 0.0) + seconds
        if self.batch is not None:
            self.batch.spend(rule, seconds)

    def stop(self, rule: Rule) -> None:
        if rule.id in self.stopped:
            return
        self.stopped.add(rule.id)
        if self.batch is not None and self.batch.left(rule) <= 0:
            self.batch.stop(rule)  # said once for the whole batch
        else:
            warnings.warn(RuleStoppedWarning(rule.id, self.seconds, self.scope), stacklevel=3)


def _matches(rule: Rule, text: str, spans: list[tuple[int, int]], budget: RuleBudget):
    """The rule's matches in ``spans``, within its time left in the document (qmine's
    own rules are tested and run without a limit, which costs as much as the search
    itself on short spans)."""
    if rule.shipped:
        for start, end in spans:
            yield from rule.pattern.finditer(text, start, end)
        return
    for start, end in spans:
        left = budget.left(rule)
        if left <= 0:
            budget.stop(rule)
            return
        began = time.perf_counter()
        try:
            found = list(rule.pattern.finditer(text, start, end, timeout=left))
        except TimeoutError:
            budget.spend(rule, left)
            budget.stop(rule)
            return
        budget.spend(rule, time.perf_counter() - began)
        yield from found


def apply_rules(text: str, quantities: list[Quantity], rules: tuple[Rule, ...],
                spans: list[tuple[int, int]] | None = None,
                budget: RuleBudget | None = None) -> dict[int, Claim]:
    """Run every rule over ``text``: ``unit`` rules give unitless quantities a unit,
    ``exclude`` rules drop theirs, ``name`` rules claim theirs (the first rule wins).

    ``spans`` limits the search to those stretches (the sentences that hold a
    quantity: a rule's match never leaves its number's sentence, and most of a report
    has no number); by default the whole text is searched. ``budget`` is the
    document's time for user rules (a fresh one by default, for ``text`` alone)."""
    spans = spans if spans is not None else [(0, len(text))]
    budget = budget if budget is not None else RuleBudget()
    by_start: dict[int, int] = {}
    for i, q in enumerate(quantities):
        by_start.setdefault(q.pre_start, i)
        by_start.setdefault(q.start, i)
    claims: dict[int, Claim] = {}
    for rule in rules:
        if not rule.shipped and rule.id in budget.stopped:
            continue
        for m in _matches(rule, text, spans, budget):
            i = by_start.get(m.start("qty"))
            if i is None or quantities[i].drop:
                continue
            q = quantities[i]
            if rule.action == "unit":
                if not q.has_unit and q.needs_rule in ("", "unknown unit"):
                    q.unit, q.has_unit, q.needs_rule = rule.unit, True, ""
                    q.kind = rule.kind or unit_table().kind_of(rule.unit) or q.kind
                continue
            if i in claims:
                continue
            if rule.action == "exclude":
                q.drop = f"rule {rule.id}"
            claims[i] = Claim(rule, m)
    return claims


def apply_claim_units(q: Quantity, rule: Rule) -> None:
    """The unit and kind a claiming rule sets (a rank is counted in 名次)."""
    if rule.unit and not q.has_unit:
        q.unit = rule.unit
        q.kind = rule.kind or unit_table().kind_of(rule.unit) or q.kind
    elif rule.kind:
        q.kind = rule.kind
    if q.kind == "rank":
        q.unit = unit_table().rank_unit
