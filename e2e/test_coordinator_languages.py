"""The coordinator area in a coordinator's own language, in Chromium: chosen once, kept on every page."""
import datetime
import os
import subprocess

from axe_playwright_python.sync_playwright import Axe

from conftest import BINARY, ROOT
from test_coordinators import signed_in_editor


def catalog(name, key):
    """A message of a catalog, as the tests read PO: msgstr after the msgctxt line."""
    lines = (ROOT / "Sources/OutcryWeb/Resources/messages" / name).read_text(encoding="utf-8").splitlines()
    start = lines.index(f'msgctxt "{key}"')
    text = next(line for line in lines[start:] if line.startswith("msgstr"))
    return text.split(" ", 1)[1].strip('"')


def shoot(page, screenshots, name):
    for width, label in [(390, "phone"), (1366, "desktop")]:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(screenshots / f"{name}-{label}.png"), full_page=True)


def test_an_editor_chooses_russian_and_the_whole_area_speaks_it(start_server, browser, screenshots):
    server, page = signed_in_editor(start_server, browser, "asel@example.org")
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto(server.url + "/admin/account")
    page.select_option("#field-language", "ru")
    page.click("text=Save the language")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.inner_text("h1") == catalog("coordinators/ru.po", "admin.account.heading")

    for path, name in [
        ("/admin", "admin-ru-actions"), ("/admin/actions/30-24", "admin-ru-dashboard"),
        ("/admin/actions/30-24/edit", "admin-ru-action-form"), ("/admin/account", "admin-ru-account"),
        ("/admin/import", "admin-ru-import"),
    ]:
        page.goto(server.url + path)
        assert page.locator("html").get_attribute("lang") == "ru", path
        text = page.inner_text("body")
        for english in ["Urgent Actions", "Sign out", "Save changes", "Totals", "Your account", "Import a published text"]:
            assert english not in text, f"{path} still says “{english}”"
        shoot(page, screenshots, name)
        violations = Axe().run(page).response["violations"]
        assert violations == [], (path, [violation["id"] for violation in violations])
        page.set_viewport_size({"width": 390, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{path} scrolls sideways on a phone"

    # A form sent back with problems names them in Russian too.
    page.goto(server.url + "/admin/actions/30-24/edit")
    page.fill("#field-title", "")
    page.click("main form.admin-form button[type=submit]")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "Fill this in" not in page.inner_text("main")
    assert page.locator(".problem-summary").is_visible()
    shoot(page, screenshots, "admin-ru-form-problems")


def test_the_command_line_speaks_the_terminals_language(tmp_path):
    env = dict(os.environ, LANG="ru_RU.UTF-8", LC_ALL="", LC_MESSAGES="")
    listed = subprocess.run([BINARY, "user", "list", "--data-dir", str(tmp_path)], capture_output=True, text=True, env=env)
    assert listed.returncode == 0, listed.stderr
    assert "outcry user add --email you@example.org --role admin" in listed.stdout
    assert "No accounts yet" not in listed.stdout
    wrong = subprocess.run([BINARY, "serve", "--port", "eighty", "--data-dir", str(tmp_path)], capture_output=True, text=True, env=env)
    assert wrong.returncode != 0
    assert "eighty" in wrong.stderr and "must be a number" not in wrong.stderr
    english = subprocess.run(
        [BINARY, "user", "list", "--data-dir", str(tmp_path)], capture_output=True, text=True, env=dict(env, LANG="C.UTF-8"))
    assert "No accounts yet" in english.stdout


def test_an_extended_deadline_counts_its_days_on_the_public_page(start_server, browser, screenshots):
    server, page = signed_in_editor(start_server, browser, "timur@example.org")
    page.goto(server.url + "/admin/actions/30-24")
    in_two_days = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    page.fill("#new-deadline", in_two_days)
    page.click("text=Extend the deadline")
    assert "Deadline extended to" in page.inner_text("main")
    reader = browser.new_page()
    for path, chip in [("/actions/30-24", "2 days left"), ("/ru/actions/30-24", "Осталось 2 дня")]:
        reader.goto(server.url + path)
        assert reader.locator(".chip").inner_text() == chip
        shoot(reader, screenshots, "deadline-chip" + path.replace("/", "-"))
        violations = Axe().run(reader).response["violations"]
        assert violations == [], (path, [violation["id"] for violation in violations])
