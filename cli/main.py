"""The ``qmine`` command. Each command reads its options, calls the library, writes."""
from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import click

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


def _load_rules(rule_files: tuple[str, ...], no_defaults: bool):
    """The rules, with every data file they work with checked first (rule sets, the unit
    table, the naming words): a broken one stops the command here, in one line, not
    each file of a batch deep in extraction."""
    from ..extract import DataFileError, load_rules
    from ..extract.naming import words
    from ..extract.units import unit_table

    if no_defaults and not rule_files:
        raise QmineError("--no-default-rules needs at least one --rules FILE")
    try:
        unit_table()
        words()
        return load_rules([Path(p) for p in rule_files], defaults=not no_defaults)
    except DataFileError as e:
        raise QmineError(str(e)) from None


rules_option = click.option(
    "--rules", "rule_files", multiple=True, metavar="FILE",
    help="A rule set (TOML) added to the default ones; repeat for several.")
no_defaults_option = click.option(
    "--no-default-rules", is_flag=True, help="Use only the --rules files, not qmine's own rule sets.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="qmine", prog_name="qmine")
def main() -> None:
    """Extract numeric indicators (合格率, 批次, 万元, 人次 …) from Chinese government
    reports, in Simplified or Traditional script, as structured records."""


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH]... | -")
@click.option("-r", "--recursive", is_flag=True, help="Look for reports in sub-folders of folders too.")
@click.option("--glob", "globs", multiple=True, metavar="PATTERN",
              help="Which files of a folder to read (repeatable). Default: "
                   "*.txt *.text *.htm *.html *.xml *.md.")
@click.option("--files-from", type=click.File("r", encoding="utf-8", errors="surrogateescape"),
              metavar="FILE|-",
              help="Read the paths to extract from FILE, one a line (- for stdin).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format. Default: table on a terminal, jsonl otherwise.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to FILE. It is replaced only when the run succeeds; until then the "
                   "previous content stays.")
@click.option("--partial", is_flag=True, help="With -o: write FILE even when some inputs failed.")
@click.option("--excel", is_flag=True, help="With --format csv: start with a UTF-8 BOM so Excel reads it.")
@click.option("--input-format", type=click.Choice(["auto", "text", "html", "xml", "pdf-text"]), default="auto",
              help="How to read inputs. auto: pages and XML are recognised by their first tags and "
                   "only their text is read (not scripts, styles, navigation or attributes); text "
                   "from PDFs (spaced-out characters, lines broken mid-sentence, page footers) is "
                   "recognised and repaired.")
@click.option("--keep-repeats", is_flag=True,
              help="Keep records that repeat an earlier one of the same file (same sentence, name "
                   "and value), as when a page was saved several times over. Default: drop them and say so.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes. Default: the machine's cores (one for a single input).")
