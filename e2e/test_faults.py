"""Faults under load: an instance killed with -9 behind nginx, PostgreSQL restarted, and a SIGTERM in the
middle of reports. Supporters report all the while; afterwards every acknowledged report is counted, the
totals equal the reports stored, and errors came only while the fault lasted.

Short here (FAULT_SECONDS, default 6, FAULT_SUPPORTERS, default 12); bench/faults runs the same for longer
with more supporters on a release build."""
import base64
import http.client
import os
import pathlib
import re
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse

import pytest

from test_deployment import NGINX, free_port, nginx_config

SECONDS = float(os.environ.get("FAULT_SECONDS", "6"))
SUPPORTERS = int(os.environ.get("FAULT_SUPPORTERS", "12"))


class Supporters:
    """Threads that each load the action page, take its form and report, over and over, each report from a
    client address of its own; every answer is kept with the time it came."""

    def __init__(self, url, threads=SUPPORTERS):
        self.address = urllib.parse.urlsplit(url)
        # (when the supporter began, "acknowledged" | "refused NNN" | "lost"), appended by the threads: a request
        # is placed at the time it was sent, so one sent during a fault that fails a little later is the fault's.
        self.outcomes = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(index,), daemon=True) for index in range(threads)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def _record(self, outcome, began):
        with self.lock:
            self.outcomes.append((began, outcome))

    def _run(self, index):
        connection = None
        sent = 0
        while not self.stopping.is_set():
            sent += 1
            began = time.monotonic()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(self.address.hostname, self.address.port, timeout=15)
                connection.request("GET", "/actions/30-24")
                page = connection.getresponse()
                body = page.read().decode()
                if page.status != 200:
                    self._record(f"refused {page.status}", began)
                    connection = None
                    time.sleep(0.05)
                    continue
                token = re.search(r'name="token" value="([^"]+)"', body).group(1)
                form = urllib.parse.urlencode({"token": token, "count_letter": "1"})
                connection.request("POST", "/actions/30-24/report", form, {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "X-Forwarded-For": f"2001:db8:{index:x}:{sent:x}::1"})
                answer = connection.getresponse()
                answer.read()
                if answer.status == 303 and answer.getheader("Location", "").endswith("/thanks"):
                    self._record("acknowledged", began)
                else:
                    self._record(f"refused {answer.status}", began)
                    connection = None
                    time.sleep(0.05)
            except (OSError, http.client.HTTPException):
                # The answer never came: the report may or may not have been stored.
                self._record("lost", began)
                connection = None
                time.sleep(0.05)

    def count(self, outcome, after=None, before=None):
        return sum(1 for at, seen in self.outcomes
                   if seen == outcome and (after is None or at >= after) and (before is None or at < before))

    def errors(self, after=None, before=None):
        return [(at, seen) for at, seen in self.outcomes
                if seen != "acknowledged" and (after is None or at >= after) and (before is None or at < before)]


def totals(url):
    import urllib.request
    csv = urllib.request.urlopen(url + "/actions/30-24/totals.csv", timeout=10).read().decode()
    return next(int(line.split(",")[4]) for line in csv.splitlines() if line.split(",")[1:4:2] == ["all", "people"])


