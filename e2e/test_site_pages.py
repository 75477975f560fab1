"""The site's own pages in Chromium: linked at the foot of every page, a default text until an editor
writes one, each language apart; and the coordinator pages added for them and for pictures, usable on a
phone and free of accessibility violations."""
from axe_playwright_python.sync_playwright import Axe

from test_coordinators import shoot, signed_in_editor


def no_violations(page, where):
    violations = Axe().run(page).response["violations"]
    assert violations == [], (where, [violation["id"] for violation in violations])


def fits_a_phone(page, where):
    page.set_viewport_size({"width": 390, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{where} scrolls sideways on a phone"


def test_an_editor_writes_the_privacy_page_in_russian(start_server, browser, screenshots):
    server, page = signed_in_editor(start_server, browser, "pages@example.org")
    reader = browser.new_page()
    reader.goto(server.url + "/ru/actions/30-24")
    reader.click("footer >> text=Конфиденциальность")
    assert reader.url.endswith("/ru/privacy")
    default = reader.inner_text("main")
    assert "IP" in default
    no_violations(reader, "/ru/privacy")

    page.goto(server.url + "/admin/site-pages")
    shoot(page, screenshots, "admin-site-pages")
    no_violations(page, "/admin/site-pages")
    fits_a_phone(page, "/admin/site-pages")
    page.goto(server.url + "/admin/site-pages/privacy/ru")
    page.fill("#field-title", "Конфиденциальность")
    page.fill("#field-body", "Мы храним только числа.\n\nВопросы: privacy@example.org")
    page.click("main form.admin-form button[type=submit]")
    assert "The page is saved" in page.inner_text(".notice")
    shoot(page, screenshots, "admin-site-page-form")
    no_violations(page, "/admin/site-pages/privacy/ru")
    fits_a_phone(page, "/admin/site-pages/privacy/ru")

    reader.goto(server.url + "/ru/privacy")
    assert "Мы храним только числа." in reader.inner_text("main")
    assert reader.locator("main a[href='mailto:privacy@example.org']").count() == 1
    shoot(reader, screenshots, "privacy-ru")
    # Not written in English: English readers keep the default text.
    reader.goto(server.url + "/privacy")
    assert "We do not keep your IP address" in reader.inner_text("main")

    for path in ("/admin/people/makhabat-tazhibek-kyzy/portrait", "/admin/cases/temirov-live-2024/picture"):
        page.goto(server.url + path)
        no_violations(page, path)
        fits_a_phone(page, path)
    page.goto(server.url + "/admin/cases/temirov-live-2024/picture")
    shoot(page, screenshots, "admin-case-picture")
