import pytest
from qmine.extract.decode import DecodeError, decode_bytes

TEXT = "湖州市質監局今年檢查企業7159家次，批次合格率90.6%。" * 20


@pytest.mark.parametrize("encoding, reported", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("big5", "big5"),
])
def test_traditional_text_decodes_and_says_how(encoding, reported):
    text, used = decode_bytes(TEXT.encode(encoding))
    assert text == TEXT and used == reported


def test_gbk_simplified_text_decodes():
    simplified = "湖州市质监局今年检查企业7159家次，批次合格率90.6%。" * 20
    text, used = decode_bytes(simplified.encode("gbk"))
    assert text == simplified and used in ("gb18030", "gbk", "gb2312")


def test_binary_is_refused():
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
