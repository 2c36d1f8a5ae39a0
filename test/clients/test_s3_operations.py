"""
Every S3 operation on both front doors through boto3: the fake store's endpoint (buckets are the
store's) and lakeFS's S3 gateway (buckets are repositories, keys start with a ref). Where the two
answer differently, lakeFS's gateway is followed (pkg/gateway).
"""
import hashlib
import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest
from botocore.exceptions import ClientError

from conftest import ACCESS_KEY_ID, SECRET_ACCESS_KEY, boto3_client

MiB = 1024 * 1024


@dataclass
class Door:
    name: str
    s3: object
    bucket: str
    prefix: str  # "" on the store, "<branch>/" on the gateway
    url: str


@pytest.fixture(params=["store", "gateway"])
def door(request, emulator, s3_store, s3_gateway) -> Door:
    if request.param == "store":
        return Door("store", s3_store, "sample-bucket", "", emulator.s3_url)
    return Door("gateway", s3_gateway, "example", "main/", emulator.url)


def error_of(call, *args, **kwargs) -> tuple[str, int]:
    with pytest.raises(ClientError) as err:
        call(*args, **kwargs)
    return err.value.response["Error"]["Code"], err.value.response["ResponseMetadata"]["HTTPStatusCode"]


def test_objects(door: Door):
    s3, b, p = door.s3, door.bucket, door.prefix
    put = s3.put_object(Bucket=b, Key=f"{p}ops/a.txt", Body=b"alpha", ContentType="text/plain", Metadata={"team": "etl"})
    assert put["ETag"] == f'"{hashlib.md5(b"alpha").hexdigest()}"'
    got = s3.get_object(Bucket=b, Key=f"{p}ops/a.txt")
    assert (got["Body"].read(), got["ContentType"], got["Metadata"]) == (b"alpha", "text/plain", {"team": "etl"})
    assert s3.get_object(Bucket=b, Key=f"{p}ops/a.txt", Range="bytes=1-2")["Body"].read() == b"lp"
    assert s3.head_object(Bucket=b, Key=f"{p}ops/a.txt")["ContentLength"] == 5
    copied = s3.copy_object(Bucket=b, Key=f"{p}ops/b.txt", CopySource={"Bucket": b, "Key": f"{p}ops/a.txt"})
    assert copied["CopyObjectResult"]["ETag"] == put["ETag"]
    s3.put_object(Bucket=b, Key=f"{p}ops/sub/c.txt", Body=b"gamma")
    v2 = s3.list_objects_v2(Bucket=b, Prefix=f"{p}ops/", Delimiter="/")
    assert [o["Key"] for o in v2["Contents"]] == [f"{p}ops/a.txt", f"{p}ops/b.txt"]
    assert [c["Prefix"] for c in v2["CommonPrefixes"]] == [f"{p}ops/sub/"]
    v1 = s3.list_objects(Bucket=b, Prefix=f"{p}ops/", Marker=f"{p}ops/a.txt")
    assert [o["Key"] for o in v1["Contents"]] == [f"{p}ops/b.txt", f"{p}ops/sub/c.txt"]
    s3.delete_object(Bucket=b, Key=f"{p}ops/a.txt")
    deleted = s3.delete_objects(Bucket=b, Delete={"Objects": [{"Key": f"{p}ops/b.txt"}, {"Key": f"{p}ops/sub/c.txt"}]})
    assert sorted(d["Key"] for d in deleted["Deleted"]) == [f"{p}ops/b.txt", f"{p}ops/sub/c.txt"]
    assert s3.list_objects_v2(Bucket=b, Prefix=f"{p}ops/")["KeyCount"] == 0
    assert error_of(s3.get_object, Bucket=b, Key=f"{p}ops/a.txt") == ("NoSuchKey", 404)


def test_multipart(door: Door):
    s3, b, p = door.s3, door.bucket, door.prefix
    s3.put_object(Bucket=b, Key=f"{p}mp/source", Body=b"0123456789")
    upload = s3.create_multipart_upload(Bucket=b, Key=f"{p}mp/big", ContentType="application/octet-stream")["UploadId"]
    first = s3.upload_part(Bucket=b, Key=f"{p}mp/big", UploadId=upload, PartNumber=1, Body=b"x" * (5 * MiB))
    second = s3.upload_part_copy(Bucket=b, Key=f"{p}mp/big", UploadId=upload, PartNumber=2,
                                 CopySource={"Bucket": b, "Key": f"{p}mp/source"}, CopySourceRange="bytes=0-3")
    parts = s3.list_parts(Bucket=b, Key=f"{p}mp/big", UploadId=upload)["Parts"]
    assert [(x["PartNumber"], x["Size"]) for x in parts] == [(1, 5 * MiB), (2, 4)]
    done = s3.complete_multipart_upload(Bucket=b, Key=f"{p}mp/big", UploadId=upload, MultipartUpload={"Parts": [
        {"PartNumber": 1, "ETag": first["ETag"]}, {"PartNumber": 2, "ETag": second["CopyPartResult"]["ETag"]},
    ]})
    assert done["ETag"].endswith('-2"')
    assert s3.get_object(Bucket=b, Key=f"{p}mp/big", Range="bytes=-4")["Body"].read() == b"0123"
    aborted = s3.create_multipart_upload(Bucket=b, Key=f"{p}mp/gone")["UploadId"]
    s3.abort_multipart_upload(Bucket=b, Key=f"{p}mp/gone", UploadId=aborted)
    assert error_of(s3.head_object, Bucket=b, Key=f"{p}mp/gone")[1] == 404


