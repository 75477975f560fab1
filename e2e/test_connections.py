"""Connections against the real binary: clients that hold connections open idle or half-sent are cut
off at their deadlines while everyone else is served, and a graceful stop answers every report it stored."""
import os
import re
import signal
import socket
import time
import urllib.request

from test_page_lanes import PAGE, Responses, connect, get, post_form, totals_people, warm


def open_descriptors(server):
    return len(os.listdir(f"/proc/{server.process.pid}/fd"))


def closed_within(sock, seconds):
    """True when the server closes `sock` within `seconds`; what it sent first is returned too."""
    sock.settimeout(seconds)
    received = b""
    try:
        while chunk := sock.recv(4096):
            received += chunk
    except socket.timeout:
        return False, received
    except ConnectionResetError:
        pass
    return True, received


def test_idle_and_half_sent_connections_are_closed_at_their_deadlines(start_server):
    server = start_server("--demo", env={"OUTCRY_HEAD_TIMEOUT": "2", "OUTCRY_BODY_TIMEOUT": "3", "OUTCRY_IDLE_TIMEOUT": "2"})
    warm(server)
    before = open_descriptors(server)
    idle = [connect(server) for _ in range(60)]
    half_heads = [connect(server) for _ in range(60)]
    for sock in half_heads:
        sock.sendall(b"GET " + PAGE.encode() + b" HTTP/1.1\r\nHost: outcry")
    half_bodies = [connect(server) for _ in range(20)]
    for sock in half_bodies:
        sock.sendall(post_form(f"{PAGE}/report", {"token": "x", "count_letter": "1"})[:-5])
    time.sleep(0.5)
    assert open_descriptors(server) >= before + 130, "the server holds the connections open at first"
    # A byte a second does not keep a head alive.
    for _ in range(3):
        for sock in half_heads[:10]:
            sock.sendall(b"x")
        time.sleep(0.5)
    # Meanwhile others are served as usual.
    with urllib.request.urlopen(server.url + PAGE, timeout=5) as response:
        assert response.status == 200

    started = time.monotonic()
    for sock in idle:
        closed, received = closed_within(sock, 5)
        assert closed and received == b"", "an idle connection is closed without an answer"
    for sock in half_heads + half_bodies:
        closed, received = closed_within(sock, 5)
        assert closed and received.startswith(b"HTTP/1.1 408 Request Timeout\r\n"), received[:80]
    assert time.monotonic() - started < 5
    for sock in idle + half_heads + half_bodies:
        sock.close()
    time.sleep(0.3)
    assert open_descriptors(server) <= before + 2


def test_a_graceful_stop_answers_every_report_it_stored(start_server):
    server = start_server("--demo", env={"OUTCRY_TRUST_FORWARDED_FOR": "1"})
    warm(server)
    already = totals_people(server)
    reports = 80
    # A fresh form token for each report, from the page served by the raw lane.
    with connect(server) as sock:
        sock.sendall(get(PAGE) * reports)
        responses = Responses(sock)
        tokens = [re.search(rb'name="token" value="([^"]+)"', responses.next()[2]).group(1).decode() for _ in range(reports)]
    supporters = [connect(server) for _ in range(reports)]
    for number, (sock, token) in enumerate(zip(supporters, tokens)):
        # Each from a network of its own, so that no report is held back by the per-client caps.
        extra = f"X-Forwarded-For: 2001:db8:{number:x}::1\r\n"
        sock.sendall(post_form(f"{PAGE}/report", {"token": token, "count_letter": "1"}, extra))
    server.process.send_signal(signal.SIGTERM)
    answered = 0
    for sock in supporters:
        sock.settimeout(10)
        try:
            status, headers, _ = Responses(sock).next()
            assert status == 303 and headers["location"] == f"{PAGE}/thanks"
            answered += 1
        except (EOFError, ConnectionResetError):
            pass
        sock.close()
    assert server.process.wait(timeout=20) == 0

    again = start_server(data_dir=server.data_dir)
    assert totals_people(again) == already + answered, "every report stored was answered, and only those"
    print(f"\n{answered} of {reports} reports answered before the stop")


def test_a_request_the_server_cannot_read_gets_a_400_with_the_security_headers(demo_server):
    with connect(demo_server) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: outcry.test\r\nA line without a colon\r\n\r\n")
        status, headers, _ = Responses(sock).next()
    assert status == 400
    assert headers["x-frame-options"] == "DENY"
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
