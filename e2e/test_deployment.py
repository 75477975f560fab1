"""The README's deployment, for real: three `outcry serve` instances on one PostgreSQL behind Debian's nginx,
configured by the file in deploy/; a change on one reaches the others at once; one instance killed, the
others go on serving, and every report acknowledged is counted."""
import base64
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import ROOT

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_config(folder, listen, ports):
    """deploy/nginx-outcry.conf as it is, but for its ports and TLS lines, inside a minimal nginx.conf."""
    site = (ROOT / "deploy" / "nginx-outcry.conf").read_text()
    site = "\n".join(line for line in site.splitlines() if not line.rstrip().endswith("# TLS"))
    for default, port in zip(("8081", "8082", "8083"), ports):
        site = site.replace(f"127.0.0.1:{default}", f"127.0.0.1:{port}")
    site = site.replace("server {", f"server {{\n    listen 127.0.0.1:{listen};", 1)
    return f"""worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
{site}
}}
"""


def report(base):
    page = urllib.request.urlopen(base + "/actions/30-24", timeout=10).read().decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"token": token, "count_letter": "1"}).encode()
    request = urllib.request.Request(base + "/actions/30-24/report", data=data,
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status == 200 and response.url.endswith("/thanks")


METRICS_TOKEN = "e2e-prometheus-reads-this-token"


def metric(base, name):
    """A sample's value from the instance's /metrics, read as Prometheus does, with the token."""
    request = urllib.request.Request(base + "/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    text = urllib.request.urlopen(request, timeout=10).read().decode()
    return next(float(line.split()[-1]) for line in text.splitlines() if line.split(" ")[0] == name)


def people(base):
    csv = urllib.request.urlopen(base + "/actions/30-24/totals.csv", timeout=10).read().decode()
    return next(int(line.split(",")[4]) for line in csv.splitlines() if line.split(",")[1:4:2] == ["all", "people"])


def test_three_instances_behind_nginx_share_one_database(start_server, postgres_database):
    if not os.path.exists(NGINX):
        pytest.skip("nginx is not installed (scripts/test installs it)")
    folder = tempfile.mkdtemp(prefix="outcry-deploy-")
    os.chmod(folder, 0o755)
    listen, ports = free_port(), [free_port() for _ in range(3)]
    public = f"http://127.0.0.1:{listen}"
    env = {"DATABASE_URL": postgres_database, "OUTCRY_DATA_KEY": base64.b64encode(os.urandom(32)).decode(),
           "OUTCRY_TRUST_FORWARDED_FOR": "1", "OUTCRY_METRICS_TOKEN": METRICS_TOKEN}
    instances = []
    for index, port in enumerate(ports):
        args = ["--public-url", public] + (["--demo"] if index == 0 else [])
        instances.append(start_server(*args, env=env, port=port))
    with open(os.path.join(folder, "nginx.conf"), "w") as file:
        file.write(nginx_config(folder, listen, ports))
    subprocess.run([NGINX, "-c", os.path.join(folder, "nginx.conf"), "-t"], check=True, capture_output=True)
    subprocess.run([NGINX, "-c", os.path.join(folder, "nginx.conf")], check=True)
    try:
        # The balancer serves the pages, compressed, and takes reports from any instance.
        with urllib.request.urlopen(urllib.request.Request(public + "/actions/30-24", headers={"Accept-Encoding": "gzip"})) as answer:
            assert answer.headers["Content-Encoding"] == "gzip"
        assert urllib.request.urlopen(public + "/readyz").read() == b"ready\n"
        acknowledged = sum(report(public) for _ in range(30))
        assert acknowledged == 30
        for instance in instances:
            assert people(instance.url) == 30, "every instance shows the same totals"

        # Prometheus reads each instance on its own port, and their counts add up; the site does not show them.
        assert sum(metric(instance.url, "outcry_reports_stored_total") for instance in instances) == 30
        with pytest.raises(urllib.error.HTTPError) as hidden:
            urllib.request.urlopen(urllib.request.Request(public + "/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}))
        assert hidden.value.code == 404

        # One instance killed: the others go on serving, and nothing acknowledged is lost.
        instances[1].process.send_signal(signal.SIGKILL)
        instances[1].process.wait()
        served = 0
        for _ in range(30):
            try:
                acknowledged += report(public)
                served += 1
            except urllib.error.HTTPError as error:
                assert error.code in (502, 504), error.code
        assert served >= 28, "nginx sends the pages to the instances still running"
        time.sleep(1.5)
        assert people(public) == acknowledged
    finally:
        with open(os.path.join(folder, "nginx.pid")) as pid:
            os.kill(int(pid.read()), signal.SIGQUIT)
