"""Flat as the data grows: the Urgent Action page and reports on an action that already holds 10^3, 10^5, 10^6
and 10^7 stored reports, on SQLite and on PostgreSQL. The reports are loaded straight into the database (one
INSERT … SELECT per step, not through HTTP) with the counters moved to match, so the totals stay exact; then a
release server is started on the data and measured with wrk: page requests/s and p99, reports/s and p99 (each
from a form of its own), and the serving process's resident memory. Throughput is measured flat out; the p99
latencies at a fixed pace (each connection waits PAGE_PACE_MS / REPORT_PACE_MS before each request), the same
offered load at every size, so that they compare (the median p99 of three runs). The baseline is the first size, measured in the same run:
each later p99 is printed as a ratio to it (target: at most 1.2 at 10^7; memory at most 150 MB).
Settings: BENCH_SCALE_SIZES ("1000 100000 1000000 10000000"), BENCH_SCALE_ENGINES ("sqlite postgres"),
BENCH_SETTLE_SECONDS (15, after each load on PostgreSQL), BENCH_SECONDS (8), BENCH_CONNECTIONS (32),
OUTCRY_BINARY, OUTCRY_BENCH_POSTGRES_URL (a database to fill; without it, SQLite only)."""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ["OUTCRY_BINARY"]
SIZES = [int(size) for size in os.environ.get("BENCH_SCALE_SIZES", "1000 100000 1000000 10000000").split()]
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
PAGE_PACE_MS = os.environ.get("PAGE_PACE_MS", "4")
SETTLE_SECONDS = int(os.environ.get("BENCH_SETTLE_SECONDS", "15"))
ENGINES = os.environ.get("BENCH_SCALE_ENGINES", "sqlite postgres").split()
REPORT_PACE_MS = os.environ.get("REPORT_PACE_MS", "40")
KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
PSQL = os.environ.get("PSQL", "psql")
# Counters a report of one letter to no particular official, from no given country, moves (ActionTotals.swift).
COUNTERS = [("all", "", "letter"), ("all", "", "reports"), ("country", "", "letter"), ("country", "", "reports"),
            ("target", "", "letter"), ("target", "", "reports"), ("target_country", "/", "reports")]
START_MS = 1_700_000_000_000


def progress(text):
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


class SQLite:
    name = "SQLite"

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="outcry-bench-scale-")
        self.env = {"OUTCRY_DATA_KEY": KEY}

    def add(self, first, last):
        database = sqlite3.connect(os.path.join(self.folder, "outcry.sqlite"))
        database.execute(
            "WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO action_reports (idempotency_key, urgent_action_id, reported_at, flagged, letters, emails, faxes, calls, "
            "social, other) SELECT printf('bulk-%010d', i), '30-24', ? + i * 60, 0, 1, 0, 0, 0, 0, 0 FROM n",
            (first, last - 1, START_MS))
        for dimension, key, channel in COUNTERS:
            database.execute(
                "INSERT INTO action_counters (urgent_action_id, dimension, key, channel, shard, count) VALUES ('30-24', ?, ?, ?, 0, ?) "
                "ON CONFLICT (urgent_action_id, dimension, key, channel, shard) DO UPDATE SET count = count + excluded.count",
                (dimension, key, channel, last - first))
        database.commit()
        database.execute("ANALYZE")
        # What a bulk load leaves in the log is written out now, not during the measurement.
        database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        database.close()

    def stored(self):
        database = sqlite3.connect(os.path.join(self.folder, "outcry.sqlite"))
        count = database.execute("SELECT count(*) FROM action_reports WHERE NOT flagged").fetchone()[0]
        database.close()
        return count

    def size(self):
        return sum(os.path.getsize(os.path.join(self.folder, name)) for name in os.listdir(self.folder)
                   if name.startswith("outcry.sqlite"))

    def close(self):
        shutil.rmtree(self.folder, ignore_errors=True)


