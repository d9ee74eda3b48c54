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
from collections.abc import Iterable, Sequence
from typing import IO, Any

from ..extract import FIELDS, Record

FORMATS = ("jsonl", "json", "csv", "table", "parquet")


def as_dict(row: Any) -> dict:
    """A record, a document row or a panel row as a plain dict."""
    return row.to_dict() if hasattr(row, "to_dict") else row


def _csv_row(row: Any) -> dict:
    """CSV cells: booleans as true/false (what spreadsheets and pandas read back),
    null as an empty cell."""
    out = {}
    for k, v in as_dict(row).items():
        out[k] = "" if v is None else ("true" if v else "false") if isinstance(v, bool) else v
    return out


# Line breaks that JSON leaves as they are inside strings but that many readers split
# lines at (Python's str.splitlines, JavaScript before ES2019): escaped, so one record
# is one line for every reader.
_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def _json(row: Any) -> str:
    return json.dumps(as_dict(row), ensure_ascii=False).translate(_LINE_BREAKS)


def render(fmt: str, records: Iterable[Any], fields: Sequence[str] = FIELDS) -> str | None:
    """One document's rows as text in ``fmt``; None for ``table``, which is drawn whole,
    and ``parquet``, whose writer takes the rows themselves."""
    if fmt == "jsonl":
        return "".join(_json(r) + "\n" for r in records)
    if fmt == "json":
        return ",\n".join(_json(r) for r in records)
    if fmt == "csv":
        buf = io.StringIO()
        out = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
        for r in records:
            out.writerow(_csv_row(r))
        return buf.getvalue()
    return None


class Writer:
    """Writes rendered documents in order (``fields``: the columns of a CSV header and
    of a table of rows that are not records)."""

    def __init__(self, fmt: str, stream: IO[str], fields: Sequence[str] = FIELDS):
        self.fmt, self.stream, self.fields = fmt, stream, tuple(fields)
        self._first = True
        self._table: list[Any] = []

    def start(self) -> None:
        if self.fmt == "json":
            self.stream.write("[")
        elif self.fmt == "csv":
            csv.DictWriter(self.stream, fieldnames=self.fields, lineterminator="\n").writeheader()

    def emit(self, rendered: str | None, records: list[Any] | None = None) -> None:
        """Write one document's output (``rendered``, or ``records`` for a table)."""
        if self.fmt == "table":
            self._table.extend(records or [])
            return
        if self.fmt == "parquet":  # the stream is a qmine.cli.parquet.RowGroups
            self.stream.add(records or [])
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
            if self.fields == FIELDS:
                _draw_table(self._table, self.stream)
            else:
                draw_rows(self.fields, [as_dict(r) for r in self._table], self.stream)


def _cells(r: Record) -> tuple:
    """One record as the table's seven cells, every field in one of them: what an
    analyst scans first on each cell's first line, the rest dimmed beneath it (the
    report's region and kind under doc:line; the concept and any subject carried into the
    name under the indicator)."""
    from rich.text import Text

    def cell(first: str, second: str = "") -> Text:
        return Text.assemble(first, ("\n" + second, "dim") if second else "")

    spread = f" {r.low}–{r.high}" if r.low is not None else ""
    whose = " ".join(str(v) for v in (r.region, r.region_code, r.doc_type) if v)
    concept = " ".join(str(v) for v in (r.concept, r.concept_name, r.scope and f"[{r.scope}]") if v)
    carried = f"+ {r.subject} ({r.subject_from})" if r.subject else ""
    below = "\n".join(x for x in (concept, carried, f"§ {r.section}" if r.section else "") if x)
    return (cell(f"{r.doc}:{r.line}", f"{r.start}–{r.end} {whose}".rstrip()),
            cell(r.indicator, below),
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


def draw_rows(fields: Sequence[str], rows: list[dict], stream: IO[str], caption: str = "") -> None:
    """Rows that are not records (documents, panel cells) as a rich table."""
    from rich.console import Console
    from rich.table import Table

    table = Table(caption=caption or f"{len(rows)} rows")
    for name in fields:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(f) is None else str(row.get(f)) for f in fields))
    Console(file=stream, width=None if stream.isatty() else 200).print(table)
