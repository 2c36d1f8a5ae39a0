"""The emulator as a child process, its control API, and a clock that follows the test's sleeps.

Standard library only: the plugin must not pull anything into a project beyond pytest itself.
"""
from __future__ import annotations

import asyncio
import base64
import collections
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence, Union

QUICKSTART_KEY = ("AKIAIOSFOLQUICKSTART", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
PACKAGE = "lakefs-emulator"


class EmulatorError(RuntimeError):
    """The emulator could not be found or started, or its control API refused a call."""


def find_command(path: Optional[str] = None, start: Optional[Path] = None) -> list[str]:
    """How to run the emulator, in this order:

    - ``path``: a lakefs-emulator package or checkout (``DIR/dist/cli.js``), or the CLI script itself;
    - the npm package installed in ``node_modules`` of ``start`` or a folder above it;
    - ``npx --yes lakefs-emulator`` (npm fetches it).

    The first two run ``node`` on the CLI directly, so a signal reaches the emulator itself.
    """
    node = shutil.which("node") or "node"
    if path:
        target = Path(path).expanduser().resolve()
        cli = target if target.is_file() else target / "dist" / "cli.js"
        if not cli.is_file():
            hint = " (a checkout needs `npm install && npm run build` first)" if (target / "package.json").is_file() else ""
            raise EmulatorError(f"lakefs-emulator not found at {target}: no {cli.name if target.is_file() else 'dist/cli.js'}{hint}")
        return [node, str(cli)]
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        cli = candidate / "node_modules" / PACKAGE / "dist" / "cli.js"
        if cli.is_file():
            return [node, str(cli)]
    npx = shutil.which("npx")
    if npx is None:
        raise EmulatorError(
            "lakefs-emulator not found: no node_modules/lakefs-emulator above "
            f"{folder}, no --lakefs-emulator-path, and no npx on PATH"
        )
    return [npx, "--yes", PACKAGE]


class Emulator:
    """One emulator process on free ports, and its control API (``/_emulator``).

    Use it as a context manager, or call :meth:`start` and :meth:`stop`.
    """

    def __init__(
        self,
        command: Sequence[str],
        scenarios: Iterable[str] = (),
        args: Iterable[str] = (),
        env: Optional[dict[str, str]] = None,
        cwd: Optional[Union[str, Path]] = None,
        start_timeout: float = 120.0,
    ) -> None:
        self.command = list(command)
        self.args = [*(a for s in scenarios for a in ("--scenario", str(s))), *args]
        self.env = env
        self.cwd = cwd
        self.start_timeout = start_timeout
        self.control_token = (env or os.environ).get("LAKEFS_EMULATOR_CONTROL_TOKEN")
        self.url = ""
        self.s3_endpoint = ""
        #: The fake store's GCS JSON API: what STORAGE_EMULATOR_HOST names for Google's clients.
        self.gcs_endpoint = ""
        #: The fake store's Azure Blob endpoint for Azurite's account (``.../devstoreaccount1``).
        self.azure_blob_endpoint = ""
        self.access_key_id, self.secret_access_key = QUICKSTART_KEY
        self.log: collections.deque[str] = collections.deque(maxlen=2000)
        self._proc: Optional[subprocess.Popen[str]] = None
        self._initial_scenario: Optional[dict[str, Any]] = None

    # -- process ---------------------------------------------------------------------------------

    def start(self) -> "Emulator":
        argv = [*self.command, "--port", "0", "--s3-port", "0", "--gcs-port", "0", "--azure-port", "0", *self.args]
        env = {**os.environ, **(self.env or {})}
        # Its own process group, so stop() ends npx, npm and the emulator together.
        self._proc = subprocess.Popen(
            argv, cwd=self.cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )
        listening = self._read_banner(argv)
        self.url = listening
        threading.Thread(target=self._drain, daemon=True).start()
        scenario = self.control("GET", "/scenario")
        assert isinstance(scenario, dict)
        self._initial_scenario = scenario
        credentials = scenario.get("credentials") or []
        if credentials:
            self.access_key_id = credentials[0]["accessKeyId"]
            self.secret_access_key = credentials[0]["secretAccessKey"]
        return self

    def _read_banner(self, argv: list[str]) -> str:
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        timer = threading.Timer(self.start_timeout, lambda: self._kill_group(signal.SIGKILL))
        timer.start()
        try:
            url = ""
            for line in proc.stdout:
                self.log.append(line)
                found = re.search(r"listening on (http://\S+?) ", line)
                url = found.group(1) if found else url
                store = re.search(r"^\s+(S3|GCS|Azure Blob):\s+fake store at (http://\S+?) ", line)
                if store:
                    setattr(self, {"S3": "s3_endpoint", "GCS": "gcs_endpoint", "Azure Blob": "azure_blob_endpoint"}[store.group(1)], store.group(2))
                if "control API:" in line:
                    return url
        finally:
            timer.cancel()
        self.stop()
        raise EmulatorError(f"lakefs-emulator did not start ({' '.join(argv)}):\n{''.join(self.log)}")

    def _drain(self) -> None:
        proc = self._proc
        if proc is not None and proc.stdout is not None:
            for line in proc.stdout:
                self.log.append(line)

    def _kill_group(self, sig: int) -> None:
        if self._proc is not None and self._proc.poll() is None:
            try:
                os.killpg(self._proc.pid, sig)
            except ProcessLookupError:
                pass

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM to the emulator's process group, then SIGKILL if it has not exited in time."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        self._proc = proc
        self._kill_group(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._kill_group(signal.SIGKILL)
            proc.wait(timeout=timeout)
        self._proc = None

    @property
    def pid(self) -> Optional[int]:
        return self._proc.pid if self._proc else None

    def __enter__(self) -> "Emulator":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- endpoints -------------------------------------------------------------------------------

    @property
    def endpoint(self) -> str:
        """The lakeFS API: what lakeFS SDKs take as ``host``."""
        return f"{self.url}/api/v1"

    @property
    def authorization(self) -> str:
        token = base64.b64encode(f"{self.access_key_id}:{self.secret_access_key}".encode()).decode()
        return f"Basic {token}"

    # -- control API -----------------------------------------------------------------------------

    def control(self, method: str, path: str, body: Any = None, query: Optional[dict[str, Any]] = None) -> Any:
        """Calls ``/_emulator{path}``; returns the parsed JSON answer (None for 204)."""
        url = f"{self.url}/_emulator{path}"
        if query:
            url += "?" + urllib.parse.urlencode({k: v for k, v in query.items() if v is not None})
        headers = {}
        data = None
        if isinstance(body, (bytes, bytearray)):
            data, headers["Content-Type"] = bytes(body), "application/octet-stream"
        elif body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        if self.control_token:
            headers["Authorization"] = f"Bearer {self.control_token}"
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as res:
                text = res.read().decode()
        except urllib.error.HTTPError as err:
            raise EmulatorError(f"{method} /_emulator{path}: {err.code} {err.read().decode()}") from None
        return json.loads(text) if text else None

    def reset(self) -> None:
        """Back to the loaded scenario's initial state: world, clock and fault-rule counters."""
        self.control("POST", "/reset")

    def load_scenario(self, *refs: Union[str, Path, dict[str, Any]]) -> None:
        """Replaces the world and the fault rules: scenario objects, JSON files, or shipped names."""
        parts = [self._scenario(ref) for ref in refs]
        # A list: the emulator merges it as repeated --scenario flags are merged.
        self.control("PUT", "/scenario", parts[0] if len(parts) == 1 else parts)

    def restore_scenario(self) -> None:
        """Back to the scenario the session started with."""
        if self._initial_scenario is not None:
            self.control("PUT", "/scenario", self._initial_scenario)

    def _scenario(self, ref: Union[str, Path, dict[str, Any]]) -> dict[str, Any]:
        if isinstance(ref, dict):
            return ref
        path = Path(ref)
        if not path.is_file() and re.fullmatch(r"[\w-]+", str(ref)):
            shipped = self.scenarios_folder() / f"{ref}.json"
            if not shipped.is_file():
                names = sorted(p.stem for p in self.scenarios_folder().glob("*.json") if p.stem != "scenario.schema")
                raise EmulatorError(f"no scenario file or shipped scenario named {str(ref)!r}; shipped: {', '.join(names)}")
            path = shipped
        with open(path, encoding="utf-8") as f:
            return json.load(f)

    def scenarios_folder(self) -> Path:
        """The package's shipped scenarios (next to the CLI that runs)."""
        for part in self.command:
            if part.endswith("cli.js"):
                return Path(part).resolve().parents[1] / "scenarios"
        loaded = next((line for line in self.log if "scenarios:" in line), "")
        found = re.search(r"scenarios:\s+(\S+)/default\.json", loaded)
        if found:
            return Path(found.group(1))
        raise EmulatorError("cannot tell where this emulator's shipped scenarios are; pass a file path")

    def journal(self, operation: Optional[str] = None, limit: Optional[int] = None) -> list[dict[str, Any]]:
        """Requests the emulator saw, oldest first (``operation``: a lakeFS operationId)."""
        return self.control("GET", "/journal", query={"operation": operation, "limit": limit})["entries"]

    def clear_journal(self) -> None:
        self.control("DELETE", "/journal")

    def coverage(self) -> dict[str, Any]:
        return self.control("GET", "/coverage")

    def imports(self) -> list[dict[str, Any]]:
        return self.control("GET", "/imports")["imports"]

    def clock(self) -> dict[str, Any]:
        """Emulator time: ``{"now": ..., "mode": ..., ...}``."""
        return self.control("GET", "/clock")

    def advance(self, seconds: float) -> dict[str, Any]:
        """Moves emulator time; returns once imports have done the work it allows."""
        return self.control("POST", "/clock/advance", {"ms": max(0, round(seconds * 1000))})

    def put_object(self, uri: str, data: Union[bytes, str]) -> dict[str, Any]:
        """Writes an object into the fake store (``s3://bucket/key``, ``gs://...``)."""
        return self.control("PUT", "/objects", data.encode() if isinstance(data, str) else data, {"uri": uri})


class EmulatorTime:
    """Makes the test's time and the emulator's move together.

    While installed, ``time.sleep(s)`` and ``asyncio.sleep(s)`` do not wait: they move the emulator's
    clock by ``s`` (imports, status ticks, stalls, fault windows follow) and return once it has done
    the work that time allows; ``time.time()``, ``time.monotonic()`` and ``time.perf_counter()`` move by
    the same amounts. A client that polls with a sleep and a deadline sees ten emulator minutes pass
    in milliseconds.
    """

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.offset = 0.0
        self._real = {"sleep": time.sleep, "time": time.time, "monotonic": time.monotonic,
                      "perf_counter": time.perf_counter, "asyncio.sleep": asyncio.sleep}

    def sleep(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        self.emulator.advance(seconds)
        self.offset += seconds

    async def async_sleep(self, seconds: float, result: Any = None) -> Any:
        self.sleep(max(0.0, seconds))
        await self._real["asyncio.sleep"](0)
        return result

    def time(self) -> float:
        return self._real["time"]() + self.offset

    def monotonic(self) -> float:
        return self._real["monotonic"]() + self.offset

    def perf_counter(self) -> float:
        return self._real["perf_counter"]() + self.offset

    def install(self, monkeypatch: Any) -> "EmulatorTime":
        monkeypatch.setattr(time, "sleep", self.sleep)
        monkeypatch.setattr(time, "time", self.time)
        monkeypatch.setattr(time, "monotonic", self.monotonic)
        monkeypatch.setattr(time, "perf_counter", self.perf_counter)
        monkeypatch.setattr(asyncio, "sleep", self.async_sleep)
        return self
