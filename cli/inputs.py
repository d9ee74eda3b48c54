"""Which reports a command reads, in a stable order.

Command-line order first; a folder contributes its matching files sorted by path.
Paths that do not exist are kept, so the batch reports them one by one instead of
stopping before it starts. A folder that cannot be listed is not skipped in silence:
it is handed to ``on_error`` so the command can say so and count it as a failure.
"""
from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from ..extract import display_name as shown  # noqa: F401 - names in messages, as in records
from ..extract import is_url

DEFAULT_GLOBS = ("*.txt", "*.text", "*.htm", "*.html", "*.xml", "*.md")
STDIN = "-"


def discover(paths: Iterable[str], recursive: bool = False, globs: Iterable[str] = (),
             files_from: IO[str] | None = None,
             on_error: Callable[[str, OSError], None] | None = None) -> Iterator[str]:
    """Every input named by ``paths`` and ``files_from`` (one path a line), each once.

    ``on_error(folder, error)`` hears of each folder that could not be listed; without
    it the error is raised."""
    patterns = tuple(globs) or DEFAULT_GLOBS
    seen: set[str] = set()
    named = list(paths)
    if files_from is not None:
        named += [line.rstrip("\r\n") for line in files_from if line.strip()]
    for name in named:
        for found in _expand(name, recursive, patterns, on_error):
            if found == STDIN or found not in seen:
                seen.add(found)
                yield found


def _expand(name: str, recursive: bool, patterns: tuple[str, ...],
            on_error: Callable[[str, OSError], None] | None) -> Iterator[str]:
    if is_url(name):
        yield from _expand_url(name, recursive, patterns, on_error)
        return
    path = Path(name)
    if name == STDIN or not path.is_dir():
        yield name
        return

    def failed(error: OSError) -> None:
        if on_error is None:
            raise error
        on_error(error.filename if error.filename is not None else name, error)

    matches = []
    for folder, dirs, files in os.walk(path, onerror=failed):
        relative = Path(folder).relative_to(path)
        if _hidden(relative):
            dirs.clear()
            continue
        dirs.sort()
        if not recursive:
            dirs.clear()
        matches += [str(Path(folder) / f) for f in files
                    if not f.startswith(".") and any(fnmatch.fnmatch(f, g) for g in patterns)
                    and os.path.isfile(Path(folder) / f)]  # not a FIFO or a device named *.txt
    yield from sorted(matches)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _expand_url(url: str, recursive: bool, patterns: tuple[str, ...],
                on_error: Callable[[str, OSError], None] | None) -> Iterator[str]:
    """An fsspec URL: a file as it is; a folder (a prefix of an object store) gives its
    matching files sorted, as a local folder does. Without the URL's filesystem
    installed it stays one input, which then fails with the line saying what to install."""
    try:
        import fsspec

        fs, root = fsspec.core.url_to_fs(url)
        folder = fs.isdir(root)
    except ImportError:
        yield url
        return
    except OSError as e:
        if on_error is None:
            raise
        on_error(url, e)
        return
    if not folder:
        yield url
        return
    protocol = url.split("://", 1)[0]
    base = root.rstrip("/")
    found = fs.find(base, maxdepth=None if recursive else 1)
    matches = []
    for key in found:
        relative = key[len(base):].lstrip("/")
        if any(part.startswith(".") for part in relative.split("/")):
            continue
        if any(fnmatch.fnmatch(relative.rsplit("/", 1)[-1], g) for g in patterns):
            matches.append(f"{protocol}://{key}")
    yield from sorted(matches)
