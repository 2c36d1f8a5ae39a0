"""Signs requests the way boto3 does (botocore's S3 signers), for the SigV4 verifier's tests.

Prints JSON: a list of {name, method, url, headers}. Times come from argv[1] (epoch seconds), so
the signatures are reproducible.
"""
import datetime
import hashlib
import json
import sys
from unittest import mock

from botocore.auth import S3SigV4Auth, S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

NOW = datetime.datetime.fromtimestamp(int(sys.argv[1]), tz=datetime.timezone.utc).replace(tzinfo=None)
CREDS = Credentials("AKIAIOSFOLQUICKSTART", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
BASE = "http://127.0.0.1:9000"


def signed(name, method, url, headers=None, body=b"", presign_expires=None):
    req = AWSRequest(method=method, url=url, headers=dict(headers or {}), data=body)
    # botocore reads the time through get_current_datetime (older releases: datetime.utcnow).
    target = "botocore.auth.get_current_datetime"
    with mock.patch(target, return_value=NOW):
        if presign_expires is None:
            S3SigV4Auth(CREDS, "s3", "us-east-1").add_auth(req)
        else:
            S3SigV4QueryAuth(CREDS, "s3", "us-east-1", expires=presign_expires).add_auth(req)
    return {"name": name, "method": method, "url": req.url, "headers": {k.lower(): v for k, v in req.headers.items()}}


payload = b"name,area\nSuperior,82100\n"
out = [
    signed("list objects v2", "GET", f"{BASE}/my-bucket?list-type=2&prefix=raw%2F&delimiter=%2F", {"x-amz-content-sha256": "UNSIGNED-PAYLOAD"}),
    signed("get with a key to encode", "GET", f"{BASE}/my-bucket/raw/2024%20q1/%C3%BC~x%21.csv", {"x-amz-content-sha256": "UNSIGNED-PAYLOAD", "Range": "bytes=0-9"}),
    signed("put with the payload hash", "PUT", f"{BASE}/my-bucket/raw/lakes.csv", {"x-amz-content-sha256": hashlib.sha256(payload).hexdigest(), "Content-Type": "text/csv", "x-amz-meta-owner": "data  team"}, payload),
    signed("list buckets", "GET", f"{BASE}/", {"x-amz-content-sha256": "UNSIGNED-PAYLOAD"}),
    signed("pre-signed get", "GET", f"{BASE}/my-bucket/raw/lakes.csv", presign_expires=3600),
]
print(json.dumps(out))
