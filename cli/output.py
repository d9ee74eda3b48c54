"""Where output goes: stdout, or a file that is written whole or not at all.

``-o FILE`` writes to a temporary file beside FILE and renames it over FILE only when
the caller commits, so Ctrl-C, a crash, a full disk or a failed batch leave FILE as it
was and no half-written file behind. Anything that stops the output being written
(a missing folder, a read-only place, a full disk) is an :class:`OutputError`: one
line, never a traceback.
"""
from __future__ import annotations

import errno
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .inputs import STDIN, shown


class OutputError(Exception):
    """The output cannot be written; the message is one line, ``<file>: <problem>``."""


class Output:
    """A text stream to write records to, committed or discarded at the end."""

    def __init__(self, path: str | None, bom: bool = False):
        self.path = None if path in (None, STDIN) else Path(path)
        self.name = "stdout" if self.path is None else shown(str(path))
        self._tmp: Path | None = None
        if self.path is None:
            self.stream: IO[str] = sys.stdout
        else:
            folder = self.path.parent if str(self.path.parent) else Path(".")
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=folder)
            except OSError as e:
                raise self._error(e) from None
            self._tmp = Path(tmp)
            os.fchmod(fd, usual_mode(self.path))
            with self.writing():
                self.stream = self._open(fd)
        if bom:
            with self.writing():
                self.stream.write("\ufeff")  # Excel reads UTF-8 CSV correctly only with a BOM

    def _open(self, fd: int):
        """The stream to write to, on the temporary file's descriptor ``fd``."""
        return os.fdopen(fd, "w", encoding="utf-8", newline="")

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Turn a failed write (a full disk, a vanished folder) into :class:`OutputError`,
        dropping the temporary file. A closed pipe stays a :class:`BrokenPipeError`: the
        reader went away on purpose (``| head``) and the caller ends quietly."""
        try:
            yield
        except BrokenPipeError:
            raise
        except OSError as e:
            self.discard()
            if self.path is None:
                _silence_stdout()
            raise self._error(e) from None

    def commit(self) -> None:
        """Make the output final (rename the temporary file over the target)."""
        with self.writing():
            if self._tmp is None:
                self.stream.flush()
                return
            self.stream.close()
            os.replace(self._tmp, self.path)
            self._tmp = None

    def discard(self) -> None:
        """Drop what was written to a file; stdout cannot be taken back."""
        if self._tmp is None:
            return
        stream = getattr(self, "stream", None)  # None when opening it failed
        try:
            if stream is not None:
                stream.close()
        except OSError:
            pass  # the unwritten rest goes with the file
        self._tmp.unlink(missing_ok=True)
        self._tmp = None

    def _error(self, e: OSError) -> OutputError:
        reason = e.strerror or str(e)
        if e.errno == errno.ENOENT and self.path is not None and not self.path.parent.is_dir():
            reason = f"no such folder: {shown(str(self.path.parent))}"
        return OutputError(f"{self.name}: cannot write: {reason}")


def clashing_input(output: str | None, inputs: Iterable[str]) -> str | None:
    """The input that ``output`` names too, if any: writing the records there would
    replace the report they come from (the same path, or the same file by another
    name or link)."""
    if output in (None, STDIN):
        return None
    target = Path(output)
    for name in inputs:
        if name == STDIN:
            continue
        try:
            if os.path.samefile(name, target):
                return name
        except OSError:  # one of them does not exist: compare the paths as written
            if Path(name).resolve() == target.resolve():
                return name
    return None


def usual_mode(target: Path) -> int:
    """The permissions a file written with ``>`` gets: those of the file it replaces, or
    0666 less the umask for a new one (mkstemp's own 0600 would hide it from others)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _silence_stdout() -> None:
    """After stdout failed, point it at /dev/null so the exit's own flush of what is
    still buffered does not fail a second time with a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a real file descriptor (a test runner's stream): nothing to flush at exit
