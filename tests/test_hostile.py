"""Hostile input (issue 10): every case gives correct records or a one-line qmine error,
never a traceback, a value JSON cannot hold, or time that grows faster than the input.

Slow cases are checked by how time grows (twice the input may take at most about
2.5 times as long), never by a wall-clock bound, so a slow machine does not fail them.
"""
import codecs
import json
import math
import subprocess
import sys
import time

import pytest
from conftest import CORPUS
from qmine.extract import (
    DecodeError,
    decode_bytes,
    extract_text,
    iter_records,
    pipeline,
    read_document,
)


def checked(text, **kwargs):
    """The records of ``text``, each pointing at its surface with a finite value."""
    records = extract_text(text, **kwargs)
    for r in records:
        assert text[r.start:r.end] == r.raw
        assert all(math.isfinite(v) for v in (r.value, r.low or 0, r.high or 0))
        json.dumps(r.to_dict(), allow_nan=False)
    return records


def seconds(work, *args, **kwargs) -> float:
    start = time.perf_counter()
    work(*args, **kwargs)
    return time.perf_counter() - start


def best_time(text, **kwargs) -> float:
    """The quicker of two runs, so one hiccup of the machine does not decide."""
    return min(seconds(checked, text, **kwargs) for _ in range(2))


def assert_linear(make, size: int, **kwargs) -> None:
    """Time for ``make(2 * n)`` is at most about 2.5 × the time for ``make(n)``, where
    ``n`` starts at ``size`` and doubles until one run takes 0.2 s (less is mostly noise).
    Quadratic code reaches 0.2 s at a small ``n`` and fails quickly. A busy machine can
    slow one measurement, so a pair is measured up to five times before failing."""
    once = best_time(make(size), **kwargs)
    while once < 0.2 and size < 10_000_000:
        size *= 2
        once = best_time(make(size), **kwargs)
    for _ in range(5):
        twice = best_time(make(2 * size), **kwargs)
        if twice <= 2.5 * once:
            return
        once = best_time(make(size), **kwargs)
    raise AssertionError(f"{once:.3f} s for n={size}, {twice:.3f} s for twice as much")


@pytest.mark.parametrize("scale", ["万", "亿"])
def test_a_thousand_scale_words_are_no_figure_and_no_recursion_error(scale):
    assert checked("资金" + scale * 1000 + "元。") == []
    assert checked("资金" + scale * 2 + "元。") == []  # 万万元: a scale word twice is no numeral


def test_long_numerals_in_a_report_still_read():
    got = [(r.raw, r.value) for r in checked("预算一千二百三十四亿五千六百七十八万元，三万亿元。")]
    assert got == [("一千二百三十四亿五千六百七十八万元", 123456780000), ("三万亿元", 3e12)]


@pytest.mark.parametrize("text", [
    "资金" + "9" * 400 + "元。",
    "九" * 400 + "分之" + "9" * 400 + "。",
    "资金" + "九" * 400 + "元。",
])
def test_a_value_too_large_for_a_float_is_no_record(text):
    assert checked(text) == []


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF16_LE + "资金".encode("utf-16-le") + b"x",  # an odd number of bytes
    codecs.BOM_UTF16_LE + b"\x00\xd8a\x00",                   # a lone high surrogate
    codecs.BOM_UTF16_BE + b"\xdc\x00",                         # a lone low surrogate
])
def test_broken_utf16_after_a_bom_is_a_decode_error(data):
    with pytest.raises(DecodeError, match="UTF-16 BOM"):
        decode_bytes(data)


@pytest.mark.parametrize("make", [
    lambda n: "资金" + "1" * n + "元",
    lambda n: "资金" + "1," * n + "元",
    lambda n: "资金" + "1" * n + "人民币",
    lambda n: "资金" + "九" * n + "人民币",
    lambda n: "进入全省" + "1" * n + "强",
], ids=["digits", "commas", "digits-renminbi", "numerals-renminbi", "top-n"])
def test_long_runs_of_digits_take_linear_time(make):
    """Rules search only sentences that hold a figure: this one has one."""
    assert_linear(lambda n: make(n) + "，产值100万元。", 5000)


def test_a_run_of_digits_longer_than_any_number_is_no_figure():
    assert checked("资金" + "1" * 21 + "元。") == []
    assert len(checked("资金" + "1" * 20 + "元。")) == 1


