"""Reading a report from a file or a stream, and extracting it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable

from .decode import DecodeError, decode_bytes
from .pipeline import extract_text
from .records import Record
from .rules import Rule


class InputError(ValueError):
    """A report that cannot be read; the message is one line, fit for a user."""


@dataclass(frozen=True)
class Document:
    name: str        # as the user named it ("-" for stdin)
    text: str        # the original decoded text; record offsets index it
    encoding: str


def read_document(path: str | Path, stream: BinaryIO | None = None) -> Document:
    """Read and decode one report; ``path`` "-" reads ``stream`` (stdin)."""
    name = str(path)
    try:
        if stream is not None:
            data = stream.read()
        else:
            data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not a file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read: {e.strerror or e}") from None
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as e:
        raise InputError(f"{name}: {e}") from None
    return Document(name, text, encoding)


def extract_file(path: str | Path, rules: Iterable[Rule] | None = None) -> list[Record]:
    """Records of one report file, with ``doc`` set to the path as given."""
    doc = read_document(path)
    return extract_text(doc.text, doc=doc.name, rules=rules)
