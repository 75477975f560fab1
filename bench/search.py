"""Search at scale: 100,000 people (Latin names with Cyrillic variants) and 20,000 Urgent Actions, loaded
straight into the database (not through HTTP), then `/search` timed per query, p50 and p99, on SQLite and on
PostgreSQL. The baseline, measured in the same run on the same server, is `/healthz` (one trivial query):
the ratio shows what a search costs beyond a request that touches the database at all. The index pages
(/actions filtered and paged, /people paged) are timed on the same data.
Settings: BENCH_PEOPLE (100000), BENCH_ACTIONS (20000), BENCH_QUERIES (400), OUTCRY_BINARY, and
OUTCRY_BENCH_POSTGRES_URL (a server to create a database on; without it, SQLite only)."""
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

BINARY = os.environ["OUTCRY_BINARY"]
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "100000"))
ACTIONS = int(os.environ.get("BENCH_ACTIONS", "20000"))
QUERIES = int(os.environ.get("BENCH_QUERIES", "400"))
KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="

FIRST = [("Aibek", "Айбек"), ("Aigul", "Айгуль"), ("Nurlan", "Нурлан"), ("Gulnara", "Гульнара"), ("Bakyt", "Бакыт"),
         ("Cholpon", "Чолпон"), ("Timur", "Тимур"), ("Zhyldyz", "Жылдыз"), ("Ruslan", "Руслан"), ("Asel", "Асель"),
         ("Kanat", "Канат"), ("Meerim", "Мээрим"), ("Azamat", "Азамат"), ("Nazira", "Назира"), ("Erlan", "Эрлан"),
         ("Aizhan", "Айжан"), ("Daniyar", "Данияр"), ("Kymbat", "Кымбат"), ("Ulan", "Улан"), ("Saltanat", "Салтанат")]
LAST = [("Asanov", "Асанов"), ("Toktogulova", "Токтогулова"), ("Sadykov", "Садыков"), ("Usenova", "Усенова"),
        ("Zhumabaev", "Жумабаев"), ("Kasymova", "Касымова"), ("Osmonov", "Осмонов"), ("Abdrakhmanova", "Абдрахманова"),
        ("Ismailov", "Исмаилов"), ("Sharshenova", "Шаршенова"), ("Mamatov", "Маматов"), ("Bekova", "Бекова"),
        ("Tashiev", "Ташиев"), ("Kadyrova", "Кадырова"), ("Nurmatov", "Нурматов"), ("Ryskulova", "Рыскулова"),
        ("Kurmanov", "Курманов"), ("Alieva", "Алиева"), ("Chynybaev", "Чыныбаев"), ("Omurova", "Омурова")]
WORDS = ["journalists", "detained", "lawyer", "released", "prison", "activist", "torture", "trial", "blogger", "health",
         "defender", "sentenced", "protest", "students", "hunger", "strike", "charges", "dropped", "missing", "family"]


def people_rows(rng):
    for index in range(PEOPLE):
        (first, first_cyr), (last, last_cyr) = rng.choice(FIRST), rng.choice(LAST)
        name = f"{first} {last} {index}"
        yield (f"p{index}", name, json.dumps([{"name": f"{first_cyr} {last_cyr} {index}", "script": "Cyrl"}]), None, None)


def action_rows(rng):
    for index in range(ACTIONS):
        title = "Country: " + " ".join(rng.choice(WORDS) for _ in range(5))
        yield (f"b{index}", f"{index}.{10 + index % 15}", "new", "bench-case", title, "A summary.", f"{2000 + index % 25}-05-01",
               None, "en", "[]", "[]", "published" if index % 3 else "closed", None, None, None)


CASE = ("bench-case", "A case for the benchmark", "KG", "Summary.", "[]", "open")
PEOPLE_SQL = "INSERT INTO people (id, name, variants, role, note) VALUES (%s)" % ", ".join(["?"] * 5)
ACTIONS_SQL = ("INSERT INTO urgent_actions (id, number, kind, case_id, title, summary, issued, deadline, language, take_action, "
               "asks, status, outcome_kind, outcome_note, updates_id) VALUES (%s)" % ", ".join(["?"] * 15))
CASE_SQL = "INSERT INTO cases (id, title, country, summary, themes, status) VALUES (?, ?, ?, ?, ?, ?)"
FORGET = "DELETE FROM settings WHERE key = 'search_index_version'"


