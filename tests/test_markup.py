"""Pages and XML: only their text is read, and records still point into the markup."""
import pytest
from qmine.extract import extract_text
from qmine.extract.markup import looks_like_markup, strip_markup
from qmine.extract.normalise import normalise

PAGE = """<!DOCTYPE html><html><head><title>统计公报</title><script>var n = 12345;</script>
<style>.a { width: 100px }</style></head><body>
<div class="nav-menu">首页 &gt; 公开 第3页</div>
<p align="justify">　　重点工业产品质量监督抽查</span>\
<span style="font-family:'Times New Roman'">730</span>\
<span>批次，定期抽查合格率</span><span>97.2%</span>。</p>
<p>超过1
    100人受伤&nbsp;，<!-- 注释 99个 -->检查企业5家。</p>
<div class="footer">版权所有 联系电话 12345678</div>
</body></html>"""


def test_pages_are_recognised_and_plain_text_is_not():
    assert looks_like_markup(PAGE)
    assert not looks_like_markup("\n<!-- -->\n当前位置： 首页>> 中国概况\n检查企业5家。")


def test_only_the_text_is_kept_and_spans_join_numbers_to_units():
    text, _ = strip_markup(PAGE)
    assert "重点工业产品质量监督抽查730批次，定期抽查合格率97.2%。" in text
    assert "12345" not in text and "100px" not in text and "第3页" not in text \
        and "99个" not in text
    assert "超过1 100人受伤" in text


def test_offsets_lead_back_into_the_markup():
    records = extract_text(PAGE)
    got = {(r.value, r.unit) for r in records}
    assert got == {(730, "批次"), (97.2, "%"), (1100, "人"), (5, "家")}
    for r in records:
        assert PAGE[r.start:r.end] == r.raw
    assert next(r for r in records if r.value == 730).raw.startswith("730</span><span")


def test_block_elements_end_sentences_and_inline_ones_do_not():
    text = normalise("<html><body><p>检查企业</p><p>5家</p>"
                     "<span>抽查</span><b>9</b>批次</body></html>").text
    assert "检查企业\n" in text and "抽查9批次" in text


@pytest.mark.parametrize("input_format, unit", [("auto", "批次"), ("html", "批次"), ("text", "")])
def test_input_format_can_be_chosen(input_format, unit):
    page = "<html><body><p>抽查<span>730</span>批次</p></body></html>"
    assert [(r.value, r.unit)
            for r in extract_text(page, input_format=input_format)] == [(730, unit)]


def test_navigation_is_never_most_of_a_page():
    """A site that puts its article in a block whose class reads like navigation
    (header_content) keeps the article; a real menu beside an article still goes."""
    article = "<p>全年抽查产品1634批次，批次合格率90.6%。检查企业7159家次，立案查处38起。</p>"
    page = (f'<html><body><div class="nav">首页 政务公开</div>'
            f'<div class="main-header-content">{article}</div></body></html>')
    text, _ = strip_markup(page)
    assert "批次合格率90.6%" in text
    with_menu = (f'<html><body><div class="nav">首页 政务公开</div>'
                 f'<div class="content">{article}</div></body></html>')
    assert "首页" not in strip_markup(with_menu)[0]
