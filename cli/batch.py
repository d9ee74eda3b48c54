"""Extracting many reports: in this process or in worker processes, results in input order.

Workers are forked from a parent that has loaded OpenCC, jieba and the rules once, so
they start at once and share those pages. All of them are forked at the first
submission, before the progress bar starts its thread. At most ``2 × jobs`` files are in
flight, so memory is bounded by a few documents whatever the size of the batch, and
results come back in input order whatever ``jobs`` is. A file that fails gives an
:class:`Outcome` with an error; it never stops the others.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from ..extract import (
    LARGE_BYTES,
    InputError,
    Options,
    RuleBudget,
    describe,
    display_name,
    iter_outcomes,
    read_source,
    warm_up,
)
from ..extract import Outcome as Extracted
from .inputs import STDIN, shown
from .writers import render

DOC_FIELDS = ("doc", "region", "region_code", "doc_type", "doc_year", "title", "encoding")

# What stdin ("-") holds, read once by the parent: its bytes, the error reading it gave
# (said in its place in the order), or None when no input is stdin.
StdinData = bytes | InputError | None


@dataclass
class Outcome(Extracted):
    """What became of one input, with its records rendered in the output format (kept
    as records for a table)."""

    rendered: str | None = None


@dataclass(frozen=True)
class JobSpec:
    """What every input of a run shares: the library's options, the output format and
    whether to give one row per document. Picklable, so each worker sets itself up from it."""

    options: Options = field(default_factory=Options)
    fmt: str = "jsonl"
    docs_only: bool = False                               # one row per document, no records


# A worker's job and its user rules' time for the batch.
_worker: tuple[JobSpec, RuleBudget] | None = None


def _start_worker(spec: JobSpec, parent: int) -> None:
    """Worker set-up: Ctrl-C is the parent's business; the worker dies with its parent;
    user rules are loaded once (the default ones came loaded from the parent)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's clean-up handler
    _die_with(parent)
    global _worker
    spec.options.load_rules()
    _worker = (spec, RuleBudget.for_batch())


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_SECONDS = 1.0


def _die_with(parent: int) -> None:
    """End this worker when ``parent`` dies, however it dies.

    A parent killed with SIGKILL runs no clean-up, and its workers would wait for work
    for good, holding the caller's pipes open (``qmine extract -j 2 | …`` never ends).
    On Linux the kernel sends SIGKILL to the worker when the parent goes (prctl
    PR_SET_PDEATHSIG); elsewhere, and as a second line, a thread notices the worker
    has been handed to another parent and exits."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl to be had: the watchdog alone
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="qmine-parent-watch", daemon=True).start()


def _in_worker(name: str, data: StdinData) -> Outcome:
    spec, batch = _worker
    return extract_one(name, data, spec, batch)


def _source(name: str, data: StdinData):
    """What the library reads for input ``name``: stdin's bytes, or the name itself."""
    if isinstance(data, InputError):
        raise data
    return data if data is not None else name


def extract_one(name: str, data: StdinData, spec: JobSpec,
                batch: RuleBudget | None = None) -> Outcome:
    """One input, whole, rendered (a large one's pieces are put back together)."""
    outcomes = list(extract_pieces(name, data, spec, batch))
    if len(outcomes) == 1:
        return outcomes[0]
    last = outcomes[-1]
    records = [r for o in outcomes for r in o.records]
    rendered = None if last.rendered is None else "".join(o.rendered or "" for o in outcomes)
    return Outcome(name, records, size=last.size, encoding=last.encoding,
                   count=sum(o.count for o in outcomes),
                   repeated=sum(o.repeated for o in outcomes), notices=last.notices,
                   rendered=rendered)


def extract_pieces(name: str, data: StdinData, spec: JobSpec,
                   batch: RuleBudget | None = None) -> Iterator[Outcome]:
    """One input through :func:`qmine.extract.iter_outcomes` (a large one a piece at a
    time), each outcome rendered in the output format; never raises."""
    if spec.docs_only:
        yield _document_row(name, data, spec)
        return
    try:
        source = _source(name, data)
    except InputError as e:
        yield Outcome(name, error=shown(str(e)))
        return
    for outcome in iter_outcomes(source, spec.options, name=name, budget=batch):
        yield _rendered(outcome, spec)


