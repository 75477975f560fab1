"""Fixtures that run the real `outcry` binary and Debian's Chromium for the browser tests."""
import os
import pathlib
import shutil
import subprocess
import tempfile
import time
import uuid

import pytest
from playwright.sync_api import sync_playwright

ROOT = pathlib.Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "e2e" / "artifacts"
BINARY = os.environ.get("OUTCRY_BINARY", str(ROOT / ".build" / "debug" / "outcry"))


class Server:
    """An `outcry serve` process on a free port, stopped when the test ends."""

    def __init__(self, args, env=None, data_dir=None, port=0):
        self.keep_data = data_dir is not None
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="outcry-e2e-")
        command = [BINARY, "serve", "--port", str(port), "--data-dir", self.data_dir, *args]
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "LOG_LEVEL": "warning", **(env or {})})
        self.url = self._wait_for_address()

    def _wait_for_address(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if line.startswith("Outcry is running at "):
                return line.split()[4].rstrip("/")
            if not line and self.process.poll() is not None:
                raise RuntimeError("outcry serve exited: " + self.process.stderr.read())
        raise RuntimeError("outcry serve did not start within 60 seconds")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        if not self.keep_data:
            shutil.rmtree(self.data_dir, ignore_errors=True)


@pytest.fixture
def start_server():
    servers = []

    def start(*args, env=None, data_dir=None, port=0):
        server = Server(list(args), env, data_dir, port)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def demo_server(start_server):
    return start_server("--demo")


@pytest.fixture
def postgres_database():
    """A new, empty PostgreSQL database on the test script's throw-away server, as a URL."""
    server_url = os.environ.get("OUTCRY_TEST_POSTGRES_URL")
    if not server_url:
        pytest.skip("OUTCRY_TEST_POSTGRES_URL is not set (scripts/test sets it)")
    psql = shutil.which("psql") or next(iter(sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin/psql"))), None)
    name = "outcry_e2e_" + uuid.uuid4().hex[:12]
    subprocess.run([str(psql), server_url, "-qc", f"CREATE DATABASE {name}"], check=True)
    base, _, query = server_url.partition("?")
    yield base.rsplit("/", 1)[0] + "/" + name + ("?" + query if query else "")
    subprocess.run([str(psql), server_url, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def pytest_terminal_summary(terminalreporter):
    if ARTIFACTS.exists():
        terminalreporter.write_line(f"screenshots are in {ARTIFACTS}")
