"""pytest plugin: a lakefs-emulator for the session, a fresh world for every test.

Fixtures:
    lakefs_emulator      (session) the running :class:`Emulator`: endpoints, keys, control API
    lakefs_emulator_fresh  the same, reset to the scenario's initial state and journal cleared
    lakefs_client          a ``lakefs.Client`` for it (the high-level SDK)
    lakefs_sdk_client      a ``lakefs_sdk.ApiClient`` configured for it
    lakefs_legacy_client   a ``lakefs_client.client.LakeFSClient`` (the legacy client)
    lakefs_s3_gateway      a boto3 S3 client for lakeFS's S3 gateway (buckets are repositories)
    lakefs_s3_store        a boto3 S3 client for the fake object store (the buckets imports read)
    lakefs_time            an :class:`EmulatorTime`: ``time.sleep`` and ``asyncio.sleep`` move the emulator clock

Marker ``@pytest.mark.lakefs_scenario("stalled-import", "extra.json", {...})`` runs one test in another
world (shipped names, files or dicts); the session's scenario is back for the next test.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator

import pytest

from .emulator import Emulator, EmulatorTime, find_command

OPTIONS = {
    "path": ("a lakefs-emulator package or checkout to run (default: node_modules/lakefs-emulator above the rootdir, else npx)", "LAKEFS_EMULATOR_PATH"),
    "scenario": ("scenario for the session: a shipped name or a file; repeat to add more", "LAKEFS_EMULATOR_SCENARIO"),
    "args": ("more flags for the emulator, e.g. '--seed 7 --clock-mode scaled'", "LAKEFS_EMULATOR_ARGS"),
}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("lakefs-emulator")
    for name, (help_text, env) in OPTIONS.items():
        flag = f"--lakefs-emulator-{name}"
        action = "append" if name == "scenario" else "store"
        group.addoption(flag, action=action, dest=f"lakefs_emulator_{name}", help=f"{help_text} (env {env})")
        parser.addini(f"lakefs_emulator_{name}", help_text, type="linelist" if name == "scenario" else "string")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "lakefs_scenario(*scenarios): run this test in another world (shipped names, files or dicts)")


def _setting(config: pytest.Config, name: str) -> Any:
    given = config.getoption(f"lakefs_emulator_{name}")
    if given:
        return given
    env = os.environ.get(OPTIONS[name][1])
    if env:
        return env.split(",") if name == "scenario" else env
    return config.getini(f"lakefs_emulator_{name}") or None


@pytest.fixture(scope="session")
def lakefs_emulator(pytestconfig: pytest.Config) -> Iterator[Emulator]:
    """One emulator for the session, on free ports; stopped (the port freed) when the session ends."""
    root = Path(str(pytestconfig.rootpath))
    path = _setting(pytestconfig, "path")
    scenarios = [s if Path(s).is_absolute() or not (root / s).is_file() else str(root / s) for s in _setting(pytestconfig, "scenario") or []]
    args = (_setting(pytestconfig, "args") or "").split()
    emulator = Emulator(find_command(path, root), scenarios=scenarios, args=args, cwd=root)
    with emulator:
        yield emulator


@pytest.fixture
def lakefs_emulator_fresh(lakefs_emulator: Emulator, request: pytest.FixtureRequest) -> Iterator[Emulator]:
    """The session's emulator in a fresh world: the test's ``lakefs_scenario`` marker, else the session's scenario."""
    marker = request.node.get_closest_marker("lakefs_scenario")
    if marker is not None:
        lakefs_emulator.load_scenario(*marker.args)
    else:
        lakefs_emulator.reset()
    lakefs_emulator.clear_journal()
    yield lakefs_emulator
    if marker is not None:
        lakefs_emulator.restore_scenario()


@pytest.fixture
def lakefs_client(lakefs_emulator_fresh: Emulator) -> Any:
    from lakefs.client import Client

    e = lakefs_emulator_fresh
    return Client(host=e.url, username=e.access_key_id, password=e.secret_access_key)


@pytest.fixture
def lakefs_sdk_client(lakefs_emulator_fresh: Emulator) -> Iterator[Any]:
    import lakefs_sdk

    e = lakefs_emulator_fresh
    configuration = lakefs_sdk.Configuration(host=e.endpoint, username=e.access_key_id, password=e.secret_access_key)
    with lakefs_sdk.ApiClient(configuration) as client:
        yield client


@pytest.fixture
def lakefs_legacy_client(lakefs_emulator_fresh: Emulator) -> Any:
    import lakefs_client
    from lakefs_client.client import LakeFSClient

    e = lakefs_emulator_fresh
    configuration = lakefs_client.Configuration(host=e.endpoint, username=e.access_key_id, password=e.secret_access_key)
    return LakeFSClient(configuration)


def _boto3_s3(endpoint: str, e: Emulator) -> Any:
    import boto3

    return boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id=e.access_key_id, aws_secret_access_key=e.secret_access_key,
        region_name="us-east-1",
    )


@pytest.fixture
def lakefs_s3_gateway(lakefs_emulator_fresh: Emulator) -> Any:
    return _boto3_s3(lakefs_emulator_fresh.url, lakefs_emulator_fresh)


@pytest.fixture
def lakefs_s3_store(lakefs_emulator_fresh: Emulator) -> Any:
    return _boto3_s3(lakefs_emulator_fresh.s3_endpoint, lakefs_emulator_fresh)


@pytest.fixture
def lakefs_time(lakefs_emulator_fresh: Emulator, monkeypatch: pytest.MonkeyPatch) -> EmulatorTime:
    """``time.sleep``/``asyncio.sleep`` move the emulator clock instead of waiting (see :class:`EmulatorTime`)."""
    return EmulatorTime(lakefs_emulator_fresh).install(monkeypatch)
