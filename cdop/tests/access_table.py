"""Who may open each CDOP page. Case pages: panel members only, 404 for everyone else (the
URL must not even confirm that a case exists). Statistics: everyone signed in (suppressed)."""

from tests.access import Route, signed_in


def _death(w):
    from cdop.models import Death
    from cdop.tests.factories import DeathFactory, load_reference_data

    load_reference_data()
    # One case, however many routes ask for it (the 390 px walk opens them all in one database).
    return Death.objects.filter(case_number="CD-MATRIX-1").first() or DeathFactory(case_number="CD-MATRIX-1")


def _reviewed(w):
    from cdop.tests.factories import review_for

    death = _death(w)
    review_for(death)
    return death


def _case(w):
    return {"pk": _death(w).pk}


def _meeting(w):
    from cdop.tests.factories import PanelMeetingFactory

    return {"pk": PanelMeetingFactory().pk}


CASE = signed_in(404, cdop=200)


def _request_to(addressee_key):
    def make(w):
        from cdop.models import InformationRequest

        addressee = w.other_lead if addressee_key == "other_lead" else w.user(addressee_key)
        info = InformationRequest.objects.create(
            death=_death(w),
            agency=addressee.agency,
            addressee=addressee,
            question="What did your agency know of the family?",
            sent_on="2025-02-01",
            due_on="2025-03-01",
        )
        return {"pk": info.pk}

    return make


#: A request is seen by the panel and by its addressee only: not by the addressee's colleagues
#: (the contributor and PAQA member of the same agency), nor by all-agency roles.
ADDRESSED_TO_LEAD = signed_in(404, cdop=200, lead=200)

ROUTES = [
    Route("cdop:index", signed_in(200)),
    Route("cdop:statistics_export", signed_in(200)),
    Route("cdop:case_list", CASE),
    Route("cdop:analysis", CASE),
    Route("cdop:analysis", CASE, query="?view=published"),
    Route("cdop:analysis_export", CASE, query="?format=xlsx"),
    # world.cdop chairs the panel; a member who is not the chair gets 403 (tested separately).
    Route("cdop:case_export", CASE),
    Route("cdop:case_export_ncmd", CASE),
    Route("cdop:case_create", CASE),
    Route("cdop:case_detail", CASE, kwargs=_case),
    Route("cdop:case_edit", CASE, kwargs=_case),
    Route("cdop:case_rapid_response", CASE, kwargs=_case),
    Route("cdop:case_status", signed_in(404, cdop=405), kwargs=_case),
    Route("cdop:case_review", CASE, kwargs=_case),
    Route("cdop:recommendation_create", CASE, kwargs=lambda w: {"pk": _reviewed(w).pk}),
    Route("cdop:case_refer", CASE, kwargs=_case),
    Route("cdop:request_create", CASE, kwargs=_case),
    Route("cdop:request_list", signed_in(200)),
    Route("cdop:request_detail", ADDRESSED_TO_LEAD, kwargs=_request_to("lead")),
    Route("cdop:request_detail", signed_in(404, cdop=200), kwargs=_request_to("other_lead")),
    # Only the addressee answers: the panel may read, not answer (403); others get 404.
    Route(
        "cdop:request_detail",
        signed_in(404, cdop=403, lead=302),
        kwargs=_request_to("lead"),
        method="post",
        data={"answer": "We had no involvement.", "version": "1"},
    ),
    Route("cdop:meeting_list", CASE),
    Route("cdop:meeting_create", CASE),
    Route("cdop:meeting_detail", CASE, kwargs=_meeting),
    Route("cdop:meeting_edit", CASE, kwargs=_meeting),
    Route("cdop:access_log", signed_in(403, bu=200, cdop=200)),
    # Writes: a non-member's POST is refused with 404 before anything is read or saved.
    Route("cdop:case_create", signed_in(404, cdop=200), method="post"),
    Route("cdop:case_status", signed_in(404, cdop=302), kwargs=_case, method="post", data={"status": "gathering"}),
    Route("cdop:case_review", signed_in(404, cdop=200), kwargs=_case, method="post"),
    Route("cdop:meeting_create", signed_in(404, cdop=200), method="post"),
]
