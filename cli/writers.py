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
from collections.abc import Iterable
from typing import IO

from ..extract import FIELDS, Record

FORMATS = ("jsonl", "json", "csv", "table")


def _row(r: Record) -> dict:
    row = r.to_dict()
    row["target"] = "true" if r.target else "false"
    return {k: "" if v is None else v for k, v in row.items()}


# Line breaks that JSON leaves as they are inside strings but that many readers split
# lines at (Python's str.splitlines, JavaScript before ES2019): escaped, so one record
# is one line for every reader.
_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def _json(r: Record) -> str:
    return json.dumps(r.to_dict(), ensure_ascii=False).translate(_LINE_BREAKS)


def render(fmt: str, records: Iterable[Record]) -> str | None:
    """One document's records as text in ``fmt``; None for ``table``, which is drawn whole."""
    if fmt == "jsonl":
        return "".join(_json(r) + "\n" for r in records)
    if fmt == "json":
        return ",\n".join(_json(r) for r in records)
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


def _cells(r: Record) -> tuple:
    """One record as the table's seven cells, every field in one of them: what an
    analyst scans first on each cell's first line, the rest dimmed beneath it."""
    from rich.text import Text

    def cell(first: str, second: str = "") -> Text:
        return Text.assemble(first, ("\n" + second, "dim") if second else "")

    spread = f" {r.low}–{r.high}" if r.low is not None else ""
    return (cell(f"{r.doc}:{r.line}", f"{r.start}–{r.end}"),
            cell(r.indicator, f"§ {r.section}" if r.section else ""),
            cell(f"{r.value} {r.unit}".rstrip(), f"{r.qualifier} {r.kind}{spread}"),
            cell(r.period or "", "target" if r.target else ""),
            cell(r.raw), cell(r.rule), cell(r.sentence))


TABLE_HEADINGS = ("doc:line", "indicator", "value", "period", "raw", "rule", "sentence")


def _draw_table(rows: list[Record], stream: IO[str]) -> None:
    """A rich table for reading on a terminal. It carries every field, as the other
    formats do, in seven columns so that it stays readable in 100 (doc:line with the
    offsets, indicator with its section, value with qualifier, kind and range,
    period with a target mark, raw, rule, sentence)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(caption=f"{len(rows)} indicators")
    for heading in TABLE_HEADINGS:
        table.add_column(heading, overflow="fold", ratio=3 if heading == "sentence" else None)
    for r in rows:
        table.add_row(*_cells(r))
    Console(file=stream, width=None if stream.isatty() else 160).print(table)
