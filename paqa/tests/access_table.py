"""Who may open PAQA's pages. The board and packs are for PAQA, the business unit and the
board; questions are seen by the agency asked (and all-agency roles); PAQA raises and reviews,
the agency's leads and contributors answer."""

from tests.access import Route, only, signed_in

OTHER_AGENCY_404 = {"chair": 404, "lead": 404, "contributor": 404, "cdop": 404, "ssm": 404}


def _figure(w):
    from paqa.tests.factories import red_figure

    _, ref = red_figure(w.home)
    return {"kind": "indicator", "ref": ref}


def _question(w):
    from paqa.tests.factories import question_on

    return {"pk": question_on(w.home, w.user("paqa")).pk}


def _other_question(w):
    from paqa.tests.factories import question_on

    return {"pk": question_on(w.other, w.user("paqa")).pk}


def _review(w):
    from scorecard.tests.factories import IndicatorFactory

    return {"year": "2025-26", "code": IndicatorFactory(owning_agency=w.home).code}


def _pack(w):
    from django.core.files.base import ContentFile

    from paqa.models import MeetingPack

    # One pack, however many routes ask for it (the 390 px walk opens them all in one database).
    pack = MeetingPack.objects.filter(meeting_date="2026-12-10", version=1).first()
    if pack is not None:
        return {"pk": pack.pk}
    pack = MeetingPack.objects.create(meeting_date="2026-12-10", version=1, status="ready", sections={})
    pack.pdf.save("pack-test.pdf", ContentFile(b"%PDF-1.4\n%test\n"), save=True)
    return {"pk": pack.pk}


ROUTES = [
    Route("paqa:themes", only(["bu", "paqa", "board"])),
    Route("paqa:equality", only(["bu", "paqa"])),
    Route("paqa:board", only(["bu", "paqa", "board"])),
    Route("paqa:question_list", signed_in(200)),
    Route("paqa:question_raise", only(["paqa"]), kwargs=_figure),
    Route("paqa:question_detail", signed_in(200), kwargs=_question),
    Route("paqa:question_detail", signed_in(200, **OTHER_AGENCY_404), kwargs=_other_question),
    Route("paqa:question_answer", only(["lead", "contributor"], 302), kwargs=_question),
    Route("paqa:question_answer", only([], 302) | OTHER_AGENCY_404, kwargs=_other_question),
    Route("paqa:question_review", only(["paqa"], 302), kwargs=_question),
    Route("paqa:dataset_review_index", only(["paqa"], 302)),
    Route("paqa:dataset_review", only(["paqa"]), kwargs=lambda w: {"year": "2025-26"}),
    Route("paqa:dataset_review_decide", only(["paqa"]), kwargs=_review),
    Route(
        "paqa:dataset_review_decide",
        only(["paqa"], 302),
        kwargs=_review,
        method="post",
        data={"decision": "retire", "reason": "No longer a priority"},
    ),
    Route("paqa:pack_list", only(["bu", "paqa", "board"])),
    Route("paqa:pack_list", only(["bu", "paqa"], 302), method="post", data={"meeting_date": "2026-12-10"}),
    Route("paqa:pack_detail", only(["bu", "paqa", "board"]), kwargs=_pack),
    Route("paqa:pack_pdf", only(["bu", "paqa", "board"]), kwargs=_pack),
    Route("paqa:pack_appendix", only(["bu", "paqa", "board"]), kwargs=_pack),
]


def canary(world) -> list[str]:
    from paqa.tests.factories import question_on

    question_on(world.other, world.user("paqa"), text="CANARY-PAQA-QUESTION")
    return ["CANARY-PAQA-QUESTION"]
