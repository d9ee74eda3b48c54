"""What a report is and whose it is: its region (with 行政区划代码), kind, year and title,
read from its title, first lines and speaker, or given by the user.

A panel needs every figure tied to the region that reported it; reports say it once,
at the top (广东省省长 孟凡利, 关于洛阳市2025年预算执行情况…, 湖北省襄阳市襄州区质量技术监督局).
The words that tell kinds and regions are data (patterns/doc_types.toml,
patterns/regions.toml); this module only reads the head of a report with them.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from ..patterns import data_file
from .regions import PREFECTURE, PROVINCE, Division, divisions, region_words
from .tomlread import read_toml

HEAD_CHARS = 3000       # the part of the working text read for the title and region
TITLE_MAX = 80          # a longer line is prose, not a title
OPENING = 200           # a report's opening words, where a region may stand in prose
_NOT_TITLE = re.compile(r"[，,。；;>|]")  # prose and breadcrumbs (首页 > 统计公报 > …)
_HTML_TITLE = re.compile(r"<title[^>]*>([^<]{1,200})</title>", re.IGNORECASE)


class MetaError(ValueError):
    """A data file or a user's meta file that cannot be used; one line."""


@dataclass(frozen=True)
class DocTypeInfo:
    id: str
    name: str
    title: tuple[str, ...]
    body: tuple[str, ...]


@dataclass(frozen=True)
class DocTypes:
    kinds: tuple[DocTypeInfo, ...]
    min_body: int

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(k.id for k in self.kinds)


@lru_cache(maxsize=1)
def doc_types() -> DocTypes:
    """The registry of report kinds (patterns/doc_types.toml), checked."""
    path = data_file("doc_types.toml")
    d = read_toml(path)
    kinds = []
    for i, raw in enumerate(d.get("doc_type", []), 1):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise MetaError(f"{path.name}: doc_type {i}: expected a table with an id")
        for key in ("title", "body"):
            if not isinstance(raw.get(key), list) or not all(isinstance(w, str) for w in raw[key]):
                raise MetaError(f"{path.name}: doc_type {raw['id']!r}: {key}: "
                                "expected a list of words")
        kinds.append(DocTypeInfo(raw["id"], str(raw.get("name", "")), tuple(raw["title"]),
                                 tuple(raw["body"])))
    if not kinds or kinds[-1].id != "other":
        raise MetaError(f"{path.name}: expected [[doc_type]] tables ending with id = \"other\"")
    return DocTypes(tuple(kinds), int(d.get("min_body", 5)))


@dataclass(frozen=True)
class ReportMeta:
    """A report's own fields; every record of it carries region, region_code and doc_type."""

    region: str | None = None
    region_code: str | None = None
    doc_type: str | None = None
    doc_year: int | None = None
    title: str | None = None

    def merged(self, override: ReportMeta | None) -> ReportMeta:
        """These fields, with those ``override`` sets taking their place."""
        if override is None:
            return self
        given = {k: v for k, v in override.__dict__.items() if v is not None}
        return replace(self, **given)


def read_meta(text: str, original: str = "", doc_year: int | None = None) -> ReportMeta:
    """The kind, region and title of a report, from its working ``text`` (and the
    page's <title> in ``original`` when it is a page); ``doc_year`` is the year its
    今年 means (:class:`~qmine.extract.structure.Layout`)."""
    head = text[:HEAD_CHARS]
    page_title = _page_title(original)
    title = _title(head) or page_title
    kind = _kind(" ".join(t for t in (title, page_title) if t), text)
    region = _region(head + "\n" + (page_title or ""), text)
    return ReportMeta(region=region.name if region else None,
                      region_code=region.code if region else None, doc_type=kind,
                      doc_year=doc_year, title=title)


def _page_title(original: str) -> str | None:
    m = _HTML_TITLE.search(original[:20000]) if original.lstrip().startswith("<") else None
    if not m:
        return None
    from .normalise import to_simplified

    return to_simplified(" ".join(html.unescape(m.group(1)).split())) or None


def _title(head: str) -> str | None:
    """The first short line that names a kind of report (政府工作报告, …统计公报)."""
    words = [w for k in doc_types().kinds for w in k.title]
    for line in head.splitlines():
        line = " ".join(line.split()).split("——")[0].strip()  # not the date line joined to it
        if not line or len(line) > TITLE_MAX or _NOT_TITLE.search(line):
            continue
        if any(w in line for w in words):
            return line
    return None


def _kind(title: str, text: str) -> str:
    registry = doc_types()
    for k in registry.kinds:
        if any(w in title for w in k.title):
            return k.id
    counts = {k.id: sum(text.count(w) for w in k.body) for k in registry.kinds if k.body}
    best = max(counts, key=counts.get, default=None)
    return best if best and counts[best] >= registry.min_body else "other"


class _NameFinder:
    """Every division name in a text, left to right, the longest at each place, not
    overlapping: what an alternation of the names, longest first, finds with ``re``,
    without its 0.1-0.2 s compile at every start-up and ten times faster (a
    character class finds where a name may start; a set says which length is one)."""

    def __init__(self, names: Iterable[str]):
        self.names = frozenset(names)
        lengths: dict[str, set[int]] = {}
        for name in self.names:
            lengths.setdefault(name[0], set()).add(len(name))
        self.lengths = {c: sorted(ls, reverse=True) for c, ls in lengths.items()}
        self.first = re.compile("[" + "".join(map(re.escape, sorted(self.lengths))) + "]")

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """``(start, end, name)`` of each name found."""
        lengths, names, end = self.lengths, self.names, 0
        for m in self.first.finditer(text):
            i = m.start()
            if i < end:
                continue
            for size in lengths[m.group()]:
                if text[i:i + size] in names:
                    end = i + size
                    yield i, end, text[i:end]
                    break


