from tests.access import Route, only, public


def _report(w, approved: bool):
    from annual_report.tests.factories import ReportFactory

    return {"pk": ReportFactory(approved=approved).pk}


READERS = ["bu", "paqa", "board"]
# Drafts: the business unit and PAQA (and the lead partners' signatories, who are tested in
# test_sign_off.py because the matrix's home agency is not a statutory partner).
CHAIN = ["bu", "paqa"]
DRAFT = only(CHAIN) | {"board": 404}

ROUTES = [
    Route("annual_report:index", only(READERS)),
    Route("annual_report:quadrants", only(READERS)),
    Route("annual_report:dashboard_export", only(READERS)),
    Route("annual_report:annual", only(READERS)),
    Route("annual_report:generate", only(["bu"], 405)),  # POST only
    Route("annual_report:narratives", only(CHAIN), kwargs=lambda w: {"period": "2024-25"}),
    Route("annual_report:narratives", only(CHAIN, refused=403, status=404), kwargs=lambda w: {"period": "2099-00"}),
    Route("annual_report:narrative", only(CHAIN), kwargs=lambda w: {"period": "2024-25", "section": "performance"}),
    Route(
        "annual_report:narrative_edit", only(["bu"]), kwargs=lambda w: {"period": "2024-25", "section": "performance"}
    ),
    Route(
        "annual_report:narrative_approve",
        only(["bu"], 405),
        kwargs=lambda w: {"period": "2024-25", "section": "performance"},
    ),
    # An approved version: PAQA and board may read and download it.
    Route("annual_report:report", only(READERS), kwargs=lambda w: _report(w, True)),
    Route("annual_report:report_status", only(READERS), kwargs=lambda w: _report(w, True)),
    Route("annual_report:report_download", only(READERS), kwargs=lambda w: _report(w, True)),
    Route("annual_report:report_children_download", only(READERS), kwargs=lambda w: _report(w, True)),
    # A version not yet approved: the sign-off chain only; the board gets 404.
    Route("annual_report:report", DRAFT, kwargs=lambda w: _report(w, False)),
    Route("annual_report:report_status", DRAFT, kwargs=lambda w: _report(w, False)),
    Route("annual_report:report_download", DRAFT, kwargs=lambda w: _report(w, False)),
    Route("annual_report:report_children_download", DRAFT, kwargs=lambda w: _report(w, False)),
    Route("annual_report:report_sign_off", only(CHAIN, 405) | {"board": 404}, kwargs=lambda w: _report(w, False)),
    Route("annual_report:report_approve", only(["bu"], 405), kwargs=lambda w: _report(w, False)),
    Route("annual_report:report_retry", only(["bu"], 405), kwargs=lambda w: _report(w, False)),
    Route("annual_report:report_appendix", only(READERS), kwargs=lambda w: {**_report(w, True), "n": 0, "fmt": "csv"}),
    Route("annual_report:report_appendix", DRAFT, kwargs=lambda w: {**_report(w, False), "n": 0, "fmt": "xlsx"}),
    # The public page and downloads: approved versions for anyone, drafts for no one.
    Route("annual_report:published", public()),
    Route("annual_report:published_download", public(), kwargs=lambda w: {**_report(w, True), "which": "full"}),
    Route("annual_report:published_download", public(), kwargs=lambda w: {**_report(w, True), "which": "children"}),
    Route("annual_report:published_download", public(404), kwargs=lambda w: {**_report(w, False), "which": "full"}),
    Route(
        "annual_report:published_download",
        public(404),
        kwargs=lambda w: {**_report(w, False), "which": "children"},
    ),
    Route("annual_report:published_appendix", public(), kwargs=lambda w: {**_report(w, True), "n": 0, "fmt": "xlsx"}),
    Route(
        "annual_report:published_appendix", public(404), kwargs=lambda w: {**_report(w, False), "n": 0, "fmt": "csv"}
    ),
]
