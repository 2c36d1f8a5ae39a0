"""
A pipeline as a newcomer writes it: boto3 writes the day's files to a bucket, lakeFS's Python SDK
imports them, boto3 reads them back through lakeFS's S3 gateway; then writes through the gateway,
commits, and pre-signed reads and writes with the wrapper (pre_sign=True) and with plain HTTP.
"""
import hashlib
import io
from datetime import timedelta
import urllib.error
import urllib.request

import pytest
from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

MiB = 1024 * 1024


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def test_write_import_read_back(s3_store, s3_gateway, repo, ticker):
    s3_store.create_bucket(Bucket="my-bucket")
    s3_store.put_object(Bucket="my-bucket", Key="daily/2024-01-15/lakes.csv", Body=b"name,area\nErie,25700\n", ContentType="text/csv")
    big = bytes(range(256)) * (11 * MiB // 256)
    s3_store.upload_fileobj(io.BytesIO(big), "my-bucket", "daily/2024-01-15/big.bin",
                            Config=TransferConfig(multipart_threshold=5 * MiB, multipart_chunksize=5 * MiB))
    listed = s3_store.list_objects_v2(Bucket="my-bucket", Prefix="daily/")
    assert [o["Key"] for o in listed["Contents"]] == ["daily/2024-01-15/big.bin", "daily/2024-01-15/lakes.csv"]
    assert listed["Contents"][0]["ETag"].endswith('-3"')

    ticker()
    status = repo.branch("main").import_data("daily drop").prefix("s3://my-bucket/daily/", destination="daily/").run(poll_interval=timedelta(milliseconds=10))
    assert status.completed and status.ingested_objects == 2

    got = s3_gateway.get_object(Bucket="example", Key="main/daily/2024-01-15/lakes.csv")
    assert got["Body"].read() == b"name,area\nErie,25700\n"
    assert got["ETag"] == f'"{md5(b"name,area" + bytes([10]) + b"Erie,25700" + bytes([10]))}"'
    part = s3_gateway.get_object(Bucket="example", Key="main/daily/2024-01-15/big.bin", Range="bytes=256-511")
    assert (part["ContentRange"], part["Body"].read()) == (f"bytes 256-511/{len(big)}", bytes(range(256)))
    head = s3_gateway.head_object(Bucket="example", Key="main/daily/2024-01-15/big.bin")
    assert head["ContentLength"] == len(big)
    dirs = s3_gateway.list_objects_v2(Bucket="example", Prefix="main/daily/", Delimiter="/")
    assert [p["Prefix"] for p in dirs["CommonPrefixes"]] == ["main/daily/2024-01-15/"]
    pages = s3_gateway.get_paginator("list_objects_v2").paginate(Bucket="example", Prefix="main/daily/", PaginationConfig={"PageSize": 1})
    assert [[o["Key"] for o in p["Contents"]] for p in pages] == [["main/daily/2024-01-15/big.bin"], ["main/daily/2024-01-15/lakes.csv"]]


def test_write_through_the_gateway_and_commit(s3_gateway, repo):
    s3_gateway.put_object(Bucket="example", Key="main/reports/summary.json", Body=b'{"rows": 2}', ContentType="application/json")
    assert [c.path for c in repo.branch("main").uncommitted()] == ["reports/summary.json"]
    ref = repo.branch("main").commit("reports from the pipeline")
    assert s3_gateway.get_object(Bucket="example", Key=f"{ref.get_commit().id}/reports/summary.json")["Body"].read() == b'{"rows": 2}'
    s3_gateway.delete_object(Bucket="example", Key="main/reports/summary.json")
    with pytest.raises(ClientError) as err:
        s3_gateway.get_object(Bucket="example", Key="main/reports/summary.json")
    assert err.value.response["Error"]["Code"] == "NoSuchKey"


def test_wrapper_reads_and_writes_pre_signed(client, repo):
    assert client.storage_config.pre_sign_support is True
    obj = repo.branch("main").object("presigned/hello.txt")
    obj.upload(b"hello through a pre-signed URL", pre_sign=True, content_type="text/plain")
    stat = obj.stat()
    assert (stat.size_bytes, stat.checksum, stat.content_type) == (30, md5(b"hello through a pre-signed URL"), "text/plain")
    assert stat.physical_address.startswith("s3://example-bucket/repos/example/data/")
    with obj.reader(pre_sign=True) as r:
        assert r.read() == b"hello through a pre-signed URL"
    with obj.reader(pre_sign=True) as r:
        r.seek(6)
        assert r.read(7) == b"through"
    signed = obj.stat(pre_sign=True)
    assert signed.physical_address.startswith("http://") and signed.physical_address_expiry == 1705312800 + 15 * 60
    with urllib.request.urlopen(signed.physical_address) as res:
        assert res.read() == b"hello through a pre-signed URL"


def test_pre_signed_urls_expire_on_the_emulator_clock(emulator, sdk):
    sdk.objects_api.upload_object("example", "main", "signed.csv", content=b"a,b\n")
    url = sdk.objects_api.stat_object("example", "main", "signed.csv", presign=True).physical_address
    with urllib.request.urlopen(url) as res:
        assert res.read() == b"a,b\n"
    emulator.advance(15 * 60 * 1000 + 1000)
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(url)
    assert err.value.code == 403 and b"<Code>AccessDenied</Code>" in err.value.read()


def test_link_refuses_an_address_it_did_not_give(sdk):
    location = sdk.staging_api.get_physical_address("example", "main", "x.bin")
    assert location.physical_address.startswith("s3://example-bucket/repos/example/data/") and location.presigned_url is None
    from lakefs_sdk import StagingLocation, StagingMetadata
    bad = StagingMetadata(staging=StagingLocation(physical_address="s3://example-bucket/repos/example/data/made/up"), checksum="abc", size_bytes=1)
    with pytest.raises(lakefs_sdk_exception()) as err:
        sdk.staging_api.link_physical_address("example", "main", "x.bin", bad)
    assert err.value.status == 400 and "bad address token (expired or invalid)" in err.value.body
    good = StagingMetadata(staging=location, checksum='"0123abcd"', size_bytes=4)
    linked = sdk.staging_api.link_physical_address("example", "main", "x.bin", good)
    assert (linked.checksum, linked.size_bytes) == ("0123abcd", 4)
    with pytest.raises(lakefs_sdk_exception()) as again:
        sdk.staging_api.link_physical_address("example", "main", "y.bin", good)
    assert again.value.status == 400


def test_pre_signed_multipart_upload(sdk):
    from lakefs_sdk import AbortPresignMultipartUpload, CompletePresignMultipartUpload, UploadPart
    created = sdk.experimental_api.create_presign_multipart_upload("example", "main", "mpu/big.bin", parts=2)
    assert len(created.presigned_urls) == 2
    parts = [b"a" * (5 * MiB), b"tail"]
    etags = []
    for url, data in zip(created.presigned_urls, parts):
        with urllib.request.urlopen(urllib.request.Request(url, data=data, method="PUT")) as res:
            etags.append(res.headers["ETag"])
    done = sdk.experimental_api.complete_presign_multipart_upload(
        "example", "main", created.upload_id, "mpu/big.bin",
        CompletePresignMultipartUpload(physical_address=created.physical_address, parts=[UploadPart(part_number=i + 1, etag=e) for i, e in enumerate(etags)]),
    )
    assert done.size_bytes == 5 * MiB + 4 and done.checksum.endswith("-2")
    assert sdk.objects_api.get_object("example", "main", "mpu/big.bin", range="bytes=-4") == b"tail"
    other = sdk.experimental_api.create_presign_multipart_upload("example", "main", "mpu/aborted.bin")
    sdk.experimental_api.abort_presign_multipart_upload("example", "main", other.upload_id, "mpu/aborted.bin",
                                                        AbortPresignMultipartUpload(physical_address=other.physical_address))
    with pytest.raises(lakefs_sdk_exception()) as err:
        sdk.experimental_api.abort_presign_multipart_upload("example", "main", other.upload_id, "mpu/aborted.bin",
                                                            AbortPresignMultipartUpload(physical_address=other.physical_address))
    assert err.value.status == 404


def lakefs_sdk_exception():
    import lakefs_sdk
    return lakefs_sdk.ApiException
