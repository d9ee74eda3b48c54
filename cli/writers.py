"""Output formats. Every format carries the same fields (:data:`qmine.extract.FIELDS`).

A document's records are *rendered* to text on their own (in a worker process when
there are several), and the writer only *emits* rendered pieces in order, adding
what goes between documents. So JSON Lines streams and flushes per document, JSON
stays one valid array, and the parent process does little more than write.
"""
from __future__ import annotations

import csv
import io
import json
from typing import IO, Iterable

from ..extract import FIELDS, Record

FORMATS = ("jsonl", "json", "csv", "table")


def _row(r: Record) -> dict:
    row = r.to_dict()
    row["target"] = "true" if r.target else "false"
    return {k: "" if v is None else v for k, v in row.items()}


def render(fmt: str, records: Iterable[Record]) -> str | None:
    """One document's records as text in ``fmt``; None for ``table``, which is drawn whole."""
    if fmt == "jsonl":
        return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records)
    if fmt == "json":
        return ",\n".join(json.dumps(r.to_dict(), ensure_ascii=False) for r in records)
    if fmt == "csv":
        buf = io.StringIO()
        out = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
        for r in records:
            out.writerow(_row(r))
        return buf.getvalue()
    return None


class Writer:
    def __init__(self, fmt: str, stream: IO[str]):
        self.fmt, self.stream = fmt, stream
        self._first = True
        self._table: list[Record] = []

    def start(self) -> None:
        if self.fmt == "json":
            self.stream.write("[")
        elif self.fmt == "csv":
            csv.DictWriter(self.stream, fieldnames=FIELDS, lineterminator="\n").writeheader()

    def emit(self, rendered: str | None, records: list[Record] | None = None) -> None:
        """Write one document's output (``rendered``, or ``records`` for a table)."""
        if self.fmt == "table":
            self._table.extend(records or [])
            return
        if not rendered:
            return
        if self.fmt == "json":
            self.stream.write(("\n" if self._first else ",\n") + rendered)
            self._first = False
        else:
            self.stream.write(rendered)
            self.stream.flush()

    def finish(self) -> None:
        if self.fmt == "json":
            self.stream.write("]\n" if self._first else "\n]\n")
        elif self.fmt == "table":
            _draw_table(self._table, self.stream)


# The fields an analyst scans first lead; the rest follow, so the table carries every
# field as the other formats do (a narrow terminal folds the long ones).
TABLE_COLUMNS = ("doc", "line", "indicator", "value", "unit", "qualifier", "period", "raw", "rule")
TABLE_COLUMNS += tuple(f for f in FIELDS if f not in TABLE_COLUMNS)


def _draw_table(rows: list[Record], stream: IO[str]) -> None:
    """A rich table for reading on a terminal, every field a column."""
    from rich.console import Console
    from rich.table import Table

    table = Table(caption=f"{len(rows)} indicators")
    for column in TABLE_COLUMNS:
        table.add_column(column, overflow="fold", max_width=60 if column == "sentence" else None)
    for r in rows:
        table.add_row(*("" if getattr(r, c) is None else str(getattr(r, c)) for c in TABLE_COLUMNS))
    Console(file=stream, width=None if stream.isatty() else 200).print(table)
