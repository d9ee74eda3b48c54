"""Rule sets, the unit table and the naming words are data users edit: each wrong one is
one line naming the file, the rule or key, the field and what was expected (issue 10)."""

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from qmine.cli.main import main
from qmine.extract import naming, units
from qmine.extract.naming import vocabulary

HUZHOU = str(SAMPLES / "huzhou-quality-2013.txt")


def one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("qmine: error: "), result.stderr
    return lines[0]


RULE = "[[rule]]\nid = 'my.rate'\npattern = '合格率{{QTY}}'\n{extra}\n"


@pytest.mark.parametrize(
    "extra, says",
    [
        ("priority = 'high'", "rule 'my.rate': priority must be a whole number, not 'high'"),
        ("indicator = 5", "rule 'my.rate': indicator must be a string, not 5"),
        ("unit = ['元']", "rule 'my.rate': unit must be a string, not ['元']"),
        ("topic_when_short = ['x']", "rule 'my.rate': topic_when_short must be a string"),
        ("description = 1.5", "rule 'my.rate': description must be a string, not 1.5"),
        ("examples = [{ text = 5 }]", "rule 'my.rate': example 1: text must be a string, not 5"),
        (
            "examples = [{ text = '合格率9%', expect = 3 }]",
            "rule 'my.rate': example 1: expect must be a list of tables, not 3",
        ),
        (
            "examples = [{ text = '合格率9%', expect = [{ valeu = 9 }] }]",
            "rule 'my.rate': example 1: expect 1: valeu is not a record field",
        ),
    ],
)
def test_rule_fields_of_the_wrong_type(tmp_path, extra, says):
    rules = tmp_path / "my.toml"
    rules.write_text(RULE.format(extra=extra), encoding="utf-8")
    for args in (["extract", HUZHOU], ["rules", "test"], ["rules", "list"]):
        line = one_line_error(CliRunner().invoke(main, [*args, "--rules", str(rules)]))
        assert line.startswith(f"qmine: error: {rules}: {says}"), line


def test_rule_file_that_is_not_utf8(tmp_path):
    rules = tmp_path / "gbk.toml"
    rules.write_bytes(RULE.format(extra="").encode("gbk"))
    line = one_line_error(CliRunner().invoke(main, ["extract", HUZHOU, "--rules", str(rules)]))
    assert line.startswith(f"qmine: error: {rules}: not UTF-8 text (byte ")


@pytest.fixture
def data_file(tmp_path, monkeypatch):
    """Point one of qmine's own data files at an edited copy, for one test."""

    def use(module, name: str, text: str):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        real = module.data_file
        monkeypatch.setattr(module, "data_file", lambda n: path if n == name else real(n))
        return path

    units.unit_table.cache_clear()
    naming.words.cache_clear()
    yield use
    units.unit_table.cache_clear()
    naming.words.cache_clear()


UNIT = '[[unit]]\nsurfaces = ["%"]\nunit = "="\nkind = "rate"\n'


@pytest.mark.parametrize(
    "text, says",
    [
        (
            UNIT
            + '\n[[unit]]\nsurfaces = ["万元"]\nunit = "元"\nkind = "money"\nscale = "10000"\n',
            "unit 2 (万元): scale must be a number, not '10000'",
        ),
        (
            UNIT + '\n[[unit]]\nsurfaces = "人"\nunit = "人"\nkind = "count"\n',
            "unit 2: surfaces must be a list of strings, not '人'",
        ),
        (
            UNIT + '\n[[unit]]\nsurfaces = ["人"]\nunit = "人"\nkind = "people"\n',
            "unit 2 (人): kind must be one of rate, count",
        ),
        (
            UNIT + '\n[[unit]]\nsurfaces = ["人"]\nkind = "count"\n',
            "unit 2 (人): unit is missing; it must be a string",
        ),
        (
            UNIT
            + '\n[[unit]]\nsurfaces = ["分"]\nunit = "分"\nkind = "score"\narabic_only = "yes"\n',
            "unit 2 (分): arabic_only must be true or false, not 'yes'",
        ),
        (
            UNIT + '\n[not_before]\n"%" = "的"\n',
            "not_before: % must be a list of strings, not '的'",
        ),
        ("unit = 5\n", "unit must be a list of tables, not 5"),
    ],
)
def test_unit_table_of_the_wrong_shape(data_file, text, says):
    path = data_file(units, "units.toml", text)
    line = one_line_error(CliRunner().invoke(main, ["extract", HUZHOU]))
    assert line.startswith(f"qmine: error: {path}: {says}"), line


def test_naming_words_of_the_wrong_type(data_file):
    from conftest import ROOT

    good = (ROOT / "patterns" / "naming.toml").read_text(encoding="utf-8")
    path = data_file(vocabulary, "naming.toml", good.replace("short_name = 3", "short_name = '3'"))
    line = one_line_error(CliRunner().invoke(main, ["extract", HUZHOU]))
    assert line == f"qmine: error: {path}: short_name must be a whole number, not '3'"
    data_file(vocabulary, "naming.toml",
              good.replace('from_words = ["由"', 'from_words = [1, "由"'))
    naming.words.cache_clear()
    line = one_line_error(CliRunner().invoke(main, ["rules", "test"]))
    assert line.startswith(f"qmine: error: {path}: from_words must be a list of strings, not [1, ")
    path.write_bytes(good.encode("gbk"))
    naming.words.cache_clear()
    line = one_line_error(CliRunner().invoke(main, ["extract", HUZHOU]))
    assert line.startswith(f"qmine: error: {path}: not UTF-8 text (byte ")


def test_macro_table_of_the_wrong_type(data_file, tmp_path):
    from qmine.extract import rules

    path = data_file(rules, "macros.toml", 'VERB = "(?:达到)"\nNAME = 5\n')
    mine = tmp_path / "my.toml"
    mine.write_text(RULE.format(extra=""), encoding="utf-8")
    rules.macros.cache_clear()
    try:
        result = CliRunner().invoke(
            main, ["rules", "list", "--no-default-rules", "--rules", str(mine)]
        )
    finally:
        rules.macros.cache_clear()
    assert one_line_error(result) == f"qmine: error: {path}: NAME must be a string, not 5"
