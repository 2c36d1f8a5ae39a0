"""The plugin as a user meets it: a ten-line test of an import pipeline, then each fixture."""
import time
from datetime import datetime, timedelta

import lakefs
import pytest


def test_a_daily_import_lands_on_main(lakefs_client, lakefs_time):
    branch = lakefs.Repository("my-repo", client=lakefs_client).branch("main")
    status = (branch.import_data("daily drop", metadata={"source": "pytest"})
              .prefix("s3://my-bucket/raw/2024/", destination="raw/2024/")
              .run(poll_interval=timedelta(seconds=2)))
    assert status.completed and status.ingested_objects == 6000
    assert branch.get_commit().id == status.commit.id
    assert branch.get_commit().metadata["source"] == "pytest"
    assert lakefs_time.offset == 2.0  # one poll after two emulator seconds (6,000 objects at 5,000/s); no waiting


def import_with_deadline(client, source, stall_after=120.0):
    """Pipeline code: poll every 5 s; cancel and fail once ingested_objects stops moving for 2 minutes."""
    mgr = lakefs.Repository("my-repo", client=client).branch("main").import_data("day").prefix(source, destination="raw/")
    mgr.start()
    seen, since = -1, time.monotonic()
    while True:
        time.sleep(5)
        status = mgr.status()
        if status.completed:
            return status
        if status.ingested_objects != seen:
            seen, since = status.ingested_objects, time.monotonic()
        elif time.monotonic() - since > stall_after:
            mgr.cancel()
            raise TimeoutError(f"import stalled at {seen} objects")


@pytest.mark.lakefs_scenario("stalled-import")
def test_a_stalled_import_is_cancelled(lakefs_client, lakefs_time, lakefs_emulator):
    started = time.perf_counter()
    with pytest.raises(TimeoutError, match="import stalled at 7500 objects"):
        import_with_deadline(lakefs_client, "s3://my-bucket/raw/2024-01-15/")
    assert [e["status"] for e in lakefs_emulator.journal("importCancel")] == [204]
    # 7,500 seen at the first poll (5 s); 120 s later, plus the wall milliseconds that also passed, it gives up.
    assert lakefs_time.offset == 125.0
    assert time.perf_counter() - started >= 125.0  # the test's clock moved with the emulator's


def test_the_session_scenario_is_back_after_a_marked_test(lakefs_emulator_fresh):
    names = [r["name"] for r in lakefs_emulator_fresh.control("GET", "/repositories")["repositories"]]
    assert names == ["my-repo"]
    assert lakefs_emulator_fresh.control("GET", "/scenario")["name"] == "daily-drop"


def test_each_test_starts_from_the_scenario_a(lakefs_client):
    lakefs.Repository("my-repo", client=lakefs_client).branch("scratch").create("main")


def test_each_test_starts_from_the_scenario_b(lakefs_client, lakefs_emulator):
    branches = [b.id for b in lakefs.Repository("my-repo", client=lakefs_client).branches()]
    assert branches == ["ingestion", "main"]
    assert [e["operationId"] for e in lakefs_emulator.journal()] == ["listBranches"]


def test_the_generated_and_legacy_clients(lakefs_sdk_client, lakefs_legacy_client):
    import lakefs_sdk

    repos = lakefs_sdk.RepositoriesApi(lakefs_sdk_client).list_repositories()
    assert [r.id for r in repos.results] == ["my-repo"]
    branches = lakefs_legacy_client.branches_api.list_branches("my-repo")
    assert [b.id for b in branches.results] == ["ingestion", "main"]


def test_write_to_the_bucket_import_and_read_through_the_gateway(lakefs_s3_store, lakefs_client, lakefs_s3_gateway, lakefs_time):
    lakefs_s3_store.create_bucket(Bucket="landing")
    lakefs_s3_store.put_object(Bucket="landing", Key="2024-01-16/lakes.csv", Body=b"name,area\nErie,25700\n")
    branch = lakefs.Repository("my-repo", client=lakefs_client).branch("main")
    branch.import_data("landing").prefix("s3://landing/", destination="landing/").run()
    body = lakefs_s3_gateway.get_object(Bucket="my-repo", Key="main/landing/2024-01-16/lakes.csv")["Body"].read()
    assert body == b"name,area\nErie,25700\n"


def test_the_control_api_helpers(lakefs_emulator_fresh):
    e = lakefs_emulator_fresh
    stored = e.put_object("s3://my-bucket/extra/one.txt", "one")
    assert stored["size"] == 3
    before = datetime.fromisoformat(e.clock()["now"].replace("Z", "+00:00"))
    after = datetime.fromisoformat(e.advance(90)["now"].replace("Z", "+00:00"))
    assert timedelta(seconds=90) <= after - before < timedelta(seconds=95)  # the clock is real: wall time adds
    assert e.imports() == []
    assert e.coverage()["exercised"] == []
    e.load_scenario("daily-drop", {"version": 1, "repositories": [{"name": "other", "storageNamespace": "s3://my-bucket/repos/other"}]})
    assert [r["name"] for r in e.control("GET", "/repositories")["repositories"]] == ["my-repo", "other"]
    e.restore_scenario()
