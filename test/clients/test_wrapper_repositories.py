"""Repositories, branches and tags through the `lakefs` wrapper."""
import lakefs
import pytest
from lakefs.exceptions import BadRequestException, ConflictException, NotFoundException

from conftest import T0_SECONDS


def test_repository_life_cycle(client):
    repo = lakefs.Repository("analytics", client=client).create(storage_namespace="s3://bucket/analytics", default_branch="trunk")
    props = repo.properties
    assert (props.id, props.default_branch, props.storage_namespace, props.creation_date) == ("analytics", "trunk", "s3://bucket/analytics", T0_SECONDS)
    assert [b.id for b in repo.branches()] == ["trunk"]
    assert repo.metadata == {}
    assert [r.id for r in lakefs.repositories(client=client)] == ["analytics", "example"]
    assert [r.id for r in lakefs.repositories(client=client, prefix="ana")] == ["analytics"]
    # exist_ok reads the existing one back; without it, 409.
    assert lakefs.Repository("analytics", client=client).create(storage_namespace="s3://other/x", exist_ok=True).properties.storage_namespace == "s3://bucket/analytics"
    with pytest.raises(ConflictException):
        lakefs.Repository("analytics", client=client).create(storage_namespace="s3://other/x")
    repo.delete()
    with pytest.raises(NotFoundException):
        lakefs.Repository("analytics", client=client).properties  # noqa: B018 (a property that calls the server)
    assert [r.id for r in lakefs.repositories(client=client)] == ["example"]


def test_repository_with_unknown_storage_id_is_refused(client):
    with pytest.raises(BadRequestException) as e:
        lakefs.Repository("nowhere", client=client).create(storage_namespace="s3://bucket/nowhere", storage_id="nope")
    assert e.value.status_code == 400
    assert [r.id for r in lakefs.repositories(client=client)] == ["example"]


def test_repository_with_the_single_store_id_is_accepted(client):
    repo = lakefs.Repository("somewhere", client=client).create(storage_namespace="s3://bucket/somewhere", storage_id="")
    assert repo.properties.storage_id == ""


def test_branch_life_cycle(repo):
    main = repo.branch("main")
    dev = repo.branch("dev").create(main)
    assert dev.head.id == main.head.id
    assert dev.get_commit().id == main.get_commit().id
    assert [b.id for b in repo.branches()] == ["dev", "main"]
    assert [b.id for b in repo.branches(prefix="d")] == ["dev"]
    assert [b.id for b in repo.branches(max_amount=1)] == ["dev"]
    assert repo.branch("dev").create("main", exist_ok=True).id == "dev"
    with pytest.raises(ConflictException):
        repo.branch("dev").create("main")
    with pytest.raises(NotFoundException):
        repo.branch("other").create("no-such-ref")
    dev.delete()
    assert [b.id for b in repo.branches()] == ["main"]
    with pytest.raises(NotFoundException):
        dev.head  # noqa: B018


def test_hidden_branches_are_listed_only_on_request(repo, sdk):
    sdk.branches_api.create_branch("example", lakefs_sdk_branch_creation("shadow", hidden=True))
    assert [b.id for b in repo.branches()] == ["main"]
    listed = sdk.branches_api.list_branches("example", show_hidden=True)
    assert [b.id for b in listed.results] == ["main", "shadow"]
    assert [b.id for b in sdk.branches_api.list_branches("example", show_hidden=False).results] == ["main"]
    # A hidden branch is an ordinary branch otherwise.
    assert repo.branch("shadow").head.id == repo.branch("main").head.id


def test_transact_works_on_a_hidden_branch_and_merges_back(repo):
    main = repo.branch("main")
    with main.transact(commit_message="add two", commit_metadata={"by": "tx"}) as tx:
        tx.object("a.txt").upload("alpha")
        tx.object("b.txt").upload("beta")
        # The transaction's branch is hidden: a listing during it shows only main.
        assert [b.id for b in repo.branches()] == ["main"]
        assert [o.path for o in main.objects()] == []
    assert [o.path for o in main.objects()] == ["a.txt", "b.txt"]
    assert main.object("b.txt").reader("r").read() == "beta"
    log = list(main.log(max_amount=3))
    assert log[0].message.startswith("Merge ")
    assert log[1].message == "add two"
    assert log[1].metadata == {"by": "tx"}
    assert [b.id for b in repo.branches()] == ["main"]


def test_transact_failure_leaves_the_branch_untouched_and_removes_its_branch(repo):
    main = repo.branch("main")
    head = main.head.id
    with pytest.raises(RuntimeError, match="boom"):
        with main.transact(commit_message="never") as tx:
            tx.object("a.txt").upload("alpha")
            raise RuntimeError("boom")
    assert main.head.id == head
    assert list(main.objects()) == []
    assert [b.id for b in repo.branches()] == ["main"]


def test_transact_with_a_tag(repo):
    main = repo.branch("main")
    with main.transact(commit_message="tagged", tag="v1") as tx:
        tx.object("x").upload("1")
    assert repo.tag("v1").get_commit().id == main.head.id
    assert [t.id for t in repo.tags()] == ["v1"]


def test_tags(repo):
    main = repo.branch("main")
    main.object("a").upload("1")
    ref = main.commit("one")
    tag = repo.tag("v1").create(main)
    assert tag.get_commit().id == ref.get_commit().id
    assert repo.tag("v1").create("main", exist_ok=True).id == "v1"
    with pytest.raises(ConflictException):
        repo.tag("v1").create("main")
    repo.tag("v2").create(ref.id)
    assert [t.id for t in repo.tags()] == ["v1", "v2"]
    assert [t.id for t in repo.tags(prefix="v2")] == ["v2"]
    assert [o.path for o in repo.tag("v1").objects()] == ["a"]
    repo.tag("v1").delete()
    assert [t.id for t in repo.tags()] == ["v2"]
    with pytest.raises(NotFoundException):
        repo.tag("v1").get_commit()


def lakefs_sdk_branch_creation(name, hidden):
    import lakefs_sdk

    return lakefs_sdk.BranchCreation(name=name, source="main", hidden=hidden)
