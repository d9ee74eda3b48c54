from qmine.extract.structure import Layout


def test_heading_with_next_year_switches_the_period_for_what_is_under_it():
    text = ("一、今年(2013年)的主要工作\n(一)质量。检查企业5家。\n"
            "二、明年(2014年)工作初步思路\n(一)中心。建成2个中心。\n")
    layout = Layout(text)
    assert layout.doc_year == 2013
    assert layout.year_of(text.index("5家")) == 2013
    assert layout.year_of(text.index("2个")) == 2014
    assert layout.section(text.index("2个")).title == "(一)中心"


def test_year_in_the_sentence_wins_but_not_a_comparison_base():
    text = "今年(2013年)开展工作。\n2012年全区检查5家。\n数量为去年(2012年)的1.6倍。比去年增长8%。"
    layout = Layout(text)
    assert layout.year_of(text.index("5家")) == 2012
    assert layout.year_of(text.index("1.6倍")) == 2013
    assert layout.year_of(text.index("8%")) == 2013


def test_document_year_from_a_speech_date_else_the_most_named_year():
    assert Layout("政府工作报告\n——2026年1月26日在广东省人民代表大会上\n").doc_year == 2026
    assert Layout("2011年调研。2012年大会。制定2012年计划。").doc_year == 2012
    assert Layout("没有年份的文字。").doc_year is None


def test_chinese_numeral_years_count():
    assert Layout("一九九七年七月一日，香港回归。").doc_year == 1997


def test_sentences_and_clauses():
    text = "甲，乙。丙；丁\n戊"
    layout = Layout(text)
    assert layout.sentence(text.index("乙")) == (0, 3)
    assert layout.clause_start(text.index("乙")) == 2
    assert layout.sentence(text.index("戊")) == (text.index("戊"), len(text))


def test_review_of_the_past_year_and_next_year():
    text = ("政府工作报告——2010年3月5日在会上\n"
            "过去的一年，国内生产总值达到33.5万亿元。来年将再多拨一亿元。")
    layout = Layout(text)
    assert layout.year_of(text.index("33.5")) == 2009
    assert layout.year_of(text.index("一亿")) == 2011


def test_a_year_that_opens_a_paragraph_holds_to_its_end_but_not_one_inside_a_sentence():
    text = ("标题\n2025年全市收入215.1亿元。其中税收131亿元。\n"
            "比例由两成升至四成，有信心在2007年达到目标。小学教席提升至两成。")
    layout = Layout(text)
    assert layout.year_of(text.index("131")) == 2025
    assert layout.year_of(text.index("小学")) == layout.doc_year != 2007


def test_a_year_reaches_across_a_semicolon_but_not_a_full_stop():
    """； ends a clause of the sentence, not the sentence: 去年 still dates what follows it."""
    text = ("二〇一九年施政报告\n我在去年年中改革定价机制；及确保单位数量由最少50%增加至最少75%。"
            "今年单位数量增加3000个。")
    layout = Layout(text)
    assert layout.doc_year == 2019
    assert layout.year_of(text.index("50%")) == 2018
    assert layout.year_of(text.index("3000")) == 2019


def test_years_listed_then_figures_given_respectively_pair_up_in_order():
    text = ("二〇一九年施政报告\n以2018年和2019年出售的居屋为例，售价分别为市价的约52%和59%。"
            "2016年、2017年和2018年分别增长3.1%、3.5%和4.2%。"
            "房委会在2013年及2015年分别推出两轮先导计划。")
    layout = Layout(text)
    assert [layout.year_of(text.index(f)) for f in ("52%", "59%")] == [2018, 2019]
    assert [layout.year_of(text.index(f)) for f in ("3.1", "3.5", "4.2")] == [2016, 2017, 2018]
    assert layout.year_of(text.index("两轮")) == 2015  # one figure for both years: the nearest


def test_web_paragraphs_open_with_two_ideographic_spaces():
    text = "报告　　2025年全市收入215.1亿元，增长6.9%。其中税收131亿元。"
    layout = Layout(text)
    assert layout.year_of(text.index("131")) == 2025


def test_report_year_from_a_full_date_near_the_top():
    text = ("主席女士：\n引言\n2. 一九九七年七月一日，香港回归。\n"
            "到二零零零年完成。二零零零年达到。二零零零年前。")
    assert Layout(text).doc_year == 1997


def test_sentence_runs_join_near_sentences_that_hold_a_number_and_leave_the_rest_out():
    text = "甲1个。乙2个。" + "丙" * 40 + "。丁3个。"
    layout = Layout(text)
    positions = [text.index("1"), text.index("2"), text.index("3")]
    runs = layout.sentence_runs(positions, gap=5)
    assert runs == [(0, text.index("丙")), (text.index("丁"), len(text))]
    assert layout.sentence_runs(positions, gap=100) == [(0, len(text))]
