"""Who may open each Section 11 URL. The canary ("other") agency's records answer 404 to
agency-scoped roles; read-only records answer 403 to a write."""

from tests.access import Route, only, signed_in

AGENCY_SCOPED = ["chair", "lead", "contributor", "cdop", "ssm"]


def _canary(status_all: int, scoped: int = 404) -> dict:
    """bu, paqa and board see every agency; the agency-scoped roles get `scoped` for the canary."""
    return signed_in(status_all, **dict.fromkeys(AGENCY_SCOPED, scoped))


def _round(w):
    from section11.tests.factories import open_round

    return {"pk": open_round().pk}


def _export(w, fmt: str) -> dict:
    _round(w)  # an export needs a round to export
    return {"fmt": fmt}


def _home_return(status="draft"):
    def kwargs(w):
        from section11.tests.factories import make_return

        return {"pk": make_return(w.home, status=status).pk}

    return kwargs


def _canary_return(status="draft"):
    def kwargs(w):
        from section11.tests.factories import make_return

        return {"pk": make_return(w.other, status=status).pk}

    return kwargs


def _standard(agency_key: str, status: str = "draft"):
    def kwargs(w):
        from section11.tests.factories import make_return

        return {"pk": make_return(getattr(w, agency_key), status=status).pk, "number": 3}

    return kwargs


def _evidence(agency_key: str, status: str = "draft"):
    def kwargs(w):
        from section11.tests.factories import add_evidence, make_return

        return {"pk": add_evidence(make_return(getattr(w, agency_key), status=status)).pk}

    return kwargs


def _session(w):
    from section11 import services
    from section11.tests.factories import make_return, open_round

    submission = make_return(w.home, status="submitted", ratings="fully_met")
    session = services.session_create(
        round=open_round(), by=w.user("paqa"), held_on=submission.round.opens_on, submissions=[submission]
    )
    return {"pk": session.pk}


def _record(agency_key: str):
    def kwargs(w):
        from section11.tests.factories import challenged, open_round

        return {"pk": challenged(getattr(w, agency_key), by=w.user("paqa"), held_on=open_round().opens_on).pk}

    return kwargs


def _escalation(agency_key: str):
    def kwargs(w):
        import datetime as dt

        from section11 import services
        from section11.tests.factories import open_round

        escalation = services.escalation_open(
            round=open_round(),
            agency=getattr(w, agency_key),
            kind="late_return",
            by=None,
            today=dt.date.today(),
        )
        return {"pk": escalation.pk}

    return kwargs


ROUTES = [
    Route("section11:index", signed_in(200)),
    Route("section11:round_create", only(["bu"], 200)),
    Route("section11:round_detail", signed_in(200), kwargs=_round),
    Route(
        "section11:participation_edit",
        only(["bu"], 302),
        kwargs=_round,
        method="post",
        data={"agency": 1, "mode": "required"},
    ),
    Route("section11:return_start", only(["lead", "contributor"], 302), kwargs=_round, method="post"),
    Route("section11:session_create", only(["bu", "paqa"], 200), kwargs=_round),
    Route("section11:return_detail", signed_in(200), kwargs=_home_return()),
    Route("section11:return_detail", _canary(200), kwargs=_canary_return()),
    Route("section11:standard_edit", only(["lead", "contributor"], 200), kwargs=_standard("home")),
    Route("section11:standard_edit", _canary(403), kwargs=_standard("other")),
    Route("section11:standard_edit", signed_in(403), kwargs=_standard("home", "submitted")),
    Route("section11:standard_confirm", only(["lead", "contributor"], 302), kwargs=_standard("home"), method="post"),
    Route("section11:standard_confirm", _canary(403), kwargs=_standard("other"), method="post"),
    Route("section11:standard_confirm", signed_in(403), kwargs=_standard("home", "submitted"), method="post"),
    Route("section11:return_history", only(["bu"], 200), kwargs=_home_return()),
    Route("section11:return_history", only(["bu"], 200), kwargs=_canary_return()),
    Route("section11:return_submit", only(["lead"], 200), kwargs=_home_return()),
    Route("section11:return_submit", _canary(403), kwargs=_canary_return()),
    Route("section11:return_submit", signed_in(403), kwargs=_home_return("accepted")),
    Route("section11:return_exchange", only(["lead", "bu"], 200), kwargs=_home_return()),
    Route("section11:return_exchange", {**_canary(403), "bu": 200}, kwargs=_canary_return("submitted")),
    Route("section11:return_import", only(["lead"], 200), kwargs=_home_return()),
    Route("section11:return_import", _canary(403), kwargs=_canary_return()),
    Route("section11:return_import", signed_in(403), kwargs=_home_return("submitted")),
    Route("section11:return_review", only(["bu", "paqa"], 200), kwargs=_home_return("submitted")),
    Route("section11:return_review", {**_canary(403), "bu": 200, "paqa": 200}, kwargs=_canary_return("submitted")),
    Route("section11:evidence_download", signed_in(200, board=403), kwargs=_evidence("home")),
    Route("section11:evidence_download", {**_canary(200), "board": 403}, kwargs=_evidence("other")),
    Route("section11:evidence_remove", _canary(403), kwargs=_evidence("other"), method="post"),
    Route("section11:evidence_remove", signed_in(403), kwargs=_evidence("home", "submitted"), method="post"),
    Route("section11:session_detail", only(["bu", "paqa"], 200), kwargs=_session),
    Route("section11:challenge_record", signed_in(200), kwargs=_record("home")),
    Route("section11:challenge_record", _canary(200), kwargs=_record("other")),
    Route("section11:feedback_letter", signed_in(200), kwargs=_record("home")),
    Route("section11:feedback_letter", _canary(200), kwargs=_record("other")),
    Route("section11:matrix", signed_in(200)),
    Route("section11:matrix_export", signed_in(200), kwargs=lambda w: _export(w, "csv")),
    Route("section11:matrix_export", signed_in(200), kwargs=lambda w: _export(w, "xlsx")),
    Route("section11:progress", only(["bu", "paqa"], 200)),
    Route("section11:escalation_list", signed_in(200)),
    Route("section11:escalation_letter_edit", only(["bu"], 200)),
    Route("section11:escalation_detail", signed_in(200), kwargs=_escalation("home")),
    Route("section11:escalation_detail", _canary(200), kwargs=_escalation("other")),
    Route("section11:escalation_letter", signed_in(200), kwargs=_escalation("home")),
    Route("section11:escalation_letter", _canary(200), kwargs=_escalation("other")),
]
