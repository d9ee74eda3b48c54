"""The ``qmine`` command. Each command reads its options, calls the library, writes."""
from __future__ import annotations

import json
import signal
import sys
from enum import Enum
from pathlib import Path

import click

from ..extract import InputFormat
from .writers import FORMATS, Writer


class QmineError(click.ClickException):
    """An error the user can fix; printed as one line, exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"qmine: error: {self.format_message()}", err=True)


class FileProblem(QmineError):
    """A file qmine must write cannot be (a missing folder, a read-only place, a full
    disk): one line, ``qmine: <file>: <problem>``, exit code 2."""

    def show(self, file=None) -> None:
        click.echo(f"qmine: {self.format_message()}", err=True)


def _options(rule_files: tuple[str, ...], no_defaults: bool, input_format: str = "auto",
             dedupe: bool = True, meta=None, meta_table: tuple = ()):
    """The library's options for a run, with every data file they work with checked
    first (rule sets, the unit table, the naming words): a broken one stops the command
    here, in one line, not each file of a batch deep in extraction."""
    from ..extract import DataFileError, Options, RuleSource, check_data

    if no_defaults and not rule_files:
        raise QmineError("--no-default-rules needs at least one --rules FILE")
    try:
        options = Options(input_format, tuple(RuleSource.read(p) for p in rule_files),
                          not no_defaults, dedupe, meta, meta_table)
        check_data(options)
    except DataFileError as e:
        raise QmineError(str(e)) from None
    return options


def _load_rules(rule_files: tuple[str, ...], no_defaults: bool):
    """The rules of ``--rules``/``--no-default-rules``, checked (see :func:`_options`)."""
    return _options(rule_files, no_defaults).load_rules()


INPUT_FORMATS = tuple(f.value for f in InputFormat)  # the library's closed set


class Engine(str, Enum):
    """Where inputs are extracted: processes on this machine (``-j``), or a Dask cluster."""

    LOCAL = "local"
    DASK = "dask"


rules_option = click.option(
    "--rules", "rule_files", multiple=True, metavar="FILE",
    help="A rule set (TOML) added to the default ones; repeat for several.")
no_defaults_option = click.option(
    "--no-default-rules", is_flag=True,
    help="Use only the --rules files, not qmine's own rule sets.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="qmine", prog_name="qmine")
def main() -> None:
    """Extract numeric indicators (合格率, 批次, 万元, 人次 …) from Chinese government
    reports, in Simplified or Traditional script, as structured records."""


def _input_options(command):
    """The options every command that reads reports shares (extract, table)."""
    options = [
        click.argument("paths", nargs=-1, metavar="[PATH]... | -"),
        click.option("-r", "--recursive", is_flag=True,
                     help="Look for reports in sub-folders of folders too."),
        click.option("--glob", "globs", multiple=True, metavar="PATTERN",
                     help="Which files of a folder to read (repeatable). Default: "
                          "*.txt *.text *.htm *.html *.xml *.md."),
        click.option("--files-from",
                     type=click.File("r", encoding="utf-8", errors="surrogateescape"),
                     metavar="FILE|-",
                     help="Read the paths to extract from FILE, one a line (- for stdin)."),
        click.option("--input-format", type=click.Choice(INPUT_FORMATS),
                     default="auto",
                     help="How to read inputs. auto: pages and XML are recognised by their "
                          "first tags and only their text is read (not scripts, styles, "
                          "navigation or attributes); text from PDFs (spaced-out characters, "
                          "lines broken mid-sentence, page footers) is recognised and "
                          "repaired."),
        click.option("--region", metavar="NAME|CODE",
                     help="The region every input reports on (湖州市, or its code 330500), "
                          "instead of the one read from each report's title and first lines."),
        click.option("--meta", "meta_file", metavar="FILE.csv",
                     help="A CSV giving what file names know and texts do not: columns file "
                          "(the path as given, or its base name) and any of region, year, "
                          "doc_type, title."),
        click.option("--keep-repeats", is_flag=True,
                     help="Keep records that repeat an earlier one of the same file (same "
                          "sentence, name and value), as when a page was saved several times "
                          "over. Default: drop them and say so."),
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                     help="Worker processes. Default: the machine's cores (one for a single "
                          "input)."),
        click.option("--engine", type=click.Choice([e.value for e in Engine]),
                     default=Engine.LOCAL.value,
                     help="local: -j processes on this machine. dask: a Dask cluster "
                          "(--scheduler, --scheduler-file, or a LocalCluster of -j workers); "
                          "PATH may then be an fsspec URL (s3://…). Needs pip install "
                          "'qmine[dask]'."),
        click.option("--scheduler", metavar="tcp://HOST:PORT",
                     help="With --engine dask: the scheduler."),
        click.option("--scheduler-file", metavar="FILE",
                     help="With --engine dask: the scheduler's file (dask scheduler "
                          "--scheduler-file)."),
        click.option("--per-task", type=click.IntRange(min=1), default=None, metavar="N",
                     help="With --engine dask: files per task (default 8)."),
        click.option("--fail-fast", is_flag=True, help="Stop at the first input that fails."),
        click.option("-q", "--quiet", is_flag=True,
                     help="No progress bar or summary; errors only."),
        click.option("-v", "--verbose", is_flag=True,
                     help="Say each input's encoding, record count and any repeated records "
                          "dropped on stderr."),
        rules_option,
        no_defaults_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _user_meta(region: str | None, meta_file: str | None):
    """--region and --meta, checked: (what every input is, what each file is)."""
    from ..extract import MetaError, read_meta_table, user_meta

    try:
        every = user_meta(region) if region else None
        table = tuple(read_meta_table(meta_file).items()) if meta_file else ()
    except MetaError as e:
        raise QmineError(str(e)) from None
    return every, table


class _Batch:
    """The reports a command reads, run through qmine.extract in input order, with
    progress and errors on stderr (shared by extract and table)."""

    def __init__(self, o: dict, fmt: str, docs_only: bool = False):
        import os

        from .batch import JobSpec, read_stdin
        from .inputs import STDIN, discover, shown
        from .progress import Reporter, stderr_is_terminal

        paths, files_from = o["paths"], o["files_from"]
        if not paths and files_from is None:
            raise click.UsageError("give at least one PATH, - for stdin, or --files-from FILE")
        if "-" in paths and files_from is not None and files_from.name == "<stdin>":
            raise click.UsageError("stdin cannot hold both a report (-) and the list of paths "
                                   "(--files-from -)")
        every, table = _user_meta(o["region"], o["meta_file"])
        # a broken rule file stops here, once
        options = _options(o["rule_files"], o["no_default_rules"], o["input_format"],
                           not o["keep_repeats"], every, table)
        unlisted: list[str] = []  # folders that could not be listed: each one a failure

        def cannot_list(folder: str, error: OSError) -> None:
            unlisted.append(folder)
            click.echo(f"qmine: {shown(folder)}: cannot read folder: {error.strerror or error}",
                       err=True)

        self.inputs = list(discover(paths, o["recursive"], o["globs"], files_from,
                                    on_error=cannot_list))
        if not self.inputs:
            raise QmineError("no report files found (see --glob and -r)")
        self.stdin_data = read_stdin(sys.stdin.buffer) if STDIN in self.inputs else None
        sizes = sum(os.path.getsize(p) for p in self.inputs if p != STDIN and os.path.isfile(p))
        self.spec = JobSpec(options, fmt, docs_only)
        self.jobs = o["jobs"] or os.cpu_count() or 1
        self.unlisted = unlisted
        self.engine = Engine(o["engine"])
        self.cluster = self.dask = None
        if self.engine is Engine.DASK:
            self._connect(o)
        elif o["scheduler"] or o["scheduler_file"] or o["per_task"]:
            raise click.UsageError("--scheduler, --scheduler-file and --per-task go with "
                                   "--engine dask")
        self.fail_fast = o["fail_fast"]
        self.reporter = Reporter(len(self.inputs), sizes,
                                 show_progress=not o["quiet"] and stderr_is_terminal(),
                                 verbose=o["verbose"], failed=len(unlisted))

    def _connect(self, o: dict) -> None:
        """A client on the Dask cluster (started now, so a missing extra or an unreachable
        scheduler is one line before anything is written)."""
        import os

        if o["scheduler"] and o["scheduler_file"]:
            raise click.UsageError("give --scheduler or --scheduler-file, not both")
        try:
            from .dask_engine import (
                Cluster,
                DaskSettings,
                DaskUnavailable,
                SchedulerError,
                need_distributed,
            )

            need_distributed()
        except DaskUnavailable as e:
            raise QmineError(str(e)) from None
        except ImportError:
            raise QmineError("--engine dask needs dask.distributed: "
                             "pip install 'qmine[dask]'") from None
        workers = o["jobs"] or os.cpu_count() or 1
        self.dask = DaskSettings(o["scheduler"], o["scheduler_file"], workers, o["per_task"] or 8)
        try:
            self.cluster = Cluster(self.dask, self.spec)
        except SchedulerError as e:
            raise QmineError(str(e)) from None

    def outcomes(self, dataset: str | None = None, every=None):
        """Outcomes that succeeded, in input order (failures are reported as they come;
        ``every`` hears of each outcome, failed or not)."""
        if self.engine is Engine.DASK:
            from .dask_engine import run_dask

            outcomes = run_dask(self.inputs, self.spec, self.dask, self.cluster, self.stdin_data,
                                dataset)
        else:
            from .batch import run

            outcomes = run(self.inputs, self.spec, self.jobs, self.stdin_data)
        try:
            for outcome in outcomes:
                if every is not None:
                    every(outcome)
                self.reporter.done(outcome)
                if outcome.error is None:
                    yield outcome
                elif self.fail_fast:
                    break
        finally:
            outcomes.close()


def _write(output: str | None, strict: bool, bom: bool, batch: _Batch | None, body,
           parquet_fields: tuple[str, ...] | None = None) -> None:
    """Run ``body(stream)`` writing to stdout or atomically to ``output``, with the
    batch's progress, Ctrl-C and failure handling; exit 1 when an input failed, 2 when
    the output cannot be written (one line either way).

    One rule for failed inputs, whatever the engine: the records of the inputs that
    succeeded are written and each failure said; ``strict`` (``--strict``) leaves FILE as
    it was when any input failed."""
    from .inputs import shown
    from .output import Output, OutputError, clashing_input

    clash = clashing_input(output, batch.inputs) if batch is not None else None
    if clash is not None:
        raise QmineError(f"-o {shown(output)} is also an input ({shown(clash)}): the records would "
                         "replace the report; write them elsewhere")
    try:
        if parquet_fields is not None:
            from .parquet import ParquetOutput

            out = ParquetOutput(output, parquet_fields)
        else:
            out = Output(output, bom=bom)
    except OutputError as e:
        raise FileProblem(str(e)) from None
    signal.signal(signal.SIGTERM, _terminate)
    reporter = batch.reporter if batch else None
    try:
        if reporter:
            with reporter, out.writing():
                body(out.stream)
        else:
            with out.writing():
                body(out.stream)
        failed = reporter.failed if reporter else 0
        if reporter:
            reporter.summary()
        if failed and out.path is not None and strict:
            out.discard()
            reporter.say(f"qmine: {out.name} not written: {failed} input(s) failed (--strict)")
        else:
            out.commit()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except OutputError as e:
        raise FileProblem(str(e)) from None
    except KeyboardInterrupt:
        out.discard()
        click.echo("qmine: interrupted; nothing was written" if out.path else "qmine: interrupted",
                   err=True)
        sys.exit(130)
    if failed:
        sys.exit(1)


@main.command()
@_input_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format. Default: parquet for -o FILE.parquet, table on a terminal, "
                   "jsonl otherwise. parquet needs pip install 'qmine[parquet]' and -o.")
@click.option("-o", "--output", default=None, metavar="FILE|FOLDER|URL",
              help="Write to FILE. It is replaced only at the end of the run, so Ctrl-C or a "
                   "crash leave the previous content. With --engine dask, a folder or URL gets "
                   "one part-NNNNN.parquet per batch and a _SUCCESS.json manifest, written last.")
@click.option("--strict", is_flag=True,
              help="With -o: leave FILE as it was when any input failed (all or nothing).")
@click.option("--partial", is_flag=True,
              help="Write what succeeded when some inputs failed: the default, kept for scripts.")
@click.option("--excel", is_flag=True,
              help="With --format csv: start with a UTF-8 BOM so Excel reads it.")
@click.option("--docs-only", is_flag=True,
              help="One row per document (doc, region, region_code, doc_type, doc_year, title, "
                   "encoding) instead of its records: to check what qmine reads each report as.")
def extract(fmt: str | None, output: str | None, strict: bool, partial: bool, excel: bool,
            docs_only: bool, **o) -> None:
    """Extract every numeric indicator of each report.

    PATH is a file, a folder (its matching files, sorted; -r for sub-folders) or -
    for stdin. Records come out in input order whatever -j is: the indicator name,
    its concept (patterns/concepts), value in a canonical unit (万元 → 元), unit,
    qualifier, the year it belongs to, offsets into the original text, and the
    report's region (with its 行政区划代码) and kind.

    An input that cannot be read or extracted gets one line on stderr; the others
    are still extracted and written (--strict: nothing written then). Exit status: 0
    all inputs done, 1 some failed, 2 usage error or output that cannot be written.
    """
    from ..extract import FIELDS
    from .batch import DOC_FIELDS

    if strict and partial:
        raise click.UsageError("--strict and --partial say opposite things: give one")
    if excel and fmt not in ("csv", None):
        raise click.UsageError("--excel goes with --format csv")
    if excel:
        fmt = "csv"
    dataset = o["engine"] == Engine.DASK.value and _is_dataset(output)
    if dataset and fmt not in (None, "parquet"):
        raise click.UsageError("a folder or URL as -o holds Parquet parts: --format parquet")
    if not dataset and output is not None and _is_dataset(output) and output != "-":
        raise click.UsageError(f"-o {output}: a folder or URL of Parquet parts needs --engine dask")
    if dataset or (fmt is None and output is not None and output.endswith(".parquet")):
        fmt = "parquet"
    if fmt is None:
        fmt = "table" if output is None and sys.stdout.isatty() else "jsonl"
    if fmt == "parquet":
        _need_parquet(output)
    fields = DOC_FIELDS if docs_only else FIELDS
    batch = _Batch(o, fmt, docs_only)
    if dataset:
        if docs_only:
            raise click.UsageError("--docs-only writes one file, not a folder of parts")
        _write_dataset(batch, output, strict)
        return

    def body(stream) -> None:
        writer = Writer(fmt, stream, fields)
        writer.start()
        for outcome in batch.outcomes():
            writer.emit(outcome.rendered, outcome.records)
        writer.finish()

    _write(output, strict, excel, batch, body, parquet_fields=fields if fmt == "parquet" else None)


def _is_dataset(output: str | None) -> bool:
    """-o naming a folder of parts: a URL, an existing folder, or a path ending in /."""
    import os

    from ..extract import is_url

    return output is not None and (is_url(output) or os.path.isdir(output) or output.endswith("/"))


def _write_dataset(batch: _Batch, output: str, strict: bool) -> None:
    """``--engine dask -o FOLDER|URL``: workers write the parts, this process the
    manifest, last (see :class:`qmine.cli.dask_engine.Dataset`)."""
    from .dask_engine import Dataset
    from .inputs import shown

    try:
        dataset = Dataset(output)
    except (OSError, ValueError) as e:
        batch.cluster.close()
        raise FileProblem(f"{shown(output)}: cannot write: "
                          f"{e.strerror or e if isinstance(e, OSError) else e}") from None
    for folder in batch.unlisted:
        dataset.errors.append({"input": shown(folder),
                               "error": f"{shown(folder)}: cannot read folder"})
    signal.signal(signal.SIGTERM, _terminate)
    reporter = batch.reporter
    try:
        with reporter:
            for _ in batch.outcomes(dataset.staging, every=dataset.note):
                pass
        reporter.summary()
        if reporter.failed and strict:
            dataset.discard()
            reporter.say(f"qmine: {shown(output)} not written: {reporter.failed} input(s) failed "
                         "(--strict)")
        else:
            dataset.commit(batch.spec)
    except KeyboardInterrupt:
        dataset.discard()
        click.echo("qmine: interrupted; nothing was written", err=True)
        sys.exit(130)
    except OSError as e:
        dataset.discard()
        raise FileProblem(f"{shown(output)}: cannot write: {e.strerror or e}") from None
    if reporter.failed:
        sys.exit(1)


def _need_parquet(output: str | None) -> None:
    """Parquet goes to a file (binary, not for a terminal or a pipe), with pyarrow installed."""
    from .parquet import MissingExtra, need_pyarrow

    if output is None or output == "-":
        raise click.UsageError("--format parquet needs -o FILE.parquet")
    try:
        need_pyarrow()
    except MissingExtra as e:
        raise QmineError(str(e)) from None


TABLE_FORMATS = ("csv", "jsonl", "table", "xlsx")


@main.command("table")
@_input_options
@click.option("--concept", "concepts", multiple=True, metavar="ID|PREFIX.*",
              help="Only these concepts (repeatable): gdp.growth, or budget.* for every budget "
                   "one. Default: every concept. `qmine concepts list` shows the ids.")
@click.option("--targets", "which", flag_value="targets", help="Only targets (planned figures).")
@click.option("--actuals", "which", flag_value="actuals", help="Only achieved figures.")
@click.option("--period", "periods", multiple=True, metavar="YEAR",
              help="Only this period (repeatable).")
@click.option("--all", "keep_all", is_flag=True,
              help="Every record of a cell, not only the first in report order.")
@click.option("--wide", is_flag=True,
              help="One column per concept (for spreadsheets) instead of tidy rows.")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default=None,
              help="Output format. Default: table on a terminal, csv otherwise. xlsx needs "
                   "pip install 'qmine[xlsx]' and -o.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to FILE, replaced only at the end of the run.")
@click.option("--strict", is_flag=True,
              help="With -o: leave FILE as it was when any input failed (all or nothing).")
@click.option("--partial", is_flag=True,
              help="Write what succeeded when some inputs failed: the default, kept for scripts.")
@click.option("--excel", is_flag=True, help="CSV with a UTF-8 BOM, so Excel reads it.")
def table_(concepts: tuple[str, ...], which: str | None, periods: tuple[str, ...], keep_all: bool,
           wide: bool, fmt: str | None, output: str | None, strict: bool, partial: bool,
           excel: bool, **o) -> None:
    """Records into a panel: one row per document × period × concept × target.

    PATH is read as `qmine extract` reads it (same options, -j); - reads records as
    JSON Lines on stdin instead, so `qmine extract … | qmine table -` gives the same
    table. Records without a concept are left out. Columns: region, region_code,
    doc_type, doc, period, concept, concept_name, scope, target, value, unit,
    qualifier, low, high, raw, start, end, mentions (how many records the cell had;
    the first in report order is shown). A scope (市级, 同口径, 预算 …) makes a cell of
    its own; 全市/全省 and 完成 count as no scope.
    """
    from ..extract.panel import COLUMNS, PanelQuery, tidy
    from ..extract.panel import wide as pivot

    if strict and partial:
        raise click.UsageError("--strict and --partial say opposite things: give one")
    if excel and fmt not in ("csv", None):
        raise click.UsageError("--excel goes with --format csv")
    if fmt is None:
        fmt = "csv" if excel or output or not sys.stdout.isatty() else "table"
        if output and output.endswith(".xlsx"):
            fmt = "xlsx"
    if fmt == "xlsx" and not output:
        raise click.UsageError("--format xlsx needs -o FILE.xlsx")
    if fmt == "xlsx":
        _need_openpyxl()
    query = PanelQuery(tuple(concepts), {"targets": True, "actuals": False}.get(which or ""),
                       tuple(periods), keep_all)
    piped = o["paths"] == ("-",) and o["files_from"] is None
    batch = None if piped else _Batch(o, "records")
    records = (_piped_records() if piped
               else (r for outcome in batch.outcomes() for r in outcome.records))

    def body(stream) -> None:
        rows = tidy(records, query)
        columns: list[str] = list(COLUMNS)
        if wide:
            columns, rows = pivot(rows)
        _write_panel(fmt, columns, rows, stream, output)

    if fmt == "xlsx":
        _write_xlsx(output, batch, strict, body)
    else:
        _write(output, strict, excel, batch, body)


def _piped_records():
    """Records as `qmine extract --format jsonl` writes them, from stdin."""
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise QmineError(f"stdin line {n}: not a JSON record ({e.msg}); pipe "
                             "`qmine extract … --format jsonl` into `qmine table -`") from None
        if not isinstance(row, dict) or "value" not in row:
            raise QmineError(f"stdin line {n}: not a qmine record (no value field)")
        yield row


def _write_panel(fmt: str, columns: list[str], rows: list[dict], stream,
                 output: str | None) -> None:
    from .writers import draw_rows, render

    if fmt == "table":
        draw_rows(columns, rows, stream, caption=f"{len(rows)} cells")
    elif fmt == "csv":
        import csv

        csv.DictWriter(stream, fieldnames=columns, lineterminator="\n").writeheader()
        stream.write(render("csv", [{c: r.get(c) for c in columns} for r in rows], columns))
    elif fmt == "jsonl":
        stream.write(render("jsonl", [{c: r.get(c) for c in columns} for r in rows]))
    elif fmt == "xlsx":
        stream.append(columns)
        for r in rows:
            stream.append([r.get(c) for c in columns])


def _need_openpyxl() -> None:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise QmineError("xlsx output needs openpyxl: pip install 'qmine[xlsx]'") from None


def _write_xlsx(output: str, batch, strict: bool, body) -> None:
    """An .xlsx workbook, saved beside FILE and renamed over it only when the run succeeds."""
    import os
    import tempfile

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("panel")

    def fill(_stream) -> None:
        body(sheet)

    reporter = batch.reporter if batch else None
    try:
        if reporter:
            with reporter:
                fill(None)
        else:
            fill(None)
    except KeyboardInterrupt:
        click.echo("qmine: interrupted; nothing was written", err=True)
        sys.exit(130)
    failed = reporter.failed if reporter else 0
    if reporter:
        reporter.summary()
    keep = not (failed and strict)
    folder = os.path.dirname(os.path.abspath(output))
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(output)}.", suffix=".part", dir=folder)
    os.close(fd)
    try:
        # saved even when dropped: the write-only sheet's rows are finished, not left open
        book.save(tmp)
        if keep:
            os.replace(tmp, output)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    if not keep:
        reporter.say(f"qmine: {output} not written: {failed} input(s) failed (--strict)")
    if failed:
        sys.exit(1)


def _terminate(signum, frame) -> None:
    """SIGTERM: leave as after Ctrl-C, the output file untouched."""
    raise KeyboardInterrupt


def _quiet_broken_pipe() -> None:
    """The reader went away (| head): stop without a traceback, as shell tools do."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(141)


