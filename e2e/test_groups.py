"""A teacher's class writes together, in Chromium: the teacher registers the class from a campaign's page, opens
the private link the real SMTP server received, confirms, reports 300 letters for each of two actions with a
photo (and 100 cards more, held until an editor counts them), and the campaign page, the action pages and a
one-page printed certificate show them."""
import datetime
import subprocess

from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT
from test_alerts import links, on, smtp_server  # noqa: F401 (a fixture)
from test_coordinators import shoot, signed_in_editor


def test_a_teacher_registers_a_class_and_reports_600_letters_for_two_actions(
        start_server, smtp_server, browser, screenshots, tmp_path):  # noqa: F811
    smtp = smtp_server()
    # An editor publishes a second action and gathers both into a campaign.
    server, editor = signed_in_editor(start_server, browser, "groups@example.org", env={
        "OUTCRY_SMTP_URL": f"smtp://localhost:{smtp.port}", "OUTCRY_MAIL_FROM": "alerts@outcry.example"})
    editor.goto(server.url + "/admin/actions/new")
    editor.fill("#field-number", "12.26")
    editor.fill("#field-title", "Kyrgyzstan: Free journalist Aruna Tashkentova")
    editor.fill("#field-summary", "Aruna Tashkentova was detained on 3 November 2026 after publishing an investigation.")
    editor.fill("#field-deadline", (datetime.date.today() + datetime.timedelta(days=60)).isoformat())
    editor.fill("#field-asks", "Release Aruna Tashkentova immediately and unconditionally")
    editor.select_option("#field-target-sadyr-japarov", "primary")
    editor.fill("#field-salutation", "Dear President,")
    editor.fill("#field-letter", "I am writing to ask for the release of Aruna Tashkentova.")
    editor.click("main button[type=submit]")
    editor.click("button:has-text('Publish')")
    editor.goto(server.url + "/admin/campaigns/new")
    editor.fill("#field-title", "Write for Rights 2026")
    editor.get_by_label("UA 30.24", exact=False).check()
    editor.get_by_label("UA 12.26", exact=False).check()
    editor.click("main form.admin-form button[type=submit]")
    editor.get_by_role("link", name="The campaign's public page").click()
    campaign_url = editor.url

    # The teacher finds the campaign and registers the class.
    teacher = browser.new_page()
    teacher.goto(campaign_url)
    teacher.get_by_role("link", name="Register your group").click()
    teacher.fill("#field-name", "Class 9B, School No. 12")
    teacher.select_option("#field-kind", "school")
    teacher.fill("#field-size", "32")
    teacher.fill("#field-town", "Bishkek")
    teacher.select_option("#field-country", "KG")
    teacher.fill("#field-email", "teacher@example.org")
    teacher.get_by_label("Show our group’s name", exact=False).check()
    teacher.get_by_label("E-mail me once when an action", exact=False).check()
    shoot(teacher, screenshots, "group-register")
    assert Axe().run(teacher).response["violations"] == []
    teacher.get_by_role("button", name="Register and send me the link").click()
    assert "Check your e-mail" in teacher.inner_text("h1")

    message = smtp.wait_for(1)[0]
    assert message["to"] == ["teacher@example.org"]
    private = next(link for link in links(message["data"]) if "/groups/report/" in link)
    teacher.goto(on(server, private))
    shoot(teacher, screenshots, "group-confirm")
    assert Axe().run(teacher).response["violations"] == []
    teacher.get_by_role("button", name="Confirm our group").click()
    assert "Your group is confirmed" in teacher.inner_text("main")

    photo = str(ROOT / "Tests" / "Fixtures" / "images" / "portrait-gps.jpg")
    for number in ["30.24", "12.26"]:
        teacher.get_by_role("link", name=f"Urgent Action {number}", exact=False).click()
        teacher.fill("#field-letter", "300")
        teacher.set_input_files("#field-photo", photo)
        if number == "30.24":
            shoot(teacher, screenshots, "group-report-form")
            assert Axe().run(teacher).response["violations"] == []
        teacher.get_by_role("button", name="Send our report").click()
        assert "Your report is counted in the totals." in teacher.inner_text("main")
    assert "Your group has reported 600 letters for 2 actions." in teacher.inner_text("main")
    shoot(teacher, screenshots, "group-home")
    assert Axe().run(teacher).response["violations"] == []

    # 100 cards more is more than 32 pupils write for one action: held for an editor, who counts it.
    teacher.get_by_role("link", name="Urgent Action 30.24", exact=False).click()
    teacher.fill("#field-card", "100")
    teacher.get_by_role("button", name="Send our report").click()
    assert "a coordinator will check them" in teacher.inner_text("main")
    editor.goto(server.url + "/admin")
    editor.get_by_role("link", name="1 group report waiting for a check").click()
    assert "from a group of 32 (school): more than the 320 plausible" in editor.inner_text("main")
    shoot(editor, screenshots, "admin-group-reports")
    assert Axe().run(editor).response["violations"] == []
    editor.get_by_role("button", name="Count it").click()
    assert "The report is counted in the totals." in editor.inner_text("main")
    editor.goto(server.url + "/admin/groups")
    assert "Confirmed, not checked yet" in editor.inner_text("main")
    shoot(editor, screenshots, "admin-groups")
    assert Axe().run(editor).response["violations"] == []
    # The class asked to be named: its name goes public once the editor has checked it.
    editor.get_by_role("link", name="Class 9B, School No. 12").click()
    editor.get_by_label("A coordinator checked this group", exact=False).check()
    shoot(editor, screenshots, "admin-group-form")
    assert Axe().run(editor).response["violations"] == []
    editor.click("main form.admin-form button[type=submit]")
    assert "Saved" in editor.inner_text(".notice") or "saved" in editor.inner_text(".notice")

    # What everyone sees: the campaign counts the class once and names it; each action shows its letters.
    public = browser.new_page()
    public.goto(campaign_url)
    main = public.inner_text("main")
    assert "1 group took part." in main
    assert "Written together by 1 group: 600 letters and 100 cards." in main
    assert "Class 9B, School No. 12, Bishkek, Kyrgyzstan" in main
    shoot(public, screenshots, "campaign-with-groups")
    assert Axe().run(public).response["violations"] == []
    public.goto(server.url + "/actions/30-24")
    assert "Written together by 1 group: 300 letters and 100 cards." in public.inner_text("main")
    public.goto(server.url + "/actions/12-26")
    assert "Written together by 1 group: 300 letters." in public.inner_text("main")
    # The registration form in Kyrgyz, as a teacher in Osh reads it.
    public.goto(server.url + "/ky/groups/new")
    assert public.locator("html").get_attribute("lang") == "ky"
    shoot(public, screenshots, "group-register-ky")
    assert Axe().run(public).response["violations"] == []

    # The certificate prints on one page.
    teacher.get_by_role("link", name="Print your certificate of thanks").click()
    assert "Class 9B, School No. 12" in teacher.inner_text("h1")
    shoot(teacher, screenshots, "group-certificate")
    assert Axe().run(teacher).response["violations"] == []
    teacher.pdf(path=str(tmp_path / "certificate.pdf"), format="A4")
    info = subprocess.run(["pdfinfo", str(tmp_path / "certificate.pdf")], check=True, capture_output=True, text=True).stdout
    assert "Pages:           1" in info
    printed = subprocess.run(["pdftotext", str(tmp_path / "certificate.pdf"), "-"], check=True, capture_output=True, text=True).stdout
    assert "took part in 2 Urgent Actions with 600 letters and 100 cards." in " ".join(printed.split())