class Postgres:
    """A PostgreSQL cluster of this test's own, on a free port of 127.0.0.1, that the test may restart."""

    def __init__(self):
        bins = sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin"))
        if not bins:
            pytest.skip("PostgreSQL is not installed (scripts/test installs it)")
        self.bin = bins[-1]
        self.folder = tempfile.mkdtemp(prefix="outcry-faults-pg-")
        os.chmod(self.folder, 0o755)
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        if os.getuid() == 0:
            subprocess.run(["chown", "postgres", self.folder], check=True)
        self.port = free_port()
        self._run("initdb", "-D", f"{self.folder}/data", "-U", "outcry", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        self.start()
        self.url = f"postgres://outcry@127.0.0.1:{self.port}/postgres?sslmode=disable"

    def _run(self, tool, *args):
        subprocess.run([*self.as_postgres, str(self.bin / tool), *args], check=True, capture_output=True)

    def start(self):
        self._run("pg_ctl", "-D", f"{self.folder}/data", "-l", f"{self.folder}/server.log", "-w",
                  "-o", f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder}", "start")

    def restart(self):
        self._run("pg_ctl", "-D", f"{self.folder}/data", "-m", "fast", "-w", "stop")
        self.start()

    def stored_reports(self):
        psql = subprocess.run([str(self.bin / "psql"), self.url, "-tAc", "select count(*) from action_reports where not flagged"],
                              check=True, capture_output=True, text=True)
        return int(psql.stdout)

    def stop(self):
        subprocess.run([*self.as_postgres, str(self.bin / "pg_ctl"), "-D", f"{self.folder}/data", "-m", "immediate", "stop"],
                       capture_output=True)
        subprocess.run(["rm", "-rf", self.folder])


@pytest.fixture
def postgres():
    cluster = Postgres()
    yield cluster
    cluster.stop()


def instance_env(postgres):
    return {"DATABASE_URL": postgres.url, "OUTCRY_DATA_KEY": base64.b64encode(os.urandom(32)).decode(),
            "OUTCRY_TRUST_FORWARDED_FOR": "1"}


def test_an_instance_killed_under_load_loses_no_acknowledged_report(start_server, postgres):
    if not os.path.exists(NGINX):
        pytest.skip("nginx is not installed (scripts/test installs it)")
    env = instance_env(postgres)
    listen, ports = free_port(), [free_port() for _ in range(3)]
    instances = [start_server(*(["--demo"] if index == 0 else []), env=env, port=port) for index, port in enumerate(ports)]
    folder = tempfile.mkdtemp(prefix="outcry-faults-nginx-")
    os.chmod(folder, 0o755)
    with open(os.path.join(folder, "nginx.conf"), "w") as file:
        # Each report from an address of its own, as a front proxy would pass on (see bench/run).
        file.write(nginx_config(folder, listen, ports).replace("$proxy_add_x_forwarded_for", "$http_x_forwarded_for"))
    subprocess.run([NGINX, "-c", os.path.join(folder, "nginx.conf")], check=True)
    balancer = f"http://127.0.0.1:{listen}"
    try:
        with Supporters(balancer) as supporters:
            time.sleep(SECONDS / 3)
            killed_at = time.monotonic()
            instances[1].process.send_signal(signal.SIGKILL)
            instances[1].process.wait()
            time.sleep(SECONDS * 2 / 3)
        time.sleep(1.5)  # the others' counters are written back within a second
        acknowledged = supporters.count("acknowledged")
        stored = postgres.stored_reports()
        lost = supporters.count("lost")
        print(f"\n{acknowledged} acknowledged, {stored} stored, {lost} without an answer, "
              f"{len(supporters.errors())} errors, {supporters.count('acknowledged', after=killed_at)} acknowledged after the kill")
        assert acknowledged > 0
        assert stored >= acknowledged, "every acknowledged report was stored"
        assert stored - acknowledged <= lost + len(supporters.errors()), "nothing stored that nobody sent"
        assert totals(balancer) == stored, "the totals are exact"
        # Requests are placed at the time they were sent: those in flight at the kill began just before it.
        assert not supporters.errors(before=killed_at - 1), supporters.errors(before=killed_at - 1)
        # Only what the killed instance was answering fails (nginx sends nothing more there); the others serve on.
        assert supporters.count("acknowledged", after=killed_at + 0.5) > 0
        assert all(seen in ("refused 502", "refused 504", "lost") for _, seen in supporters.errors()), supporters.errors()
        assert len(supporters.errors()) <= SUPPORTERS, "at most one failed request per supporter, at the kill"
    finally:
        with open(os.path.join(folder, "nginx.pid")) as pid:
            os.kill(int(pid.read()), signal.SIGQUIT)


def test_instances_recover_by_themselves_when_postgres_restarts(start_server, postgres):
    env = instance_env(postgres)
    first = start_server("--demo", env=env)
    second = start_server(env=env)
    with Supporters(first.url) as on_first, Supporters(second.url) as on_second:
        time.sleep(SECONDS / 3)
        outage_began = time.monotonic()
        postgres.restart()
        outage_ended = time.monotonic()
        time.sleep(SECONDS * 2 / 3)
    time.sleep(1.5)
    for supporters in (on_first, on_second):
        # Requests are placed at the time they were sent: those in flight when it began were sent just before.
        outside = supporters.errors(before=outage_began - 1) + supporters.errors(after=outage_ended + 2)
        print(f"\n{supporters.count('acknowledged')} acknowledged, {len(supporters.errors())} errors, in an outage of "
              f"{outage_ended - outage_began:.1f} s; {supporters.count('acknowledged', after=outage_ended)} acknowledged after it")
        assert not outside, f"errors outside the outage (and the seconds around it): {outside[:5]}"
        assert supporters.count("acknowledged", after=outage_ended + 2) > 0, "reports are taken again without a restart"
        # While it lasts, supporters are told to send again in a moment (503, Retry-After), never a bare failure.
        assert all(seen in ("refused 503", "lost") for _, seen in supporters.errors()), supporters.errors()
    acknowledged = on_first.count("acknowledged") + on_second.count("acknowledged")
    stored = postgres.stored_reports()
    assert stored >= acknowledged, "every acknowledged report was stored"
    assert stored - acknowledged <= len(on_first.errors()) + len(on_second.errors())
    assert totals(first.url) == stored and totals(second.url) == stored


def test_sigterm_answers_every_report_it_stored(start_server):
    server = start_server("--demo", env={"OUTCRY_TRUST_FORWARDED_FOR": "1"})
    with Supporters(server.url) as supporters:
        time.sleep(SECONDS / 2)
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(timeout=30) == 0, "a clean exit"
        time.sleep(0.5)
    acknowledged = supporters.count("acknowledged")
    again = start_server(data_dir=server.data_dir, env={"OUTCRY_TRUST_FORWARDED_FOR": "1"})
    stored = totals(again.url)
    print(f"\n{acknowledged} acknowledged before the stop, {stored} stored, "
          f"{len(supporters.errors())} requests refused or cut off by the stop")
    assert acknowledged > 0
    assert stored == acknowledged, "whatever it stored, it answered; whatever it answered, it stored"
    assert all(seen == "lost" or seen.startswith("refused 503") for _, seen in supporters.errors()), supporters.errors()[:5]
