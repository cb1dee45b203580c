"""Audits in figures, for the annual report and the cross-strand dashboard (access respected)."""

import datetime as dt

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from audits import scoring
from audits.models import AgencyAudit, Answer, AuditCase, Escalation, Finding, FollowUp, PracticeAudit, Recommendation
from bscp_portal.lib.periods import as_at_text


def annual_summary(*, start: dt.date, end: dt.date, user) -> dict:
    """The audit year from `start` to `end` inclusive, as `user` may see it.

    Keys:
    - single_agency: {"reported": int, "requested": int, "own_programme": int,
      "findings": [(grade label, count)], "escalated": int, "escalations_open_at_end": int,
      "follow_ups_due": int, "follow_ups_on_time": int | None (None when none fell due)}
    - practice: {"audits": [{"title", "theme", "cases", "compliance" (Decimal % or None)}],
      "cases": int, "overall": {"pct_met", "pct_partly", "pct_not_met", "compliance"} (each
      Decimal % or None when no applicable answer), "standards": [(title, compliance or None)],
      "grades": [(grade label, count, % or None)]}
    - recommendations_outstanding: int (not implemented at the time of asking)
    - no_data: True when no audit of either kind falls in the period
    """
    audits = AgencyAudit.objects.for_user(user)
    reported = audits.filter(reported_on__range=(start, end))
    grade_labels = dict(Finding.Grade.choices)
    findings = Finding.objects.filter(audit__in=reported).values("grade").annotate(n=Count("pk")).order_by("grade")
    follow_ups = FollowUp.objects.filter(audit__in=audits, due_date__range=(start, end))
    due = follow_ups.count()
    on_time = follow_ups.filter(submitted_on__isnull=False, submitted_on__lte=F("due_date")).count()
    single = {
        "reported": reported.count(),
        "requested": audits.filter(requested_on__range=(start, end)).count(),
        "own_programme": audits.filter(origin=AgencyAudit.Origin.OWN, created_at__date__range=(start, end)).count(),
        "findings": [(grade_labels.get(r["grade"], r["grade"]), r["n"]) for r in findings],
        "escalated": Escalation.objects.filter(audit__in=audits, escalated_on__range=(start, end)).count(),
        "escalations_open_at_end": Escalation.objects.filter(audit__in=audits, escalated_on__lte=end)
        .filter(Q(resolved_on__isnull=True) | Q(resolved_on__gt=end))
        .count(),
        "follow_ups_due": due,
        "follow_ups_on_time": on_time if due else None,
    }
    practice_audits = list(
        PracticeAudit.objects.for_user(user)
        .filter(Q(end_date__range=(start, end)) | Q(end_date__isnull=True, start_date__range=(start, end)))
        .annotate(n_cases=Count("cases", distinct=True))
        .order_by("start_date", "pk")
    )
    answers = Answer.objects.filter(case_agency__case__audit__in=practice_audits).order_by()
    per_audit = scoring.tabulate(answers.values_list("case_agency__case__audit_id", "value").annotate(n=Count("pk")))
    per_standard = scoring.tabulate(answers.values_list("criterion__standard__title", "value").annotate(n=Count("pk")))
    overall = scoring.total(per_audit.values())
    grades = AuditCase.objects.filter(audit__in=practice_audits).exclude(grade="").values_list("grade", flat=True)
    grade_labels = dict(AuditCase.Grade.choices)
    practice = {
        "audits": [
            {
                "title": a.title,
                "theme": a.theme,
                "cases": a.n_cases,
                "compliance": per_audit[a.pk].compliance if a.pk in per_audit else None,
            }
            for a in practice_audits
        ],
        "cases": sum(a.n_cases for a in practice_audits),
        "overall": {
            "pct_met": overall.pct_met,
            "pct_partly": overall.pct_partly,
            "pct_not_met": overall.pct_not_met,
            "compliance": overall.compliance,
        },
        "standards": sorted((title, s.compliance) for title, s in per_standard.items()),
        "grades": [(grade_labels[g], n, p) for g, n, p in scoring.grade_distribution(grades)],
    }
    outstanding = Recommendation.objects.filter(implemented_on__isnull=True).filter(
        Q(agency_audit__in=audits) | Q(practice_audit__in=PracticeAudit.objects.for_user(user))
    )
    return {
        "single_agency": single,
        "practice": practice,
        "recommendations_outstanding": outstanding.count(),
        "no_data": not (single["reported"] or single["requested"] or single["own_programme"] or practice_audits),
    }


def dashboard_tile(*, user) -> dict:
    """Headline figures for the cross-strand dashboard, and the URL of the audits strand."""
    today = timezone.localdate()
    audits = AgencyAudit.objects.for_user(user)
    figures = audits.aggregate(
        in_progress=Count("pk", filter=Q(status__in=["planned", "in_progress"])),
        awaiting_paqa=Count("pk", filter=Q(status="reported")),
    )
    index = reverse("audits:index")
    return {
        "title": "Audits",
        "url": index,
        "period": f"Now, {as_at_text(today)}",
        "source": "Single-agency audit programme, follow-ups and escalations",
        "figures": [
            ("Audits planned or in progress", figures["in_progress"]),
            {"label": "Reported, awaiting PAQA", "value": figures["awaiting_paqa"], "href": f"{index}?status=reported"},
            (
                "Overdue follow-up reports",
                FollowUp.objects.filter(audit__in=audits, submitted_on__isnull=True, due_date__lt=today).count(),
            ),
            (
                "Escalations open with the Partnership",
                Escalation.objects.filter(audit__in=audits, resolved_on__isnull=True).count(),
            ),
        ],
    }


def due_or_overdue(*, user, today: dt.date, within_days: int = 42) -> list[dict]:
    """Single-agency audit reports due within `within_days` or overdue (not yet reported),
    soonest first: [{title, agency, due_date, overdue, url}] (one query)."""
    from audits import rules as audit_rules

    audits = (
        AgencyAudit.objects.for_user(user)
        .filter(due_date__isnull=False, due_date__lte=today + dt.timedelta(days=within_days), reported_on__isnull=True)
        .exclude(status=AgencyAudit.Status.CLOSED)
        .select_related("agency")
        .order_by("due_date", "pk")
    )
    return [
        {
            "title": a.title,
            "agency": str(a.agency),
            "due_date": a.due_date,
            "overdue": audit_rules.report_overdue(a.due_date, a.status, today),
            "url": a.get_absolute_url(),
        }
        for a in audits
    ]


# --- themes, for PAQA's page of recurring themes ------------------------------------------------


def _theme_counts(model, *, user, today):
    """Themes on the audits of `model` the user may see, with the actions raised on those audits."""
    from actions.selectors import outcome_counts_by_source
    from partnership.themes import tally

    visible = model.objects.for_user(user).values("pk")
    name = model._meta.model_name
    pairs = model.themes.through.objects.filter(**{f"{name}__in": visible})
    return tally(
        record_themes=pairs.values_list(f"{name}_id", "learningtheme_id"),
        action_owner={pk: pk for pk in model.objects.for_user(user).values_list("pk", flat=True)},
        action_counts=outcome_counts_by_source(model=model, source_ids=visible, user=user, today=today),
    )


def agency_audit_themes(user, today):
    return _theme_counts(AgencyAudit, user=user, today=today)


def practice_audit_themes(user, today):
    return _theme_counts(PracticeAudit, user=user, today=today)
