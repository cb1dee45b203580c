from tests.access import Route, only


def _report(w, approved: bool):
    from annual_report.tests.factories import ReportFactory

    return {"pk": ReportFactory(approved=approved).pk}


READERS = ["bu", "paqa", "board"]

ROUTES = [
    Route("annual_report:index", only(READERS)),
    Route("annual_report:quadrants", only(READERS)),
    Route("annual_report:annual", only(READERS)),
    Route("annual_report:generate", only(["bu"], 405)),  # POST only
    Route("annual_report:narratives", only(["bu"]), kwargs=lambda w: {"period": "2024-25"}),
    Route("annual_report:narratives", only(["bu"], refused=403, status=404), kwargs=lambda w: {"period": "2099-00"}),
    Route("annual_report:narrative_edit", only(["bu"]), kwargs=lambda w: {"period": "2024-25", "section": "scorecard"}),
    # An approved version: PAQA and board may read and download it.
    Route("annual_report:report", only(READERS), kwargs=lambda w: _report(w, True)),
    Route("annual_report:report_status", only(READERS), kwargs=lambda w: _report(w, True)),
    Route("annual_report:report_download", only(READERS), kwargs=lambda w: _report(w, True)),
    # A version not yet approved: the business unit only; PAQA and board get 404.
    Route(
        "annual_report:report_download",
        only(["bu"], refused=403) | {"paqa": 404, "board": 404},
        kwargs=lambda w: _report(w, False),
    ),
    Route("annual_report:report_approve", only(["bu"], 405), kwargs=lambda w: _report(w, False)),
    Route("annual_report:report_retry", only(["bu"], 405), kwargs=lambda w: _report(w, False)),
]
