"""Objects through the `lakefs` wrapper: upload, read back, stat, list, copy, delete, metadata."""
import hashlib

import lakefs_sdk
import pytest
from lakefs.exceptions import NotFoundException, ObjectExistsException, ObjectNotFoundException

from conftest import T0_SECONDS

BINARY = bytes(range(256)) * 4  # 1 KiB, every byte value


def test_text_upload_and_read_back(repo):
    main = repo.branch("main")
    obj = main.object("docs/a.csv").upload("x,y\n1,2\n", content_type="text/csv")
    assert obj.reader("r").read() == "x,y\n1,2\n"
    assert obj.reader().read() == b"x,y\n1,2\n"
    with obj.reader("r") as f:
        assert f.readline() == "x,y\n"
        assert f.readline() == "1,2\n"
        assert f.readline() == ""
    assert list(obj.reader("r")) == ["x,y\n", "1,2\n"]
    info = obj.stat()
    assert (info.path, info.size_bytes, info.content_type, info.mtime) == ("docs/a.csv", 8, "text/csv", T0_SECONDS)
    assert info.checksum == hashlib.md5(b"x,y\n1,2\n").hexdigest()
    assert info.physical_address.startswith("s3://example-bucket/repos/example/data/")


def test_binary_upload_read_ranges_and_seek(repo):
    main = repo.branch("main")
    obj = main.object("bin/blob").upload(BINARY, mode="wb")
    assert obj.reader().read() == BINARY
    with obj.reader() as f:
        assert f.read(4) == b"\x00\x01\x02\x03"
        assert f.tell() == 4
        f.seek(250)
        assert f.read(10) == bytes([250, 251, 252, 253, 254, 255, 0, 1, 2, 3])
        f.seek(-2, 2)
        assert f.read() == b"\xfe\xff"
        f.seek(1020)
        assert f.read(100) == b"\xfc\xfd\xfe\xff"
    with obj.reader() as f:
        # Past the end the server answers 416 with `Content-Range: bytes */1024`: the reader reads nothing.
        f.seek(2000)
        assert f.read(1) == b""
        f.seek(0)
        assert f.read(2) == b"\x00\x01"


def test_writer_streams_and_exclusive_mode(repo):
    main = repo.branch("main")
    with main.object("w.txt").writer("w") as w:
        w.write("one ")
        w.write("two")
    assert main.object("w.txt").reader("r").read() == "one two"
    with pytest.raises(ObjectExistsException):
        main.object("w.txt").upload("again", mode="x")
    main.object("new.txt").upload("fresh", mode="x")
    assert main.object("new.txt").reader("r").read() == "fresh"
    main.object("w.txt").upload("three", mode="w")
    assert main.object("w.txt").reader("r").read() == "three"


def test_user_metadata_comes_back_as_lakefs_keys_it(repo, sdk):
    main = repo.branch("main")
    # Through uploadObject's headers (the pre-signed path sends the keys in JSON, kept as given).
    main.object("m.txt").upload("x", metadata={"Owner": "data-team", "pipeline": "daily"}, pre_sign=False)
    assert main.object("m.txt").stat().metadata == {"owner": "data-team", "pipeline": "daily"}
    main.object("p.txt").upload("x", metadata={"Owner": "data-team"}, pre_sign=True)
    assert main.object("p.txt").stat().metadata == {"Owner": "data-team"}
    stats = sdk.objects_api.stat_object("example", "main", "m.txt", user_metadata=False)
    assert stats.metadata is None or stats.metadata == {}
    listed = sdk.objects_api.list_objects("example", "main", user_metadata=True)
    assert [r.metadata for r in listed.results] == [{"owner": "data-team", "pipeline": "daily"}, {"Owner": "data-team"}]
    sdk.objects_api.update_object_user_metadata(
        "example", "main", "m.txt", lakefs_sdk.UpdateObjectUserMetadata(set={"stage": "raw"})
    )
    assert main.object("m.txt").stat().metadata == {"stage": "raw"}


