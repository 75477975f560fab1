"""`outcry import` as an editor meets it: many files, a progress line, a summary per file, drafts saved once; and
the import page taking a saved web page or a PDF."""
import json
import os
import subprocess
import tempfile

from axe_playwright_python.sync_playwright import Axe

from conftest import BINARY, ROOT
from test_coordinators import shoot, signed_in_editor

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "imports")


def run(*args, data_dir=None):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    command = [BINARY, "import", *args]
    if data_dir:
        command += ["--data-dir", data_dir]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)


def test_a_folder_is_imported_once_with_a_summary_per_file():
    data_dir = tempfile.mkdtemp(prefix="outcry-import-")
    documents = sorted(name for name in os.listdir(FIXTURES) if name.endswith(".txt"))
    first = run(FIXTURES, "--today", "2024-04-20", data_dir=data_dir)
    assert first.returncode == 0, first.stderr
    # A progress line over many files (one line per tenth when not on a terminal).
    assert f"[{len(documents)}/{len(documents)}]" in first.stderr
    out = first.stdout
    assert "Urgent Action 30.24" in out
    assert "found:   number, country, issued, people (2), summary (1), take action (2), asks (2), officials (2), letter" in out
    assert "missing: updates, index, title, deadline, languages, background, outcome" in out
    assert "[email protected]" in out, "the hidden address is reported as a note"
    assert "Statement: “Kyrgyzstan: Detention of Kloop media staff intensifies crackdown on independent journalism”" in out
    assert f"{len(documents)} new drafts saved, 0 already imported" in out.splitlines()[-1]

    again = run(FIXTURES, data_dir=data_dir)
    assert again.returncode == 0, again.stderr
    assert f"0 new drafts saved, {len(documents)} already imported" in again.stdout.splitlines()[-1]


def test_dry_run_json_reads_everything_and_reports_what_it_cannot():
    workdir = tempfile.mkdtemp(prefix="outcry-import-json-")
    binary = os.path.join(workdir, "scan.pdf")
    with open(binary, "wb") as handle:
        handle.write(b"%PDF-1.7\n\x00\x01\x02binary")
    data_dir = os.path.join(workdir, "data")
    result = run("--dry-run", "--json", os.path.join(FIXTURES, "ua-106-23-one-line-contacts.txt"), binary, data_dir=data_dir)
    assert result.returncode == 1, "a file that could not be read fails the run, after the others were read"
    drafts = json.loads(result.stdout)
    assert drafts[0]["draft"]["action"]["number"] == {
        "found": True, "value": "106/23", "span": {"start": 3, "end": 9, "line": 1}}
    assert drafts[0]["draft"]["action"]["letter"] == {"found": False}
    assert "the PDF could not be read" in drafts[1]["error"], "a PDF goes to pdftotext, which says this one is broken"
    assert not os.path.exists(data_dir), "a dry run opens no database"


def test_a_missing_file_is_a_one_line_error():
    result = run("/nonexistent/ua.txt", "--dry-run")
    assert result.returncode == 1
    assert result.stderr.strip() == "outcry: /nonexistent/ua.txt: no such file or folder"


def test_an_editor_chooses_a_saved_web_page_and_a_pdf_on_the_import_page(start_server, browser, screenshots):
    server, page = signed_in_editor(start_server, browser, "importer@example.org")
    formats = ROOT / "Tests" / "Fixtures" / "formats"
    page.goto(server.url + "/admin/import")
    page.set_input_files("#field-file", str(formats / "ua-44-25-saved-page.html"))
    shoot(page, screenshots, "admin-import-file")
    assert Axe().run(page).response["violations"] == []
    page.click("main form.admin-form button[type=submit]")
    assert "/admin/import/" in page.url
    assert page.input_value("#field-number") == "44.25"
    page.goto(server.url + "/admin/import")
    page.set_input_files("#field-file", str(formats / "scan-without-text.pdf"))
    page.click("main form.admin-form button[type=submit]")
    assert "only pictures of its pages" in page.inner_text("main")
