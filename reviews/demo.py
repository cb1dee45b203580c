"""Demo reviews: three years of case reviews, themed reviews, recommendations with their
actions, briefings, events and feedback. Idempotent: records are keyed by reference or
theme, and a second run adds nothing."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from bscp_portal.lib.workdays import add_working_days
from partnership.models import Agency, SubCommittee, User

THEMES = [
    (
        "Neglect in families with children under five",
        "Neglect features in most child protection plans and in three recent rapid reviews.",
        ["case-audit", "practitioner-focus-groups", "data-analysis", "research-review"],
        "Graded Care Profile 2 made the expected neglect assessment tool for all agencies.",
    ),
    (
        "Child exploitation and missing episodes",
        "Return home interviews were not reaching partners, and exploitation screening varied by agency.",
        ["case-audit", "children-survey", "data-analysis"],
        "Multi-agency exploitation panel widened to include schools; return home interview findings shared daily.",
    ),
    (
        "Domestic abuse and the voice of the child",
        "Children living with domestic abuse were rarely spoken to alone in police and health contacts.",
        ["practitioner-survey", "family-interviews", "case-review-learning"],
        "",
    ),
]

CASES = [
    # (years ago, kind, title, notify wd, rapid wd, decision, status, agencies)
    (3, "rapid", "Non-accidental injury to an infant", 3, 14, "practice_review", "published"),
    (3, "learning", "Missed school attendance and neglect", None, None, "", "completed"),
    (3, "rapid", "Serious harm to a teenager through exploitation", 6, 15, "no_further", "closed"),
    (2, "rapid", "Sudden unexpected death in infancy, co-sleeping", 5, 17, "practice_review", "completed"),
    (2, "management", "Delayed strategy discussion", None, None, "", "closed"),
    (2, "rapid", "Domestic abuse homicide with children in the household", 2, 12, "national_review", "in_progress"),
    (2, "scr", "Historic serious case review: chronic neglect", None, None, "", "published"),
    (1, "rapid", "Head injury to a baby under one", 4, 15, "practice_review", "in_progress"),
    (1, "learning", "Self-harm of a looked-after young person", None, None, "", "in_progress"),
    (1, "rapid", "Older child harmed by a new adult in the household", 7, 20, "learning_review", "in_progress"),
    (0, "rapid", "Serious injury to a toddler", 5, None, "", "rapid_review"),
    (0, "rapid", "Adolescent stabbing", None, None, "", "notified"),
]

#: Themes of learning (the national panel's list) each demo review raises, by title.
CASE_THEMES = {
    "Non-accidental injury to an infant": ["infants-under-one", "fathers-and-men", "information-sharing"],
    "Missed school attendance and neglect": ["neglect", "voice-of-the-child"],
    "Serious harm to a teenager through exploitation": ["child-exploitation", "harm-outside-home"],
    "Sudden unexpected death in infancy, co-sleeping": [
        "safer-sleep",
        "infants-under-one",
        "parental-substance-misuse",
    ],
    "Delayed strategy discussion": ["multi-agency-working", "escalation"],
    "Domestic abuse homicide with children in the household": [
        "domestic-abuse",
        "risk-assessment",
        "information-sharing",
    ],
    "Historic serious case review: chronic neglect": ["neglect", "supervision"],
    "Head injury to a baby under one": ["infants-under-one", "fathers-and-men", "risk-assessment"],
    "Self-harm of a looked-after young person": ["child-mental-health", "voice-of-the-child"],
    "Older child harmed by a new adult in the household": ["information-sharing", "risk-assessment"],
    "Serious injury to a toddler": ["neglect", "parental-mental-health"],
    "Adolescent stabbing": ["harm-outside-home", "child-exploitation"],
    "Neglect in families with children under five": ["neglect", "voice-of-the-child"],
    "Child exploitation and missing episodes": ["child-exploitation", "information-sharing"],
    "Domestic abuse and the voice of the child": ["domestic-abuse", "voice-of-the-child"],
}

#: (years ago, kind, inspectorate, title, judgement, findings, themes, recommendations, agencies inspected)
INSPECTIONS = [
    (
        2,
        "local_authority",
        "ofsted",
        "Inspection of local authority children's services",
        "good",
        "Children in need of help and protection: good. Leaders know their services well. Areas for improvement: "
        "the quality of plans for children in neglect, and management oversight of drift in child in need work.",
        ["neglect", "supervision"],
        [
            "Improve the quality of child in need and child protection plans in cases of neglect.",
            "Strengthen management oversight so that drift in child in need work is seen and acted on.",
        ],
        ["Children's Services"],
    ),
    (
        1,
        "jtai",
        "joint",
        "Joint targeted area inspection: children at risk of criminal exploitation",
        "no_grade",
        "Strong strategic commitment and a well-used exploitation panel. Return home interviews are not shared "
        "with schools and health; the voice of the child is weak in police records.",
        ["child-exploitation", "information-sharing", "voice-of-the-child"],
        [
            "Share return home interview findings with schools and health within one working day.",
            "Record the child's voice and lived experience in police child protection referrals.",
            "Include schools in exploitation strategy discussions whenever the child is of school age.",
        ],
        ["Children's Services", "SY Police", "SY ICB", "Barnsley Hospital"],
    ),
    (
        0,
        "police",
        "hmicfrs",
        "National child protection inspection of the police force",
        "requires_improvement",
        "Officers identify risk at domestic abuse incidents but referrals for children present are not always "
        "made in time; supervision of investigations involving children varies.",
        ["domestic-abuse", "risk-assessment", "supervision"],
        ["Refer every child present at a domestic abuse incident to the front door within 24 hours."],
        ["SY Police"],
    ),
]

RECOMMENDATIONS = [
    "Agencies should record and share when a new adult joins a household with a baby.",
    "Health visitors and GPs should use the safer sleep assessment at every contact before six months.",
    "Police should refer every child present at a domestic abuse incident to the front door within 24 hours.",
    "Schools should escalate persistent absence of a child on a plan to the lead social worker the same week.",
    "Strategy discussions should include health and education whenever a child is under five.",
    "Managers should audit the quality of chronologies in long-running neglect cases each quarter.",
]


ACTION_STEPS = [
    (
        "Brief every team on recommendation {n} and change the procedure to match.",
        "Audit of 10 cases shows the new practice in at least 8.",
    ),
    (
        "Re-audit practice on recommendation {n} six months on and report to the case review sub-committee.",
        "Re-audit report received, with at least 80% of cases showing the change.",
    ),
]


def _owner_for(agency: Agency):
    return User.objects.filter(agency=agency, is_active=True).order_by("pk").first()


@transaction.atomic
def seed(stdout=None) -> None:
    from actions.models import Action
    from actions.services import action_create, action_sign_off
    from reviews import services
    from reviews.models import CaseReview, Methodology, Recommendation, ThemedReview

    rng = random.Random(60)  # noqa: S311 - reproducible demo data
    today = timezone.localdate()
    bu = User.objects.filter(username="bu").first()
    chair = User.objects.filter(username="chair").first() or bu
    agencies = {a.short_name: a for a in Agency.objects.all()}
    staffed = [a for a in agencies.values() if _owner_for(a) is not None]
    if not staffed or bu is None:
        return
    committee = SubCommittee.objects.filter(code="case-review").first()
    made = {"case": 0, "themed": 0}

    def add_recs(review_kw, count, start: dt.date, closed_share: float, texts=None, pool=None):
        pool = pool or staffed
        for i, text in enumerate(texts or rng.sample(RECOMMENDATIONS, k=count)):
            agency = pool[rng.randrange(len(pool))]
            rec = services.recommendation_add(by=bu, text=text, agency=agency, **review_kw)
            for j in range(rng.choice([1, 1, 2])):
                due = start + dt.timedelta(days=90 + 60 * j + 30 * i)
                action = action_create(
                    created_by=chair,
                    description=ACTION_STEPS[j][0].format(n=rec.number),
                    measure=ACTION_STEPS[j][1],
                    owner=_owner_for(agency),
                    agency=agency,
                    due_date=due,
                    subcommittee=committee,
                    source=rec,
                )
                if due < today and rng.random() < closed_share + 0.2:
                    action_sign_off(
                        action=action,
                        by=chair,
                        evidence="Audit in the following quarter showed the change in 9 of 10 cases.",
                    )
            statuses = list(Action.objects.for_source(rec).values_list("status", flat=True))
            if rng.random() < closed_share and all(s == "complete" for s in statuses):
                services.recommendation_close(recommendation=rec, by=chair, note="Practice change evidenced by audit.")

    for n, (years_ago, kind, title, notify_wd, rapid_wd, decision, status) in enumerate(CASES, start=1):
        # The two newest are days old, so the dashboard shows timescales still running.
        aware = today - dt.timedelta(days=365 * years_ago + {11: 12, 12: 2}.get(n, 20 + 30 * (n % 4)))
        reference = (
            f"{'LR' if kind in ('learning', 'management') else 'SCR' if kind == 'scr' else 'RR'}-{aware.year}-{n:02d}"
        )
        if CaseReview.objects.filter(title=title).exists():
            continue
        involved = rng.sample(staffed, k=min(len(staffed), rng.choice([2, 3, 4])))
        notified = add_working_days(aware, notify_wd) if notify_wd is not None else None
        rapid = add_working_days(notified, rapid_wd) if notified and rapid_wd is not None else None
        fields = {
            "title": title,
            "kind": kind,
            "status": CaseReview.Status.NOTIFIED,
            "became_aware_on": aware,
            "notified_on": notified,
            "rapid_review_on": rapid,
            "approach": "systems" if kind == "learning" else "",
        }
        review = services.case_review_create(by=bu, reference=reference, agencies=involved, **fields)
        made["case"] += 1
        if decision:
            review = services.case_review_decide(
                review=review,
                by=bu,
                version=review.version,
                decision=decision,
                decided_by="The three statutory safeguarding partners",
                decided_on=rapid or aware,
                decision_reason="The rapid review found learning about how agencies work together that a wider review should draw out.",
                panel_view="The national panel agreed with the partnership's decision." if rng.random() < 0.6 else "",
            )
        later = {"status": status}
        if status in ("completed", "published", "closed") and review.kind != "rapid":
            started = (rapid or aware) + dt.timedelta(days=30)
            later |= {"started_on": started, "completed_on": started + dt.timedelta(days=180)}
            if status == "published":
                later["published_on"] = later["completed_on"] + dt.timedelta(days=45)
            elif kind in ("learning", "management"):
                later["not_published_reason"] = "Internal learning review: shared with partners, not published."
        elif status == "in_progress":
            later["started_on"] = min(today, (rapid or aware) + dt.timedelta(days=30))
        if later.get("started_on"):
            later |= {
                "reviewer": rng.choice(
                    ["Independent reviewer (former director of children's services)", "Independent nurse reviewer"]
                ),
                "terms_of_reference": "How agencies identified and shared risk in the year before the incident, and what got in the way.",
            }
        if later.get("completed_on") and review.status in ("notified", "rapid_review"):
            # A review is under way before it is completed: the status follows each step.
            review = services.case_review_update(
                review=review, by=bu, version=review.version, status="in_progress", started_on=later["started_on"]
            )
        review = services.case_review_update(review=review, by=bu, version=review.version, **later)
        if status in ("rapid_review", "notified"):
            continue
        if status == "closed" and decision == "no_further":
            continue
        add_recs(
            {"case_review": review}, rng.choice([2, 3, 4]), review.started_on or aware, 0.6 if years_ago >= 2 else 0.1
        )
        if review.started_on:
            briefing = services.briefing_add(
                review=review,
                by=bu,
                kind="seven_minute",
                title=f"7-minute briefing: {title.lower()}",
                summary="What happened, what we learned about working together, and three questions for supervision.",
                published_on=min(today, (review.completed_on or review.started_on) + dt.timedelta(days=14)),
            )
            for k in range(rng.choice([1, 2, 3])):
                held = min(today, briefing.published_on + dt.timedelta(days=20 + 110 * k))
                reached = rng.sample(staffed, k=min(len(staffed), rng.choice([2, 3, 5])))
                event = services.event_add(
                    review=review,
                    by=bu,
                    held_on=held,
                    audience=rng.choice(
                        [
                            "Designated safeguarding leads' forum",
                            "GP safeguarding leads",
                            "Front door and MASH staff",
                            "Multi-agency learning event",
                        ]
                    ),
                    attendance=rng.randint(15, 90),
                    agencies_reached=reached,
                    briefing=briefing,
                )
                for _ in range(rng.randint(0, 3)):
                    services.feedback_add(
                        review=review,
                        by=bu,
                        event=event,
                        received_on=min(today, held + dt.timedelta(days=rng.randint(7, 60))),
                        agency=rng.choice(reached),
                        practitioner_role=rng.choice(["Health visitor", "Social worker", "Police officer", "Teacher"]),
                        changed_practice=rng.choice(["yes", "yes", "partly", "no", "not_yet"]),
                        comment=rng.choice(
                            [
                                "I now ask who lives in the home at every visit.",
                                "Useful reminder; our team already does this.",
                                "We changed our referral form to capture this.",
                            ]
                        ),
                    )

    methods = {m.code: m for m in Methodology.objects.all()}
    for n, (theme, rationale, method_codes, change) in enumerate(THEMES):
        if ThemedReview.objects.filter(theme=theme).exists():
            continue
        agreed = today - dt.timedelta(days=365 * (2 - n) + 120)
        done = n < 2
        review = services.themed_review_create(
            by=bu,
            theme=theme,
            rationale=rationale,
            agreed_by="Independent chair of the Partnership",
            agreed_on=agreed,
            methodology_notes="",
            status="completed" if done else "in_progress",
            started_on=agreed + dt.timedelta(days=21),
            completed_on=agreed + dt.timedelta(days=200) if done else None,
            findings="Practice was strongest where agencies met early; weakest where one agency held the risk alone."
            if done
            else "",
            policy_change=change,
            methodologies=[methods[c] for c in method_codes if c in methods],
            agencies=rng.sample(staffed, k=min(len(staffed), 4)),
        )
        made["themed"] += 1
        for group, method, count in (
            ("children", "Survey in schools and youth clubs", rng.randint(40, 160)),
            ("parents", "Interviews", rng.randint(5, 15)),
            ("practitioners", "Focus groups", rng.randint(20, 60)),
        ):
            services.consultation_add(
                review=review,
                by=bu,
                group=group,
                method=method,
                held_on=agreed + dt.timedelta(days=40),
                participants=count,
            )
        add_recs({"themed_review": review}, 3, agreed + dt.timedelta(days=200), 0.5 if done else 0.0)
    made["inspections"] = _seed_inspections(bu=bu, chair=chair, staffed=staffed, add_recs=add_recs, today=today)
    _seed_themes()
    if stdout:
        stdout.write(
            f"  reviews: {made['inspections']} inspections, "
            f"{made['case']} case reviews and {made['themed']} themed reviews added "
            f"({CaseReview.objects.count()} and {ThemedReview.objects.count()} in all; "
            f"{Recommendation.objects.count()} recommendations)"
        )


def _seed_inspections(*, bu, chair, staffed, add_recs, today) -> int:
    """Three inspections (Ofsted, a JTAI and a police inspection) with recommendations and actions."""
    from partnership.models import LearningTheme
    from reviews import services
    from reviews.models import Inspection

    themes = {t.code: t for t in LearningTheme.objects.all()}
    made = 0
    for years_ago, kind, inspectorate, title, judgement, findings, codes, recs, inspected in INSPECTIONS:
        if Inspection.objects.filter(title=title).exists():
            continue
        start = today - dt.timedelta(days=365 * years_ago + 150)
        inspection = services.inspection_create(
            by=bu,
            title=title,
            kind=kind,
            inspectorate=inspectorate,
            inspected_from=start,
            inspected_to=start + dt.timedelta(days=11),
            published_on=start + dt.timedelta(days=60),
            judgement=judgement,
            findings=findings,
            agencies=[a for a in staffed if a.short_name in inspected] or staffed[:1],
            themes=[themes[c] for c in codes if c in themes],
        )
        made += 1
        add_recs(
            {"inspection": inspection},
            len(recs),
            start + dt.timedelta(days=60),
            0.6 if years_ago else 0.0,
            texts=recs,
            pool=list(inspection.agencies.all()),
        )
    return made


def _seed_themes() -> None:
    """Themes on the demo reviews that have none yet (also for demo data made before themes)."""
    from partnership.models import LearningTheme
    from reviews.models import CaseReview, ThemedReview

    themes = {t.code: t for t in LearningTheme.objects.all()}
    for model, key in ((CaseReview, "title"), (ThemedReview, "theme")):
        for review in model.objects.filter(themes__isnull=True):
            codes = CASE_THEMES.get(getattr(review, key), [])
            review.themes.set([themes[c] for c in codes if c in themes])
