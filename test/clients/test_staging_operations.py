"""
Writes where the client moves the bytes itself, through the generated `lakefs_sdk`: the part URLs
lakectl refreshes during `lakectl fs upload --pre-sign` of 5 MiB or more (uploadPart), parts copied
from lakeFS objects (uploadPartCopy), `lakectl fs stage` / prefect-lakefs's stageObject, and the web
UI's upload preflight.
"""
import json
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

import lakefs_sdk
import pytest
from lakefs_sdk import CompletePresignMultipartUpload, CopyPartSource, ObjectStageCreation, UploadPart, UploadPartCopyFrom, UploadPartFrom
from lakefs_sdk.exceptions import ApiException

MiB = 1024 * 1024
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # stageObject is deprecated: called on purpose


def error(call):
    with pytest.raises(ApiException) as e:
        call()
    return e.value.status, json.loads(e.value.body) if e.value.body else None


def expired_by_wall_time(url: str) -> bool:
    """lakectl's presignedURLExpired (pkg/api/helpers/upload.go): X-Amz-Date + X-Amz-Expires against the wall clock."""
    q = urllib.parse.parse_qs(urllib.parse.urlparse(url).query)
    signed = datetime.strptime(q["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    return datetime.now(timezone.utc) + timedelta(seconds=15) > signed + timedelta(seconds=int(q["X-Amz-Expires"][0]))


def put(url: str, data: bytes) -> str:
    with urllib.request.urlopen(urllib.request.Request(url, data=data, method="PUT")) as res:
        return res.headers["ETag"]


def test_lakectl_pre_signed_upload_refreshes_part_urls(sdk):
    api = sdk.experimental_api
    created = api.create_presign_multipart_upload("example", "main", "big/file.bin", parts=2)
    parts = [b"x" * (5 * MiB), b"the end"]
    etags = []
    for number, (url, data) in enumerate(zip(created.presigned_urls, parts), start=1):
        # As lakectl does: a URL that looks expired to the wall clock is refreshed through uploadPart.
        if expired_by_wall_time(url):
            url = api.upload_part("example", "main", created.upload_id, "big/file.bin", number, UploadPartFrom(physical_address=created.physical_address)).presigned_url
        assert f"partNumber={number}" in url and f"uploadId={created.upload_id}" in url
        etags.append(put(url, data))
    done = api.complete_presign_multipart_upload("example", "main", created.upload_id, "big/file.bin", CompletePresignMultipartUpload(
        physical_address=created.physical_address, parts=[UploadPart(part_number=i + 1, etag=e) for i, e in enumerate(etags)]))
    assert done.size_bytes == 5 * MiB + 7
    assert sdk.objects_api.get_object("example", "main", "big/file.bin", range="bytes=-7") == b"the end"
    # Once linked, the address takes no more parts.
    again = lambda: api.upload_part("example", "main", created.upload_id, "big/file.bin", 1, UploadPartFrom(physical_address=created.physical_address))  # noqa: E731
    assert error(again) == (400, {"message": "bad address token (expired or invalid)"})


def test_upload_part_refusals(sdk):
    api = sdk.experimental_api
    created = api.create_presign_multipart_upload("example", "main", "a.bin")
    body = lambda address: UploadPartFrom(physical_address=address)  # noqa: E731
    assert error(lambda: api.upload_part("example", "main", created.upload_id, "a.bin", 1, body("s3://elsewhere/x"))) == (400, {"message": "physical address must be relative to the storage namespace"})
    assert error(lambda: api.upload_part("example", "main", created.upload_id, "a.bin", 1, body("s3://example-bucket/repos/example/data/never/issued"))) == (400, {"message": "bad address token (expired or invalid)"})
    assert error(lambda: api.upload_part("nope", "main", created.upload_id, "a.bin", 1, body(created.physical_address))) == (404, {"message": "repository not found"})


def test_parts_copied_from_lakefs_objects(sdk, repo):
    repo.branch("main").object("src/numbers.txt").upload(data=b"0123456789" * (600 * 1024))  # 6,000 KiB
    api = sdk.experimental_api
    created = api.create_presign_multipart_upload("example", "main", "copied.txt")
    source = lambda rng=None: CopyPartSource(repository="example", ref="main", path="src/numbers.txt", range=rng)  # noqa: E731
    copy = lambda n, src: api.upload_part_copy_with_http_info("example", "main", created.upload_id, "copied.txt", n,  # noqa: E731
                                                               UploadPartCopyFrom(physical_address=created.physical_address, copy_source=src))
    first = copy(1, source(f"bytes=0-{5 * MiB - 1}"))
    second = copy(2, source(f"bytes={5 * MiB}-{6000 * 1024 - 1}"))
    assert first.status_code == second.status_code == 204
    etags = [first.headers["ETag"], second.headers["ETag"]]
    assert all('"' not in e and len(e) == 32 for e in etags)
    done = api.complete_presign_multipart_upload("example", "main", created.upload_id, "copied.txt", CompletePresignMultipartUpload(
        physical_address=created.physical_address, parts=[UploadPart(part_number=i + 1, etag=e) for i, e in enumerate(etags)]))
    assert done.size_bytes == 6000 * 1024
    assert sdk.objects_api.get_object("example", "main", "copied.txt") == b"0123456789" * (600 * 1024)
    # A whole object as one part.
    whole = api.create_presign_multipart_upload("example", "main", "whole.txt")
    res = api.upload_part_copy_with_http_info("example", "main", whole.upload_id, "whole.txt", 1,
                                              UploadPartCopyFrom(physical_address=whole.physical_address, copy_source=source()))
    api.complete_presign_multipart_upload("example", "main", whole.upload_id, "whole.txt", CompletePresignMultipartUpload(
        physical_address=whole.physical_address, parts=[UploadPart(part_number=1, etag=res.headers["ETag"])]))
    assert sdk.objects_api.stat_object("example", "main", "whole.txt").size_bytes == 6000 * 1024
    missing = UploadPartCopyFrom(physical_address=created.physical_address, copy_source=CopyPartSource(repository="example", ref="main", path="nope"))
    other = api.create_presign_multipart_upload("example", "main", "other.txt")
    missing.physical_address = other.physical_address
    assert error(lambda: api.upload_part_copy("example", "main", other.upload_id, "other.txt", 1, missing)) == (404, {"message": "example/main/nope: not found"})
    backwards = UploadPartCopyFrom(physical_address=other.physical_address, copy_source=source("bytes=9-2"))
    assert error(lambda: api.upload_part_copy("example", "main", other.upload_id, "other.txt", 1, backwards))[0] == 400


def test_stage_object_at_an_address_in_the_store(sdk, repo):
    staged = sdk.internal_api.stage_object("example", "main", "staged/lakes.csv", ObjectStageCreation(
        physical_address="s3://sample-bucket/data/lakes.csv", checksum="abc123", size_bytes=26, mtime=1700000000, metadata={"origin": "stage"}))
    assert staged.to_dict() == {"path": "staged/lakes.csv", "path_type": "object", "physical_address": "s3://sample-bucket/data/lakes.csv",
                                "checksum": "abc123", "size_bytes": 26, "mtime": 1700000000, "content_type": ""}
    assert sdk.objects_api.get_object("example", "main", "staged/lakes.csv") == b"name,area\nSuperior,82100\n"
    stat = sdk.objects_api.stat_object("example", "main", "staged/lakes.csv")
    assert (stat.mtime, stat.metadata, stat.content_type) == (1700000000, {"origin": "stage"}, "application/octet-stream")
    bad = ObjectStageCreation(physical_address="gs://bucket/x", checksum="c", size_bytes=1)
    assert error(lambda: sdk.internal_api.stage_object("example", "main", "x", bad)) == (400, {"message": "physical address is not valid for block adapter: s3"})
    good = ObjectStageCreation(physical_address="s3://sample-bucket/manifest.json", checksum="c", size_bytes=12)
    assert error(lambda: sdk.internal_api.stage_object("example", "nope", "x", good)) == (404, {"message": "branch not found"})
    sdk.repositories_api.set_branch_protection_rules("example", [lakefs_sdk.BranchProtectionRule(pattern="main")])
    assert error(lambda: sdk.internal_api.stage_object("example", "main", "x", good)) == (403, {"message": "cannot write to protected branch"})


def test_upload_preflight(sdk):
    assert sdk.internal_api.upload_object_preflight_with_http_info("example", "main", "any/path").status_code == 204
