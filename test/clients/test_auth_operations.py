"""
Users, key pairs and the auth operations lakeFS OSS refuses, through the generated `lakefs_sdk` and
boto3. The reference is lakeFS OSS with basic auth (pkg/auth/basic_service.go): one admin user with
one key pair; groups, policies, ACLs, external principals and other logins answer 501.
"""
import json

import lakefs_sdk
import pytest
from botocore.exceptions import ClientError
from lakefs_sdk.exceptions import ApiException, UnauthorizedException

from conftest import ACCESS_KEY_ID, T0_SECONDS, WORLD, boto3_client


def error(call):
    with pytest.raises(ApiException) as e:
        call()
    return e.value.status, json.loads(e.value.body) if e.value.body else None


def sdk_with(emulator, key: str, secret: str) -> lakefs_sdk.client.LakeFSClient:
    return lakefs_sdk.client.LakeFSClient(lakefs_sdk.Configuration(host=f"{emulator.url}/api/v1", username=key, password=secret))


def test_the_single_admin_user(sdk):
    users = sdk.auth_api.list_users()
    assert [(u.id, u.creation_date) for u in users.results] == [("quickstart", T0_SECONDS)]
    assert users.pagination.to_dict() == {"has_more": False, "next_offset": "", "results": 1, "max_per_page": 0}
    assert sdk.auth_api.get_user("quickstart").id == "quickstart"
    assert error(lambda: sdk.auth_api.get_user("someone")) == (404, {"message": "user not found"})
    # BasicAuthService keeps one user under one key: a second is "Already exists".
    assert error(lambda: sdk.auth_api.create_user(lakefs_sdk.UserCreation(id="bob"))) == (409, {"message": "Already exists"})
    assert error(lambda: sdk.auth_api.create_user(lakefs_sdk.UserCreation(id="a/b"))) == (400, {"message": "name contains delimiter /: validation error"})
    assert error(lambda: sdk.auth_api.create_user(lakefs_sdk.UserCreation(id="50%"))) == (400, {"message": "User name cannot contain '%'"})
    assert error(lambda: sdk.auth_api.create_user(lakefs_sdk.UserCreation(id="bob@example.com", invite_user=True))) == (501, {"message": "Not Implemented"})
    # lakeFS's middleware authenticates before the handler checks the name.
    anonymous = lakefs_sdk.client.LakeFSClient(lakefs_sdk.Configuration(host=sdk._api.configuration.host))
    assert error(lambda: anonymous.auth_api.create_user(lakefs_sdk.UserCreation(id="50%")))[0] == 401
    assert sdk.internal_api.get_auth_capabilities().to_dict() == {"invite_user": False}


def test_key_pairs(sdk):
    creds = sdk.auth_api.get_credentials("quickstart", ACCESS_KEY_ID)
    assert (creds.access_key_id, creds.creation_date) == (ACCESS_KEY_ID, T0_SECONDS)
    assert error(lambda: sdk.auth_api.get_credentials("quickstart", "AKIANOPE")) == (404, {"message": "credentials not found"})
    assert error(lambda: sdk.auth_api.get_credentials("bob", ACCESS_KEY_ID)) == (404, {"message": "credentials not found"})
    # MaxCredentialsPerUser is 1 in basic auth; listing and deleting keys are not implemented.
    assert error(lambda: sdk.auth_api.create_credentials("quickstart")) == (400, {"message": "exceeded number of allowed credentials: invalid request"})
    assert error(lambda: sdk.auth_api.create_credentials("bob")) == (404, {"message": "not found"})
    assert error(lambda: sdk.auth_api.list_user_credentials("quickstart")) == (501, {"message": "Not Implemented"})
    assert error(lambda: sdk.auth_api.delete_credentials("quickstart", ACCESS_KEY_ID)) == (501, {"message": "Not Implemented"})


def test_a_new_admin_key_works_on_the_api_and_the_gateway_at_once(emulator, sdk):
    emulator.load({**WORLD, "credentials": []})
    created = sdk.internal_api.setup(lakefs_sdk.Setup(username="admin"))
    assert created.access_key_id.startswith("AKIAJ") and created.access_key_id.endswith("Q") and len(created.access_key_id) == 20
    assert len(created.secret_access_key) == 40
    admin = sdk_with(emulator, created.access_key_id, created.secret_access_key)
    assert admin.auth_api.get_current_user().user.id == "admin"
    assert admin.auth_api.get_credentials("admin", created.access_key_id).creation_date == T0_SECONDS
    gateway = boto3_client(emulator.url, key=created.access_key_id, secret=created.secret_access_key)
    gateway.put_object(Bucket="example", Key="main/new-key.txt", Body=b"written with the new key")
    assert admin.objects_api.stat_object("example", "main", "new-key.txt").size_bytes == 24
    # The same seed and calls give the same keys.
    emulator.load({**WORLD, "credentials": []})
    assert sdk.internal_api.setup(lakefs_sdk.Setup(username="admin")).access_key_id == created.access_key_id


