"""Every example of every data file, run by one command (`qmine examples test`).

Language knowledge lives in patterns/ as data, and each file carries examples of what
it must do, as Duckling's corpora and Recognizers-Text's spec files do: many surfaces
per expected value, and negatives. Three shapes:

* rule files: each rule's ``examples`` (:mod:`qmine.extract.rule_examples`);
* concept files: each concept's ``examples`` (:mod:`qmine.extract.concept_examples`);
* every other ``patterns/*.toml`` file: ``[[example]]`` tables with ``text`` and either
  ``expect`` (the records the text must give, all of them: ``[]`` for a negative; each
  a table of fields to check) or ``report`` (fields of the report the text is:
  region, region_code, doc_type, doc_year).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..patterns import data_file
from .tomlread import read_toml

# Data files that are examples' subjects but carry none themselves: macros are pieces of
# rule patterns, and every rule example runs through them.
WITHOUT_EXAMPLES = ("macros.toml",)


class ExampleError(ValueError):
    """An [[example]] table of the wrong shape; the message names file, example, field."""


@dataclass(frozen=True)
class Check:
    source: str          # the file (and rule or concept) the example belongs to
    text: str
    problems: tuple[str, ...]


def data_files() -> list[Path]:
    """The data files of patterns/ that carry [[example]] tables."""
    return sorted(p for p in data_file(".").glob("*.toml") if p.name not in WITHOUT_EXAMPLES)


def file_examples(path: Path) -> list[dict]:
    """The [[example]] tables of one data file, checked."""
    examples = read_toml(path).get("example", [])
    if not isinstance(examples, list) or not examples:
        raise ExampleError(f"{path.name}: expected [[example]] tables (text, and expect or report)")
    for k, e in enumerate(examples, 1):
        where = f"{path.name}: example {k}"
        if not isinstance(e, dict) or not isinstance(e.get("text"), str):
            raise ExampleError(f"{where}: text: expected a string")
        if ("expect" in e) == ("report" in e):
            raise ExampleError(f"{where}: expected one of expect (a list of records) "
                               "or report (a table)")
        if "expect" in e and (not isinstance(e["expect"], list)
                              or not all(isinstance(r, dict) for r in e["expect"])):
            raise ExampleError(f"{where}: expect: expected a list of {{field = value}} tables")
        if "report" in e and not isinstance(e["report"], dict):
            raise ExampleError(f"{where}: report: expected a table of report fields")
    return examples


def _report_problems(example: dict) -> list[str]:
    from .pipeline import describe

    report = describe(example["text"])
    return [f"report {key} is {getattr(report, key, None)!r}, expected {want!r}"
            for key, want in example["report"].items() if getattr(report, key, None) != want]


def check_all() -> Iterator[Check]:
    """Every example of every data file, with what went wrong (nothing when it holds)."""
    from .concept_examples import check_concepts
    from .rule_examples import check_examples, example_problems
    from .rules import default_rules

    rules = default_rules()
    for rule, example, problems in check_examples(rules):
        yield Check(f"rule {rule.id}", example["text"], tuple(problems))
    for concept, what, problems in check_concepts():
        yield Check(f"concept {concept.id}", what, tuple(problems))
    for path in data_files():
        for example in file_examples(path):
            problems = (_report_problems(example) if "report" in example
                        else example_problems(example, rules))
            yield Check(path.name, example["text"], tuple(problems))