@main.command("eval")
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="Folder of <doc>.gold.jsonl annotations (and <doc>.regions.jsonl).")
@click.option("--docs", "doc_dirs", required=True, multiple=True,
              type=click.Path(exists=True, file_okay=False),
              help="Folder holding the annotated documents; repeat for several.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option("--misses", is_flag=True,
              help="Also list gold lines missed, spurious records and weak names.")
@rules_option
@no_defaults_option
def eval_(gold_dir: str, doc_dirs: tuple[str, ...], as_json: bool, misses: bool,
          rule_files: tuple[str, ...], no_default_rules: bool) -> None:
    """Score extraction against gold annotations (precision, recall, F1, full F1).

    Full F1 is the headline: it counts only matches an analyst can use as they
    are (indicator similar enough and the right year). See GUIDE.md in the gold
    folder's origin for the exact definitions.
    """
    from ..extract.evaluate import Score, evaluate

    rules = _load_rules(rule_files, no_default_rules)
    try:
        scores = evaluate(Path(gold_dir), [Path(d) for d in doc_dirs], rules)
    except (FileNotFoundError, ValueError) as e:
        raise QmineError(str(e)) from None
    total = Score()
    for s in scores.values():
        total.add(s)
    result = {"documents": {d: s.metrics() for d, s in scores.items()}, "overall": total.metrics()}
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_scores(result)
    if misses:
        _print_misses(total)


