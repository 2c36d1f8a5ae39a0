"""lakeFS's Python wrapper on gs and azure blockstores: importing gs:// and https://<account>.blob.core.windows.net
sources, and reading and writing through the pre-signed URLs the emulator's GCS and Azure endpoints serve
(V4 signed URLs and SAS; the wrapper adds Azure's x-ms-blob-type itself)."""
import re
from datetime import timedelta

import lakefs
import pytest
from conftest import T0

ACCOUNT = "devstoreaccount1"
AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
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


# What Google's and Microsoft's own clients (the Node ones, from this project's node_modules; their Python
# packages do not install here) write to the emulator's endpoints, then lakeFS's wrapper imports and reads.
WRITERS = {
    "gs": """
        const { Storage } = require('@google-cloud/storage')
        const storage = new Storage({ apiEndpoint: process.env.ENDPOINT, projectId: 'pipeline' })
        ;(async () => {
          const [bucket] = await storage.createBucket('landing')
          await bucket.file('drop/small.csv').save('id\\n1\\n', { resumable: false })
          await bucket.file('drop/large.bin').save(Buffer.alloc(600000, 7), { chunkSize: 256 * 1024 })
        })().catch((err) => { console.error(err); process.exit(1) })
    """,
    "azure": """
        const { BlobServiceClient } = require('@azure/storage-blob')
        const blobs = BlobServiceClient.fromConnectionString(process.env.ENDPOINT)
        ;(async () => {
          const landing = blobs.getContainerClient('landing')
          await landing.create()
          await landing.getBlockBlobClient('drop/small.csv').upload('id\\n1\\n', 5)
          await landing.getBlockBlobClient('drop/large.bin').uploadData(Buffer.alloc(600000, 7), { blockSize: 256 * 1024, maxSingleShotSize: 1024 })
        })().catch((err) => { console.error(err); process.exit(1) })
    """,
}


@pytest.mark.parametrize("kind", ["gs", "azure"])
def test_what_the_official_clients_write_is_imported_by_lakefs_clients(emulator, client, s3_gateway, kind):
    import os
    import subprocess
    from pathlib import Path

    scenario = world(kind)
    scenario["store"] = {}
    emulator.load(scenario)
    banner = "".join(emulator.output)
    gcs = re.search(r"GCS:\s+fake store at (http://\S+) ", banner).group(1)
    azure = re.search(r"Azure Blob:\s+fake store at (http://\S+) ", banner).group(1)
    endpoint = gcs if kind == "gs" else f"DefaultEndpointsProtocol=http;AccountName={ACCOUNT};AccountKey={AZURITE_KEY};BlobEndpoint={azure};"
    root = Path(__file__).resolve().parents[2]
    written = subprocess.run(["node", "-e", WRITERS[kind]], cwd=root, env={**os.environ, "ENDPOINT": endpoint}, capture_output=True, text=True, timeout=60)
    assert written.returncode == 0, written.stderr

    branch = lakefs.Repository("example", client=client).branch("main")
    mgr = branch.import_data("from the official client").prefix(f"{SOURCES[kind][0]}drop/", destination="drop/")
    mgr.start()
    emulator.advance(1000)
    status = mgr.wait(poll_interval=timedelta(milliseconds=10))
    assert status.completed and status.ingested_objects == 2
    sizes = {o.path: o.size_bytes for o in branch.objects(prefix="drop/")}
    assert sizes == {"drop/large.bin": 600000, "drop/small.csv": 5}
    assert branch.object("drop/small.csv").reader().read() == b"id\n1\n"
    body = s3_gateway.get_object(Bucket="example", Key="main/drop/large.bin")["Body"].read()
    assert body == bytes([7]) * 600000
