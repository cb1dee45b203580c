from tests.access import Route, only, signed_in

AGENCY_ROLES_404 = {"chair": 404, "lead": 404, "contributor": 404, "cdop": 404, "ssm": 404}


def _indicator(world, agency=None, partnership_wide=True):
    from scorecard.tests.factories import IndicatorFactory

    return IndicatorFactory(owning_agency=agency or world.home, partnership_wide=partnership_wide)


def _canary_private(world):
    """A single-agency indicator of the other (canary) agency."""
    return _indicator(world, world.other, partnership_wide=False)


def _note(world):
    from scorecard.models import ChartNote

    return ChartNote.objects.create(indicator=_indicator(world), kind="event", on="2024-05-01", text="Inspection")


def _batch(world, user):
    from scorecard import services

    data = b"indicator_code,period_start,period_end,value\nNOPE,2024-04-01,2024-04-30,1\n"
    return services.import_preview(kind="measurements", data=data, original_name="x.csv", user=user)


def _submitted_by(agency_of):
    """A monthly indicator submitted by one agency; the URL of last month's return."""

    def kwargs(world):
        import datetime as dt

        from django.utils import timezone

        from scorecard.models import Submitter

        indicator = _indicator(world, partnership_wide=True)
        indicator.frequency = "monthly"
        indicator.save()
        Submitter.objects.create(indicator=indicator, agency=agency_of(world))
        last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        return {"code": indicator.code, "period": last_month.isoformat()}

    return kwargs


def indicator_code(w) -> dict:
    return {"code": _indicator(w).code}


def canary_code(w) -> dict:
    return {"code": _canary_private(w).code}


def business_unit_form(name: str, data: dict | None = None) -> list[Route]:
    """A business-unit form on an indicator: on a partnership indicator, on another agency's
    private one (hidden from agency roles), and posted."""
    return [
        Route(name, only(["bu"]), kwargs=indicator_code),
        Route(name, only(["bu"]) | AGENCY_ROLES_404, kwargs=canary_code),
        Route(name, only(["bu"]), kwargs=indicator_code, method="post", data=data or {}),
    ]


ROUTES = [
    # The data calendar: everyone signed in has a returns page (their own agency's figures);
    # only leads, contributors and the business unit of a submitting agency enter a return.
    Route("scorecard:returns_due", signed_in(200)),
    Route("scorecard:return_enter", only(["bu", "lead", "contributor"]), kwargs=_submitted_by(lambda w: w.home)),
    Route("scorecard:return_enter", only([]), kwargs=_submitted_by(lambda w: w.other)),
    Route("scorecard:index", signed_in(200)),
    Route("scorecard:export", signed_in(200), kwargs=lambda w: {"fmt": "csv"}),
    Route("scorecard:export", signed_in(200), kwargs=lambda w: {"fmt": "xlsx"}),
    Route("scorecard:export", signed_in(404), kwargs=lambda w: {"fmt": "pdf"}),
    Route("scorecard:indicator", signed_in(200), kwargs=indicator_code),
    Route("scorecard:indicator", signed_in(200, **AGENCY_ROLES_404), kwargs=canary_code),
    # Data entry: the business unit, and the owning agency's leads and contributors.
    Route("scorecard:enter", only(["bu", "lead", "contributor"]), kwargs=indicator_code),
    Route("scorecard:enter", only(["bu"]), kwargs=lambda w: {"code": _indicator(w, w.other).code}),
    Route("scorecard:enter", only(["bu"], **{}) | AGENCY_ROLES_404, kwargs=canary_code),
    Route(
        "scorecard:enter",
        only(["bu", "lead", "contributor"]),
        kwargs=indicator_code,
        method="post",
        data={"period_start": "2024-04-01", "period_end": "2024-04-30", "series": "local", "value": "eighty"},
    ),
    *business_unit_form("scorecard:target_add"),
    *business_unit_form("scorecard:chart_note_add"),
    Route(
        "scorecard:chart_note_remove",
        only(["bu"], 302),
        kwargs=lambda w: (lambda note: {"code": note.indicator.code, "pk": note.pk})(_note(w)),
        method="post",
    ),
    Route("scorecard:import", only(["bu", "lead", "contributor"])),
    Route("scorecard:import", only(["bu", "lead", "contributor"]), method="post"),
    Route(
        "scorecard:import_template",
        only(["bu", "lead", "contributor"]),
        kwargs=lambda w: {"kind": "measurements", "fmt": "csv"},
    ),
    Route(
        "scorecard:import_template",
        only(["bu", "lead", "contributor"]),
        kwargs=lambda w: {"kind": "measurements", "fmt": "xlsx"},
    ),
    # Indicators are the business unit's: others who may import get no such template.
    Route(
        "scorecard:import_template",
        signed_in(403, bu=200, lead=404, contributor=404),
        kwargs=lambda w: {"kind": "indicators", "fmt": "xlsx"},
    ),
    Route(
        "scorecard:import_template",
        signed_in(403, bu=404, lead=404, contributor=404),
        kwargs=lambda w: {"kind": "payroll", "fmt": "csv"},
    ),
    Route("scorecard:import_dfe", only(["bu"])),
    Route("scorecard:import_dfe", only(["bu"]), method="post"),
    # An import is seen by its uploader and the business unit only.
    Route("scorecard:import_preview", signed_in(404, bu=200), kwargs=lambda w: {"pk": _batch(w, w.user("bu")).pk}),
    Route("scorecard:import_preview", signed_in(404, bu=200), kwargs=lambda w: {"pk": _batch(w, w.other_lead).pk}),
    Route(
        "scorecard:import_preview",
        signed_in(404, bu=200, contributor=200),
        kwargs=lambda w: {"pk": _batch(w, w.user("contributor")).pk},
    ),
    Route(
        "scorecard:import_preview",
        signed_in(404, bu=302),
        kwargs=lambda w: {"pk": _batch(w, w.other_lead).pk},
        method="post",
    ),
]


def _submitter(world):
    from scorecard.models import Submitter

    return Submitter.objects.create(indicator=_indicator(world), agency=world.home)


SETTINGS_POST = {"name": ""}  # refused before the form is read; the business unit sees its message
ROUTES += [
    # Indicator settings and submitting agencies: the business unit only.
    Route("scorecard:indicator_new", only(["bu"])),
    Route("scorecard:indicator_new", only(["bu"]), method="post", data=SETTINGS_POST),
    *business_unit_form("scorecard:indicator_settings", SETTINGS_POST),
    Route("scorecard:submitters", only(["bu"]), kwargs=indicator_code),
    Route("scorecard:submitters", only(["bu"]), kwargs=indicator_code, method="post"),
    Route(
        "scorecard:submitter_remove",
        only(["bu"], 302),
        kwargs=lambda w: (lambda s: {"code": s.indicator.code, "pk": s.pk})(_submitter(w)),
        method="post",
    ),
    Route(
        "scorecard:submitter_remove",
        signed_in(405, anon=302),
        kwargs=lambda w: (lambda s: {"code": s.indicator.code, "pk": s.pk})(_submitter(w)),
    ),
]
