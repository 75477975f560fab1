"""A coordinator's day in Chromium: first sign-in, two-factor, and an Urgent Action made from scratch and published."""
import base64
import datetime
import hashlib
import hmac
import re
import struct
import subprocess
import tempfile
import time
import urllib.parse

from conftest import BINARY, ROOT


def totp(secret_base32, at=None):
    """RFC 6238 with the defaults authenticator apps use: SHA-1, 6 digits, 30-second steps."""
    key = base64.b32decode(secret_base32.replace(" ", "") + "=" * (-len(secret_base32.replace(" ", "")) % 8))
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def add_user(data_dir, email, role):
    output = subprocess.run(
        [BINARY, "user", "add", "--email", email, "--role", role, "--data-dir", data_dir],
        check=True, capture_output=True, text=True).stdout
    return re.search(r"(/admin/set-password/\S+)", output).group(1)


def signed_in_editor(start_server, browser, email, role="editor", env=None):
    """A demo server and a page signed in as a new editor (or `role`), who set a password from the one-time link."""
    data_dir = tempfile.mkdtemp(prefix="outcry-editor-")
    link = add_user(data_dir, email, role)
    server = start_server("--demo", data_dir=data_dir, env=env)
    page = browser.new_page()
    page.goto(server.url + link)
    page.fill("#field-password", "correct horse battery staple")
    page.fill("#field-confirmation", "correct horse battery staple")
    page.click("main button[type=submit]")
    page.fill("#field-email", email)
    page.fill("#field-password", "correct horse battery staple")
    page.click("main button[type=submit]")
    return server, page


def shoot(page, screenshots, name):
    for width, label in [(390, "phone"), (1366, "desktop")]:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(screenshots / f"{name}-{label}.png"), full_page=True)