def test_many_figures_in_one_sentence_take_linear_time():
    assert_linear(lambda n: "12.5," * n, 1000)


def test_a_record_carries_only_its_figures_stretch_of_a_very_long_sentence():
    records = checked("产值" + "12.5," * 10_000 + "。")
    assert len(records) == 10_000
    longest = pipeline.SENTENCE_CHARS + len("12.5") + 2  # two …s
    assert all(len(r.sentence) <= longest for r in records)
    assert all(r.raw in r.sentence for r in records)
    assert records[0].sentence.startswith("产值12.5,") and records[0].sentence.endswith("…")


@pytest.mark.parametrize("make", [
    lambda n: "比2018年增长1%。" * n,    # every year a comparison base
    lambda n: "2018年增长1%，" * n,      # one sentence, a year before each figure
    lambda n: "增长1%，2018年；" * n,    # years after their figures
    lambda n: "2018年和2019年分别" + "1%、" * n + "。",  # 分别: the n-th figure, the n-th year
    lambda n: "2018年和2019年" + "增长1%，" * n + "。",
], ids=["bases", "one-sentence", "after", "respectively", "listed-years"])
def test_many_figures_on_one_line_take_linear_time(make):
    assert_linear(make, 500)


@pytest.mark.parametrize("make", [
    lambda n: "-" * n,
    lambda n: " " * n,
    lambda n: "预算收入" + " " * n + "—" * n + "100亿元",
    lambda n: "预算收入 \n" * n,
], ids=["dashes", "spaces", "both", "breaks"])
def test_pdf_text_repair_takes_linear_time(make):
    assert_linear(make, 2000, input_format="pdf-text")


def page(body: str, head: str = "<head><title>公报</title></head>") -> str:
    return f"<!DOCTYPE html><html>{head}<body>{body}</body></html>"


def values(text, **kwargs):
    return [r.value for r in checked(text, **kwargs)]


@pytest.mark.parametrize("section", ["<![foo[", "<![ [", "<![CDATA[", "<![if !IE]"])
def test_a_marked_section_the_parser_does_not_know_loses_nothing(section):
    """<![foo[ raised an AssertionError inside the parser; an unclosed <![CDATA[ is
    read as a browser does, a comment up to its >."""
    got = values(page(f"<p>产值100亿元。</p>{section}x>y<p>税收20亿元。</p>"))
    assert got == [1e10, 2e9]


def test_a_page_without_end_of_head_is_read_from_where_its_body_starts():
    head = "<head><title>2025年公报</title><meta charset='utf-8'><script>var a = 1;</script>"
    assert values(page("<div><p>产值100亿元。</p></div>", head=head)) == [1e10]
    assert values(f"<html>{head}<p>产值100亿元。</p></html>") == [1e10]
    assert values(f"<html>{head}产值100亿元。</html>") == [1e10]
    assert values(f"<html>{head}<body class='x'><p>产值100亿元。</p></html>") == [1e10]


HTML_CORPUS = sorted(CORPUS.glob("*html*.txt")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not HTML_CORPUS, reason="../shared/corpus is not here")
@pytest.mark.parametrize("path", HTML_CORPUS, ids=[p.name for p in HTML_CORPUS])
def test_corpus_pages_without_end_of_head_give_the_same_records(path):
    text = read_document(path).text
    assert "</head>" in text
    with_head = [(r.indicator, r.value, r.raw) for r in extract_text(text)]
    without = [(r.indicator, r.value, r.raw) for r in checked(text.replace("</head>", "", 1))]
    assert with_head and without == with_head


def test_an_unclosed_navigation_block_ends_with_the_element_around_it():
    body = ("<section><p>全市地区生产总值100亿元，比上年增长5%，第一产业增加值3亿元。</p>"
            "<div class='footer'>分享到 微信</section>"
            "<section><p>税收20亿元。</p></section>"
            "<table><tr><td><div class='share'>分享</td><td>收入30亿元</td></tr></table>")
    assert values(page(body)) == [1e10, 5, 3e8, 2e9, 3e9]


def test_navigation_closed_inside_by_its_own_elements_stays_dropped():
    body = ("<ul><li><div class='share'><ul><li>分享100次</li></ul>点赞200次</div></li></ul>"
            "<p>全市地区生产总值100亿元，比上年增长5%。</p>")
    assert values(page(body)) == [1e10, 5]


