"""The site in Kyrgyz and Russian, in Chromium at phone width without JavaScript: the pages, the switcher,
a Russian letter printed in Russian throughout, the search box, and axe on each language's pages."""
import urllib.parse

from test_finding import DESKTOP, PHONE, axe_violations


def test_the_action_in_kyrgyz_and_russian_at_phone_width(demo_server, browser, screenshots):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    for code, heading, take_action in [
        ("ky", "Кыргызстан: 11 журналист 10 жылга чейин эркинен ажыратылышы мүмкүн", None),
        ("ru", "Кыргызстан: 11 журналистам грозит до 10 лет лишения свободы", "Действуйте"),
    ]:
        page.goto(f"{demo_server.url}/{code}/actions/30-24")
        assert page.locator("html").get_attribute("lang") == code
        title = page.get_by_role("heading", level=1)
        if code == "ru":
            assert title.inner_text() == heading
        assert title.get_attribute("lang") is None, "translated: in the page's language"
        if take_action:
            assert page.get_by_role("heading", name=take_action, level=2).count() == 1
        assert "[missing" not in page.content()
        page.screenshot(path=str(screenshots / f"action-{code}-phone.png"), full_page=True)
        assert axe_violations(browser, page.url, PHONE) == []
        page.set_viewport_size(DESKTOP)
        page.screenshot(path=str(screenshots / f"action-{code}-desktop.png"), full_page=False)
        assert axe_violations(browser, page.url, DESKTOP) == []
        page.set_viewport_size(PHONE)
    context.close()


def test_the_language_is_switched_from_the_header_and_kept_on_every_link(demo_server, browser, screenshots):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(demo_server.url + "/actions/30-24")
    switcher = page.get_by_role("navigation", name="Languages")
    assert switcher.get_by_role("link", name="English").get_attribute("aria-current") == "page"
    switcher.get_by_role("link", name="Кыргызча").click()
    assert page.url == demo_server.url + "/ky/actions/30-24"
    page.get_by_role("navigation", name="Тилдер").get_by_role("link", name="Русский").click()
    assert page.url == demo_server.url + "/ru/actions/30-24"
    page.get_by_role("link", name="Люди").first.click()
    assert page.url == demo_server.url + "/ru/people"
    page.get_by_role("navigation", name="Языки").get_by_role("link", name="English").click()
    assert page.url == demo_server.url + "/people"
    page.screenshot(path=str(screenshots / "people-after-switching-phone.png"), full_page=False)
    context.close()


def test_a_russian_letter_is_russian_throughout(demo_server, browser, screenshots):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(demo_server.url + "/ru/actions/30-24")
    assert page.get_by_label("Язык письма").first.input_value() == "ru"
    page.get_by_role("button", name="Распечатать письмо: Sadyr Japarov").click()
    assert page.url == demo_server.url + "/ru/actions/30-24/letter/sadyr-japarov?language=ru"
    page.get_by_label("Ваше имя").fill("Анна Иванова")
    page.get_by_role("button", name="Показать моё письмо").click()
    letter = page.locator(".printed-letter")
    assert letter.locator(".salutation").inner_text() == "Уважаемый господин Президент!"
    assert letter.locator(".closing").inner_text() == "С уважением,"
    assert letter.locator(".signature").inner_text() == "Анна Иванова"
    assert "г." in letter.locator(".date").inner_text(), "the date written in Russian"
    assert "Dear" not in letter.inner_text() and "Yours" not in letter.inner_text()
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})
    page.screenshot(path=str(screenshots / "letter-russian-print.png"))
    context.close()


def test_a_name_in_cyrillic_from_the_russian_header_box(demo_server, browser, screenshots):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(demo_server.url + "/ru")
    page.fill("#site-search-q", "Махабат")
    page.press("#site-search-q", "Enter")
    assert urllib.parse.unquote(page.url).endswith("/ru/search?q=Махабат")
    assert page.locator("a[href='/ru/people/makhabat-tazhibek-kyzy']").inner_text() == "Makhabat Tazhibek-kyzy"
    page.screenshot(path=str(screenshots / "search-russian-phone.png"), full_page=True)
    assert axe_violations(browser, page.url, PHONE) == []
    page.goto(demo_server.url + "/ky/people/makhabat-tazhibek-kyzy")
    page.screenshot(path=str(screenshots / "person-ky-phone.png"), full_page=True)
    assert axe_violations(browser, page.url, PHONE) == []
    context.close()