def _print_scores(result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    cols = ("records", "gold", "precision", "recall", "f1", "full_f1", "indicator_similarity",
            "period_accuracy", "qualifier_accuracy")
    if result["overall"]["concept_lines"]:
        cols += ("concept_accuracy",)
    table = Table("document", *cols)
    rows = list(result["documents"].items()) + [("overall", result["overall"])]
    for name, m in rows:
        table.add_row(name, *(f"{m[c]:.3f}" if isinstance(m[c], float) else str(m[c])
                              for c in cols))
    Console(width=200 if not sys.stdout.isatty() else None).print(table)


def _print_misses(total) -> None:
    for g in total.missed:
        click.echo(f"missed   {g.doc}: {g.quote}  → {g.indicator}")
    for r in total.spurious:
        click.echo(f"spurious {r.doc}:{r.line}: {r.raw}  ({r.indicator})")
    for r, g, sim in total.matches:
        if g.has_concept and r.concept != g.concept:
            click.echo(f"concept  {r.doc}:{r.line}: {r.raw}  {r.indicator}: "
                       f"{r.concept} ≠ {g.concept}")
        if sim < 0.6 or r.period != g.period:
            click.echo(f"weak     {r.doc}:{r.line}: {r.raw}  {r.indicator} ≠ {g.indicator}  "
                       f"(similarity {sim:.2f}, period {r.period} vs {g.period})")


@main.command()
@click.argument("path", metavar="FILE | -")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto",
              help="How to read the input (as for extract).")
