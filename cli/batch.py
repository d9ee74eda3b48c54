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
import io
import multiprocessing
import os
import signal
import sys
import threading
import time
import warnings
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..extract import DataFileError, Record, ReportMeta, Rule, describe, load_rules
from ..extract.document import InputError, read_document, read_stream
from ..extract.pipeline import extract_text
from ..extract.records import drop_repeats
from ..extract.report_meta import meta_for
from ..extract.rules import RuleBudget, RuleStoppedWarning
from .inputs import STDIN, shown
from .writers import render

DOC_FIELDS = ("doc", "region", "region_code", "doc_type", "doc_year", "title", "encoding")

# Files larger than this are read in this process a piece at a time, in their place in
# the order, so their text is held once and their records are written as they come.
LARGE_BYTES = 8_000_000
# What stdin ("-") holds, read once by the parent: its bytes, the error reading it gave
# (said in its place in the order), or None when no input is stdin.
StdinData = bytes | InputError | None


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
    notices: list[str] = field(default_factory=list)  # warnings, one line each (a rule stopped)


@dataclass(frozen=True)
class JobSpec:
    """What every input of a run shares: the rules to load, how to read inputs and the
    output format. Picklable, so each worker sets itself up from it."""

    rule_files: tuple[str, ...] = ()
    default_rules: bool = True
    fmt: str = "jsonl"
    input_format: str = "auto"
    dedupe: bool = True
    meta: ReportMeta | None = None                        # --region: what every input is
    meta_table: tuple[tuple[str, ReportMeta], ...] = ()   # --meta: what each file is
    docs_only: bool = False                               # one row per document, no records

    def load_rules(self) -> tuple[Rule, ...]:
        return load_rules([Path(p) for p in self.rule_files], defaults=self.default_rules)

    def meta_of(self, name: str) -> ReportMeta | None:
        """What the user said of input ``name``: --region, then its --meta row."""
        row = meta_for(name, dict(self.meta_table)) if self.meta_table else None
        if self.meta is None:
            return row
        return self.meta.merged(row)


# A worker's job, its rules and its user rules' time for the batch.
_worker: tuple[JobSpec, tuple[Rule, ...], RuleBudget] | None = None


def _start_worker(spec: JobSpec, parent: int) -> None:
    """Worker set-up: Ctrl-C is the parent's business; the worker dies with its parent;
    user rules are loaded once (the default ones came loaded from the parent)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's clean-up handler
    _die_with(parent)
    global _worker
    _worker = (spec, spec.load_rules(), RuleBudget.for_batch())


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
    spec, rules, batch = _worker
    return extract_one(name, data, spec, rules, batch)


def extract_one(name: str, data: StdinData, spec: JobSpec, rules: tuple[Rule, ...],
                batch: RuleBudget | None = None) -> Outcome:
    """Read, decode, extract and render one input; every failure becomes ``Outcome.error``.

    This is the per-file boundary: whatever a file does to the library (a decoder that
    raises something other than :class:`InputError`, a bug), it fails alone, in one
    line, and the batch goes on."""
    try:
        doc, size = _read(name, data)
    except InputError as e:
        return Outcome(name, error=shown(str(e)))
    except Exception as e:  # noqa: BLE001 - one bad file must not end the batch
        return _failed(name, e, 0, "cannot read")
    try:
        if spec.docs_only:
            report = describe(doc.text, spec.input_format, spec.meta_of(name))
            row = {"doc": shown(doc.name), **{k: getattr(report, k) for k in DOC_FIELDS[1:-1]},
                   "encoding": doc.encoding}
            return Outcome(name, [row] if spec.fmt == "table" else [], render(spec.fmt, [row], DOC_FIELDS),
                           size=size, encoding=doc.encoding, count=1)
        with _noticed() as notices:
            records = extract_text(doc.text, doc=shown(doc.name), rules=rules,
                                   input_format=spec.input_format, meta=spec.meta_of(name), batch=batch)
        outcome = _rendered(name, records, spec, set(), doc.encoding, final=True, size=size)
    except Exception as e:  # noqa: BLE001 - one bad document must not end the batch
        return _failed(name, e, size)
    outcome.notices = notices
    return outcome


@contextmanager
def _noticed() -> Iterator[list[str]]:
    """The library's warnings about one document (a user rule stopped by its time
    limit), kept as lines for the parent to say, instead of Python's warning output."""
    notices: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuleStoppedWarning)
        yield notices
    notices += [shown(str(w.message)) for w in caught if issubclass(w.category, RuleStoppedWarning)]


def extract_large(name: str, data: StdinData, spec: JobSpec, rules: tuple[Rule, ...],
                  batch: RuleBudget | None = None) -> Iterator[Outcome]:
    """One large input, a piece at a time (see :func:`qmine.extract.iter_records`)."""
    from ..extract.pipeline import iter_records

    try:
        doc, size = _read(name, data)
    except InputError as e:
        yield Outcome(name, error=shown(str(e)))
        return
    except Exception as e:  # noqa: BLE001 - one bad file must not end the batch
        yield _failed(name, e, 0, "cannot read")
        return
    seen: set = set()  # repeats are dropped across the pieces of one file
    try:
        pieces = iter_records(doc.text, doc=shown(doc.name), rules=rules, input_format=spec.input_format,
                              meta=spec.meta_of(name), batch=batch)
        with _noticed() as notices:
            piece = next(pieces, [])
        for following in _noticing(pieces, notices):
            yield _rendered(name, piece, spec, seen, doc.encoding, final=False)
            piece = following
        outcome = _rendered(name, piece, spec, seen, doc.encoding, final=True, size=size)
        outcome.notices = notices
        yield outcome
    except Exception as e:  # noqa: BLE001 - one bad document must not end the batch
        yield _failed(name, e, size)


