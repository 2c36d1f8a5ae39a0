"""
What lakeFS's garbage collector (its Spark job) asks the server, through the generated `lakefs_sdk`:
the commits to keep by the repository's GC rules, as a CSV in the storage namespace, at once or as a
task, and the uncommitted objects' addresses as a Parquet file. Both read back from the fake store
with boto3 and parsed (csv, pyarrow).
"""
import csv
import io
import json
import urllib.request

import lakefs_sdk
import pyarrow.parquet as pq
import pytest
from lakefs_sdk import GarbageCollectionRule, GarbageCollectionRules, PrepareGCUncommittedRequest
from lakefs_sdk.exceptions import ApiException

DAY_MS = 24 * 3600 * 1000


def error(call):
    with pytest.raises(ApiException) as e:
        call()
    return e.value.status, json.loads(e.value.body) if e.value.body else None


def key_of(uri: str) -> str:
    return uri.removeprefix("s3://example-bucket/")


def history(repo, emulator):
    """main: created at T0, a commit at T0, a commit three days later; dev stays at the T0 commit."""
    first = repo.branch("main").get_commit().id
    main = repo.branch("main")
    main.object("old.csv").upload(data=b"old")
    old = main.commit(message="old").get_commit().id
    repo.branch("dev").create(source_reference="main")
    emulator.advance(3 * DAY_MS)
    main.object("new.csv").upload(data=b"new")
    new = main.commit(message="new").get_commit().id
    return first, old, new


def kept(s3_store, location):
    body = s3_store.get_object(Bucket="example-bucket", Key=key_of(location))["Body"].read().decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["commit_id", "expired", "metarange_id"]
    return {r[0]: (r[1], r[2]) for r in rows[1:]}


def test_commits_to_keep_follow_the_rules(sdk, repo, emulator, s3_store):
    first, old, new = history(repo, emulator)
    assert error(lambda: sdk.internal_api.prepare_garbage_collection_commits("example")) == (404, {"message": "get gc rules: not found"})
    sdk.repositories_api.set_gc_rules("example", GarbageCollectionRules(default_retention_days=1, branches=[]))
    run = sdk.internal_api.prepare_garbage_collection_commits("example")
    assert run.gc_commits_location == f"s3://example-bucket/repos/example/_lakefs/retention/gc/commits/run_id={run.run_id}/commits.csv"
    assert run.gc_addresses_location == "s3://example-bucket/repos/example/_lakefs/retention/gc/addresses/"
    rows = kept(s3_store, run.gc_commits_location)
    # main's head, and the commit it replaced within a day; dev's head; the first commit is past retention.
    assert set(rows) == {new, old}
    assert rows[new] == ("false", sdk.commits_api.get_commit("example", new).meta_range_id)
    with urllib.request.urlopen(run.gc_commits_presigned_url) as res:
        assert res.read().decode().startswith("commit_id,expired,metarange_id\n")
    # A week for dev keeps what dev's head came from.
    sdk.repositories_api.set_gc_rules("example", GarbageCollectionRules(default_retention_days=1, branches=[GarbageCollectionRule(branch_id="dev", retention_days=7)]))
    assert set(kept(s3_store, sdk.internal_api.prepare_garbage_collection_commits("example").gc_commits_location)) == {new, old, first}


def test_commits_to_keep_as_a_task(sdk, repo, emulator, s3_store):
    history(repo, emulator)
    task = sdk.internal_api.prepare_garbage_collection_commits_async("example")
    failed = sdk.internal_api.prepare_garbage_collection_commits_status("example", task.id)
    assert (failed.completed, failed.error.message, failed.result) == (True, "get gc rules: not found", None)
    sdk.repositories_api.set_gc_rules("example", GarbageCollectionRules(default_retention_days=1, branches=[]))
    task = sdk.internal_api.prepare_garbage_collection_commits_async("example")
    assert task.id.startswith("GCPC") and len(task.id) == 24
    status = sdk.internal_api.prepare_garbage_collection_commits_status("example", task.id)
    assert (status.completed, status.error) == (True, None)
    assert len(kept(s3_store, status.result.gc_commits_location)) == 2
    assert error(lambda: sdk.internal_api.prepare_garbage_collection_commits_status("example", "GCPCnope")) == (404, {"message": "not found"})


def test_uncommitted_objects_as_parquet(sdk, repo, s3_store):
    main = repo.branch("main")
    main.object("committed.csv").upload(data=b"c")
    main.commit(message="c")
    main.object("staged/a.csv").upload(data=b"a")
    dev = repo.branch("dev").create(source_reference="main")
    dev.object("staged/b.csv").upload(data=b"b")
    # Staged at an address outside the namespace: not the collector's.
    with pytest.warns(DeprecationWarning):  # stageObject, called as prefect-lakefs calls it
        sdk.internal_api.stage_object("example", "dev", "outside.csv", lakefs_sdk.ObjectStageCreation(physical_address="s3://sample-bucket/data/lakes.csv", checksum="x", size_bytes=26))
    res = sdk.internal_api.prepare_garbage_collection_uncommitted("example", PrepareGCUncommittedRequest())
    assert res.gc_uncommitted_location == f"s3://example-bucket/repos/example/_lakefs/retention/gc/uncommitted/{res.run_id}/uncommitted/"
    assert res.continuation_token is None
    listed = s3_store.list_objects_v2(Bucket="example-bucket", Prefix=key_of(res.gc_uncommitted_location))["Contents"]
    assert len(listed) == 1
    table = pq.read_table(io.BytesIO(s3_store.get_object(Bucket="example-bucket", Key=listed[0]["Key"])["Body"].read()))
    assert [f.name for f in table.schema] == ["physical_address", "creation_date"]
    rows = table.to_pylist()
    addresses = {sdk.objects_api.stat_object("example", b, p).physical_address.removeprefix("s3://example-bucket/repos/example/") for b, p in [("main", "staged/a.csv"), ("dev", "staged/b.csv")]}
    assert {r["physical_address"] for r in rows} == addresses
    assert all(r["creation_date"] == 1705312800 for r in rows)


def test_uncommitted_refusals(sdk, emulator):
    assert error(lambda: sdk.internal_api.prepare_garbage_collection_uncommitted("example", PrepareGCUncommittedRequest(continuation_token="%%%"))) == (400, {"message": "invalid continuation token"})
    # Nothing staged: no file, and no location.
    assert sdk.internal_api.prepare_garbage_collection_uncommitted("example", PrepareGCUncommittedRequest()).gc_uncommitted_location == ""
