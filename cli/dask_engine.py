"""``--engine dask``: the same per-input library call on a Dask cluster.

qmine builds no cluster of its own: it connects to a running scheduler (``--scheduler
tcp://HOST:PORT`` or ``--scheduler-file``) or starts a LocalCluster of ``-j`` single-thread
worker processes. Each worker loads qmine once (:class:`WarmUp`, a WorkerPlugin calling
:func:`qmine.extract.warm_up`). Inputs go out in batches of ``--per-task`` files, at
most two batches per worker in flight, so the client's memory is bounded whatever the
number of inputs; outcomes come back in input order.

Failures: an input that fails is an outcome with an error, as with ``-j``. A batch
whose worker dies (a crash in a C library, the out-of-memory killer) is retried by the
scheduler (``distributed.scheduler.allowed-failures``); if it kills its workers every
time, its files are sent again one per task, each alone on the cluster (the scheduler
blames every task a dying worker held), so only the file that kills is lost, as one
error. A retried batch writes the same part again (parts are named by batch), so
nothing is written twice.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

from ..extract import RuleBudget, is_url, warm_up
from .batch import STDIN, JobSpec, Outcome, StdinData, extract_one, extract_pieces
from .inputs import shown

try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # qmine without the dask extra: Cluster() says which to install
    WorkerPlugin = object

DASK_EXTRA = "--engine dask needs dask.distributed: pip install 'qmine[dask]'"
IN_FLIGHT_PER_WORKER = 2
CONNECT_TIMEOUT = "10s"
# The workers of a LocalCluster qmine starts run nothing but qmine, and qmine shows no
# dashboard: the statistical profiler (which samples the task's thread 100 times a second
# to draw the dashboard's profile) is off, and the event loop's health check and system
# monitor wake less often. Each wake-up takes the interpreter lock from the extraction;
# together they cost the workers 5-8 % of their CPU (benchmarks/README.md).
QUIET_WORKERS = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
}
MANIFEST = "_SUCCESS.json"
STAGING = "_temporary"  # parts of a run in progress; readers of the folder skip _ names


class DaskUnavailable(ImportError):
    """dask.distributed is not installed; the message says which extra to install."""


def need_distributed():
    try:
        import distributed
    except ImportError:
        raise DaskUnavailable(DASK_EXTRA) from None
    return distributed


@dataclass(frozen=True)
class DaskSettings:
    """Where to run: a scheduler's address or file, else a LocalCluster of ``workers``."""

    scheduler: str | None = None
    scheduler_file: str | None = None
    workers: int = 2
    per_task: int = 8


class SchedulerError(OSError):
    """The scheduler cannot be reached; one line."""


# ---------------------------------------------------------------- on the workers


class WarmUp(WorkerPlugin):
    """Loads qmine (OpenCC, jieba, the rules, concepts, regions) once per worker, as it
    starts or joins (a restarted one too), so no task pays for it."""

    name = "qmine-warm-up"

    def __init__(self, spec: JobSpec):
        self.spec = spec

    def setup(self, worker) -> None:
        warm_up(self.spec.options)


_budgets: dict[str, RuleBudget] = {}  # per worker process and run: user rules' time


@dataclass(frozen=True)
class Unit:
    """What one task does: ``inputs`` (name, what to read) of batch ``index``, from
    position ``first`` of it; ``part`` names the Parquet part it writes, if any."""

    run: str
    index: int
    first: int
    inputs: tuple[tuple[str, object], ...]
    spec: JobSpec
    part: str | None = None  # a URL or path, when the worker writes the batch's records
    alone: bool = False  # run with nothing else on the cluster (see run_dask)


@dataclass
class UnitResult:
    outcomes: list[Outcome] = field(default_factory=list)
    part: str | None = None
    rows: int = 0


