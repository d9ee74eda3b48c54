"""The library call is what the command line runs: same records, same options, and the
command line reaches into no private name of the library."""

import ast
import json
import pickle
import subprocess
import sys

import pytest
from conftest import CORPUS, ROOT, SAMPLES
from qmine.extract import (
    ExtractionError,
    InputFormat,
    Options,
    RuleSource,
    extract_source,
    try_extract,
    warm_up,
)

QMINE = [sys.executable, "-m", "qmine.cli", "extract"]
CORPUS_FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
INPUTS = sorted(SAMPLES.glob("*.txt")) + CORPUS_FILES


def _cli_rows(*args) -> list[dict]:
    result = subprocess.run(
        QMINE + [str(a) for a in args] + ["--format", "jsonl", "-j", "1"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_library_call_equals_qmine_extract_on_samples_and_corpus():
    """Repeats dropped, regions read, large pieces joined: one call gives the rows the
    command prints, for every sample and corpus report at once."""
    cli = _cli_rows(*INPUTS)
    library = [r.to_dict() for path in INPUTS for r in extract_source(str(path))]
    assert library == cli
    assert len({r["doc"] for r in cli}) == len(INPUTS)


def test_dedupe_and_meta_options_match_their_flags(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("检查企业5家，立案查处38起。\n" * 3, encoding="utf-8")
    assert len(extract_source(str(report))) == 2
    from qmine.extract import user_meta

    options = Options(dedupe=False, meta=user_meta("湖州市"))
    rows = [r.to_dict() for r in extract_source(str(report), options)]
    assert rows == _cli_rows(report, "--keep-repeats", "--region", "湖州市")
    assert len(rows) == 6 and {r["region_code"] for r in rows} == {"330500"}


def test_bytes_and_rule_contents_need_no_file(tmp_path):
    rule = RuleSource(
        "my.toml", '[[rule]]\nid = "my.widgets"\npattern = \'小部件{QTY}\'\nindicator = "小部件"\n'
    )
    options = Options(input_format="text", rules=(rule,))
    assert options.input_format is InputFormat.TEXT
    records = extract_source("全年生产小部件500件。".encode(), pickle.loads(pickle.dumps(options)))
    assert [(r.doc, r.rule, r.value) for r in records] == [("-", "my.widgets", 500)]
    assert options.rules_digest() != Options().rules_digest()


def test_the_variant_that_never_raises_gives_one_error_line(tmp_path):
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02")
    outcome = try_extract(str(binary))
    assert (
        outcome.records == []
        and outcome.error == f"{binary}: looks binary (NUL bytes), not a text report"
    )
    with pytest.raises(ExtractionError, match="no such file"):
        extract_source(str(tmp_path / "missing.txt"))


def test_warm_up_loads_what_extraction_needs_once():
    warm_up(Options())
    assert extract_source(SAMPLES / "huzhou-quality-2013.txt")


def _private_uses(path):
    """Names starting with _ that a cli/ module imports from qmine, or reads as an
    attribute of a qmine module it imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: set[str] = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (
            node.level or (node.module or "").startswith("qmine")
        ):
            module = node.module or ""
            if node.level == 1 and not module.startswith("extract"):
                continue  # a cli/ module of its own
            parts = [p for p in module.split(".") if p]
            found += [f"{module}.{p}" for p in parts if p.startswith("_")]
            for alias in node.names:
                if alias.name.startswith("_"):
                    found.append(f"{module}.{alias.name}")
                modules.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
            and node.attr.startswith("_")
        ):
            found.append(f"{node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "cli").glob("*.py")), ids=lambda p: p.name)
def test_cli_uses_no_private_name_of_the_library(path):
    assert _private_uses(path) == []


def test_the_private_name_check_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from ..extract.naming import _segmenter\nfrom ..extract import pipeline\n"
        "pipeline._exclude\n",
        encoding="utf-8",
    )
    assert _private_uses(bad) == ["extract.naming._segmenter", "pipeline._exclude"]

