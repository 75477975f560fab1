"""The binary as an operator meets it: restarts, PostgreSQL, and clear one-line errors."""
import base64
import os
import re
import socket
import subprocess
import tempfile
import urllib.error
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