def run_unit(unit: Unit) -> UnitResult:
    """One task: extract its inputs in order; write their records to its part when it
    has one (then only counts and errors come back), else return them rendered."""
    if unit.run not in _budgets and len(_budgets) >= 16:
        _budgets.clear()  # a long-lived worker keeps the budgets of recent runs only
    budget = _budgets.setdefault(unit.run, RuleBudget.for_batch())
    if unit.part is None:
        return UnitResult(
            [extract_one(name, data, unit.spec, budget) for name, data in unit.inputs]
        )
    return _write_part(unit, budget)


def _write_part(unit: Unit, budget: RuleBudget) -> UnitResult:
    import fsspec

    from .parquet import RowGroups

    result = UnitResult(part=unit.part)
    with fsspec.open(unit.part, "wb") as f:  # the same name on a retry: written again, not twice
        groups = RowGroups(f)
        for name, data in unit.inputs:
            for piece in extract_pieces(name, data, unit.spec, budget):
                groups.add(piece.records)
                result.rows += len(piece.records)
                piece.records = []
                result.outcomes.append(piece)
        groups.close()
    return result


# ---------------------------------------------------------------- on the client


class Cluster:
    """A client on the cluster the settings name (a LocalCluster it starts itself
    otherwise), with qmine warmed up on every worker; closed with ``close()``."""

    def __init__(self, settings: DaskSettings, spec: JobSpec):
        need_distributed()
        _quiet_logs()
        import dask
        from distributed import Client, LocalCluster

        self.cluster = None
        if settings.scheduler_file and not os.path.isfile(settings.scheduler_file):
            # Dask would wait for it to appear, for good
            raise SchedulerError(
                f"{shown(settings.scheduler_file)}: no such scheduler file "
                "(`dask scheduler --scheduler-file FILE` writes it)"
            )
        config = {"distributed.scheduler.worker-saturation": 1.0}  # a dying worker holds one task
        try:
            with dask.config.set(config):
                if settings.scheduler_file:
                    self.client = Client(
                        scheduler_file=settings.scheduler_file, timeout=CONNECT_TIMEOUT
                    )
                elif settings.scheduler:
                    self.client = Client(settings.scheduler, timeout=CONNECT_TIMEOUT)
                else:
                    with dask.config.set(QUIET_WORKERS):
                        self.cluster = LocalCluster(
                            n_workers=settings.workers,
                            threads_per_worker=1,
                            processes=True,
                            dashboard_address=None,
                        )
                    self.client = Client(self.cluster)
        except (OSError, TimeoutError, ValueError) as e:
            where = settings.scheduler_file or settings.scheduler or "a local cluster"
            raise SchedulerError(
                f"cannot reach the Dask scheduler at {where}: "
                f"{' '.join(str(e).split()) or type(e).__name__}"
            ) from None
        self.client.register_plugin(WarmUp(spec))

    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()


