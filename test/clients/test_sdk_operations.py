"""
Every served operation through the generated `lakefs_sdk`, with the parameters it sends: booleans as
Python writes them (`True`/`False`), integers, exploded arrays, dates and optional bodies.
"""
import base64
import json
from datetime import datetime

import lakefs_sdk
import pytest
from lakefs_sdk.exceptions import ApiException, BadRequestException, NotFoundException, UnauthorizedException

from conftest import ACCESS_KEY_ID, SECRET_ACCESS_KEY, T0_SECONDS, WORLD


def test_health_setup_and_config(sdk):
    sdk.health_check_api.health_check()
    assert sdk.internal_api.get_setup_state().state == "initialized"
    with pytest.raises(ApiException) as e:
        sdk.internal_api.setup(lakefs_sdk.Setup(username="admin"))
    assert (e.value.status, json.loads(e.value.body)) == (409, {"message": "lakeFS already initialized"})
    config = sdk.config_api.get_config()
    assert (config.storage_config.blockstore_type, config.storage_config.pre_sign_support, config.storage_config.import_support) == ("s3", True, True)
    assert config.storage_config_list == []
    version = sdk.internal_api.get_lake_fs_version()
    assert version.version == config.version_config.version
    assert sdk.internal_api.get_storage_config().blockstore_namespace_validity_regex == "^s3://"


def test_setup_an_uninitialized_installation(sdk, emulator):
    emulator.load({**WORLD, "credentials": []})
    assert sdk.internal_api.get_setup_state().state == "not_initialized"
    creds = sdk.internal_api.setup(lakefs_sdk.Setup(username="admin", key=lakefs_sdk.AccessKeyCredentials(access_key_id="AKIAADMIN", secret_access_key="s3cr3t")))
    assert (creds.access_key_id, creds.secret_access_key, creds.creation_date) == ("AKIAADMIN", "s3cr3t", T0_SECONDS)
    config = lakefs_sdk.Configuration(host=sdk._api.configuration.host, username="AKIAADMIN", password="s3cr3t")
    assert lakefs_sdk.client.LakeFSClient(config).auth_api.get_current_user().user.id == "admin"


def test_login_token_and_session_cookie(sdk, emulator):
    token = sdk.auth_api.login(lakefs_sdk.LoginInformation(access_key_id=ACCESS_KEY_ID, secret_access_key=SECRET_ACCESS_KEY))
    header, payload, _ = token.token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    assert json.loads(base64.urlsafe_b64decode(header + "==")) == {"alg": "HS256", "typ": "JWT"}
    assert (claims["sub"], claims["aud"], claims["iss"], claims["iat"], claims["exp"]) == ("quickstart", "login", "auth", T0_SECONDS, T0_SECONDS + 7 * 24 * 3600)
    assert token.token_expiration == T0_SECONDS + 7 * 24 * 3600
    # As a bearer token.
    bearer = lakefs_sdk.client.LakeFSClient(lakefs_sdk.Configuration(host=sdk._api.configuration.host, access_token=token.token))
    assert bearer.auth_api.get_current_user().user.id == "quickstart"
    # As lakeFS's web UI uses it: the session cookie set by login, and nothing else.
    res = sdk.auth_api.login_with_http_info(lakefs_sdk.LoginInformation(access_key_id=ACCESS_KEY_ID, secret_access_key=SECRET_ACCESS_KEY))
    cookie = res.headers["Set-Cookie"]
    name_value, *attributes = [part.strip() for part in cookie.split(";")]
    assert name_value.startswith("internal_auth_session=")
    assert "Path=/" in attributes and "Max-Age=2592000" in attributes
    assert not any(a.startswith("Expires=") for a in attributes)
    ui = lakefs_sdk.client.LakeFSClient(lakefs_sdk.Configuration(host=sdk._api.configuration.host), cookie=name_value)
    assert ui.auth_api.get_current_user().user.id == "quickstart"
    assert [r.id for r in ui.repositories_api.list_repositories().results] == ["example"]
    forged = lakefs_sdk.client.LakeFSClient(lakefs_sdk.Configuration(host=sdk._api.configuration.host), cookie=name_value[:-2] + "xx")
    with pytest.raises(UnauthorizedException):
        forged.repositories_api.list_repositories()


def test_current_user_without_credentials_is_empty(emulator):
    anonymous = lakefs_sdk.client.LakeFSClient(lakefs_sdk.Configuration(host=f"{emulator.url}/api/v1"))
    user = anonymous.auth_api.get_current_user().user
    assert (user.id, user.creation_date) == ("", 0)
    with pytest.raises(UnauthorizedException):
        anonymous.repositories_api.list_repositories()


def test_wrong_credentials_are_refused(emulator):
    wrong = lakefs_sdk.client.LakeFSClient(lakefs_sdk.Configuration(host=f"{emulator.url}/api/v1", username=ACCESS_KEY_ID, password="nope"))
    with pytest.raises(UnauthorizedException) as e:
        wrong.auth_api.get_current_user()
    assert json.loads(e.value.body) == {"message": "error authenticating request"}


