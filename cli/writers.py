"""Output formats. Every format carries the same fields (:data:`qmine.extract.FIELDS`).

Writers take records document by document, so JSON Lines can stream and flush per
document while JSON closes one array and a table is drawn at the end.
"""
from __future__ import annotations

import csv
import json
from typing import IO, Iterable

from ..extract import FIELDS, Record

FORMATS = ("jsonl", "json", "csv", "table")


class Writer:
    def __init__(self, stream: IO[str]):
        self.stream = stream

    def start(self) -> None: ...

    def write(self, records: Iterable[Record]) -> None:
        raise NotImplementedError

    def finish(self) -> None: ...


class JsonlWriter(Writer):
    def write(self, records: Iterable[Record]) -> None:
        for r in records:
            self.stream.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        self.stream.flush()


class JsonWriter(Writer):
    """One valid JSON array, written as records come."""

    def start(self) -> None:
        self.stream.write("[")
        self._first = True

    def write(self, records: Iterable[Record]) -> None:
        for r in records:
            self.stream.write(("\n" if self._first else ",\n") + json.dumps(r.to_dict(), ensure_ascii=False))
            self._first = False

    def finish(self) -> None:
        self.stream.write("\n]\n" if not self._first else "]\n")


class CsvWriter(Writer):
    def start(self) -> None:
        self._csv = csv.DictWriter(self.stream, fieldnames=FIELDS, lineterminator="\n")
        self._csv.writeheader()

    def write(self, records: Iterable[Record]) -> None:
        for r in records:
            row = r.to_dict()
            row["target"] = "true" if r.target else "false"
            self._csv.writerow({k: "" if v is None else v for k, v in row.items()})


class TableWriter(Writer):
    """A rich table for reading on a terminal: the fields an analyst scans first."""

    COLUMNS = ("doc", "line", "indicator", "value", "unit", "qualifier", "period", "raw", "rule")

    def start(self) -> None:
        self._rows: list[Record] = []

    def write(self, records: Iterable[Record]) -> None:
        self._rows.extend(records)

    def finish(self) -> None:
        from rich.console import Console
        from rich.table import Table

        table = Table(*self.COLUMNS, caption=f"{len(self._rows)} indicators")
        for r in self._rows:
            table.add_row(*("" if getattr(r, c) is None else str(getattr(r, c)) for c in self.COLUMNS))
        Console(file=self.stream, width=None if self.stream.isatty() else 160).print(table)


def make_writer(fmt: str, stream: IO[str]) -> Writer:
    return {"jsonl": JsonlWriter, "json": JsonWriter, "csv": CsvWriter, "table": TableWriter}[fmt](stream)