@click.option("--map", "show_map", is_flag=True,
              help="Start each line with the original offsets it comes from (START-END, end "
                   "exclusive).")
def normalize(path: str, input_format: str, show_map: bool) -> None:
    """Show the working text the scanner reads: markup removed, Traditional turned
    Simplified, full-width digits made ASCII, scraping debris dropped. For finding
    out why a source gives what it gives."""
    from ..extract.document import InputError, read_document
    from ..extract.normalise import is_markup, normalise
    from .inputs import shown

    try:
        doc = read_document(path, sys.stdin.buffer if path == "-" else None)
    except InputError as e:
        raise QmineError(shown(str(e))) from None
    working = normalise(doc.text, input_format)
    kind = "markup" if is_markup(doc.text, input_format) else "text"
    click.echo(f"qmine: {shown(path)}: {doc.encoding}, read as {kind}", err=True)
    if not show_map:
        click.echo(working.text)
        return
    pos = 0
    for line in working.text.split("\n"):
        start, end = working.original_span(pos, pos + len(line))
        click.echo(f"{start}-{end}\t{line}")
        pos += len(line) + 1


@main.command()
@click.argument("text", metavar="TEXT | -")
def segment(text: str) -> None:
    """Show how qmine's jieba cuts TEXT (- reads stdin), each word with its dictionary
    part-of-speech tag: for finding out why a name is trimmed as it is, and whether a
    term needs patterns/userdict.txt."""
    from ..extract import naming

    if text == "-":
        text = sys.stdin.read()
    for line in text.splitlines():
        click.echo(" ".join(f"{w}/{tag}" for w, tag in naming.tagged(line)))


