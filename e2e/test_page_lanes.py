"""The fast lanes for cached pages, checked over real sockets: every way a request can arrive gets the
same answer as through the router, responses leave in the order their requests came, and anything that is
not a plain GET of a cached page still reaches the router intact."""
import re
import socket
import time
import urllib.parse
import urllib.request

PAGE = "/actions/30-24"


def connect(server):
    address = urllib.parse.urlparse(server.url)
    return socket.create_connection((address.hostname, address.port), timeout=10)


class Responses:
    """Reads HTTP/1.1 responses with a Content-Length (or none, for 303/304) off one socket, in order."""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("connection closed")
        self.buffer += chunk

    def next(self):
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(self.buffer) < length:
            self._fill()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return status, headers, body

    def closed(self):
        try:
            return self.sock.recv(1) == b""
        except (ConnectionResetError, socket.timeout):
            return False


def get(path, extra=""):
    return f"GET {path} HTTP/1.1\r\nHost: outcry.test\r\n{extra}\r\n".encode()


def post_form(path, fields, extra=""):
    form = urllib.parse.urlencode(fields).encode()
    return (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(form)}\r\n{extra}\r\n").encode() + form


def without_token(body):
    return re.sub(rb'name="token" value="[^"]*"', b'name="token" value=""', body)


def warm(server):
    """Two ordinary requests: the page is rendered into the cache and its content version is fresh."""
    for _ in range(2):
        urllib.request.urlopen(server.url + PAGE).read()


