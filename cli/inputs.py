"""Which reports a command reads, in a stable order.

Command-line order first; a folder contributes its matching files sorted by path.
Paths that do not exist are kept, so the batch reports them one by one instead of
stopping before it starts.
"""
from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import IO, Iterable, Iterator

DEFAULT_GLOBS = ("*.txt", "*.text", "*.htm", "*.html", "*.xml", "*.md")
STDIN = "-"


def discover(paths: Iterable[str], recursive: bool = False, globs: Iterable[str] = (),
             files_from: IO[str] | None = None) -> Iterator[str]:
    """Every input named by ``paths`` and ``files_from`` (one path a line), each once."""
    patterns = tuple(globs) or DEFAULT_GLOBS
    seen: set[str] = set()
    named = list(paths)
    if files_from is not None:
        named += [line.rstrip("\r\n") for line in files_from if line.strip()]
    for name in named:
        for found in _expand(name, recursive, patterns):
            if found == STDIN or found not in seen:
                seen.add(found)
                yield found


def _expand(name: str, recursive: bool, patterns: tuple[str, ...]) -> Iterator[str]:
    path = Path(name)
    if name == STDIN or not path.is_dir():
        yield name
        return
    candidates = path.rglob("*") if recursive else path.iterdir()
    matches = sorted(
        str(p) for p in candidates
        if p.is_file() and not _hidden(p.relative_to(path)) and any(fnmatch.fnmatch(p.name, g) for g in patterns)
    )
    yield from matches


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)
