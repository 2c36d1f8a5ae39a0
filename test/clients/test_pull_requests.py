"""
Pull requests through the generated `lakefs_sdk` (the web UI's Pull Requests tab and `lakectl`
call the same operations): created from a branch with changes, listed by status and page, updated,
closed and reopened, and merged for real, with the merge's hooks and conflicts.
"""
import json
import re
from datetime import datetime

import lakefs_sdk
import pytest
from lakefs_sdk import PullRequestBasic, PullRequestCreation
from lakefs_sdk.exceptions import ApiException

from conftest import T0


def error(call):
    with pytest.raises(ApiException) as e:
        call()
    return e.value.status, json.loads(e.value.body) if e.value.body else None


def listing(sdk, **params):
    """The listing as JSON: lakeFS leaves the description out of listed pull requests, which the SDK's model requires."""
    res = sdk.pulls_api.list_pull_requests_with_http_info("example", _preload_content=False, **params)
    return json.loads(res.raw_data)


def dev_with_a_change(repo, path="reports/q1.csv", data=b"q,1\n"):
    dev = repo.branch("dev").create(source_reference="main")
    dev.object(path).upload(data=data)
    dev.commit(message="q1 report")
    return dev


def test_create_get_and_merge_a_pull_request(sdk, repo):
    dev_with_a_change(repo)
    created = sdk.pulls_api.create_pull_request("example", PullRequestCreation(title="Q1 report", description="adds q1", source_branch="dev", destination_branch="main"))
    assert re.fullmatch(r"[0-9a-v]{20}", created.id)
    pr = sdk.pulls_api.get_pull_request("example", created.id)
    assert pr.to_dict() == {"id": created.id, "status": "open", "title": "Q1 report", "description": "adds q1", "author": "quickstart",
                            "source_branch": "dev", "destination_branch": "main", "creation_date": datetime.fromisoformat("2024-01-15T10:00:00+00:00")}
    merged = sdk.pulls_api.merge_pull_request("example", created.id)
    head = repo.branch("main").get_commit()
    assert merged.reference == head.id
    assert (head.message, head.committer, len(head.parents)) == ("Merge 'dev' into 'main'", "quickstart", 2)
    assert repo.branch("main").object("reports/q1.csv").reader().read() == b"q,1\n"
    pr = sdk.pulls_api.get_pull_request("example", created.id)
    assert (pr.status, pr.merged_commit_id, pr.closed_date.isoformat()) == ("merged", head.id, "2024-01-15T10:00:00+00:00")
    assert error(lambda: sdk.pulls_api.merge_pull_request("example", created.id)) == (400, {"message": "bad pull request status"})


def test_listing_by_status_newest_first_in_pages(sdk, repo, emulator):
    dev_with_a_change(repo)
    ids = []
    for n in range(3):
        ids.append(sdk.pulls_api.create_pull_request("example", PullRequestCreation(title=f"pr {n}", source_branch="dev", destination_branch="main")).id)
        emulator.advance(1000)
    sdk.pulls_api.update_pull_request("example", ids[0], PullRequestBasic(status="closed"))
    every = listing(sdk)
    assert [p["title"] for p in every["results"]] == ["pr 2", "pr 1", "pr 0"]
    assert every["pagination"] == {"has_more": False, "next_offset": "", "results": 3, "max_per_page": 1000}
    assert "description" not in every["results"][0] and every["results"][0]["author"] == "quickstart"
    assert [p["title"] for p in listing(sdk, status="open")["results"]] == ["pr 2", "pr 1"]
    assert [p["title"] for p in listing(sdk, status="closed")["results"]] == ["pr 0"]
    first = listing(sdk, amount=2)
    assert (first["pagination"]["has_more"], first["pagination"]["next_offset"]) == (True, ids[1])
    assert [p["title"] for p in listing(sdk, amount=2, after=first["pagination"]["next_offset"])["results"]] == ["pr 0"]