class Postgres:
    name = "PostgreSQL"

    def __init__(self, url):
        self.url = url
        self.folder = tempfile.mkdtemp(prefix="outcry-bench-scale-pg-")
        self.env = {"OUTCRY_DATA_KEY": KEY, "DATABASE_URL": url}

    def sql(self, statement):
        return subprocess.run([PSQL, self.url, "-v", "ON_ERROR_STOP=1", "-tAqc", statement], check=True, capture_output=True,
                              text=True).stdout.strip()

    def add(self, first, last):
        self.sql(
            "INSERT INTO action_reports (idempotency_key, urgent_action_id, reported_at, flagged, letters, emails, faxes, calls, "
            "social, other) SELECT 'bulk-' || lpad(i::text, 10, '0'), '30-24', "
            f"{START_MS} + i * 60, false, 1, 0, 0, 0, 0, 0 FROM generate_series({first}, {last - 1}) AS i")
        for dimension, key, channel in COUNTERS:
            self.sql(
                "INSERT INTO action_counters (urgent_action_id, dimension, key, channel, shard, count) "
                f"VALUES ('30-24', '{dimension}', '{key}', '{channel}', 0, {last - first}) "
                "ON CONFLICT (urgent_action_id, dimension, key, channel, shard) DO UPDATE SET count = action_counters.count + excluded.count")
        self.sql("VACUUM ANALYZE action_reports")
        # What a bulk load leaves dirty is written out now, not during the measurement; then the server's
        # own background work after it (autovacuum of what the load touched) is let finish.
        self.sql("CHECKPOINT")
        settle = time.monotonic() + 120
        while time.monotonic() < settle and int(self.sql("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")):
            time.sleep(1)
        time.sleep(SETTLE_SECONDS)

    def stored(self):
        return int(self.sql("SELECT count(*) FROM action_reports WHERE NOT flagged"))

    def size(self):
        return int(self.sql("SELECT pg_database_size(current_database())"))

    def close(self):
        shutil.rmtree(self.folder, ignore_errors=True)


def serve(engine, demo=False):
    data_dir = engine.folder
    process = subprocess.Popen([BINARY, "serve", "--port", "0", "--data-dir", data_dir] + (["--demo"] if demo else []),
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env={**os.environ, "LOG_LEVEL": "warning", "OUTCRY_TRUST_FORWARDED_FOR": "1", **engine.env})
    while True:
        line = process.stdout.readline()
        if line.startswith("Outcry is running at "):
            return process, line.split()[4].rstrip("/")
        if not line:
            raise SystemExit("outcry serve did not start")


def wrk(url, script, connections, seconds, env=None):
    result = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script, url],
                            capture_output=True, text=True, env={**os.environ, **(env or {})})
    return {key: float(value) for key, value in re.findall(r"^(RPS|P99_MS|ERRORS|ACCEPTED|REFUSED) (\S+)$", result.stdout, re.M)}


