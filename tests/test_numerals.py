import pytest
from qmine.extract.numerals import parse_number


@pytest.mark.parametrize("surface, value", [
    ("90.6", 90.6), ("1,649", 1649), ("二十二", 22), ("一千八百零三", 1803), ("两万", 20000),
    ("十三", 13), ("四点二五", 4.25), ("二〇一三", 2013), ("七亿四千万", 7.4e8), ("两万五", 25000),
    ("三百五", 350), ("百万", 1e6), ("五百四十四亿", 5.44e10), ("一百零五", 105),
    ("十五万", 150000),
])
def test_parse_number(surface, value):
    assert parse_number(surface) == pytest.approx(value)


def test_rejects_what_is_not_a_numeral():
    with pytest.raises(ValueError):
        parse_number("十x")
