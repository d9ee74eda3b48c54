"""qmine's segmenter must give jieba's words exactly: names depend on them."""
import pytest
import regex
from conftest import SAMPLES
from qmine.extract.naming.segmentation import _jieba, _segmenter
from qmine.extract.normalise import normalise

TRICKY = [
    "",
    "全市共抽查产品1634批次，合格率90.6%",
    "FM105兆赫和No.5号文件",            # Latin letters and digits run together
    "抽查 5 家企业\r\n检查\n\t2个市场",      # spaces, tabs and line breaks
    "𠀀𠀁罕见字与葡萄牙语Português",        # characters the dictionary lacks
    "中华人民共和国国家质量监督检验检疫总局",  # long words and their prefixes
    "的的的的的的",                          # ties between equal routes
]


@pytest.mark.parametrize("text", TRICKY)
def test_segmenter_gives_jiebas_words(text):
    assert _segmenter().words(text) == _jieba().lcut(text, HMM=False)


def test_segmenter_agrees_with_jieba_on_every_clause_of_the_samples():
    clauses = [c for path in sorted(SAMPLES.glob("*.txt"))
               for c in regex.split(r"[，。；：、！？\n]", normalise(path.read_text("utf-8")).text)
               if c]
    assert len(clauses) > 300
    differ = [c for c in clauses if _segmenter().words(c) != _jieba().lcut(c, HMM=False)]
    assert differ == []


def test_on_a_tie_the_longer_word_wins_as_in_jieba(tmp_path):
    """甲乙 is exactly as probable as 甲 then 乙 (1/100 = 10/100 × 10/100): jieba
    takes the longer word, and so must qmine."""
    import jieba
    from qmine.extract.segment import Segmenter

    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("甲 10\n乙 10\n甲乙 1\n丙 79\n", encoding="utf-8")
    tokenizer = jieba.Tokenizer(str(dictionary))
    assert tokenizer.lcut("甲乙丙", HMM=False) == ["甲乙", "丙"]
    assert Segmenter(tokenizer).words("甲乙丙") == ["甲乙", "丙"]