def serve(data_dir, env):
    process = subprocess.Popen([BINARY, "serve", "--port", "0", "--data-dir", data_dir], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True,
                               env={**os.environ, "LOG_LEVEL": "warning", "OUTCRY_DATA_KEY": KEY, **env})
    started = time.monotonic()
    while True:
        line = process.stdout.readline()
        if line.startswith("Outcry is running at "):
            return process, line.split()[4].rstrip("/"), time.monotonic() - started
        if not line:
            sys.exit("outcry serve did not start")


def timed(url, paths):
    opener = urllib.request.build_opener()
    times = []
    for path in paths:
        started = time.perf_counter()
        with opener.open(url + path, timeout=30) as response:
            response.read()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


def load_sqlite(path, rng):
    database = sqlite3.connect(path)
    database.execute(CASE_SQL, CASE)
    database.executemany(PEOPLE_SQL, people_rows(rng))
    database.executemany(ACTIONS_SQL, action_rows(rng))
    database.execute(FORGET)
    database.commit()
    database.close()


def load_postgres(url, rng):
    import csv
    import io
    psql = os.environ.get("PSQL", "psql")

    def copy(table, columns, rows):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow(["\\N" if value is None else value for value in row])
        subprocess.run([psql, url, "-qc", f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"],
                       input=buffer.getvalue(), text=True, check=True)
    copy("cases", "id, title, country, summary, themes, status", [CASE])
    copy("people", "id, name, variants, role, note", people_rows(rng))
    copy("urgent_actions", "id, number, kind, case_id, title, summary, issued, deadline, language, take_action, asks, status, "
         "outcome_kind, outcome_note, updates_id", action_rows(rng))
    subprocess.run([psql, url, "-qc", FORGET], check=True)


def run(engine, data_dir, env, load):
    rng = random.Random(7)
    process, _, _ = serve(data_dir, env)  # migrates
    process.terminate()
    process.wait()
    started = time.monotonic()
    load(rng)
    loaded = time.monotonic() - started
    process, url, startup = serve(data_dir, env)  # builds the search index
    try:
        rng = random.Random(11)
        queries = []
        for _ in range(QUERIES):
            (first, first_cyr), (last, last_cyr) = rng.choice(FIRST), rng.choice(LAST)
            index = rng.randrange(PEOPLE)
            queries += [f"{first} {last} {index}", f"{last_cyr} {index}", f"{rng.choice(WORDS)} {rng.choice(WORDS)}",
                        f"{rng.randrange(ACTIONS)}.{10 + rng.randrange(15)}"]
        paths = ["/search?q=" + urllib.parse.quote(query) for query in queries]
        timed(url, paths[:50])  # warm up
        search = timed(url, paths)
        health = timed(url, ["/healthz"] * len(paths))
        lists = ["/actions", "/actions?page=300", "/actions?status=closed&year=2010", "/people?page=2000"] * 50
        listed = timed(url, lists)
        print(f"{engine:<11} loaded {PEOPLE:,} people and {ACTIONS:,} actions in {loaded:.1f} s; index built at start in {startup:.1f} s")
        print(f"{'':<11} /search  p50 {search[0]:6.2f} ms  p99 {search[1]:6.2f} ms  ({len(paths)} queries)")
        print(f"{'':<11} /healthz p50 {health[0]:6.2f} ms  p99 {health[1]:6.2f} ms  (baseline, same server)")
        print(f"{'':<11} ratio search/baseline p99: {search[1] / health[1]:.1f}   target: p99 under 20 ms on SQLite")
        print(f"{'':<11} lists   p50 {listed[0]:6.2f} ms  p99 {listed[1]:6.2f} ms  (/actions with filters and pages, /people pages)")
    finally:
        process.terminate()
        process.wait()


def main():
    data_dir = tempfile.mkdtemp(prefix="outcry-bench-search-")
    run("SQLite", data_dir, {}, lambda rng: load_sqlite(os.path.join(data_dir, "outcry.sqlite"), rng))
    url = os.environ.get("OUTCRY_BENCH_POSTGRES_URL")
    if url:
        run("PostgreSQL", tempfile.mkdtemp(prefix="outcry-bench-search-pg-"), {"DATABASE_URL": url}, lambda rng: load_postgres(url, rng))
    else:
        print("PostgreSQL: skipped (set OUTCRY_BENCH_POSTGRES_URL; bench/search sets it)")


if __name__ == "__main__":
    main()
