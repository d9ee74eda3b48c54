"""Concepts (patterns/concepts/*.toml): every example and name is a test, the ids the
panels rely on exist, and broken concept files fail with a message naming file,
concept and field."""
from pathlib import Path

import pytest
from qmine.extract import ConceptError, extract_text, load_concepts
from qmine.extract.concept_examples import example_problems, name_problems
from qmine.extract.concepts import default_concepts

TABLE = default_concepts()
EXAMPLES = [(c.id, i, e) for c in TABLE for i, e in enumerate(c.examples)]
FIXED = {  # the ids issue 8 fixes, with their canonical names
    "gdp": "地区生产总值", "gdp.growth": "地区生产总值增长", "cpi.growth": "居民消费价格涨幅",
    "unemployment.urban_surveyed": "城镇调查失业率", "employment.urban_new": "城镇新增就业",
    "budget.general.revenue": "一般公共预算收入",
    "budget.general.revenue.growth": "一般公共预算收入增长",
    "budget.general.expenditure": "一般公共预算支出",
    "retail.sales.growth": "社会消费品零售总额增长",
    "investment.fixed_assets.growth": "固定资产投资增长",
    "industry.value_added_above_scale.growth": "规模以上工业增加值增长",
    "quality.spot_check.batches": "监督抽查批次", "quality.spot_check.pass_rate": "监督抽查合格率",
}


@pytest.mark.parametrize("concept_id, index, example", EXAMPLES,
                         ids=[f"{c}[{i}]" for c, i, _ in EXAMPLES])
def test_concept_example(concept_id, index, example):
    assert example_problems(TABLE.by_id[concept_id], example) == []


@pytest.mark.parametrize("concept", list(TABLE), ids=[c.id for c in TABLE])
def test_every_alias_maps_to_its_concept_and_no_false_friend_does(concept):
    assert name_problems(concept, TABLE) == []


def test_the_fixed_ids_exist_with_their_names():
    assert {i: TABLE.by_id[i].name for i in FIXED if i in TABLE.by_id} == FIXED


def test_growth_of_a_concept_is_its_id_dot_growth():
    for c in TABLE:
        if c.id.endswith(".growth"):
            assert c.kind == "growth" and "%" in c.units, c.id


def test_unit_must_fit_the_concept():
    assert TABLE.match("地区生产总值", "元").concept.id == "gdp"
    assert TABLE.match("地区生产总值", "%") is None  # a share or a growth rate, not the level
    assert TABLE.match("地区生产总值增长", "百分点") is None


@pytest.mark.parametrize("name, concept", [
    ("规模以上工业增加值下降", "industry.value_added_above_scale.growth"),
    ("社会消费品零售总额比上年下降", "retail.sales.growth"),
    ("一般公共预算收入同比减少", "budget.general.revenue.growth"),
    ("全市房地产开发投资下降", "investment.real_estate.growth"),
    ("出口额下降", "trade.exports.growth"),
])
def test_a_fall_is_its_concepts_growth_read_negated(name, concept):
    """X下降 is X.growth with the figure negated (concept_words.toml's decline)."""
    hit = TABLE.match(name, "%")
    assert hit is not None and (hit.concept.id, hit.sign) == (concept, -1)
    assert TABLE.match(name.replace("下降", "增长").replace("减少", "增长"), "%").sign == 1


@pytest.mark.parametrize("name, unit", [
    ("社会消费品零售总额下降", "百分点"),    # a fall in points is no growth rate
    ("一般公共预算收入减少", "元"),          # nor one of money
    ("地区生产总值年均下降", "%"),          # an average over years
    ("地区生产总值增速回落", "%"),          # the rate itself fell to it
])
def test_what_is_not_a_fall_of_a_concept(name, unit):
    hit = TABLE.match(name, unit)
    assert hit is None or hit.sign == 1


def test_an_example_that_gets_the_sign_wrong_is_a_problem():
    concept = TABLE.by_id["investment.real_estate.growth"]
    example = {"text": "房地产开发投资比上年下降26.8%。", "value": 26.8}
    assert example_problems(concept, {**example, "concept_value": -26.8}) == []
    assert example_problems(concept, {**example, "concept_value": 26.8})


def test_a_name_of_its_own_that_ends_in_a_fall_keeps_its_concept_and_sign():
    r = extract_text("单位GDP能耗下降3%左右。")[0]
    assert r.concept != "" and not r.concept.endswith(".growth")
    assert r.concept_value == r.value == 3


def test_records_give_the_concepts_value():
    records = extract_text("全年规模以上工业增加值下降3.2%，地区生产总值增长2.1%，"
                           "货物进出口总额1000亿元。")
    assert [(r.value, r.concept_value) for r in records] == [(3.2, -3.2), (2.1, 2.1),
                                                             (100000000000, 100000000000)]
    assert extract_text("采矿业下降10.0%。")[0].concept_value is None  # no concept


