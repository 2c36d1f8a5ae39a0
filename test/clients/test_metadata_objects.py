"""
lakeFS's metadata through the generated `lakefs_sdk`: where a commit's metarange and ranges live
(getMetaRange, getRange, as lakeFS's Spark client and `lakectl` ask), the files themselves read back
from the storage namespace with boto3 and through getMetadataObject, commit records written as
lakeFS's migration tools write them, and an object's properties on the underlying storage.
"""
import hashlib
import json

import lakefs_sdk
import pytest
from lakefs_sdk.exceptions import ApiException

from conftest import T0_SECONDS, WORLD

NAMESPACE = "repos/example/"


def error(call):
    with pytest.raises(ApiException) as e:
        call()
    return e.value.status, json.loads(e.value.body) if e.value.body else None


def parse(data: bytes):
    """The `<len>key|<len>value|` records of an emulator metadata file (docs/differences.md), before its trailer."""
    out, i = [], 0

    def field():
        nonlocal i
        n = 0
        while data[i:i + 1].isdigit():
            n, i = n * 10 + int(data[i:i + 1]), i + 1
        value, i = data[i:i + n], i + n
        assert data[i:i + 1] == b"|"
        i += 1
        return value

    while i < len(data) and data[i:i + 1].isdigit():
        out.append((field(), field()))
    return out


def test_metarange_and_range_files_are_where_lakefs_says(sdk, repo, s3_store):
    main = repo.branch("main")
    for name in ["a.csv", "b/c.csv", "d.txt"]:
        main.object(name).upload(data=name.encode())
    commit = main.commit(message="three objects").get_commit()
    mr = commit.meta_range_id
    res = sdk.metadata_api.get_meta_range_with_http_info("example", mr)
    assert (res.data.location, res.headers["Location"]) == (f"_lakefs/{mr}", f"_lakefs/{mr}")
    body = s3_store.get_object(Bucket="example-bucket", Key=NAMESPACE + res.data.location)["Body"].read()
    # A file's SHA-256 is its ID.
    assert hashlib.sha256(body).hexdigest() == mr
    ranges = parse(body)
    assert [k for k, _ in ranges] == [b"d.txt"]  # one range, keyed by its last key
    location = sdk.metadata_api.get_range("example", sdk_range_id(ranges[0][1])).location
    data = s3_store.get_object(Bucket="example-bucket", Key=NAMESPACE + location)["Body"].read()
    assert hashlib.sha256(data).hexdigest() == location.split("/")[1]
    assert [k for k, _ in parse(data)] == [b"a.csv", b"b/c.csv", b"d.txt"]
    # The same bytes through getMetadataObject.
    raw = sdk.internal_api.get_metadata_object_with_http_info("example", location.split("/")[1], "range", _preload_content=False)
    assert (raw.status_code, raw.headers["Content-Type"], raw.raw_data) == (200, "application/octet-stream", data)
    raw = sdk.internal_api.get_metadata_object_with_http_info("example", mr, "meta_range", _preload_content=False)
    assert raw.raw_data == body


def sdk_range_id(value: bytes) -> str:
    """committed/value.go MarshalValue: a zig-zag varint length and the identity (the range ID), then the data's."""
    n = shift = i = 0
    while True:
        b = value[i]
        n, i, shift = n | (b & 0x7F) << shift, i + 1, shift + 7
        if b < 0x80:
            break
    n = (n >> 1) ^ -(n & 1)
    return value[i:i + n].decode()


def test_unknown_ids_have_an_address_and_no_data(sdk):
    assert sdk.metadata_api.get_meta_range("example", "nope").location == "_lakefs/nope"
    assert sdk.metadata_api.get_range("example", "nope").location == "_lakefs/nope"
    assert error(lambda: sdk.internal_api.get_metadata_object("example", "nope", "range")) == (410, {"message": "No data"})
    assert error(lambda: sdk.metadata_api.get_meta_range("nope", "x")) == (404, {"message": "repository not found"})


def test_pre_signed_metadata_object(sdk, repo):
    import urllib.request
    main = repo.branch("main")
    main.object("x").upload(data=b"x")
    mr = main.commit(message="x").get_commit().meta_range_id
    res = sdk.internal_api.get_metadata_object_with_http_info("example", mr, "meta_range", presign=True, _preload_content=False)
    assert res.status_code == 200  # urllib3 follows the 302 to the store
    assert hashlib.sha256(res.raw_data).hexdigest() == mr


