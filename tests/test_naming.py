import pytest
from qmine.extract import naming


def test_clean_trims_subjects_time_and_linking_verbs():
    assert naming.clean("全市系统共出动执法人员") == "出动执法人员"
    assert naming.clean("今年(2013年)重大隐患的整治率达到了") == "重大隐患整治率"


def test_clean_keeps_the_head_of_an_example_list():
    assert naming.clean("精细化管理等先进质量管理企业") == "先进质量管理企业"


def test_shared_figure_lists_split_into_items():
    assert naming.distribute("即时响应率、按时办结率、及时反馈率、群众满意率均为", 1) == [
        "即时响应率", "按时办结率", "及时反馈率", "群众满意率"]
    assert naming.distribute("批次合格率为", 1) is None


def test_long_left_names_are_cut_at_their_first_verb():
    assert naming.trim_left("在资金较为紧张的情况下积极筹措资金".replace("的", "")) == "筹措资金"
    assert naming.trim_left("出动执法人员") == "出动执法人员"


def test_predicate_after_a_figure_stops_at_adverbs():
    assert naming.cut_predicate("到期复评的企业进一步加大帮扶力度") == "到期复评的企业"


def test_short_names_borrow_the_topic():
    assert naming.combine("立项", "国家级标准化项目") == "国家级标准化项目立项"
    assert naming.combine("全省", "省级质量管理创新项目") == "全省省级质量管理创新项目"
    assert naming.combine("", "") == ""


def test_a_numeral_inside_a_word_is_no_number():
    assert not naming.starts_token("统一部署", 1)
    assert naming.starts_token("所驻四个村", 2)


def test_enumerations_distribute_respectively_and_lend_their_head():
    assert naming.distribute("工业、制造业、工业技改投资分别增长", 3) == [
        "工业投资增长", "制造业投资增长", "工业技改投资增长"]
    assert naming.distribute("争取中央预算内投资、超长期特别国债分别增长", 2) == [
        "中央预算内投资增长", "超长期特别国债增长"]
    assert naming.distribute("工业、制造业投资分别增长", 3) is None          # counts differ


def test_a_list_of_rates_shares_one_figure_but_a_list_of_groups_does_not():
    assert naming.distribute("孕产妇产后访视率、儿童健康管理率达到", 1) == [
        "孕产妇产后访视率", "儿童健康管理率"]
    assert naming.distribute("老年人、高血压、糖尿病患者基层规范管理服务率达到", 1) is None


def test_may_share_lets_through_every_list_that_shares_a_figure():
    """may_share is only a shortcut: wherever distribute would name a shared figure,
    may_share must say yes (tried on every stretch of the samples before a number)."""
    import regex
    from conftest import SAMPLES
    from qmine.extract.naming import distribute, may_share
    from qmine.extract.normalise import normalise

    stretches = [s for path in sorted(SAMPLES.glob("*.txt"))
                 for s in regex.findall(r"[^，。；：\n\d]{2,40}(?=\d)",
                                        normalise(path.read_text("utf-8")).text)]
    shared = [s for s in stretches if distribute(s, 1) is not None]
    assert shared  # the samples hold such lists
    assert all(may_share(s) for s in shared)
    assert not may_share("工业、制造业投资增长")  # a list, but nothing says the figure is shared
    assert may_share("甲、乙两项指标均为")


def test_a_fund_named_after_the_government_keeps_its_name():
    """政府 is stripped from the front of names (政府投资 → 投资), but 政府性基金 is one
    word in patterns/userdict.txt: 全市政府性基金预算收入 is not 性基金预算收入."""
    # 全市 is scope: it stays
    assert naming.clean("全市政府性基金预算收入") == "全市政府性基金预算收入"


@pytest.mark.parametrize("raw, name", [
    # 由 + a now-word: the figure's time, not its name
    ("幼儿学前康复服务名额由目前的", "幼儿学前康复服务名额"),
    ("长者社区照顾服务券由本年初的", "长者社区照顾服务券"),
    ("比例由现时的", "比例"),
    # 年初预算 is a budget's name and 合计 its total: they stay
    ("收入年初预算合计", "收入年初预算合计"),
])
def test_time_words_after_from_leave_the_name(raw, name):
    assert naming.clean(raw) == name


def test_a_paragraph_number_is_no_part_of_a_name():
    """Policy addresses number their paragraphs (81. 我们会拨款五十億元): 81. goes."""
    assert naming.clean("81.我们会拨款") == "拨款"
    assert naming.clean("2.5倍速度") == "2.5倍速度"  # a decimal stays


@pytest.mark.parametrize("raw, name", [("会拨款", "拨款"), ("要新增节能能力", "新增节能能力"),
                                       ("会展中心", "会展中心"),
                                       ("但公屋平均轮候时间", "公屋平均轮候时间")])
def test_modal_verbs_and_conjunctions_leave_the_front_of_a_name(raw, name):
    """我们会拨款五十億元: the figure is 拨款, not 会拨款 (会展 is a word, and stays);
    但公屋平均轮候时间长达5.4年 is about 公屋平均轮候时间."""
    assert naming.clean(raw) == name


@pytest.mark.parametrize("name, bare", [("可再生能源装机占比从", "可再生能源装机占比"),
                                        ("全日制小学所占的比例则由", "全日制小学所占的比例"),
                                        ("公屋平均轮候时间长达", "公屋平均轮候时间长达"),
                                        ("批次合格率", "批次合格率")])
def test_a_rule_built_name_loses_the_words_that_link_it_to_its_figure(name, bare):
    assert naming.without_link(name) == bare


def test_a_word_that_ends_in_a_from_character_keeps_it():
    assert naming.without_link("贸易自由") == "贸易自由"


def test_a_total_keeps_its_word():
    """收入总计 (with transfers) is another figure than 收入: 总计 after a name is a
    measure word, not a link (naming.toml strip_suffix), so no concept claims it."""
    from qmine.extract import extract_text

    r = extract_text("全市一般公共预算收入总计600亿元。")[0]
    assert r.indicator.endswith("收入总计") and r.concept is None


@pytest.mark.parametrize("raw, name", [
    ("估计可为业主节省总共", "业主节省"),     # a reporting verb, a modal and an adverb at the edges
    ("宣布在本学年拨款", "学年拨款"),
    ("目前已有", "已有"),                     # a time word at the front (tag t)
    ("期末用工人数", "期末用工人数"),         # …unless naming.toml keeps it
    ("年初预算", "年初预算"),
])
def test_words_leave_the_edges_of_a_name_by_part_of_speech(raw, name):
    assert naming.clean(raw) == name
