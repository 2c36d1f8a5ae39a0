"""
Runs last (pytest orders files by name): the emulator's own coverage report must show that lakeFS's
real clients called every operation it serves. An operation added without a real-client test fails here.
"""
import pytest


def test_real_clients_called_every_served_operation(emulator, request):
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
