"""Reading qmine's data files (rule sets, the unit table, naming words): TOML with the
standard library where it has it (3.11+), tomli before, and checked as they load.

Users edit these files, so whatever is wrong in one (not UTF-8, not TOML, a field of
the wrong type) is a :class:`DataFileError` naming the file, the entry and the field,
and what was expected: one line at the command line, never a traceback from deep in
a batch."""
from __future__ import annotations

import math
import sys
from enum import Enum
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):  # noqa: UP036 - setup.cfg still supports 3.10
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

TOMLDecodeError = tomllib.TOMLDecodeError


class DataFileError(ValueError):
    """A data file that cannot be used; the message says where and what was expected."""


def read_toml(path: Path) -> dict[str, Any]:
    with open(path, "rb") as f:
        return tomllib.load(f)


def read_data(path: Path, what: str, error: type[DataFileError] = DataFileError) -> dict[str, Any]:
    """``path`` read as TOML; ``error`` (a :class:`DataFileError`) says why not."""
    try:
        return read_toml(path)
    except OSError as e:
        raise error(f"{path}: cannot read {what}: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise error(f"{path}: not UTF-8 text (byte {e.start}); {what}s are UTF-8 TOML") from None
    except TOMLDecodeError as e:
        raise error(f"{path}: not valid TOML: {e}") from None


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _list_of(v: Any, kind: type) -> bool:
    return isinstance(v, list) and all(isinstance(x, kind) for x in v)


class Expect(Enum):
    """The types a data file's field may have, each with the words that say so."""

    STRING = ("a string", lambda v: isinstance(v, str))
    INTEGER = ("a whole number", lambda v: isinstance(v, int) and not isinstance(v, bool))
    NUMBER = ("a number", _number)
    BOOLEAN = ("true or false", lambda v: isinstance(v, bool))
    STRINGS = ("a list of strings", lambda v: _list_of(v, str))
    TABLE = ("a table", lambda v: isinstance(v, dict))
    TABLES = ("a list of tables", lambda v: _list_of(v, dict))

    def __init__(self, words: str, accepts) -> None:
        self.words = words
        self.accepts = accepts


def check(where: str, table: dict[str, Any], key: str, expect: Expect, required: bool = False,
          error: type[DataFileError] = DataFileError) -> Any:
    """``table[key]`` if it is what ``expect`` says (None when absent and not
    ``required``); otherwise ``error``: ``<where>: <key> must be <expected>, not <value>``."""
    if key not in table:
        if required:
            raise error(f"{where}: {key} is missing; it must be {expect.words}")
        return None
    value = table[key]
    if not expect.accepts(value):
        raise error(f"{where}: {key} must be {expect.words}, not {_shown(value)}")
    return value


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