def test_repositories_with_boolean_and_integer_parameters(sdk):
    created = sdk.repositories_api.create_repository(lakefs_sdk.RepositoryCreation(name="bare-repo", storage_namespace="s3://b/bare"), bare=True)
    assert created.id == "bare-repo"
    assert sdk.branches_api.list_branches("bare-repo").results == []
    sdk.repositories_api.create_repository(lakefs_sdk.RepositoryCreation(name="full-repo", storage_namespace="s3://b/full"), bare=False)
    assert [b.id for b in sdk.branches_api.list_branches("full-repo").results] == ["main"]
    page = sdk.repositories_api.list_repositories(amount=1)
    assert ([r.id for r in page.results], page.pagination.has_more, page.pagination.next_offset) == (["bare-repo"], True, "bare-repo")
    assert [r.id for r in sdk.repositories_api.list_repositories(after="bare-repo", amount=1000).results] == ["example", "full-repo"]
    sdk.repositories_api.delete_repository("full-repo", force=False)
    sdk.repositories_api.delete_repository("bare-repo", force=True)
    assert [r.id for r in sdk.repositories_api.list_repositories().results] == ["example"]


def test_repository_metadata(sdk):
    sdk.internal_api.set_repository_metadata("example", lakefs_sdk.RepositoryMetadataSet(metadata={"team": "data", "tier": "gold"}))
    assert sdk.repositories_api.get_repository_metadata("example") == {"team": "data", "tier": "gold"}
    sdk.internal_api.delete_repository_metadata("example", lakefs_sdk.RepositoryMetadataKeys(keys=["tier"]))
    assert sdk.repositories_api.get_repository_metadata("example") == {"team": "data"}


def test_branch_protection_with_etag(sdk):
    rules = sdk.repositories_api.get_branch_protection_rules_with_http_info("example")
    assert rules.data == []
    etag = rules.headers["ETag"]
    sdk.repositories_api.set_branch_protection_rules("example", [lakefs_sdk.BranchProtectionRule(pattern="main")], if_match=etag)
    assert [r.pattern for r in sdk.repositories_api.get_branch_protection_rules("example")] == ["main"]
    with pytest.raises(ApiException) as e:
        sdk.repositories_api.set_branch_protection_rules("example", [], if_match=etag)
    assert e.value.status == 412
    with pytest.raises(ApiException) as e:
        sdk.objects_api.upload_object("example", "main", "x", content=b"1")
    assert e.value.status == 403


def test_branches_refs_and_resets(sdk):
    objects = sdk.objects_api
    objects.upload_object("example", "main", "a", content=b"1")
    first = sdk.commits_api.commit("example", "main", lakefs_sdk.CommitCreation(message="a", date=T0_SECONDS + 60))
    assert first.creation_date == T0_SECONDS + 60
    assert sdk.commits_api.get_commit("example", "main").id == first.id
    assert sdk.branches_api.create_branch("example", lakefs_sdk.BranchCreation(name="dev", source="main", force=False)) == first.id
    assert sdk.branches_api.get_branch("example", "dev").commit_id == first.id
    objects.upload_object("example", "dev", "b", content=b"2")
    second = sdk.commits_api.commit("example", "dev", lakefs_sdk.CommitCreation(message="b", allow_empty=False, force=False))
    base = sdk.refs_api.find_merge_base("example", "dev", "main")
    assert (base.base_commit_id, base.source_commit_id, base.destination_commit_id) == (first.id, second.id, first.id)
    objects.upload_object("example", "dev", "c", content=b"3")
    sdk.branches_api.reset_branch("example", "dev", lakefs_sdk.ResetCreation(type="object", path="c", force=False))
    assert sdk.branches_api.diff_branch("example", "dev").results == []
    sdk.experimental_api.hard_reset_branch("example", "dev", ref=first.id, force=False)
    assert sdk.branches_api.get_branch("example", "dev").commit_id == first.id
    sdk.branches_api.delete_branch("example", "dev", force=False)
    with pytest.raises(NotFoundException):
        sdk.branches_api.get_branch("example", "dev")


