"""Property tests over generated inputs: a clean report dressed up as a web page or as
PDF text gives the same records as the clean text (value, unit, name and year), and
every offset holds."""
import random
import re
from collections import Counter

import pytest
from conftest import SAMPLES
from qmine.extract import extract_text

CLEAN = (SAMPLES / "huzhou-quality-2013.txt").read_text(encoding="utf-8")
FIGURE = re.compile(r"(\d+(?:\.\d+)?)(万|亿)?"
                    r"(人次|家次|批次|个|家|项|起|%|台|份|只|条|篇|期|次|名|种|辆|m2)")


def as_web_page(text: str, rng: random.Random) -> str:
    """Lines become paragraphs; some numbers and units land in neighbouring spans;
    scripts, styles, navigation and entities are sprinkled in."""
    def split(m: re.Match) -> str:
        if rng.random() < 0.5:
            return m.group(0)
        return (f'<span style="font-family:Times">{m.group(1)}</span>'
                f'<span>{m.group(2) or ""}{m.group(3)}</span>')
    body = []
    for line in text.splitlines():
        line = FIGURE.sub(split, line).replace("，", "&#65292;" if rng.random() < 0.3 else "，")
        body.append(f'<p style="text-indent:2em">\n    {line}\n</p>')
        if rng.random() < 0.2:
            body.append(f"<script>var x{rng.randint(0, 99)} = {rng.randint(0, 9999)};</script>")
    nav = '<div class="nav-bar">首页 &gt; 第3页 共12条</div>'
    return ("<!DOCTYPE html><html><head><title>工作总结</title>"
            "<style>p{width:100px}</style></head><body>"
            + nav + "\n".join(body) + '<div class="footer">电话 0572-1234567</div></body></html>')


def as_pdf_text(text: str, rng: random.Random) -> str:
    """Characters two spaces apart, lines wrapped at a width, page footers in between."""
    out, page = [], 1
    width = rng.randint(25, 40)
    for line in text.splitlines():
        spaced = "  ".join(re.findall(r"\d+(?:\.\d+)?%?|.", line))
        while spaced:
            out.append(spaced[:width * 3])
            spaced = spaced[width * 3:]
            if rng.random() < 0.08:
                out.append(f"—{page}—\x0c")
                page += 1
    return "\n".join(out) + "\n"


def figures(records):
    """What an analyst reads off a record: value, unit, name and year."""
    return Counter((r.value, r.unit, r.indicator, r.period) for r in records)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("dress", [as_web_page, as_pdf_text])
def test_dressed_up_report_gives_the_same_figures(dress, seed):
    dressed = dress(CLEAN, random.Random(seed))
    records = extract_text(dressed, doc="generated")
    for r in records:
        assert dressed[r.start:r.end] == r.raw
    clean, got = figures(extract_text(CLEAN)), figures(records)
    missing = clean - got
    extra = got - clean
    assert sum(missing.values()) <= 0.03 * sum(clean.values()), missing
    assert sum(extra.values()) <= 0.03 * sum(clean.values()), extra
