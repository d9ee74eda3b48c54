import pytest
from qmine.extract.quantities import scan


def one(text):
    found = [q for q in scan(text) if not q.drop]
    assert len(found) == 1, found
    q = found[0]
    return text[q.start:q.end], q.value, q.unit, q.kind, q.qualifier


@pytest.mark.parametrize("text, expected", [
    ("批次合格率90.6%", ("90.6%", 90.6, "%", "rate", "exact")),
    ("报废液化气钢瓶21万余只", ("21万余只", 210000, "只", "count", "over")),
    ("新投入资金7000余万元", ("7000余万元", 7e7, "元", "money", "over")),
    ("筹措资金近100万,", ("100万", 1e6, "", "count", "about")),
    ("4~5人", ("4~5人", 4.5, "人", "count", "about")),
    ("10-20万元", ("10-20万元", 150000, "元", "money", "about")),
    ("百分之四点二五", ("百分之四点二五", 4.25, "%", "rate", "exact")),
    ("占四成三，", ("四成三", 43, "%", "rate", "exact")),
    ("超过1,100人受伤", ("1,100人", 1100, "人", "count", "over")),
    ("七亿四千万元", ("七亿四千万元", 7.4e8, "元", "money", "exact")),
    ("新增检测用房9500多m2,", ("9500多m2", 9500, "平方米", "measure", "over")),
    ("强制检定计量器具31.68万台（件），", ("31.68万台（件）", 316800, "台", "count", "exact")),
    ("重大隐患整治率达到了100%以上", ("100%", 100, "%", "rate", "over")),
    ("清塘堰淤泥14.9万方", ("14.9万方", 149000, "立方米", "measure", "exact")),
    ("由最少50%增加至", ("50%", 50, "%", "rate", "over")),
    ("每户至多2套", ("2套", 2, "套", "count", "under")),
    # digits with two scale words (_COMPOUND)
    ("减轻负担3万多亿元", ("3万多亿元", 3e12, "元", "money", "over")),
    ("人次增加到1亿3千多万人次", ("1亿3千多万人次", 1.3e8, "人次", "count", "over")),
    ("投资2亿3456万元", ("2亿3456万元", 234560000, "元", "money", "exact")),
    ("日均新设企业1万6千多户", ("1万6千多户", 16000, "户", "count", "over")),
    ("里程增加到2万5千公里", ("2万5千公里", 25000, "公里", "measure", "exact")),
])
def test_grammar_reads_value_unit_and_qualifier(text, expected):
    got = one(text)
    assert got[0] == expected[0] and got[2:] == expected[2:]
    assert got[1] == pytest.approx(expected[1])


@pytest.mark.parametrize("text, reason", [
    ("实施5S管理", "identifier"), ("FM105", "identifier"), ("—1—", "page number"),
])
def test_identifiers_are_dropped(text, reason):
    assert [q.drop for q in scan(text, keep_all=True)] == [reason]
    assert scan(text) == []


@pytest.mark.parametrize("text", ["连续2年", "12365热线", "十八大", "列全省第二", "2013年", "一是"])
def test_needs_a_rule(text):
    """Durations, unknown units, bare numerals and ordinals are never named by the fallback."""
    assert all(q.needs_rule or q.drop for q in scan(text))


def test_unit_not_read_inside_a_word():
    # 一部分: 部 is a measure word, but not before 分
    assert all(not q.has_unit for q in scan("一部分"))
    assert all(q.unit != "次" for q in scan("一次性告知"))


@pytest.mark.parametrize("text, value, qualifier", [
    ("比例由两成上升至四成", 20, "exact"), ("由不足半成提升至两成", 5, "under"),
    ("提高近一成，", 10, "about"),
])
def test_tenths(text, value, qualifier):
    q = [q for q in scan(text) if not q.drop and not q.needs_rule][0]
    assert (q.value, q.unit, q.qualifier) == (value, "%", qualifier)


def test_cheng_that_starts_a_word_is_no_tenth():
    assert all(q.unit != "%" for q in scan("一成不变,三成立了"))


def test_paragraph_numbers_and_ages():
    assert [q.drop for q in scan("20.\t香港市民", keep_all=True)] == ["list marker"]
    assert [q.needs_rule for q in scan("65岁以上老年人")] == ["age"]


def test_fractions():
    assert one("僱员约占全港工作人口三分之二。")[1:3] == (pytest.approx(200 / 3), "%")
    assert one("千分之五")[1] == pytest.approx(0.5)


@pytest.mark.parametrize("text", ["地区生产总值[2]", "发布时间 09:20", "编号 01 号"])
def test_footnote_marks_times_and_codes_are_not_figures(text):
    assert scan(text) == []


def test_range_with_its_unit_on_both_ends_and_scaled_counts_without_a_measure_word():
    assert one("地区生产总值增长4.5%—5%，")[1:] == (4.75, "%", "rate", "about")
    assert one("农村饮水安全工程使6069万农民受益")[1:3] == (60690000, "")
    assert one("该项目资金2000万人民币")[1] == 20000000  # 2000万 is no year


def test_a_second_scale_word_needs_its_unit_of_count():
    """1亿 then 2019年 is two numbers, not 1亿2019; 3万 then 5万 is two as well."""
    for text, surfaces in (("资金1亿2019年到位", ["1亿", "2019年"]),
                           ("增加3万5万", ["3万", "5万"])):
        assert [text[q.start:q.end] for q in scan(text, keep_all=True)] == surfaces


def test_a_bare_number_alone_on_its_line_is_a_marker_not_a_figure():
    """Section numbers of pages (<b>10</b> 科学技术和教育) and pieces of broken names
    (PM\\n2.5\\n年平均浓度) stand alone on their line with no unit; a figure with its
    unit on its own line stays."""
    assert [q for q in scan("救助项目55个。\n10\n科学技术和教育") if not q.drop][0].value == 55
    assert len([q for q in scan("救助项目55个。\n10\n科学技术和教育") if not q.drop]) == 1
    assert [q for q in scan("PM\n2.5\n年平均浓度") if not q.drop] == []
    assert [q.value for q in scan("全年销售额\n500亿元\n") if not q.drop] == [5e10]
