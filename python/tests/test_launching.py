"""Finding and stopping the emulator, and the plugin as pip installs it (entry point, ini options)."""
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from pytest_lakefs_emulator import Emulator, EmulatorError, find_command


def test_a_path_runs_its_dist_cli(tmp_path):
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "cli.js").write_text("")
    assert find_command(str(tmp_path))[1:] == [str(tmp_path / "dist" / "cli.js")]


def test_a_checkout_without_a_build_says_what_to_do(tmp_path):
    (tmp_path / "package.json").write_text("{}")
    with pytest.raises(EmulatorError, match=r"no dist/cli.js \(a checkout needs `npm install && npm run build` first\)"):
        find_command(str(tmp_path))


def test_the_npm_package_above_the_rootdir_comes_before_npx(tmp_path):
    cli = tmp_path / "node_modules" / "lakefs-emulator" / "dist" / "cli.js"
    cli.parent.mkdir(parents=True)
    cli.write_text("")
    (tmp_path / "tests" / "deep").mkdir(parents=True)
    assert find_command(None, tmp_path / "tests" / "deep")[1:] == [str(cli)]


def test_npx_when_nothing_is_installed(tmp_path, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}")
    assert find_command(None, tmp_path) == ["/usr/bin/npx", "--yes", "lakefs-emulator"]
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(EmulatorError, match="no npx on PATH"):
        find_command(None, tmp_path)


def test_stop_frees_the_ports():
    emulator = Emulator(find_command(os.environ["LAKEFS_EMULATOR_PATH"]), scenarios=["default"]).start()
    ports = [int(u.rsplit(":", 1)[1]) for u in (emulator.url, emulator.s3_endpoint)]
    emulator.stop()
    for port in ports:
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0


def test_a_bad_scenario_fails_the_start_with_the_emulators_message():
    with pytest.raises(EmulatorError, match=r"(?s)did not start.*daily-drops"):
        Emulator(find_command(os.environ["LAKEFS_EMULATOR_PATH"]), scenarios=["daily-drops"]).start()


def test_the_installed_plugin_reads_its_ini_options(pytester):
    # A project that only has the plugin installed and two ini lines: no conftest, no imports of ours.
    pytester.makeini(f"""
        [pytest]
        lakefs_emulator_path = {os.environ["LAKEFS_EMULATOR_PATH"]}
        lakefs_emulator_scenario =
            daily-drop
            {Path(__file__).parent / "extra-repository.json"}
        lakefs_emulator_args = --clock-mode manual
    """)
    pytester.makepyfile("""
        import lakefs

        def test_pipeline(lakefs_client, lakefs_time, lakefs_emulator):
            repos = sorted(r.id for r in lakefs.repositories(client=lakefs_client))
            assert repos == ["extra", "my-repo"]
            status = lakefs.Repository("my-repo", client=lakefs_client).branch("main").import_data("d").prefix(
                "s3://my-bucket/raw/2024/", destination="raw/").run()
            assert status.ingested_objects == 6000
            assert lakefs_emulator.clock()["mode"] == "manual"
    """)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_a_data_dir_keeps_what_the_sdk_wrote_across_a_restart(tmp_path):
    import lakefs
    from lakefs.client import Client

    def started():
        return Emulator(find_command(os.environ["LAKEFS_EMULATOR_PATH"]), scenarios=["daily-drop"], args=["--data-dir", str(tmp_path / "data")])

    with started() as first:
        client = Client(host=first.url, username=first.access_key_id, password=first.secret_access_key)
        branch = lakefs.Repository("my-repo", client=client).branch("feature").create("main")
        branch.object("notes/today.txt").upload("kept")
        commit = branch.commit("notes", metadata={"by": "pytest"}).get_commit()
        branch.object("notes/draft.txt").upload("staged, not committed")
    assert "new: the scenario's world, saved there" in "".join(first.log)

    with started() as second:
        client = Client(host=second.url, username=second.access_key_id, password=second.secret_access_key)
        branch = lakefs.Repository("my-repo", client=client).branch("feature")
        assert branch.get_commit().id == commit.id
        assert branch.get_commit().metadata == {"by": "pytest"}
        assert branch.object("notes/today.txt").reader().read() == b"kept"
        assert [c.path for c in branch.uncommitted()] == ["notes/draft.txt"]
    assert "the world as it was saved there" in "".join(second.log)