def test_update_close_and_reopen(sdk, repo, emulator):
    dev_with_a_change(repo)
    pid = sdk.pulls_api.create_pull_request("example", PullRequestCreation(title="draft", source_branch="dev", destination_branch="main")).id
    res = sdk.pulls_api.update_pull_request_with_http_info("example", pid, PullRequestBasic(title="final", description="ready"))
    assert res.status_code == 204  # controller.go answers 204, though the swagger declares 200
    emulator.advance(60_000)
    sdk.pulls_api.update_pull_request("example", pid, PullRequestBasic(status="closed"))
    pr = sdk.pulls_api.get_pull_request("example", pid)
    assert (pr.title, pr.description, pr.status, pr.closed_date.isoformat()) == ("final", "ready", "closed", "2024-01-15T10:01:00+00:00")
    assert error(lambda: sdk.pulls_api.merge_pull_request("example", pid)) == (400, {"message": "bad pull request status"})
    sdk.pulls_api.update_pull_request("example", pid, PullRequestBasic(status="open"))
    assert sdk.pulls_api.get_pull_request("example", pid).status == "open"
    sdk.pulls_api.merge_pull_request("example", pid)


def test_a_merge_conflict_and_a_pre_merge_hook(sdk, repo):
    dev = dev_with_a_change(repo, "same.txt", b"dev")
    main = repo.branch("main")
    main.object("same.txt").upload(data=b"main")
    main.commit(message="main's version")
    pid = sdk.pulls_api.create_pull_request("example", PullRequestCreation(title="conflicts", source_branch="dev", destination_branch="main")).id
    assert error(lambda: sdk.pulls_api.merge_pull_request("example", pid)) == (409, {"message": "update branch main: conflict found"})
    assert sdk.pulls_api.get_pull_request("example", pid).status == "open"
    # A pre-merge hook (on the source's action files) refuses the merge: 412, and the pull request stays open.
    dev.object("same.txt").upload(data=b"main")
    dev.object("_lakefs_actions/gate.yaml").upload(data=b"name: review gate\non:\n  pre-merge:\n    branches: [main]\nhooks:\n  - id: review\n    type: lua\n    properties:\n      script: |\n        error('merges into main need a review')\n")
    dev.commit(message="resolve and add a gate")
    status, body = error(lambda: sdk.pulls_api.merge_pull_request("example", pid))
    assert status == 412 and "merges into main need a review" in body["message"]
    assert sdk.pulls_api.get_pull_request("example", pid).status == "open"


def test_refusals(sdk, repo):
    dev_with_a_change(repo)
    create = lambda src, dst: sdk.pulls_api.create_pull_request("example", PullRequestCreation(title="t", source_branch=src, destination_branch=dst))  # noqa: E731
    assert error(lambda: create("dev", "dev")) == (400, {"message": "source and destination branches are the same: same branch validation error"})
    assert error(lambda: create("nope", "main")) == (404, {"message": "branch not found"})
    assert error(lambda: create("dev", "bad name")) == (400, {"message": "argument dest: branch id: invalid value: validation error"})
    assert error(lambda: sdk.pulls_api.create_pull_request("nope", PullRequestCreation(title="t", source_branch="dev", destination_branch="main"))) == (404, {"message": "repository not found"})
    assert error(lambda: sdk.pulls_api.get_pull_request("example", "not-an-id")) == (400, {"message": "argument pullRequestID: pull request id: invalid value: validation error"})
    assert error(lambda: sdk.pulls_api.get_pull_request("example", "cn0000000000000000g0")) == (404, {"message": "pull request not found"})
    pid = create("dev", "main").id
    # The swagger's enum refuses it before the controller does (kin-openapi's words).
    assert error(lambda: sdk.pulls_api.update_pull_request("example", pid, PullRequestBasic.construct(status="done"))) == (
        400, {"message": 'request body has an error: doesn\'t match schema: Error at "/status": value is not one of the allowed values ["open","closed","merged"]'})
