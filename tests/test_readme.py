"""The README opens with the two commands a newcomer runs; CI runs the second."""
import re

from conftest import ROOT


def test_readme_opens_with_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.S).group(1).strip().splitlines()
    assert len(block) == 2
    assert "qmine extract samples/" in block[0]
    test_command = block[1].split("&& ", 1)[1]          # what follows making the venv
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command.replace(".venv/bin/", "") in ci