def test_commit_records(sdk, repo):
    main = repo.branch("main")
    main.object("x").upload(data=b"x")
    head = main.commit(message="original").get_commit()
    record = lambda commit_id, **kw: lakefs_sdk.CommitRecordCreation(**{  # noqa: E731
        "commit_id": commit_id, "version": 1, "committer": "migrator", "message": "copied", "metarange_id": head.meta_range_id,
        "creation_date": T0_SECONDS, "parents": [head.id], "metadata": {"from": "elsewhere"}, "generation": 3, **kw})
    assert error(lambda: sdk.internal_api.create_commit_record("example", record("0" * 64))) == (400, {"message": "commit id: invalid value: validation error"})
    # The ID lakeFS gives these fields (graveler.go Commit.Identity).
    ident = commit_identity("migrator", "copied", head.meta_range_id, T0_SECONDS, {"from": "elsewhere"}, [head.id])
    res = sdk.internal_api.create_commit_record_with_http_info("example", record(ident))
    assert res.status_code == 204
    got = sdk.commits_api.get_commit("example", ident)
    assert (got.committer, got.message, got.parents, got.generation, got.metadata) == ("migrator", "copied", [head.id], 3, {"from": "elsewhere"})
    assert error(lambda: sdk.internal_api.create_commit_record("example", record(ident))) == (409, {"message": "commit already exists: not unique"})


def commit_identity(committer, message, metarange, seconds, metadata, parents) -> str:
    """graveler.go Commit.Identity over pkg/ident's typed, length-prefixed encoding, written out independently here."""
    def int64(n: int) -> bytes:
        return b"\x02\x08" + n.to_bytes(8, "big", signed=True)

    def string(v: str) -> bytes:
        data = v.encode()
        return b"\x01" + int64(len(data)) + data

    parents_digest = hashlib.sha256(b"\x03" + int64(len(parents)) + b"".join(string(p) for p in parents)).digest()
    out = b"".join(string(v) for v in ["commit:v1", committer, message, metarange]) + int64(seconds)
    out += b"\x04" + int64(len(metadata)) + b"".join(string(k) + string(metadata[k]) for k in sorted(metadata))
    out += b"\x05" + b"\x00" + int64(len(parents_digest)) + parents_digest
    return hashlib.sha256(out).hexdigest()


def test_underlying_properties(sdk, repo):
    repo.branch("main").object("u.txt").upload(data=b"u")
    assert sdk.objects_api.get_underlying_properties("example", "main", "u.txt").to_dict() == {"storage_class": ""}
    assert error(lambda: sdk.objects_api.get_underlying_properties("example", "main", "missing")) == (404, {"message": "not found"})


def test_symlink_files_for_hive_readers(sdk, repo, s3_store):
    # What the Airflow provider's LakeFSCreateSymlinkOperator calls.
    main = repo.branch("main")
    for path in ["tables/t1/part-0.parquet", "tables/t1/part-1.parquet", "tables/t2/part-0.parquet", "other/x.csv"]:
        main.object(path).upload(data=path.encode())
    res = sdk.internal_api.create_symlink_file("example", "main", location="tables/")
    assert res.location == "s3://example-bucket/repos/example/symlinks"
    keys = sorted(o["Key"] for o in s3_store.list_objects_v2(Bucket="example-bucket", Prefix="repos/example/symlinks/")["Contents"])
    # As lakeFS, the first change of directory also writes the (empty) file of the directory before it, "".
    assert keys == ["repos/example/symlinks/example/main//symlink.txt", "repos/example/symlinks/example/main/tables/t1/symlink.txt", "repos/example/symlinks/example/main/tables/t2/symlink.txt"]
    read = lambda key: s3_store.get_object(Bucket="example-bucket", Key=key)["Body"].read().decode()  # noqa: E731
    address = lambda path: sdk.objects_api.stat_object("example", "main", path).physical_address  # noqa: E731
    assert read(keys[0]) == ""
    assert read(keys[1]) == f"{address('tables/t1/part-0.parquet')}\n{address('tables/t1/part-1.parquet')}"
    assert read(keys[2]) == address("tables/t2/part-0.parquet")
    assert error(lambda: sdk.internal_api.create_symlink_file("example", "nope")) == (404, {"message": "not found"})
