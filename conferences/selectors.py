"""Reads for conferences: every list, export and chart starts from `for_user(user)`."""

import datetime as dt
from collections import defaultdict

import django_filters
from django import forms
from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth

from bscp_portal.lib import periods
from bscp_portal.lib.rounding import percent
from conferences.models import (
    AgencyInvitation,
    Answer,
    Category,
    Conference,
    Kind,
    Outcome,
    Question,
    QuestionnaireResponse,
    invitation_counts,
    may_monitor,
)
from partnership.models import Agency


class MonthField(forms.CharField):
    """A calendar month typed as YYYY-MM (what <input type="month"> sends); cleans to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return periods.parse_month(value)
        except ValueError:
            raise forms.ValidationError("Give the month as YYYY-MM, for example 2025-03.") from None


class MonthFilter(django_filters.Filter):
    field_class = MonthField


class ConferenceFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Kind.choices, empty_label="Any kind")
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices, empty_label="Any outcome")
    plan_category = django_filters.ChoiceFilter(label="Category", choices=Category.choices, empty_label="Any category")
    month = MonthFilter(label="Month", method="filter_month")
    timeliness = django_filters.ChoiceFilter(
        label="Timeliness",
        choices=[("timely", "In timescale"), ("late", "Late"), ("not_measured", "Not measured")],
        empty_label="Any",
        method="filter_timeliness",
    )
    agency = django_filters.ModelChoiceFilter(
        label="Agency", queryset=Agency.objects.all(), method="filter_agency", empty_label="Any agency"
    )
    agency_attendance = django_filters.ChoiceFilter(
        label="Agency attendance",
        choices=[("attended", "Attended"), ("absent", "Invited, did not attend"), ("invited", "Invited")],
        empty_label="Any",
        method="filter_agency",
    )
    child_ref = django_filters.CharFilter(label="Case reference", lookup_expr="iexact")

    class Meta:
        model = Conference
        fields = ["kind", "outcome", "plan_category", "month", "timeliness", "agency", "agency_attendance", "child_ref"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css + (
                " is-invalid" if self.form.is_bound and name in self.form.errors else ""
            )

    def filter_month(self, queryset, name, value):
        first, last = periods.month_of(value)
        return queryset.filter(conference_date__gte=first, conference_date__lte=last)

    def filter_timeliness(self, queryset, name, value):
        return queryset.filter(timely={"timely": True, "late": False, "not_measured": None}[value])

    def filter_agency(self, queryset, name, value):
        # Agency and attendance combine into one condition on the same invitation row.
        agency = self.form.cleaned_data.get("agency")
        attendance = self.form.cleaned_data.get("agency_attendance")
        if name == "agency_attendance" and agency is not None:
            return queryset  # applied with the agency
        condition = Q(conference=OuterRef("pk"), invited=True)
        if agency is not None:
            condition &= Q(agency=agency)
        if attendance == "attended":
            condition &= Q(attended=True)
        elif attendance == "absent":
            condition &= Q(attended=False)
        if agency is None and not attendance:
            return queryset
        return queryset.filter(Exists(AgencyInvitation.objects.filter(condition)))


def conference_list(*, user, data=None) -> ConferenceFilter:
    """The conferences the user may open, filtered by `data` (a GET dict)."""
    return ConferenceFilter(
        data or None, queryset=Conference.objects.for_user(user).order_by("-conference_date", "-pk")
    )


def attendance_counts(conference_ids: list[int]) -> dict[int, dict[str, int]]:
    """Invited / attended / reports on time per conference for one page of a list (one query)."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: {"invited": 0, "attended": 0, "on_time": 0})
    rows = (
        AgencyInvitation.objects.filter(conference_id__in=conference_ids, invited=True)
        .values("conference_id")
        .annotate(
            invited=Count("pk"),
            attended=Count("pk", filter=Q(attended=True)),
            on_time=Count("pk", filter=Q(report_on_time=True)),
        )
    )
    for row in rows:
        counts[row["conference_id"]] = {k: row[k] for k in ("invited", "attended", "on_time")}
    return counts


def conference_detail(*, conference: Conference) -> dict:
    """The record's agency rows, checklist, questionnaires with their answers, and links (five queries)."""
    return {
        "invitations": list(conference.invitations.select_related("agency").order_by("agency__name")),
        "standards": list(conference.standard_results.select_related("standard").order_by("standard__order")),
        "responses": list(
            conference.responses.prefetch_related(
                Prefetch("answers", queryset=Answer.objects.select_related("question").order_by("question__order"))
            ).order_by("submitted_at")
        ),
        "links": list(conference.links.order_by("-created_at")),
    }


