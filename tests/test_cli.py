import csv
import io
import json

import pytest
from click.testing import CliRunner
from conftest import GOLD, SAMPLES
from qmine.cli.main import main

HUZHOU = str(SAMPLES / "huzhou-quality-2013.txt")


@pytest.fixture
def runner():
    return CliRunner()


def test_version_and_help(runner):
    assert runner.invoke(main, ["--version"]).output.startswith("qmine, version ")
    out = runner.invoke(main, ["extract", "--help"]).output
    assert "--format" in out and "--rules" in out and "--no-default-rules" in out


def test_jsonl_by_default_in_a_pipe(runner):
    result = runner.invoke(main, ["extract", HUZHOU])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) > 100 and rows[0]["doc"] == HUZHOU
    assert any(r["indicator"] == "批次合格率" and r["value"] == 90.6 for r in rows)


def test_json_is_one_array_and_csv_has_the_same_fields(runner):
    rows = json.loads(runner.invoke(main, ["extract", HUZHOU, "--format", "json"]).output)
    table = list(csv.DictReader(io.StringIO(
        runner.invoke(main, ["extract", HUZHOU, "--format", "csv"]).output)))
    assert len(rows) == len(table) and set(rows[0]) == set(table[0])


def test_table_format_carries_every_field(runner):
    from qmine.cli.writers import _cells
    from qmine.extract import FIELDS, extract_text

    out = runner.invoke(main, ["extract", HUZHOU, "--format", "table"]).output
    assert "批次合格率" in out and "indicators" in out and "doc:line" in out
    text = ("湖州市2026年工作要点\n一、2026年目标\n"
            "力争全市一般公共预算收入增长4%~5%，支出预算完成2~3亿元。")
    record = extract_text(text, doc="plan.txt")[0]
    assert (record.target and record.low is not None and record.section and record.concept
            and record.scope)
    assert record.region_code and record.doc_type
    carried = extract_text(text, doc="plan.txt")[1]
    assert carried.subject and carried.subject_from
    record.subject, record.subject_from = carried.subject, carried.subject_from  # every field set
    shown = "\n".join(cell.plain for cell in _cells(record))
    for field in FIELDS:
        value = getattr(record, field)
        assert (str(value) if field != "target" else "target") in shown, field


def test_stdin(runner):
    result = runner.invoke(main, ["extract", "-"], input="检查企业7159家次。".encode())
    assert json.loads(result.output)["doc"] == "-"


def test_missing_file_is_one_line_and_the_others_still_run(runner):
    result = runner.invoke(main, ["extract", HUZHOU, "missing.txt"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "qmine: missing.txt: no such file"
    assert len(result.stdout.splitlines()) > 100


def test_undecodable_file(runner, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(main, ["extract", str(bad)])
    assert result.exit_code == 1 and "bad.txt" in result.stderr and "Traceback" not in result.output


def test_broken_rule_file_is_a_usage_error(runner, tmp_path):
    rules = tmp_path / "r.toml"
    rules.write_text("[[rule]]\nid='x'\npattern='[{QTY}'", encoding="utf-8")
    result = runner.invoke(main, ["extract", HUZHOU, "--rules", str(rules)])
    assert result.exit_code == 2
    assert result.stderr.startswith("qmine: error: ") and "r.toml" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_output_file_is_written_whole(runner, tmp_path):
    out = tmp_path / "out.jsonl"
    assert runner.invoke(main, ["extract", HUZHOU, "-o", str(out)]).exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) > 100
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_eval_json(runner):
    result = runner.invoke(main, ["eval", "--gold", str(GOLD), "--docs", str(SAMPLES), "--json"])
    assert result.exit_code == 0
    overall = json.loads(result.output)["overall"]
    assert overall["gold"] == 143 and 0 <= overall["full_f1"] <= 1


def test_eval_without_documents_says_which(runner, tmp_path):
    result = runner.invoke(main, ["eval", "--gold", str(GOLD), "--docs", str(tmp_path)])
    assert result.exit_code == 2 and "not found" in result.stderr


def test_rules_list_and_test(runner):
    assert "quality.rate" in runner.invoke(main, ["rules", "list"]).output
    result = runner.invoke(main, ["rules", "test"])
    assert result.exit_code == 0 and "0 problems" in result.output


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_large_files_stream_in_pieces_with_the_same_output(runner, monkeypatch, jobs):
    from qmine.cli import batch
    from qmine.extract import job, pipeline

    args = ["extract", HUZHOU, str(SAMPLES / "xiangzhou-quality-2012-trad.txt"), "-j", jobs, "-v"]
    normal = runner.invoke(main, args)
    monkeypatch.setattr(batch, "LARGE_BYTES", 1000)
    monkeypatch.setattr(job, "LARGE_BYTES", 1000)
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 500)
    outcomes = list(batch.run([HUZHOU], batch.JobSpec(), 1))
    assert len(outcomes) > 2 and [o.final for o in outcomes][-2:] == [False, True]
    pieces = runner.invoke(main, args)
    assert pieces.exit_code == normal.exit_code == 0
    assert pieces.stdout == normal.stdout
    assert pieces.stderr == normal.stderr  # the same per-file encoding and record counts


def test_normalize_shows_the_working_text_and_its_map(runner, tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>檢查企業<span>5</span>家</p></body></html>", encoding="utf-8")
    result = runner.invoke(main, ["normalize", str(page)])
    assert "检查企业5家" in result.stdout and "read as markup" in result.stderr
    mapped = runner.invoke(main, ["normalize", str(page), "--map"]).stdout
    line = next(ln for ln in mapped.splitlines() if "检查企业" in ln)
    start, end = map(int, line.split("\t")[0].split("-"))
    assert page.read_text(encoding="utf-8")[start:end] == "檢查企業<span>5</span>家"


def test_repeated_copies_of_a_page_give_each_record_once(runner, tmp_path):
    copy = "检查企业5家，立案查处38起。\n"
    report = tmp_path / "r.txt"
    report.write_text(copy * 3, encoding="utf-8")
    result = runner.invoke(main, ["extract", str(report)])
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr == ""  # not a terminal: errors only
    assert ("4 repeated records dropped"
            in runner.invoke(main, ["extract", str(report), "-v"]).stderr)
    kept = runner.invoke(main, ["extract", str(report), "--keep-repeats"]).stdout
    assert len(kept.splitlines()) == 6


def test_eval_names_a_broken_gold_file_and_line(runner, tmp_path):
    (tmp_path / "x.txt.gold.jsonl").write_text("not json\n", encoding="utf-8")
    result = runner.invoke(main, ["eval", "--gold", str(tmp_path), "--docs", str(tmp_path)])
    assert result.exit_code == 2 and "x.txt.gold.jsonl:1: not a gold line" in result.stderr


def test_segment_shows_words_and_tags(runner):
    out = runner.invoke(main, ["segment", "全市政府性基金预算收入"]).output
    assert "政府性基金/n" in out and "全市/n" in out
