"""Reports on one line (web text: paragraphs marked by two ideographic spaces, no line
break in megabytes) cost what the same report in lines costs (issue 11): time linear
in their length, memory bounded by a piece. Time is checked by how it grows (twice
the text may take at most about 2.5 times as long), never by a wall-clock bound."""

import tracemalloc

import pytest
from qmine.extract import extract_text, iter_records, pipeline
from test_hostile import assert_linear

MARK = pipeline.PARAGRAPH_MARK


def paragraphs(samples) -> list[str]:
    return [
        line.strip(" \t\u3000\r")
        for name in ("huzhou-quality-2013.txt", "xiangzhou-quality-2012-trad.txt")
        for line in (samples / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def one_line(samples, chars: int, joint: str = MARK) -> str:
    """The samples' paragraphs on one line, each opened by ``joint``, repeated to at
    least ``chars`` characters."""
    found = paragraphs(samples)
    out, size = [], 0
    while size < chars:
        for p in found:
            out.append(joint + p)
            size += len(joint) + len(p)
    return "".join(out)


def test_a_report_on_one_line_takes_linear_time(samples):
    assert_linear(lambda n: one_line(samples, n), 20_000)


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "".join(
            f"{MARK}{k % 9 + 1}、产值增长{k % 90}%。" for k in range(n)
        ),  # list markers
        lambda n: (
            f"{MARK}十四五时期，2021年产值增长5%，2021—2025年投资10亿元。" * n
        ),  # spans of years
    ],
    ids=["list-markers", "year-spans"],
)
def test_figures_on_one_line_do_not_read_back_to_its_start(make):
    """A number that may be a list marker, and a year that may be inside a span, are
    judged from what is near them, not from the line's start or every span."""
    assert_linear(make, 500)


def pieces(text: str, chunk_chars: int) -> list[tuple[int, int]]:
    spans, pos = [], 0
    while pos < len(text):
        end = pipeline.piece_end(text, pos, chunk_chars)
        assert end > pos
        spans.append((pos, end))
        pos = end
    return spans


def test_a_report_on_one_line_is_cut_before_its_paragraphs(samples):
    text = one_line(samples, 60_000)
    longest = max(map(len, paragraphs(samples))) + len(MARK)
    spans = pieces(text, 5_000)
    assert len(spans) >= 10
    assert all(end - start <= 5_000 + longest for start, end in spans)
    assert all(text.startswith(MARK, end) for _, end in spans[:-1])


def test_one_line_without_paragraph_marks_is_cut_at_sentence_ends(samples):
    text = one_line(samples, 60_000, joint="")
    spans = pieces(text, 5_000)
    assert len(spans) >= 10
    assert all(text[end - 1] in "。！？" for _, end in spans[:-1])
    assert all(
        end - start <= 5_000 + 1_000 for start, end in spans
    )  # no sentence of the samples is longer


def test_one_line_with_no_sentence_end_is_cut_within_the_slack(monkeypatch):
    monkeypatch.setattr(pipeline, "SLACK_CHARS", 100)
    text = "产值12.5亿元，" * 2_000
    spans = pieces(text, 1_000)
    assert all(end - start <= 1_100 for start, end in spans)
    assert all(text[end - 1] == "，" for _, end in spans[:-1])  # never inside a figure


def test_a_report_in_lines_is_still_cut_at_line_breaks(samples):
    text = one_line(samples, 60_000, joint="\n" + MARK)
    assert all(text[end - 1] == "\n" for _, end in pieces(text, 5_000)[:-1])


def test_a_report_on_one_line_read_in_pieces_gives_the_records_of_the_whole(samples):
    text = one_line(samples, 40_000)
    whole = [r.to_dict() for r in extract_text(text, doc="d")]
    got = [r.to_dict() for chunk in iter_records(text, doc="d", chunk_chars=5_000) for r in chunk]
    assert got == whole


def test_cut_at_sentence_ends_the_figures_stay_the_same(samples):
    """Within a paragraph cut in two, what a paragraph carries (a year that opens it,
    a target paragraph, a subject) does not reach the second piece: only the figures
    and their names are the same for sure."""
    text = one_line(samples, 40_000, joint="")
    fields = ("indicator", "value", "unit", "raw", "start", "end", "line")
    whole = [tuple(getattr(r, f) for f in fields) for r in extract_text(text, doc="d")]
    got = [
        tuple(getattr(r, f) for f in fields)
        for chunk in iter_records(text, doc="d", chunk_chars=5_000)
        for r in chunk
    ]
    assert got == whole


def peak_bytes(text: str, chunk_chars: int) -> int:
    """The most memory reading ``text`` in pieces takes at once, its records let go
    piece by piece as a batch writes them."""
    tracemalloc.start()
    try:
        for _ in iter_records(text, doc="d", chunk_chars=chunk_chars):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("joint", [MARK, ""], ids=["paragraphs", "sentences"])
def test_memory_on_one_line_is_bounded_by_a_piece(samples, joint):
    pipeline.default_rules()  # loaded before measuring
    # Read once before measuring, so the caches of segmentation and naming (bounded,
    # and the same for both texts: one text is the other repeated) are already full.
    for _ in iter_records(one_line(samples, 80_000, joint), doc="d", chunk_chars=4_000):
        pass
    # The least of two readings each: where the collector happens to run can keep a
    # piece's garbage alive a little longer in one reading (seen once in a full run).
    once = min(peak_bytes(one_line(samples, 40_000, joint), 4_000) for _ in range(2))
    twice = min(peak_bytes(one_line(samples, 80_000, joint), 4_000) for _ in range(2))
    assert twice < 1.3 * once, (once, twice)