def monthly_timeliness(*, user, start: dt.date, end: dt.date) -> list[dict]:
    """Per month: initial conferences and reviews, how many were in timescale, and participation."""
    rows = (
        Conference.objects.for_monitoring(user)
        .filter(conference_date__range=(start, end))
        .annotate(month=TruncMonth("conference_date"))
        .values("month")
        .annotate(
            icpc=Count("pk", filter=Q(kind=Kind.INITIAL, timely__isnull=False)),
            icpc_timely=Count("pk", filter=Q(kind=Kind.INITIAL, timely=True)),
            reviews=Count("pk", filter=Q(kind=Kind.REVIEW, timely__isnull=False)),
            reviews_timely=Count("pk", filter=Q(kind=Kind.REVIEW, timely=True)),
            total=Count("pk"),
            parents=Count("pk", filter=Q(parents_attended=True)),
            child_voice=Count("pk", filter=Q(child_attended=True) | ~Q(child_views="")),
            n_interpreter=Count("pk", filter=Q(interpreter_needed=True)),
            n_interpreted=Count("pk", filter=Q(interpreter_needed=True, interpreter_provided=True)),
        )
    )
    by_month = {_month(r["month"]): r for r in rows}
    out = []
    for month in periods.month_starts(start, end):
        r = by_month.get(month, {})
        get = lambda key, r=r: r.get(key, 0)  # noqa: E731
        out.append(
            {
                "month": month,
                "icpc": get("icpc"),
                "icpc_timely": get("icpc_timely"),
                "icpc_pct": percent(get("icpc_timely"), get("icpc")),
                "reviews": get("reviews"),
                "reviews_timely": get("reviews_timely"),
                "reviews_pct": percent(get("reviews_timely"), get("reviews")),
                "total": get("total"),
                "parents_pct": percent(get("parents"), get("total")),
                "child_voice_pct": percent(get("child_voice"), get("total")),
                "interpreter_needed": get("n_interpreter"),
                "interpreter_pct": percent(get("n_interpreted"), get("n_interpreter")),
            }
        )
    return out


def _month(value) -> dt.date:
    return value.date().replace(day=1) if isinstance(value, dt.datetime) else value.replace(day=1)


def agency_rates(*, user, start: dt.date, end: dt.date) -> list[dict]:
    """Per agency the user may see: invitations, attendance, apologies and reports on time."""
    rows = (
        AgencyInvitation.objects.for_user(user)
        .filter(invited=True, conference_date__range=(start, end))
        .values("agency_id", "agency__name", "agency__short_name")
        .annotate(**invitation_counts())
        .order_by("agency__name")
    )
    return [_rates(r, name=r["agency__short_name"] or r["agency__name"]) for r in rows]


def _rates(r: dict, **extra) -> dict:
    return {
        **extra,
        "agency_id": r.get("agency_id"),
        "invited": r["invited"],
        "attended": r["attended"],
        "apologies": r["apologies"],
        "reports": r["reports"],
        "on_time": r["on_time"],
        "shared": r["shared"],
        "attendance_pct": percent(r["attended"], r["invited"]),
        "on_time_pct": percent(r["on_time"], r["invited"]),
    }


def agency_monthly(*, user, agency_id: int, start: dt.date, end: dt.date) -> list[dict]:
    """One agency's figures month by month (only if the user may see that agency's rows)."""
    rows = (
        AgencyInvitation.objects.for_user(user)
        .filter(invited=True, agency_id=agency_id, conference_date__range=(start, end))
        .annotate(month=TruncMonth("conference_date"))
        .values("month")
        .annotate(**invitation_counts())
    )
    by_month = {_month(r["month"]): r for r in rows}
    zero = dict.fromkeys(invitation_counts(), 0)
    return [_rates(by_month.get(m, zero), month=m) for m in periods.month_starts(start, end)]


