"""The README's Python blocks run as written. Each that defines tests becomes a test file in an empty
project whose pytest.ini is the README's ini block, with only the plugin installed; the others are
sessions, run as scripts against an emulator."""
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pytest_lakefs_emulator import Emulator, find_command

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


# The README's Python sessions (blocks without tests), each run as a script against an emulator started
# with the scenario its section names, on free ports that replace 8000 and 9000 in its text.
SESSIONS = {
    'import lakefs\n\nclient = lakefs.Client(host="http://127.0.0.1:8000",': ("daily-drop", ["raw/2024/\nraw/manifest.json\n", "b'{\"date\":\"2024-01-15\",\"parts\":3,\"files_per_part\":2000}'", 'path="notes.txt"']),
    "import boto3, lakefs\nfrom lakefs.client import Client\n\nKEY, SECRET": ("default", ["b'name,area\\nErie,25700\\n'"]),
    "import threading, lakefs": ("default", ["412 True"]),
    "import boto3, lakefs\nfrom lakefs.client import Client\n\nGATE": ("default", ["412 ", "data/broken.csv: no 'name' column"]),
}
ALL_BLOCKS = [(README[: m.start()].count("\n") + 1, textwrap.dedent(m.group(2))) for m in re.finditer(r"^( *)```python\n(.*?)^\1```", README, re.M | re.S)]


def test_every_python_block_is_a_test_file_or_a_session_run_here():
    unrun = [line for line, code in ALL_BLOCKS if "def test_" not in code and not any(code.startswith(k) for k in SESSIONS)]
    assert unrun == []


@pytest.mark.parametrize("start", list(SESSIONS), ids=[k.split("\n")[0][:40] for k in SESSIONS])
def test_readme_session(start, tmp_path):
    scenario, expected = SESSIONS[start]
    line, code = next((line, code) for line, code in ALL_BLOCKS if code.startswith(start))
    with Emulator(find_command(os.environ["LAKEFS_EMULATOR_PATH"]), scenarios=[scenario]) as emulator:
        code = code.replace("http://127.0.0.1:8000", emulator.url).replace("http://127.0.0.1:9000", emulator.s3_endpoint)
        script = tmp_path / f"readme_{line}.py"
        script.write_text(code)
        result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
        log = "".join(emulator.log)
    assert result.returncode == 0, f"README.md:{line}\n{result.stdout}{result.stderr}\nemulator:\n{log}"
    for text in expected:
        assert text in result.stdout, f"README.md:{line}: {text!r} not in\n{result.stdout}"
