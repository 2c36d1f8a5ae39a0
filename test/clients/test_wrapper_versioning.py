"""Commits, logs, diffs, merges, reverts, cherry-picks and resets through the `lakefs` wrapper."""
from datetime import datetime, timezone

import pytest
from lakefs.exceptions import BadRequestException, ConflictException, NotFoundException

from conftest import T0_SECONDS


def test_commit_with_metadata_and_read_it_back(repo, emulator):
    main = repo.branch("main")
    main.object("a").upload("1")
    emulator.advance(5000)
    ref = main.commit("first", metadata={"owner": "me", "run": "7"})
    commit = ref.get_commit()
    assert (commit.message, commit.metadata, commit.committer, commit.creation_date) == ("first", {"owner": "me", "run": "7"}, "quickstart", T0_SECONDS + 5)
    assert commit.id == main.head.id
    assert len(commit.parents) == 1
    assert repo.commit(commit.id).get_commit().message == "first"
    assert repo.ref(f"{commit.id[:12]}").get_commit().id == commit.id
    with pytest.raises(BadRequestException):
        main.commit("nothing to commit")


def test_log_with_its_filters(repo, emulator):
    main = repo.branch("main")
    ids = []
    for i, key in enumerate(["a/1", "b/1", "a/2"]):
        emulator.advance(60_000)
        main.object(key).upload(str(i))
        ids.append(main.commit(f"c{i}").get_commit().id)
    assert [c.id for c in main.log(max_amount=3)] == ids[::-1]
    assert [c.message for c in main.log()] == ["c2", "c1", "c0", "Repository created"]
    assert [c.message for c in main.log(prefixes=["a/"])] == ["c2", "c0"]
    assert [c.message for c in main.log(objects=["b/1"])] == ["c1"]
    assert [c.message for c in main.log(objects=["b/1"], prefixes=["a/2"])] == ["c2", "c1"]
    assert [c.message for c in main.log(amount=2, limit=True)] == ["c2", "c1"]
    assert [c.message for c in main.log(first_parent=True, max_amount=2)] == ["c2", "c1"]
    assert [c.message for c in main.log(stop_at=ids[0])] == ["c2", "c1", "c0"]
    # The SDK formats `since` with `%z` (`+0000`), which Go's RFC 3339 parsing refuses: on lakeFS too.
    with pytest.raises(BadRequestException) as e:
        list(main.log(since=datetime.fromtimestamp(T0_SECONDS + 90, tz=timezone.utc)))
    assert "+0000: an invalid date-time" in str(e.value)
    assert [c.message for c in repo.ref(f"main~1").log(max_amount=1)] == ["c1"]


def test_diff_between_refs(repo):
    main = repo.branch("main")
    main.object("keep").upload("k")
    main.object("drop").upload("d")
    main.commit("base")
    dev = repo.branch("dev").create(main)
    dev.object("drop").delete()
    dev.object("new/x").upload("xx")
    dev.object("keep").upload("kk")
    dev.commit("change")
    # Between commits a removed entry carries the removed value (graveler diffIterator), so its size.
    assert [(c.type, c.path, c.size_bytes) for c in main.diff(dev)] == [("removed", "drop", 1), ("changed", "keep", 2), ("added", "new/x", 2)]
    assert [(c.type, c.path, c.path_type) for c in main.diff(dev, delimiter="/")] == [
        ("removed", "drop", "object"), ("changed", "keep", "object"), ("prefix_changed", "new/", "common_prefix"),
    ]
    assert [c.path for c in main.diff(dev, prefix="new/")] == ["new/x"]
    assert [c.path for c in main.diff(dev, max_amount=1)] == ["drop"]
    assert [c.path for c in main.diff(dev, after="drop")] == ["keep", "new/x"]
    assert list(dev.diff(dev)) == []


def test_merge_and_merge_conflict(repo):
    main = repo.branch("main")
    main.object("f").upload("base")
    main.commit("base")
    dev = repo.branch("dev").create(main)
    dev.object("g").upload("dev")
    dev.commit("on dev")
    merged = dev.merge_into(main, message="bring dev", metadata={"k": "v"})
    commit = main.get_commit()
    assert merged == commit.id
    assert (commit.message, commit.metadata, len(commit.parents)) == ("bring dev", {"k": "v", ".lakefs.merge.strategy": "default"}, 2)
    assert main.object("g").reader("r").read() == "dev"
    # Both change f: a conflict, and main stays as it was.
    main.object("f").upload("main")
    main.commit("main f")
    dev.object("f").upload("dev")
    dev.commit("dev f")
    head = main.head.id
    with pytest.raises(ConflictException):
        dev.merge_into(main)
    assert main.head.id == head
    dev.merge_into(main, strategy="source-wins")
    assert main.object("f").reader("r").read() == "dev"
    with pytest.raises(BadRequestException):
        dev.merge_into(main)  # nothing new


def test_revert_and_cherry_pick(repo):
    main = repo.branch("main")
    main.object("a").upload("1")
    first = main.commit("add a").get_commit()
    main.object("b").upload("2")
    second = main.commit("add b").get_commit()
    reverted = main.revert(second.id)
    assert reverted.message == f"Revert {second.id}"
    assert [o.path for o in main.objects()] == ["a"]
    other = repo.branch("other").create(first.id)
    picked = other.cherry_pick(second.id)
    assert picked.message == "add b"
    assert picked.metadata["cherry-pick-origin"] == second.id
    assert [o.path for o in other.objects()] == ["a", "b"]
    with pytest.raises(NotFoundException):
        other.cherry_pick("0" * 64)


def test_revert_without_changes_is_refused_and_a_dirty_branch_cannot_merge(repo):
    main = repo.branch("main")
    main.object("a").upload("1")
    main.commit("a")
    dev = repo.branch("dev").create(main)
    dev.object("b").upload("2")
    dev.commit("b")
    main.object("dirty").upload("x")
    with pytest.raises(BadRequestException) as e:
        dev.merge_into(main)
    assert "dirty" in str(e.value)
