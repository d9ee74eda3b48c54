"""Records into a panel: one row per document × period × concept × target (× scope).

Economists build exactly this by hand: every province's GDP-growth target, every
county's 抽查合格率 for ten years. A record that has no concept has no place in a panel.
A cell's value is the record's ``concept_value``: a fall (下降3.2%) read as growth is
-3.2. When several records fall in one cell, the first in report order stands for it and
``mentions`` counts them (``keep_all`` keeps every one). Records come as
:class:`~qmine.extract.Record` objects or as the dicts JSON Lines gives back, so a
panel built from reports equals one built from piped records.
"""
from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .concepts import scope_words

COLUMNS = ("region", "region_code", "doc_type", "doc", "period", "concept", "concept_name", "scope",
           "target", "value", "unit", "qualifier", "low", "high", "raw", "start", "end", "mentions")
WIDE_KEYS = ("region", "region_code", "doc_type", "doc", "period", "target")


@dataclass(frozen=True)
class PanelQuery:
    """Which cells a panel keeps: concept ids or prefixes (``budget.*``), targets only
    (True), achieved figures only (False) or both (None), and periods."""

    concepts: tuple[str, ...] = ()
    targets: bool | None = None
    periods: tuple[str, ...] = ()
    keep_all: bool = False

    def admits(self, row: dict[str, Any]) -> bool:
        if not row.get("concept"):
            return False
        if self.concepts and not any(_concept_matches(row["concept"], c) for c in self.concepts):
            return False
        if self.targets is not None and bool(row.get("target")) != self.targets:
            return False
        return not self.periods or str(row.get("period")) in self.periods


def _concept_matches(concept: str, wanted: str) -> bool:
    """``gdp.growth`` matches itself; ``budget.*`` every id under budget."""
    if wanted.endswith(".*"):
        return concept.startswith(wanted[:-1]) or concept == wanted[:-2]
    return fnmatch.fnmatchcase(concept, wanted)


def _as_dict(record: Any) -> dict[str, Any]:
    return record.to_dict() if hasattr(record, "to_dict") else dict(record)


def tidy(records: Iterable[Any], query: PanelQuery = PanelQuery()) -> list[dict[str, Any]]:
    """The tidy panel of ``records`` (in their order): one row per cell, in the order
    cells first appear, with :data:`COLUMNS`."""
    words = scope_words()
    rows: dict[tuple, dict[str, Any]] = {}
    out: list[dict[str, Any]] = []
    for record in records:
        r = _as_dict(record)
        if not query.admits(r):
            continue
        row = {c: r.get(c) for c in COLUMNS}
        row["mentions"] = 1
        _as_concept_reads_it(row, r.get("concept_value"))
        key = (r.get("doc"), r.get("period"), r.get("concept"), bool(r.get("target")),
               words.panel_scope(r.get("scope")))
        first = rows.get(key)
        if first is None:
            rows[key] = row
            out.append(row)
        else:
            first["mentions"] += 1
            if query.keep_all:
                out.append(row)
    if query.keep_all:  # every row of a cell carries the cell's count
        for row in out:
            row["mentions"] = rows[(row["doc"], row["period"], row["concept"], bool(row["target"]),
                                    words.panel_scope(row["scope"]))]["mentions"]
    return out


def _as_concept_reads_it(row: dict[str, Any], concept_value: Any) -> None:
    """A panel's value is the record's ``concept_value``: a fall (下降3.2% under
    X.growth) is -3.2, its range's ends negated and swapped. Records written before
    qmine gave ``concept_value`` keep their value."""
    value = row["value"]
    if concept_value is None or concept_value == value:
        return
    row["value"] = concept_value
    if concept_value == -value:
        low, high = row.get("low"), row.get("high")
        row["low"] = None if high is None else -high
        row["high"] = None if low is None else -low


def wide(rows: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """Tidy rows pivoted for a spreadsheet: one row per document × period × target,
    one column per concept (with its scope in brackets when it has one), holding the
    value. Returns the columns and the rows."""
    words = scope_words()
    columns: list[str] = list(WIDE_KEYS)
    table: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        scope = words.panel_scope(row.get("scope"))
        column = row["concept"] + (f"[{scope}]" if scope else "")
        if column not in columns:
            columns.append(column)
        key = tuple(row.get(k) for k in WIDE_KEYS)
        line = table.setdefault(key, dict(zip(WIDE_KEYS, key)))
        line.setdefault(column, row["value"])
    return columns, list(table.values())