@lru_cache(maxsize=1)
def _names_pattern() -> _NameFinder:
    return _NameFinder(divisions().by_name)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    division: Division


def _mentions(text: str) -> list[_Mention]:
    table = divisions()
    out = []
    for start, end, name in _names_pattern().finditer(text):
        for d in table.lookup(name):
            if d.level == 3 and len(name) < 3:
                continue  # 城区, 郊区: words far more often than counties
            out.append(_Mention(start, end, d))
    return out


def _region(head: str, text: str) -> Division | None:
    """The region a report speaks for: in its head (its opening words and its short
    lines, not the prose further down, where 南浔区人民政府 may be one of many), a
    region named right before its congress, government, bureau, leader or title
    (广东省省长, 洛阳市2025年预算…), the
    innermost of a chain (湖北省襄阳市襄州区质量技术监督局 → 襄州区); else the region its
    text names most (province and prefecture names, full or short)."""
    words = region_words()
    table = divisions()
    if any(w in head for w in words.national_words):
        return table.national
    mentions = _mentions(head)
    strong: Counter = Counter()
    first: dict[Division, int] = {}
    for k, m in enumerate(mentions):
        following = [n for n in mentions[k + 1:k + 4] if n.start == m.end]
        if any(table.is_within(n.division, m.division) for n in following):
            continue  # 湖北省 in 湖北省襄阳市…: a qualifier of what follows
        line_start = head.rfind("\n", 0, m.start) + 1
        line_end = head.find("\n", m.end)
        in_prose = (m.start >= OPENING
                    and (line_end if line_end >= 0 else len(head)) - line_start > TITLE_MAX)
        window = head[m.end:m.end + words.reach]
        if not in_prose and any(w in window for w in words.body):
            strong[m.division] += 1
            first.setdefault(m.division, m.start)
    if strong:
        return _best(strong, first, table)
    counts: Counter = Counter()
    for m in _mentions(text):
        if m.division.level in (PROVINCE, PREFECTURE):
            counts[m.division] += 1
            first.setdefault(m.division, m.start)
    return _best(counts, first, table) if counts else None


def _best(counts: Counter, first: dict[Division, int], table) -> Division:
    """The most named; of two named as often, the inner one if one holds the other,
    else the first named."""
    top = max(counts.values())
    tied = sorted((d for d, n in counts.items() if n == top), key=lambda d: first[d])
    inner = [d for d in tied if any(table.is_within(d, o) for o in tied if o is not d)]
    return (inner or tied)[0]


META_COLUMNS = ("file", "region", "year", "doc_type", "title")


def user_meta(region: str | None = None, year: int | None = None, doc_type: str | None = None,
              title: str | None = None) -> ReportMeta:
    """What a user says of a report (``--region 湖州市``), checked: a region by name or
    6-digit code, a kind from patterns/doc_types.toml. :class:`MetaError` otherwise."""
    from .regions import RegionError

    code = name = None
    if region:
        try:
            d = divisions().resolve(region)
        except RegionError as e:
            raise MetaError(str(e)) from None
        name, code = d.name, d.code
    if doc_type is not None and doc_type not in doc_types().ids:
        raise MetaError(f"unknown report kind {doc_type!r}: one of {', '.join(doc_types().ids)}")
    return ReportMeta(region=name, region_code=code, doc_type=doc_type, doc_year=year, title=title)


def read_meta_table(path: str) -> dict[str, ReportMeta]:
    """A CSV mapping file names to what their text does not say: columns ``file`` (the
    path as given on the command line, or its base name) and any of ``region`` (name
    or code), ``year``, ``doc_type``, ``title``. :class:`MetaError` names the file,
    line and column of anything wrong."""
    import csv

    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
            columns = set(rows[0]) if rows else set()
    except OSError as e:
        raise MetaError(f"{path}: cannot read: {e.strerror or e}") from None
    except (UnicodeDecodeError, csv.Error) as e:
        raise MetaError(f"{path}: not a UTF-8 CSV file: {e}") from None
    if "file" not in columns:
        raise MetaError(f"{path}: expected a header with a 'file' column and any of "
                        f"{', '.join(META_COLUMNS[1:])}")
    unknown = columns - set(META_COLUMNS)
    if unknown:
        raise MetaError(f"{path}: unknown column(s) {', '.join(sorted(unknown))}; "
                        f"expected {', '.join(META_COLUMNS)}")
    table: dict[str, ReportMeta] = {}
    for line, row in enumerate(rows, 2):
        year = (row.get("year") or "").strip()
        if year and not (year.isdigit() and len(year) == 4):
            raise MetaError(f"{path}:{line}: year: expected a 4-digit year, got {year!r}")
        try:
            table[row["file"].strip()] = user_meta(row.get("region") or None,
                                                   int(year) if year else None,
                                                   (row.get("doc_type") or "").strip() or None,
                                                   (row.get("title") or "").strip() or None)
        except MetaError as e:
            raise MetaError(f"{path}:{line}: {e}") from None
    return table


def meta_for(name: str, table: dict[str, ReportMeta]) -> ReportMeta | None:
    """The row of ``table`` for an input, by the path as given or its base name."""
    import os

    return table.get(name) or table.get(os.path.basename(name))
