"""Zero-copy import through the wrapper's ImportManager, as pipelines use it."""
from datetime import timedelta

import pytest
from lakefs.exceptions import ConflictException, ImportManagerException, NotFoundException

from conftest import T0_SECONDS

POLL = timedelta(milliseconds=20)


def test_import_a_prefix_and_an_object_and_wait(repo, ticker):
    main = repo.branch("main")
    mgr = main.import_data("daily drop", metadata={"source": "airflow"})
    mgr.prefix("s3://sample-bucket/data/", destination="raw/").object("s3://sample-bucket/manifest.json", destination="raw/manifest.json")
    assert [s.path for s in mgr.sources] == ["s3://sample-bucket/data/", "s3://sample-bucket/manifest.json"]
    mgr.start()
    ticker()
    status = mgr.wait(poll_interval=POLL)
    assert status.completed is True
    assert status.error is None
    assert status.ingested_objects == 3
    assert status.commit.id == main.head.id
    assert status.commit.message == "daily drop"
    assert status.commit.metadata == {"source": "airflow", ".lakefs.merge.strategy": "source-wins"}
    assert status.metarange_id == status.commit.meta_range_id
    assert [o.path for o in main.objects()] == ["raw/lakes.csv", "raw/manifest.json", "raw/rivers.csv"]
    obj = main.object("raw/lakes.csv")
    assert obj.reader("r").read() == "name,area\nSuperior,82100\n"
    info = obj.stat()
    assert (info.physical_address, info.size_bytes, info.mtime) == ("s3://sample-bucket/data/lakes.csv", 25, 1704067200)
    assert repo.metadata[".lakefs.last.import.timestamp"] == str(status.commit.creation_date)
    with pytest.raises(ConflictException):
        mgr.cancel()  # it completed
    with pytest.raises(ImportManagerException, match="can only be used once"):
        mgr.start()


def test_import_several_prefixes_with_run(repo, ticker):
    main = repo.branch("main")
    mgr = main.import_data()
    for day in ("01", "02", "03"):
        mgr.prefix(f"s3://sample-bucket/logs/day={day}/", destination=f"logs/{day}/")
    ticker()
    status = mgr.run(poll_interval=POLL)
    assert status.ingested_objects == 90
    assert status.commit.message == "Import objects"
    assert sum(1 for _ in main.objects(prefix="logs/")) == 90
    assert [o.path for o in main.objects(prefix="logs/02/", max_amount=3)] == ["logs/02/part-1.log", "logs/02/part-10.log", "logs/02/part-11.log"]


def test_status_while_running_and_cancel(repo, emulator, world):
    emulator.load({**world, "import": {"objectsPerSecond": 100}})
    main = repo.branch("main")
    head = main.head.id
    mgr = main.import_data("slow").prefix("s3://sample-bucket/logs/", destination="logs/")
    mgr.start()
    status = mgr.status()
    assert (status.completed, status.ingested_objects, status.error) == (False, 0, None)
    emulator.advance(1000)
    status = mgr.status()
    assert (status.completed, status.ingested_objects) == (False, 100)
    assert status.update_time.timestamp() == T0_SECONDS + 1
    with pytest.raises(ImportManagerException, match="Import in progress"):
        mgr.start()
    mgr.cancel()
    status = mgr.status()
    assert status.completed is False
    assert status.error.message == "import error: Canceled"
    emulator.advance(5000)
    assert mgr.status().update_time == status.update_time
    assert main.head.id == head
    mgr.cancel()  # again: still 204, as on lakeFS


def test_manager_misuse_is_refused_client_side(repo):
    mgr = repo.branch("main").import_data()
    for call in (mgr.cancel, mgr.status, mgr.wait):
        with pytest.raises(ImportManagerException, match="No import in progress"):
            call()


def test_import_errors(repo, client, ticker):
    with pytest.raises(NotFoundException):
        repo.branch("nope").import_data().prefix("s3://sample-bucket/data/", "x/").start()
    import lakefs

    with pytest.raises(NotFoundException):
        lakefs.Repository("nope", client=client).branch("main").import_data().prefix("s3://sample-bucket/data/", "x/").start()


def test_import_from_a_bucket_that_does_not_exist_fails(repo, ticker):
    main = repo.branch("main")
    head = main.head.id
    mgr = main.import_data("nothing").prefix("s3://no-such-bucket/data/", destination="x/")
    ticker()
    with pytest.raises(ImportManagerException) as e:
        mgr.run(poll_interval=POLL)
    assert str(e.value) == (
        "Import Error: import error: error on ingest: operation error S3: ListObjectsV2, https response error "
        "StatusCode: 404, api error NoSuchBucket: The specified bucket does not exist"
    )
    assert main.head.id == head


def test_a_dirty_branch_fails_the_import_at_commit(repo, ticker):
    main = repo.branch("main")
    main.object("dirty").upload("x")
    ticker()
    with pytest.raises(ImportManagerException, match=r"uncommitted changes \(dirty branch\)"):
        main.import_data().prefix("s3://sample-bucket/data/", "raw/").run(poll_interval=POLL)


def shipped(name):
    import json
    from conftest import ROOT

    return json.loads((ROOT / "scenarios" / f"{name}.json").read_text())


def watch(emulator, mgr, seconds):
    """The status once per emulator second, as (ingested_objects, update_time as epoch seconds)."""
    seen = []
    for _ in range(seconds):
        emulator.advance(1000)
        s = mgr.status()
        seen.append((s.ingested_objects, int(s.update_time.timestamp()), s.completed))
    return seen


def test_stalled_walker_counts_nothing_more_while_update_time_moves(client, emulator):
    emulator.load({**shipped("stalled-import"), "clock": {"start": "2024-01-15T10:00:00Z", "mode": "manual"}})
    import lakefs

    mgr = lakefs.Repository("my-repo", client=client).branch("main").import_data("daily").prefix("s3://my-bucket/raw/2024-01-15/", "raw/")
    mgr.start()
    assert watch(emulator, mgr, 4) == [
        (5000, T0_SECONDS + 1, False), (7500, T0_SECONDS + 2, False), (7500, T0_SECONDS + 3, False), (7500, T0_SECONDS + 4, False),
    ]
    mgr.cancel()
    assert mgr.status().error.message == "import error: Canceled"


def test_dead_lakefs_freezes_the_whole_status(client, emulator):
    emulator.load({**shipped("lakefs-dies-mid-import"), "clock": {"start": "2024-01-15T10:00:00Z", "mode": "manual"}})
    import lakefs

    mgr = lakefs.Repository("my-repo", client=client).branch("main").import_data("daily").prefix("s3://my-bucket/raw/2024-01-15/", "raw/")
    mgr.start()
    assert watch(emulator, mgr, 4) == [(5000, T0_SECONDS + 1, False)] * 4
    emulator.advance(60_000)
    status = mgr.status()
    assert (status.ingested_objects, int(status.update_time.timestamp()), status.error) == (5000, T0_SECONDS + 1, None)
