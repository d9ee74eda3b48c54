"""Behaviour of the whole pipeline on short texts, one capability per test."""
import pytest
from qmine.extract import extract_text


def rows(text):
    return [(r.indicator, r.value, r.unit, r.qualifier) for r in extract_text(text)]


def test_offsets_point_into_the_original_traditional_text(samples):
    original = (samples / "xiangzhou-quality-2012-trad.txt").read_text(encoding="utf-8")
    records = extract_text(original, doc="x")
    assert records
    for r in records:
        assert original[r.start:r.end] == r.raw
        assert original.count("\n", 0, r.start) + 1 == r.line


def test_traditional_and_simplified_give_the_same_records():
    trad = extract_text("組織機械45臺,增加灌溉面積1181畝。")
    simp = extract_text("组织机械45台,增加灌溉面积1181亩。")
    assert [(r.indicator, r.value, r.unit) for r in trad] \
        == [(r.indicator, r.value, r.unit) for r in simp]
    assert trad[0].raw == "45臺"


def test_shared_figure_gives_one_record_per_item():
    got = rows("即时响应率、按时办结率、及时反馈率、群众满意率均为100%。")
    assert [g[0] for g in got] == ["即时响应率", "按时办结率", "及时反馈率", "群众满意率"]
    assert {g[1] for g in got} == {100}


@pytest.mark.parametrize("text", [
    "2013年5月下旬召开会议。",            # dates
    "12365热线并入政府阳光热线。",         # identifiers
    "与湖州电台(FM105)合作。",
    "认真落实中央“八项规定”、省委“28条办法”和“6个严禁”。",  # named policies
    "建立健全“1 1 4”质量强市政策体系。",
    "学习党的十八大精神,实施5S管理。",
    "一是加强标准化。(三)质量安全。",      # list and section markers
    "为期三年的建设,2—3年内完成。",        # descriptive durations
    "—12—",                                # page numbers
])
def test_what_is_not_an_indicator(text):
    assert rows(text) == []


def test_threshold_names_the_count_it_qualifies():
    assert rows("10万元以上大要案6起。") == [("10万元以上大要案", 6, "起", "exact")]


def test_figure_before_its_noun_is_named_from_the_right():
    assert rows("组织500家企业实施品牌培育工程。") == [
        ("组织企业实施品牌培育工程", 500, "家", "exact")]


def test_list_items_without_subject_borrow_the_topic():
    got = rows("共申报国家级标准化项目3个、立项2个。")
    assert got[1][0] == "申报国家级标准化项目立项"


def test_money_words_make_bare_wan_an_amount_in_yuan():
    assert rows("积极筹措资金近100万。") == [("筹措资金", 1000000, "元", "about")]


def test_target_and_period_context():
    records = extract_text("今年(2013年)完成5项。\n二、明年(2014年)工作思路\n"
                           "力争建成2个国家级检测中心。")
    assert [(r.period, r.target) for r in records] == [("2013", False), ("2014", True)]


def test_ranges_keep_both_ends():
    r = extract_text("每组4~5人。")[0]
    assert (r.value, r.low, r.high, r.qualifier) == (4.5, 4, 5, "about")


def test_change_words_borrow_their_subject():
    got = rows("财政收入6.85万亿元，增长11.7%；城镇居民人均可支配收入17175元，实际增长9.8%。")
    assert got[1][0] == "财政收入增长" and got[3][0] == "城镇居民人均可支配收入实际增长"


def test_previous_clause_is_the_topic_of_a_bare_change():
    got = rows("幼稚园合资格教师的比例，已由四成升至六成。")
    assert [(g[0], g[1]) for g in got] == [("幼稚园合资格教师比例", 40),
                                          ("幼稚园合资格教师比例", 60)]


def test_durations_do_not_cut_names():
    assert rows("受资助的安老院舍宿位三年来增加六千四百个。")[0][0] == "受资助安老院舍宿位增加"


def test_an_over_long_name_is_cut_after_its_prepositional_phrase():
    assert rows("在资金较为紧张的情况下积极筹措资金近100万。")[0][0] == "筹措资金"
    # not cut to 零售额增长
    assert rows("通过公共网络实现零售额增长22.9%。")[0][0] == "公共网络实现零售额增长"


@pytest.mark.parametrize("name", ["huzhou-quality-2013.txt", "xiangzhou-quality-2012-trad.txt"])
def test_a_long_report_read_in_pieces_gives_the_same_records(samples, name):
    from qmine.extract import iter_records

    original = (samples / name).read_text(encoding="utf-8")
    whole = extract_text(original, doc="d")
    pieces = list(iter_records(original, doc="d", chunk_chars=300))
    assert len(pieces) > 5
    assert [r.to_dict() for chunk in pieces for r in chunk] == [r.to_dict() for r in whole]


def test_large_values_are_exact_and_ordinals_in_terms_stay_in_names():
    r = rows("其中，第一产业增加值272.28亿元，增长3.6%。")
    assert r[0] == ("第一产业增加值", 27228000000, "元", "exact")


def test_a_shared_figure_is_not_a_repeat():
    from qmine.extract.records import drop_repeats

    records = extract_text("即时响应率、按时办结率均为100%。")
    assert drop_repeats(records) == (records, 0)


def test_bounds_before_a_count_are_thresholds_but_changes_and_durations_are_not():
    assert rows("新增经济总量超200亿元县2个。") == [("新增经济总量超200亿元县", 2, "个", "exact")]
    assert [g[1] for g in rows("学位教席由不足半成提升至两成。")] == [5, 20]
    assert [g[1] for g in rows("全港有超过5 000幢住宅楼龄超过50年。")] == [5000]


def test_a_bare_scale_word_after_a_qualifier_is_a_figure():
    assert rows("广东团现场成交额均超百亿美元。") == [
        ("广东团现场成交额", 10000000000, "美元", "over")]
    assert rows("开展千家企业帮扶活动。") == []
