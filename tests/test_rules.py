"""Every example a rule file carries is a test; broken rule files fail with a clear message."""
from pathlib import Path

import pytest
from qmine.extract import RuleError, extract_text, load_rules
from qmine.extract.rule_examples import check_examples, example_problems
from qmine.extract.rules import default_rules

RULES = default_rules()
EXAMPLES = [(rule.id, i, example) for rule in RULES for i, example in enumerate(rule.examples)]


@pytest.mark.parametrize("rule_id, index, example", EXAMPLES,
                         ids=[f"{r}[{i}]" for r, i, _ in EXAMPLES])
def test_rule_example(rule_id, index, example):
    assert example_problems(example, RULES) == []


def test_every_default_rule_has_examples():
    assert all(rule.examples for rule in RULES), [r.id for r in RULES if not r.examples]


def test_a_wrong_example_is_reported():
    wrong = {"text": "批次合格率90.6%。",
             "expect": [{"indicator": "综合合格率", "value": 90.6, "unit": "%"}]}
    problems = example_problems(wrong, RULES)
    assert problems and "expected" in problems[0]


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "my.toml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body, message", [
    ("[[rule]\nid='x'", "not valid TOML"),
    ("title = 'no rules'", "no [[rule]] tables"),
    ("[[rule]]\npattern='{QTY}'", "needs an id"),
    ("[[rule]]\nid='x'\npattern='abc'", "containing {QTY}"),
    ("[[rule]]\nid='x'\npattern='(?P<indicator>[a-{QTY}'", "bad pattern"),
    ("[[rule]]\nid='x'\npattern='(?P<indicator>a){QTY}'\naction='rename'", "action must be"),
    ("[[rule]]\nid='x'\npattern='(?P<indicator>a){QTY}'\nkind='speed'", "kind must be"),
    ("[[rule]]\nid='x'\npattern='(?P<indicator>a){QTY}'\ncolour='red'", "unknown field"),
    ("[[rule]]\nid='x'\npattern='(?P<indicator>a){QTY}'\nindicator='{nope}'", "does not capture"),
    ("[[rule]]\nid='x'\npattern='a{QTY}'\naction='unit'", "needs a unit"),
])
def test_broken_rule_file_names_file_rule_and_problem(tmp_path, body, message):
    with pytest.raises(RuleError) as e:
        load_rules([write(tmp_path, body)])
    assert str(write(tmp_path, body)) in str(e.value) and message in str(e.value)


def test_duplicate_rule_id_is_refused(tmp_path):
    path = write(tmp_path, "[[rule]]\nid='quality.rate'\npattern='(?P<indicator>率){QTY}'")
    with pytest.raises(RuleError, match="already defined"):
        load_rules([path])


def test_user_rule_names_a_quantity_and_runs_first(tmp_path):
    path = write(tmp_path, """
[[rule]]
id = "my.inspections"
priority = 20
pattern = '(?P<indicator>巡查)\\p{Han}{0,4}?{QTY}'
indicator = "{indicator}次数"
examples = [ { text = "巡查企业30家。", expect = [ { indicator = "巡查次数", value = 30 } ] } ]
""")
    rules = load_rules([path])
    assert next(r.id for r in rules) == "my.inspections"
    assert [p for _, _, p in check_examples(rules[:1])] == [[]]
    assert extract_text("巡查企业30家。", rules=rules)[0].rule == "my.inspections"


def test_without_default_rules_only_the_fallback_and_user_rules_name(tmp_path):
    path = write(tmp_path, "[[rule]]\nid='x'\npattern='(?P<indicator>无关){QTY}'")
    records = extract_text("列全省第二,批次合格率90.6%。", rules=load_rules([path], defaults=False))
    assert [(r.value, r.rule) for r in records] == [(90.6, "auto")]  # no rank rule: 第二 is dropped


def test_pathological_pattern_times_out_instead_of_hanging(tmp_path, monkeypatch):
    from qmine.extract import rules as rules_module

    monkeypatch.setattr(rules_module, "TIMEOUT_SECONDS", 0.05)
    path = write(tmp_path, "[[rule]]\nid='slow'\npattern='(?P<indicator>(a|aa)+)+b{QTY}'")
    with pytest.warns(rules_module.RuleStoppedWarning, match="rule 'slow' stopped"):
        records = extract_text("a" * 40 + "合格率9%", rules=load_rules([path], defaults=False))
    assert [r.value for r in records] == [9]


def test_shipped_rules_run_without_a_time_limit_and_user_rules_with_one(tmp_path):
    path = write(tmp_path, "[[rule]]\nid='mine'\npattern='无关{QTY}'")
    rules = {r.id: r for r in load_rules([path])}
    assert rules["quality.rate"].shipped and not rules["mine"].shipped


def test_rules_search_only_the_spans_given():
    from qmine.extract.quantities import scan
    from qmine.extract.rules import apply_rules

    text = "抽查1634批次。批次合格率90.6%。"
    rate = next(i for i, q in enumerate(scan(text)) if q.unit == "%")
    everywhere = apply_rules(text, scan(text), default_rules())
    assert everywhere[rate].rule.id == "quality.rate"
    first_sentence_only = apply_rules(text, scan(text), default_rules(),
                                      spans=[(0, text.index("。") + 1)])
    assert rate not in first_sentence_only
