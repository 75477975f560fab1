"""A supporter acts on UA 30.24 in Chromium: prints the letter, reports, and sees the totals rise."""
import re

from test_public_site import DESKTOP, PHONE


def counter_text(page):
    return page.locator(".totals-headline").first.inner_text()


def test_supporter_prints_a_letter_then_reports_and_sees_the_counter_rise(demo_server, browser, screenshots):
    page = browser.new_page(viewport=PHONE)
    page.goto(demo_server.url + "/actions/30-24")
    assert counter_text(page) == "No actions have been reported so far."

    # The letter can be printed in English, Russian or Kyrgyz: the reader's language is chosen first.
    assert page.get_by_label("Language of the letter").first.input_value() == "en"
    page.get_by_role("button", name="Print a letter to Sadyr Japarov").click()
    page.wait_for_url(demo_server.url + "/actions/30-24/letter/sadyr-japarov?language=en")
    assert "Sadyr Japarov's office reads Kyrgyz and Russian." in page.inner_text("main")
    page.get_by_label("Your name").fill("Ana Souza")
    page.get_by_label("Your town and country").fill("Porto, Portugal")
    page.get_by_role("button", name="Show my letter").click()
    letter = page.locator(".printed-letter")
    assert letter.locator(".salutation").inner_text() == "Dear Mr. President,"
    assert letter.locator(".signature").inner_text() == "Ana Souza"
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.screenshot(path=str(screenshots / "letter-to-the-president-print.png"))
    page.pdf(path=str(screenshots / "letter-to-the-president.pdf"), format="A4")
    assert page.get_by_role("heading", name="Make it your own").is_hidden(), "the form is not printed"
    page.emulate_media(media="screen")
    page.set_viewport_size(PHONE)

    page.get_by_role("link", name="Tell us, so we can count it").click()
    page.get_by_label("Letters").fill("2")
    page.get_by_label("Other actions").fill("1")
    assert page.get_by_label("E-mails").count() == 0, "the demo's officials have no e-mail address to write to"
    # Coming from the letter to Sadyr Japarov, he is ticked; a letter copied to the ambassador counts for both.
    assert page.get_by_label("Sadyr Japarov", exact=True).is_checked()
    page.get_by_label("Ambassador Baktybek Amanbaev").check()
    page.get_by_label(re.compile("^Your country")).fill("Portugal")
    page.get_by_role("button", name="Send my report").click()
    page.wait_for_url(demo_server.url + "/actions/30-24/thanks")
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you"
    assert counter_text(page) == "1 person in 1 country has reported 3 actions."
    page.screenshot(path=str(screenshots / "thanks-phone.png"), full_page=True)

    page.reload()  # a reload of the thanks page must not report again
    page.get_by_role("link", name=re.compile("^← Urgent Action 30.24")).click()
    assert counter_text(page) == "1 person in 1 country has reported 3 actions."
    page.close()


def test_a_retried_report_counts_once(demo_server, browser):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(demo_server.url + "/actions/30-24/report")
    token = page.locator("form.report input[name=token]").get_attribute("value")
    # The same form sent twice, as a double click or a retry over a flaky connection sends it.
    for _ in range(2):
        response = page.request.post(demo_server.url + "/actions/30-24/report",
                                     form={"token": token, "count_call": "1"}, max_redirects=0)
        assert response.status == 303
    page.goto(demo_server.url + "/actions/30-24")
    assert counter_text(page) == "1 person has reported 1 action."
    page.close()


def test_a_mistake_is_explained_and_nothing_typed_is_lost(demo_server, browser, screenshots):
    page = browser.new_page(viewport=PHONE)
    page.goto(demo_server.url + "/actions/30-24/report")
    page.get_by_label(re.compile("^Your country")).fill("kirghizistan")
    page.get_by_role("button", name="Send my report").click()
    alert = page.get_by_role("alert")
    assert "every box is empty or zero" in alert.inner_text()
    assert page.get_by_label(re.compile("^Your country")).input_value() == "Kyrgyzstan"
    # A country it does not know brings the whole list to choose from, the rest kept.
    page.get_by_label("Letters").fill("1")
    page.get_by_label(re.compile("^Your country")).fill("Atlantis")
    page.get_by_role("button", name="Send my report").click()
    assert "choose your country from the list" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Letters").input_value() == "1"
    page.get_by_label(re.compile("^Your country")).select_option("KG")
    page.get_by_role("button", name="Send my report").click()
    page.wait_for_url(demo_server.url + "/actions/30-24/thanks")
    page.screenshot(path=str(screenshots / "report-error-phone.png"), full_page=False)
    page.close()
