"""Reads for audits: every list, export and chart starts from a `for_user(user)` queryset."""

import datetime as dt

import django_filters
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from audits import scoring
from audits.access import sees_all_audits
from audits.models import (
    AgencyAudit,
    Answer,
    AuditCase,
    AuditStandard,
    CaseAgency,
    CaseSample,
    Escalation,
    Finding,
    FollowUp,
    PracticeAudit,
    Recommendation,
)
from bscp_portal.lib import periods
from partnership.models import Agency


def _count(queryset) -> Coalesce:
    """A correlated count per audit (a subquery: no GROUP BY on the list, so counting pages stays cheap)."""
    return Coalesce(
        Subquery(queryset.filter(audit=OuterRef("pk")).order_by().values("audit").annotate(n=Count("pk")).values("n")),
        0,
    )


def agency_audit_list(*, user, today: dt.date | None = None) -> QuerySet[AgencyAudit]:
    """The audit programme the user may see, with follow-ups and open escalations counted (one query)."""
    today = today or timezone.localdate()
    open_follow_ups = FollowUp.objects.filter(submitted_on__isnull=True)
    return (
        AgencyAudit.objects.for_user(user)
        .select_related("agency", "auditing_agency")
        .annotate(
            open_follow_ups=_count(open_follow_ups),
            overdue_follow_ups=_count(open_follow_ups.filter(due_date__lt=today)),
            open_escalations=_count(Escalation.objects.filter(resolved_on__isnull=True)),
        )
        .order_by("agency__name", "-created_at", "-pk")
    )


