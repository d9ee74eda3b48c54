"""ruff (line length 100, the rules pyproject.toml selects) passes on the code, the tests
and the benchmarks: CI runs it here, with the test extra that installs ruff."""
import subprocess
import sys

import pytest
from conftest import ROOT


def test_ruff_passes():
    pytest.importorskip("ruff", reason="ruff is not installed (pip install '.[test]')")
    command = [sys.executable, "-m", "ruff", "check", "extract", "cli", "tests", "benchmarks"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_no_line_of_the_code_is_over_100_characters():
    """ruff counts a Chinese character as two columns; issue 9 counts characters: both hold."""
    long = [f"{path.relative_to(ROOT)}:{n}" for folder in ("extract", "cli")
            for path in sorted((ROOT / folder).rglob("*.py"))
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if len(line) > 100]
    assert not long, long