def test_log_with_every_parameter_type(sdk, emulator):
    for key in ["a/1", "b/1"]:
        emulator.advance(60_000)
        sdk.objects_api.upload_object("example", "main", key, content=b"x")
        sdk.commits_api.commit("example", "main", lakefs_sdk.CommitCreation(message=key))
    log = sdk.refs_api.log_commits
    assert [c.message for c in log("example", "main", amount=1, limit=True).results] == ["b/1"]
    assert [c.message for c in log("example", "main", prefixes=["a/", "b/"], objects=["b/1"], limit=False, first_parent=True).results] == ["b/1", "a/1"]
    # Whatever `since` it is given, the SDK sends strftime("%Y-%m-%dT%H:%M:%S.%f%z"): an offset without its
    # colon, or none for a naive datetime. Go's RFC 3339 parsing takes neither, so lakeFS answers 400.
    for since in ("2024-01-15T10:01:30Z", datetime(2024, 1, 15, 10, 1, 30)):
        with pytest.raises(BadRequestException) as e:
            log("example", "main", since=since)
        assert json.loads(e.value.body)["message"].startswith('parameter "since" in query has an error: value 2024-01-15T10:01:30.000000')
    # Sent as Go reads it (here by hand over the SDK's own REST client), it filters.
    res = sdk._api.rest_client.request(
        "GET", f"{sdk._api.configuration.host}/repositories/example/refs/main/commits?since=2024-01-15T10:01:30Z",
        headers={"Authorization": sdk._api.configuration.get_basic_auth_token()},
    )
    assert [c["message"] for c in json.loads(res.data)["results"]] == ["b/1"]


def test_diff_refs_merge_revert_and_cherry_pick(sdk):
    objects = sdk.objects_api
    objects.upload_object("example", "main", "a", content=b"1")
    sdk.commits_api.commit("example", "main", lakefs_sdk.CommitCreation(message="a"))
    sdk.branches_api.create_branch("example", lakefs_sdk.BranchCreation(name="dev", source="main"))
    objects.upload_object("example", "dev", "b", content=b"22")
    picked_from = sdk.commits_api.commit("example", "dev", lakefs_sdk.CommitCreation(message="b"))
    diff = sdk.refs_api.diff_refs("example", "main", "dev", type="two_dot", include_right_stats=False, amount=10)
    assert [(d.type, d.path, d.size_bytes) for d in diff.results] == [("added", "b", 2)]
    merged = sdk.refs_api.merge_into_branch("example", "dev", "main", merge=lakefs_sdk.Merge(message="m", allow_empty=False, force=False, squash_merge=True))
    assert sdk.commits_api.get_commit("example", merged.reference).parents == [sdk.commits_api.get_commit("example", "main~1").id]
    sdk.branches_api.revert_branch("example", "main", lakefs_sdk.RevertCreation(ref="main", parent_number=0, force=False, allow_empty=False))
    assert [o.path for o in objects.list_objects("example", "main").results] == ["a"]
    sdk.branches_api.create_branch("example", lakefs_sdk.BranchCreation(name="pick", source="main"))
    picked = sdk.branches_api.cherry_pick("example", "pick", lakefs_sdk.CherryPickCreation(ref=picked_from.id, parent_number=1, force=False))
    assert picked.metadata["cherry-pick-origin"] == picked_from.id


def test_tags(sdk):
    sdk.tags_api.create_tag("example", lakefs_sdk.TagCreation(id="v1", ref="main", force=False))
    head = sdk.branches_api.get_branch("example", "main").commit_id
    assert sdk.tags_api.get_tag("example", "v1").commit_id == head
    assert [t.id for t in sdk.tags_api.list_tags("example", amount=5).results] == ["v1"]
    sdk.tags_api.delete_tag("example", "v1", force=False)
    assert sdk.tags_api.list_tags("example").results == []


def test_objects_with_every_parameter_type(sdk):
    objects = sdk.objects_api
    stats = objects.upload_object("example", "main", "d/x.txt", content=b"hello", force=False, if_none_match="*")
    assert (stats.path, stats.size_bytes) == ("d/x.txt", 5)
    with pytest.raises(ApiException) as e:
        objects.upload_object("example", "main", "d/x.txt", content=b"again", if_none_match="*")
    assert e.value.status == 412
    assert bytes(objects.get_object("example", "main", "d/x.txt", presign=False)) == b"hello"
    assert bytes(objects.get_object("example", "main", "d/x.txt", range="bytes=1-3")) == b"ell"
    objects.head_object("example", "main", "d/x.txt")
    assert objects.stat_object("example", "main", "d/x.txt", user_metadata=True, presign=False).size_bytes == 5
    listed = objects.list_objects("example", "main", prefix="d/", delimiter="/", amount=10, user_metadata=False, presign=False)
    assert [o.path for o in listed.results] == ["d/x.txt"]
    copy = objects.copy_object("example", "main", "d/y.txt", lakefs_sdk.ObjectCopyCreation(src_path="d/x.txt", src_ref="main", force=False, shallow=False))
    assert copy.size_bytes == 5
    objects.update_object_user_metadata("example", "main", "d/y.txt", lakefs_sdk.UpdateObjectUserMetadata(set={"k": "v"}))
    assert objects.stat_object("example", "main", "d/y.txt").metadata == {"k": "v"}
    objects.delete_object("example", "main", "d/y.txt", force=False)
    result = objects.delete_objects("example", "main", lakefs_sdk.PathList(paths=["d/x.txt"]), force=False)
    assert result.errors == []
    assert sdk.branches_api.diff_branch("example", "main", amount=10, prefix="d/", delimiter="/").results == []