class AgencyAuditFilter(django_filters.FilterSet):
    """Filters of the audit programme list and its exports."""

    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.none(), label="Agency", empty_label="All agencies"
    )
    theme = django_filters.CharFilter(field_name="theme", lookup_expr="icontains", label="Theme contains")
    status = django_filters.ChoiceFilter(choices=AgencyAudit.Status.choices, label="Status", empty_label="All statuses")
    origin = django_filters.ChoiceFilter(choices=AgencyAudit.Origin.choices, label="Why", empty_label="All reasons")
    kind = django_filters.ChoiceFilter(choices=AgencyAudit.Kind.choices, label="Kind", empty_label="Audits and reviews")
    year = django_filters.ChoiceFilter(label="Year", method="filter_year", choices=[], empty_label="All years")
    overdue = django_filters.BooleanFilter(
        label="Overdue follow-up only", method="filter_overdue", widget=django_filters.widgets.BooleanWidget
    )

    class Meta:
        model = AgencyAudit
        fields = ["agency", "theme", "status", "origin", "kind", "year", "overdue"]

    def __init__(self, *args, user, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        # Only agencies whose audits the user can see: the canary agency never shows in the choices.
        self.filters["agency"].queryset = Agency.objects.filter(
            pk__in=AgencyAudit.objects.for_user(user).values("agency")
        ).order_by("name")
        this_year = periods.start_year_of(self.today)
        self.filters["year"].extra["choices"] = [
            (str(y), f"{y}-{str(y + 1)[-2:]}") for y in range(this_year + 1, this_year - 6, -1)
        ]
        for name, field in self.form.fields.items():
            field.widget.attrs["class"] = (
                "form-control form-control-sm" if name == "theme" else "form-select form-select-sm"
            )

    def filter_year(self, queryset, name, value):
        """Planned or running in the financial year: created, due or reported in it."""
        start = periods.FinancialYear(int(value)).start
        end = dt.date(int(value) + 1, 3, 31)
        return queryset.filter(
            Q(due_date__range=(start, end))
            | Q(reported_on__range=(start, end))
            | Q(start_date__range=(start, end))
            | Q(created_at__date__range=(start, end))
        )

    def filter_overdue(self, queryset, name, value):
        late = FollowUp.objects.filter(audit=OuterRef("pk"), submitted_on__isnull=True, due_date__lt=self.today)
        if value is True:
            return queryset.filter(Exists(late))
        if value is False:
            return queryset.exclude(Exists(late))
        return queryset


def agency_audit_filter(*, user, data=None, today: dt.date | None = None) -> AgencyAuditFilter:
    return AgencyAuditFilter(data or None, queryset=agency_audit_list(user=user, today=today), user=user, today=today)


def audit_findings(*, audit: AgencyAudit) -> QuerySet[Finding]:
    return audit.findings.all()


def practice_audit_list(*, user) -> QuerySet[PracticeAudit]:
    return (
        PracticeAudit.objects.for_user(user)
        .select_related("lead")
        .annotate(case_count=Count("cases", distinct=True), agency_count=Count("agencies", distinct=True))
        .order_by("-start_date", "-pk")
    )


def open_escalations(*, user) -> QuerySet[Escalation]:
    """Concerns escalated to the Partnership and not yet resolved, as the user may see them."""
    return (
        Escalation.objects.filter(audit__in=AgencyAudit.objects.for_user(user), resolved_on__isnull=True)
        .select_related("audit", "audit__agency", "escalated_by")
        .order_by("escalated_on", "pk")
    )


def outstanding_recommendations(*, user) -> QuerySet[Recommendation]:
    """Recommendations not yet implemented, from audits the user may see."""
    return (
        Recommendation.objects.filter(implemented_on__isnull=True)
        .filter(
            Q(agency_audit__in=AgencyAudit.objects.for_user(user))
            | Q(practice_audit__in=PracticeAudit.objects.for_user(user))
        )
        .select_related("agency_audit", "agency_audit__agency", "practice_audit", "agency")
        .order_by("created_at", "pk")
    )


def standards_library() -> QuerySet[AuditStandard]:
    return AuditStandard.objects.filter(active=True).prefetch_related("criteria")


# --- practice audit analysis ------------------------------------------------------------------


def case_list(*, audit: PracticeAudit, user) -> QuerySet[AuditCase]:
    """The sampled cases whose detail the user may open, with the agencies involved."""
    return (
        AuditCase.objects.for_user(user)
        .filter(audit=audit)
        .annotate(
            agency_total=Count("agency_reviews", distinct=True),
            agency_done=Count("agency_reviews", filter=Q(agency_reviews__completed=True), distinct=True),
        )
        .order_by("position")
    )


def _agency_scope(user) -> int | None:
    """None when the user sees every agency's findings; else the one agency they see findings about."""
    if sees_all_audits(user):
        return None
    return user.agency_id or -1


def analysis(*, audit: PracticeAudit, user) -> dict:
    """Per-standard and per-agency percentages, the grade spread, strengths and learning (5 queries).

    Aggregates over every agency are shown to all who may open the audit; per-agency rows and
    narrative findings only for the user's own agency unless they see every agency.
    """
    own = _agency_scope(user)
    standards = list(audit.standards.order_by("order", "code"))
    # One GROUP BY over the audit's answers: (standard, agency, answer) -> count.
    rows = list(
        Answer.objects.filter(case_agency__case__audit=audit)
        .order_by()
        .values_list("criterion__standard_id", "case_agency__agency_id", "value")
        .annotate(n=Count("pk"))
    )
    by_standard = scoring.tabulate((standard, value, n) for standard, _, value, n in rows)
    by_agency = scoring.tabulate((agency, value, n) for _, agency, value, n in rows if own is None or agency == own)
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=list(by_agency))}
    grades = list(audit.cases.exclude(grade="").values_list("grade", flat=True))
    reviews = CaseAgency.objects.filter(case__audit=audit).exclude(strengths="", learning="")
    if own is not None:
        reviews = reviews.filter(agency_id=own)
    narrative = [
        {"agency": short or name, "case": reference, "strengths": strengths, "learning": learning}
        for short, name, reference, strengths, learning in reviews.order_by(
            "agency__name", "case__position"
        ).values_list("agency__short_name", "agency__name", "case__reference", "strengths", "learning")
    ]
    grade_labels = dict(AuditCase.Grade.choices)
    return {
        "standards": [(s, by_standard.get(s.pk, scoring.Score())) for s in standards],
        "overall": scoring.total(by_standard.values()),
        "agencies": sorted(((agencies[k], v) for k, v in by_agency.items()), key=lambda pair: pair[0].name),
        "own_only": own is not None,
        "grades": [(grade_labels[g], n, p) for g, n, p in scoring.grade_distribution(grades)],
        "graded": len(grades),
        "strengths": [r for r in narrative if r["strengths"]],
        "learning": [r for r in narrative if r["learning"]],
    }


