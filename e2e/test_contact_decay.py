"""Contacts that decay, in Chromium: an editor gives the president's office a fax number; a supporter on a
phone says it does not answer, without an account; the editor sees the report on the
contacts page, marks the fax not working, and the action page offers it no more."""
from axe_playwright_python.sync_playwright import Axe

from test_coordinators import shoot, signed_in_editor

FAX = "+996 312 62 50 12"


def test_a_supporter_reports_a_dead_fax_and_an_editor_stops_offering_it(start_server, browser, screenshots):
    server, page = signed_in_editor(start_server, browser, "contacts@example.org")
    page.goto(server.url + "/admin/targets/sadyr-japarov")
    page.fill("#field-fax", FAX)
    page.click("main form.admin-form button[type=submit]")

    # The form is plain HTML: <details> and a POST, no script (axe needs one, so the page keeps JavaScript on).
    supporter = browser.new_page(viewport={"width": 390, "height": 900})
    supporter.goto(server.url + "/actions/30-24")
    assert FAX in supporter.inner_text("#target-sadyr-japarov")
    problem = supporter.locator("#target-sadyr-japarov details.contact-problem")
    problem.locator("summary").click()
    problem.get_by_label(f"The fax {FAX} does not answer").check()
    supporter.screenshot(path=str(screenshots / "contact-problem-form-phone.png"), full_page=True)
    assert Axe().run(supporter).response["violations"] == []
    problem.get_by_role("button", name="Tell the organisation").click()
    assert supporter.inner_text("h1") == "Thank you for telling us"
    shoot(supporter, screenshots, "contact-problem-thanks")
    assert Axe().run(supporter).response["violations"] == []

    page.goto(server.url + "/admin")
    page.get_by_role("link", name="1 official's contact reported as not working").click()
    assert f"fax {FAX}" in page.inner_text("main") and "1 report" in page.inner_text("main")
    shoot(page, screenshots, "admin-contacts")
    assert Axe().run(page).response["violations"] == []
    page.get_by_role("button", name="Not working: stop offering it").click()
    assert "Marked as not working" in page.inner_text("main")
    assert "No contact is reported as not working." in page.inner_text("main")

    supporter.goto(server.url + "/actions/30-24")
    assert FAX not in supporter.inner_text("main")
    assert supporter.locator("#target-sadyr-japarov details.contact-problem").count() == 0, "nothing left to report on"
