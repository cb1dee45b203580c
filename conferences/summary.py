"""Conference figures for the annual report and the cross-strand dashboard (aggregates only)."""

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from bscp_portal.lib import periods
from bscp_portal.lib.figure_cache import FigureCache
from bscp_portal.lib.rounding import percent
from conferences.models import (
    AgencyInvitation,
    Answer,
    Conference,
    Kind,
    Outcome,
    QuestionnaireResponse,
    invitation_counts,
    may_monitor,
)


def annual_summary(*, start: dt.date, end: dt.date, user) -> dict:
    """Conferences held from start to end inclusive, for those who may see the aggregates.

    Keys:
    - available: False when the user may not see conference aggregates (every other key None)
    - conferences, initial, reviews, transfers_in: counts held in the period
    - icpc_15wd_pct: % initial conferences within 15 working days of the s47 enquiry start
      (None when no initial conference was measured)
    - reviews_in_time_pct: % reviews in timescale (None when none)
    - plans_started, second_plan_pct: plans made and % that were second or subsequent plans
    - plans_ended, ended_2yrs_pct: plans ended and % that lasted 2 years or more
    - attendance_pct, reports_on_time_pct: over every agency invitation (None when none)
    - parents_attended_pct, child_voice_pct: share of conferences (None when none)
    - questionnaires: number returned; satisfaction_pct: % scale answers agreeing (None when none)
    - agencies: list of {"name", "invited", "attendance_pct", "reports_on_time_pct"}, largest first
    """
    keys = [
        "conferences", "initial", "reviews", "transfers_in", "icpc_15wd_pct", "reviews_in_time_pct",
        "plans_started", "second_plan_pct", "plans_ended", "ended_2yrs_pct", "attendance_pct",
        "reports_on_time_pct", "parents_attended_pct", "child_voice_pct", "questionnaires", "satisfaction_pct",
    ]  # fmt: skip
    if not may_monitor(user):
        return {"available": False, **dict.fromkeys(keys), "agencies": []}
    from conferences.indicators import lasted_two_years

    held = Conference.objects.filter(conference_date__range=(start, end))
    c = held.aggregate(
        total=Count("pk"),
        initial=Count("pk", filter=Q(kind=Kind.INITIAL)),
        reviews=Count("pk", filter=Q(kind=Kind.REVIEW)),
        transfers=Count("pk", filter=Q(kind=Kind.TRANSFER_IN)),
        icpc=Count("pk", filter=Q(kind=Kind.INITIAL, timely__isnull=False)),
        icpc_timely=Count("pk", filter=Q(kind=Kind.INITIAL, timely=True)),
        rev=Count("pk", filter=Q(kind=Kind.REVIEW, timely__isnull=False)),
        rev_timely=Count("pk", filter=Q(kind=Kind.REVIEW, timely=True)),
        parents=Count("pk", filter=Q(parents_attended=True)),
        voice=Count("pk", filter=Q(child_attended=True) | ~Q(child_views="")),
    )
    started = Conference.objects.filter(outcome=Outcome.PLAN_MADE, plan_start__range=(start, end)).aggregate(
        n=Count("pk"), second=Count("pk", filter=Q(second_plan=True))
    )
    ended = list(
        Conference.objects.filter(
            outcome=Outcome.PLAN_ENDED, plan_end__range=(start, end), plan_start__isnull=False
        ).values_list("plan_start", "plan_end")
    )
    long_plans = sum(lasted_two_years(s, e) for s, e in ended)
    inv = AgencyInvitation.objects.filter(invited=True, conference_date__range=(start, end))
    i = inv.aggregate(**invitation_counts())
    agencies = [
        {
            "name": r["agency__short_name"] or r["agency__name"],
            "invited": r["invited"],
            "attendance_pct": percent(r["attended"], r["invited"]),
            "reports_on_time_pct": percent(r["on_time"], r["invited"]),
        }
        for r in inv.values("agency__name", "agency__short_name")
        .annotate(**invitation_counts())
        .order_by("-invited", "agency__name")
    ]
    a = Answer.objects.filter(score__isnull=False, response__conference_date__range=(start, end)).aggregate(
        n=Count("pk"), agree=Count("pk", filter=Q(score__gte=4))
    )
    return {
        "available": True,
        "conferences": c["total"],
        "initial": c["initial"],
        "reviews": c["reviews"],
        "transfers_in": c["transfers"],
        "icpc_15wd_pct": percent(c["icpc_timely"], c["icpc"]),
        "reviews_in_time_pct": percent(c["rev_timely"], c["rev"]),
        "plans_started": started["n"],
        "second_plan_pct": percent(started["second"], started["n"]),
        "plans_ended": len(ended),
        "ended_2yrs_pct": percent(long_plans, len(ended)),
        "attendance_pct": percent(i["attended"], i["invited"]),
        "reports_on_time_pct": percent(i["on_time"], i["invited"]),
        "parents_attended_pct": percent(c["parents"], c["total"]),
        "child_voice_pct": percent(c["voice"], c["total"]),
        "questionnaires": QuestionnaireResponse.objects.filter(conference_date__range=(start, end)).count(),
        "satisfaction_pct": percent(a["agree"], a["n"]),
        "agencies": agencies,
    }


