"""Hostile inputs for qmine, by family, and the properties every input must keep.

Shared by the bounded fuzz test that CI runs (tests/test_fuzz.py, through Hypothesis)
and the long run anyone can start (tests/fuzz_long.py). Each family is a function of
a :class:`random.Random`, so a failing input is remade from its seed alone.

For every input: no exception but qmine's input errors (:class:`DecodeError`,
:class:`InputError`); every record's ``raw`` is ``original[start:end]``; every value
(and range end) is finite; the rendered JSON Lines and JSON are valid JSON.
"""

from __future__ import annotations

import codecs
import json
import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from conftest import CORPUS
from qmine.cli.writers import render
from qmine.extract import DecodeError, decode_bytes, extract_text
from qmine.extract.document import InputError

INPUT_ERRORS = (DecodeError, InputError)

HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处理府研质"
)
DIGITS = "0123456789０１２３４５６７８９"
NUMERALS = "零〇一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟萬億兩"
UNITS = [
    "%",
    "％",
    "‰",
    "个百分点",
    "万元",
    "亿元",
    "元",
    "家",
    "家次",
    "人次",
    "批次",
    "件",
    "平方米",
    "公里",
    "吨",
    "万人",
    "户",
    "个",
    "项",
    "起",
    "倍",
    "名",
    "年",
    "岁",
    "分",
    "美元",
    "港元",
]
QUALIFIERS = [
    "余",
    "多",
    "以上",
    "超过",
    "不足",
    "以下",
    "约",
    "近",
    "左右",
    "逾",
    "达",
    "为",
    "增长",
    "下降",
    "同比",
    "第",
    "至",
    "~",
    "-",
    "—",
    "到",
]
PUNCT = "，。；：、！？（）()《》“”\"'「」【】 \t\n\r\u3000\xa0\u200b\ufeff"
HTML_BITS = [
    "<p>",
    "</p>",
    "<br>",
    "<br/>",
    '<div class="a">',
    "</div>",
    "<span>",
    "</span>",
    "<td>",
    "</td>",
    "<tr>",
    "<table>",
    "<script>var x = 5;</script>",
    "<script>",
    "<style>p{}</style>",
    "<style>",
    "<!--",
    "-->",
    "<!-- 100% -->",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&nbsp;",
    "&#37;",
    "&#x25;",
    "&#12288;",
    "&#99999999;",
    "&#x110000;",
    "&#0;",
    "&#xD800;",
    "&amp",
    "&lt",
    "&#",
    "&#x",
    "&",
    "<",
    ">",
    "</",
    '<a href="x',
    "<a href='",
    "<p class=>",
    '<?xml version="1.0"?>',
    "<!DOCTYPE html>",
    "<html>",
    "<body>",
    "<head>",
    "<title>",
    "</title>",
    "<nav>",
    "</nav>",
    "<P>",
    "</ P>",
    "<br / >",
    "< p>",
    "<p",
    "/>",
]


def han(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(HAN) for _ in range(n))


def number(rng: random.Random) -> str:
    """A number as reports write it, or as they might garble it."""
    pick = rng.randrange(12)
    if pick == 0:
        return "".join(rng.choice(DIGITS) for _ in range(rng.randint(1, 400)))  # long digit runs
    if pick == 1:
        if rng.random() < 0.1:  # 一万万万万…: a thousand scale words
            return rng.choice("一二两十") + rng.choice(["万", "亿", "万亿"]) * rng.randint(2, 1200)
        return "".join(rng.choice(NUMERALS) for _ in range(rng.randint(1, 30)))  # 万万万, 十十十
    if pick == 2:
        return "百分之" * rng.randint(1, 4) + rng.choice(
            ["五十", "百", "零点五", "十二点", "", "3.5"]
        )
    if pick == 3:
        return ".".join(str(rng.randint(0, 999)) for _ in range(rng.randint(2, 5)))  # 1.2.3.4
    if pick == 4:
        return ",".join(str(rng.randint(0, 9999)) for _ in range(rng.randint(2, 6)))  # 1,234,56
    if pick == 5:
        return rng.choice(
            [
                "1e308",
                "9" * 320,
                "0." + "0" * 300 + "1",
                "1.7976931348623157e308",
                "inf",
                "nan",
                "NaN",
                "-0",
                "0x1F",
                "1_000",
            ]
        )
    if pick == 6:
        return (
            f"{rng.randint(0, 10**6)}{rng.choice(['万', '亿', '万万', '亿万', '千万', '百万亿'])}"
        )
    if pick == 7:
        return f"{rng.uniform(0, 1000):.{rng.randint(0, 6)}f}"
    if pick == 8:
        return f"{rng.randint(0, 100)}{rng.choice('~-—至到')}{rng.randint(0, 100)}"
    if pick == 9:
        return rng.choice(
            [
                "两万万",
                "亿亿",
                "万亿亿",
                "十万万",
                "零零零",
                "〇点〇",
                "壹萬貳仟",
                "一千八百零三",
                "二十二",
                "几十",
                "数百",
                "上千",
                "十几",
                "百分之百",
            ]
        )
    return str(rng.randint(0, 10 ** rng.randint(1, 18)))


