"""Demo quarter for PAQA: the data calendar's submitting agencies, returns on time, late and
missing, two open questions on figures, and reports waiting for PAQA's decision.
Idempotent: a second run changes nothing (it stops once the calendar is set up)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from governance import report_services as governance_reports
from paqa import services
from paqa.models import Question
from partnership.models import Agency, User
from partnership.registry import registry
from scorecard import calendar
from scorecard import services as scorecard_services
from scorecard.models import Indicator, Measurement, Series, Submitter

#: indicator code: [(agency short name, responsible username or None, what the agency did)]
#: "on_time", "late" (days after due) or None (nothing sent) for the latest settled period.
CALENDAR = {
    "BULLY_INCIDENTS": [
        ("Oakwell Primary", "school-contributor", None),
        ("Kingstone Academy", None, ("late", 9)),
        ("Barnsley College", None, ("on_time", 0)),
    ],
    "POL_DA_NOTIFICATIONS": [("SY Police", "police-lead", ("late", 4))],
    "BULLY_RESOLVED": [("Oakwell Primary", "school-contributor", None)],
}
DUE_DAYS = {"BULLY_INCIDENTS": 20, "POL_DA_NOTIFICATIONS": 15, "BULLY_RESOLVED": 20}


def _figure(indicator: Indicator, start: dt.date, today: dt.date, rng_seed: int):
    """Believable demo numbers for one agency's figure."""
    if indicator.unit == "count":
        return Decimal(8 + rng_seed * 5), None
    denominator = Decimal(120 + rng_seed * 17)
    return (denominator * Decimal("0.86")).quantize(Decimal(1)), denominator


#: Last year's dataset review: (indicator code, decision, principles, reason, what changes).
REVIEW = [
    ("CP_ICPC_15WD", "keep", ["frontline", "ofsted", "outcomes"], "Timely conferences are what Ofsted looks at first.", ""),
    ("POL_DA_NOTIFICATIONS", "keep", ["risk_factors", "frontline"], "Links schools to domestic abuse incidents.", ""),
    ("BULLY_INCIDENTS", "keep", ["priorities", "targeting"], "Each school's figure lets partners target support.", ""),
    (
        "HEALTH_IHA_20WD", "change", ["outcomes", "ofsted"], "Still below target; the clock starts too late.",
        "Counted from the date the assessment is requested, not the date the child entered care.",
    ),
    (
        "Q_RETURN_RATE", "retire", [],
        "A count of forms, not of what families said; the answers stay in the satisfaction indicator.", "",
    ),
]  # fmt: skip


def _dataset_review(today, users) -> None:
    """PAQA's review of the dataset last financial year, shaping this year's scorecard."""
    from bscp_portal.lib.periods import FinancialYear
    from paqa.models import DatasetReview

    paqa = users.get("paqa")
    if paqa is None or DatasetReview.objects.exists():
        return
    year = FinancialYear.of(today).previous().label
    found = {i.code: i for i in Indicator.objects.filter(code__in=[r[0] for r in REVIEW])}
    for code, decision, principles, reason, note in REVIEW:
        if code in found:
            services.dataset_review_decide(
                indicator=found[code], year=year, decision=decision, principles=principles, reason=reason,
                note=note, by=paqa, today=FinancialYear.parse(year).end,
            )  # fmt: skip


@transaction.atomic
def seed(stdout=None) -> None:
    today = timezone.localdate()
    _dataset_review(today, {u.username: u for u in User.objects.filter(username="paqa")})
    if Submitter.objects.exists():
        return
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["paqa", "ssm", "bu", "police-lead", "school-contributor"])
    }
    agencies = {a.short_name: a for a in Agency.objects.all()}
    for code, rows in CALENDAR.items():
        indicator = Indicator.objects.filter(code=code).first()
        if indicator is None:
            continue
        Indicator.objects.filter(pk=indicator.pk).update(due_days=DUE_DAYS[code])
        indicator.refresh_from_db()
        # The latest period whose figures are settled: missing ones already count as missing.
        start, end = next(
            p
            for p in calendar.previous_periods(indicator.frequency, today, 4)
            if calendar.step_dates(calendar.due_date(p[1], indicator.due_days))[calendar.MISSING] <= today
        )
        # The latest period's figure is built from the agencies' returns, not the seeded series.
        Measurement.objects.filter(indicator=indicator, series=Series.LOCAL, period_start=start).delete()
        due_on = calendar.due_date(end, indicator.due_days)
        for i, (short, username, sent) in enumerate(rows):
            agency = agencies.get(short)
            if agency is None:
                continue
            Submitter.objects.create(
                indicator=indicator,
                agency=agency,
                responsible=users.get(username) if username else None,
                expected_from=start,
            )
            if sent is None:
                continue
            numerator, denominator = _figure(indicator, start, today, i + 1)
            on = min(due_on + dt.timedelta(days=sent[1]), today)
            scorecard_services.agency_return_submit(
                indicator=indicator, agency=agency, period_start=start, numerator=numerator,
                denominator=denominator, by=users.get("bu"), today=on,
            )  # fmt: skip
        if not any(sent for *_, sent in rows) and calendar.state(due_on, today, None) == calendar.MISSING_STATE:
            scorecard_services.figure_mark_missing(indicator=indicator, period_start=start, period_end=end)
    _questions(today, users)
    _reports(users)
    if stdout:
        stdout.write(f"  paqa: {Submitter.objects.count()} submitting agencies, {Question.objects.count()} questions")


def _questions(today, users) -> None:
    """Two open questions on figures rated red, to the agencies that own them."""
    from scorecard import summary as scorecard_summary

    paqa = users.get("paqa")
    if paqa is None or Question.objects.exists():
        return
    # The most recent red figures first: the questions a meeting would ask now.
    red = sorted(
        scorecard_summary.paqa_exceptions(user=paqa, as_of=today)["red"],
        key=lambda r: r["ref"].rpartition(":")[2],
        reverse=True,
    )
    figures = [f for f in (registry.figure(paqa, "indicator", r["ref"]) for r in red if r["ref"]) if f and f.agency_id]
    texts = [
        "This figure is below target for the latest period. What lies behind it, and when will it be back on target?",
        "The figure remains well below target. Which part of the pathway causes the delay, and what is being done?",
    ]
    agencies = Agency.objects.in_bulk([f.agency_id for f in figures[:2]])
    for figure, text in zip(figures[:2], texts, strict=False):
        services.question_raise(
            figure=figure, agency=agencies[figure.agency_id], text=text, due_on=today + dt.timedelta(days=14), by=paqa
        )


def _reports(users) -> None:
    ssm = users.get("ssm")
    if ssm is None:
        return
    offer = next(iter(registry.report_candidates_of(ssm, "conferences")), None)
    if offer is not None:
        try:
            governance_reports.report_send(candidate=offer, by=ssm, note="For PAQA's next meeting")
        except ValidationError:  # already sent in an earlier run
            return
