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
