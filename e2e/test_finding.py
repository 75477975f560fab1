"""Search from the header box and the index pages, in Chromium without JavaScript, at phone and desktop widths."""
import urllib.parse

from axe_playwright_python.sync_playwright import Axe

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def axe_violations(browser, url, viewport):
    """axe needs scripts: the same address, opened again in a page that runs them."""
    page = browser.new_page(viewport=viewport)
    page.goto(url)
    violations = Axe().run(page).response["violations"]
    page.close()
    return violations


def test_a_name_typed_in_cyrillic_is_found_from_the_header_box(demo_server, browser, screenshots):
    for label, viewport in [("phone", PHONE), ("desktop", DESKTOP)]:
        context = browser.new_context(java_script_enabled=False, viewport=viewport)
        page = context.new_page()
        page.goto(demo_server.url + "/actions/30-24")
        page.fill("#site-search-q", "Махабат")
        page.press("#site-search-q", "Enter")
        assert urllib.parse.unquote(page.url).endswith("/search?q=Махабат")
        found = page.locator("a[href='/people/makhabat-tazhibek-kyzy']")
        assert found.inner_text() == "Makhabat Tazhibek-kyzy"
        assert "Found as Махабат Тажибек кызы" in page.inner_text("main")
        page.screenshot(path=str(screenshots / f"search-cyrillic-{label}.png"), full_page=True)
        assert axe_violations(browser, page.url, viewport) == []
        found.click()
        assert page.get_by_role("heading", level=1).inner_text() == "Makhabat Tazhibek-kyzy"
        context.close()


def test_the_list_of_actions_filters_without_javascript(demo_server, browser, screenshots):
    for label, viewport in [("phone", PHONE), ("desktop", DESKTOP)]:
        context = browser.new_context(java_script_enabled=False, viewport=viewport)
        page = context.new_page()
        page.goto(demo_server.url + "/")
        page.get_by_role("navigation", name="Site").get_by_role("link", name="Urgent Actions").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Urgent Actions"
        page.select_option("#filter-status", "closed")
        page.click("form.filters button")
        assert "status=closed" in page.url
        assert "No Urgent Action matches these choices." in page.inner_text("main")
        page.select_option("#filter-status", "open")
        page.select_option("#filter-country", "KG")
        page.click("form.filters button")
        assert page.locator("a[href='/actions/30-24']").count() == 1
        page.screenshot(path=str(screenshots / f"actions-index-{label}.png"), full_page=True)
        assert axe_violations(browser, page.url, viewport) == []
        page.goto(demo_server.url + "/people")
        assert page.locator(".listing li").count() == 8
        page.screenshot(path=str(screenshots / f"people-index-{label}.png"), full_page=True)
        assert axe_violations(browser, page.url, viewport) == []
        context.close()
