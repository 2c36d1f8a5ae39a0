"""
Actions with webhook hooks through lakeFS's Python clients: a quality gate (pre-commit) that passes
and one that blocks, a pre-merge gate on an imported branch, post-commit notifications, and the runs
API read back with lakefs_sdk. A real HTTP server in the test plays the webhook.
"""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import lakefs
import lakefs_sdk
import pytest
from lakefs.exceptions import ImportManagerException


class Hooks:
    """A webhook server: /ok answers 200, /reject 400 with a reason; every call is kept."""

    def __init__(self) -> None:
        calls = self.calls = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                calls.append((self.path, body))
                status = 400 if self.path.startswith("/reject") else 200
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"found a PII column" if status == 400 else b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def hooks():
    h = Hooks()
    yield h
    h.server.shutdown()


def gate(name: str, event: str, url: str) -> str:
    return f"name: {name}\non:\n  {event}:\n    branches: [main]\nhooks:\n  - id: check\n    type: webhook\n    properties:\n      url: {url}\n"


def test_a_pre_commit_gate_passes_then_blocks(repo, sdk, hooks):
    main = repo.branch("main")
    main.object("_lakefs_actions/gate.yaml").upload(gate("quality gate", "pre-commit", f"{hooks.url}/ok"))
    main.object("data/good.csv").upload("id\n1\n")
    ref = main.commit("good data")
    assert [c[1]["event_type"] for c in hooks.calls] == ["pre-commit"]
    assert hooks.calls[0][1]["commit_message"] == "good data"

    main.object("_lakefs_actions/gate.yaml").upload(gate("quality gate", "pre-commit", f"{hooks.url}/reject"))
    main.object("data/bad.csv").upload("ssn\n123-45-6789\n")
    with pytest.raises(lakefs.exceptions.LakeFSException) as err:
        main.commit("bad data")
    assert err.value.status_code == 412 and "webhook request failed (status code: 400)" in str(err.value)
    assert main.head.id == ref.get_commit().id

    runs = sdk.actions_api.list_repository_runs("example", branch="main")
    assert [(r.event_type, r.status) for r in runs.results] == [("pre-commit", "failed"), ("pre-commit", "completed")]
    assert runs.results[1].commit_id == ref.get_commit().id
    failed = sdk.actions_api.get_run("example", runs.results[0].run_id)
    assert (failed.status, failed.branch) == ("failed", "main")
    hook_runs = sdk.actions_api.list_run_hooks("example", failed.run_id)
    assert [(h.hook_run_id, h.action, h.hook_id, h.status) for h in hook_runs.results] == [("0000_0000", "quality gate", "check", "failed")]
    output = bytes(sdk.actions_api.get_run_hook_output("example", failed.run_id, "0000_0000")).decode()
    assert "found a PII column" in output and output.endswith("Error: webhook request failed (status code: 400)\n")
    with pytest.raises(lakefs_sdk.ApiException) as missing:
        sdk.actions_api.get_run("example", "no-such-run")
    assert missing.value.status == 404


def test_a_pre_merge_gate_blocks_an_imported_branch(repo, hooks, ticker):
    repo.branch("main").object("_lakefs_actions/merge.yaml").upload(gate("merge gate", "pre-merge", f"{hooks.url}/reject"))
    repo.branch("main").commit("add the merge gate")
    ingest = repo.branch("ingest").create(source_reference="main")
    ticker()
    ingest.import_data("drop").prefix("s3://sample-bucket/data/", destination="data/").run()
    with pytest.raises(lakefs.exceptions.LakeFSException) as err:
        ingest.merge_into(repo.branch("main"))
    assert err.value.status_code == 412
    assert hooks.calls[-1][1]["event_type"] == "pre-merge" and hooks.calls[-1][1]["merge_source"] == "ingest"


def test_an_import_runs_its_commit_hooks(repo, hooks, ticker):
    main = repo.branch("main")
    gated = gate("import gate", "pre-commit", f"{hooks.url}/reject").replace("hooks:", "  post-commit:\n    branches: [main]\nhooks:")
    dev = repo.branch("dev").create(source_reference="main")
    dev.object("_lakefs_actions/gate.yaml").upload(gated)
    dev.commit("the gate, on a branch it does not watch")
    dev.merge_into(main)
    ticker()
    with pytest.raises(ImportManagerException) as failed:
        main.import_data("daily drop").prefix("s3://sample-bucket/data/", destination="data/").run()
    assert "import error: merge import: update branch main: pre-commit hook aborted, run id '" in str(failed.value)
    assert "webhook request failed (status code: 400)" in str(failed.value)
    assert not list(main.objects(prefix="data/"))

    dev.object("_lakefs_actions/gate.yaml").upload(gated.replace("/reject", "/ok"))
    dev.commit("the gate lets data through")
    dev.merge_into(main)
    status = main.import_data("daily drop").prefix("s3://sample-bucket/data/", destination="data/").run()
    assert status.completed
    for _ in range(100):
        if hooks.calls[-1][1]["event_type"] == "post-commit":
            break
        threading.Event().wait(0.01)
    assert hooks.calls[-1][1]["event_type"] == "post-commit" and hooks.calls[-1][1]["commit_id"] == status.commit.id


LUA_GATE = """
name: csv gate
on:
  pre-merge:
    branches: [main]
hooks:
  - id: headers
    type: lua
    properties:
      args:
        required: name
      script: |
        local lakefs = require("lakefs")
        local strings = require("strings")
        local code, listing = lakefs.list_objects(action.repository_id, action.source_ref, "", "data/", "")
        for _, obj in ipairs(listing.results) do
          if strings.has_suffix(obj.path, ".csv") then
            local _, body = lakefs.get_object(action.repository_id, action.source_ref, obj.path)
            local header = strings.split(body, "\\n")[1]
            if not strings.contains(header, args.required) then error(obj.path .. ": no '" .. args.required .. "' column") end
            print("checked " .. obj.path)
          end
        end
"""


def test_a_lua_gate_reads_the_imported_objects_and_blocks_a_bad_one(emulator, repo, sdk, ticker):
    main = repo.branch("main")
    main.object("_lakefs_actions/csv.yaml").upload(LUA_GATE)
    main.commit("csv gate")
    ticker()
    good = repo.branch("good").create(source_reference="main")
    good.import_data("drop").prefix("s3://sample-bucket/data/", destination="data/").run()
    good.merge_into(main)
    output = bytes(sdk.actions_api.get_run_hook_output("example", sdk.actions_api.list_repository_runs("example").results[0].run_id, "0000_0000")).decode()
    assert output == "checked data/lakes.csv\nchecked data/rivers.csv\n"

    emulator.put_object("s3://sample-bucket/bad/data/broken.csv", b"id,area\n1,2\n")
    bad = repo.branch("bad").create(source_reference="main")
    bad.import_data("bad drop").prefix("s3://sample-bucket/bad/data/", destination="data/").run()
    with pytest.raises(lakefs.exceptions.LakeFSException) as err:
        bad.merge_into(main)
    message = err.value.body["message"]
    assert err.value.status_code == 412
    assert message.endswith("failed on action 'csv gate' hook 'headers': [string \"lua\"]:8: data/broken.csv: no 'name' column\n\n")
