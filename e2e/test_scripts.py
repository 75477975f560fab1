"""The project's own scripts stop everything they start, whichever helper started it and however the
script ends: on an error, or stopped with Ctrl-C or kill."""
import os
import pathlib
import signal
import subprocess
import tempfile
import time

from conftest import ROOT

SCRIPT = """
set -euo pipefail
cd "{root}"
. scripts/lib/postgres.sh
on_exit 'echo first >> "{log}"'
start_throwaway_postgres >/dev/null
on_exit 'echo second >> "{log}"'
echo "$PG_DIR" > "{log}.dir"
{ending}
"""


def run(ending, stop=None):
    folder = tempfile.mkdtemp(prefix="outcry-script-")
    log = os.path.join(folder, "log")
    process = subprocess.Popen(["bash", "-c", SCRIPT.format(root=ROOT, log=log, ending=ending)])
    if stop:
        deadline = time.monotonic() + 60
        while not os.path.exists(log + ".dir") and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.3)
        process.send_signal(stop)
    process.wait(timeout=60)
    cluster = pathlib.Path(open(log + ".dir").read().strip())
    return open(log).read().split(), cluster


def assert_stopped(cluster):
    assert not cluster.exists(), f"{cluster} was left behind"
    running = subprocess.run(["pgrep", "-f", str(cluster)], capture_output=True, text=True).stdout
    assert running == "", f"a PostgreSQL server of {cluster} still runs"


def test_an_error_stops_everything_in_the_reverse_order():
    order, cluster = run("false")
    assert order == ["second", "first"]
    assert_stopped(cluster)


def test_ctrl_c_and_kill_stop_everything():
    for stop in (signal.SIGINT, signal.SIGTERM):
        order, cluster = run("while :; do sleep 0.2; done", stop=stop)
        assert order == ["second", "first"], stop
        assert_stopped(cluster)
