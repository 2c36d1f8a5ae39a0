"""The legacy `lakefs_client` running the lakeFS documentation's walk-through, and its import API."""
import io
import time
import warnings

import lakefs_client
import pytest
from lakefs_client import models
from lakefs_client.exceptions import ApiException, NotFoundException

from conftest import T0_SECONDS

warnings.filterwarnings("ignore", category=DeprecationWarning, module="lakefs_client")


def test_documentation_walk_through(legacy):
    client = legacy
    repo = models.RepositoryCreation(name="example-repo", storage_namespace="s3://storage-bucket/repos/example-repo", default_branch="main")
    created = client.repositories.create_repository(repo)
    assert (created.id, created.default_branch, created.creation_date) == ("example-repo", "main", T0_SECONDS)
    assert [b.id for b in client.branches.list_branches(repository="example-repo").results] == ["main"]
    client.branches.create_branch(repository="example-repo", branch_creation=models.BranchCreation(name="experiment-aggregations1", source="main"))
    with io.BytesIO(b"a,b\n1,2\n") as f:
        f.name = "file.csv"
        stats = client.objects.upload_object(repository="example-repo", branch="experiment-aggregations1", path="path/to/file.csv", content=f)
    assert (stats.path, stats.size_bytes) == ("path/to/file.csv", 8)
    diff = client.branches.diff_branch(repository="example-repo", branch="experiment-aggregations1").results
    assert [(d.type, d.path) for d in diff] == [("added", "path/to/file.csv")]
    commit = client.commits.commit(
        repository="example-repo", branch="experiment-aggregations1",
        commit_creation=models.CommitCreation(message="Added a CSV file!", metadata={"using": "python_api"}),
    )
    assert (commit.message, dict(commit.metadata)) == ("Added a CSV file!", {"using": "python_api"})
    refs_diff = client.refs.diff_refs(repository="example-repo", left_ref="main", right_ref="experiment-aggregations1").results
    assert [(d.type, d.path) for d in refs_diff] == [("added", "path/to/file.csv")]
    # The documentation merges without a body: the client sends Content-Type: application/json and no bytes.
    result = client.refs.merge_into_branch(repository="example-repo", source_ref="experiment-aggregations1", destination_branch="main")
    head = client.branches.get_branch(repository="example-repo", branch="main")
    assert result.reference == head.commit_id
    assert client.refs.diff_refs(repository="example-repo", left_ref="main", right_ref="experiment-aggregations1").results == []
    data = client.objects.get_object(repository="example-repo", ref="main", path="path/to/file.csv")
    assert data.read() == b"a,b\n1,2\n"


def test_import_api_start_status_cancel(legacy, emulator, world):
    emulator.load({**world, "import": {"objectsPerSecond": 100}})
    creation = models.ImportCreation(
        paths=[models.ImportLocation(type="common_prefix", path="s3://sample-bucket/logs/", destination="logs/")],
        commit=models.CommitCreation(message="legacy import"),
    )
    started = legacy.import_api.import_start(repository="example", branch="main", import_creation=creation)
    assert len(started.id) == 20
    status = legacy.import_api.import_status(repository="example", branch="main", id=started.id)
    assert (status.completed, status.ingested_objects) == (False, 0)
    emulator.advance(1000)
    status = legacy.import_api.import_status(repository="example", branch="main", id=started.id)
    assert status.ingested_objects == 100
    legacy.import_api.import_cancel(repository="example", branch="main", id=started.id)
    status = legacy.import_api.import_status(repository="example", branch="main", id=started.id)
    assert status.error.message == "import error: Canceled"
    with pytest.raises(NotFoundException):
        legacy.import_api.import_status(repository="example", branch="main", id="c" * 20)


def test_import_api_to_completion(legacy, emulator):
    creation = models.ImportCreation(
        paths=[models.ImportLocation(type="object", path="s3://sample-bucket/manifest.json", destination="manifest.json")],
        commit=models.CommitCreation(message="one object", metadata={"k": "v"}),
    )
    started = legacy.import_api.import_start(repository="example", branch="main", import_creation=creation)
    emulator.advance(1000)
    status = legacy.import_api.import_status(repository="example", branch="main", id=started.id)
    assert status.completed is True
    assert status.ingested_objects == 1
    assert status.commit.message == "one object"
    assert dict(status.commit.metadata) == {"k": "v", ".lakefs.merge.strategy": "source-wins"}
    with pytest.raises(ApiException) as e:
        legacy.import_api.import_cancel(repository="example", branch="main", id=started.id)
    assert e.value.status == 409
