"""The unit table (patterns/units.toml) as a lookup the scanner can use."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..patterns import data_file
from .tomlread import read_toml


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
    first_chars: frozenset[str] = frozenset()  # what a unit can start with: most text is ruled out at once

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
            after = text[pos + size:pos + size + 4]
            if any(after.startswith(w) for w in self.not_before.get(unit.surface, ())):
                continue
            return unit
        return None


@lru_cache(maxsize=1)
def unit_table() -> UnitTable:
    data = read_toml(data_file("units.toml"))
    by_surface: dict[str, Unit] = {}
    for block in data["unit"]:
        for surface in block["surfaces"]:
            by_surface[surface] = Unit(
                surface=surface,
                unit=surface if block["unit"] == "=" else block["unit"],
                kind=block["kind"],
                scale=float(block.get("scale", 1)),
                arabic_only=bool(block.get("arabic_only", False)),
                needs_rule=str(block.get("needs_rule", "")),
            )
    not_before = {k: tuple(v) for k, v in data.get("not_before", {}).items()}
    surfaces = sorted(by_surface, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, surfaces)))  # literals only: the standard engine is quicker
    return UnitTable(by_surface, not_before, max(map(len, by_surface)), pattern, frozenset(s[0] for s in surfaces))
