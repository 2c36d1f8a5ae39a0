"""lakeFS's Python wrapper on gs and azure blockstores: importing gs:// and https://<account>.blob.core.windows.net
sources, and reading and writing through the pre-signed URLs the emulator's GCS and Azure endpoints serve
(V4 signed URLs and SAS; the wrapper adds Azure's x-ms-blob-type itself)."""
from datetime import timedelta

import lakefs
import pytest
from conftest import T0

ACCOUNT = "devstoreaccount1"
SOURCES = {
    "gs": ("gs://landing/", "gs://lake/repos/example"),
    "azure": (f"https://{ACCOUNT}.blob.core.windows.net/landing/", f"https://{ACCOUNT}.blob.core.windows.net/lake/repos/example"),
}


def world(kind):
    source, namespace = SOURCES[kind]
    return {
        "version": 1,
        "seed": 1,
        "blockstore": {"type": kind},
        "clock": {"start": T0, "mode": "manual"},
        "import": {"objectsPerSecond": 0, "statusIntervalMs": 1000},
        "store": {"objects": [
            {"uri": f"{source}drop/a.csv", "content": "id\n1\n", "lastModified": "2024-01-15T09:00:00Z"},
            {"uri": f"{source}drop/b.csv", "content": "id\n2\n", "lastModified": "2024-01-15T09:00:00Z"},
        ]},
        "repositories": [{"name": "example", "storageNamespace": namespace, "defaultBranch": "main"}],
    }


@pytest.mark.parametrize("kind", ["gs", "azure"])
def test_import_then_read_and_write_through_presigned_urls(emulator, client, kind):
    emulator.load(world(kind))
    branch = lakefs.Repository("example", client=client).branch("main")
    mgr = branch.import_data(f"{kind} drop").prefix(f"{SOURCES[kind][0]}drop/", destination="drop/")
    mgr.start()
    emulator.advance(1000)
    status = mgr.wait(poll_interval=timedelta(milliseconds=10))
    assert status.completed and status.ingested_objects == 2
    assert [o.path for o in branch.objects(prefix="drop/")] == ["drop/a.csv", "drop/b.csv"]
    assert client.storage_config.pre_sign_support is True
    assert branch.object("drop/a.csv").reader(pre_sign=True).read() == b"id\n1\n"

    branch.object("notes/today.txt").upload(b"written through a pre-signed URL", pre_sign=True)
    assert branch.object("notes/today.txt").reader(pre_sign=True).read() == b"written through a pre-signed URL"
    stat = branch.object("notes/today.txt").stat()
    assert stat.physical_address.startswith(SOURCES[kind][1] + "/")
    door = {"gs": "gcs", "azure": "azure"}[kind]
    used = {e["operationId"] for e in emulator.control("GET", "/journal")["entries"]}
    assert {f"{door}:{op}" for op in ({"gs": ["UploadObject", "DownloadObject"], "azure": ["PutBlob", "GetBlob"]}[kind])} <= used
