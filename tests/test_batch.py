"""Batches through real processes: exit codes, pipes, signals, order under -j."""
import json
import signal
import subprocess
import sys
import time

import pytest
from conftest import SAMPLES

QMINE = [sys.executable, "-m", "qmine.cli"]
HUZHOU = SAMPLES / "huzhou-quality-2013.txt"
XIANGZHOU = SAMPLES / "xiangzhou-quality-2012-trad.txt"


def qmine(*args, **kw):
    """``qmine extract ARGS`` in a fresh process."""
    return subprocess.run(QMINE + ["extract"] + [str(a) for a in args], capture_output=True,
                          text=True, timeout=300, check=False, **kw)


@pytest.fixture
def folder(tmp_path):
    for i in range(6):
        src = HUZHOU if i % 2 else XIANGZHOU
        (tmp_path / f"r{i}.txt").write_bytes(src.read_bytes())
    return tmp_path


def test_good_files_and_a_missing_one(folder):
    result = qmine(folder / "r0.txt", folder / "r1.txt", "missing.txt")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["qmine: missing.txt: no such file"]
    docs = {json.loads(line)["doc"] for line in result.stdout.splitlines()}
    assert docs == {str(folder / "r0.txt"), str(folder / "r1.txt")}


def test_broken_file_among_good_ones_in_parallel(folder):
    (folder / "r3.txt").write_bytes(b"\x00\x01\x02")
    result = qmine(folder, "-j", "2")
    assert result.returncode == 1
    assert "r3.txt: looks binary" in result.stderr and "Traceback" not in result.stderr
    docs = [json.loads(line)["doc"] for line in result.stdout.splitlines()]
    assert sorted(set(docs)) == [str(folder / f"r{i}.txt") for i in (0, 1, 2, 4, 5)]


def test_order_is_the_same_whatever_jobs(folder):
    one = qmine(folder, "-j", "1").stdout
    two = qmine(folder, "-j", "2").stdout
    assert one == two and len(one.splitlines()) > 300
    docs = [json.loads(line)["doc"] for line in one.splitlines()]
    assert docs == sorted(docs)


def test_usage_error_is_exit_2():
    result = qmine()
    assert result.returncode == 2 and "PATH" in result.stderr


def test_closed_pipe_ends_quietly(folder):
    p1 = subprocess.Popen(QMINE + ["extract", str(folder), "-j", "1"], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    p2 = subprocess.Popen(["head", "-n", "1"], stdin=p1.stdout, stdout=subprocess.PIPE)
    p1.stdout.close()
    first = p2.communicate(timeout=120)[0]
    err = p1.communicate(timeout=120)[1].decode()
    assert json.loads(first)["doc"].endswith("r0.txt")
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_failed_input_writes_the_others_and_strict_writes_nothing(folder):
    """One rule for both engines: what succeeded is written, each failure said, exit 1;
    --strict keeps the previous FILE; --partial (the old flag) is the default now."""
    out = folder / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    strict = qmine(folder / "r0.txt", "missing.txt", "-o", out, "--strict")
    assert strict.returncode == 1 and "out.jsonl not written: 1 input(s) failed" in strict.stderr
    assert out.read_text(encoding="utf-8") == "previous\n"
    for flags in ((), ("--partial",)):
        out.write_text("previous\n", encoding="utf-8")
        result = qmine(folder / "r0.txt", "missing.txt", "-o", out, *flags)
        assert result.returncode == 1
        assert result.stderr.strip().splitlines() == ["qmine: missing.txt: no such file"]
        docs = {json.loads(line)["doc"] for line in out.read_text(encoding="utf-8").splitlines()}
        assert docs == {str(folder / "r0.txt")}
    assert not [p for p in folder.iterdir() if p.name.endswith(".part")]
    assert qmine(folder / "r0.txt", "-o", out, "--strict", "--partial").returncode == 2


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_batch_leaves_output_file_intact(folder, sig):
    for i in range(6, 400):
        (folder / f"r{i}.txt").write_bytes(HUZHOU.read_bytes())
    out = folder / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    p = subprocess.Popen(QMINE + ["extract", str(folder), "-o", str(out), "-j", "2"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while not [q for q in folder.iterdir() if q.name.endswith(".part")] and time.time() < deadline:
        time.sleep(0.05)  # the batch is writing: its temporary file exists
    time.sleep(0.5)
    p.send_signal(sig)
    _, err = p.communicate(timeout=120)
    assert p.returncode != 0
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert not [q for q in folder.iterdir() if q.name.endswith(".part")]
    assert "Traceback" not in err.decode(), err.decode()


def test_excel_csv_starts_with_a_bom(folder):
    out = folder / "out.csv"
    assert qmine(folder / "r0.txt", "--excel", "-o", out).returncode == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfdoc,indicator,")


def test_fail_fast_stops_at_the_first_failure(folder):
    result = qmine(folder / "r0.txt", "missing.txt", folder / "r1.txt", "--fail-fast")
    assert result.returncode == 1
    docs = {json.loads(line)["doc"] for line in result.stdout.splitlines()}
    assert docs == {str(folder / "r0.txt")}


def test_files_from_stdin(folder):
    listing = f"{folder / 'r2.txt'}\n{folder / 'r1.txt'}\n"
    result = qmine("--files-from", "-", "-j", "2", input=listing)
    assert result.returncode == 0
    docs = [json.loads(line)["doc"] for line in result.stdout.splitlines()]
    assert docs[0] == str(folder / "r2.txt") and docs[-1] == str(folder / "r1.txt")
