"""Import code tested with the lakeFS Python SDK against lakefs-emulator (see conftest.py)."""
from datetime import timedelta

import lakefs
import pytest
from lakefs.exceptions import ImportManagerException

POLL = timedelta(milliseconds=50)


def test_imports_a_daily_drop(client):
    branch = lakefs.Repository("my-repo", client=client).branch("main")
    mgr = (branch.import_data("daily drop", metadata={"source": "pytest"})
           .prefix("s3://my-bucket/raw/2024/", destination="raw/2024/")
           .object("s3://my-bucket/raw/manifest.json", destination="raw/manifest.json"))
    mgr.start()
    status = mgr.wait(poll_interval=POLL)

    assert status.completed and status.ingested_objects == 6001
    assert branch.get_commit().id == status.commit.id
    assert branch.get_commit().metadata == {"source": "pytest"}
    top = [obj.path for obj in branch.objects(prefix="raw/2024/", delimiter="/")]
    assert top == ["raw/2024/part-1/", "raw/2024/part-2/", "raw/2024/part-3/"]


def test_a_dirty_branch_fails_the_import_at_commit(client):
    # daily-drop's `ingestion` branch has an uncommitted change: lakeFS accepts the import, then fails it.
    branch = lakefs.Repository("my-repo", client=client).branch("ingestion")
    mgr = branch.import_data("into a dirty branch").prefix("s3://my-bucket/raw/", destination="raw/")
    mgr.start()
    with pytest.raises(ImportManagerException, match="uncommitted changes"):
        mgr.wait(poll_interval=POLL)
