"""Import code tested with the lakeFS Python SDK against lakefs-emulator, through the pytest plugin.

`lakefs_client` is a `lakefs.Client` for a fresh world of the scenario in pytest.ini; `lakefs_time`
makes the SDK's polling sleeps move the emulator's clock instead of waiting.
"""
import lakefs
import pytest
from lakefs.exceptions import ImportManagerException


def test_imports_a_daily_drop(lakefs_client, lakefs_time):
    branch = lakefs.Repository("my-repo", client=lakefs_client).branch("main")
    mgr = (branch.import_data("daily drop", metadata={"source": "pytest"})
           .prefix("s3://my-bucket/raw/2024/", destination="raw/2024/")
           .object("s3://my-bucket/raw/manifest.json", destination="raw/manifest.json"))
    status = mgr.run()

    assert status.completed and status.ingested_objects == 6001
    assert branch.get_commit().id == status.commit.id
    assert branch.get_commit().metadata["source"] == "pytest"
    top = [obj.path for obj in branch.objects(prefix="raw/2024/", delimiter="/")]
    assert top == ["raw/2024/part-1/", "raw/2024/part-2/", "raw/2024/part-3/"]


def test_a_dirty_branch_fails_the_import_at_commit(lakefs_client, lakefs_time):
    # daily-drop's `ingestion` branch has an uncommitted change: lakeFS accepts the import, then fails it.
    branch = lakefs.Repository("my-repo", client=lakefs_client).branch("ingestion")
    mgr = branch.import_data("into a dirty branch").prefix("s3://my-bucket/raw/", destination="raw/")
    mgr.start()
    with pytest.raises(ImportManagerException, match="uncommitted changes"):
        mgr.wait()


@pytest.mark.lakefs_scenario("stalled-import")
def test_a_stalled_import_never_completes(lakefs_client, lakefs_time, lakefs_emulator):
    mgr = lakefs.Repository("my-repo", client=lakefs_client).branch("main").import_data("day").prefix(
        "s3://my-bucket/raw/2024-01-15/", destination="raw/")
    mgr.start()
    lakefs_time.sleep(600)                          # ten emulator minutes, instantly
    assert mgr.status().ingested_objects == 7500
    mgr.cancel()
    assert [entry["status"] for entry in lakefs_emulator.journal("importCancel")] == [204]
