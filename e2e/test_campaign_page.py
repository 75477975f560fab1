"""The action page as a campaign, in Chromium: a portrait uploaded by an editor comes out clean and shows
at the top of the action with the people's status; the page and its stylesheet arrive compressed within
one round trip of a slow link."""
import io
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
