#!/usr/bin/env python3
"""Alerts delivered per second to a local SMTP server (aiosmtpd), for N subscribers (default 10,000).

Sets up N confirmed subscribers through the site itself, closes UA 30.24 so one alert per subscriber
is queued, then times `outcry send-alerts` delivering them over OUTCRY_SMTP_CONNECTIONS connections (4),
then the same again with two send-alerts processes sharing the outbox; the baseline is Python's smtplib
sending the same number of messages of the same size to the same server over one connection.
"""
import base64
import http.cookiejar
import json
import os
import re
import smtplib
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import email.policy
from email.message import EmailMessage

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("OUTCRY_BINARY", os.path.join(ROOT, ".build", "release", "outcry"))
COUNT = int(os.environ.get("BENCH_ALERTS", "10000"))


def progress(text):
    sys.stderr.write("\r\033[K" + text if sys.stderr.isatty() else text + "\n")
    sys.stderr.flush()


def smtp_server(out, *args):
    process = subprocess.Popen(["python3", os.path.join(ROOT, "scripts", "smtp-test-server"), "--out", out, *args],
                               stdout=subprocess.PIPE, text=True)
    port = int(process.stdout.readline().split()[1])
    process.stdout.readline()
    return process, port


def serve(data_dir, env):
    process = subprocess.Popen([BINARY, "serve", "--port", "0", "--data-dir", data_dir, "--demo"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env={**os.environ, "LOG_LEVEL": "warning", **env})
    while True:
        line = process.stdout.readline()
        if line.startswith("Outcry is running at "):
            return process, line.split()[4].rstrip("/")
        if not line:
            raise SystemExit("outcry serve did not start")


def post(opener, url, fields, forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), headers=headers)
    return opener.open(request, timeout=30).read().decode()


def token(opener, url, name):
    return re.search(rf'name="{name}" value="([^"]*)"', opener.open(url, timeout=30).read().decode()).group(1)


