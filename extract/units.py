"""The unit table (patterns/units.toml) as a lookup the scanner can use."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..patterns import data_file
from .records import KINDS
from .tomlread import DataFileError, Expect, check, read_data


@dataclass(frozen=True)
class Unit:
    surface: str          # as written (simplified)
    unit: str             # canonical unit
    kind: str             # rate count money measure ratio score rank
    scale: float = 1.0
    arabic_only: bool = False
    needs_rule: str = ""   # why a rule must claim it ("duration", "age"), or ""


@dataclass(frozen=True)
class UnitTable:
    by_surface: dict[str, Unit]
    not_before: dict[str, tuple[str, ...]]
    longest: int
    pattern: re.Pattern = field(repr=False, default=None)  # every surface, longest first
    # what a unit can start with: most text is ruled out at once
    first_chars: frozenset[str] = frozenset()
    rank_unit: str = ""  # the unit of a ranking (第N → 名次)

    def kind_of(self, unit: str) -> str | None:
        """The record kind of a canonical unit (元 → money), from the table itself."""
        return next((u.kind for u in self.by_surface.values() if u.unit == unit), None)

    def match(self, text: str, pos: int, chinese_number: bool) -> Unit | None:
        """The longest unit written at ``text[pos:]`` that may follow this number."""
        if text[pos:pos + 1] not in self.first_chars:
            return None
        m = self.pattern.match(text, pos)
        if m is None:
            return None
        for size in range(m.end() - pos, 0, -1):  # a shorter surface when the longest may not stand
            unit = self.by_surface.get(text[pos:pos + size])
            if unit is None or (unit.arabic_only and chinese_number):
                continue
            not_before = self.not_before.get(unit.surface)
            if not_before and text.startswith(not_before, pos + size):
                continue
            return unit
        return None


# What each field of a [[unit]] block must be (kind is also checked against KINDS).
UNIT_FIELDS = {"surfaces": Expect.STRINGS, "unit": Expect.STRING, "kind": Expect.STRING,
               "scale": Expect.NUMBER, "arabic_only": Expect.BOOLEAN, "needs_rule": Expect.STRING}
REQUIRED = ("surfaces", "unit", "kind")


class UnitTableError(DataFileError):
    """patterns/units.toml cannot be used; the message names the block and the field."""


@lru_cache(maxsize=1)
def unit_table() -> UnitTable:
    path = data_file("units.toml")
    data = read_data(path, "unit table", UnitTableError)
    by_surface: dict[str, Unit] = {}
    for block in _blocks(path, data):
        for surface in block["surfaces"]:
            by_surface[surface] = Unit(
                surface=surface,
                unit=surface if block["unit"] == "=" else block["unit"],
                kind=block["kind"],
                scale=float(block.get("scale", 1)),
                arabic_only=bool(block.get("arabic_only", False)),
                needs_rule=str(block.get("needs_rule", "")),
            )
    not_before = check(f"{path}", data, "not_before", Expect.TABLE, error=UnitTableError) or {}
    for surface in not_before:
        check(f"{path}: not_before", not_before, surface, Expect.STRINGS, error=UnitTableError)
    not_before = {k: tuple(v) for k, v in not_before.items()}
    surfaces = sorted(by_surface, key=len, reverse=True)
    # literals only: the standard engine is quicker
    pattern = re.compile("|".join(map(re.escape, surfaces)))
    rank_unit = check(f"{path}", data, "rank_unit", Expect.STRING, required=True,
                      error=UnitTableError)
    return UnitTable(by_surface, not_before, max(map(len, by_surface)), pattern,
                     frozenset(s[0] for s in surfaces), rank_unit)


def _blocks(path, data: dict) -> list[dict]:
    """The [[unit]] blocks, each checked: a wrong one names its number and first surface."""
    blocks = check(str(path), data, "unit", Expect.TABLES, required=True, error=UnitTableError)
    if not blocks:
        raise UnitTableError(f"{path}: no [[unit]] blocks")
    for n, block in enumerate(blocks, 1):
        first = block.get("surfaces")
        where = f"{path}: unit {n}" + (f" ({first[0]})" if isinstance(first, list) and first
                                       and isinstance(first[0], str) else "")
        for key, expect in UNIT_FIELDS.items():
            check(where, block, key, expect, required=key in REQUIRED, error=UnitTableError)
        if not block["surfaces"] or "" in block["surfaces"]:
            raise UnitTableError(f"{where}: surfaces must be a list of non-empty strings")
        if block["kind"] not in KINDS:
            raise UnitTableError(f"{where}: kind must be one of {', '.join(KINDS)}, "
                                 f"not {block['kind']!r}")
        if "scale" in block and block["scale"] <= 0:
            raise UnitTableError(f"{where}: scale must be a number above 0, not {block['scale']!r}")
    return blocks