@click.option("--fail-fast", is_flag=True, help="Stop at the first input that fails.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary; errors only.")
@click.option("-v", "--verbose", is_flag=True, help="Say each input's encoding, record count and any repeated records dropped on stderr.")
@rules_option
@no_defaults_option
def extract(paths: tuple[str, ...], recursive: bool, globs: tuple[str, ...], files_from, fmt: str | None,
            output: str | None, partial: bool, excel: bool, input_format: str, keep_repeats: bool,
            jobs: int | None,
            fail_fast: bool, quiet: bool, verbose: bool, rule_files: tuple[str, ...], no_default_rules: bool) -> None:
    """Extract every numeric indicator of each report.

    PATH is a file, a folder (its matching files, sorted; -r for sub-folders) or -
    for stdin. Records come out in input order whatever -j is: the indicator name,
    its value in a canonical unit (万元 → 元), unit, qualifier, the year it belongs
    to and offsets into the original text.

    An input that cannot be read or extracted gets one line on stderr; the others
    are still extracted. Exit status: 0 all inputs done, 1 some failed, 2 usage error.
    """
    import os

    from .batch import JobSpec, read_stdin, run
    from .inputs import STDIN, discover, shown
    from .output import Output, OutputError, clashing_input
    from .progress import Reporter, stderr_is_terminal

    if not paths and files_from is None:
        raise click.UsageError("give at least one PATH, - for stdin, or --files-from FILE")
    if excel and fmt not in ("csv", None):
        raise click.UsageError("--excel goes with --format csv")
    if excel:
        fmt = "csv"
    if "-" in paths and files_from is not None and files_from.name == "<stdin>":
        raise click.UsageError("stdin cannot hold both a report (-) and the list of paths (--files-from -)")
    _load_rules(rule_files, no_default_rules)  # a broken rule file stops here, once
    unlisted: list[str] = []  # folders that could not be listed: each one a failure

    def cannot_list(folder: str, error: OSError) -> None:
        unlisted.append(folder)
        click.echo(f"qmine: {shown(folder)}: cannot read folder: {error.strerror or error}", err=True)

    inputs = list(discover(paths, recursive, globs, files_from, on_error=cannot_list))
    if not inputs:
        raise QmineError("no report files found (see --glob and -r)")
    clash = clashing_input(output, inputs)
    if clash is not None:
        raise QmineError(f"-o {shown(output)} is also an input ({shown(clash)}): the records would "
                         "replace the report; write them elsewhere")
    if fmt is None:
        fmt = "table" if output is None and sys.stdout.isatty() else "jsonl"
    stdin_data = read_stdin(sys.stdin.buffer) if STDIN in inputs else None
    sizes = sum(os.path.getsize(p) for p in inputs if p != STDIN and os.path.isfile(p))
    spec = JobSpec(rule_files, not no_default_rules, fmt, input_format, not keep_repeats)
    try:
        out = Output(output, bom=excel)
    except OutputError as e:
        raise FileProblem(str(e)) from None
    writer = Writer(fmt, out.stream)
    reporter = Reporter(len(inputs), sizes, show_progress=not quiet and stderr_is_terminal(),
                        verbose=verbose, failed=len(unlisted))
    outcomes = run(inputs, spec, jobs or os.cpu_count() or 1, stdin_data)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        with reporter:
            with out.writing():
                writer.start()
            for outcome in outcomes:
                reporter.done(outcome)
                if outcome.error is None:
                    with out.writing():
                        writer.emit(outcome.rendered, outcome.records)
                elif fail_fast:
                    break
            with out.writing():
                writer.finish()
        reporter.summary()
        if reporter.failed and out.path is not None and not partial:
            out.discard()
            reporter.say(f"qmine: {out.name} not written: {reporter.failed} input(s) failed "
                         "(--partial writes the rest)")
        else:
            out.commit()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except OutputError as e:
        raise FileProblem(str(e)) from None
    except KeyboardInterrupt:
        out.discard()
        click.echo("qmine: interrupted; nothing was written" if out.path else "qmine: interrupted", err=True)
        sys.exit(130)
    finally:
        outcomes.close()
    if reporter.failed:
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
@click.option("--docs", "doc_dirs", required=True, multiple=True, type=click.Path(exists=True, file_okay=False),
              help="Folder holding the annotated documents; repeat for several.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option("--misses", is_flag=True, help="Also list gold lines missed, spurious records and weak names.")
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
    table = Table("document", *cols)
    rows = list(result["documents"].items()) + [("overall", result["overall"])]
    for name, m in rows:
        table.add_row(name, *(f"{m[c]:.3f}" if isinstance(m[c], float) else str(m[c]) for c in cols))
    Console(width=200 if not sys.stdout.isatty() else None).print(table)


def _print_misses(total) -> None:
    for g in total.missed:
        click.echo(f"missed   {g.doc}: {g.quote}  → {g.indicator}")
    for r in total.spurious:
        click.echo(f"spurious {r.doc}:{r.line}: {r.raw}  ({r.indicator})")
    for r, g, sim in total.matches:
        if sim < 0.6 or r.period != g.period:
            click.echo(f"weak     {r.doc}:{r.line}: {r.raw}  {r.indicator} ≠ {g.indicator}  "
                       f"(similarity {sim:.2f}, period {r.period} vs {g.period})")


@main.command()
@click.argument("path", metavar="FILE | -")
@click.option("--input-format", type=click.Choice(["auto", "text", "html", "xml", "pdf-text"]), default="auto",
              help="How to read the input (as for extract).")
@click.option("--map", "show_map", is_flag=True,
              help="Start each line with the original offsets it comes from (START-END, end exclusive).")
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
    failures = total = 0
    for rule, example, problems in check_examples(loaded):
        total += 1
        for p in problems:
            failures += 1
            click.echo(f"FAIL {rule.id}: {example['text']!r}: {p}")
    click.echo(f"{total} examples, {failures} problems")
    if failures:
        sys.exit(1)
