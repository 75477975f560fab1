"""The binary as an operator meets it: restarts, PostgreSQL, and clear one-line errors."""
import base64
import os
import re
import socket
import subprocess
import pathlib
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request

from conftest import BINARY


def fetch(url):
    """The page, with the per-response form token blanked so two fetches of the same page compare equal."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return re.sub(r'name="token" value="[^"]*"', 'name="token" value=""', response.read().decode())


def test_restart_keeps_everything_and_loads_the_demo_once(start_server):
    data_dir = tempfile.mkdtemp(prefix="outcry-restart-")
    first = start_server("--demo", data_dir=data_dir)
    page = fetch(first.url + "/actions/30-24")
    first.stop()
    second = start_server(data_dir=data_dir)
    assert fetch(second.url + "/actions/30-24") == page
    second.stop()
    third = start_server("--demo", env={"LOG_LEVEL": "info"}, data_dir=data_dir)
    assert fetch(third.url + "/actions/30-24") == page
    third.stop()
    assert "demo data already present" in third.process.stderr.read()


def test_postgres_serves_the_same_pages_as_sqlite(demo_server, start_server, postgres_database):
    # Every instance on PostgreSQL shares one data key; with it the report form offers to keep an e-mail too.
    key = base64.b64encode(os.urandom(32)).decode()
    on_postgres = start_server("--demo", env={"DATABASE_URL": postgres_database, "OUTCRY_DATA_KEY": key})
    for path in ["/", "/actions/30-24", "/cases/temirov-live-2024", "/cases/kloop-media-2025",
                 "/people/aike-beishekeeva", "/statements/kloop-media-staff-detained-2025"]:
        assert fetch(on_postgres.url + path) == fetch(demo_server.url + path), path


def run_outcry(*args, env=None):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **(env or {})})


def assert_one_clear_line(result, *words):
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("outcry: "), lines[0]
    for word in words:
        assert word in lines[0], lines[0]


def test_bad_database_url_is_one_line():
    assert_one_clear_line(run_outcry("serve", env={"DATABASE_URL": "mysql://x"}), "DATABASE_URL must look like postgres://")


def test_unreachable_postgres_is_one_line_without_the_password():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_outcry("serve", env={"DATABASE_URL": f"postgres://outcry:s3cret@127.0.0.1:{port}/outcry?sslmode=disable",
                                      "OUTCRY_DATA_KEY": base64.b64encode(os.urandom(32)).decode()})
    assert_one_clear_line(result, "cannot start", f"127.0.0.1:{port}")


def test_postgres_without_a_data_key_is_one_line():
    result = run_outcry("serve", env={"DATABASE_URL": "postgres://outcry@127.0.0.1:5/outcry"})
    assert_one_clear_line(result, "with PostgreSQL, set OUTCRY_DATA_KEY")
    assert "s3cret" not in result.stderr


def test_unwritable_data_folder_is_one_line():
    assert_one_clear_line(run_outcry("serve", "--data-dir", "/dev/null/outcry"), "data folder", "cannot be created")


def test_taken_port_is_one_line():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_outcry("serve", "--port", str(port), "--data-dir", tempfile.mkdtemp(prefix="outcry-port-"),
                            env={"LOG_LEVEL": "critical"})
    assert_one_clear_line(result, "already in use", str(port))


def test_every_problem_in_the_configuration_is_listed():
    result = run_outcry("serve", "--port", "http", env={"LOG_LEVEL": "shouty"})
    assert_one_clear_line(result, "port “http”", "log level “shouty”")


def test_migrate_prints_each_step_then_nothing_to_do():
    data_dir = tempfile.mkdtemp(prefix="outcry-migrate-")
    first = run_outcry("migrate", "--data-dir", data_dir)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0].startswith("Migrating SQLite: ")
    total = len(lines) - 2
    assert total >= 7
    assert lines[1] == f"  [1/{total}] applied M0001_CreateDocumentation"
    assert all(re.fullmatch(rf"  \[{step}/{total}\] applied M{step:04d}_\w+", line) for step, line in enumerate(lines[1:-1], 1))
    assert lines[-1] == f"Done: applied {total} of {total} migrations."
    again = run_outcry("migrate", "--data-dir", data_dir)
    assert again.stdout.splitlines()[-1] == f"Already up to date ({total} migrations)."


def test_cached_pages_keep_their_headers_and_revalidate(demo_server):
    """Repeat visits are answered from the page cache on the event loop: same page, same strict headers."""
    url = demo_server.url + "/actions/30-24"
    bodies = []
    for _ in range(3):
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.headers["Date"].endswith(" GMT")
            etag = response.headers["ETag"]
            bodies.append(re.sub(r'name="token" value="[^"]*"', "", response.read().decode()))
    assert bodies[0] == bodies[1] == bodies[2]
    request = urllib.request.Request(url, headers={"If-None-Match": etag})
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("expected 304 Not Modified")
    except urllib.error.HTTPError as error:
        assert error.code == 304


def report(server, **counts):
    """One report through the form, as a supporter's browser sends it."""
    page = urllib.request.urlopen(server.url + "/actions/30-24").read().decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"token": token, **{f"count_{k}": v for k, v in counts.items()}, "country": "Portugal"})
    request = urllib.request.Request(server.url + "/actions/30-24/report", data=data.encode(),
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    urllib.request.urlopen(request).read()


def test_a_backup_taken_while_serving_restores_into_a_new_folder_with_the_same_pages(start_server):
    data_dir = tempfile.mkdtemp(prefix="outcry-backup-")
    live = start_server("--demo", data_dir=data_dir)
    report(live, letter="2")
    report(live, call="1")
    backup = os.path.join(tempfile.mkdtemp(prefix="outcry-backups-"), "outcry.backup")
    taken = run_outcry("backup", "--data-dir", data_dir, backup)
    assert taken.returncode == 0, taken.stderr
    assert "The data key is not in the backup" in taken.stdout
    again = run_outcry("backup", "--data-dir", data_dir, backup)
    assert_one_clear_line(again, "already exists")

    restored_dir = tempfile.mkdtemp(prefix="outcry-restored-")
    restored = run_outcry("restore", "--data-dir", restored_dir, backup)
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout
    assert_one_clear_line(run_outcry("restore", "--data-dir", restored_dir, backup), "already holds data")
    # It serves with the key the database was used with, kept apart from the backup.
    with open(os.path.join(data_dir, "outcry-data.key"), "rb") as source, \
            open(os.path.join(restored_dir, "outcry-data.key"), "wb") as target:
        target.write(source.read())
    copy = start_server(data_dir=restored_dir)
    for path in ["/actions/30-24", "/actions/30-24/totals.csv", "/cases/temirov-live-2024", "/"]:
        assert fetch(copy.url + path) == fetch(live.url + path), path
    assert "30.24,all,,people,2" in fetch(copy.url + "/actions/30-24/totals.csv")

    junk = os.path.join(tempfile.mkdtemp(), "junk.backup")
    with open(junk, "w") as file:
        file.write("not a database")
    empty_dir = tempfile.mkdtemp(prefix="outcry-junk-")
    assert_one_clear_line(run_outcry("restore", "--data-dir", empty_dir, junk), "not an Outcry backup")
    assert not os.path.exists(os.path.join(empty_dir, "outcry.sqlite")), "nothing half-restored is left"


def test_a_postgres_backup_restores_into_an_empty_database(start_server, postgres_database):
    key = base64.b64encode(os.urandom(32)).decode()
    # The test server trusts local connections: a password in the address is accepted and must never show.
    with_password = postgres_database.replace("://outcry@", "://outcry:s3cret-word@")
    env = {"DATABASE_URL": with_password, "OUTCRY_DATA_KEY": key}
    live = start_server("--demo", env=env)
    report(live, letter="3")
    backup = os.path.join(tempfile.mkdtemp(prefix="outcry-backups-"), "outcry.dump")
    taken = run_outcry("backup", backup, env=env)
    assert taken.returncode == 0, taken.stderr
    assert "s3cret-word" not in taken.stdout + taken.stderr
    assert_one_clear_line(run_outcry("restore", backup, env=env), "already holds data")
    # A second, empty database on the same server.
    server_url = os.environ["OUTCRY_TEST_POSTGRES_URL"]
    psql = shutil.which("psql") or str(next(iter(sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin/psql")))))
    name = "outcry_restore_" + os.urandom(6).hex()
    subprocess.run([psql, server_url, "-qc", f"CREATE DATABASE {name}"], check=True)
    try:
        base, _, query = server_url.partition("?")
        target = base.rsplit("/", 1)[0] + "/" + name + ("?" + query if query else "")
        restored = run_outcry("restore", backup, env={"DATABASE_URL": target, "OUTCRY_DATA_KEY": key})
        assert restored.returncode == 0, restored.stderr
        copy = start_server(env={"DATABASE_URL": target, "OUTCRY_DATA_KEY": key})
        for path in ["/actions/30-24", "/actions/30-24/totals.csv", "/"]:
            assert fetch(copy.url + path) == fetch(live.url + path), path
        copy.stop()
    finally:
        subprocess.run([psql, server_url, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)


def test_logs_as_json_lines_when_asked(start_server):
    import json

    server = start_server("--demo", env={"OUTCRY_LOG_FORMAT": "json", "LOG_LEVEL": "info"})
    fetch(server.url + "/actions/30-24")
    server.stop()
    lines = [line for line in server.process.stderr.read().splitlines() if line.strip()]
    assert lines, "the server logged nothing"
    for line in lines:
        entry = json.loads(line)
        assert {"time", "level", "label", "message"} <= entry.keys(), entry
        assert entry["time"].endswith("Z")
    assert any(json.loads(line)["message"] == "demo data loaded" for line in lines)
    assert_one_clear_line(run_outcry("migrate", env={"OUTCRY_LOG_FORMAT": "xml"}), "OUTCRY_LOG_FORMAT", "xml")
