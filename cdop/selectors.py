"""Reads for child death records: every case list, export and page starts from `for_user(user)`,
which is empty for anyone who is not a panel member."""

import datetime as dt

import django_filters
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from actions.selectors import actions_for_source
from bscp_portal.lib import periods
from cdop import rules
from cdop.models import Category, Death, PanelMeeting
from partnership.models import SecurityEvent


def target_days() -> int:
    """The local target, in calendar days from notification to panel review."""
    return int(getattr(settings, "CDOP_REVIEW_TARGET_DAYS", 182))


def _year_choices():
    return [(year.label, year.label) for year in periods.recent_years(timezone.localdate(), 8)]


class DeathFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="case_number", lookup_expr="icontains", label="Case number")
    status = django_filters.ChoiceFilter(choices=rules.STATUSES, empty_label="Any status")
    expectation = django_filters.ChoiceFilter(choices=Death.Expectation.choices, empty_label="Any")
    age_band = django_filters.ChoiceFilter(choices=rules.AGE_BANDS, empty_label="Any age")
    year = django_filters.ChoiceFilter(
        choices=_year_choices, method="by_year", label="Year of death", empty_label="Any year"
    )
    category = django_filters.ModelChoiceFilter(
        field_name="review__category", queryset=Category.objects.all(), empty_label="Any category"
    )
    over_target = django_filters.ChoiceFilter(
        choices=[("true", "Over the target")], method="by_over_target", label="Waiting", empty_label="Any"
    )

    jar_missing = django_filters.ChoiceFilter(
        choices=[("true", "Infants with no joint agency response")],
        method="by_jar_missing",
        label="Joint agency response",
        empty_label="Any",
    )

    class Meta:
        model = Death
        fields = ["q", "status", "expectation", "age_band", "year", "category", "over_target", "jar_missing"]

    def by_jar_missing(self, queryset, name, value):
        """The flag on the list, as a filter (rules.jar_missing_flag)."""
        return queryset.filter(expectation=Death.Expectation.UNEXPECTED, age_years=0, jar_held=False)

    def by_year(self, queryset, name, value):
        year = periods.FinancialYear.parse(value)
        return queryset.filter(date_of_death__gte=year.start, date_of_death__lte=year.end)

    def by_over_target(self, queryset, name, value):
        return queryset.filter(waiting_over_target_q(timezone.localdate()))


def waiting_over_target_q(today: dt.date) -> Q:
    """Waiting for panel review for more than the local target (rules.is_over_target)."""
    return Q(status__in=rules.WAITING, date_notified__lt=today - dt.timedelta(days=target_days()))


def death_list(*, user, data=None) -> DeathFilter:
    queryset = Death.objects.for_user(user).select_related("area", "review__category").order_by("-date_notified", "-pk")
    return DeathFilter(data, queryset=queryset)


def death_detail(*, death: Death, user) -> dict:
    review = getattr(death, "review", None)
    factors = list(review.factors.select_related("domain")) if review else []
    plan = actions_for_source(source=review, user=user) if review else []
    return {
        "death": death,
        "review": review,
        "factors": factors,
        "plan": plan,
        "agencies": list(death.agencies.all()),
        "meetings": list(death.meetings.all()),
        "over_target": rules.is_over_target(
            status=death.status,
            date_notified=death.date_notified,
            today=timezone.localdate(),
            target_days=target_days(),
        ),
        "days_waiting": rules.days_waiting(death.date_notified, timezone.localdate()),
        "target_days": target_days(),
        "case_review": _case_review(death.review_reference),
        "requests": _requests(death),
    }


def _requests(death: Death) -> list:
    """The panel's information requests about this death, each with its state (waiting,
    overdue or answered); only panel members reach the case page that shows them."""
    today = timezone.localdate()
    rows = list(death.information_requests.select_related("agency", "addressee"))
    for r in rows:
        r.state = rules.request_state(answered_on=r.answered_on, due_on=r.due_on, today=today)
    return rows


def _case_review(reference: str):
    """The practice review this death was referred to, through the reviews strand's public API."""
    if not reference:
        return None
    from reviews.selectors import case_review_for_reference

    return case_review_for_reference(reference)


def waiting_over_target(*, today: dt.date | None = None) -> QuerySet[Death]:
    """Every case over the local target: for the chair's reminder (not access-checked; the task
    sends it to the chair only)."""
    return Death.objects.filter(waiting_over_target_q(today or timezone.localdate())).order_by("date_notified")


def meeting_list(*, user) -> QuerySet[PanelMeeting]:
    return PanelMeeting.objects.for_user(user)


def access_log() -> QuerySet[SecurityEvent]:
    """CDOP case views, CDOP exports and refusals on CDOP pages, newest first."""
    return (
        SecurityEvent.objects.filter(Q(kind="cdop_view") | Q(kind__in=["export", "refused"], path__startswith="/cdop/"))
        .select_related("user")
        .order_by("-at", "-pk")
    )
