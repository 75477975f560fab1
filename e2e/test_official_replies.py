"""The officials' side, in Chromium: an editor records the embassy's answer; the case's public timeline
shows it among the events with a link to the scanned letter, and the next report of totals to the ambassador
says when the office replied."""
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT
from test_coordinators import shoot, signed_in_editor


def test_an_editor_records_a_reply_and_the_public_sees_it_on_the_timeline(start_server, browser, screenshots):
    server, page = signed_in_editor(start_server, browser, "replies@example.org")
    page.goto(server.url + "/admin/replies/new")
    page.select_option("#field-target", "baktybek-amanbaev")
    page.select_option("#field-case", "temirov-live-2024")
    page.select_option("#field-action", "30-24")
    page.fill("#field-date", "2024-06-12")
    page.fill("#field-from", "Counsellor of the Embassy")
    page.select_option("#field-position", "promised_review")
    page.fill("#field-summary", "The embassy wrote that it had passed the appeals to Bishkek.")
    shoot(page, screenshots, "admin-reply-form")
    assert Axe().run(page).response["violations"] == []
    page.click("main form.admin-form button[type=submit]")
    assert "/admin/replies/" in page.url

    # The letter as it came, scanned: cleaned, described, and linked from the timeline.
    page.get_by_role("link", name="Scan of the reply").click()
    page.set_input_files("#field-picture", str(ROOT / "Tests" / "Fixtures" / "images" / "portrait-gps.jpg"))
    page.fill("#field-alt", "Letter from the embassy, 12 June 2024, one page")
    page.get_by_label("This reply may be published", exact=False).check()
    shoot(page, screenshots, "admin-reply-scan")
    assert Axe().run(page).response["violations"] == []
    page.get_by_role("button", name="Save the scan").click()
    assert "The scan is saved" in page.inner_text("main")

    page.goto(server.url + "/admin/targets")
    assert "1 reply, last on 12 June 2024" in page.inner_text("main")

    public = browser.new_page()
    public.goto(server.url + "/cases/temirov-live-2024")
    timeline = public.locator("ol.timeline")
    assert "Reply from Ambassador Baktybek Amanbaev" in timeline.inner_text()
    assert "(Promised a review)" in timeline.inner_text()
    scan = public.get_by_role("link", name="See the reply as received (scan)").get_attribute("href")
    assert public.request.get(server.url + scan).headers["content-type"] == "image/jpeg"
    shoot(public, screenshots, "case-timeline-with-reply")
    assert Axe().run(public).response["violations"] == []

    public.goto(server.url + "/actions/30-24/officials/baktybek-amanbaev")
    assert "Your office replied on 12 June 2024." in public.inner_text("article")
