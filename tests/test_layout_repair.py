"""PDF and wrapped text repaired by deletion: figures read as in clean text, offsets hold."""
import pytest
from qmine.extract import extract_text
from qmine.extract.layout_repair import needs_repair, repair

PDF = ("各  位  代  表  ：  现  将  预  算  执  行  情  况  报  告  如  下  ，  请  予  审  议  \n"
       "全  市  一  般  公  共  预  算  收  入  年  初  预  算  合  计  "
       "421.9亿  元  ，  调  整  后  为\n"
       "423.7亿  元  ；  支  出  预  算  合  计  726.9亿\n"
       "元  ，  统  筹  高  质  量  发  展  和  高\n"
       "—1—\x0c\n"
       "水  平  安  全  ，  全  年  执  行  情  况  总  体  较  好  。\n"
       "（  一  ）  2025年  预  算  收  支  情  况\n"
       "表  中  两  列  分  别  为  123  456  。\n") * 3


def test_pdf_text_is_recognised_and_clean_text_is_not(samples):
    assert needs_repair(PDF)
    for sample in samples.glob("*.txt"):
        assert not needs_repair(sample.read_text(encoding="utf-8"))


def test_spaces_line_breaks_and_footers_go_but_headings_and_table_cells_stay():
    text, _ = repair(PDF)
    assert "合计421.9亿元，调整后为423.7亿元；支出预算合计726.9亿元，" in text
    assert "发展和高水平安全" in text and "—1—" not in text and "\x0c" not in text
    assert "\n（一）2025年预算收支情况\n" in text
    assert "123  456" in text  # two numbers of a table row stay apart


def test_figures_from_pdf_text_point_into_the_original():
    records = extract_text(PDF)
    assert (42190000000, "元") in {(r.value, r.unit) for r in records}
    assert (72690000000, "元") in {(r.value, r.unit) for r in records}
    for r in records:
        assert PDF[r.start:r.end] == r.raw
    assert next(r for r in records if r.value == 72690000000).raw == "726.9亿\n元"


@pytest.mark.parametrize("input_format, unit", [("pdf-text", "元"), ("text", "")])
def test_repair_can_be_asked_for_or_refused(input_format, unit):
    line = "收  入  合  计  421.9亿  元  。"
    got = [r.unit for r in extract_text(line, input_format=input_format) if r.value == 42190000000]
    assert got == [unit]


def test_a_space_inside_a_word_is_dropped_everywhere():
    assert [r.qualifier for r in extract_text("增幅超 过五倍。")] == ["over"]
