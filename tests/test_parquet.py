"""Parquet output: typed columns that read back as the JSON Lines rows, types included."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import CORPUS, SAMPLES
from qmine.cli.main import main

pq = pytest.importorskip("pyarrow.parquet", reason="pip install 'qmine[parquet]'")

QMINE = [sys.executable, "-m", "qmine.cli", "extract"]
INPUTS = sorted(SAMPLES.glob("*.txt")) + (sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else [])


def as_json_types(row: dict, schema) -> dict:
    """A Parquet row with each float64 that is whole read as an int, as qmine writes
    whole numbers (tidy_number): what makes the two formats comparable, type for type."""
    out = {}
    for name, value in row.items():
        if (
            schema.field(name).type == "double"
            and value is not None
            and value.is_integer()
            and abs(value) < 2**53
        ):
            value = int(value)
        out[name] = value
    return out


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")
def test_parquet_equals_json_lines_row_for_row_on_the_corpus(tmp_path):
    jsonl, parquet = tmp_path / "r.jsonl", tmp_path / "r.parquet"
    for out in (jsonl, parquet):
        result = subprocess.run(
            QMINE + [*map(str, INPUTS), "-j", "2", "-o", str(out)],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    table = pq.read_table(parquet)
    assert str(table.schema.field("start").type) == "int64"
    assert str(table.schema.field("target").type) == "bool"
    assert str(table.schema.field("value").type) == "double"
    back = [as_json_types(r, table.schema) for r in table.to_pylist()]
    assert len(back) == len(rows) > 1000
    for got, want in zip(back, rows):
        assert got == want
        assert [type(v) for v in got.values()] == [type(v) for v in want.values()]


def test_parquet_is_streamed_in_row_groups_in_input_order(tmp_path, monkeypatch):
    from qmine.cli import parquet

    monkeypatch.setattr(parquet, "ROW_GROUP_ROWS", 50)
    out = tmp_path / "r.parquet"
    result = CliRunner().invoke(main, ["extract", *map(str, INPUTS[:2]), "-j", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    meta = pq.ParquetFile(out).metadata
    assert meta.num_rows > 100 and meta.num_row_groups == -(-meta.num_rows // 50)
    docs = pq.read_table(out, columns=["doc"]).column("doc").to_pylist()
    assert docs == sorted(docs, key=[str(p) for p in INPUTS[:2]].index)


def test_parquet_needs_a_file_and_says_which_extra_without_pyarrow(tmp_path, monkeypatch):
    runner = CliRunner()
    no_file = runner.invoke(main, ["extract", str(INPUTS[0]), "--format", "parquet"])
    assert no_file.exit_code == 2 and "needs -o FILE.parquet" in no_file.stderr
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    out = tmp_path / "r.parquet"
    result = runner.invoke(main, ["extract", str(INPUTS[0]), "-o", str(out)])
    assert result.exit_code == 2
    assert (
        result.stderr
        == "qmine: error: Parquet output needs pyarrow: pip install 'qmine[parquet]'\n"
    )
    assert not out.exists()


def test_interrupted_parquet_leaves_the_previous_file(tmp_path, monkeypatch):
    from qmine.cli import writers

    out = tmp_path / "r.parquet"
    out.write_bytes(b"previous")

    def interrupt(self, rendered, records=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(writers.Writer, "emit", interrupt)
    result = CliRunner().invoke(main, ["extract", str(INPUTS[0]), "-o", str(out)])
    assert result.exit_code == 130
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["r.parquet"]