def paced_p99(url, script, env):
    """The median of three runs' p99 at the fixed pace: on two shared cores, one run's p99 can catch a
    passing background job (a checkpoint, another process) that has nothing to do with the data's size."""
    runs = sorted(wrk(url, os.path.join(ROOT, "bench", script), CONNECTIONS, max(3, SECONDS // 2), env)["P99_MS"] for _ in range(3))
    return runs[1]


def memory(pid):
    with open(f"/proc/{pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def measure(engine):
    server, url = serve(engine)
    try:
        page_url = url + "/actions/30-24"
        urllib.request.urlopen(page_url).read()
        wrk(page_url, os.path.join(ROOT, "bench", "page.lua"), CONNECTIONS, 2)
        page = wrk(page_url, os.path.join(ROOT, "bench", "page.lua"), CONNECTIONS, SECONDS)
        page["P99_MS"] = paced_p99(page_url, "page.lua", {"PACE_MS": PAGE_PACE_MS})
        tokens = tempfile.mktemp(prefix="outcry-scale-tokens-")
        wrk(page_url, os.path.join(ROOT, "bench", "tokens.lua"), CONNECTIONS, 3, {"TOKENS_OUT": tokens})
        with open(tokens, "w") as joined:
            for part in sorted(p for p in os.listdir(os.path.dirname(tokens)) if p.startswith(os.path.basename(tokens) + ".")):
                with open(os.path.join(os.path.dirname(tokens), part)) as piece:
                    joined.write(piece.read())
                os.remove(os.path.join(os.path.dirname(tokens), part))
        reports = wrk(url, os.path.join(ROOT, "bench", "report.lua"), CONNECTIONS, SECONDS, {"TOKENS_FILE": tokens, "WRK_THREADS": "2"})
        reports["P99_MS"] = paced_p99(url, "report.lua", {"TOKENS_FILE": tokens, "WRK_THREADS": "2", "PACE_MS": REPORT_PACE_MS})
        os.remove(tokens)
        rss, peak = memory(server.pid)
        time.sleep(2)
        csv = urllib.request.urlopen(url + "/actions/30-24/totals.csv").read().decode()
        people = next(int(line.split(",")[4]) for line in csv.splitlines() if line.split(",")[1:4:2] == ["all", "people"])
    finally:
        server.terminate()
        server.wait()
    return page, reports, rss, peak, people


def run(engine):
    progress(f"== {engine.name}: migrating and loading the demo ({time.strftime('%H:%M:%S')})")
    server, _ = serve(engine, demo=True)
    server.terminate()
    server.wait()
    rows = []
    loaded = engine.stored()
    for size in SIZES:
        if size > loaded:
            started = time.monotonic()
            engine.add(loaded, size)
            progress(f"   {size:>12,} reports stored ({size - loaded:,} loaded in {time.monotonic() - started:.0f} s, "
                     f"database {engine.size() / 2**20:,.0f} MB) ({time.strftime('%H:%M:%S')})")
        page, reports, rss, peak, people = measure(engine)
        stored = engine.stored()
        loaded = stored
        exact = "yes" if people == stored else f"NO ({people} in totals)"
        rows.append((size, page, reports, rss, peak, exact))
        progress(f"   measured at {size:,}: page {page.get('RPS', 0):,.0f}/s p99 {page.get('P99_MS', 0):.1f} ms, "
                 f"reports {reports.get('ACCEPTED', 0) / SECONDS:,.0f}/s p99 {reports.get('P99_MS', 0):.1f} ms, RSS {rss:.0f} MB")
    return rows


def main():
    engines = [SQLite()] if "sqlite" in ENGINES else []
    if os.environ.get("OUTCRY_BENCH_POSTGRES_URL") and "postgres" in ENGINES:
        engines.append(Postgres(os.environ["OUTCRY_BENCH_POSTGRES_URL"]))
    results = []
    try:
        for engine in engines:
            results.append((engine.name, run(engine)))
    finally:
        for engine in engines:
            engine.close()
    print(f"\n== Flatness ({SECONDS} s per run, {CONNECTIONS} connections, 2 wrk threads, {os.cpu_count()} cores; p99 at "
          f"{CONNECTIONS * 1000 // int(PAGE_PACE_MS):,} pages/s and {CONNECTIONS * 1000 // int(REPORT_PACE_MS):,} reports/s offered)")
    print(f"{'':11} {'reports':>11} {'page/s':>8} {'page p99':>9} {'× first':>8} {'reports/s':>10} {'report p99':>11} "
          f"{'× first':>8} {'RSS MB':>7} {'peak MB':>8} {'exact':>6}")
    for name, rows in results:
        first_page = rows[0][1].get("P99_MS") or 1
        first_report = rows[0][2].get("P99_MS") or 1
        for size, page, reports, rss, peak, exact in rows:
            print(f"{name:11} {size:>11,} {page.get('RPS', 0):>8,.0f} {page.get('P99_MS', 0):>7.2f}ms "
                  f"{page.get('P99_MS', 0) / first_page:>8.2f} {reports.get('ACCEPTED', 0) / SECONDS:>10,.0f} "
                  f"{reports.get('P99_MS', 0):>9.2f}ms {reports.get('P99_MS', 0) / first_report:>8.2f} {rss:>7.0f} {peak:>8.0f} "
                  f"{exact:>6}")
    print("(page/s and reports/s flat out; p99 at the fixed pace; × first: the p99 at that size over the p99 at the first "
          "size, same engine, same run; targets: ≤ 1.2 at 10^7, RSS ≤ 150 MB)")


if __name__ == "__main__":
    main()