def test_store_buckets(s3_store):
    s3_store.create_bucket(Bucket="fresh-bucket")
    s3_store.head_bucket(Bucket="fresh-bucket")
    assert [x["Name"] for x in s3_store.list_buckets()["Buckets"]] == ["example-bucket", "fresh-bucket", "sample-bucket"]
    assert s3_store.get_bucket_location(Bucket="fresh-bucket")["LocationConstraint"] is None
    assert "Status" not in s3_store.get_bucket_versioning(Bucket="fresh-bucket")
    assert error_of(s3_store.create_bucket, Bucket="fresh-bucket") == ("BucketAlreadyOwnedByYou", 409)
    assert error_of(s3_store.delete_bucket, Bucket="sample-bucket") == ("BucketNotEmpty", 409)
    s3_store.delete_bucket(Bucket="fresh-bucket")
    assert error_of(s3_store.head_bucket, Bucket="fresh-bucket")[1] == 404


def test_gateway_buckets_are_repositories(s3_gateway):
    assert [x["Name"] for x in s3_gateway.list_buckets()["Buckets"]] == ["example"]
    s3_gateway.head_bucket(Bucket="example")
    assert s3_gateway.get_bucket_location(Bucket="example")["LocationConstraint"] is None
    assert "Status" not in s3_gateway.get_bucket_versioning(Bucket="example")
    assert error_of(s3_gateway.create_bucket, Bucket="example") == ("BucketAlreadyExists", 409)
    assert error_of(s3_gateway.delete_bucket, Bucket="example") == ("ERRLakeFSNotSupported", 405)
    assert error_of(s3_gateway.head_bucket, Bucket="nope")[1] == 404
    assert [p["Prefix"] for p in s3_gateway.list_objects_v2(Bucket="example", Delimiter="/")["CommonPrefixes"]] == ["main/"]


def test_bad_credentials_store_nothing(door: Door):
    wrong = boto3_client(door.url, secret="not-the-secret")
    assert error_of(wrong.put_object, Bucket=door.bucket, Key=f"{door.prefix}auth/x", Body=b"x") == ("SignatureDoesNotMatch", 403)
    unknown = boto3_client(door.url, key="AKIAUNKNOWNKEY")
    expected = "InvalidAccessKeyId" if door.name == "store" else "AccessDenied"
    assert error_of(unknown.list_buckets) == (expected, 403)
    assert error_of(door.s3.head_object, Bucket=door.bucket, Key=f"{door.prefix}auth/x")[1] == 404
    assert error_of(door.s3.get_object, Bucket="no-such-bucket", Key=f"{door.prefix}x") == ("NoSuchBucket", 404)
    assert ACCESS_KEY_ID.startswith("AKIA")


def test_signature_version_2_headers(door: Door):
    import boto3
    from botocore.config import Config
    v2 = boto3.client("s3", endpoint_url=door.url, aws_access_key_id=ACCESS_KEY_ID, aws_secret_access_key=SECRET_ACCESS_KEY,
                      region_name="us-east-1", config=Config(signature_version="s3", s3={"addressing_style": "path"}))
    v2.put_object(Bucket=door.bucket, Key=f"{door.prefix}v2/a b.txt", Body=b"old style", ContentType="text/plain")
    assert v2.get_object(Bucket=door.bucket, Key=f"{door.prefix}v2/a b.txt")["Body"].read() == b"old style"
    assert [o["Key"] for o in v2.list_objects_v2(Bucket=door.bucket, Prefix=f"{door.prefix}v2/")["Contents"]] == [f"{door.prefix}v2/a b.txt"]


def test_boto3_pre_signed_urls(door: Door):
    door.s3.put_object(Bucket=door.bucket, Key=f"{door.prefix}signed/x.txt", Body=b"signed")
    url = door.s3.generate_presigned_url("get_object", Params={"Bucket": door.bucket, "Key": f"{door.prefix}signed/x.txt"}, ExpiresIn=300)
    with urllib.request.urlopen(url) as res:
        assert res.read() == b"signed"
    put = door.s3.generate_presigned_url("put_object", Params={"Bucket": door.bucket, "Key": f"{door.prefix}signed/y.txt"}, ExpiresIn=300)
    # boto3 signs V2 by default here: the Content-Type sent must be the one signed (none).
    with urllib.request.urlopen(urllib.request.Request(put, data=b"uploaded", method="PUT", headers={"Content-Type": ""})) as res:
        assert res.status == 200
    assert "AWSAccessKeyId=" in put
    form = urllib.request.Request(put, data=b"uploaded", method="PUT")  # urllib's default form Content-Type was not signed
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(form)
    assert refused.value.code == 403 and b"<Code>SignatureDoesNotMatch</Code>" in refused.value.read()
    assert door.s3.get_object(Bucket=door.bucket, Key=f"{door.prefix}signed/y.txt")["Body"].read() == b"uploaded"
