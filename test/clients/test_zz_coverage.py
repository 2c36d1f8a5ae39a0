"""
Runs last (pytest orders files by name): the emulator's own coverage report must show that lakeFS's
real clients called every one of the 134 operations in lakeFS's swagger, and every storage door
operation the emulator serves. An operation added without a real-client test fails here.
"""
import os
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SWAGGER = Path(os.environ.get("LAKEFS_SWAGGER", ROOT.parent / "shared" / "lakefs" / "swagger.yml"))


def lakefs_operation_ids() -> set[str]:
    spec = yaml.safe_load(SWAGGER.read_text())
    return {op["operationId"] for item in spec["paths"].values() for method, op in item.items() if method != "parameters"}


def test_real_clients_called_every_operation(emulator, request):
    if len(request.session.items) < request.config.getoption("--min-items-for-coverage"):
        pytest.skip("only part of the tier ran; the coverage check needs all of it")
    coverage = emulator.control("GET", "/coverage")
    # The GCS and Azure endpoints' operations are driven by Google's and Microsoft's Node clients in
    # the vitest tier (test/gcs and test/azure check their own coverage): their Python clients do not
    # install here.
    elsewhere = [op for op in coverage["untouched"] if op["operationId"].split(":")[0] in ("gcs", "azure")]
    untouched = [op for op in coverage["untouched"] if op not in elsewhere]
    assert untouched == []
    assert coverage["operations"]["exercised"] == coverage["operations"]["served"] - len(elsewhere)
    # All of lakeFS's: the swagger's 134 operations, each called by a real client here.
    exercised = {op["operationId"] for op in coverage["exercised"]}
    swagger = lakefs_operation_ids()
    assert len(swagger) == 134
    assert sorted(swagger - exercised) == []
