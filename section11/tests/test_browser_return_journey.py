"""An agency lead fills in, saves, comes back, completes and submits a Section 11 return; PAQA
returns it with a comment; the lead revises and resubmits; PAQA records a challenge session and
accepts it; the compliance matrix shows the agreed ratings. axe-core on every page reached."""

import re

import pytest
from playwright.sync_api import expect

from section11.tests.factories import PDF_BYTES, open_round
from tests.browser.helpers import assert_accessible, open_signed_in, press, sign_in, switch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _rate(page, number, rating, narrative=None):
    page.get_by_role("link", name=f"Edit standard {number}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Standard {number}:")
    page.get_by_label("Self-rating for this standard").select_option(label=rating)
    if narrative:
        page.get_by_label("Narrative evidence").fill(narrative)
    press(page, f"Save standard {number}", f"Standard {number} saved.")


def test_a_return_from_first_draft_to_agreed_ratings(page, live_server, world):
    rnd = open_round(name="Section 11 self-audit 2026-27")

    # The lead starts the return and fills two standards, with evidence.
    open_signed_in(page, live_server, world.user("lead").username, "/section11/")
    page.get_by_role("button", name="Start your return").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Section 11 return")
    assert_accessible(page)

    page.get_by_role("link", name="Edit standard 1").click()
    assert_accessible(page)
    page.get_by_label("Self-rating for this standard").select_option(label="Fully met")
    page.get_by_label("Narrative evidence").fill("Our chief officer chairs the safeguarding board.")
    page.get_by_label("Add evidence files").set_input_files(
        files=[{"name": "Board minutes.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_role("button", name="Save standard 1").click()
    expect(page.get_by_role("link", name="Board minutes.pdf")).to_be_visible()
    _rate(page, 2, "Fully met", "The statement is on the intranet front page.")

    # Comes back later: the work is there and the completeness indicator says so.
    page.goto(f"{live_server.url}/")
    page.goto(f"{live_server.url}/section11/")
    page.get_by_role("link", name="Continue your return").click()
    expect(page.locator("#completeness")).to_contain_text("2 of 9 standards rated")

    # Submitting too early lists what is missing, each linked to its place.
    page.get_by_role("link", name="Check and submit").click()
    missing = page.locator("#missing")
    expect(missing).to_contain_text("Every standard must be rated")
    expect(missing.get_by_role("link")).to_have_count(7)
    assert_accessible(page)
    missing.get_by_role("link", name=re.compile("Standard 3")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Standard 3:")
    page.get_by_label("Self-rating for this standard").select_option(label="Fully met")
    page.get_by_label("Narrative evidence").fill("Named lead and deputy in the structure chart.")
    page.get_by_role("button", name="Save and go to the next standard").click()
    for number in range(4, 10):
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"Standard {number}:")
        page.get_by_label("Self-rating for this standard").select_option(label="Fully met")
        # "Fully met" needs evidence: here a written description of it.
        page.get_by_label("Narrative evidence").fill(f"Standard {number}: described in our safeguarding policy.")
        if number < 9:
            page.get_by_role("button", name="Save and go to the next standard").click()
        else:
            page.get_by_role("button", name="Save standard 9").click()
    expect(page.locator("#completeness")).to_contain_text("9 of 9 standards rated")

    page.get_by_role("link", name="Check and submit").click()
    assert_accessible(page)
    page.get_by_role("textbox", name="Senior manager").fill("Chief Superintendent A. Example")
    page.get_by_label(re.compile("I declare")).check()
    page.get_by_role("button", name="Sign the declaration and submit").click()
    expect(page.locator("#return-status")).to_have_text("Submitted")
    return_url = page.url

    # PAQA returns it with a comment on standard 2.
    switch(page, live_server, world.user("paqa").username)
    page.goto(return_url)
    page.get_by_role("link", name="Review this return").click()
    assert_accessible(page)
    page.get_by_label("Reviewer rating, standard 2").select_option(label="Partially met")
    page.get_by_label("Comment on standard 2").fill("Show how staff are told about the statement.")
    page.get_by_role("button", name="Return for revision").click()
    expect(page.locator("#return-status")).to_have_text("Returned for revision")

    # The lead sees the comment, revises standard 2 and resubmits.
    switch(page, live_server, world.user("lead").username)
    page.goto(return_url)
    expect(page.get_by_text("Show how staff are told about the statement.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Edit standard 2").click()
    page.get_by_label("Narrative evidence").fill(
        "Statement on the intranet; covered at induction and in team briefings."
    )
    page.get_by_role("button", name="Save standard 2").click()
    page.get_by_role("link", name="Check and submit").click()
    page.get_by_label(re.compile("I declare")).check()
    page.get_by_role("button", name="Sign the declaration and submit").click()
    expect(page.locator("#return-status")).to_have_text("Submitted")

    # PAQA records a challenge session, agrees the ratings and accepts the return.
    switch(page, live_server, world.user("paqa").username)
    page.goto(f"{live_server.url}{rnd.get_absolute_url()}")
    assert_accessible(page)
    page.get_by_role("link", name="Record a challenge session").click()
    page.get_by_label("Date").fill("2027-01-20")
    page.get_by_label("Venue").fill("Town Hall")
    page.get_by_label(re.compile("Home")).check()
    assert_accessible(page)
    page.get_by_role("button", name="Record the session").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Challenge session")
    assert_accessible(page)
    page.locator("#main").get_by_role("link", name="Home", exact=True).click()
    page.get_by_label("Discussion notes").fill("Induction evidence accepted; briefings to be audited.")
    page.get_by_label("Agreed rating, standard 2").select_option(label="Partially met")
    page.get_by_label("Accept the return with these agreed ratings").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save the outcome").click()
    expect(page.get_by_text("Return status: Accepted")).to_be_visible()

    # The matrix shows the agreed ratings, solid, with standard 2 partly met.
    page.get_by_role("link", name="Section 11", exact=True).first.click()
    page.goto(f"{live_server.url}/section11/matrix/")
    table = page.locator("#matrix-table")
    home_row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=re.compile("Home")))
    expect(home_row.locator(".rag").nth(1)).to_have_text("Partly")
    expect(home_row.locator(".rag").nth(0)).to_have_text("Met")
    expect(home_row.locator(".s11-self")).to_have_count(0)
    expect(home_row).to_contain_text("94.4%")
    assert_accessible(page)


def test_typed_text_survives_leaving_the_page_without_saving(page, live_server, world):
    from section11.tests.factories import make_return

    submission = make_return(world.home)
    sign_in(page, live_server, world.user("contributor").username)
    url = f"{live_server.url}/section11/returns/{submission.pk}/standards/5/"
    page.goto(url)
    page.get_by_label("Narrative evidence").fill("All 412 staff completed level 2 training this year.")
    page.wait_for_timeout(700)  # the copy is kept after a short pause in typing
    page.goto(f"{live_server.url}/")  # e.g. the session timed out, or the tab was closed
    page.goto(url)
    expect(page.get_by_label("Narrative evidence")).to_have_value("All 412 staff completed level 2 training this year.")
    expect(page.locator("#autosave-status")).to_contain_text("restored")
    assert_accessible(page)
    page.get_by_role("button", name="Save standard 5").click()
    assert (
        submission.responses.get(standard__number=5).narrative == "All 412 staff completed level 2 training this year."
    )


def test_the_business_unit_pages_are_accessible(page, live_server, world):
    from section11.tests.factories import make_return

    rnd = open_round(name="Section 11 self-audit 2026-27")
    make_return(world.home, rnd=rnd, ratings="fully_met", status="submitted")
    sign_in(page, live_server, world.user("bu").username)
    page.goto(f"{live_server.url}/section11/progress/")
    expect(page.locator("#deadline")).to_contain_text("40 days to go")
    assert_accessible(page)
    page.goto(f"{live_server.url}{rnd.get_absolute_url()}")
    page.get_by_label("Taking part: Canary").select_option(label="Invited")
    press(page, "Change Canary", "Canary: invited.")
    assert_accessible(page)
    page.goto(f"{live_server.url}/section11/rounds/new/")
    page.get_by_label("Name").fill("Section 11 self-audit 2027-28")
    page.get_by_label("Period").fill("2027-28")
    page.get_by_label("Opens on").fill("2027-10-01")
    page.get_by_label("Submission deadline").fill("2027-09-01")
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_text("The deadline must be after the opening date.")).to_be_visible()
    expect(page.get_by_label("Period")).to_have_value("2027-28")
    assert_accessible(page)


def test_a_lead_confirms_carried_forward_answers_and_submits(page, live_server, world):
    import datetime as dt

    from section11 import services
    from section11.tests.factories import make_return

    last = open_round(name="Round 2025", opens_on=dt.date(2025, 10, 1), deadline=dt.date(2025, 12, 12))
    make_return(world.home, rnd=last, ratings="fully_met", agreed="fully_met", status="accepted")
    submission = services.return_start(round=open_round(), agency=world.home, by=world.user("lead"))

    sign_in(page, live_server, world.user("lead").username)
    page.goto(f"{live_server.url}{submission.get_absolute_url()}")
    expect(page.get_by_text("carried forward from Round 2025, not yet confirmed")).to_have_count(9)
    assert_accessible(page)
    page.get_by_role("link", name="Check and submit").click()
    expect(page.locator("#missing").get_by_role("link")).to_have_count(9)
    page.goto(f"{live_server.url}{submission.get_absolute_url()}")
    for number in range(1, 10):
        press(page, f"Confirm unchanged standard {number}", f"Standard {number} confirmed")
    expect(page.get_by_text("not yet confirmed")).to_have_count(0)
    page.get_by_role("link", name="Check and submit").click()
    page.get_by_role("textbox", name="Senior manager").fill("Chief Constable")
    page.get_by_label(re.compile("I declare")).check()
    page.get_by_role("button", name="Sign the declaration and submit").click()
    expect(page.locator("#return-status")).to_have_text("Submitted")


def test_a_reviewer_opens_the_evidence_agrees_not_met_and_the_escalation_letter_is_made(page, live_server, world):
    """PAQA reads a submitted return's evidence, agrees standard 4 "not met" at the challenge
    session, and the escalation letter (PDF) to the agency's lead names the agency and the standard."""
    import datetime as dt
    import io

    from pypdf import PdfReader

    from section11.tests.factories import add_evidence, make_return

    rnd = open_round(name="Section 11 self-audit 2026-27")
    ratings = ["fully_met"] * 3 + ["partially_met"] + ["fully_met"] * 5
    submission = make_return(world.home, rnd=rnd, ratings=ratings, status="submitted")
    add_evidence(submission, 4, name="Children's views survey.pdf")
    title = submission.responses.get(standard__number=4).standard.title

    sign_in(page, live_server, world.user("paqa").username)
    page.goto(f"{live_server.url}{submission.get_absolute_url()}")
    page.get_by_role("link", name="Review this return").click()
    assert_accessible(page)
    with page.expect_download() as opened:
        page.get_by_role("link", name="Children's views survey.pdf").click()
    assert opened.value.suggested_filename == "Children's views survey.pdf"
    assert open(opened.value.path(), "rb").read() == PDF_BYTES

    page.goto(f"{live_server.url}{rnd.get_absolute_url()}")
    page.get_by_role("link", name="Record a challenge session").click()
    page.get_by_label("Date").fill(dt.date.today().isoformat())
    page.get_by_label(re.compile("Home")).check()
    page.get_by_role("button", name="Record the session").click()
    page.locator("#main").get_by_role("link", name="Home", exact=True).click()
    page.get_by_label("Discussion notes").fill("No evidence that children's views shape services.")
    page.get_by_label("Agreed rating, standard 4").select_option(label="Not met")
    page.get_by_role("button", name="Save the outcome").click()
    expect(page.get_by_role("status").first).to_be_visible()

    page.goto(f"{live_server.url}/section11/escalations/")
    assert_accessible(page)
    page.locator("#main").get_by_role("row", name=re.compile("Standard agreed not met")).get_by_role(
        "link", name="Home"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Escalation: Home Agency")
    expect(page.locator("#main")).to_contain_text("does not meet standard 4.")
    assert_accessible(page)
    with page.expect_download() as letter:
        page.get_by_role("link", name="Download the letter (PDF)").click()
    data = open(letter.value.path(), "rb").read()
    assert data.startswith(b"%PDF")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert "Home Agency" in text
    assert f"does not meet standard 4. {title}" in text


def test_an_agency_lead_brings_a_return_from_another_partnership_and_confirms_it(page, live_server, world, tmp_path):
    """One partnership's lead downloads the exchange file; the lead in the other imports it (after a
    wrong file is refused), sees each answer marked imported and the standard that did not match."""
    import datetime as dt
    import json

    from section11 import services
    from section11.tests.factories import make_return

    ratings = ["fully_met", "partially_met"] + ["fully_met"] * 7
    shared = make_return(world.other, rnd=open_round(name="Northshire 2026-27"), ratings=ratings, status="submitted")
    sign_in(page, live_server, world.other_lead.username)
    page.goto(f"{live_server.url}{shared.get_absolute_url()}")
    with page.expect_download() as downloaded:
        page.get_by_role("link", name="Download the exchange file (JSON)").click()
    document = json.loads(open(downloaded.value.path(), encoding="utf-8").read())
    document["standards"].append(
        {
            "number": 10,
            "title": "Online safety",
            "rating": "fully_met",
            "na_reason": "",
            "narrative": "Filtered.",
            "evidence": [],
        }
    )
    good = tmp_path / "police.json"
    good.write_text(json.dumps(document), encoding="utf-8")
    wrong = tmp_path / "indicators.json"
    wrong.write_text('{"indicators": []}', encoding="utf-8")

    rnd = open_round(name="Home 2026-27", opens_on=dt.date(2020, 4, 1), deadline=dt.date(2020, 6, 1))
    draft = services.return_start(round=rnd, agency=world.home, by=world.user("lead"))
    switch(page, live_server, world.user("lead").username)
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    page.get_by_role("link", name="Import answers from another partnership").click()
    assert_accessible(page)
    page.get_by_label("Exchange file (JSON)").set_input_files(str(wrong))
    page.get_by_role("button", name="Import into this return").click()
    expect(page.get_by_text(re.compile("This file is not a Section 11 exchange file: it does not say"))).to_be_visible()
    expect(page.get_by_text(re.compile("Nothing was imported and your return is unchanged"))).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Exchange file (JSON)").set_input_files(str(good))
    page.get_by_role("button", name="Import into this return").click()
    expect(page.locator("#return-status")).to_have_text("Draft")
    expect(page.get_by_text(re.compile("Imported 9 standards from"))).to_be_visible()
    expect(page.get_by_text(re.compile('so not imported: standard 10, "Online safety"')).first).to_be_visible()
    marker = "imported from Barnsley Safeguarding Children Partnership, Northshire 2026-27, not yet confirmed"
    expect(page.get_by_text(marker)).to_have_count(9)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm unchanged standard 2").click()
    expect(page.get_by_text(marker)).to_have_count(8)
