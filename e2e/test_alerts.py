"""Alerts end to end: a real SMTP server (aiosmtpd), the binary, Chromium, and a sender killed with -9."""
import http.cookiejar
import json
import os
import random
import re
import signal
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree

import pytest

from conftest import BINARY, ROOT

ATOM = "{http://www.w3.org/2005/Atom}"


class SMTPServer:
    def __init__(self, *args):
        self.out = tempfile.mktemp(prefix="outcry-smtp-", suffix=".jsonl")
        self.process = subprocess.Popen(
            ["python3", str(ROOT / "scripts" / "smtp-test-server"), "--out", self.out, *args],
            stdout=subprocess.PIPE, text=True)
        self.port = int(self.process.stdout.readline().split()[1])
        self.cert = self.process.stdout.readline().split()[1]

    def messages(self):
        if not os.path.exists(self.out):
            return []
        with open(self.out, encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]

    def wait_for(self, count, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            messages = self.messages()
            if len(messages) >= count:
                return messages
            time.sleep(0.2)
        raise AssertionError(f"{len(self.messages())} messages arrived, {count} expected")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def smtp_server():
    servers = []

    def start(*args):
        server = SMTPServer(*args)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def header(data, name):
    """A header as a mail program shows it: unfolded, encoded words decoded."""
    import email
    import email.policy
    value = email.message_from_string(data, policy=email.policy.default)[name]
    return str(value) if value is not None else None


def links(data):
    """The http(s) links in a message's plain-text part."""
    import base64
    import email
    message = email.message_from_string(data)
    text = next(part for part in message.walk() if part.get_content_type() == "text/plain")
    body = base64.b64decode(text.get_payload()).decode("utf-8")
    return re.findall(r"https?://\S+", body)


def on(server, link):
    """A link from a message, on the test server (started on port 0, it cannot know its address for links)."""
    return server.url + urllib.parse.urlsplit(link).path


def form_token(opener, url, name="token"):
    html = opener.open(url, timeout=10).read().decode()
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def post(opener, url, fields, forwarded_for=None):
    data = urllib.parse.urlencode(fields, doseq=True).encode()
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return opener.open(urllib.request.Request(url, data=data, headers=headers), timeout=30)


def test_a_supporter_subscribes_and_confirms_in_chromium(start_server, smtp_server, browser, screenshots):
    smtp = smtp_server("--mode", "starttls", "--auth")
    server = start_server("--demo", env={
        "OUTCRY_SMTP_URL": f"smtp+starttls://outcry:secret@localhost:{smtp.port}",
        "OUTCRY_SMTP_CA_FILE": smtp.cert, "OUTCRY_MAIL_FROM": "Outcry Alerts <alerts@outcry.example>"})
    page = browser.new_page()
    page.goto(server.url + "/")
    page.click("text=Alerts")
    page.fill("#alert-email", "Ana.Supporter@example.org")
    page.check("input[name=receive][value=countries]")
    page.check("input[name=country][value=KG]")
    for width, label in [(390, "phone"), (1280, "desktop")]:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(screenshots / f"alerts-subscribe-{label}.png"), full_page=True)
    # The browser itself asks for the consent box first (the server checks it too).
    page.click("button:has-text('Subscribe')")
    assert "/alerts" in page.url and page.locator("h1").inner_text() == "Urgent Action alerts"
    page.check("input[name=consent]")
    page.click("button:has-text('Subscribe')")
    assert "Check your inbox" in page.inner_text("h1")

    message = smtp.wait_for(1)[0]
    assert message["to"] == ["Ana.Supporter@example.org"]
    assert header(message["data"], "Subject") == "Please confirm your Urgent Action alerts"
    assert header(message["data"], "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    confirm = next(link for link in links(message["data"]) if "/alerts/confirm/" in link)
    page.goto(on(server, confirm))
    # Following the link only shows the button (a mail scanner following it confirms nothing).
    assert "Confirm your alerts" in page.inner_text("h1")
    page.screenshot(path=str(screenshots / "alerts-confirm.png"), full_page=True)
    from axe_playwright_python.sync_playwright import Axe
    assert Axe().run(page).response["violations"] == []
    page.click("text=Confirm my alerts")
    assert "Your alerts are on" in page.inner_text("h1")
    page.click("text=Change what you receive")
    assert page.is_checked("input[name=country][value=KG]")
    page.screenshot(path=str(screenshots / "alerts-manage-desktop.png"), full_page=True)


def test_feeds_are_valid_atom(demo_server):
    for path in ["/feeds/actions.atom", "/feeds/statements.atom", "/feeds/cases/temirov-live-2024.atom"]:
        with urllib.request.urlopen(demo_server.url + path, timeout=10) as response:
            assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
            feed = ElementTree.fromstring(response.read())
        assert feed.tag == ATOM + "feed"
        for required in ["id", "title", "updated", "author"]:
            assert feed.find(ATOM + required) is not None, (path, required)
        entries = feed.findall(ATOM + "entry")
        assert entries, path
        for entry in entries:
            for required in ["id", "title", "updated"]:
                assert entry.find(ATOM + required) is not None, (path, required)
            assert urllib.parse.urlsplit(entry.find(ATOM + "link").get("href")).scheme == "http"


def test_a_sender_killed_mid_batch_loses_nothing_and_repeats_only_with_the_same_message_id(start_server, smtp_server):
    subscribers = 1000
    data_dir = tempfile.mkdtemp(prefix="outcry-kill-")
    confirmations = smtp_server()
    env = {"OUTCRY_SMTP_URL": f"smtp://localhost:{confirmations.port}", "OUTCRY_MAIL_FROM": "alerts@outcry.example",
           "OUTCRY_TRUST_FORWARDED_FOR": "1", "OUTCRY_ALERT_MAILS_PER_HOUR": "100000"}

    # A thousand supporters subscribe and confirm, through the site and the confirmation messages, each
    # from a connection of their own (the forms send few messages per connection).
    first = start_server("--demo", env=env, data_dir=data_dir)
    opener = urllib.request.build_opener()
    token = form_token(opener, first.url + "/alerts")
    for index in range(subscribers):
        post(opener, first.url + "/alerts", {"token": token, "email": f"supporter{index}@example.org", "consent": "yes"},
             forwarded_for=f"2001:db8:{index:x}::1")
    for message in confirmations.wait_for(subscribers, timeout=120):
        confirm = next(link for link in links(message["data"]) if "/alerts/confirm/" in link)
        opener.open(urllib.request.Request(on(first, confirm), data=b""), timeout=10).read()
    first.stop()

    # An editor closes UA 30.24 with its outcome on a server with no SMTP: the alerts wait in the outbox.
    added = subprocess.run([BINARY, "user", "add", "--email", "ed@example.org", "--role", "editor", "--data-dir", data_dir],
                           check=True, capture_output=True, text=True).stdout
    second = start_server(data_dir=data_dir)
    editor = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    link = second.url + re.search(r"(/admin/set-password/\S+)", added).group(1)
    post(editor, link, {"csrf": form_token(editor, link, "csrf"), "password": "correct horse battery staple",
                        "confirmation": "correct horse battery staple"})
    post(editor, second.url + "/admin/sign-in", {"csrf": form_token(editor, second.url + "/admin/sign-in", "csrf"),
                                                 "email": "ed@example.org", "password": "correct horse battery staple"})
    closed = post(editor, second.url + "/admin/actions/30-24/close", {
        "csrf": form_token(editor, second.url + "/admin/actions/30-24", "csrf"), "outcome": "released",
        "note": "All the journalists were released on 2 December.", "confirm": "yes"}).read().decode()
    assert f"Alerts queued for {subscribers:,} subscribers." in closed, "the count as English writes numbers"
    second.stop()

    # The sender, with three connections to the mail server, is killed with -9 several times while it
    # delivers them, then runs to the end.
    alerts = smtp_server("--delay", "0.003")
    connections = 3
    sender_env = {**os.environ, "OUTCRY_SMTP_URL": f"smtp://localhost:{alerts.port}", "OUTCRY_MAIL_FROM": "alerts@outcry.example",
                  "LOG_LEVEL": "warning", "OUTCRY_SMTP_CONNECTIONS": str(connections)}
    command = [BINARY, "send-alerts", "--data-dir", data_dir, "--worker", "e2e-sender"]
    kills = 0
    rng = random.Random(30_24)
    while kills < 4:
        process = subprocess.Popen(command, env=sender_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.4, 1.2))
        if process.poll() is not None:
            break
        process.send_signal(signal.SIGKILL)
        process.wait()
        kills += 1
    final = subprocess.run(command, env=sender_env, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    assert "0 waiting" in final.stdout, final.stdout

    received = [m for m in alerts.messages() if (header(m["data"], "Subject") or "").startswith("Outcome of Urgent Action 30.24")]
    by_recipient = {}
    for message in received:
        by_recipient.setdefault(message["to"][0], []).append(header(message["data"], "Message-ID"))
    assert len(by_recipient) == subscribers, "every subscriber got the alert"
    duplicates = len(received) - subscribers
    assert kills >= 1
    assert duplicates <= kills * connections, f"{duplicates} duplicates after {kills} kills"
    for recipient, ids in by_recipient.items():
        assert len(set(ids)) == 1, f"{recipient} got a copy with another Message-ID: {ids}"
    # The outbox counts what may have been sent twice: one message in flight per connection and kill at most.
    resent = int(re.search(r"(\d+) resent after interruptions", final.stdout).group(1))
    assert duplicates <= resent <= kills * connections
    print(f"\n{kills} kills, {len(received)} messages for {subscribers} subscribers, {duplicates} duplicates; {final.stdout.strip()}")
