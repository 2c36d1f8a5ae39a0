"""
The installation's own operations through the generated `lakefs_sdk`: communication preferences
(setup and setup_comm_prefs, with lakeFS's email check), usage statistics lakectl posts, the usage
report `lakectl usage summary` reads, and the garbage collection configuration.
"""
import base64
import json
import urllib.request

import lakefs_sdk
import pytest
from lakefs_sdk.exceptions import ApiException

from conftest import ACCESS_KEY_ID, SECRET_ACCESS_KEY, WORLD

PREFS = dict(feature_updates=True, security_updates=False)


def error(call):
    with pytest.raises(ApiException) as e:
        call()
    return e.value.status, json.loads(e.value.body)


def test_communication_preferences_once_after_setup(emulator, sdk):
    emulator.load({**WORLD, "credentials": []})
    state = sdk.internal_api.get_setup_state()
    assert (state.state, state.comm_prefs_missing) == ("not_initialized", True)
    assert error(lambda: sdk.internal_api.setup_comm_prefs(lakefs_sdk.CommPrefsInput(email="ops@acme.com", **PREFS))) == (412, {"message": "lakeFS is not initialized"})
    # setup checks an email it is given as lakeFS does, and refuses before it creates anything.
    assert error(lambda: sdk.internal_api.setup(lakefs_sdk.Setup(username="admin", email="me@gmail.com"))) == (400, {"message": "please use a business email address"})
    assert sdk.internal_api.get_setup_state().state == "not_initialized"
    sdk.internal_api.setup(lakefs_sdk.Setup(username="admin"))
    # Set up without an email: the web UI asks for one.
    assert sdk.internal_api.get_setup_state().comm_prefs_missing is True
    for email, message in [("", "email is required"), ("not-an-email", "invalid email address"), ("x@mailinator.com", "invalid email address"),
                           ("x@there.is.no.such-tld", "invalid email address"), ("x@yahoo.com", "please use a business email address")]:
        assert error(lambda: sdk.internal_api.setup_comm_prefs(lakefs_sdk.CommPrefsInput(email=email, **PREFS))) == (400, {"message": message})
    res = sdk.internal_api.setup_comm_prefs_with_http_info(lakefs_sdk.CommPrefsInput(email="ops@acme.com", first_name="Ada", **PREFS))
    assert (res.status_code, res.raw_data or b"") == (200, b"")
    assert sdk.internal_api.get_setup_state().comm_prefs_missing is False
    assert error(lambda: sdk.internal_api.setup_comm_prefs(lakefs_sdk.CommPrefsInput(email="ops@acme.com", **PREFS))) == (409, {"message": "communication preferences already set"})


def test_setup_with_an_email_records_the_preferences(emulator, sdk):
    emulator.load({**WORLD, "credentials": []})
    sdk.internal_api.setup(lakefs_sdk.Setup(username="admin", email="ops@company.co.uk", feature_updates=True))
    assert sdk.internal_api.get_setup_state().comm_prefs_missing is False
    assert error(lambda: sdk.internal_api.setup_comm_prefs(lakefs_sdk.CommPrefsInput(email="ops@acme.com", **PREFS))) == (409, {"message": "communication preferences already set"})


def test_an_installation_set_up_by_its_scenario_is_not_asked(sdk):
    state = sdk.internal_api.get_setup_state()
    assert (state.state, state.comm_prefs_missing) == ("initialized", False)
    # lakeFS OSS's default auth.ui_config.rbac: the web UI locks its users, groups and policies pages.
    assert state.login_config.rbac == "none"
    assert error(lambda: sdk.internal_api.setup_comm_prefs(lakefs_sdk.CommPrefsInput(email="ops@acme.com", **PREFS))) == (409, {"message": "communication preferences already set"})


def test_stats_events_are_validated(sdk):
    event = lambda **kw: lakefs_sdk.StatsEvent(**{"var_class": "cli", "name": "fs_upload", "count": 1, **kw})  # noqa: E731
    res = sdk.internal_api.post_stats_events_with_http_info(lakefs_sdk.StatsEventsList(events=[event(), event(count=0)]))
    assert res.status_code == 204
    assert error(lambda: sdk.internal_api.post_stats_events(lakefs_sdk.StatsEventsList(events=[event(var_class="")]))) == (400, {"message": "invalid value: class is required"})
    assert error(lambda: sdk.internal_api.post_stats_events(lakefs_sdk.StatsEventsList(events=[event(name="")]))) == (400, {"message": "invalid value: name is required"})
    assert error(lambda: sdk.internal_api.post_stats_events(lakefs_sdk.StatsEventsList(events=[event(count=-1)]))) == (400, {"message": "invalid value: count must be a non-negative integer"})


def test_usage_report_counts_api_actions_and_gateway_requests(emulator, sdk, s3_gateway):
    sdk.repositories_api.list_repositories()
    sdk.branches_api.list_branches("example")
    s3_gateway.list_objects_v2(Bucket="example", Prefix="main/")
    s3_gateway.put_object(Bucket="example", Key="main/a.txt", Body=b"a")
    sdk.config_api.get_config()  # configuration reads are no actions (controller.go logs none)
    report = sdk.internal_api.get_usage_report_summary()
    # Two API actions, two gateway requests, and the summary's own action.
    assert [(r.year, r.month, r.count) for r in report.reports] == [(2024, 1, 5)]
    assert len(report.installation_id) == 36
    emulator.advance(40 * 24 * 3600 * 1000)
    # The SDK always asks for JSON; `Accept: text/plain` (curl, a browser) gets lakeFS's text table.
    auth = base64.b64encode(f"{ACCESS_KEY_ID}:{SECRET_ACCESS_KEY}".encode()).decode()
    req = urllib.request.Request(f"{emulator.url}/api/v1/usage-report/summary", headers={"Accept": "text/plain", "Authorization": f"Basic {auth}"})
    with urllib.request.urlopen(req) as res:
        assert (res.headers["Content-Type"], res.headers["Cache-Control"]) == ("text/plain; charset=utf-8", "no-store, must-revalidate")
        assert res.read().decode() == f"Usage for installation ID: {report.installation_id}\n2024-01: {5:12d}\n2024-02: {1:12d}\n"


def test_garbage_collection_config(sdk):
    assert sdk.internal_api.get_garbage_collection_config().grace_period == 24 * 3600
