"""The language knowledge lives in patterns/, once (issue 9): no word list comes back into
the Python code. A word list is a list, tuple, set or dict literal holding two or more
Chinese words, or a regex alternation of three or more Chinese words (甲|乙|丙). What
remains in Python is the grammar of numbers, dates and headings themselves (digits,
十百千万亿, 年月日, 第N, 一、), listed here with the reason."""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HAN = re.compile(r"[\u4e00-\u9fff]")
ALTERNATION = re.compile(r"(?:[\u4e00-\u9fff]+\|){2,}[\u4e00-\u9fff]+")
# Grammar, not vocabulary: (file, first characters of the literal) and why.
GRAMMAR = {
    ("numerals.py", "零一二三四五六七八九"): "the digits of the positional system",
    ("numerals.py", "十"): "the small units between digits (十 百 千)",
    ("structure.py", "^[ \\t\\u3000]*(?:(?P<l1>"): "heading markers: 一、 (三) 第二部分 ——",
    ("layout_repair.py", "\\s*(?:[（(]"): "heading markers that stop a line from being joined",
}


def literals(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            words = [e.value for e in node.elts
                     if isinstance(e, ast.Constant) and isinstance(e.value, str)
                     and HAN.search(e.value)]
            if len(words) >= 2:
                yield node.lineno, repr(words)[:60]
        elif isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys
                    if isinstance(k, ast.Constant) and isinstance(k.value, str)
                    and HAN.search(k.value)]
            if len(keys) >= 2:
                yield node.lineno, repr(keys)[:60]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and ALTERNATION.search(node.value):
            yield node.lineno, node.value[:60]


def test_no_word_list_in_the_code():
    found = []
    for folder in ("extract", "cli"):
        for path in sorted((ROOT / folder).glob("*.py")):
            for line, text in literals(path):
                if not any(path.name == f and text.lstrip("'[").startswith(start.lstrip("'["))
                           for f, start in GRAMMAR):
                    found.append(f"{folder}/{path.name}:{line}: {text}")
    assert not found, "word lists belong in patterns/:\n" + "\n".join(found)


def test_the_check_finds_a_word_list(tmp_path):
    path = tmp_path / "x.py"
    path.write_text('WORDS = ("以上", "以下")\nPATTERN = "(?:约|近|超过)"\n', encoding="utf-8")
    assert len(list(literals(path))) == 2
