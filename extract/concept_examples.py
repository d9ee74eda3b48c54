"""Running the examples concept files carry, as rule examples are run: each names a
sentence and the value of one of its figures, and says which concept that record must
get (the example's concept by default; ``concept = ""`` for none) and, when it says,
the record's ``concept_value`` (a fall read as growth is negative). Every alias and
false friend is checked too: an alias must map to its concept, a false friend must not.
"""
from __future__ import annotations

import math
from collections.abc import Iterator

from .concepts import Concept, ConceptTable, default_concepts
from .pipeline import extract_text


def example_problems(concept: Concept, example: dict) -> list[str]:
    records = extract_text(example["text"], doc="example")
    hits = [r for r in records
            if math.isclose(float(r.value), float(example["value"]), rel_tol=1e-6)
            and ("unit" not in example or r.unit == example["unit"])]
    want = example.get("concept", concept.id) or None
    if not hits:
        got = "; ".join(f"{r.indicator} {r.value}{r.unit}" for r in records) or "nothing"
        return [f"no record of value {example['value']} (got {got})"]
    r = hits[0]
    problems = []
    if r.concept != want:
        problems.append(f"record {r.indicator!r} {r.value}{r.unit} has concept {r.concept!r}, "
                        f"expected {want!r}")
    if "concept_value" in example and (
            r.concept_value is None
            or not math.isclose(float(r.concept_value), float(example["concept_value"]),
                                rel_tol=1e-6)):
        problems.append(f"record {r.indicator!r} has concept_value {r.concept_value!r}, "
                        f"expected {example['concept_value']!r}")
    if "scope" in example and (r.scope or "") != example["scope"]:
        problems.append(f"record {r.indicator!r} has scope {r.scope!r}, "
                        f"expected {example['scope']!r}")
    return problems


def name_problems(concept: Concept, table: ConceptTable) -> list[str]:
    """An alias that maps elsewhere, or a false friend that maps here."""
    problems = []
    unit = concept.units[0]
    for alias in (concept.name, *concept.aliases):
        hit = table.match(alias, unit)
        if hit is None or hit.concept is not concept:
            problems.append(f"alias {alias!r} maps to {hit.concept.id if hit else None!r}")
    for friend in concept.false_friends:
        hit = table.match(friend, unit)
        if hit is not None and hit.concept is concept:
            problems.append(f"false friend {friend!r} maps to it")
    return problems


def check_concepts(table: ConceptTable | None = None) -> Iterator[tuple[Concept, str, list[str]]]:
    """(concept, what was checked, problems) for every name and example of every concept."""
    table = table or default_concepts()
    for concept in table:
        yield concept, "names", name_problems(concept, table)
        for example in concept.examples:
            yield concept, example["text"], example_problems(concept, example)