def sentence(rng: random.Random) -> str:
    parts = [
        han(rng, rng.randint(0, 8)),
        rng.choice(QUALIFIERS) if rng.random() < 0.5 else "",
        number(rng),
        rng.choice(UNITS) if rng.random() < 0.8 else "",
        rng.choice(QUALIFIERS) if rng.random() < 0.3 else "",
        rng.choice("，。；\n"),
    ]
    return "".join(parts)


# The families -------------------------------------------------------------------------


def unicode_text(rng: random.Random) -> str:
    """Random Unicode: any code point but surrogates, weighted toward what reports hold."""
    out = []
    for _ in range(rng.randint(0, 300)):
        kind = rng.random()
        if kind < 0.3:
            out.append(rng.choice(HAN))
        elif kind < 0.45:
            out.append(rng.choice(DIGITS + NUMERALS))
        elif kind < 0.55:
            out.append(rng.choice(PUNCT))
        elif kind < 0.6:
            out.append(rng.choice(UNITS))
        else:
            c = rng.randrange(0x110000)
            out.append(chr(c) if not 0xD800 <= c < 0xE000 else "\ufffd")
    return "".join(out)


@cache
def corpus_texts() -> tuple[str, ...]:
    """The corpus reports as text (empty when the corpus is not beside the project)."""
    texts = []
    if CORPUS.is_dir():
        for path in sorted(CORPUS.glob("*.txt")):
            try:
                texts.append(decode_bytes(path.read_bytes())[0])
            except DecodeError:
                continue
    return tuple(texts)


def corpus_snippet(rng: random.Random) -> str:
    """A small slice of a real report, mutated: characters dropped, doubled, swapped,
    replaced by numbers, units, markup or anything at all."""
    texts = corpus_texts()
    if not texts:
        return sentence(rng)
    text = rng.choice(texts)
    start = rng.randrange(max(1, len(text) - 50))
    chars = list(text[start : start + rng.randint(1, 1500)])
    for _ in range(rng.randint(0, 12)):
        if not chars:
            break
        i = rng.randrange(len(chars))
        op = rng.randrange(7)
        if op == 0:
            del chars[i]
        elif op == 1:
            chars.insert(i, chars[i])
        elif op == 2:
            j = rng.randrange(len(chars))
            chars[i], chars[j] = chars[j], chars[i]
        elif op == 3:
            chars.insert(i, number(rng))
        elif op == 4:
            chars.insert(i, rng.choice(UNITS + QUALIFIERS))
        elif op == 5:
            chars.insert(i, rng.choice(HTML_BITS))
        else:
            chars[i] = unicode_text(rng)[:3]
    return "".join(chars)


def html_fragment(rng: random.Random) -> str:
    """Pages cut anywhere: broken tags, entities and comments among figures."""
    out = []
    if rng.random() < 0.5:
        out.append(
            rng.choice(["<html><body>", "<!DOCTYPE html><html>", '<?xml version="1.0"?><doc>'])
        )
    for _ in range(rng.randint(1, 40)):
        kind = rng.random()
        if kind < 0.45:
            out.append(rng.choice(HTML_BITS))
        elif kind < 0.8:
            out.append(sentence(rng))
        else:
            out.append(number(rng) + rng.choice(HTML_BITS) + rng.choice(UNITS))  # 5<span>万元
    return "".join(out)


def random_bytes(rng: random.Random) -> bytes:
    """Bytes as files come: random, behind BOMs (odd lengths too), or encoded Chinese
    text with bytes flipped."""
    kind = rng.randrange(6)
    size = rng.randint(0, 400)
    noise = bytes(rng.randrange(256) for _ in range(size))
    if kind == 0:
        return noise
    if kind == 1:
        return rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]) + noise
    text = "".join(sentence(rng) for _ in range(rng.randint(1, 10)))
    encoding = rng.choice(["utf-8", "gb18030", "big5", "utf-16", "utf-16-le", "utf-8-sig"])
    data = bytearray(text.encode(encoding, "replace"))
    for _ in range(rng.randint(0, 5) if kind < 5 else 0):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    if kind == 3 and data:
        del data[rng.randrange(len(data))]  # an odd byte out of UTF-16 and multibyte runs
    if kind == 4:
        data += bytes([rng.randrange(256)])
    return bytes(data)


def number_heavy(rng: random.Random) -> str:
    """Figures after figures: long digit runs, 万万万, 百分之…, ranges, separators."""
    return "".join(
        sentence(rng) if rng.random() < 0.6 else number(rng) for _ in range(rng.randint(1, 30))
    )


