"""
Refs dump and restore through the generated `lakefs_sdk`, as `lakectl refs-dump` and `lakectl
refs-restore` (with `lakectl repo create-bare`) run them: the manifest and metaranges land in the
storage namespace (read back with boto3), and a restore into a bare repository on that namespace
reproduces every branch, tag and commit with the same IDs, and the objects they hold.
"""
import json
import time

import lakefs_sdk
import pytest
from lakefs_sdk import RefsRestore, RepositoryCreation
from lakefs_sdk.exceptions import ApiException

NAMESPACE = "s3://example-bucket/repos/example"


def error(call):
    with pytest.raises(ApiException) as e:
        call()
    return e.value.status, json.loads(e.value.body) if e.value.body else None


def history(sdk, repo_name):
    branches = sorted((b.id, b.commit_id) for b in sdk.branches_api.list_branches(repo_name).results)
    tags = sorted((t.id, t.commit_id) for t in sdk.tags_api.list_tags(repo_name).results)
    log = [(c.id, c.parents, c.message, c.creation_date, c.meta_range_id, c.metadata) for c in sdk.refs_api.log_commits(repo_name, "main").results]
    return branches, tags, log


def build(repo):
    main = repo.branch("main")
    main.object("data/a.csv").upload(data=b"a,1\n")
    main.commit(message="first", metadata={"by": "test"})
    dev = repo.branch("dev").create(source_reference="main")
    dev.object("data/b.csv").upload(data=b"b,2\n")
    dev.commit(message="on dev")
    dev.merge_into(main)
    repo.tag("v1").create("main")


def test_dump_and_restore_into_a_bare_repository(sdk, repo, s3_store):
    build(repo)
    before = history(sdk, "example")
    dump = sdk.internal_api.dump_refs("example")
    manifest = json.loads(s3_store.get_object(Bucket="example-bucket", Key="repos/example/_lakefs/refs_manifest.json")["Body"].read())
    assert manifest == dump.to_dict()
    for mr in manifest.values():
        assert s3_store.head_object(Bucket="example-bucket", Key=f"repos/example/_lakefs/{mr}")["ContentLength"] > 0
    sdk.repositories_api.delete_repository("example")
    sdk.repositories_api.create_repository(RepositoryCreation(name="restored", storage_namespace=NAMESPACE, default_branch="main"), bare=True)
    res = sdk.internal_api.restore_refs_with_http_info("restored", RefsRestore(**manifest))
    assert (res.status_code, res.raw_data or b"") == (200, b"")
    assert history(sdk, "restored") == before
    assert sdk.objects_api.get_object("restored", "v1", "data/b.csv") == b"b,2\n"
    # Restoring again: the repository is no longer bare.
    assert error(lambda: sdk.internal_api.restore_refs("restored", RefsRestore(**manifest))) == (400, {"message": "can only restore into a bare repository"})


def test_dump_and_restore_as_tasks(sdk, repo):
    build(repo)
    before = history(sdk, "example")
    task = sdk.repositories_api.dump_submit("example")
    assert task.id.startswith("DR") and len(task.id) == 22
    status = sdk.repositories_api.dump_status("example", task.id)
    assert (status.done, status.error, status.update_time.isoformat()) == (True, None, "2024-01-15T10:00:00+00:00")
    refs = status.refs
    sdk.repositories_api.create_repository(RepositoryCreation(name="copy", storage_namespace=NAMESPACE, default_branch="main"), bare=True)
    restore = sdk.repositories_api.restore_submit("copy", RefsRestore(commits_meta_range_id=refs.commits_meta_range_id,
                                                                      branches_meta_range_id=refs.branches_meta_range_id, tags_meta_range_id=refs.tags_meta_range_id))
    assert restore.id.startswith("RR")
    done = sdk.repositories_api.restore_status("copy", restore.id)
    assert (done.done, done.error) == (True, None)
    assert history(sdk, "copy") == before
    assert error(lambda: sdk.repositories_api.dump_status("example", restore.id)) == (404, {"message": "not found"})
    assert error(lambda: sdk.repositories_api.restore_submit("example", RefsRestore(commits_meta_range_id=refs.commits_meta_range_id,
                 branches_meta_range_id=refs.branches_meta_range_id, tags_meta_range_id=refs.tags_meta_range_id))) == (400, {"message": "can only restore into a bare repository"})


def test_a_restore_of_files_that_are_not_there_fails_in_its_task(sdk):
    sdk.repositories_api.create_repository(RepositoryCreation(name="empty", storage_namespace="s3://example-bucket/repos/empty", default_branch="main"), bare=True)
    missing = "0" * 64
    task = sdk.repositories_api.restore_submit("empty", RefsRestore(commits_meta_range_id=missing, branches_meta_range_id=missing, tags_meta_range_id=missing))
    status = sdk.repositories_api.restore_status("empty", task.id)
    assert (status.done, status.error) == (True, f"{missing}: not found")
