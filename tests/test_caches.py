"""What qmine keeps in its cache folder between runs (issue 11's start-up): compiled rule
patterns and jieba's dictionary table give what compiling and loading give, and a
file that is not qmine's is never run."""

import os
import pickle
import subprocess
import sys

import pytest
from conftest import SAMPLES
from qmine.extract import compiled
from qmine.extract.alternation import alternation
from qmine.extract.naming.segmentation import _dictionary, _jieba
from qmine.extract.segment import Segmenter


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("QMINE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(compiled, "_table", None)
    monkeypatch.setattr(compiled, "_missing", False)
    return tmp_path


def test_a_compiled_pattern_comes_back_from_the_cache(cache, monkeypatch):
    source = r"(?P<kw>合格率)(?:达|为)?(?P<qty>\d+(?:\.\d+)?%)"
    first = compiled.compile_pattern(source)
    compiled.save()
    assert compiled.cache_file().is_file()
    monkeypatch.setattr(compiled, "_table", None)
    monkeypatch.setattr(compiled.regex, "compile", None)  # a compile now would fail
    again = compiled.compile_pattern(source)
    assert again is not first and again.pattern == first.pattern
    assert again.search("批次合格率为90.6%").group("qty") == "90.6%"


class _Run:
    def __reduce__(self):
        return (os.system, ("touch ran",))


def test_a_foreign_cache_file_is_never_run(cache, monkeypatch):
    monkeypatch.chdir(cache)
    compiled.cache_file().parent.mkdir(parents=True, exist_ok=True)
    compiled.cache_file().write_bytes(pickle.dumps({("x", 0): _Run()}))
    assert compiled.compile_pattern("a+").match("aa")
    assert not (cache / "ran").exists()


def test_the_segmenter_from_the_cache_gives_jiebas_words(cache):
    made = Segmenter.cached(_jieba, _dictionary())

    def not_again():
        raise AssertionError("the dictionary was loaded again")

    kept = Segmenter.cached(not_again, _dictionary())
    text = "全市共抽查产品1634批次，合格率90.6%，FM105兆赫"
    assert kept.words(text) == made.words(text) == _jieba().lcut(text, HMM=False)


def test_a_second_process_with_other_string_hashing_finds_every_pattern_cached(tmp_path):
    """Every pattern's source is the same in every process: a run with another
    PYTHONHASHSEED compiles nothing and leaves the cache file as it was. (An alternation
    built in a set's order missed the cache each run, and the file grew by a rule set a
    run, all of it unpickled into every process.)"""
    def run(seed: str) -> None:
        env = {**os.environ, "QMINE_CACHE_DIR": str(tmp_path), "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "qmine.cli", "extract", "-q",
                        str(SAMPLES / "huzhou-quality-2013.txt")],
                       env=env, check=True, stdout=subprocess.DEVNULL)

    run("1")
    (patterns,) = tmp_path.glob("patterns-*.pickle")
    before = patterns.read_bytes(), patterns.stat().st_mtime_ns
    run("2")
    assert (patterns.read_bytes(), patterns.stat().st_mtime_ns) == before


def test_an_alternation_is_the_same_whatever_the_order_of_its_words():
    words = ["不低于", "约", "近", "超过", "逾", "不少于"]
    assert alternation(words) == alternation(reversed(words)) == alternation(set(words))
    assert alternation(words).split("|")[:2] == ["不低于", "不少于"]  # longest first


def test_a_full_cache_keeps_only_the_patterns_this_process_used(cache, monkeypatch):
    monkeypatch.setattr(compiled, "_used", set())
    monkeypatch.setattr(compiled, "MAX_ENTRIES", 3)
    for n in range(5):
        compiled.compile_pattern(f"a{{{n}}}")
    compiled.save()
    monkeypatch.setattr(compiled, "_table", None)
    monkeypatch.setattr(compiled, "_used", set())
    compiled.compile_pattern("b+")
    compiled.save()
    kept = compiled._PatternsOnly(compiled.cache_file().open("rb")).load()
    assert set(kept) == {("b+", 0)}


def test_old_cache_files_of_a_kind_are_removed_past_the_newest_few(cache):
    """Each qmine install (or edited dictionary) writes its own file; the folder keeps
    the newest KEEP_FILES of a kind, not every one ever written."""
    from qmine.extract.segment import cached

    for n in range(compiled.KEEP_FILES + 3):
        old = cache / f"table-old{n}.marshal"
        old.write_bytes(b"")
        os.utime(old, ns=(n * 10**9, n * 10**9))
    other = cache / "words-old.marshal"
    other.write_bytes(b"")
    assert cached("table", [], lambda: {"x": 1}) == {"x": 1}
    kept = sorted(p.name for p in cache.glob("table-*.marshal"))
    assert len(kept) == compiled.KEEP_FILES
    assert "table-old0.marshal" not in kept and "table-old8.marshal" in kept
    assert sum("old" not in name for name in kept) == 1  # the file just written
    assert other.exists()  # another kind is not touched