def pdf_text(rng: random.Random) -> str:
    """Text as PDF extraction leaves it: characters spaced apart, units split from their
    numbers, lines broken mid-sentence, page footers."""
    text = corpus_snippet(rng) if rng.random() < 0.5 else number_heavy(rng)
    out = []
    for c in text:
        out.append(c)
        r = rng.random()
        if r < 0.3:
            out.append(" ")
        elif r < 0.35:
            out.append("\n")
        elif r < 0.36:
            out.append(f"\n- {rng.randint(1, 300)} -\n")
    return "".join(out)


@dataclass(frozen=True)
class Family:
    name: str
    make: Callable[[random.Random], str | bytes]
    input_format: str = "auto"


FAMILIES = (
    Family("unicode", unicode_text),
    Family("corpus", corpus_snippet),
    Family("html", html_fragment),
    Family("bytes", random_bytes),
    Family("numbers", number_heavy),
    Family("pdf", pdf_text, "pdf-text"),
)


# The properties ---------------------------------------------------------------------


class Broken(AssertionError):
    """A property that failed: ``kind`` names which (raw, finite, json), for counting."""

    def __init__(self, kind: str, detail: str, value: object = None):
        super().__init__(f"{kind}: {detail}")
        self.kind, self.value = kind, value


def _strict(constant: str):
    raise ValueError(f"{constant} is not JSON")  # json.loads takes NaN and Infinity; JSON does not


def check(data: str | bytes, input_format: str = "auto") -> set[str]:
    """Extract ``data`` (bytes go through decode_bytes first) and assert the
    properties. Raises :class:`Broken`, or whatever the library raised that is not an
    input error; returns the empty set (the library items the suite once tolerated,
    :data:`LIBRARY_ITEMS`, are fixed: meeting one now fails like anything else)."""
    known: set[str] = set()
    if isinstance(data, bytes):
        try:
            text, _ = decode_bytes(data)
        except INPUT_ERRORS:
            return known
    else:
        text = data
    records = extract_text(text, doc="fuzz", input_format=input_format)
    for r in records:
        if text[r.start : r.end] != r.raw:
            raise Broken(
                "raw", f"{r.raw!r} is not original[{r.start}:{r.end}] {text[r.start : r.end]!r}"
            )
        for name in ("value", "low", "high"):
            v = getattr(r, name)
            if v is None or (isinstance(v, (int, float)) and math.isfinite(v)):
                continue
            raise Broken("finite", f"{name} {v!r} of {r.raw[:60]!r}", v)
    finite = [
        r for r in records if all(v is None or math.isfinite(v) for v in (r.value, r.low, r.high))
    ]
    for fmt in ("jsonl", "json"):
        rendered = render(fmt, finite)
        try:
            rows = (
                [json.loads(line, parse_constant=_strict) for line in rendered.splitlines()]
                if fmt == "jsonl"
                else json.loads(f"[{rendered}]", parse_constant=_strict)
            )
        except ValueError as e:
            raise Broken("json", f"{fmt}: {e}") from None
        if len(rows) != len(finite):
            raise Broken("json", f"{fmt}: {len(rows)} rows for {len(finite)} records")
    return known


_NUMBERS = re.compile(r"0x[0-9a-f]{2}|\d+")


def describe(error: BaseException) -> str:
    """A short name for a failure, the same for the same defect (for counting them):
    the property, or the exception with its numbers and bytes left out."""
    if isinstance(error, Broken):
        return f"property {error.kind}"
    message = _NUMBERS.sub("N", str(error))
    return f"{type(error).__name__}: {message[:70]}"


# Defects of the library half of issue 10 that the fuzz runs found, now fixed: named
# so that a failure that brings one back says which.
LIBRARY_ITEMS = {
    "decode": "library item decode: broken UTF-16 after a BOM raises UnicodeDecodeError, "
    "not DecodeError",
    "overflow": "library item numerals/quantities: a value a float cannot hold becomes inf",
    "recursion": "library item numerals: a long run of scale words (万万万…) recurses too deep",
}


def library_item(data: str | bytes, error: BaseException) -> str | None:
    """Which library item ``error`` is, if it is one (see :data:`LIBRARY_ITEMS`)."""
    if (
        isinstance(error, UnicodeDecodeError)
        and isinstance(data, bytes)
        and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    ):
        return LIBRARY_ITEMS["decode"]
    if isinstance(error, RecursionError):
        return LIBRARY_ITEMS["recursion"]
    return None


def seeded(family: Family, seed: int) -> str | bytes:
    """The input ``family`` makes from ``seed``: a failure is remade from the two."""
    return family.make(random.Random(seed))


def corpus_available() -> bool:
    return bool(corpus_texts())
