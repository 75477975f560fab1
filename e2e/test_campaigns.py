"""A campaign of several actions, in Chromium: an editor gathers actions under a title and a goal; a
supporter's report on one of them shows on the campaign's page, in two languages."""
from axe_playwright_python.sync_playwright import Axe

from test_coordinators import shoot, signed_in_editor


def test_an_editor_makes_a_campaign_and_its_page_adds_up_what_people_did(start_server, browser, screenshots):
    server, page = signed_in_editor(start_server, browser, "campaigns@example.org")
    page.goto(server.url + "/admin/campaigns/new")
    page.fill("#field-title", "Write for Rights 2026")
    page.fill("#field-summary", "Ten cases, one week of letters.")
    page.fill("#field-goal", "1000")
    page.get_by_label("UA 30.24", exact=False).check()
    shoot(page, screenshots, "admin-campaign-form")
    assert Axe().run(page).response["violations"] == []
    page.click("main form.admin-form button[type=submit]")
    page.get_by_role("link", name="The campaign's public page").click()
    campaign_url = page.url

    public = browser.new_page()
    public.goto(server.url + "/actions/30-24/report")
    public.get_by_label("Letters").fill("4")
    public.get_by_role("button", name="Send my report").click()

    public.goto(campaign_url)
    assert "Write for Rights 2026" in public.inner_text("h1")
    assert public.locator("progress#goal-progress").get_attribute("value") == "1"
    assert "1 person has acted" in public.inner_text("main")
    shoot(public, screenshots, "campaign-page")
    assert Axe().run(public).response["violations"] == []
    public.goto(campaign_url.replace("/campaigns/", "/ky/campaigns/"))
    shoot(public, screenshots, "campaign-page-ky")
    assert Axe().run(public).response["violations"] == []