def sample_attributes(sample: CaseSample) -> list[str]:
    """The attributes any candidate has (what a sample may be stratified by), sorted."""
    names: set[str] = set()
    for c in sample.candidates:
        names.update(c.get("attributes", {}))
    return sorted(names)


def candidate_rows(candidates: list[dict]) -> list[dict]:
    """Candidates with their agencies named (one query)."""
    ids = {a for c in candidates for a in c["agencies"]}
    names = {
        pk: short or name
        for pk, name, short in Agency.objects.filter(pk__in=ids).values_list("pk", "name", "short_name")
    }
    return [
        {
            "reference": c["reference"],
            "agencies": "; ".join(sorted(names.get(a, "?") for a in c["agencies"])),
            "attributes": c.get("attributes", {}),
        }
        for c in candidates
    ]


def disagreement_counts(queryset) -> dict:
    """Professional disagreements counted by agency pair, by stage reached and by outcome
    (three grouped queries); each row {"label", "n"} largest first."""
    from audits.disagreement_rules import STAGE_LABELS
    from audits.models import Disagreement

    pairs = (
        queryset.order_by()
        .values("raised_by_agency__short_name", "with_agency__short_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "raised_by_agency__short_name", "with_agency__short_name")
    )
    stages = dict(queryset.order_by().values_list("stage").annotate(n=Count("pk")))
    outcomes = dict(queryset.order_by().values_list("outcome").annotate(n=Count("pk")))
    return {
        "pairs": [
            {"label": f"{p['raised_by_agency__short_name']} with {p['with_agency__short_name']}", "n": p["n"]}
            for p in pairs
        ],
        "stages": [{"label": label, "n": stages.get(code, 0)} for code, label in STAGE_LABELS.items()],
        "outcomes": [{"label": label, "n": outcomes.get(code, 0)} for code, label in Disagreement.Outcome.choices],
        "total": sum(stages.values()),
    }


def governance_timeline(*, audit: PracticeAudit) -> list[dict]:
    """The audit's governance steps in order: label, date (None: not yet), what was recorded,
    and whether it is the step the audit waits on."""
    from audits import governance_rules as gr

    dates = audit.step_dates()
    waiting = gr.current_step(dates)
    details = {
        gr.METHODOLOGY: f"Agreed by {audit.methodology_agreed_by}" if audit.methodology_agreed_by else "",
        gr.TEAM: "",
        gr.FINDINGS: f"At {audit.findings_presented_at}" if audit.findings_presented_at else "",
        gr.RECOMMENDATIONS: f"At {audit.recommendations_agreed_at}" if audit.recommendations_agreed_at else "",
        gr.DISSEMINATION: "",
    }
    return [
        {"code": code, "label": label, "on": dates[code], "detail": details[code], "waiting": code == waiting}
        for code, label in gr.STEPS
    ]


def governance_progress(*, user, today: dt.date | None = None) -> list[dict]:
    """For PAQA: each audit the user may see, the step it waits on and for how many days
    (since the last step recorded, or since the audit was set up). Finished audits last."""
    from audits import governance_rules as gr

    today = today or timezone.localdate()
    rows = []
    audits = PracticeAudit.objects.for_user(user).select_related("lead").prefetch_related("disseminations")
    for audit in audits.order_by("pk"):
        dates = audit.step_dates()
        waiting = gr.current_step(dates)
        done = [d for d in dates.values() if d]
        since = max(done) if done else timezone.localtime(audit.created_at).date()
        rows.append(
            {
                "audit": audit,
                "waiting": waiting,
                "waiting_label": gr.STEP_LABELS.get(waiting, "All steps done"),
                "steps_done": len(done),
                "since": since,
                "days": (today - since).days if waiting else None,
                "good_practice": sum(1 for d in audit.disseminations.all() if d.kind == gr.GOOD_PRACTICE),
                "shortfalls": sum(1 for d in audit.disseminations.all() if d.kind == gr.SHORTFALL),
            }
        )
    rows.sort(key=lambda r: (r["waiting"] is None, -(r["days"] or 0), r["audit"].pk))
    return rows