def test_deleting_the_admin_removes_its_keys_everywhere(emulator, sdk, s3_gateway):
    assert error(lambda: sdk.auth_api.delete_user("bob")) == (404, {"message": "user not found"})
    sdk.auth_api.delete_user("quickstart")
    with pytest.raises(UnauthorizedException):
        sdk.repositories_api.list_repositories()
    with pytest.raises(ClientError) as e:
        s3_gateway.list_objects_v2(Bucket="example", Prefix="main/")
    assert e.value.response["Error"]["Code"] == "AccessDenied"  # pkg/gateway/middleware.go: GetCredentials fails
    # lakeFS stays set up: setup is refused, as lakeFS's metadata keeps its setup timestamp.
    assert sdk.internal_api.get_setup_state().state == "initialized"


REFUSED = [
    ("list_groups", ()), ("get_group", ("g",)), ("delete_group", ("g",)), ("list_group_members", ("g",)),
    ("add_group_membership", ("g", "quickstart")), ("delete_group_membership", ("g", "quickstart")),
    ("list_group_policies", ("g",)), ("attach_policy_to_group", ("g", "p")), ("detach_policy_from_group", ("g", "p")),
    ("get_group_acl", ("g",)), ("set_group_acl", ("g", lakefs_sdk.ACL(permission="Read"))),
    ("list_policies", ()), ("get_policy", ("p",)), ("delete_policy", ("p",)),
    ("list_user_groups", ("quickstart",)), ("list_user_policies", ("quickstart",)),
    ("attach_policy_to_user", ("quickstart", "p")), ("detach_policy_from_user", ("quickstart", "p")),
    ("create_group", (lakefs_sdk.GroupCreation(id="g"),)),
    ("create_user_external_principal", ("quickstart", "arn:aws:iam::1:role/r")),
    ("delete_user_external_principal", ("quickstart", "arn:aws:iam::1:role/r")),
    ("list_user_external_principals", ("quickstart",)), ("get_external_principal", ("arn:aws:iam::1:role/r",)),
]
POLICY = lakefs_sdk.Policy(id="p", statement=[lakefs_sdk.Statement(effect="allow", resource="*", action=["fs:*"])])


@pytest.mark.parametrize("name,args", REFUSED, ids=[name for name, _ in REFUSED])
def test_rbac_operations_answer_501_as_lakefs_oss(sdk, emulator, name, args):
    assert error(lambda: getattr(sdk.auth_api, name)(*args)) == (501, {"message": "Not Implemented"})
    # Authentication comes first.
    anonymous = lakefs_sdk.client.LakeFSClient(lakefs_sdk.Configuration(host=f"{emulator.url}/api/v1"))
    assert error(lambda: getattr(anonymous.auth_api, name)(*args))[0] == 401


def test_policies_and_logins_lakefs_oss_refuses(sdk, emulator):
    assert error(lambda: sdk.auth_api.create_policy(POLICY)) == (501, {"message": "Not Implemented"})
    assert error(lambda: sdk.auth_api.update_policy("p", POLICY)) == (501, {"message": "Not Implemented"})
    assert error(lambda: sdk.auth_api.update_policy("q", POLICY)) == (400, {"message": "can't update policy id"})
    assert error(lambda: sdk.auth_api.create_group(lakefs_sdk.GroupCreation(id="a%b"))) == (400, {"message": "Group name cannot contain '%'"})
    anonymous = lakefs_sdk.client.LakeFSClient(lakefs_sdk.Configuration(host=f"{emulator.url}/api/v1"))
    sts = lakefs_sdk.StsAuthRequest(code="c", state="s", redirect_uri="http://localhost/cb")
    assert error(lambda: anonymous.experimental_api.sts_login(sts)) == (501, {"message": "Not Implemented"})
    login = lakefs_sdk.ExternalLoginInformation(identityRequest={"method": "POST"})
    assert error(lambda: anonymous.auth_api.external_principal_login(login)) == (501, {"message": "Not Implemented"})
    # The dummy authentication service's OAuth callback writes nothing: Go answers 200, empty.
    res = anonymous.auth_api.oauth_callback_with_http_info()
    assert (res.status_code, res.raw_data or b"") == (200, b"")