def _quiet_logs() -> None:
    """Dask's own log lines (a worker restarted, a task marked as failed) are not qmine's
    messages: qmine says each failed input itself, in one line. Only critical ones reach
    stderr here, and errors in the workers it starts."""
    import logging

    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")
    for name in ("distributed", "distributed.nanny", "distributed.scheduler", "distributed.worker",
                 "distributed.core", "distributed.client", "distributed.process"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _source(name: str, stdin_data: StdinData) -> object:
    """What a worker reads for ``name``: stdin's bytes (or its error), a URL as it is,
    a local path made absolute (a worker's folder is not the client's)."""
    if name == STDIN:
        return stdin_data
    if is_url(name):
        return None
    return os.path.abspath(name)


def run_dask(
    inputs: Sequence[str],
    spec: JobSpec,
    settings: DaskSettings,
    cluster: Cluster,
    stdin_data: StdinData = None,
    dataset: str | None = None,
) -> Iterator[Outcome]:
    """Outcomes for ``inputs`` in their order, extracted on ``cluster`` (closed at the
    end). With ``dataset`` (a folder or URL), each batch's records go to
    ``dataset/part-NNNNN.parquet`` from the worker and the outcomes carry counts and
    errors only."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    run = uuid.uuid4().hex
    named = [(name, _source(name, stdin_data)) for name in inputs]
    batches = [
        tuple(named[i : i + settings.per_task]) for i in range(0, len(named), settings.per_task)
    ]
    window = IN_FLIGHT_PER_WORKER * cluster.workers()
    waiting = deque(Unit(run, i, 0, b, spec, _part(dataset, i)) for i, b in enumerate(batches))
    slots: dict[int, list] = {i: [None] * len(b) for i, b in enumerate(batches)}
    running: dict = {}
    ready = as_completed()
    following = 0

    def submit() -> None:
        while waiting and len(running) < window and not (waiting[0].alone and running):
            unit = waiting.popleft()
            key = f"qmine-{run}-{unit.index}-{unit.first}-{'alone' if unit.alone else 'batch'}"
            future = cluster.client.submit(run_unit, unit, key=key, retries=2, pure=False)
            running[future] = unit
            ready.add(future)
            if unit.alone:
                return

    try:
        submit()
        for future in ready:
            unit = running.pop(future)
            try:
                result: UnitResult = future.result()
                pieces: list = _by_input(result.outcomes, len(unit.inputs))
            except KilledWorker:
                # The scheduler charges a worker's death to every task that worker held,
                # so the task that caused it is only known when it runs alone: a batch
                # is run again as single files, each alone on the cluster; a single
                # file that killed a worker alongside others is run alone once more.
                if len(unit.inputs) > 1 or not unit.alone:
                    if len(unit.inputs) > 1 and unit.part:
                        _remove(unit.part)  # what a dying attempt left of the batch's part
                    waiting.extendleft(
                        reversed(
                            [
                                Unit(
                                    run,
                                    unit.index,
                                    unit.first + k,
                                    (item,),
                                    spec,
                                    _part(dataset, unit.index, unit.first + k)
                                    if len(unit.inputs) > 1
                                    else unit.part,
                                    alone=True,
                                )
                                for k, item in enumerate(unit.inputs)
                            ]
                        )
                    )
                    submit()
                    continue
                name = unit.inputs[0][0]
                pieces = [
                    [
                        Outcome(
                            name,
                            error=f"{shown(name)}: extraction failed: the worker process "
                            "died each time it was tried",
                        )
                    ]
                ]
                if unit.part:
                    _remove(unit.part)  # the start of a part its worker died writing
            # A batch the cluster could not run: its files fail.
            except Exception as e:  # noqa: BLE001
                reason = " ".join(f"{type(e).__name__}: {e}".split())
                pieces = [
                    [Outcome(name, error=f"{shown(name)}: extraction failed: {reason}")]
                    for name, _ in unit.inputs
                ]
                if unit.part:
                    _remove(unit.part)
            finally:
                future.release()
            slots[unit.index][unit.first : unit.first + len(pieces)] = pieces
            while following in slots and all(s is not None for s in slots[following]):
                for outcomes in slots.pop(following):
                    yield from outcomes
                following += 1
            submit()
    finally:
        for future in list(running):
            future.cancel()
        cluster.close()


def _by_input(outcomes: list[Outcome], count: int) -> list[list[Outcome]]:
    """A task's outcomes grouped by input (a large input gives several pieces)."""
    groups: list[list[Outcome]] = []
    current: list[Outcome] = []
    for outcome in outcomes:
        current.append(outcome)
        if outcome.final or outcome.error:
            groups.append(current)
            current = []
    assert len(groups) == count, (len(groups), count)
    return groups


def _remove(url: str) -> None:
    import fsspec

    fs, path = fsspec.core.url_to_fs(url)
    try:
        fs.rm(path)
    except FileNotFoundError:
        pass


def _part(dataset: str | None, index: int, sub: int | None = None) -> str | None:
    if dataset is None:
        return None
    suffix = "" if sub is None else f"-{sub:03d}"
    return f"{dataset.rstrip('/')}/part-{index:05d}{suffix}.parquet"


# ---------------------------------------------------------------- a dataset of parts


def is_dataset(output: str | None) -> bool:
    """An output that is a folder of parts: a URL, an existing folder, or a path ending in /."""
    return output is not None and (is_url(output) or os.path.isdir(output) or output.endswith("/"))


class Dataset:
    """A folder or URL of ``part-NNNNN.parquet`` files and a ``_SUCCESS.json`` manifest.

    A run writes its parts under ``OUT/_temporary/RUN/``; only at the end are the old
    parts and manifest removed, the new parts moved in and the manifest written, last.
    So Ctrl-C, a crash or ``--strict`` leave the previous dataset as it was, and a folder
    with a manifest is complete."""

    def __init__(self, output: str):
        import fsspec

        # a local folder by its absolute path: workers need not share this process's folder
        self.output = (output if is_url(output) else os.path.abspath(output)).rstrip("/")
        self.fs, self.root = fsspec.core.url_to_fs(self.output)
        self.run = uuid.uuid4().hex[:12]
        self.staging = f"{self.output}/{STAGING}/{self.run}"
        self.fs.makedirs(f"{self.root}/{STAGING}/{self.run}", exist_ok=True)
        self.parts: list[dict] = []
        self.errors: list[dict] = []
        self.inputs = self.succeeded = self.rows = 0

    def note(self, outcome: Outcome, part: str | None = None) -> None:
        if outcome.error:
            self.inputs += 1
            self.errors.append({"input": shown(outcome.name), "error": outcome.error})
        elif outcome.final:
            self.inputs += 1
            self.succeeded += 1
        self.rows += outcome.count

    def commit(self, spec: JobSpec) -> None:
        """Old parts out, new parts in, the manifest last."""
        self.fs.invalidate_cache()
        staged = sorted(
            p
            for p in self.fs.ls(f"{self.root}/{STAGING}/{self.run}", detail=False)
            if p.endswith(".parquet")
        )
        for old in self.fs.ls(self.root, detail=False):
            base = old.rstrip("/").rsplit("/", 1)[-1]
            if base == MANIFEST or (base.startswith("part-") and base.endswith(".parquet")):
                self.fs.rm(old)
        for path in staged:
            base = path.rsplit("/", 1)[-1]
            self.fs.mv(path, f"{self.root}/{base}")
            self.parts.append({"name": base, "rows": _rows(self.fs, f"{self.root}/{base}")})
        self.discard()
        manifest = {
            "qmine_version": _qmine_version(),
            "rules_digest": spec.options.rules_digest(),
            "written": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "inputs": self.inputs,
            "succeeded": self.succeeded,
            "failed": len(self.errors),
            "records": self.rows,
            "parts": self.parts,
            "errors": self.errors,
        }
        with self.fs.open(f"{self.root}/{MANIFEST}", "w", encoding="utf-8") as f:
            f.write(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")

    def discard(self) -> None:
        """Drop this run's staged parts (and the staging folder when it is empty)."""
        try:
            self.fs.rm(f"{self.root}/{STAGING}/{self.run}", recursive=True)
        except FileNotFoundError:
            pass
        try:
            if not self.fs.ls(f"{self.root}/{STAGING}", detail=False):
                self.fs.rmdir(f"{self.root}/{STAGING}")
        except (FileNotFoundError, OSError):
            pass  # an object store has no folders to remove, or another run is staging


def _rows(fs, path: str) -> int:
    import pyarrow.parquet as pq

    with fs.open(path, "rb") as f:
        return pq.ParquetFile(f).metadata.num_rows


def _qmine_version() -> str:
    try:
        return version("qmine")
    except PackageNotFoundError:
        return "unknown"