def read_stdin(stream) -> bytes | InputError:
    """stdin's bytes, read once by the parent for whichever process extracts them, or
    the :class:`InputError` that stdin's input ``-`` fails with in its place in the order
    (too much through the pipe, /dev/zero)."""
    try:
        return read_stream(stream, STDIN)
    except InputError as e:
        return e


def _noticing(pieces: Iterator[list[Record]], notices: list[str]) -> Iterator[list[Record]]:
    """``pieces``, each worked out with its warnings kept in ``notices`` (not while the
    caller has a piece in hand: catch_warnings must not span a yield)."""
    while True:
        with _noticed() as more:
            piece = next(pieces, None)
        notices += more
        if piece is None:
            return
        yield piece


def _read(name: str, data: StdinData):
    """The document and its size in bytes; :class:`InputError` says why not."""
    if isinstance(data, InputError):
        raise data
    if name == STDIN and data is None:
        raise InputError(f"{STDIN}: stdin was not read")  # never a file called "-" by mistake
    if data is not None:
        return read_document(name, io.BytesIO(data)), len(data)
    doc = read_document(name)
    return doc, os.path.getsize(name)


def _failed(name: str, error: Exception, size: int, doing: str = "extraction failed") -> Outcome:
    reason = str(error) if isinstance(error, DataFileError) else f"{doing}: {type(error).__name__}: {error}"
    return Outcome(name, error=shown(f"{name}: {' '.join(reason.split())}"), size=size)


def _rendered(name: str, records: list[Record], spec: JobSpec, seen: set, encoding: str, final: bool,
              size: int = 0) -> Outcome:
    """An outcome carrying its records rendered in the output format (kept as records
    for a table), repeats of earlier records of the same file dropped."""
    records, repeated = drop_repeats(records, seen) if spec.dedupe else (records, 0)
    rendered = render(spec.fmt, records)
    return Outcome(name, records if rendered is None else [], rendered, size=size, encoding=encoding,
                   count=len(records), final=final, repeated=repeated)


def _is_large(name: str, stdin_data: StdinData) -> bool:
    if name == STDIN:
        return isinstance(stdin_data, bytes) and len(stdin_data) > LARGE_BYTES
    try:
        return os.path.getsize(name) > LARGE_BYTES
    except OSError:
        return False


def run(inputs: Sequence[str], spec: JobSpec, jobs: int, stdin_data: StdinData = None) -> Iterator[Outcome]:
    """Outcomes for ``inputs`` in their order, using ``jobs`` processes."""
    jobs = max(1, min(jobs, len(inputs)))
    if jobs == 1:
        rules = spec.load_rules()
        batch = RuleBudget.for_batch()
        for name in inputs:
            data = stdin_data if name == STDIN else None
            if _is_large(name, stdin_data) and not spec.docs_only:
                yield from extract_large(name, data, spec, rules, batch)
            else:
                yield extract_one(name, data, spec, rules, batch)
        return
    yield from _run_pool(inputs, spec, jobs, stdin_data)


def _run_pool(inputs: Sequence[str], spec: JobSpec, jobs: int, stdin_data: StdinData) -> Iterator[Outcome]:
    from . import preload  # noqa: F401 - loads jieba, OpenCC and the default rules, for the workers to inherit

    context = multiprocessing.get_context("fork")
    pending = deque(inputs)
    window: deque[tuple[str, Future]] = deque()
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                               initargs=(spec, os.getpid()))
    rules = None
    batch = RuleBudget.for_batch()  # for the large files this process reads itself
    try:
        while pending or window:
            if pending and not window and _is_large(pending[0], stdin_data) and not spec.docs_only:
                name = pending.popleft()
                rules = rules or spec.load_rules()
                yield from extract_large(name, stdin_data if name == STDIN else None, spec, rules,
                                         batch)
                continue
            while pending and len(window) < 2 * jobs and (spec.docs_only or not _is_large(pending[0], stdin_data)):
                name = pending.popleft()
                window.append((name, pool.submit(_in_worker, name, stdin_data if name == STDIN else None)))
            name, future = window.popleft()
            try:
                yield future.result()
            except BrokenProcessPool:
                # A worker died (out of memory, a crash in a C library): this file failed;
                # the files after it are sent again to a fresh pool.
                yield Outcome(name, error=f"{shown(name)}: extraction failed: the worker process died")
                pending.extendleft(reversed([n for n, _ in window]))
                window.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                                           initargs=(spec, os.getpid()))
            except Exception as e:  # noqa: BLE001 - e.g. a result that would not pickle back
                yield _failed(name, e, 0)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # queued files are dropped
