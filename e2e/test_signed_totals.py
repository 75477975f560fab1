"""Totals that can be checked, in Chromium and with tools outside Outcry: a supporter reports, the
report to the president carries a signed statement that OpenSSL verifies with the published key, its QR
code (read by zbar from what Chromium drew) opens the verification page, which confirms it; a statement
with one number changed is refused; and the printed report keeps the code on paper."""
import base64
import subprocess
import urllib.request

from axe_playwright_python.sync_playwright import Axe

from test_coordinators import shoot


def test_a_signed_report_is_checked_by_openssl_by_its_qr_code_and_on_the_verification_page(demo_server, browser, screenshots, tmp_path):
    page = browser.new_page()
    page.goto(demo_server.url + "/actions/30-24/report")
    page.get_by_label("Letters").fill("3")
    page.get_by_label("Sadyr Japarov", exact=True).check()
    page.get_by_role("button", name="Send my report").click()
    assert "/thanks" in page.url

    page.goto(demo_server.url + "/actions/30-24/officials/sadyr-japarov")
    shoot(page, screenshots, "officials-report-signed")
    assert Axe().run(page).response["violations"] == []
    code = page.inner_text(".statement-code").strip()
    statement = page.inner_text("pre.signed-statement").strip()
    assert statement.startswith("outcry totals statement v1\n")
    assert "official-name: Sadyr Japarov" in statement and "letter: 3" in statement

    # OpenSSL, knowing nothing of Outcry, checks the signature with the key the site publishes.
    text, _, signature = statement.rpartition("\nsignature: ")
    (tmp_path / "key.pem").write_bytes(urllib.request.urlopen(demo_server.url + "/.well-known/outcry-signing-key").read())
    (tmp_path / "statement.txt").write_text(text)
    (tmp_path / "signature.bin").write_bytes(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
    def openssl_verifies():
        return subprocess.run(
            ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "key.pem", "-rawin", "-in", "statement.txt",
             "-sigfile", "signature.bin"], cwd=tmp_path, capture_output=True, text=True)
    verified = openssl_verifies()
    assert verified.returncode == 0 and "Signature Verified Successfully" in verified.stdout, verified.stdout + verified.stderr
    (tmp_path / "statement.txt").write_text(text.replace("letter: 3", "letter: 30"))
    assert openssl_verifies().returncode != 0

    # The QR code, as a phone would read it from the page, opens the verification page with the code.
    page.locator(".statement-check svg.qr").screenshot(path=str(screenshots / "officials-report-qr.png"))
    address = subprocess.run(["zbarimg", "--raw", "-q", str(screenshots / "officials-report-qr.png")],
                             check=True, capture_output=True, text=True).stdout.strip()
    assert address.endswith("/verify?code=" + code.replace("-", "")), address
    page.goto(demo_server.url + "/verify?code=" + code.replace("-", ""))
    assert "Genuine" in page.inner_text("main h2")
    assert "Numbers for Sadyr Japarov" in page.inner_text("main")
    shoot(page, screenshots, "verify-genuine")
    assert Axe().run(page).response["violations"] == []

    # A journalist pastes the statement with one number changed: refused, and the form keeps the text.
    page.goto(demo_server.url + "/verify")
    page.fill("#statement", statement.replace("letter: 3", "letter: 300"))
    page.click("main form button[type=submit]")
    assert "The signature does not match" in page.inner_text("[role=alert]")
    assert "letter: 300" in page.input_value("#statement")
    shoot(page, screenshots, "verify-refused")
    assert Axe().run(page).response["violations"] == []

    # The same page in Russian, for a reader who does not read English.
    page.goto(demo_server.url + "/ru/verify?code=" + code)
    assert "Genuine" not in page.inner_text("main")
    shoot(page, screenshots, "verify-genuine-ru")
    assert Axe().run(page).response["violations"] == []

    # On paper the code and the statement are there for whoever holds the letter.
    page.goto(demo_server.url + "/actions/30-24/officials/sadyr-japarov")
    page.pdf(path=str(tmp_path / "report.pdf"), format="A4")
    printed = subprocess.run(["pdftotext", "-layout", str(tmp_path / "report.pdf"), "-"], check=True, capture_output=True,
                             text=True).stdout
    # A long signature may wrap anywhere on paper, even after "signature:".
    flat = "".join(printed.split())
    assert code in flat and "signature:" + signature in flat, printed
