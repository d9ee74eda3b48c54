"""Parquet output: typed columns, written with pyarrow in row groups in input order.

A column has one type, so each field gets the type that holds all its values: strings
(nullable), whole numbers for offsets and lines, true/false for ``target``, and float64
for ``value``, ``low`` and ``high``. qmine writes a number as an integer exactly when it
is whole (:func:`qmine.extract.records.tidy_number`), so reading a float64 back as an
int when it is whole gives the JSON Lines value, type included.

pyarrow is optional (``pip install 'qmine[parquet]'``); without it the command says so
in one line. A file is written beside its target and renamed over it at the end, by
:mod:`qmine.cli.output` as for text, so Ctrl-C or a crash leave the previous file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from ..extract import FIELDS
from .output import Output

ROW_GROUP_ROWS = 50_000  # rows held before a row group is written: memory stays bounded
INTEGER_FIELDS = ("start", "end", "line", "doc_year")
FLOAT_FIELDS = ("value", "low", "high", "concept_value")
BOOLEAN_FIELDS = ("target",)
PARQUET_EXTRA = "Parquet output needs pyarrow: pip install 'qmine[parquet]'"


class MissingExtra(ImportError):
    """An optional dependency is not installed; the message is the one line saying which
    extra to install."""


def need_pyarrow():
    """pyarrow, or :class:`MissingExtra` saying how to get it."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise MissingExtra(PARQUET_EXTRA) from None
    return pyarrow


def schema(fields: Sequence[str] = FIELDS):
    """The Arrow schema of rows with ``fields`` (records, or --docs-only rows)."""
    pa = need_pyarrow()

    def kind(name: str):
        if name in INTEGER_FIELDS:
            return pa.int64()
        if name in FLOAT_FIELDS:
            return pa.float64()
        if name in BOOLEAN_FIELDS:
            return pa.bool_()
        return pa.string()

    return pa.schema([pa.field(name, kind(name), nullable=True) for name in fields])


def table(rows: Iterable[Any], fields: Sequence[str] = FIELDS):
    """Records (or dict rows) as one Arrow table of :func:`schema`."""
    pa = need_pyarrow()
    dicts = [r.to_dict() if hasattr(r, "to_dict") else r for r in rows]
    columns = {name: [row.get(name) for row in dicts] for name in fields}
    return pa.Table.from_pydict(columns, schema=schema(fields))


class RowGroups:
    """Rows gathered into row groups of :data:`ROW_GROUP_ROWS` and written in order to
    a ``pyarrow.parquet.ParquetWriter`` (``sink``: a path or a binary file object)."""

    def __init__(self, sink, fields: Sequence[str] = FIELDS):
        import pyarrow.parquet as pq

        need_pyarrow()
        self.fields = tuple(fields)
        self.rows = 0
        self._held: list[Any] = []
        self._writer = pq.ParquetWriter(sink, schema(self.fields))

    def add(self, rows: Iterable[Any]) -> None:
        self._held.extend(rows)
        while len(self._held) >= ROW_GROUP_ROWS:
            self._write(self._held[:ROW_GROUP_ROWS])
            del self._held[:ROW_GROUP_ROWS]

    def flush(self) -> None:
        if self._held:
            self._write(self._held)
            self._held = []

    def _write(self, rows: list[Any]) -> None:
        self._writer.write_table(table(rows, self.fields))
        self.rows += len(rows)

    def close(self) -> None:
        self.flush()
        self._writer.close()


class ParquetOutput(Output):
    """``-o FILE.parquet``: :class:`qmine.cli.output.Output` (written beside FILE,
    committed or discarded at the end, one line for what cannot be written) with
    :class:`RowGroups` for a stream."""

    def __init__(self, path: str, fields: Sequence[str] = FIELDS):
        need_pyarrow()
        self.fields = fields
        super().__init__(path)

    def _open(self, fd: int) -> RowGroups:
        os.close(fd)  # pyarrow opens the file by its name
        return RowGroups(str(self._tmp), self.fields)
