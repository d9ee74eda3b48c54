import json

import pytest
from qmine.extract.evaluate import Gold, char_f1, evaluate, score_document
from qmine.extract.records import Record


def record(start, end, value, unit="家", indicator="检查企业", period="2013"):
    return Record("d.txt", indicator, "count", value, unit, "exact", "x", start, end, 1, period,
                  None, False, "", "auto")


def gold(start, end, value, unit="家", indicator="检查企业", period="2013"):
    return Gold("d.txt", start, end, value, unit, indicator, "exact", period, "q")


def test_char_f1_is_a_bag_of_characters_without_spaces():
    assert char_f1("检查 企业", "企业检查") == 1.0
    assert char_f1("立案查处", "立案查处案件") == pytest.approx(0.8)
    assert char_f1("", "") == 1.0 and char_f1("a", "") == 0.0


def test_match_needs_overlap_unit_and_value():
    g = [gold(10, 14, 5)]
    assert len(score_document([record(12, 16, 5)], g, None).matches) == 1
    assert not score_document([record(14, 18, 5)], g, None).matches      # touching is no overlap
    assert not score_document([record(10, 14, 5, unit="个")], g, None).matches
    assert not score_document([record(10, 14, 6)], g, None).matches


def test_one_to_one_most_similar_indicator_first():
    golds = [gold(0, 4, 100, "%", "即时响应率"), gold(0, 4, 100, "%", "群众满意率")]
    recs = [record(0, 4, 100, "%", "群众满意率"), record(0, 4, 100, "%", "即时响应率")]
    s = score_document(recs, golds, None)
    assert sorted(sim for _, _, sim in s.matches) == [1.0, 1.0]


def test_full_f1_counts_only_usable_rows():
    golds = [gold(0, 2, 1), gold(5, 7, 2)]
    recs = [record(0, 2, 1), record(5, 7, 2, indicator="完全不同的名字")]
    m = score_document(recs, golds, None).metrics()
    assert m["f1"] == 1.0 and m["full_f1"] == pytest.approx(0.5)
    wrong_year = score_document([record(0, 2, 1, period="2012")], golds[:1], None).metrics()
    assert wrong_year["full_f1"] == 0.0 and wrong_year["period_accuracy"] == 0.0


def test_regions_limit_which_records_are_scored(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "docs" / "r.txt").write_text("导航共100家。\n正文:检查企业5家。\n页脚99家。",
                                             encoding="utf-8")
    line = {"doc": "r.txt", "quote": "检查企业5家", "number": "5", "value": 5, "unit": "家",
            "kind": "count", "qualifier": "exact", "indicator": "检查企业", "period": None}
    (tmp_path / "gold" / "r.txt.gold.jsonl").write_text(json.dumps(line, ensure_ascii=False),
                                                        encoding="utf-8")
    (tmp_path / "gold" / "r.txt.regions.jsonl").write_text(
        json.dumps({"doc": "r.txt", "from": "正文", "to": "5家。"}, ensure_ascii=False),
        encoding="utf-8")
    m = evaluate(tmp_path / "gold", [tmp_path / "docs"])["r.txt"].metrics()
    assert (m["records"], m["matches"], m["precision"]) == (1, 1, 1.0)