def test_scope_words_are_taken_off_and_kept():
    hit = TABLE.match("市级一般公共预算收入调整预算", "元")
    assert hit.concept.id == "budget.general.revenue" and hit.scope == "市级 调整预算"
    hit = TABLE.match("一般公共预算收入同口径增长", "%")
    assert hit.concept.id == "budget.general.revenue.growth" and hit.scope == "同口径"
    assert TABLE.match("城镇调查失业率控制在", "%").concept.id == "unemployment.urban_surveyed"


def test_a_scope_word_naming_left_out_comes_from_the_sentence():
    r = extract_text("全市一般公共预算收入完成421.8亿元。")[0]
    assert r.concept == "budget.general.revenue" and r.scope == "全市 完成"


def test_lists_fan_out_to_one_concept_each():
    """Parallel modifiers share the rest of the last item (naming.lists._parallel_rest)."""
    records = extract_text("城镇、农村居民人均可支配收入分别增长4.5%、5.5%左右。")
    assert [r.indicator for r in records] == ["城镇居民人均可支配收入增长",
                                              "农村居民人均可支配收入增长"]
    assert len({r.concept for r in records}) == 2 and all(r.concept for r in records)
    records = extract_text("一产、二产、三产增加值分别增长5%左右、5%以上、5%左右。")
    assert [r.indicator for r in records] == ["一产增加值增长", "二产增加值增长", "三产增加值增长"]
    assert len({r.concept for r in records}) == 3 and all(r.concept for r in records)
    assert [r.qualifier for r in records] == ["about", "over", "about"]


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD = "id='x.y'\nname='某'\nkind='level'\nunits=['元']\nexamples=[{text='某1元', value=1}]\n"


@pytest.mark.parametrize("body, message", [
    ("[[concept]\n", "not valid TOML"),
    ("title='none'", "expected [[concept]] tables"),
    ("[[concept]]\nid='Not Ascii'\n", "id: expected an ascii dotted id"),
    ("[[concept]]\n" + GOOD.replace("kind='level'", "kind='speed'"), "kind: expected one of"),
    ("[[concept]]\n" + GOOD.replace("units=['元']", "units='元'"), "units: expected a list"),
    ("[[concept]]\n" + GOOD.replace("value=1", "value='1'"), "example 1: expected"),
    ("[[concept]]\n" + GOOD + "colour='red'\n", "unknown field"),
    ("[[concept]]\n" + GOOD.replace("value=1", "value=1, concept_value='-1'"),
     "concept_value: expected a number"),
    ("[[concept]]\n" + GOOD + "[[concept]]\n" + GOOD, "already defined"),
    ("[[concept]]\n" + GOOD + "aliases=['某']\nfalse_friends=['某']\n", "false friend"),
])
def test_broken_concept_file_names_file_concept_and_field(tmp_path, body, message):
    with pytest.raises(ConceptError) as e:
        load_concepts([write(tmp_path, body)])
    assert "mine.toml" in str(e.value) and message in str(e.value)


def test_concepts_show_lists_falls_apart_from_other_derived_names():
    from click.testing import CliRunner
    from qmine.cli.main import main

    result = CliRunner().invoke(main, ["concepts", "show", "retail.sales.growth"])
    assert result.exit_code == 0
    lines = dict(line.split(": ", 1) for line in result.output.splitlines() if ": " in line)
    falls = lines["falls (value read negated)"].split("、")
    assert "社会消费品零售总额下降" in falls and "社会消费品零售总额增长率" not in falls
    assert "社会消费品零售总额下降" not in lines["derived names"].split("、")


def test_concepts_show_of_an_unknown_id_is_one_line():
    from click.testing import CliRunner
    from qmine.cli.main import main

    result = CliRunner().invoke(main, ["concepts", "show", "retail.sale"])
    assert result.exit_code != 0
    assert result.stderr.strip().splitlines() == [
        "qmine: error: no concept 'retail.sale' (did you mean retail.sales, "
        "retail.sales.growth?)"]


def test_a_growth_concept_without_its_level_answers_to_its_stem_with_any_growth_word():
    """工业投资增长 has no concept 工业投资: its own name less 增长 is the stem, so
    工业投资同比增长 and (negated) 工业投资下降 are it too."""
    assert TABLE.match("工业投资同比增长", "%").concept.id == "investment.industrial.growth"
    hit = TABLE.match("工业投资下降", "%")
    assert (hit.concept.id, hit.sign) == ("investment.industrial.growth", -1)


def test_a_time_word_or_a_lead_after_the_scope_comes_off_for_the_concept():
    hit = TABLE.match("年末全市金融机构存款余额", "元")
    assert (hit.concept.id, hit.scope) == ("finance.deposits", "全市")
    hit = TABLE.match("全市完成房地产开发投资额", "元")
    assert (hit.concept.id, hit.scope) == ("investment.real_estate", "全市")
    assert TABLE.match("年末常住人口", "人").scope == ""  # an alias holding 年末, as written
