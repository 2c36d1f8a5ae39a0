"""Starts one lakeFS emulator for the test session and gives tests a lakeFS SDK client for it.

The emulator comes from npm (`npm install --save-dev lakefs-emulator` beside your Python project, or
`npx` fetching it). Each test gets a fresh world: the fixture resets the emulator through its
control API, so tests never see each other's imports.
"""
import os
import re
import subprocess
import urllib.request

import lakefs
import pytest

SCENARIO = os.environ.get("LAKEFS_EMULATOR_SCENARIO", "node_modules/lakefs-emulator/scenarios/daily-drop.json")


@pytest.fixture(scope="session")
def emulator_url():
    # Port 0: any free port; the banner's first line says which. Scaled time (x100) makes a paced
    # import of thousands of objects finish in well under a second of wall time.
    proc = subprocess.Popen(
        ["npx", "--no-install", "lakefs-emulator", "--port", "0", "--scenario", SCENARIO,
         "--clock-mode", "scaled", "--clock-speed", "100"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    first = proc.stdout.readline()
    match = re.search(r"listening on (http://\S+)", first)
    if not match:
        proc.kill()
        raise RuntimeError(f"lakefs-emulator did not start: {first}{proc.stdout.read()}")
    yield match.group(1)
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def client(emulator_url):
    urllib.request.urlopen(urllib.request.Request(f"{emulator_url}/_emulator/reset", method="POST"))
    return lakefs.Client(
        host=emulator_url,
        username="AKIAIOSFOLQUICKSTART",
        password="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    )