def questionnaire_monthly(*, user, start: dt.date, end: dt.date) -> list[dict]:
    """Per month: questionnaires returned and the share of scale answers agreeing (4 or 5)."""
    if not may_monitor(user):
        return []
    responses = (
        QuestionnaireResponse.objects.filter(conference_date__range=(start, end))
        .annotate(month=TruncMonth("conference_date"))
        .values("month")
        .annotate(n=Count("pk"), by_link=Count("pk", filter=Q(method="link")))
    )
    answers = (
        Answer.objects.filter(score__isnull=False, response__conference_date__range=(start, end))
        .annotate(month=TruncMonth("response__conference_date"))
        .values("month")
        .annotate(n=Count("pk"), agree=Count("pk", filter=Q(score__gte=4)))
    )
    r_by = {_month(r["month"]): r for r in responses}
    a_by = {_month(r["month"]): r for r in answers}
    out = []
    for m in periods.month_starts(start, end):
        r, a = r_by.get(m, {}), a_by.get(m, {})
        out.append(
            {
                "month": m,
                "responses": r.get("n", 0),
                "by_link": r.get("by_link", 0),
                "answers": a.get("n", 0),
                "agree": a.get("agree", 0),
                "satisfaction_pct": percent(a.get("agree", 0), a.get("n", 0)),
            }
        )
    return out


def question_results(*, user, start: dt.date, end: dt.date) -> list[dict]:
    """Per scale question: answers, mean score and share agreeing in the period."""
    if not may_monitor(user):
        return []
    rows = (
        Answer.objects.filter(score__isnull=False, response__conference_date__range=(start, end))
        .values("question_id")
        .annotate(n=Count("pk"), mean=Avg("score"), agree=Count("pk", filter=Q(score__gte=4)))
    )
    by_q = {r["question_id"]: r for r in rows}
    out = []
    for q in Question.objects.filter(kind=Question.Kind.SCALE).order_by("order"):
        r = by_q.get(q.pk, {"n": 0, "mean": None, "agree": 0})
        out.append(
            {
                "question": q.text,
                "answers": r["n"],
                "mean": round(r["mean"], 2) if r["mean"] is not None else None,
                "agree_pct": percent(r["agree"], r["n"]),
            }
        )
    return out


def agencies_for_entry() -> QuerySet[Agency]:
    return Agency.objects.filter(active=True).order_by("name")


# --- the safeguarding services manager's report to PAQA --------------------------------------


def standards_facts(*, user, start: dt.date, end: dt.date) -> list:
    """Every standard recorded at a conference in the period, with its chair and invited agencies.
    Two queries whatever the size (results, then invitations)."""
    from conferences.models import StandardResult
    from conferences.monitoring import StandardFact

    conferences = Conference.objects.for_monitoring(user).filter(conference_date__range=(start, end))
    rows = list(
        StandardResult.objects.filter(conference__in=conferences).values_list(
            "conference_id", "conference__conference_date", "conference__chair", "standard__code", "result"
        )
    )  # query: results
    agencies: dict[int, list[int]] = {}
    for conference_id, agency_id in AgencyInvitation.objects.filter(
        invited=True, conference__in=conferences
    ).values_list("conference_id", "agency_id"):  # query: invited agencies
        agencies.setdefault(conference_id, []).append(agency_id)
    return [
        StandardFact(
            conference=cid, date=day, chair=chair, standard=code, result=result, agencies=tuple(agencies.get(cid, ()))
        )
        for cid, day, chair, code, result in rows
    ]


def chair_caseload(*, user, start: dt.date, end: dt.date) -> list[dict]:
    """Per chair: conferences chaired in the period and how many were in timescale (one query)."""
    rows = (
        Conference.objects.for_monitoring(user)
        .filter(conference_date__range=(start, end))
        .values("chair")
        .annotate(
            total=Count("pk"),
            initial=Count("pk", filter=Q(kind=Kind.INITIAL)),
            reviews=Count("pk", filter=Q(kind=Kind.REVIEW)),
            measured=Count("pk", filter=Q(timely__isnull=False)),
            timely_n=Count("pk", filter=Q(timely=True)),
        )
        .order_by("chair")
    )
    return [{**r, "timely_pct": percent(r["timely_n"], r["measured"])} for r in rows]


def late_reasons(*, user, start: dt.date, end: dt.date) -> list[dict]:
    """Late conferences in the period by reason, most frequent first, with what happened (two queries)."""
    from conferences.models import LateReason
    from conferences.monitoring import reason_breakdown

    codes = list(
        Conference.objects.for_monitoring(user)
        .filter(conference_date__range=(start, end), timely=False)
        .values_list("late_reason__code", flat=True)
    )  # query: late conferences' reasons
    texts = dict(LateReason.objects.values_list("code", "name"))  # query: the list's wording
    return [
        {
            "reason": texts.get(r.reason, "No reason recorded") if r.reason else "No reason recorded",
            "count": r.count,
            "percent": r.percent,
        }
        for r in reason_breakdown(codes)
    ]