def test_an_admin_signs_in_with_two_factor_and_publishes_an_urgent_action(start_server, browser, screenshots):
    data_dir = tempfile.mkdtemp(prefix="outcry-admin-")
    link = add_user(data_dir, "ana@example.org", "admin")
    server = start_server(data_dir=data_dir)
    page = browser.new_page()

    # The one-time link sets the password; the rules are checked in the page.
    page.goto(server.url + link)
    page.fill("#field-password", "short")
    page.fill("#field-confirmation", "short")
    page.click("main button[type=submit]")
    assert "at least 12 characters" in page.inner_text(".field-problem")
    page.fill("#field-password", "correct horse battery staple")
    page.fill("#field-confirmation", "correct horse battery staple")
    page.click("main button[type=submit]")
    assert "Your password is set" in page.inner_text("main")

    page.fill("#field-email", "ana@example.org")
    page.fill("#field-password", "correct horse battery staple")
    page.click("main button[type=submit]")
    assert page.url.endswith("/admin")
    assert "Urgent Actions" in page.inner_text("h1")

    # Two-factor enrolment: the secret shown, one valid code to turn it on, recovery codes shown once.
    page.goto(server.url + "/admin/account")
    page.click("text=Set up two-factor sign-in")
    secret = page.inner_text(".secret")
    shoot(page, screenshots, "admin-two-factor")
    # The QR code, read by a real reader from what Chromium drew, holds the same secret.
    page.locator("svg.qr").screenshot(path=str(screenshots / "admin-two-factor-qr.png"))
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(screenshots / "admin-two-factor-qr.png")],
                             check=True, capture_output=True, text=True).stdout.strip()
    assert decoded.startswith("otpauth://totp/"), decoded
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(decoded).query)["secret"] == [secret.replace(" ", "")]
    page.fill("#field-code", totp(secret))
    page.click("main button[type=submit]")
    assert "Two-factor sign-in is on" in page.inner_text("h1")
    assert len(page.inner_text("pre.copy").split()) == 10

    # Signing in again now needs the code; a wrong one is refused with a clear message.
    page.click("text=Sign out")
    page.fill("#field-email", "ana@example.org")
    page.fill("#field-password", "correct horse battery staple")
    page.click("main button[type=submit]")
    assert "/admin/sign-in/code" in page.url
    page.fill("#field-code", "000000" if totp(secret, time.time() + 30) != "000000" else "111111")
    page.click("main button[type=submit]")
    assert "That code is not right" in page.inner_text(".problem")
    # The code of the next step: the one used at enrolment cannot be used twice.
    page.fill("#field-code", totp(secret, time.time() + 30))
    page.click("main button[type=submit]")
    assert page.url.endswith("/admin")

    # Moving to a new app asks for the password and a current code; a wrong one changes nothing.
    page.goto(server.url + "/admin/account")
    page.fill("#field-password", "correct horse battery staple")
    page.fill("#field-code", "not a code")
    page.click("button:has-text('Move to a new phone or app')")
    assert "your second factor was not changed" in page.inner_text("main")
    shoot(page, screenshots, "admin-account-two-factor-on")
    from axe_playwright_python.sync_playwright import Axe
    assert Axe().run(page).response["violations"] == []

    # A case, a target and an Urgent Action, from scratch.
    page.goto(server.url + "/admin/cases/new")
    page.fill("#field-title", "Aruna Tashkentova")
    page.select_option("#field-country", "KG")
    page.fill("#field-summary", "A journalist detained in Bishkek for her reporting.")
    page.click("main button[type=submit]")
    assert "Aruna Tashkentova" in page.inner_text("h1")

    page.goto(server.url + "/admin/targets/new")
    page.click("main button[type=submit]")
    assert "Name: Fill this in." in page.inner_text(".problem-summary")
    page.fill("#field-honorific", "H.E.")
    page.fill("#field-name", "Sadyr Japarov")
    page.fill("#field-title", "President of Kyrgyzstan")
    page.fill("#field-address", "Government House\n720003 Bishkek\nKyrgyzstan")
    page.fill("#field-emails", "office@president.example.kg")
    page.fill("#field-salutation", "Dear President,")
    page.click("main button[type=submit]")
    assert "Sadyr Japarov" in page.inner_text("h1")

    page.goto(server.url + "/admin/actions/new")
    page.fill("#field-number", "12.26")
    page.fill("#field-title", "Kyrgyzstan: Free journalist Aruna Tashkentova")
    page.fill("#field-summary", "Aruna Tashkentova was detained on 3 November 2026 after publishing an investigation.")
    # Two months from today: a deadline already passed could not be published.
    page.fill("#field-deadline", (datetime.date.today() + datetime.timedelta(days=60)).isoformat())
    page.fill("#field-asks", "Release Aruna Tashkentova immediately and unconditionally")
    page.select_option("#field-target-sadyr-japarov", "primary")
    page.fill("#field-salutation", "Dear President,")
    page.fill("#field-letter", "I am writing to ask for the release of Aruna Tashkentova.\n\nJournalism is not a crime.")
    shoot(page, screenshots, "admin-new-action")
    page.click("main button[type=submit]")
    assert "UA 12.26" in page.inner_text("h1")
    assert "Draft" in page.inner_text(".status-line")

    # Drafts are never public; the preview shows the page exactly as it will be, with a banner.
    assert page.request.get(server.url + "/actions/12-26").status == 404
    page.click("text=Preview the public page")
    assert "not public" in page.inner_text(".preview-banner")
    shoot(page, screenshots, "admin-preview")
    assert "Journalism is not a crime." in page.inner_text("main")
    page.go_back()

    page.click("button:has-text('Publish')")
    assert "Published" in page.inner_text(".notice")
    shoot(page, screenshots, "admin-dashboard")

    public = browser.new_page()
    public.goto(server.url + "/actions/12-26")
    assert "Free journalist Aruna Tashkentova" in public.inner_text("h1")
    assert "H.E. Sadyr Japarov" in public.inner_text("main")
    public.goto(server.url + "/")
    assert "Aruna Tashkentova" in public.inner_text("main")

    # A published text pasted in comes back as a pre-filled draft, with what it lacks marked.
    page.goto(server.url + "/admin/import")
    page.fill("#field-text", (ROOT / "Tests" / "Fixtures" / "imports" / "ua-41-25-prose-no-labels.txt").read_text())
    page.click("main button[type=submit]")
    assert "Review: Urgent Action 41.25" in page.inner_text("h1")
    assert page.locator(".is-missing").count() >= 2
    assert "Choose a case" in page.locator("#field-case option:checked").inner_text(), "never an unrelated case"
    shoot(page, screenshots, "admin-import-review")
    assert Axe().run(page).response["violations"] == []
    # Its case, people and officials are created in place; what was typed meanwhile stays.
    page.fill("#field-title", "Nigeria: journalist Chidi Okafor held")
    page.click("text=Add the officials not yet on file as targets")
    assert "The officials named are recorded" in page.inner_text(".notice")
    page.click("text=Create a case from this text")
    assert "A case was created from the text" in page.inner_text(".notice")
    page.click("text=Add the people named")
    assert "The people named are recorded" in page.inner_text(".notice")
    assert page.input_value("#field-title") == "Nigeria: journalist Chidi Okafor held"
    assert "Chidi Okafor (Nigeria)" in page.locator("#field-case option:checked").inner_text()
    page.fill("#field-issued", "2025-04-17")
    page.locator("main form.admin-form button[type=submit]").first.click()
    assert "Nigeria: journalist Chidi Okafor held" in page.inner_text("main")
    assert "Mr Babatunde Adeyemi" in page.inner_text("main") or "Babatunde Adeyemi" in page.inner_text("main")
    shoot(page, screenshots, "admin-import-saved")

    page.goto(server.url + "/admin/users")
    shoot(page, screenshots, "admin-users")

    page.goto(server.url + "/admin/audit")
    log = page.inner_text("table")
    for what in ["published", "created", "two-factor on", "signed in"]:
        assert what in log
    shoot(page, screenshots, "admin-audit")


