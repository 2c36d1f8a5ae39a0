"""
Runs last (pytest orders files by name): the emulator's own coverage report must show that lakeFS's
real clients called every operation it serves. An operation added without a real-client test fails here.
"""
import pytest


def test_real_clients_called_every_served_operation(emulator, request):
    if len(request.session.items) < request.config.getoption("--min-items-for-coverage"):
        pytest.skip("only part of the tier ran; the coverage check needs all of it")
    coverage = emulator.control("GET", "/coverage")
    # The GCS endpoint's operations are driven by Google's Node client in the vitest tier
    # (test/gcs/gcs-client.test.ts checks its own coverage): no Python GCS client installs here.
    untouched = [op for op in coverage["untouched"] if not op["operationId"].startswith("gcs:")]
    assert untouched == []
    gcs = sum(1 for op in coverage["untouched"] if op["operationId"].startswith("gcs:"))
    assert coverage["operations"]["exercised"] == coverage["operations"]["served"] - gcs
