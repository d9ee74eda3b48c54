"""The record: one indicator as an analyst gets it (field names are stable; see DESIGN.md)."""
from __future__ import annotations

from dataclasses import dataclass, fields

KINDS = ("rate", "count", "money", "measure", "ratio", "score", "rank")
QUALIFIERS = ("exact", "over", "under", "about")


@dataclass(slots=True)
class Record:
    doc: str                 # the input as named by the user ("-" for stdin)
    indicator: str           # what was measured, simplified script
    kind: str                # one of KINDS
    value: float | int       # in the canonical unit (27.815万元 → 278150)
    unit: str                # canonical unit ("" for a bare count)
    qualifier: str           # one of QUALIFIERS
    raw: str                 # the quantity as written in the original text
    start: int               # offsets of raw in the ORIGINAL decoded text
    end: int
    line: int                # 1-based line of start in the original
    period: str | None       # the year the figure belongs to
    section: str | None      # the heading it sits under
    target: bool             # planned or aimed-for, not achieved
    sentence: str            # the normalised sentence, for reading
    rule: str                # the rule that named it ("auto" for the fallback)
    low: float | int | None = None    # the two ends of a range (4~5人), else null
    high: float | int | None = None
    concept: str | None = None        # canonical concept id (patterns/concepts), else null
    concept_name: str | None = None   # its canonical Chinese name
    concept_value: float | int | None = None  # value as the concept reads it (下降3.2% → -3.2)
    scope: str | None = None          # scope words of the name (全市, 市级, 同口径, 预算 …)
    region: str | None = None         # whose report: 广东省, 湖州市, 全国 …
    region_code: str | None = None    # its 6-digit 行政区划代码 ("" for 全国)
    doc_type: str | None = None       # what kind of report (patterns/doc_types.toml)
    subject: str | None = None        # words carried into the indicator from context, else null
    subject_from: str | None = None   # where they came from ("paragraph"), else null

    def to_dict(self) -> dict:
        """The fields in order (every value is a plain str, number, bool or None, so
        no deep copy as ``dataclasses.asdict`` makes is needed)."""
        return {name: getattr(self, name) for name in FIELDS}


FIELDS = tuple(f.name for f in fields(Record))


def tidy_number(value: float) -> float | int:
    """1000000.0 → 1000000, 0.30000000000000004 → 0.3 and 27227999999.999996 → 27228000000:
    twelve significant digits, more than any report writes."""
    if value.is_integer() and abs(value) < 1e12:  # most counts: already exact in twelve digits
        return int(value)
    value = float(f"{value:.12g}")
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def drop_repeats(records: list[Record], seen: set | None = None) -> tuple[list[Record], int]:
    """Records whose sentence, indicator and value repeat an earlier one of the same
    document are dropped: a page saved several times over in one file gives each
    figure once. ``seen`` carries what was met across the pieces of one document."""
    seen = set() if seen is None else seen
    kept = []
    for r in records:
        key = (r.sentence, r.indicator, r.value, r.unit)
        if key not in seen:
            seen.add(key)
            kept.append(r)
    return kept, len(records) - len(kept)
