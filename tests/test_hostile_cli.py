"""Hostile input at the command line (issue 10): every case ends in one line on stderr,
never a traceback; the other files of a batch go on; no output file is half-written."""
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from qmine.cli.main import main

from conftest import SAMPLES

QMINE = [sys.executable, "-m", "qmine.cli"]
HUZHOU = SAMPLES / "huzhou-quality-2013.txt"


def qmine(*args, **kw):
    """``qmine extract ARGS`` in a fresh process."""
    kw.setdefault("capture_output", True)
    return subprocess.run(QMINE + ["extract"] + [str(a) for a in args], text=True, timeout=300, **kw)


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


@pytest.fixture
def runner():
    return CliRunner()


def test_odd_utf16_file_fails_alone_in_a_parallel_batch(tmp_path):
    odd = tmp_path / "odd.txt"
    odd.write_bytes(b"\xff\xfeA\x00B")  # a UTF-16 BOM, then an odd number of bytes
    good = tmp_path / "good.txt"
    good.write_bytes(HUZHOU.read_bytes())
    result = qmine(odd, good, "-j", "2")
    assert result.returncode == 1
    assert one_line(result.stderr).startswith(f"qmine: {odd}: ")
    docs = {json.loads(line)["doc"] for line in result.stdout.splitlines()}
    assert docs == {str(good)}