def test_malformed_character_references_leave_scripts_and_markup_alone():
    body = ("<p>a&#;b &#xZ; c&#</p><script>var width = 100</script><p>产值100亿元。</p>"
            "<style>p { width: 200px }</style>")
    assert values(page(body)) == [1e10]


@pytest.mark.parametrize("surface", ["98&#37;", "98&percnt;", "98&#x25;"])
def test_a_figure_ending_in_an_entity_ends_after_it(surface):
    text = page(f"<p>合格率{surface}。</p>")
    (record,) = checked(text)
    assert (record.raw, record.value, record.unit) == (surface, 98, "%")


def test_an_unclosed_comment_hides_the_rest_but_not_one_in_a_script():
    assert values(page("<p>产值100亿元。</p><!-- <p>税收20亿元。</p>")) == [1e10]
    body = ("<script>if (a <!-- b) {}</script><p>产值100亿元。</p>"
            "<a href='x'>收入<!--</a><p>3亿元</p>")
    assert values(page(body)) == [1e10]
    assert values(page("<p>产值100亿元。</p><a title='<!--'>税收20亿元</a>")) == [1e10, 2e9]


PAGE_START = "<html><body><p>产值100亿元。</p>"


@pytest.mark.parametrize("make", [
    lambda n: PAGE_START + "<!--" * n,
    lambda n: PAGE_START + "<a " * n,
    lambda n: PAGE_START + '<a b="' * n,
    lambda n: PAGE_START + "&#" * n + "<p>x</p>",
    lambda n: PAGE_START + "<![CDATA[" * n + "<p>x</p>",
    lambda n: PAGE_START + "<![if " * n + "<p>x</p>",
    lambda n: PAGE_START + "<![x" * n + "<p>x</p>",
    lambda n: PAGE_START + "<script>" + "<!--" * n + "</script><p>x</p>",
    lambda n: PAGE_START + "<" * n + "<p>x</p>",
], ids=["comment", "start-tag", "attribute", "charref", "cdata", "ms-section",
        "declaration", "comment-in-script", "less-than"])
def test_unclosed_constructs_take_linear_time(make):
    """html.parser retries an unclosed construct at each later one, to the end of the
    page (CVE-2025-6069 for comments): quadratic, whatever the Python version."""
    assert_linear(make, 2000)


def test_a_long_page_read_in_pieces_gives_the_records_of_the_whole():
    """Pieces end before a tag outside scripts, styles, comments and other tags; what is
    open (a dropped block, a script) carries over, so no cut changes a record."""
    unit = ("<div class='c'><p>全市地区生产总值100亿元，比上年增长5%。<span>工业</span>增加值"
            "<b>3.5</b>亿元</p><script>var x = '<p>1</p>';\n</script><!-- 2 <p>万元</p> -->"
            "<div class='share'><p>分享</p><div>转发10次</div></div></div>"
            "<![CDATA[ a > b; 30元 > 20元 ]]>\n")
    text = page(unit * 300)
    whole = [r.to_dict() for r in checked(text)]
    for chunk_chars in (3_000, 10_007):
        pieces = [r.to_dict() for records in iter_records(text, chunk_chars=chunk_chars)
                  for r in records]
        assert pieces == whole


MEMORY = """
import resource, sys
from qmine.extract import iter_records
unit = ("<div class='c'><p>全市地区生产总值100亿元，比上年增长5%。<span>工业</span>增加值"
        "<b>3.5</b>亿元</p></div>")
def page(n):
    return ("<html><head><title>公报</title></head><body>" + unit * (n // len(unit))
            + "</body></html>")
for _ in iter_records(page(300_000), chunk_chars=200_000):  # rules and dictionaries loaded
    pass
text = page(2_000_000)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
count = sum(len(records) for records in iter_records(text, chunk_chars=200_000))
print(count, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="resource is POSIX")
def test_a_long_page_is_read_in_memory_bounded_by_a_piece():
    """Read whole, a 2-million-character page took 106 MB more than a 300,000-character
    one; in pieces of 200,000 it takes a few (the bound is generous)."""
    out = subprocess.run([sys.executable, "-c", MEMORY], capture_output=True, text=True, check=True)
    count, grown_mb = map(int, out.stdout.split())
    assert count == 75_000
    assert grown_mb < 40