@main.group()
def rules() -> None:
    """Inspect and check rule sets."""


@rules.command("list")
@rules_option
@no_defaults_option
def rules_list(rule_files: tuple[str, ...], no_default_rules: bool) -> None:
    """List the rules in the order they apply."""
    for rule in _load_rules(rule_files, no_default_rules):
        click.echo(f"{rule.id}\t{rule.action}\t{rule.description}")


@rules.command("test")
@rules_option
@no_defaults_option
def rules_test(rule_files: tuple[str, ...], no_default_rules: bool) -> None:
    """Run every rule's examples; exit 1 if any gives other records than it says."""
    from ..extract.rule_examples import check_examples

    loaded = _load_rules(rule_files, no_default_rules)
    checks = ((rule.id, example["text"], problems)
              for rule, example, problems in check_examples(loaded))
    _report_checks(checks, "examples")


def _report_checks(checks, what: str, prefix: str = "", verbose: bool = False) -> None:
    """Print each problem of ``checks`` ((source, text, problems) triples) as a FAIL line
    and a count at the end; exit 1 if there was any (rules, concepts and examples test)."""
    total = failures = 0
    for source, text, problems in checks:
        total += 1
        for p in problems:
            failures += 1
            click.echo(f"FAIL {source}: {text!r}: {p}")
        if verbose and not problems:
            click.echo(f"ok   {source}: {text!r}")
    click.echo(f"{prefix}{total} {what}, {failures} problems")
    if failures:
        sys.exit(1)


