"""Names an analyst would write (GUIDE.md "Writing the indicator"): the subject carried
from its paragraph, scope words kept, a measure of the figure before it given that
figure's subject, and undated promises without a year."""
from qmine.extract import extract_text


def names(text):
    return [(r.indicator, r.value) for r in extract_text(text)]


def test_a_paragraph_subject_goes_to_the_names_that_leave_it_out():
    records = extract_text("（1）全市收支情况。"
                           "2025年全市国有资本经营预算收入年初预算合计17.9亿元，收入完成9亿元。"
                           "支出预算合计22.2亿元，支出完成4.1亿元。")
    assert [r.indicator for r in records] == [
        "全市国有资本经营预算收入年初预算合计", "全市国有资本经营预算收入完成",
        "全市国有资本经营预算支出预算合计", "全市国有资本经营预算支出完成"]
    assert [r.subject_from for r in records] == [None, "paragraph", "paragraph", "paragraph"]
    assert records[1].subject == "全市国有资本经营预算"


def test_the_subject_ends_with_its_paragraph():
    records = extract_text("全市国有资本经营预算收入17.9亿元。\n支出完成4.1亿元。")
    assert records[1].indicator == "支出完成" and records[1].subject is None


def test_a_communique_subject_goes_to_its_other_measures():
    text = ("规模以上服务业企业营业收入1000.5亿元，增长5.1%；利润总额136.41亿元，增长7.7%；"
            "期末用工人数7.7万人。")
    got = dict((v, n) for n, v in names(text))
    assert got[13641000000] == "规模以上服务业企业利润总额" \
        and got[77000] == "规模以上服务业企业期末用工人数"


def test_a_measure_of_the_figure_before_takes_the_sentence_subject():
    got = names("全市一般公共预算收入215.1亿元，完成年度预算的100.3%，可比增长6.9%。")
    assert got[1:] == [("全市一般公共预算收入完成年度预算", 100.3),
                       ("全市一般公共预算收入可比增长", 6.9)]


def test_scope_words_stay_and_what_follows_them_is_trimmed():
    assert names("全市实现建筑业增加值322.19亿元。")[0][0] == "全市建筑业增加值"


def test_an_undated_promise_of_a_policy_address_has_no_year():
    text = "行政长官2017年施政报告\n政府会斥资30亿元推行楼宇更新大行动。今年已拨款10亿元。"
    periods = {r.value: r.period for r in extract_text(text)}
    assert periods[3000000000] is None and periods[1000000000] == "2017"


def test_a_figure_a_change_starts_from_has_now_as_its_year_and_the_one_it_reaches_does_not():
    text = "2017年施政报告\n在未来一年，我们将把康复服务名额由目前的3 000个增加到7 000个。"
    periods = {r.value: r.period for r in extract_text(text)}
    assert periods == {3000: "2017", 7000: "2018"}


def test_a_level_takes_the_place_of_the_level_in_the_topic():
    text = "全市共申报国家级标准化项目3个、立项2个,省级25个、立项12个,市级53个、立项28个。"
    got = dict((v, n) for n, v in names(text))
    assert got[25] == "全市申报省级标准化项目" and got[12] == "全市申报省级标准化项目立项"
    assert got[53] == "全市申报市级标准化项目" and got[28] == "全市申报市级标准化项目立项"


def test_figures_after_yici_go_to_the_items_in_order():
    assert [n for n, _ in names("城镇、农村居民人均可支配收入依次增长4.5%、5.5%左右。")] == [
        "城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"]
