"""Demo audits: three years of single-agency audits and two multi-agency practice audits (idempotent)."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from audits.models import AgencyAudit, Answer, AuditCase, AuditStandard, CaseAgency, Criterion, FollowUp, PracticeAudit
from audits.rules import ANSWERS
from partnership.models import Agency, User

# (agency short name, title, theme, origin, status, months ago created, independent by, findings, recommendations)
SINGLE = [
    (
        "SY Police",
        "Voice of the child in domestic abuse call-outs",
        "Domestic abuse",
        "paqa",
        "follow_up_due",
        20,
        "",
        [
            ("good_practice", "Officers recorded the presence of children at 92% of incidents."),
            ("shortfall", "Children's own words were recorded in only 3 of 25 incidents."),
            ("improvement", "Referrals to children's social care did not always say what the child saw or heard."),
        ],
        ["Add a prompt for the child's account to the domestic abuse risk form."],
    ),
    (
        "Barnsley Hospital",
        "Safeguarding supervision for emergency department staff",
        "Supervision",
        "own",
        "action_plan_agreed",
        14,
        "",
        [
            ("good_practice", "Named nurse supervision is well attended."),
            ("improvement", "Medical staff rarely attend group supervision."),
        ],
        ["Offer supervision slots aligned to medical rotas."],
    ),
    (
        "Children's Services",
        "Quality of child protection plans",
        "Planning",
        "paqa",
        "reported",
        6,
        "SY ICB",
        [
            ("shortfall", "Half of plans sampled had no measurable outcome for the child."),
            ("good_practice", "Plans are written to the family in plain language."),
        ],
        ["Train chairs on outcome-focused planning.", "Audit plans again in six months."],
    ),
    (
        "Oakwell Primary",
        "Recording of low-level concerns",
        "Education safeguarding",
        "own",
        "closed",
        30,
        "",
        [("good_practice", "Concerns are logged the same day on the school's system.")],
        [],
    ),
    (
        "SWYPFT",
        "Think family in adult mental health",
        "Parental mental health",
        "partnership",
        "in_progress",
        3,
        "",
        [],
        [],
    ),
    (
        "Probation",
        "Child safeguarding checks at pre-sentence report stage",
        "Information sharing",
        "own",
        "planned",
        1,
        "",
        [],
        [],
    ),
    (
        "Barnsley College",
        "Safeguarding referrals for 16-18 year olds",
        "Contextual safeguarding",
        "paqa",
        "closed",
        34,
        "",
        [("improvement", "Referral reasons were not always recorded.")],
        ["Record referral reason in every case."],
    ),
]

#: Themes of learning (the national panel's list) on the demo audits, by title.
AUDIT_THEMES = {
    "Voice of the child in domestic abuse call-outs": ["domestic-abuse", "voice-of-the-child"],
    "Safeguarding supervision for emergency department staff": ["supervision"],
    "Quality of child protection plans": ["risk-assessment", "multi-agency-working"],
    "Recording of low-level concerns": ["information-sharing"],
    "Safeguarding referrals for 16-18 year olds": ["harm-outside-home", "escalation"],
    "Child safeguarding checks at pre-sentence report stage": ["information-sharing", "risk-assessment"],
    "Think family in adult mental health": ["parental-mental-health", "information-sharing"],
    "Neglect: multi-agency response to chronic neglect": ["neglect", "multi-agency-working", "voice-of-the-child"],
    "Child sexual exploitation: information sharing": ["child-exploitation", "information-sharing"],
}

PRACTICE_TITLE = "Neglect: multi-agency response to chronic neglect"
OLD_PRACTICE_TITLE = "Child sexual exploitation: information sharing"


def _months_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=30 * n)


def _user(username: str):
    return User.objects.filter(username=username).first()


@transaction.atomic
def seed(stdout=None) -> None:
    from audits import practice_services, services

    agencies = {a.short_name: a for a in Agency.objects.all()}
    chair = _user("chair") or _user("bu")
    paqa = _user("paqa") or chair
    if chair is None or not agencies:
        return
    made = 0
    for short, title, theme, origin, status, months, independent_by, findings, recs in SINGLE:
        agency = agencies.get(short)
        if agency is None or AgencyAudit.objects.filter(title=title, agency=agency).exists():
            continue
        created = _months_ago(months)
        audit = AgencyAudit.objects.create(
            agency=agency,
            title=title,
            theme=theme,
            origin=origin,
            scope=f"Cases open between {created:%B %Y} and the audit date; {theme.lower()}." if origin != "own" else "",
            requested_by=chair if origin != "own" else None,
            requested_on=created if origin != "own" else None,
            due_date=created + dt.timedelta(days=120),
            independent=bool(independent_by),
            auditing_agency=agencies.get(independent_by),
            status=status,
            start_date=created + dt.timedelta(days=14),
            created_by=chair,
            notified_at=timezone.now() if origin != "own" else None,
        )
        for grade, text in findings:
            audit.findings.create(grade=grade, text=text)
        for text in recs:
            services.recommendation_add(by=chair, text=text, agency_audit=audit)
        if status in ("reported", "action_plan_agreed", "follow_up_due", "closed"):
            audit.summary = f"The audit looked at {theme.lower()} and found the practice described in the findings."
            audit.reported_on = created + dt.timedelta(days=100)
        if status in ("action_plan_agreed", "follow_up_due", "closed"):
            audit.paqa_consideration = "PAQA welcomed the audit and agreed the action plan."
            audit.considered_on = created + dt.timedelta(days=130)
        if status == "closed":
            audit.closed_on = created + dt.timedelta(days=300)
            audit.recommendations.update(implemented_on=audit.closed_on)
        audit.save()
        lead = User.objects.filter(agency=agency, role_assignments__role="agency_lead").first()
        if lead is not None and status in ("action_plan_agreed", "follow_up_due"):
            from actions.services import action_create

            action_create(
                created_by=lead,
                description=f"Act on the findings of “{title}”: brief all staff and change the recording template.",
                measure="Re-audit of 20 cases shows the improvement in at least 80% of them.",
                owner=lead,
                agency=agency,
                due_date=timezone.localdate() + dt.timedelta(days=60),
                source=audit,
            )
        if status == "follow_up_due":
            FollowUp.objects.create(
                audit=audit, due_date=timezone.localdate() - dt.timedelta(days=10), requested_by=chair
            )
            shortfall = audit.findings.filter(grade="shortfall").first()
            escalation = services.escalation_create(
                audit=audit,
                by=chair,
                finding=shortfall,
                reason="The shortfall repeats a finding of the 2022 rapid review; the Partnership should seek assurance.",
            )
            escalation.escalated_on = audit.considered_on
            escalation.save()
        made += 1

    standards = list(AuditStandard.objects.filter(active=True).order_by("order"))
    if standards and not PracticeAudit.objects.filter(title=PRACTICE_TITLE).exists():
        involved = [
            agencies[s]
            for s in ("Children's Services", "SY Police", "Barnsley Hospital", "SWYPFT", "Oakwell Primary")
            if s in agencies
        ]
        for title, months, status in ((OLD_PRACTICE_TITLE, 18, "reported"), (PRACTICE_TITLE, 2, "fieldwork")):
            audit = practice_services.practice_audit_create(
                by=paqa,
                title=title,
                theme=title.split(":")[0],
                lead=paqa,
                standards=standards[:6],
                agencies=involved,
                team=[u for u in (paqa, chair) if u],
                co_opted="Designated doctor (co-opted)\nHead of early help (co-opted)",
                methodology="Case file audit of a random sample of multi-agency cases, then a practitioner workshop.",
                start_date=_months_ago(months),
                end_date=_months_ago(months - 2),
            )
            rng = random.Random(f"{title}")  # deterministic demo
            rows = []
            for i in range(40):
                names = rng.sample([a.short_name for a in involved], rng.choice([1, 2, 2, 3, 3, 4]))
                rows.append(
                    {
                        "reference": f"NG-{24 + months}-{i + 1:03d}",
                        "agencies": ";".join(names),
                        "age band": rng.choice(["0-4", "5-9", "10-15", "16-17"]),
                    }
                )
            rows.append(dict(rows[3]))  # a duplicate, shown excluded with its reason
            practice_services.candidates_load(audit=audit, by=paqa, rows=rows, source="File neglect-candidates.csv")
            practice_services.sample_draw(audit=audit, by=paqa, size=12, seed=20240601 + months, stratify_by="age band")
            criteria = list(Criterion.objects.filter(standard__in=standards[:6]))
            weights = [0.55, 0.25, 0.15, 0.05]
            answers = []
            for case in AuditCase.objects.filter(audit=audit):
                done = status == "reported" or case.position <= 8
                if not done:
                    continue
                case.grade = rng.choices(["outstanding", "good", "requires_improvement", "inadequate"], [1, 5, 4, 1])[0]
                _give_characteristics(case)
                case.save()
                for review in CaseAgency.objects.filter(case=case).select_related("agency"):
                    for c in criteria:
                        answers.append(Answer(case_agency=review, criterion=c, value=rng.choices(ANSWERS, weights)[0]))
                    review.strengths = rng.choice(
                        [
                            "Persistent home visits kept the child in view.",
                            "Chronology shared promptly with the social worker.",
                            "",
                        ]
                    )
                    review.learning = rng.choice(
                        [
                            "Missed health appointments were not followed up.",
                            "Escalation was not used when the plan drifted.",
                            "",
                        ]
                    )
                    review.completed = True
                    review.save()
            Answer.objects.bulk_create(answers)
            PracticeAudit.objects.filter(pk=audit.pk).update(status=status)
            if status == "reported":
                audit.summary = "Information sharing was timely; the voice of the child was weak in a third of cases."
                audit.status = status
                audit.save()
                services.recommendation_add(
                    by=paqa, text="Each agency to add the child's own words to its case summary.", practice_audit=audit
                )
        made += 2
    if standards:
        made += _seed_governance(paqa, chair, standards, agencies)
    _seed_themes()
    _seed_disagreements(chair)
    _seed_process_audit(paqa, agencies)
    _seed_management_review(chair, agencies)
    if stdout:
        stdout.write(f"  {made} demo audits")


def _seed_themes() -> None:
    """Themes on the demo audits that have none yet (also for demo data made before themes)."""
    from partnership.models import LearningTheme

    themes = {t.code: t for t in LearningTheme.objects.all()}
    for model in (AgencyAudit, PracticeAudit):
        for audit in model.objects.filter(themes__isnull=True, title__in=list(AUDIT_THEMES)):
            audit.themes.set([themes[c] for c in AUDIT_THEMES[audit.title] if c in themes])


def _seed_disagreements(by) -> None:
    """Two professional disagreements: one resolved by managers, one still with senior managers."""
    import datetime as dt

    from django.utils import timezone

    from audits import disagreement_services
    from audits.models import Disagreement

    agencies = {a.short_name: a for a in Agency.objects.all()}
    if Disagreement.objects.exists() or not {"SY Police", "Children's Services", "Barnsley Hospital"} <= set(agencies):
        return
    today = timezone.localdate()
    start = today - dt.timedelta(days=75)
    disagreement_services.disagreement_record(
        by=by,
        raised_by_agency=agencies["SY Police"],
        with_agency=agencies["Children's Services"],
        subject="Police asked for a strategy discussion after a second domestic abuse call-out; the front door "
        "decided on a single-agency assessment.",
        case_reference="MASH-2291",
        raised_on=start,
        manager_on=start + dt.timedelta(days=2),
        outcome="changed",
        resolved_on=start + dt.timedelta(days=5),
        outcome_note="Strategy discussion held with police and health; child protection enquiry opened.",
    )
    disagreement_services.disagreement_record(
        by=by,
        raised_by_agency=agencies["Barnsley Hospital"],
        with_agency=agencies["Children's Services"],
        subject="Named nurse disagrees with stepping a baby's plan down to child in need.",
        raised_on=today - dt.timedelta(days=30),
        manager_on=today - dt.timedelta(days=24),
        senior_manager_on=today - dt.timedelta(days=12),
        outcome="open",
    )


PROCESS_TITLE = "Strategy discussions: who takes part"


def _seed_process_audit(by, agencies) -> None:
    """A process audit through findings and agreed recommendations to an action."""
    from actions.services import action_create
    from audits import process_services
    from audits.models import ProcessAudit

    if ProcessAudit.objects.filter(title=PROCESS_TITLE).exists() or "SY Police" not in agencies:
        return
    audit = process_services.process_audit_create(
        by=by,
        title=PROCESS_TITLE,
        process="Strategy discussions",
        standard="Police, children's social care and health take part in every strategy discussion (Working "
        "Together 2018), and the discussion is recorded with its decisions within one working day.",
        scope="Strategy discussions held in September and October; the attendance and the record, not the cases.",
        method="The front door's meeting log and minutes, checked against the standard; two days observed.",
        lead=by,
    )
    audit = process_services.process_audit_findings(
        audit=audit,
        findings="Health took part in 31 of 52 discussions (60%); police and social care in all. "
        "Records were completed within one working day in 47 of 52 (90%).",
        version=audit.version,
        today=_months_ago(2),
    )
    audit = process_services.process_audit_recommendations(
        audit=audit,
        recommendations="A named health practitioner on the front door's rota for strategy discussions; "
        "the business unit to re-audit attendance in six months.",
        version=audit.version,
        today=_months_ago(1),
    )
    lead = User.objects.filter(agency=agencies["SY Police"], role_assignments__role="agency_lead").first() or by
    action_create(
        created_by=by,
        description="Agree a health rota for strategy discussions with the ICB's designated nurse",
        measure="Health takes part in at least 90% of strategy discussions at the re-audit",
        owner=lead,
        agency=lead.agency or agencies["SY Police"],
        due_date=timezone.localdate() + dt.timedelta(days=90),
        source=audit,
    )


REVIEW_TITLE = "Management review: discharge planning for case BH-2291"


def _seed_management_review(chair, agencies) -> None:
    """A hospital's review of its own handling of one case, reported and considered by PAQA."""
    from audits import services

    agency = agencies.get("Barnsley Hospital")
    if agency is None or AgencyAudit.objects.filter(title=REVIEW_TITLE).exists():
        return
    lead = User.objects.filter(agency=agency, role_assignments__role="agency_lead").first() or chair
    review = services.agency_audit_create(
        by=lead,
        agency=agency,
        title=REVIEW_TITLE,
        kind=AgencyAudit.Kind.MANAGEMENT_REVIEW,
        theme="Discharge planning for a baby subject to a child protection plan",
        scope="The hospital's own records from admission to discharge; the midwifery and ward teams' decisions.",
    )
    services.finding_add(
        audit=review, by=lead, grade="improvement", text="Children's social care was told of the discharge on the day."
    )
    services.finding_add(
        audit=review,
        by=lead,
        grade="good_practice",
        text="The safeguarding midwife's chronology was complete and clear.",
    )
    services.outcome_submit(
        audit=review,
        by=lead,
        summary="Discharge went ahead before a planning meeting; the ward now books one at admission.",
    )
    services.audit_consider(
        audit=review,
        by=chair,
        consideration="PAQA accepted the review; other health providers to check their discharge procedures.",
    )