@main.group()
def concepts() -> None:
    """Inspect and check the canonical concepts (patterns/concepts/*.toml)."""


def _concept_table():
    from ..extract import ConceptError, default_concepts

    try:
        return default_concepts()
    except ConceptError as e:
        raise QmineError(str(e)) from None


@concepts.command("list")
@click.option("--prefix", default="", metavar="ID",
              help="Only concepts whose id starts with ID (budget., quality.).")
def concepts_list(prefix: str) -> None:
    """List concepts: id, canonical name, kind, units."""
    for c in _concept_table():
        if c.id.startswith(prefix):
            click.echo(f"{c.id}\t{c.name}\t{c.kind}\t{','.join(c.units)}")


@concepts.command("show")
@click.argument("concept_id", metavar="ID")
def concepts_show(concept_id: str) -> None:
    """Everything about one concept: its names, false friends, units, source and examples."""
    table = _concept_table()
    c = table.by_id.get(concept_id)
    if c is None:
        near = [i for i in table.by_id if concept_id in i][:8]
        raise QmineError(f"no concept {concept_id!r}"
                         + (f" (did you mean {', '.join(near)}?)" if near else ""))
    derived = sorted(n for n, hit in table.names.items()
                     if hit is c and n not in (c.name, *c.aliases))
    falls = [n for n in derived if n in table.falls]
    others = [n for n in derived if n not in table.falls]
    click.echo(f"{c.id}  {c.name}\nkind: {c.kind}   units: {', '.join(c.units)}   "
               f"file: patterns/concepts/{c.file}")
    for label, values in (("aliases", c.aliases), ("derived names", others),
                          ("falls (value read negated)", falls),
                          ("false friends", c.false_friends)):
        if values:
            click.echo(f"{label}: {'、'.join(values)}")
    if c.source:
        click.echo(f"source: {c.source} (see patterns/README.md)")
    if c.note:
        click.echo(f"note: {c.note}")
    for e in c.examples:
        click.echo(f"example: {e['text']}  → {e.get('concept', c.id) or 'none'} ({e['value']})")


@concepts.command("test")
def concepts_test() -> None:
    """Check every concept: each alias maps to it, no false friend does, and each
    example sentence gives the concept it says. Exit 1 on any problem."""
    from ..extract.concept_examples import check_concepts

    checks = ((concept.id, what, problems)
              for concept, what, problems in check_concepts(_concept_table()))
    _report_checks(checks, "checks", prefix=f"{len(_concept_table())} concepts, ")


@main.group()
def examples() -> None:
    """Run the examples every data file of patterns/ carries."""


@examples.command("test")
@click.option("-v", "--verbose", is_flag=True,
              help="List every example, not only the failing ones.")
def examples_test(verbose: bool) -> None:
    """Run every example: each rule's, each concept's, and the [[example]] tables of
    units.toml, naming.toml, idioms.toml, targets.toml and the other data files.
    Exit 1 if any gives other records than it says."""
    from ..extract.concepts import ConceptError
    from ..extract.examples import ExampleError, check_all

    try:
        checks = [(c.source, c.text, c.problems) for c in check_all()]
    except (ExampleError, ConceptError) as e:
        raise QmineError(str(e)) from None
    _report_checks(checks, "examples", verbose=verbose)
