"""Where output goes: stdout, or a file that is written whole or not at all.

``-o FILE`` writes to a temporary file beside FILE and renames it over FILE only when
the caller commits, so Ctrl-C, a crash or a failed batch leave FILE as it was and
no half-written file behind.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import IO


class Output:
    """A text stream to write records to, committed or discarded at the end."""

    def __init__(self, path: str | None, bom: bool = False):
        self.path = None if path in (None, "-") else Path(path)
        self._tmp: Path | None = None
        if self.path is None:
            self.stream: IO[str] = sys.stdout
        else:
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part",
                                       dir=self.path.parent if str(self.path.parent) else ".")
            self._tmp = Path(tmp)
            self.stream = os.fdopen(fd, "w", encoding="utf-8", newline="")
        if bom:
            self.stream.write("\ufeff")  # Excel reads UTF-8 CSV correctly only with a BOM

    def commit(self) -> None:
        """Make the output final (rename the temporary file over the target)."""
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
        self.stream.close()
        self._tmp.unlink(missing_ok=True)
        self._tmp = None
