"""Extracting many reports: in this process or in worker processes, results in input order.

Each worker loads OpenCC, jieba and the rules once. At most ``2 × jobs`` files are in
flight, so memory is bounded by a few documents whatever the size of the batch, and
results come back in input order whatever ``jobs`` is. A file that fails gives an
:class:`Outcome` with an error; it never stops the others.
"""
from __future__ import annotations

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

STDIN = "-"


@dataclass
class Outcome:
    """What became of one input."""

    name: str
    records: list[Record] = field(default_factory=list)
    error: str | None = None
    size: int = 0            # bytes read
    encoding: str | None = None


@dataclass(frozen=True)
class RuleSpec:
    """How to load the rules, picklable so each worker loads its own copy."""

    files: tuple[str, ...] = ()
    defaults: bool = True

    def load(self):
        return load_rules([Path(p) for p in self.files], defaults=self.defaults)


_worker_rules = None


def _start_worker(spec: RuleSpec) -> None:
    """Worker set-up: Ctrl-C is the parent's business; load everything once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _worker_rules
    _worker_rules = spec.load()
    from ..extract.naming import _jieba
    from ..extract.normalise import _converter

    _jieba()
    _converter()


def extract_one(name: str, data: bytes | None = None, rules=None) -> Outcome:
    """Read, decode and extract one input; every failure becomes ``Outcome.error``."""
    rules = rules if rules is not None else _worker_rules
    try:
        if data is not None:
            import io

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
        records = extract_text(doc.text, doc=doc.name, rules=rules)
    except RuleError as e:
        return Outcome(name, error=f"{name}: {e}", size=size, encoding=doc.encoding)
    except Exception as e:  # noqa: BLE001 - one bad document must not end the batch
        return Outcome(name, error=f"{name}: extraction failed: {type(e).__name__}: {e}", size=size,
                       encoding=doc.encoding)
    return Outcome(name, records, size=size, encoding=doc.encoding)


def run(inputs: Sequence[str], spec: RuleSpec, jobs: int, stdin_data: bytes | None = None) -> Iterator[Outcome]:
    """Outcomes for ``inputs`` in their order, using ``jobs`` processes."""
    jobs = max(1, min(jobs, len(inputs)))
    if jobs == 1:
        rules = spec.load()
        for name in inputs:
            yield extract_one(name, stdin_data if name == STDIN else None, rules)
        return
    yield from _run_pool(inputs, spec, jobs, stdin_data)


def _run_pool(inputs: Sequence[str], spec: RuleSpec, jobs: int, stdin_data: bytes | None) -> Iterator[Outcome]:
    context = multiprocessing.get_context("forkserver")
    pending = deque(inputs)
    window: deque[tuple[str, Future]] = deque()
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(spec,))
    try:
        while pending or window:
            while pending and len(window) < 2 * jobs:
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
        pool.shutdown(wait=False, cancel_futures=True)
