"""Reading a report from a file or a stream (extracting it: :mod:`qmine.extract.job`)."""
from __future__ import annotations

import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .decode import DecodeError, decode_bytes

# A pipe or stdin has no size to check first: more than this is refused rather than
# read until memory runs out (`qmine extract - < /dev/zero`, `yes | qmine extract -`).
# A larger report is read from its file, whose size is known.
MAX_STREAM_BYTES = 512 * 2**20
_CHUNK = 2**20


class InputError(ValueError):
    """A report that cannot be read; the message is one line, fit for a user."""


@dataclass(frozen=True)
class Document:
    name: str        # as the user named it ("-" for stdin)
    text: str        # the original decoded text; record offsets index it
    encoding: str


def read_error(name: str, e: OSError) -> InputError:
    """The one line a user gets for an input that cannot be read."""
    if isinstance(e, FileNotFoundError):
        return InputError(f"{name}: no such file")
    if isinstance(e, IsADirectoryError):
        return InputError(f"{name}: is a folder, not a file")
    if isinstance(e, PermissionError):
        return InputError(f"{name}: permission denied")
    return InputError(f"{name}: cannot read: {e.strerror or e}")


def read_document(path: str | Path, stream: BinaryIO | None = None) -> Document:
    """Read and decode one report; ``path`` "-" reads ``stream`` (stdin)."""
    name = str(path)
    try:
        data = read_stream(stream, name) if stream is not None else _read_file(Path(path), name)
    except OSError as e:
        raise read_error(name, e) from None
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as e:
        raise InputError(f"{name}: {e}") from None
    return Document(name, text, encoding)


def _read_file(path: Path, name: str) -> bytes:
    """A regular file whole, a named pipe up to :data:`MAX_STREAM_BYTES`; anything else
    (/dev/zero, /dev/urandom, a disk) is refused before a byte is read, as it may never end."""
    with open(path, "rb") as f:
        mode = os.fstat(f.fileno()).st_mode
        if stat.S_ISREG(mode):
            return f.read()
        if stat.S_ISFIFO(mode):
            return read_stream(f, name)
        raise InputError(f"{name}: not a regular file ({_kind(mode)}): qmine reads files, pipes "
                         "and stdin")


def read_stream(stream: BinaryIO, name: str = "-", limit: int | None = None) -> bytes:
    """All of a pipe or stdin, up to ``limit`` bytes (default :data:`MAX_STREAM_BYTES`);
    :class:`InputError` past it, or when the stream is a device other than a terminal."""
    limit = MAX_STREAM_BYTES if limit is None else limit
    try:
        fd = stream.fileno()
        mode = os.fstat(fd).st_mode
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        pass  # an in-memory stream: bounded by what it holds
    else:
        if (stat.S_ISCHR(mode) or stat.S_ISBLK(mode)) and not os.isatty(fd):
            raise InputError(f"{name}: not a regular file ({_kind(mode)}): qmine reads files, "
                             "pipes and stdin")
    buffer = io.BytesIO()
    while chunk := stream.read(min(_CHUNK, limit + 1 - buffer.tell())):
        buffer.write(chunk)
        if buffer.tell() > limit:
            raise InputError(f"{name}: more than {limit:,} bytes through a pipe; save the report "
                             "to a file and name the file")
    return buffer.getvalue()


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"