def _rendered(outcome: Extracted, spec: JobSpec) -> Outcome:
    if outcome.error is not None:
        return Outcome(outcome.name, error=outcome.error, size=outcome.size)
    try:
        rendered = render(spec.fmt, outcome.records)
    except Exception as e:  # noqa: BLE001 - e.g. a value no format can write: this file alone fails
        return _failed(outcome.name, e, outcome.size)
    return Outcome(outcome.name, outcome.records if rendered is None else [], size=outcome.size,
                   encoding=outcome.encoding, count=outcome.count, final=outcome.final,
                   repeated=outcome.repeated, notices=outcome.notices, rendered=rendered)


def _document_row(name: str, data: StdinData, spec: JobSpec) -> Outcome:
    """``--docs-only``: what qmine reads the input as, one row."""
    try:
        doc, size = read_source(_source(name, data), name)
    except InputError as e:
        return Outcome(name, error=shown(str(e)))
    except Exception as e:  # noqa: BLE001 - one bad file must not end the batch
        return _failed(name, e, 0, "cannot read")
    try:
        report = describe(doc.text, spec.options.input_format.value, spec.options.meta_of(name))
        row = {"doc": display_name(doc.name), **{k: getattr(report, k) for k in DOC_FIELDS[1:-1]},
               "encoding": doc.encoding}
        return Outcome(name, [row] if spec.fmt == "table" else [], size=size,
                       encoding=doc.encoding, count=1,
                       rendered=render(spec.fmt, [row], DOC_FIELDS))
    except Exception as e:  # noqa: BLE001 - one bad document must not end the batch
        return _failed(name, e, size)


def _failed(name: str, error: Exception, size: int, doing: str = "extraction failed") -> Outcome:
    reason = f"{doing}: {type(error).__name__}: {error}"
    return Outcome(name, error=shown(f"{name}: {' '.join(reason.split())}"), size=size)


def read_stdin(stream) -> bytes | InputError:
    """stdin's bytes, read once by the parent for whichever process extracts them, or
    the :class:`InputError` that stdin's input ``-`` fails with in its place in the order
    (too much through the pipe, /dev/zero)."""
    from ..extract.document import read_stream

    try:
        return read_stream(stream, STDIN)
    except InputError as e:
        return e


def _is_large(name: str, stdin_data: StdinData) -> bool:
    if name == STDIN:
        return isinstance(stdin_data, bytes) and len(stdin_data) > LARGE_BYTES
    try:
        return os.path.getsize(name) > LARGE_BYTES
    except OSError:
        return False


def run(inputs: Sequence[str], spec: JobSpec, jobs: int,
        stdin_data: StdinData = None) -> Iterator[Outcome]:
    """Outcomes for ``inputs`` in their order, using ``jobs`` processes."""
    jobs = max(1, min(jobs, len(inputs)))
    if jobs == 1:
        batch = RuleBudget.for_batch()
        for name in inputs:
            yield from extract_pieces(name, stdin_data if name == STDIN else None, spec, batch)
        return
    yield from _run_pool(inputs, spec, jobs, stdin_data)


def _run_pool(inputs: Sequence[str], spec: JobSpec, jobs: int,
              stdin_data: StdinData) -> Iterator[Outcome]:
    warm_up(spec.options)  # jieba, OpenCC, the rules …, loaded once for the workers to inherit
    context = multiprocessing.get_context("fork")
    pending = deque(inputs)
    window: deque[tuple[str, Future]] = deque()
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                               initargs=(spec, os.getpid()))
    batch = RuleBudget.for_batch()  # for the large files this process reads itself
    try:
        while pending or window:
            if pending and not window and _is_large(pending[0], stdin_data) and not spec.docs_only:
                name = pending.popleft()
                yield from extract_pieces(name, stdin_data if name == STDIN else None, spec, batch)
                continue
            while (pending and len(window) < 2 * jobs
                   and (spec.docs_only or not _is_large(pending[0], stdin_data))):
                name = pending.popleft()
                window.append((name, pool.submit(_in_worker, name,
                                                 stdin_data if name == STDIN else None)))
            name, future = window.popleft()
            try:
                yield future.result()
            except BrokenProcessPool:
                # A worker died (out of memory, a crash in a C library): this file failed;
                # the files after it are sent again to a fresh pool.
                yield Outcome(name, error=f"{shown(name)}: extraction failed: the worker process "
                                          "died")
                pending.extendleft(reversed([n for n, _ in window]))
                window.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                                           initargs=(spec, os.getpid()))
            except Exception as e:  # noqa: BLE001 - e.g. a result that would not pickle back
                yield _failed(name, e, 0)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # queued files are dropped