#: The dashboard tile's rates per period, kept in the cache: counting them reads every conference,
#: agency row and questionnaire answer of two years. Every service that writes conferences,
#: agency rows or questionnaires (and the demo seeder) drops them.
TILE_RATES = FigureCache("conferences:tile-rates")


def tile_rates(*, start: dt.date, end: dt.date) -> tuple[dict, dict]:
    """The four rates the dashboard tile shows, for start..end and the 12 months before it
    (as annual_summary counts them), by conditional aggregation: three queries whatever the
    number of conferences or years. Returns (this period, the period before), each with
    icpc_15wd_pct, reviews_in_time_pct, attendance_pct and satisfaction_pct."""
    before = (start.replace(year=start.year - 1), start - dt.timedelta(days=1))
    spans = {"now": (start, end), "before": before}

    def counts(field: str, **parts: Q) -> dict:
        return {
            f"{span}_{name}": Count("pk", filter=Q(**{f"{field}__range": bounds}) & q)
            for span, bounds in spans.items()
            for name, q in parts.items()
        }

    c = Conference.objects.filter(conference_date__range=(before[0], end)).aggregate(
        **counts(
            "conference_date",
            icpc=Q(kind=Kind.INITIAL, timely__isnull=False),
            icpc_timely=Q(kind=Kind.INITIAL, timely=True),
            rev=Q(kind=Kind.REVIEW, timely__isnull=False),
            rev_timely=Q(kind=Kind.REVIEW, timely=True),
        )
    )
    i = AgencyInvitation.objects.filter(invited=True, conference_date__range=(before[0], end)).aggregate(
        **counts("conference_date", n=Q(), att=Q(attended=True))
    )
    a = Answer.objects.filter(score__isnull=False, response__conference_date__range=(before[0], end)).aggregate(
        **counts("response__conference_date", n=Q(), agree=Q(score__gte=4))
    )

    def rates(span: str) -> dict:
        return {
            "icpc_15wd_pct": percent(c[f"{span}_icpc_timely"], c[f"{span}_icpc"]),
            "reviews_in_time_pct": percent(c[f"{span}_rev_timely"], c[f"{span}_rev"]),
            "attendance_pct": percent(i[f"{span}_att"], i[f"{span}_n"]),
            "satisfaction_pct": percent(a[f"{span}_agree"], a[f"{span}_n"]),
        }

    return rates("now"), rates("before")


def tile_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The dashboard tile's months: the conference dashboard's default, the last 12 whole
    months and this one, to the end of this month (as the dashboard reads ?start=&end=)."""
    start, _, _ = periods.months_asked(None, None, today)
    return start, periods.month_of(today)[1]


def dashboard_tile(*, user) -> dict:
    """Headline figures over the conference dashboard's months (the tile links to the same
    filter), against the scorecard's targets, with the direction since the 12 months before.
    An agency user gets their own agency's rates."""
    from conferences import indicators
    from scorecard import summary as scorecard_summary

    today = timezone.localdate()
    start, end = tile_period(today)
    months = f"?start={start:%Y-%m}&end={end:%Y-%m}"
    tile = {
        "title": "Child protection conferences",
        "period": f"{start:%B %Y} to {end:%B %Y}",
        "period_start": start,
        "period_end": end,
    }
    if may_monitor(user):
        s, before = TILE_RATES.get_or_count((start, end), lambda: tile_rates(start=start, end=end))
        shown = [
            (indicators.ICPC_15WD, "icpc_15wd_pct", "Initial conferences in 15 working days", "quantitative"),
            (indicators.REVIEWS_IN_TIME, "reviews_in_time_pct", "Reviews in timescale", "quantitative"),
            (indicators.AGENCY_ATTENDANCE, "attendance_pct", "Agency attendance", "quantitative"),
            (
                indicators.QUESTIONNAIRE_SATISFACTION,
                "satisfaction_pct",
                "Questionnaire answers agreeing",
                "voice-children",
            ),
        ]
        rated = scorecard_summary.rated(
            values={code: s[key] for code, key, *_ in shown},
            previous={code: before[key] for code, key, *_ in shown},
            on=end,
        )
        url = reverse("conferences:dashboard") + months
        return {
            **tile,
            "source": "Conference records and questionnaires (conference dashboard)",
            "url": url,
            "figures": [
                {"label": label, "value": s[key], "unit": "%", "key": key, "href": url, "quadrant": quadrant}
                | rated.get(code, {})
                for code, key, label, quadrant in shown
            ],
        }
    own = AgencyInvitation.objects.for_user(user).filter(invited=True, conference_date__range=(start, end))
    r = own.aggregate(
        n=Count("pk"), att=Count("pk", filter=Q(attended=True)), ot=Count("pk", filter=Q(report_on_time=True))
    )
    url = reverse("conferences:agency") + months
    return {
        **tile,
        "source": "Conference invitations to your agency (agency attendance page)",
        "url": url,
        "figures": [
            {"label": "Your agency's attendance", "value": percent(r["att"], r["n"]), "unit": "%", "href": url},
            {"label": "Your agency's reports on time", "value": percent(r["ot"], r["n"]), "unit": "%", "href": url},
        ],
    }
