"""The ``qmine`` command. Each command reads its options, calls the library, writes."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .output import open_output
from .writers import FORMATS, make_writer


class QmineError(click.ClickException):
    """An error the user can fix; printed as one line, exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"qmine: error: {self.format_message()}", err=True)


def _load_rules(rule_files: tuple[str, ...], no_defaults: bool):
    from ..extract import RuleError, load_rules

    if no_defaults and not rule_files:
        raise QmineError("--no-default-rules needs at least one --rules FILE")
    try:
        return load_rules([Path(p) for p in rule_files], defaults=not no_defaults)
    except RuleError as e:
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
@click.argument("paths", nargs=-1, required=True, metavar="FILE... | -")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format. Default: table on a terminal, jsonl otherwise.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to FILE (replaced only when the run succeeds) instead of stdout.")
@rules_option
@no_defaults_option
def extract(paths: tuple[str, ...], fmt: str | None, output: str | None,
            rule_files: tuple[str, ...], no_default_rules: bool) -> None:
    """Extract every numeric indicator of each report FILE ("-" reads stdin).

    Records carry the indicator name, its value in a canonical unit (万元 → 元),
    the unit, qualifier (exact/over/under/about), the year it belongs to, and
    offsets into the original text. A file that cannot be read gets one line on
    stderr; the others are still extracted, and the exit code is 1.
    """
    from ..extract.document import InputError, read_document
    from ..extract.pipeline import extract_text

    rules = _load_rules(rule_files, no_default_rules)
    if fmt is None:
        fmt = "table" if output is None and sys.stdout.isatty() else "jsonl"
    failed = 0
    with open_output(output) as stream:
        writer = make_writer(fmt, stream)
        writer.start()
        for path in paths:
            try:
                doc = read_document(path, sys.stdin.buffer if path == "-" else None)
                writer.write(extract_text(doc.text, doc=doc.name, rules=rules))
            except InputError as e:
                click.echo(f"qmine: {e}", err=True)
                failed += 1
        writer.finish()
    if failed:
        sys.exit(1)


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
