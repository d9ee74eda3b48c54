"""Compiled rule patterns kept between runs, so a process does not compile them again.

Each rule embeds the whole number grammar ({QTY}), and the ``regex`` module parses a
pattern in Python: compiling qmine's rules took 0.25-0.4 s of every start-up, more
than extracting a small report. A compiled ``regex`` pattern pickles as its compiled
code, and unpickling it takes a few milliseconds for all of them. So patterns are
looked up by their source and flags in a file in the user's cache folder
(``$QMINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/qmine``, else ``~/.cache/qmine``), named
with a key of regex's and Python's versions (what the compiled code depends on),
written again only when a pattern was missing. A key by source can never give a stale
pattern: an edited rule is a new source. A cache that cannot be read or written is left
aside without a word; the file holds nothing but regex's own compiled patterns (its
reader refuses any other object).
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import tempfile
from pathlib import Path

import regex

# Of the file, with regex's and Python's versions in its name. 2: format 1's files grew
# by a rule set each run (an alternation's order changed with string hashing) to
# thousands of patterns, all unpickled into every process; they are left aside.
FORMAT = 2
MAX_ENTRIES = 512  # past this, only the patterns the current process used are kept

_table: dict[tuple[str, int], regex.Pattern] | None = None
_used: set[tuple[str, int]] = set()  # looked up by this process
_missing = False  # a pattern was compiled here that the file lacks


def compile_pattern(source: str, flags: int = 0) -> regex.Pattern:
    """``regex.compile(source, flags)``, from the cache when it holds it (raises
    ``regex.error`` as ``regex.compile`` does)."""
    global _missing
    table = _load()
    key = (source, flags)
    _used.add(key)
    pattern = table.get(key)
    if pattern is None:
        pattern = table[key] = regex.compile(source, flags)
        _missing = True
    return pattern


def save() -> None:
    """Write the cache if a pattern was compiled that it lacks (atomically: a rename)."""
    global _missing, _table
    if not _missing or _table is None:
        return
    _missing = False
    path = cache_file()
    if path is None:
        return
    if len(_table) > MAX_ENTRIES:
        _table = {key: p for key, p in _table.items() if key in _used}
    write_atomically(path, pickle.dumps(_table, protocol=pickle.HIGHEST_PROTOCOL))
    prune(path.parent, "patterns-*.pickle")


def cache_dir() -> Path | None:
    """qmine's cache folder (see the module's docstring); None without a home for it."""
    base = os.environ.get("QMINE_CACHE_DIR")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = (
            os.path.join(xdg, "qmine")
            if xdg
            else os.path.join(os.path.expanduser("~"), ".cache", "qmine")
        )
    return None if base.startswith("~") else Path(base)


def cache_file() -> Path | None:
    """The cache file of this regex and Python; None without a home for it."""
    base = cache_dir()
    if base is None:
        return None
    key = "\0".join((str(FORMAT), regex.__version__, sys.version))
    return base / f"patterns-{hashlib.sha1(key.encode()).hexdigest()[:16]}.pickle"


KEEP_FILES = 6  # of one kind (a dictionary's table, say) in the cache folder


def prune(folder: Path, pattern: str, keep: int = KEEP_FILES) -> None:
    """Remove all but the ``keep`` newest files matching ``pattern`` in ``folder``. A
    new file is written when its key changes (another qmine install, an edited
    dictionary, another Python), and the old ones would stay for good; several
    installs in use at once each keep theirs, up to ``keep`` of them."""
    try:
        files = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in files[keep:]:
            old.unlink()
    except OSError:
        pass  # a file another process removed first, or a folder not ours to tidy


def write_atomically(path: Path, data: bytes) -> None:
    """``data`` into ``path`` through a temporary file and a rename, so a reader never
    sees half a file; a folder that cannot be written is left alone."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


def _load() -> dict[tuple[str, int], regex.Pattern]:
    global _table
    if _table is None:
        _table = {}
        path = cache_file()
        try:
            if path is not None and path.is_file():
                loaded = _PatternsOnly(io.BytesIO(path.read_bytes())).load()
                if isinstance(loaded, dict):
                    _table = {k: v for k, v in loaded.items() if isinstance(v, regex.Pattern)}
        except Exception:  # noqa: BLE001 - a damaged or foreign file is a cache miss
            _table = {}
    return _table


class _PatternsOnly(pickle.Unpickler):
    """Reads a pickle that may only rebuild regex's compiled patterns."""

    def find_class(self, module: str, name: str):
        if (module, name) == ("regex._regex", "compile"):
            from regex import _regex

            return _regex.compile
        raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")
