"""Scoring records against gold annotations, exactly as ../shared/gold/GUIDE.md defines.

A record matches a gold line when both are in the same document (by file name), the
record's span overlaps the gold number's span, the units are equal and the values
are equal (relative tolerance 1e-6). Matching is one-to-one, most similar indicators
first. ``full F1`` counts only matches an analyst can use as they are: indicator
similarity ≥ 0.6 and the right period. A gold line may also say which concept
(patterns/concepts) it is, or null for none: ``concept accuracy`` is the share of
such matched lines whose record has that concept.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .document import read_document
from .pipeline import extract_text
from .records import Record, drop_repeats
from .rules import Rule

USABLE_SIMILARITY = 0.6


@dataclass(frozen=True)
class Gold:
    doc: str
    start: int
    end: int
    value: float
    unit: str
    indicator: str
    qualifier: str
    period: str | None
    quote: str
    concept: str | None = None
    has_concept: bool = False   # the line says which concept it is (null: none fits)


@dataclass
class Score:
    records: int = 0
    gold: int = 0
    matches: list[tuple[Record, Gold, float]] = field(default_factory=list)
    missed: list[Gold] = field(default_factory=list)
    spurious: list[Record] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        self.records += other.records
        self.gold += other.gold
        self.matches += other.matches
        self.missed += other.missed
        self.spurious += other.spurious

    def metrics(self) -> dict[str, float | int]:
        n = len(self.matches)
        usable = sum(1 for r, g, s in self.matches
                     if s >= USABLE_SIMILARITY and r.period == g.period)

        def mean(xs):
            return sum(xs) / n if n else 0.0

        return {
            "records": self.records, "gold": self.gold, "matches": n,
            "precision": _ratio(n, self.records), "recall": _ratio(n, self.gold),
            "f1": _f1(n, self.records, self.gold),
            "full_f1": _f1(usable, self.records, self.gold),
            "indicator_similarity": mean([s for _, _, s in self.matches]),
            "exact_indicator": mean([1.0 if r.indicator == g.indicator else 0.0
                                     for r, g, _ in self.matches]),
            "qualifier_accuracy": mean([1.0 if r.qualifier == g.qualifier else 0.0
                                        for r, g, _ in self.matches]),
            "period_accuracy": mean([1.0 if r.period == g.period else 0.0
                                     for r, g, _ in self.matches]),
            # Over the matches whose gold line names a concept (or null for none).
            "concept_lines": len(judged := [(r, g) for r, g, _ in self.matches if g.has_concept]),
            "concept_accuracy": (sum(1.0 for r, g in judged if r.concept == g.concept) / len(judged)
                                 if judged else 0.0),
        }


def char_f1(a: str, b: str) -> float:
    """Character F1 between two indicator strings, spaces dropped (bag of characters)."""
    a, b = "".join(a.split()), "".join(b.split())
    if not a or not b:
        return 1.0 if a == b else 0.0
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / (len(a) + len(b))


def read_gold(gold_dir: Path, texts: dict[str, str]
              ) -> tuple[dict[str, list[Gold]], dict[str, list[tuple[int, int]] | None]]:
    """Gold lines by document and annotated regions (None: the whole document)."""
    gold: dict[str, list[Gold]] = {}
    for path in sorted(gold_dir.glob("*.gold.jsonl")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                g = json.loads(line)
                text = texts[g["doc"]]
                q = text.index(g["quote"])
                n = q + g["quote"].index(g["number"])
            except KeyError as e:
                raise ValueError(f"{path.name}:{lineno}: no document or field {e}") from None
            except (ValueError, json.JSONDecodeError) as e:
                raise ValueError(f"{path.name}:{lineno}: {e}") from None
            gold.setdefault(g["doc"], []).append(Gold(
                g["doc"], n, n + len(g["number"]), float(g["value"]), g["unit"], g["indicator"],
                g["qualifier"], g["period"], g["quote"], g.get("concept"), "concept" in g))
    regions = {doc: _regions(gold_dir / f"{doc}.regions.jsonl", texts[doc]) for doc in gold}
    return gold, regions


def _regions(path: Path, text: str) -> list[tuple[int, int]] | None:
    if not path.is_file():
        return None
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            start = text.index(r["from"])
            out.append((start, text.index(r["to"], start) + len(r["to"])))
    return out


def gold_documents(gold_dir: Path) -> list[str]:
    """The documents the gold files of ``gold_dir`` annotate."""
    docs = set()
    for path in sorted(gold_dir.glob("*.gold.jsonl")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    docs.add(json.loads(line)["doc"])
                except (json.JSONDecodeError, KeyError, TypeError) as e:
                    raise ValueError(f"{path}:{lineno}: not a gold line ({e})") from None
    if not docs:
        raise ValueError(f"{gold_dir}: no *.gold.jsonl files with gold lines")
    return sorted(docs)


def score_document(records: list[Record], gold: list[Gold],
                   regions: list[tuple[int, int]] | None) -> Score:
    if regions is not None:
        records = [r for r in records if any(a <= r.start < b for a, b in regions)]
    candidates = []
    for i, r in enumerate(records):
        for j, g in enumerate(gold):
            if r.start < g.end and g.start < r.end and r.unit == g.unit \
                    and math.isclose(float(r.value), g.value, rel_tol=1e-6):
                candidates.append((char_f1(r.indicator, g.indicator), i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_r, used_g, score = set(), set(), Score(len(records), len(gold))
    for sim, i, j in candidates:
        if i not in used_r and j not in used_g:
            used_r.add(i)
            used_g.add(j)
            score.matches.append((records[i], gold[j], sim))
    score.missed = [g for j, g in enumerate(gold) if j not in used_g]
    score.spurious = [r for i, r in enumerate(records) if i not in used_r]
    return score


def evaluate(gold_dir: Path, doc_dirs: Iterable[Path],
             rules: Iterable[Rule] | None = None) -> dict[str, Score]:
    """Scores per document, extracting each annotated document found in ``doc_dirs`` as
    ``qmine extract`` does (repeated records dropped)."""
    doc_dirs = list(doc_dirs)
    texts: dict[str, str] = {}
    for name in gold_documents(gold_dir):
        path = next((d / name for d in doc_dirs if (d / name).is_file()), None)
        if path is None:
            raise FileNotFoundError(f"{name}: annotated in {gold_dir} but not found in "
                                    f"{', '.join(map(str, doc_dirs))}")
        texts[name] = read_document(path).text
    gold, regions = read_gold(gold_dir, texts)
    rules = None if rules is None else tuple(rules)
    return {doc: score_document(drop_repeats(extract_text(texts[doc], doc=doc, rules=rules))[0],
                                gold[doc], regions[doc])
            for doc in sorted(gold)}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(matches: int, records: int, gold: int) -> float:
    p, r = _ratio(matches, records), _ratio(matches, gold)
    return 2 * p * r / (p + r) if p + r else 0.0


def read_cells(gold_dir: Path) -> list[dict]:
    """Gold lines that are panel cells (GUIDE.md's format plus ``concept`` and
    ``target``), as dicts, from every ``*.gold.jsonl`` of ``gold_dir``."""
    out = []
    for path in sorted(gold_dir.glob("*.gold.jsonl")):
        out += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()]
    return out


def cell_problem(g: dict, text: str, records: list[Record]) -> str | None:
    """None when a record gives the cell ``g`` right (overlapping its number, with its
    concept, target flag, period, value, unit, qualifier, and low/high when the gold
    has them); else what is wrong."""
    start = text.index(g["quote"]) + g["quote"].index(g["number"])
    end = start + len(g["number"])
    here = [r for r in records if r.start < end and start < r.end]
    if not here:
        return "no record"

    def same(a, b):
        return a is b is None or (a is not None and b is not None
                                  and math.isclose(float(a), float(b), rel_tol=1e-6))

    for r in here:
        if r.concept != g["concept"]:
            continue
        checks = {"target": r.target is bool(g.get("target", True)),
                  "period": r.period == g["period"],
                  "value": same(r.value, g["value"]), "unit": r.unit == g["unit"],
                  "qualifier": r.qualifier == g["qualifier"],
                  "low": g.get("low") is None or same(r.low, g["low"]),
                  "high": g.get("high") is None or same(r.high, g["high"])}
        wrong = [k for k, ok in checks.items() if not ok]
        return None if not wrong else (f"{', '.join(wrong)} wrong "
                                       f"({r.indicator}: {r.value}{r.unit} "
                                       f"{r.qualifier} {r.period} target={r.target})")
    return "concept " + ", ".join(f"{r.concept} ({r.indicator})" for r in here)
