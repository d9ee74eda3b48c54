from qmine.extract import naming


def test_clean_trims_subjects_time_and_linking_verbs():
    assert naming.clean("全市系统共出动执法人员") == "出动执法人员"
    assert naming.clean("今年(2013年)重大隐患的整治率达到了") == "重大隐患整治率"


def test_clean_keeps_the_head_of_an_example_list():
    assert naming.clean("精细化管理等先进质量管理企业") == "先进质量管理企业"


def test_shared_figure_lists_split_into_items():
    assert naming.split_shared("即时响应率、按时办结率、及时反馈率、群众满意率均为") == [
        "即时响应率", "按时办结率", "及时反馈率", "群众满意率"]
    assert naming.split_shared("批次合格率为") == []


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