def monitoring_report(*, user, start: dt.date, end: dt.date) -> dict:
    """Standards met by quarter, chair, agency and standard; chairs' caseloads; late reasons."""
    from conferences import monitoring
    from conferences.models import Standard

    facts = standards_facts(user=user, start=start, end=end)
    names = dict(Agency.objects.values_list("pk", "name"))
    standards = dict(Standard.objects.values_list("code", "name"))
    chairs = {r.key: r for r in monitoring.standards_by_chair(facts)}
    caseload = chair_caseload(user=user, start=start, end=end)
    for row in caseload:
        row["standards"] = chairs.get(row["chair"])
    return {
        "by_quarter": [(monitoring.quarter_label(r.key[0]), r) for r in monitoring.standards_by_period(facts)],
        "by_agency": sorted(
            ((names.get(r.key, "Unknown agency"), r) for r in monitoring.standards_by_agency(facts)),
            key=lambda pair: pair[0],
        ),
        "by_standard": [(standards.get(r.key, r.key), r) for r in monitoring.standards_by_standard(facts)],
        "chairs": caseload,
        "late_reasons": late_reasons(user=user, start=start, end=end),
        "conferences_with_standards": len({f.conference for f in facts}),
        "core_groups": core_group_summary(user=user, start=start, end=end),
    }


def core_group_summary(*, user, start: dt.date, end: dt.date) -> dict:
    """Core groups held in the period: first ones within 10 working days, later ones within the
    interval, and attendance by agency (two queries)."""
    from conferences.models import CoreGroup, CoreGroupAttendance

    t = (
        CoreGroup.objects.for_monitoring(user)
        .filter(meeting_date__range=(start, end))
        .aggregate(
            first=Count("pk", filter=Q(sequence=1)),
            first_timely=Count("pk", filter=Q(sequence=1, timely=True)),
            later=Count("pk", filter=Q(sequence__gt=1)),
            later_timely=Count("pk", filter=Q(sequence__gt=1, timely=True)),
            reviewed=Count("pk", filter=Q(plan_reviewed=True)),
            total=Count("pk"),
        )
    )  # query: core groups counted
    agencies = (
        CoreGroupAttendance.objects.for_user(user)
        .filter(meeting_date__range=(start, end))
        .values("agency__name")
        .annotate(members=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
        .order_by("agency__name")
    )  # query: attendance by agency
    return {
        **t,
        "first_pct": percent(t["first_timely"], t["first"]),
        "later_pct": percent(t["later_timely"], t["later"]),
        "reviewed_pct": percent(t["reviewed"], t["total"]),
        "agencies": [{**a, "pct": percent(a["attended"], a["members"])} for a in agencies],
    }


def period_totals(*, months: list[dict], agencies: list[dict], questionnaires: list[dict]) -> dict:
    """The dashboard's whole-period figures, summed from its own monthly and agency rows (no
    query): the figures /reports/ shows for the same months must equal these."""

    def total(rows, key):
        return sum(r.get(key) or 0 for r in rows)

    return {
        "icpc_15wd_pct": percent(total(months, "icpc_timely"), total(months, "icpc")),
        "reviews_in_time_pct": percent(total(months, "reviews_timely"), total(months, "reviews")),
        "attendance_pct": percent(total(agencies, "attended"), total(agencies, "invited")),
        "satisfaction_pct": percent(total(questionnaires, "agree"), total(questionnaires, "answers")),
    }


def dashboard_figures(*, user, start: dt.date, end: dt.date) -> dict[str, list[dict]]:
    """The monitoring dashboard's four sets of figures for the period: monthly timeliness,
    agency rates, questionnaire answers by month and by question.

    For the monitoring roles they are the same for everyone and take the period's every
    conference, invitation and answer to count (five years: about 100,000 invitations), so they
    are counted once per period and kept until a conference record changes (the services drop
    them, `conferences.summary.TILE_RATES`). Anyone else's are counted for them alone."""
    from conferences.summary import TILE_RATES

    def count() -> dict[str, list[dict]]:
        return {
            "months": monthly_timeliness(user=user, start=start, end=end),
            "agencies": agency_rates(user=user, start=start, end=end),
            "questionnaires": questionnaire_monthly(user=user, start=start, end=end),
            "questions": question_results(user=user, start=start, end=end),
        }

    if not may_monitor(user):
        return count()
    return TILE_RATES.get_or_count(("dashboard", start, end), count)
