"""Who may open each conference page. Conference records: business unit, safeguarding services
manager and PAQA (PAQA read-only); agency users get their own agency's figures only."""

from tests.access import Route, only, public, signed_in

RECORDS = ["bu", "ssm", "paqa"]
ENTRY = ["bu", "ssm"]
MONITOR = ["bu", "ssm", "paqa", "board"]


def _conference(w):
    from conferences.tests.factories import ConferenceFactory, InvitationFactory

    conference = ConferenceFactory()
    InvitationFactory(conference=conference, agency=w.other)
    return {"pk": conference.pk}


def _record_page(status: int = 200) -> dict:
    """Records roles open it; everyone else: 404 (the record is not visible to them)."""
    return signed_in(404, **{k: status for k in RECORDS})


def _entry_page() -> dict:
    """Entry roles open it; PAQA sees the record but may not change it (403); others 404."""
    return signed_in(404, bu=200, ssm=200, paqa=403)


def _token(w):
    from conferences import services
    from conferences.tests.factories import ConferenceFactory

    _, token = services.questionnaire_link_create(conference=ConferenceFactory(), respondent="parent", by=w.user("ssm"))
    return {"token": token}


ROUTES = [
    Route("conferences:index", signed_in(302, bu=200, ssm=200, paqa=200)),
    Route("conferences:export", only(RECORDS), kwargs=lambda w: {"fmt": "csv"}),
    Route("conferences:create", only(ENTRY)),
    Route("conferences:detail", _record_page(), kwargs=_conference),
    Route("conferences:edit", _entry_page(), kwargs=_conference),
    Route("conferences:attendance", _entry_page(), kwargs=_conference),
    Route("conferences:standards", _entry_page(), kwargs=_conference),
    Route("conferences:questionnaire_enter", _entry_page(), kwargs=_conference),
    # POST creates a link then redirects back to the record.
    Route(
        "conferences:link_create",
        signed_in(404, bu=302, ssm=302, paqa=403),
        kwargs=_conference,
        method="post",
        data={"respondent": "parent"},
    ),
    Route("conferences:link_create", signed_in(405), kwargs=_conference),
    Route("conferences:public_questionnaire", public(200), kwargs=_token),
    Route("conferences:public_questionnaire", public(404), kwargs=lambda w: {"token": "not-a-real-token"}),
    Route("conferences:dashboard", only(MONITOR)),
    Route("conferences:monitoring_report", only(MONITOR)),
    Route("conferences:core_groups", _record_page(), kwargs=_conference),
    Route("conferences:agency", signed_in(200)),
    Route("conferences:agency_export", signed_in(200), kwargs=lambda w: {"fmt": "xlsx"}),
    Route("conferences:recompute", only(["bu"], 302), method="post"),
    Route("conferences:recompute", signed_in(405)),
]
