"""The README's pytest examples run as written: each Python block that defines tests becomes a test
file in an empty project whose pytest.ini is the README's ini block, with only the plugin installed."""
import os
import re
from pathlib import Path

import pytest

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
BLOCKS = [(README[: m.start()].count("\n") + 1, m.group(2)) for m in re.finditer(r"^```(\w*)\n(.*?)^```", README, re.M | re.S) if m.group(1) == "python" and "def test_" in m.group(2)]
INI = next(m.group(1) for m in re.finditer(r"^```ini\n(.*?)^```", README, re.M | re.S))


def test_the_readme_has_a_pytest_example():
    assert len(BLOCKS) >= 1


@pytest.mark.parametrize("line,code", BLOCKS, ids=[f"README.md:{line}" for line, _ in BLOCKS])
def test_readme_block(pytester, line, code):
    pytester.makeini(INI.replace("[pytest]", f"[pytest]\nlakefs_emulator_path = {os.environ['LAKEFS_EMULATOR_PATH']}", 1))
    pytester.makepyfile(**{f"test_readme_{line}": code})
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=code.count("def test_"))
