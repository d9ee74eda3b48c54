"""Hostile input (issue 10): every case gives correct records or a one-line qmine error,
never a traceback, a value JSON cannot hold, or time that grows faster than the input.

Slow cases are checked by how time grows (twice the input may take at most about
2.5 times as long), never by a wall-clock bound, so a slow machine does not fail them.
"""
import codecs
import json
import math
import time

import pytest
from qmine.extract import DecodeError, decode_bytes, extract_text, pipeline


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
    slow one measurement, so a pair is measured up to three times before failing."""
    once = best_time(make(size), **kwargs)
    while once < 0.2 and size < 10_000_000:
        size *= 2
        once = best_time(make(size), **kwargs)
    for _ in range(3):
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
    assert all(len(r.sentence) <= pipeline.SENTENCE_CHARS + len(r.raw) + 2  # and …s
               for r in records)
    assert all(r.raw in r.sentence for r in records)
    assert records[0].sentence.startswith("产值12.5,") and records[0].sentence.endswith("…")


@pytest.mark.parametrize("make", [
    lambda n: "比2018年增长1%。" * n,    # every year a comparison base
    lambda n: "2018年增长1%，" * n,      # one sentence, a year before each figure
    lambda n: "增长1%，2018年；" * n,    # years after their figures
], ids=["bases", "one-sentence", "after"])
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
