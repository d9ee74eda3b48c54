"""qmine's language knowledge as data: rule sets, the unit table, naming word lists
and the jieba user dictionary. Files here are package data; read them through
:func:`data_file` so they are found in any install."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_file(name: str) -> Path:
    """Path of a data file shipped in this package."""
    return Path(str(resources.files(__name__).joinpath(name)))


def default_rule_files() -> list[Path]:
    """The rule sets used unless ``--no-default-rules`` is given, in a stable order."""
    folder = data_file("rules")
    return sorted(folder.glob("*.toml"))


def concept_files() -> list[Path]:
    """The concept files (patterns/concepts/*.toml), in a stable order."""
    return sorted(data_file("concepts").glob("*.toml"))