def test_a_pipelined_mix_is_answered_in_order_with_the_same_pages(demo_server):
    warm(demo_server)
    with connect(demo_server) as sock:
        # Page (fast), stylesheet (router), page again (must wait for the stylesheet), HEAD (router).
        sock.sendall(get(PAGE) + get("/static/outcry.css") + get(PAGE) + f"HEAD {PAGE} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        responses = Responses(sock)
        first = responses.next()
        css = responses.next()
        second = responses.next()
        assert first[0] == 200 and first[1]["content-type"].startswith("text/html")
        assert css[0] == 200 and css[1]["content-type"].startswith("text/css")
        assert second[0] == 200 and second[1]["content-type"].startswith("text/html")
        assert without_token(first[2]) == without_token(second[2])
        assert b"<!--outcry:" not in first[2]
        tokens = [re.search(rb'name="token" value="([^"]+)"', body).group(1) for body in (first[2], second[2])]
        assert tokens[0] != tokens[1], "every response carries its own form token"
    # The router's answer for the same page, on a fresh connection that asked for something else first.
    with connect(demo_server) as sock:
        sock.sendall(get("/static/outcry.css"))
        responses = Responses(sock)
        responses.next()
        sock.sendall(get(PAGE))
        routed = responses.next()
    assert without_token(routed[2]) == without_token(first[2])
    for name in ("etag", "cache-control", "content-type", "content-security-policy", "x-frame-options",
                 "referrer-policy", "x-content-type-options", "permissions-policy", "cross-origin-opener-policy", "server"):
        assert first[1].get(name) == routed[1].get(name), name
    assert "date" in first[1]


def test_a_revalidation_a_split_request_and_connection_close(demo_server):
    warm(demo_server)
    with connect(demo_server) as sock:
        sock.sendall(get(PAGE))
        responses = Responses(sock)
        status, headers, _ = responses.next()
        assert status == 200
        # The same ETag back: 304 with no body.
        sock.sendall(get(PAGE, f"If-None-Match: {headers['etag']}\r\n"))
        status, _, body = responses.next()
        assert status == 304 and body == b""
        # A request head cut in two: the rest of the connection goes the ordinary way, still answered.
        request = get(PAGE)
        sock.sendall(request[:10])
        time.sleep(0.2)
        sock.sendall(request[10:])
        assert responses.next()[0] == 200
        sock.sendall(get(PAGE, "Connection: close\r\n"))
        status, headers, _ = responses.next()
        assert status == 200 and headers.get("connection") == "close"
        assert responses.closed()


def test_a_report_after_fast_pages_on_the_same_connection_is_recorded(demo_server):
    warm(demo_server)
    with connect(demo_server) as sock:
        sock.sendall(get(PAGE))
        responses = Responses(sock)
        _, _, body = responses.next()
        token = re.search(rb'name="token" value="([^"]+)"', body).group(1).decode()
        sock.sendall(post_form(f"{PAGE}/report", {"token": token, "count_letter": "3", "country": "DE"}) + get(PAGE))
        status, headers, _ = responses.next()
        assert status == 303 and headers["location"] == f"{PAGE}/thanks"
        status, _, page = responses.next()
        assert status == 200
        assert b"<strong>3 actions</strong>" in page


def test_odd_requests_reach_the_router_and_get_its_answers(demo_server):
    warm(demo_server)
    cases = [
        (b"GET /no-such-page HTTP/1.1\r\nHost: x\r\n\r\n", 404),
        (b"GET " + PAGE.encode() + b" HTTP/1.0\r\n\r\n", 200),
        (b"GET " + PAGE.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 200),
        (b"GET " + PAGE.encode() + b"?utm_source=mail HTTP/1.1\r\nHost: x\r\n\r\n", 200),
    ]
    for request, expected in cases:
        with connect(demo_server) as sock:
            sock.sendall(request)
            assert Responses(sock).next()[0] == expected, request
    with connect(demo_server) as sock:
        # A bare LF inside the head is not for the fast lane; the HTTP decoder decides what it is.
        sock.sendall(b"GET " + PAGE.encode() + b" HTTP/1.1\r\nHost: x\nX: y\r\n\r\n")
        try:
            status = Responses(sock).next()[0]
        except EOFError:
            status = None
        assert status in (None, 200, 400)


def form_token(server):
    page = urllib.request.urlopen(server.url + PAGE).read()
    return re.search(rb'name="token" value="([^"]+)"', page).group(1).decode()


def totals_people(server):
    csv = urllib.request.urlopen(server.url + PAGE + "/totals.csv").read().decode()
    return next(int(line.split(",")[4]) for line in csv.splitlines() if line.split(",")[1:4:2] == ["all", "people"])


def test_reports_by_the_raw_lane_count_once_and_errors_get_the_routers_page(demo_server):
    warm(demo_server)
    token = form_token(demo_server)
    report = post_form(f"{PAGE}/report", {"token": token, "count_letter": "2", "country": "FR"})
    with connect(demo_server) as sock:
        # Twice in one send (a double click), then the page: one report, both sent to the thanks page.
        sock.sendall(report + report + get(PAGE))
        responses = Responses(sock)
        for _ in range(2):
            status, headers, _ = responses.next()
            assert status == 303 and headers["location"] == f"{PAGE}/thanks"
            assert headers["x-frame-options"] == "DENY" and "date" in headers
        status, _, page = responses.next()
        assert status == 200 and b"<strong>2 actions</strong>" in page
    assert totals_people(demo_server) == 1
    with connect(demo_server) as sock:
        # A form with a mistake: the router's page with the message, and nothing stored.
        sock.sendall(post_form(f"{PAGE}/report", {"token": form_token(demo_server), "count_letter": "lots"}) + get(PAGE))
        responses = Responses(sock)
        status, _, body = responses.next()
        assert status == 422 and b"number" in body.lower()
        assert responses.next()[0] == 200
        # A forged token, and an action that does not exist.
        sock.sendall(post_form(f"{PAGE}/report", {"token": "1.2.3", "count_letter": "1"}))
        assert responses.next()[0] == 422
        sock.sendall(post_form("/actions/no-such-action/report", {"token": token, "count_letter": "1"}))
        assert responses.next()[0] == 404
    assert totals_people(demo_server) == 1


def test_a_client_that_piles_up_requests_gets_every_answer_in_order(demo_server):
    warm(demo_server)
    with connect(demo_server) as sock:
        # 1,500 requests (about 30 MB of answers) before reading any: the raw lane stops when the
        # connection's buffer is full and the router answers the rest, in order.
        sock.sendall(get(PAGE) * 1_000 + (get(PAGE) + get("/static/outcry.css")) * 250)
        responses = Responses(sock)
        kinds = [responses.next()[1]["content-type"].split(";")[0] for _ in range(1_500)]
    assert kinds == ["text/html"] * 1_000 + ["text/html", "text/css"] * 250
