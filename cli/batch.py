"""Extracting many reports: in this process or in worker processes, results in input order.

Workers are forked from a parent that has loaded OpenCC, jieba and the rules once, so
they start at once and share those pages. All of them are forked at the first
submission, before the progress bar starts its thread. At most ``2 × jobs`` files are in
flight, so memory is bounded by a few documents whatever the size of the batch, and
results come back in input order whatever ``jobs`` is. A file that fails gives an
:class:`Outcome` with an error; it never stops the others.
"""
from __future__ import annotations

import io
import multiprocessing
import os
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

from ..extract import Record, RuleError, load_rules
from ..extract.document import InputError, read_document
from ..extract.pipeline import extract_text
from ..extract.records import drop_repeats
from .writers import render

STDIN = "-"
# Files larger than this are read in this process a piece at a time, in their place in
# the order, so their text is held once and their records are written as they come.
LARGE_BYTES = 8_000_000


@dataclass
class Outcome:
    """What became of one input."""

    name: str
    records: list[Record] = field(default_factory=list)
    rendered: str | None = None   # the records in the output format, when rendered here
    error: str | None = None
    size: int = 0            # bytes read
    encoding: str | None = None
    count: int = 0           # records extracted
    final: bool = True       # False for all but the last piece of a large file
    repeated: int = 0        # records dropped as repeats of earlier ones


@dataclass(frozen=True)
class RuleSpec:
    """How to load the rules, how to read inputs and in what format to render:
    picklable, so each worker sets itself up from it."""

    files: tuple[str, ...] = ()
    defaults: bool = True
    fmt: str = "jsonl"
    input_format: str = "auto"
    dedupe: bool = True

    def load(self):
        return load_rules([Path(p) for p in self.files], defaults=self.defaults)


_worker_rules = None
_worker_fmt: str | None = None
_worker_input_format = "auto"
_worker_dedupe = True


def _start_worker(spec: RuleSpec) -> None:
    """Worker set-up: Ctrl-C is the parent's business; user rules are loaded once (the
    default ones came loaded from the parent)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's clean-up handler
    global _worker_rules, _worker_fmt, _worker_input_format, _worker_dedupe
    _worker_rules = spec.load()
    _worker_fmt = spec.fmt
    _worker_input_format = spec.input_format
    _worker_dedupe = spec.dedupe


def extract_one(name: str, data: bytes | None = None, rules=None, fmt: str | None = None,
                input_format: str | None = None, dedupe: bool | None = None) -> Outcome:
    """Read, decode, extract and render one input; every failure becomes ``Outcome.error``."""
    rules = rules if rules is not None else _worker_rules
    fmt = fmt or _worker_fmt
    input_format = input_format or _worker_input_format
    dedupe = _worker_dedupe if dedupe is None else dedupe
    try:
        if data is not None:
            doc = read_document(name, io.BytesIO(data))
            size = len(data)
        else:
            doc = read_document(name)
            size = os.path.getsize(name)
    except InputError as e:
        return Outcome(name, error=str(e))
    except OSError as e:
        return Outcome(name, error=f"{name}: cannot read: {e.strerror or e}")
    try:
        records = extract_text(doc.text, doc=doc.name, rules=rules, input_format=input_format)
    except RuleError as e:
        return Outcome(name, error=f"{name}: {e}", size=size, encoding=doc.encoding)
    except Exception as e:  # noqa: BLE001 - one bad document must not end the batch
        return Outcome(name, error=f"{name}: extraction failed: {type(e).__name__}: {e}", size=size,
                       encoding=doc.encoding)
    records, repeated = drop_repeats(records) if dedupe else (records, 0)
    rendered = render(fmt, records) if fmt else None
    return Outcome(name, records if rendered is None else [], rendered, size=size, encoding=doc.encoding,
                   count=len(records), repeated=repeated)


def extract_large(name: str, rules, fmt: str | None, data: bytes | None = None,
                  input_format: str = "auto", dedupe: bool = True) -> Iterator[Outcome]:
    """One large input, a piece at a time (see :func:`qmine.extract.iter_records`)."""
    from ..extract.pipeline import iter_records

    try:
        doc = read_document(name, io.BytesIO(data) if data is not None else None)
        size = len(data) if data is not None else os.path.getsize(name)
    except InputError as e:
        yield Outcome(name, error=str(e))
        return
    text, data = doc.text, None
    try:
        seen: set = set()
        pieces = (drop_repeats(p, seen) if dedupe else (p, 0)
                  for p in iter_records(text, doc=doc.name, rules=rules, input_format=input_format))
        piece = next(pieces, ([], 0))
        for following in pieces:
            yield _piece_outcome(name, piece, fmt, doc.encoding, final=False)
            piece = following
        yield _piece_outcome(name, piece, fmt, doc.encoding, final=True, size=size)
    except Exception as e:  # noqa: BLE001 - one bad document must not end the batch
        yield Outcome(name, error=f"{name}: extraction failed: {type(e).__name__}: {e}", size=size)


def _piece_outcome(name: str, piece: tuple[list[Record], int], fmt: str | None, encoding: str, final: bool,
                   size: int = 0) -> Outcome:
    records, repeated = piece
    rendered = render(fmt, records) if fmt else None
    return Outcome(name, records if rendered is None else [], rendered, size=size, encoding=encoding,
                   count=len(records), final=final, repeated=repeated)


def _is_large(name: str, stdin_data: bytes | None) -> bool:
    if name == STDIN:
        return stdin_data is not None and len(stdin_data) > LARGE_BYTES
    try:
        return os.path.getsize(name) > LARGE_BYTES
    except OSError:
        return False


def run(inputs: Sequence[str], spec: RuleSpec, jobs: int, stdin_data: bytes | None = None) -> Iterator[Outcome]:
    """Outcomes for ``inputs`` in their order, using ``jobs`` processes."""
    jobs = max(1, min(jobs, len(inputs)))
    if jobs == 1:
        rules = spec.load()
        for name in inputs:
            data = stdin_data if name == STDIN else None
            if _is_large(name, stdin_data):
                yield from extract_large(name, rules, spec.fmt, data, spec.input_format, spec.dedupe)
            else:
                yield extract_one(name, data, rules, spec.fmt, spec.input_format, spec.dedupe)
        return
    yield from _run_pool(inputs, spec, jobs, stdin_data)


def _run_pool(inputs: Sequence[str], spec: RuleSpec, jobs: int, stdin_data: bytes | None) -> Iterator[Outcome]:
    from . import preload  # noqa: F401 - loads jieba, OpenCC and the default rules, for the workers to inherit

    context = multiprocessing.get_context("fork")
    pending = deque(inputs)
    window: deque[tuple[str, Future]] = deque()
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(spec,))
    rules = None
    try:
        while pending or window:
            if pending and not window and _is_large(pending[0], stdin_data):
                name = pending.popleft()
                rules = rules or spec.load()
                yield from extract_large(name, rules, spec.fmt, stdin_data if name == STDIN else None,
                                         spec.input_format, spec.dedupe)
                continue
            while pending and len(window) < 2 * jobs and not _is_large(pending[0], stdin_data):
                name = pending.popleft()
                window.append((name, pool.submit(extract_one, name, stdin_data if name == STDIN else None)))
            name, future = window.popleft()
            try:
                yield future.result()
            except BrokenProcessPool:
                # A worker died (out of memory, a crash in a C library): this file failed;
                # the files after it are sent again to a fresh pool.
                yield Outcome(name, error=f"{name}: extraction failed: the worker process died")
                pending.extendleft(reversed([n for n, _ in window]))
                window.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(spec,))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # queued files are dropped
