"""
A repository's settings through the generated `lakefs_sdk`: garbage collection rules (as `lakectl gc
set-config / get-config / delete-config` call them), kept where lakeFS keeps them (a protobuf in the
storage namespace, read back here with boto3), the deprecated internal paths, and branch protection
one rule at a time.
"""
import json

import lakefs_sdk
import pytest
from lakefs_sdk.exceptions import ApiException

from conftest import WORLD

# The deprecated operations are called on purpose: the SDK's warnings about them are expected.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

RULES_KEY = "repos/example/_lakefs/retention/gc/rules/config.json"


def error(call):
    with pytest.raises(ApiException) as e:
        call()
    return e.value.status, json.loads(e.value.body) if e.value.body else None


def varint(n: int) -> bytes:
    n &= (1 << 64) - 1
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    return bytes(out + bytes([n]))


def test_gc_rules_round_trip_and_live_in_the_storage_namespace(sdk, s3_store):
    assert error(lambda: sdk.repositories_api.get_gc_rules("example")) == (404, {"message": "not found"})
    rules = lakefs_sdk.GarbageCollectionRules(default_retention_days=21, branches=[
        lakefs_sdk.GarbageCollectionRule(branch_id="main", retention_days=28),
        lakefs_sdk.GarbageCollectionRule(branch_id="dev", retention_days=7),
    ])
    assert sdk.repositories_api.set_gc_rules_with_http_info("example", rules).status_code == 204
    got = sdk.repositories_api.get_gc_rules("example")
    assert got.default_retention_days == 21
    assert sorted((b.branch_id, b.retention_days) for b in got.branches) == [("dev", 7), ("main", 28)]
    # graveler.GarbageCollectionRules as protobuf: field 1 the default, field 2 a map entry per branch.
    stored = s3_store.get_object(Bucket="example-bucket", Key=RULES_KEY)["Body"].read()
    entry = lambda branch, days: b"\x0a" + varint(len(branch)) + branch + b"\x10" + varint(days)  # noqa: E731
    assert stored == b"\x08\x15" + b"".join(b"\x12" + varint(len(e)) + e for e in [entry(b"dev", 7), entry(b"main", 28)])
    # The deprecated internal paths are the same operations.
    assert sdk.internal_api.internal_get_garbage_collection_rules("example").default_retention_days == 21
    sdk.internal_api.internal_set_garbage_collection_rules("example", lakefs_sdk.GarbageCollectionRules(default_retention_days=-1, branches=[]))
    raw = sdk.repositories_api.get_gc_rules_with_http_info("example", _preload_content=False)
    # Go encodes a nil slice as null: lakeFS answers so when no branch has a rule (and the SDK's model refuses it).
    assert json.loads(raw.raw_data) == {"default_retention_days": -1, "branches": None}
    assert s3_store.get_object(Bucket="example-bucket", Key=RULES_KEY)["Body"].read() == b"\x08" + varint(-1)
    sdk.repositories_api.delete_gc_rules("example")
    assert s3_store.get_object(Bucket="example-bucket", Key=RULES_KEY)["ContentLength"] == 0
    assert error(lambda: sdk.internal_api.internal_get_garbage_collection_rules("example")) == (404, {"message": "not found"})
    sdk.repositories_api.set_gc_rules("example", rules)
    sdk.internal_api.internal_delete_garbage_collection_rules("example")
    assert error(lambda: sdk.repositories_api.get_gc_rules("example")) == (404, {"message": "not found"})


def test_gc_rules_written_through_the_store_are_read(sdk, s3_store):
    s3_store.put_object(Bucket="example-bucket", Key=RULES_KEY, Body=b"\x08\x0e\x12\x08\x0a\x04main\x10\x03")
    got = sdk.repositories_api.get_gc_rules("example")
    assert (got.default_retention_days, [(b.branch_id, b.retention_days) for b in got.branches]) == (14, [("main", 3)])


def test_gc_rules_refusals(emulator, sdk):
    rules = lakefs_sdk.GarbageCollectionRules(default_retention_days=7, branches=[])
    assert error(lambda: sdk.repositories_api.get_gc_rules("nope")) == (404, {"message": "repository not found"})
    assert error(lambda: sdk.repositories_api.set_gc_rules("nope", rules)) == (404, {"message": "repository not found"})
    emulator.load({**WORLD, "repositories": [{**WORLD["repositories"][0], "readOnly": True}]})
    assert error(lambda: sdk.repositories_api.set_gc_rules("example", rules)) == (403, {"message": "read-only repository"})
    assert error(lambda: sdk.repositories_api.delete_gc_rules("example")) == (403, {"message": "read-only repository"})


def test_preflights_answer_204_for_any_repository(sdk):
    assert sdk.internal_api.set_garbage_collection_rules_preflight_with_http_info("example").status_code == 204
    assert sdk.internal_api.create_branch_protection_rule_preflight_with_http_info("any-name").status_code == 204


def test_branch_protection_one_rule_at_a_time(sdk, repo):
    sdk.internal_api.internal_create_branch_protection_rule("example", lakefs_sdk.BranchProtectionRule(pattern="main"))
    sdk.internal_api.internal_create_branch_protection_rule("example", lakefs_sdk.BranchProtectionRule(pattern="release-*"))
    sdk.internal_api.internal_create_branch_protection_rule("example", lakefs_sdk.BranchProtectionRule(pattern="main"))
    assert [r.pattern for r in sdk.internal_api.internal_get_branch_protection_rules("example")] == ["main", "release-*"]
    assert [r.pattern for r in sdk.repositories_api.get_branch_protection_rules("example")] == ["main", "release-*"]
    # The rule holds: main refuses writes.
    with pytest.raises(ApiException) as e:
        repo.branch("main").object("x.txt").upload(data=b"x")
    assert e.value.status == 403
    body = lakefs_sdk.InternalDeleteBranchProtectionRuleRequest(pattern="main")
    assert sdk.internal_api.internal_delete_branch_protection_rule_with_http_info("example", body).status_code == 204
    # A pattern that is no rule: 404 without a body (controller.go writes no message).
    with pytest.raises(ApiException) as e:
        sdk.internal_api.internal_delete_branch_protection_rule("example", body)
    assert (e.value.status, e.value.body or "") == (404, "")
    assert [r.pattern for r in sdk.internal_api.internal_get_branch_protection_rules("example")] == ["release-*"]
    repo.branch("main").object("x.txt").upload(data=b"x")