def opener_of_sealed(data_dir):
    """Opens what the server sealed with its data key (outcry-data.key): the outbox keeps message bodies,
    with their links, sealed. AES-GCM with a key derived by HKDF-SHA256, as ContactVault does."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
    with open(os.path.join(data_dir, "outcry-data.key")) as key_file:
        master = base64.b64decode(key_file.read().strip())
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"outcry e-mail seal").derive(master)

    def opened(value):
        if not value or not value.startswith("sealed:"):
            return value
        combined = base64.b64decode(value[len("sealed:"):])
        return AESGCM(key).decrypt(combined[:12], combined[12:], None).decode()
    return opened


def main():
    data_dir = tempfile.mkdtemp(prefix="outcry-bench-alerts-")
    print(f"== {COUNT:,} subscribers through the site ({time.strftime('%H:%M:%S')})")
    # Each supporter from a connection of their own: the forms send few messages per connection.
    server, url = serve(data_dir, {"OUTCRY_TRUST_FORWARDED_FOR": "1", "OUTCRY_ALERT_MAILS_PER_HOUR": "1000000"})
    opener = urllib.request.build_opener()
    form = token(opener, url + "/alerts", "token")
    for index in range(COUNT):
        post(opener, url + "/alerts", {"token": form, "email": f"supporter{index}@example.org", "consent": "yes"},
             forwarded_for=f"2001:db8:{index:x}::1")
        if index % 500 == 499:
            progress(f"subscribed {index + 1:,} of {COUNT:,}")
    # No SMTP server yet: the confirmations wait in the outbox, where their links are read and followed.
    database = sqlite3.connect(os.path.join(data_dir, "outcry.sqlite"))
    opened = opener_of_sealed(data_dir)
    links = [re.search(r"https?://\S+/alerts/confirm/\S+", opened(text)).group(0)
             for (text,) in database.execute("SELECT body_text FROM outbox WHERE kind = 'confirm'")]
    for index, link in enumerate(links):
        opener.open(urllib.request.Request(url + urllib.parse.urlsplit(link).path, data=b""), timeout=30).read()
        if index % 500 == 499:
            progress(f"confirmed {index + 1:,} of {COUNT:,}")
    database.execute("UPDATE outbox SET status = 'sent' WHERE kind = 'confirm'")
    database.commit()
    progress(f"confirmed {len(links):,}\n")

    added = subprocess.run([BINARY, "user", "add", "--email", "bench@example.org", "--role", "editor", "--data-dir", data_dir],
                           check=True, capture_output=True, text=True).stdout
    editor = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    link = url + re.search(r"(/admin/set-password/\S+)", added).group(1)
    password = "correct horse battery staple"
    post(editor, link, {"csrf": token(editor, link, "csrf"), "password": password, "confirmation": password})
    post(editor, url + "/admin/sign-in", {"csrf": token(editor, url + "/admin/sign-in", "csrf"), "email": "bench@example.org",
                                          "password": password})
    page = post(editor, url + "/admin/actions/30-24/close", {"csrf": token(editor, url + "/admin/actions/30-24", "csrf"),
                                                             "outcome": "released", "note": "All the journalists were released.",
                                                             "confirm": "yes"})
    print(re.search(r"Alerts queued for [\d,]+ subscribers?\.", page).group(0))
    server.terminate()
    server.wait()
    subject, text, html = database.execute("SELECT subject, body_text, body_html FROM outbox WHERE kind = 'alert' LIMIT 1").fetchone()
    sample = (subject, opened(text), opened(html))
    database.close()

    print(f"== Baseline: Python's smtplib, {COUNT:,} messages of the same size over one connection ({time.strftime('%H:%M:%S')})")
    out = tempfile.mktemp(suffix=".jsonl")
    smtp, port = smtp_server(out)
    message = EmailMessage()
    message["Subject"] = sample[0]
    message["From"] = "alerts@outcry.example"
    message.set_content(sample[1], cte="base64")
    message.add_alternative(sample[2], subtype="html", cte="base64")
    body = message.as_bytes(policy=email.policy.SMTP)
    started = time.monotonic()
    try:
        with smtplib.SMTP("localhost", port) as client:
            for index in range(COUNT):
                client.sendmail("alerts@outcry.example", [f"supporter{index}@example.org"], body)
    finally:
        smtp.terminate()
    baseline = COUNT / (time.monotonic() - started)
    print(f"baseline: {baseline:,.0f} messages/s")
    smtp.wait()
    os.remove(out)

    connections = int(os.environ.get("OUTCRY_SMTP_CONNECTIONS", "4"))
    rate = send(data_dir, [("bench", connections)], f"outcry send-alerts, {connections} connections")
    print(f"ratio outcry/baseline: {rate / baseline:.2f} (target: 500 messages/s)")

    # The same alerts again, sent by two instances at once sharing the outbox, half the connections each.
    database = sqlite3.connect(os.path.join(data_dir, "outcry.sqlite"))
    database.execute("UPDATE outbox SET status = 'queued', attempts = 0, sent_at = NULL WHERE kind = 'alert'")
    database.commit()
    database.close()
    half = max(1, connections // 2)
    shared = send(data_dir, [("bench-a", half), ("bench-b", half)], f"two send-alerts processes at once, {half} connections each")
    print(f"ratio two processes/baseline: {shared / baseline:.2f}")


def send(data_dir, workers, title):
    """Runs one `outcry send-alerts` per (worker, connections) at once against a new SMTP server, checks that
    every subscriber got exactly one alert, and returns the messages delivered per second."""
    print(f"== Outcry: {title} ({time.strftime('%H:%M:%S')})")
    out = tempfile.mktemp(suffix=".jsonl")
    smtp, port = smtp_server(out)
    started = time.monotonic()
    try:
        senders = [subprocess.Popen([BINARY, "send-alerts", "--data-dir", data_dir, "--worker", worker], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True,
                                    env={**os.environ, "OUTCRY_SMTP_URL": f"smtp://localhost:{port}",
                                         "OUTCRY_MAIL_FROM": "alerts@outcry.example", "LOG_LEVEL": "warning",
                                         "OUTCRY_SMTP_CONNECTIONS": str(connections)})
                   for worker, connections in workers]
        results = [(sender.communicate(), sender.returncode) for sender in senders]
    finally:
        smtp.terminate()
    elapsed = time.monotonic() - started
    smtp.wait()
    with open(out, encoding="utf-8") as handle:
        received = [json.loads(line) for line in handle if line.strip()]
    os.remove(out)
    for (stdout, stderr), code in results:
        print(stdout.strip())
        if code != 0:
            raise SystemExit(f"send-alerts failed: {stderr}")
    rate = len(received) / elapsed
    print(f"outcry: {len(received):,} delivered in {elapsed:.1f} s = {rate:,.0f} messages/s "
          f"(each claimed, decrypted, marked in flight, sent and marked sent)")
    if len(received) != COUNT or len({m['to'][0] for m in received}) != COUNT:
        raise SystemExit(f"expected {COUNT} distinct recipients, got {len(received)} messages")
    return rate


if __name__ == "__main__":
    main()
