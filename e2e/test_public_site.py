"""A supporter's first visit, in Chromium, with and without JavaScript."""
import re

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def test_supporter_goes_from_the_home_page_to_ua_30_24(demo_server, browser, screenshots):
    for name, viewport in [("phone", PHONE), ("desktop", DESKTOP)]:
        page = browser.new_page(viewport=viewport)
        page.goto(demo_server.url + "/")
        assert page.title() == "Outcry"
        page.get_by_role("link", name=re.compile("11 journalists face up to 10 years")).click()
        page.wait_for_url(demo_server.url + "/actions/30-24")
        assert page.get_by_role("heading", level=1).inner_text() == "Kyrgyzstan: 11 journalists face up to 10 years in prison"
        assert page.locator("#target-sadyr-japarov address").inner_text().splitlines()[-3:] == [
            "207 Abdumomunov Street", "720003, Bishkek", "Kyrgyz Republic"]
        assert page.locator(".letter .salutation").inner_text() == "Dear Mr. President,"
        path = screenshots / f"ua-30-24-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        page.close()


def test_every_page_reads_without_javascript(demo_server, browser, screenshots):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    for path, heading in [
        ("/", "Act now for people at risk"),
        ("/actions/30-24", "Kyrgyzstan: 11 journalists face up to 10 years in prison"),
        ("/cases/temirov-live-2024", "Temirov LIVE and Ayt Ayt Dese journalists"),
        ("/cases/kloop-media-2025", "Kloop Media staff"),
        ("/people/makhabat-tazhibek-kyzy", "Makhabat Tazhibek-kyzy"),
        ("/statements/kloop-media-staff-detained-2025",
         "Kyrgyzstan: Detention of Kloop media staff intensifies crackdown on independent journalism"),
    ]:
        response = page.goto(demo_server.url + path)
        assert response.status == 200, path
        assert page.get_by_role("heading", level=1).inner_text() == heading
        slug = path.strip("/").replace("/", "-") or "home"
        page.screenshot(path=str(screenshots / f"nojs-{slug}.png"), full_page=True)
    response = page.goto(demo_server.url + "/actions/no-such-action")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    context.close()


def test_the_stylesheet_is_the_only_other_request(demo_server, browser):
    page = browser.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(demo_server.url + "/actions/30-24")
    assert all(url.startswith(demo_server.url) for url in requested), requested
    assert sorted(url[len(demo_server.url):] for url in requested) == ["/actions/30-24", "/static/outcry.css"]
    page.close()