def test_an_action_closed_by_mistake_is_reopened_and_takes_reports_again(start_server, browser, screenshots):
    from axe_playwright_python.sync_playwright import Axe

    server, page = signed_in_editor(start_server, browser, "eli@example.org")

    page.goto(server.url + "/admin/actions/30-24")
    page.select_option("#outcome", "released")
    page.fill("#outcome-note", "Closed by mistake.")
    page.click("text=Close with this outcome")
    # Asked once more, on a page that says what closing does.
    assert page.inner_text("h1") == "Close Urgent Action 30.24?"
    shoot(page, screenshots, "admin-close-confirm")
    assert Axe().run(page).response["violations"] == []
    page.click("text=Yes, close the action")
    assert "Closed. The public page now shows the outcome." in page.inner_text("main")
    closed = browser.new_page()
    closed.goto(server.url + "/actions/30-24")
    assert "Closed by mistake." in closed.inner_text("main")
    assert closed.locator('form[action="/actions/30-24/report"]').count() == 0
    shoot(page, screenshots, "admin-action-closed")
    violations = Axe().run(page).response["violations"]
    assert violations == [], [violation["id"] for violation in violations]

    page.click("button:text-is('Reopen')")
    assert "Reopened. The public page takes reports again." in page.inner_text("main")
    public = browser.new_page()
    public.goto(server.url + "/actions/30-24")
    assert public.locator('form[action="/actions/30-24/report"]').count() == 1
    assert "Closed by mistake." not in public.inner_text("main")


def test_an_editor_translates_a_case_and_readers_see_it_in_their_language(start_server, browser, screenshots):
    from axe_playwright_python.sync_playwright import Axe

    server, page = signed_in_editor(start_server, browser, "dana@example.org")

    page.goto(server.url + "/admin/actions/30-24")
    assert "Russian: up to date" in page.inner_text("main")
    page.goto(server.url + "/admin/cases/temirov-live-2024")
    page.click("text=Translations of this case")
    assert "Not translated" in page.inner_text("main")
    shoot(page, screenshots, "admin-translations")
    assert Axe().run(page).response["violations"] == []
    page.click("a:text-is('Russian (Русский)')")
    assert page.locator(".original").first.get_attribute("lang") == "en"
    page.fill("#field-t-title", "Журналисты Temirov LIVE и «Айт Айт Десе»")
    page.click("text=Save the translation")
    assert "Saved." in page.inner_text("main")
    shoot(page, screenshots, "admin-translation-form")
    violations = Axe().run(page).response["violations"]
    assert violations == [], [violation["id"] for violation in violations]

    reader = browser.new_page()
    reader.goto(server.url + "/ru/cases/temirov-live-2024")
    assert reader.get_by_role("heading", level=1).inner_text() == "Журналисты Temirov LIVE и «Айт Айт Десе»"
    assert reader.get_by_role("heading", level=1).get_attribute("lang") is None
    reader.goto(server.url + "/de/cases/temirov-live-2024")
    assert reader.get_by_role("heading", level=1).get_attribute("lang") == "en", "no German yet: the original, marked"
