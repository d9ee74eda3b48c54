"""`qmine examples test` runs every example of every data file; each is a test here too,
and every data file of patterns/ but the rule macros carries examples."""
import pytest
from click.testing import CliRunner
from qmine.cli.main import main
from qmine.extract.examples import ExampleError, check_all, data_files, file_examples

CHECKS = list(check_all())


@pytest.mark.parametrize("check", CHECKS, ids=[f"{c.source}:{c.text[:12]}" for c in CHECKS])
def test_example(check):
    assert check.problems == ()


def test_every_data_file_carries_examples():
    names = {p.name for p in data_files()}
    assert {"units.toml", "naming.toml", "idioms.toml", "targets.toml", "regions.toml",
            "doc_types.toml", "concept_words.toml"} <= names
    for path in data_files():
        assert file_examples(path), path.name


def test_the_command_runs_them_all_and_fails_on_a_problem(monkeypatch):
    result = CliRunner().invoke(main, ["examples", "test"])
    assert result.exit_code == 0 and f"{len(CHECKS)} examples, 0 problems" in result.output
    from qmine.extract import examples

    monkeypatch.setattr(examples, "_report_problems", lambda e: ["wrong"])
    result = CliRunner().invoke(main, ["examples", "test"])
    assert result.exit_code == 1 and "FAIL regions.toml" in result.output


def test_a_malformed_example_names_file_example_and_field(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("[[example]]\ntext = 'x'\n", encoding="utf-8")
    with pytest.raises(ExampleError, match="mine.toml: example 1: expected one of expect"):
        file_examples(path)
