"""
The real-client tier: lakeFS's own Python clients (lakefs_sdk, the lakefs wrapper and the legacy
lakefs_client, unchanged, from LAKEFS_PYTHON_CLIENTS, default ../shared/clients/python) drive the
built CLI (dist/cli.js) over HTTP. One emulator runs for the session on a free port with a manual
clock; every test starts from a fresh world (PUT /_emulator/scenario), so values are exact.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = Path(os.environ.get("LAKEFS_PYTHON_CLIENTS", ROOT.parent / "shared" / "clients" / "python")).resolve()
if not (CLIENTS / "lakefs_sdk").is_dir():
    raise pytest.UsageError(f"lakeFS's Python clients not found at {CLIENTS} (set LAKEFS_PYTHON_CLIENTS)")
sys.path.insert(0, str(CLIENTS))

import lakefs  # noqa: E402
import lakefs_client  # noqa: E402
import lakefs_sdk  # noqa: E402
from lakefs.client import Client  # noqa: E402
from lakefs_client.client import LakeFSClient as LegacyClient  # noqa: E402

ACCESS_KEY_ID = "AKIAIOSFOLQUICKSTART"
SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
T0 = "2024-01-15T10:00:00Z"
T0_SECONDS = 1705312800

# The world every test starts from: a sample bucket to import from and one empty repository.
WORLD = {
    "version": 1,
    "seed": 1,
    "blockstore": {"type": "s3"},
    "clock": {"start": T0, "mode": "manual"},
    "store": {
        "objects": [
            {"uri": "s3://sample-bucket/data/lakes.csv", "content": "name,area\nSuperior,82100\n", "lastModified": "2024-01-01T00:00:00Z"},
            {"uri": "s3://sample-bucket/data/rivers.csv", "content": "name,length\nNile,6650\n", "lastModified": "2024-01-01T00:00:00Z"},
            {"uri": "s3://sample-bucket/manifest.json", "content": "{\"files\": 2}", "lastModified": "2024-01-01T00:00:00Z"},
        ],
        "generate": [
            {"prefix": "s3://sample-bucket/logs/", "keys": ["day={01..10}/part-{1..30}.log"], "size": 64, "lastModified": "2024-01-01T00:00:00Z"},
        ],
    },
    "repositories": [
        {"name": "example", "storageNamespace": "s3://example-bucket/repos/example", "defaultBranch": "main"},
    ],
}


class Emulator:
    """The CLI as a child process, and its control API."""

    def __init__(self) -> None:
        cli = ROOT / "dist" / "cli.js"
        if not cli.is_file():
            raise pytest.UsageError(f"{cli} is missing: run `npm run build` first")
        self.proc = subprocess.Popen(
            ["node", str(cli), "--port", "0", "--clock-mode", "manual", "--log-level", "info"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.output: list[str] = []
        deadline = time.monotonic() + 30
        assert self.proc.stdout is not None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("the emulator exited before listening:\n" + "".join(self.output))
            self.output.append(line)
            m = re.search(r"listening on (http://[\d.]+:\d+)", line)
            if m:
                self.url = m.group(1)
            s3 = re.search(r"fake store at (http://[\d.]+:\d+)", line)
            if s3:
                self.s3_url = s3.group(1)
                break
            if time.monotonic() > deadline:
                raise RuntimeError("the emulator did not start within 30 s:\n" + "".join(self.output))
        # Keep draining its output so a full pipe never blocks it.
        threading.Thread(target=lambda: self.output.extend(self.proc.stdout), daemon=True).start()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def control(self, method: str, path: str, body: object | bytes | None = None) -> object | None:
        data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.url}/_emulator{path}", data=data, method=method)
        if data is not None and not isinstance(body, bytes):
            req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req) as res:
            text = res.read()
            return json.loads(text) if text else None

    def load(self, scenario: dict) -> None:
        self.control("PUT", "/scenario", scenario)

    def advance(self, ms: int) -> None:
        self.control("POST", "/clock/advance", {"ms": ms})

    def put_object(self, uri: str, data: bytes) -> dict:
        return self.control("PUT", f"/objects?uri={urllib.request.quote(uri, safe='')}", data)  # type: ignore[return-value]


@pytest.fixture(scope="session")
def emulator():
    emu = Emulator()
    yield emu
    emu.stop()


@pytest.fixture(autouse=True)
def world(emulator: Emulator):
    """A fresh world for every test; returns the scenario so a test can load a variant."""
    emulator.load(WORLD)
    return WORLD


@pytest.fixture
def client(emulator: Emulator) -> Client:
    """The wrapper's client (`lakefs.Client`), as a user configures it."""
    return Client(host=emulator.url, username=ACCESS_KEY_ID, password=SECRET_ACCESS_KEY)


@pytest.fixture
def repo(client: Client) -> lakefs.Repository:
    return lakefs.Repository("example", client=client)


@pytest.fixture
def sdk(emulator: Emulator) -> lakefs_sdk.client.LakeFSClient:
    """The generated low-level client."""
    config = lakefs_sdk.Configuration(host=f"{emulator.url}/api/v1", username=ACCESS_KEY_ID, password=SECRET_ACCESS_KEY)
    return lakefs_sdk.client.LakeFSClient(config)


@pytest.fixture
def legacy(emulator: Emulator) -> LegacyClient:
    """The legacy client, configured as the lakeFS documentation shows."""
    configuration = lakefs_client.Configuration()
    configuration.username = ACCESS_KEY_ID
    configuration.password = SECRET_ACCESS_KEY
    configuration.host = emulator.url
    return LegacyClient(configuration)


class Ticker:
    """Moves the manual clock forward in the background, as time passes for a client that sleeps."""

    def __init__(self, emulator: Emulator, step_ms: int, every_s: float) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(emulator, step_ms, every_s), daemon=True)
        self._thread.start()

    def _run(self, emulator: Emulator, step_ms: int, every_s: float) -> None:
        while not self._stop.wait(every_s):
            emulator.advance(step_ms)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


@pytest.fixture
def ticker(emulator: Emulator):
    """Starts a Ticker (1 emulator second every 10 ms by default) and stops it after the test."""
    started: list[Ticker] = []

    def start(step_ms: int = 1000, every_s: float = 0.01) -> Ticker:
        t = Ticker(emulator, step_ms, every_s)
        started.append(t)
        return t

    yield start
    for t in started:
        t.stop()


def boto3_client(endpoint: str, secret: str = SECRET_ACCESS_KEY, key: str = ACCESS_KEY_ID):
    """boto3's S3 client as a pipeline configures it for a local endpoint (path style, one attempt)."""
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id=key, aws_secret_access_key=secret, region_name="us-east-1",
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1, "mode": "standard"}),
    )


@pytest.fixture
def s3_store(emulator: Emulator):
    """boto3 at the fake store's S3 endpoint (the bucket a pipeline writes to before importing)."""
    return boto3_client(emulator.s3_url)


@pytest.fixture
def s3_gateway(emulator: Emulator):
    """boto3 at lakeFS's S3 gateway (the lakeFS port)."""
    return boto3_client(emulator.url)


def pytest_addoption(parser):
    parser.addoption(
        "--min-items-for-coverage", type=int, default=40,
        help="the coverage check runs only when at least this many tests were collected (the whole tier)",
    )
