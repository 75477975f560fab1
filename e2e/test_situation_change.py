"""When the situation changes, in Chromium: an editor records that a journalist was released; the action
on her case goes in front of coordinators on their home page, and its public page stops asking people
to share it; the editor keeps it running, and sharing is back."""
from axe_playwright_python.sync_playwright import Axe

from test_coordinators import shoot, signed_in_editor


def test_a_release_puts_the_action_in_front_of_coordinators_and_pauses_sharing(start_server, browser, screenshots):
    server, page = signed_in_editor(start_server, browser, "situation@example.org")
    public = browser.new_page()
    public.goto(server.url + "/actions/30-24")
    assert public.locator("#share-heading").count() == 1

    page.goto(server.url + "/admin/status-changes/new")
    page.select_option("#field-case", "temirov-live-2024")
    page.fill("#field-date", "2026-11-26")
    page.select_option("#field-kind", "released")
    page.fill("#field-summary", "Makhabat Tazhibek-kyzy was released from prison.")
    page.get_by_label("Makhabat Tazhibek-kyzy", exact=True).check()
    page.click("main form.admin-form button[type=submit]")

    page.goto(server.url + "/admin")
    attention = page.locator("section[aria-labelledby=attention-heading]")
    assert "Needs your attention" in attention.inner_text()
    assert "UA 30.24" in attention.inner_text() and "Released (26 November 2026)" in attention.inner_text()
    shoot(page, screenshots, "admin-home-needs-attention")
    assert Axe().run(page).response["violations"] == []

    public.reload()
    assert public.locator("#share-heading").count() == 0

    attention.get_by_role("link").first.click()
    assert "This action needs your attention" in page.inner_text("main")
    shoot(page, screenshots, "admin-action-needs-attention")
    assert Axe().run(page).response["violations"] == []
    page.get_by_role("button", name="Keep it running as it is").click()
    assert "The action runs as before" in page.inner_text("main")
    assert page.locator("section[aria-labelledby=attention-heading]").count() == 0

    public.reload()
    assert public.locator("#share-heading").count() == 1
