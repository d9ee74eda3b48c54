"""Fuzzing, bounded for CI: hostile inputs of every family (tests/fuzzing.py) keep
qmine's promises — no exception but its input errors, ``raw`` is the original at the
offsets, finite values, valid JSON.

A CI run is deterministic and takes a few seconds (the ``ci`` profile); set
HYPOTHESIS_PROFILE=dev for more examples on a random draw, or run tests/fuzz_long.py
for minutes. Failures that are defects of the library half of issue 10 (fixed on its
own branch) make a test an expected failure naming the item; anything else fails it.
"""

import os

import pytest

hypothesis = pytest.importorskip("hypothesis")
import fuzzing  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=300, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)


def keeps_promises(strategy, make=lambda drawn: drawn, input_format: str = "auto") -> None:
    """Check every input ``strategy`` draws: qmine's promises hold for each (no exception
    but its input errors, offsets that hold, finite values, valid JSON)."""

    @given(strategy)
    def one(drawn):
        assert fuzzing.check(make(drawn), input_format) == set()

    one()


def family(name: str) -> fuzzing.Family:
    return next(f for f in fuzzing.FAMILIES if f.name == name)


def seeded(name: str):
    return lambda seed: fuzzing.seeded(family(name), seed)


def test_random_unicode_text():
    keeps_promises(st.text(max_size=300))


def test_unicode_weighted_toward_reports():
    keeps_promises(SEEDS, seeded("unicode"))


def test_mutated_corpus_snippets():
    if not fuzzing.corpus_available():
        pytest.skip("the corpus is not beside the project")
    keeps_promises(SEEDS, seeded("corpus"))


@pytest.mark.parametrize("input_format", ["auto", "html"])
def test_html_fragments(input_format):
    keeps_promises(SEEDS, seeded("html"), input_format)


def test_random_bytes_through_decode():
    keeps_promises(st.binary(max_size=600))


def test_bytes_as_files_come():
    keeps_promises(SEEDS, seeded("bytes"))


def test_number_heavy_strings():
    keeps_promises(SEEDS, seeded("numbers"))
    keeps_promises(
        st.text(alphabet=fuzzing.DIGITS + fuzzing.NUMERALS + "百分之点.,%万亿元家", max_size=200)
    )


def test_pdf_text():
    keeps_promises(SEEDS, seeded("pdf"), "pdf-text")


# The library items the fuzz runs found before they were fixed, each with its input.


def test_library_item_decode_broken_utf16():
    from qmine.extract import DecodeError, decode_bytes

    for data in (b"\xff\xfeA\x00B", b"\xff\xfe\x00\xd8A\x00"):  # odd length; a lone surrogate
        with pytest.raises(DecodeError):
            decode_bytes(data)


def test_library_item_value_a_float_cannot_hold():
    assert fuzzing.check("收入" + "9" * 400 + "元。") == set()


def test_library_item_long_run_of_scale_words():
    assert fuzzing.check("投资一" + "万" * 1200 + "元。") == set()


# Data files of any shape: a rule table or a unit block whose fields hold anything TOML
# can hold is a one-line error (RuleError, UnitTableError) or works; never a traceback.

TOML_VALUES = st.recursive(
    st.one_of(st.text(max_size=20), st.integers(), st.floats(allow_nan=False), st.booleans()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
RULE_FIELDS = [
    "id",
    "pattern",
    "indicator",
    "kind",
    "unit",
    "action",
    "priority",
    "description",
    "examples",
    "topic_when_short",
]


@given(
    st.dictionaries(st.sampled_from(RULE_FIELDS), TOML_VALUES, max_size=6),
    st.sampled_from(["合格率{QTY}", "(?P<indicator>\\p{Han}{1,4})为{QTY}", "[{QTY}"]),
)
def test_rule_tables_of_any_shape(raw, pattern):
    from pathlib import Path

    from qmine.extract.rule_examples import check_examples
    from qmine.extract.rules import RuleError, _make_rule

    raw = {"id": "fuzz.rule", "pattern": pattern, **raw}
    try:
        rule = _make_rule(Path("fuzz.toml"), 1, raw)
    except RuleError as e:
        assert "\n" not in str(e) and str(e).startswith("fuzz.toml: rule ")
        return
    for _, _, problems in check_examples((rule,)):
        assert all(isinstance(p, str) for p in problems)


@given(
    st.dictionaries(
        st.sampled_from(["surfaces", "unit", "kind", "scale", "arabic_only", "needs_rule"]),
        TOML_VALUES,
        max_size=6,
    )
)
def test_unit_blocks_of_any_shape(block):
    from qmine.extract.units import UnitTableError, _blocks

    try:
        _blocks("units.toml", {"unit": [block]})
    except UnitTableError as e:
        assert "\n" not in str(e) and str(e).startswith("units.toml: unit")
