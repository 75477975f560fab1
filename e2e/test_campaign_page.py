"""The action page as a campaign, in Chromium: a portrait uploaded by an editor comes out clean and shows
at the top of the action with the people's status; the page and its stylesheet arrive compressed within
one round trip of a slow link."""
import io
import os
import urllib.request

from axe_playwright_python.sync_playwright import Axe
from PIL import Image

from test_coordinators import shoot, signed_in_editor

GPS = {1: "N", 2: (42.0, 52.0, 30.0), 3: "E", 4: (74.0, 36.0, 12.0)}


def phone_photo(path):
    """A JPEG as a phone writes one: GPS position, make, model, serial number, owner, sideways."""
    image = Image.new("RGB", (600, 800), (120, 90, 70))
    for y in range(200, 600):
        for x in range(200, 400):
            image.putpixel((x, y), (230, 200, 170))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x013B], exif[0x0112] = "PhoneMaker", "Phone 12", "Owner Name", 1
    exif[0xA431] = "SERIAL-4711-0815"
    exif[0x8825] = GPS
    image.save(path, "JPEG", exif=exif.tobytes(), quality=80)
    assert Image.open(path).getexif().get_ifd(0x8825), "the photo carries a position before upload"


def test_an_uploaded_portrait_comes_out_clean_and_leads_the_action(start_server, browser, screenshots, tmp_path):
    server, page = signed_in_editor(start_server, browser, "portraits@example.org")
    photo = tmp_path / "IMG_0042.jpg"
    phone_photo(photo)

    page.goto(server.url + "/admin/people/makhabat-tazhibek-kyzy")
    page.click("a[href$='/portrait']")
    # Nothing is stored without a word on what it shows and a record of consent.
    page.set_input_files("#field-picture", str(photo))
    page.click("main form.admin-form button[type=submit]")
    assert page.locator(".problem-summary").is_visible()
    shoot(page, screenshots, "admin-portrait-problems")
    assert Axe().run(page).response["violations"] == []

    page.set_input_files("#field-picture", str(photo))
    page.fill("#field-alt", "Makhabat Tazhibek kyzy in a brown jacket")
    page.check("input[name=consent]")
    page.click("main form.admin-form button[type=submit]")
    assert "The portrait is saved" in page.inner_text("main")
    page.click("a[href$='/portrait']")
    shoot(page, screenshots, "admin-portrait")
    assert Axe().run(page).response["violations"] == []

    page.goto(server.url + "/actions/30-24")
    portrait = page.locator(".strip img").first
    assert portrait.get_attribute("alt") == "Makhabat Tazhibek kyzy in a brown jacket"
    assert page.evaluate("document.querySelector('.strip img').naturalWidth") == 600, "the browser decodes the clean picture"
    source = server.url + portrait.get_attribute("src")
    served = urllib.request.urlopen(source).read()
    cleaned = Image.open(io.BytesIO(served))
    assert cleaned.size == (600, 800)
    exif = cleaned.getexif()
    assert not exif.get_ifd(0x8825), "no GPS position"
    assert all(tag not in exif for tag in (0x010F, 0x0110, 0x013B, 0xA431)), dict(exif)
    for secret in (b"PhoneMaker", b"SERIAL-4711-0815", b"Owner Name"):
        assert secret not in served
    og = page.locator('meta[property="og:image"]').get_attribute("content")
    assert og.endswith(portrait.get_attribute("src"))

    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(server.url + "/actions/30-24")
        # Above the fold on a phone: the people with their status, and the one call to act.
        for selector in (".strip img", ".strip .status-chip", ".calls .button.primary"):
            box = page.locator(selector).first.bounding_box()
            assert box and box["y"] + box["height"] <= 844, (width, selector, box)
        page.screenshot(path=str(screenshots / f"campaign-top-{width}.png"))
    assert Axe().run(page).response["violations"] == []


def test_the_action_page_and_its_stylesheet_fit_one_round_trip(demo_server, browser):
    page = browser.new_page()
    with page.expect_response(lambda response: response.url.endswith("/static/outcry.css")) as stylesheet:
        document = page.goto(demo_server.url + "/actions/30-24")
    sizes = {}
    for name, response in [("page", document), ("stylesheet", stylesheet.value)]:
        sizes[name] = (response.header_value("content-encoding"), int(response.header_value("content-length")))
    assert sizes["page"][0] == "gzip" and sizes["stylesheet"][0] == "gzip", sizes
    assert sizes["page"][1] + sizes["stylesheet"][1] <= 14 * 1024, sizes
    assert "Tell us what you did" in page.inner_text("main"), "Chromium reads the compressed page whole"
    page.close()


def test_sharing_links_and_a_passed_deadline(demo_server, browser, screenshots):
    import sqlite3
    import time

    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(demo_server.url + "/actions/30-24")
    share = page.locator("section[aria-labelledby=share-heading]")
    links = {link.inner_text(): link.get_attribute("href") for link in share.locator("a.button").all()}
    assert links["Send on WhatsApp"].startswith("https://wa.me/?text=") and "30-24" in links["Send on WhatsApp"], links
    assert links["Send on Telegram"].startswith("https://t.me/share/url?url="), links
    assert any(href.startswith("https://x.com/intent/post?text=") for href in links.values()), links
    assert any(href.startswith("https://bsky.app/intent/compose?text=") for href in links.values()), links
    assert share.locator("#share-link").input_value().endswith("/actions/30-24")
    share.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "share-390.png"))
    assert Axe().run(page).response["violations"] == []

    # An action whose deadline passed long ago (as an old one imported would): said at the top, no longer
    # shared, and what people did still counts until it is closed.
    database = sqlite3.connect(os.path.join(demo_server.data_dir, "outcry.sqlite"))
    database.execute("UPDATE urgent_actions SET deadline = '2019-05-30' WHERE id = '30-24'")
    database.execute("UPDATE settings SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'content_version'")
    database.commit()
    database.close()
    time.sleep(1.2)
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(demo_server.url + "/actions/30-24")
        assert page.locator(".chip").inner_text() == "Deadline passed"
        assert "The deadline for this action has passed" in page.inner_text("main")
        assert page.locator("section[aria-labelledby=share-heading]").count() == 0
        assert page.locator("form.report").count() == 1, "reports still count until it is closed"
        page.screenshot(path=str(screenshots / f"deadline-passed-{width}.png"))
    assert Axe().run(page).response["violations"] == []
    page.goto(demo_server.url + "/")
    assert "Deadline passed" in page.inner_text("main")
    page.close()