#: What a demo practice audit has shared by the governance step it reached: (step, days after its start, what).
DEMO_DISSEMINATION = [
    (
        4,
        100,
        {
            "kind": "shortfall",
            "what": "Seven-minute briefing on the gaps the audit found",
            "audience": "Designated safeguarding leads and team managers",
            "method": "Briefing",
        },
    ),
    (
        5,
        110,
        {
            "kind": "good_practice",
            "what": "Case study of timely information sharing between police and the hospital",
            "audience": "All partner agencies' practitioners",
            "method": "Partnership newsletter",
        },
    ),
]

# (title, theme, months ago set up, governance steps done: 0 to 5)
GOVERNANCE_DEMO = [
    ("Pre-birth assessment and planning", "Pre-birth", 1, 0),
    ("Children missing education", "Education", 3, 1),
    ("Exploitation: return home interviews", "Exploitation", 9, 3),
    ("Harmful sexual behaviour in schools", "Harmful sexual behaviour", 12, 4),
]


def _seed_governance(paqa, chair, standards, agencies) -> int:
    """One multi-agency audit waiting at each governance step, one with every step done (the
    older practice audit, with good practice and shortfalls disseminated), and the current
    practice audit waiting for its findings to go to PAQA. Idempotent."""
    from audits import governance_services as gs
    from audits import practice_services, services

    if PracticeAudit.objects.filter(team_members__isnull=False).exists():
        return 0
    involved = [agencies[s] for s in ("Children's Services", "SY Police", "Barnsley Hospital") if s in agencies]
    if len(involved) < 2:
        return 0
    plan = [(title, theme, months, steps, None) for title, theme, months, steps in GOVERNANCE_DEMO]
    for title, steps in ((OLD_PRACTICE_TITLE, 5), (PRACTICE_TITLE, 2)):
        existing = PracticeAudit.objects.filter(title=title).first()
        if existing:
            plan.append((title, "", 18 if steps == 5 else 2, steps, existing))
    for title, theme, months, steps, audit in plan:
        if audit is None:
            audit = practice_services.practice_audit_create(
                by=paqa,
                title=title,
                theme=theme,
                lead=paqa,
                standards=standards[:3],
                agencies=involved,
                team=[paqa],
                methodology="Case file audit of a random sample, then a multi-agency practitioner workshop.",
                start_date=_months_ago(months),
            )
        start = _months_ago(months)
        day = dt.timedelta(days=1)
        if steps >= 1:
            gs.methodology_agree(audit=audit, by=paqa, agreed_by="PAQA sub-committee meeting", on=start + 7 * day)
            gs.team_member_add(
                audit=audit,
                by=paqa,
                name="Dr Priya Nair",
                organisation="South Yorkshire ICB",
                expertise="Designated doctor for safeguarding children",
                outside_paqa=True,
            )
            gs.team_member_add(
                audit=audit,
                by=paqa,
                name=str(paqa),
                agency=paqa.agency,
                organisation="" if paqa.agency_id else "PAQA sub-committee",
                expertise="Audit lead (PAQA)",
                outside_paqa=False,
            )
        if steps >= 2:
            gs.team_confirm(audit=audit, by=paqa, on=start + 14 * day)
        if steps >= 3:
            gs.findings_present(audit=audit, by=paqa, meeting="PAQA sub-committee", on=start + 60 * day)
            if not audit.recommendations.exists():
                services.recommendation_add(
                    by=paqa,
                    text="Agencies to record the child's lived experience in each assessment.",
                    practice_audit=audit,
                )
        if steps >= 4:
            gs.recommendations_agree(audit=audit, by=chair, meeting="Partnership board", on=start + 90 * day)
        for from_step, days, shared in DEMO_DISSEMINATION:
            if steps >= from_step:
                gs.dissemination_record(audit=audit, by=paqa, on=start + days * day, **shared)
    return len(GOVERNANCE_DEMO)


def _give_characteristics(case) -> None:
    """The child's characteristics on an audited case (own random stream, so the rest of the demo
    is unchanged)."""
    rng = random.Random(f"equality-{case.reference}")
    case.child_sex = rng.choices(["female", "male", "not_known"], [48, 49, 3])[0]
    case.child_age_band = rng.choice(["under_1", "1_4", "5_9", "10_15", "16_over"])
    case.child_ethnicity = rng.choices(["white", "mixed", "asian", "black", "not_known"], [85, 5, 4, 2, 4])[0]
    case.child_disability = rng.choices(["no", "yes", "not_known"], [82, 10, 8])[0]
