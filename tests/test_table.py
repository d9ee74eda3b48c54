"""qmine table: records into a panel, the same from reports as from piped records."""
import csv
import io
import json

import pytest
from click.testing import CliRunner
from qmine.cli.main import main
from qmine.extract.panel import COLUMNS, PanelQuery, tidy

TARGETS_A = ("广东省2026年政府工作报告\n——在广东省第十四届人民代表大会上\n"
             "今年的主要预期目标是：地区生产总值增长4.5%—5%；地方一般公共预算收入增长3%左右。\n"
             "去年地区生产总值增长3.9%。全省地区生产总值增长3.9%。\n")
TARGETS_B = ("陕西省2026年政府工作报告\n"
             "主要预期目标是：生产总值增长5％左右，城镇新增就业40万人以上，城镇调查失业率5.5％左右。\n")


@pytest.fixture
def reports(tmp_path):
    (tmp_path / "a.txt").write_text(TARGETS_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TARGETS_B, encoding="utf-8")
    return tmp_path


def rows(output):
    return list(csv.DictReader(io.StringIO(output)))


def test_one_row_per_region_with_its_target(reports):
    out = CliRunner().invoke(main, ["table", str(reports), "--concept", "gdp.growth", "--targets",
                                    "--format", "csv"])
    assert out.exit_code == 0, out.output
    got = [(r["region"], r["region_code"], r["period"], r["value"], r["qualifier"], r["low"],
            r["high"]) for r in rows(out.output)]
    assert got == [("广东省", "440000", "2026", "4.75", "about", "4.5", "5"),
                   ("陕西省", "610000", "2026", "5", "about", "", "")]
    assert list(rows(out.output)[0]) == list(COLUMNS)


def test_piped_records_give_the_same_table(reports):
    runner = CliRunner()
    records = runner.invoke(main, ["extract", str(reports), "--format", "jsonl"]).output
    for args in (["--concept", "gdp.growth"], ["--actuals"], ["--wide"], ["--all"],
                 ["--period", "2025"]):
        direct = runner.invoke(main, ["table", str(reports), "--format", "csv", *args]).output
        piped = runner.invoke(main, ["table", "-", "--format", "csv", *args], input=records).output
        assert direct == piped and direct.count("\n") > 1, args


def test_a_cell_keeps_its_first_record_and_counts_the_others(reports):
    out = CliRunner().invoke(main, ["table", str(reports / "a.txt"), "--actuals",
                                    "--format", "jsonl"]).output
    cells = [json.loads(line) for line in out.splitlines()]
    assert len(cells) == 1 and cells[0]["mentions"] == 2 and cells[0]["period"] == "2025"
    every = CliRunner().invoke(main, ["table", str(reports / "a.txt"), "--actuals", "--all",
                                      "--format", "jsonl"]).output
    assert len(every.splitlines()) == 2


def test_wide_has_a_column_per_concept(reports):
    out = CliRunner().invoke(main, ["table", str(reports), "--targets", "--wide",
                                    "--format", "csv"]).output
    table = rows(out)
    assert {"gdp.growth", "employment.urban_new", "budget.general.revenue.growth"} <= set(table[0])
    b = next(r for r in table if r["region"] == "陕西省")
    assert b["employment.urban_new"] == "400000" and b["budget.general.revenue.growth"] == ""


def test_concept_prefix_and_scope():
    records = [
        {"doc": "x", "period": "2025", "concept": "budget.general.revenue", "target": False,
         "value": 1, "scope": "全市 完成"},
        {"doc": "x", "period": "2025", "concept": "budget.general.revenue", "target": False,
         "value": 2, "scope": "市级"},
        {"doc": "x", "period": "2025", "concept": "budget.general.revenue", "target": False,
         "value": 3, "scope": None},
        {"doc": "x", "period": "2025", "concept": "gdp", "target": False, "value": 4},
    ]
    cells = tidy(records, PanelQuery(concepts=("budget.*",)))
    # 全市 and 完成 say what no word says; 市级 is a cell of its own
    assert [(c["value"], c["mentions"]) for c in cells] == [(1, 2), (2, 1)]


def test_a_fall_is_a_negative_cell_and_its_range_turns_round():
    records = [
        {"doc": "x", "period": "2025", "concept": "retail.sales.growth", "target": False,
         "value": 1.5, "concept_value": -1.5},
        {"doc": "y", "period": "2025", "concept": "retail.sales.growth", "target": True,
         "value": 4, "low": 3, "high": 5, "concept_value": -4},
        {"doc": "z", "period": "2025", "concept": "retail.sales.growth", "target": False,
         "value": 2.5},  # written before records carried concept_value
    ]
    cells = tidy(records)
    assert [(c["value"], c["low"], c["high"]) for c in cells] == [
        (-1.5, None, None), (-4, -5, -3), (2.5, None, None)]


def test_a_fall_in_a_report_is_negative_in_its_table(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("2025年全市社会消费品零售总额比上年下降1.5%。\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["table", str(report), "--format", "csv"]).output
    (row,) = rows(out)
    assert (row["concept"], row["value"]) == ("retail.sales.growth", "-1.5")


def test_bad_piped_input_is_one_line():
    out = CliRunner().invoke(main, ["table", "-"], input="not json\n")
    assert out.exit_code == 2 and "stdin line 1: not a JSON record" in out.output


def test_xlsx_needs_its_extra_or_writes_a_workbook(reports, tmp_path):
    target = tmp_path / "panel.xlsx"
    out = CliRunner().invoke(main, ["table", str(reports), "-o", str(target)])
    try:
        import openpyxl
    except ImportError:
        assert out.exit_code == 2 and "pip install 'qmine[xlsx]'" in out.output
        return
    assert out.exit_code == 0, out.output
    sheet = openpyxl.load_workbook(target).active
    assert [c.value for c in next(sheet.iter_rows())] == list(COLUMNS)


def test_docs_only_gives_one_row_per_document(reports):
    out = CliRunner().invoke(main, ["extract", str(reports), "--docs-only",
                                    "--format", "csv"]).output
    assert [(r["region"], r["doc_type"], r["doc_year"]) for r in rows(out)] == [
        ("广东省", "work_report", "2026"), ("陕西省", "work_report", "2026")]


def test_region_option_is_checked_in_one_line(reports):
    out = CliRunner().invoke(main, ["extract", str(reports), "--region", "朝阳区"])
    assert out.exit_code == 2 and out.output.count("\n") == 1 and "ambiguous" in out.output
    out = CliRunner().invoke(main, ["extract", str(reports), "--region", "湖州市",
                                    "--format", "jsonl"])
    assert {json.loads(line)["region_code"] for line in out.output.splitlines()} == {"330500"}


@pytest.mark.parametrize("name", ["panel.csv", "panel.xlsx"])
def test_a_failed_input_leaves_the_others_in_the_table_unless_strict(reports, tmp_path, name):
    if name.endswith(".xlsx"):
        pytest.importorskip("openpyxl")
    target = tmp_path / name
    args = ["table", str(reports / "a.txt"), str(reports / "missing.txt"), "-o", str(target)]
    strict = CliRunner().invoke(main, args + ["--strict"])
    assert strict.exit_code == 1 and not target.exists()
    assert f"{target} not written: 1 input(s) failed (--strict)" in strict.stderr
    written = CliRunner().invoke(main, args)
    assert written.exit_code == 1 and target.exists()
    assert written.stderr.splitlines() == [f"qmine: {reports / 'missing.txt'}: no such file"]
    if name.endswith(".csv"):
        assert {r["region"] for r in rows(target.read_text(encoding="utf-8"))} == {"广东省"}