def test_exists_and_missing_objects(repo):
    main = repo.branch("main")
    assert main.object("nope").exists() is False
    main.object("yes").upload("1")
    assert main.object("yes").exists() is True
    with pytest.raises(ObjectNotFoundException):
        main.object("nope").reader().read()
    with pytest.raises(ObjectNotFoundException):
        main.object("nope").stat()


def test_listing_with_prefix_delimiter_and_paging(repo):
    main = repo.branch("main")
    for key in ["a/1", "a/2", "a/b/3", "c", "d/4"]:
        main.object(key).upload(key)
    assert [o.path for o in main.objects()] == ["a/1", "a/2", "a/b/3", "c", "d/4"]
    assert [o.path for o in main.objects(prefix="a/")] == ["a/1", "a/2", "a/b/3"]
    assert [(o.path, type(o).__name__) for o in main.objects(delimiter="/")] == [
        ("a/", "CommonPrefix"), ("c", "ObjectInfo"), ("d/", "CommonPrefix"),
    ]
    assert [o.path for o in main.objects(prefix="a/", delimiter="/")] == ["a/1", "a/2", "a/b/"]
    assert [o.path for o in main.objects(max_amount=2)] == ["a/1", "a/2"]
    assert [o.path for o in main.objects(after="a/2")] == ["a/b/3", "c", "d/4"]
    page = repo._client.sdk_client.objects_api.list_objects("example", "main", amount=2)
    assert (page.pagination.has_more, page.pagination.next_offset, page.pagination.max_per_page) == (True, "a/2", 1000)


def test_copy_and_delete(repo):
    main = repo.branch("main")
    main.object("src.txt").upload("payload", metadata={"k": "v"})
    copied = main.object("src.txt").copy("main", "dst.txt")
    assert copied.reader("r").read() == "payload"
    assert main.object("dst.txt").stat().metadata == {"k": "v"}
    repo.branch("other").create(main)
    main.object("src.txt").copy("other", "from-main.txt")
    assert repo.branch("other").object("from-main.txt").reader("r").read() == "payload"
    main.object("src.txt").delete()
    assert main.object("src.txt").exists() is False
    main.object("src.txt").delete()  # deleting what is gone is fine, as on lakeFS
    with pytest.raises(NotFoundException):
        repo.branch("nope").object("x").delete()


def test_delete_objects_in_bulk(repo):
    main = repo.branch("main")
    for key in ["a", "b", "c", "d"]:
        main.object(key).upload(key)
    main.delete_objects("a")
    main.delete_objects(main.object("b"))
    main.delete_objects(["c", main.object("missing")])
    assert [o.path for o in main.objects()] == ["d"]


def test_uncommitted_shows_changes_with_lakefs_sizes(repo):
    main = repo.branch("main")
    main.object("keep.txt").upload("12345")
    main.object("gone.txt").upload("123")
    main.commit("base")
    main.object("gone.txt").delete()
    main.object("keep.txt").upload("1234567")
    main.object("new.txt").upload("12")
    changes = [(c.type, c.path, c.path_type, c.size_bytes) for c in main.uncommitted()]
    # lakeFS reports a removed entry with size 0 (a tombstone has no value); the others with their staged size.
    assert changes == [("removed", "gone.txt", "object", 0), ("changed", "keep.txt", "object", 7), ("added", "new.txt", "object", 2)]
    assert [c.path for c in main.uncommitted(prefix="n")] == ["new.txt"]
    assert [c.path for c in main.uncommitted(max_amount=1)] == ["gone.txt"]
    assert [c.path for c in main.uncommitted(after="keep.txt")] == ["new.txt"]


def test_reset_changes(repo):
    main = repo.branch("main")
    for key in ["a/1", "a/2", "b"]:
        main.object(key).upload(key)
    main.reset_changes("object", "b")
    assert [c.path for c in main.uncommitted()] == ["a/1", "a/2"]
    main.reset_changes("common_prefix", "a/")
    assert list(main.uncommitted()) == []
    main.object("c").upload("c")
    main.reset_changes()
    assert list(main.uncommitted()) == []
