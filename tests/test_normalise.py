from qmine.extract.normalise import normalise


def test_traditional_glosses_and_fullwidth_map_back_to_original():
    original = "湖北省襄州區(qū)質(zhì)監局投資７．４萬億元，達９０％。"
    w = normalise(original)
    assert w.text == "湖北省襄州区质监局投资7.4万亿元，达90%。"
    i = w.text.index("7.4万亿元")
    s, e = w.original_span(i, i + len("7.4万亿元"))
    assert original[s:e] == "７．４萬億元"
    j = w.text.index("质监局")
    s, e = w.original_span(j, j + 3)
    assert original[s:e] == "質(zhì)監局"


def test_plain_simplified_text_is_unchanged():
    text = "合格率(上年)为96%。(a)"
    assert normalise(text).text == text


def test_mangled_gloss_without_bracket_is_removed():
    assert normalise("服務當?shù)厣鐣").text == "服务当厣鐣"


def test_thin_spaces_and_spaces_inside_words_go():
    assert normalise("可节省约\u200668\u2006亿元，香港特別 行政區").text \
        == "可节省约68亿元，香港特别行政区"
    assert normalise("<para>约 68 亿元，超过2 200人</para>").text.strip() == "约68亿元，超过2 200人"
