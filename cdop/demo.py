"""Demo child deaths: about five years of believable, anonymised cases (case numbers only),
panel meetings, reviews with factor scores, a few recommendations and one practice review
referral. Deterministic and idempotent: a second run adds nothing."""

import datetime as dt
import random
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from bscp_portal.lib import periods
from cdop import published, rules
from cdop.models import Area, Category, Death, Ethnicity, FactorDomain, FactorScore, PanelMeeting, PanelReview

#: Deaths per financial year (a borough of about 250,000 people sees 20 to 30 a year).
PER_YEAR = {2021: 24, 2022: 21, 2023: 26, 2024: 23, 2025: 25, 2026: 14}

#: Age bands with their rough national shares (NCMD: about 4 in 10 deaths are neonatal).
AGE_WEIGHTS = [("neonatal", 40), ("infant", 18), ("1-4", 12), ("5-9", 8), ("10-14", 9), ("15-17", 13)]

#: Likely categories by age band, with weights.
CATEGORY_WEIGHTS = {
    "neonatal": [("perinatal", 55), ("anomaly", 35), ("infection", 5), ("acute", 5)],
    "infant": [("anomaly", 30), ("sudi", 25), ("infection", 15), ("chronic", 15), ("acute", 10), ("abuse", 5)],
    "1-4": [("anomaly", 20), ("malignancy", 20), ("infection", 20), ("trauma", 20), ("chronic", 20)],
    "5-9": [("malignancy", 40), ("chronic", 25), ("trauma", 20), ("acute", 15)],
    "10-14": [("malignancy", 30), ("chronic", 25), ("trauma", 25), ("suicide", 15), ("acute", 5)],
    "15-17": [("trauma", 35), ("suicide", 30), ("malignancy", 15), ("chronic", 10), ("acute", 10)],
}
UNEXPECTED_CATEGORIES = {"sudi", "trauma", "suicide", "abuse", "acute"}


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _age(rng: random.Random, band: str) -> tuple[int, int | None]:
    if band == "neonatal":
        return 0, rng.choice([0, 0, 0, 1, 1, 2, 3, 5, 9, 14, 20, 26])
    if band == "infant":
        return 0, rng.randint(28, 360)
    low, high = {"1-4": (1, 4), "5-9": (5, 9), "10-14": (10, 14), "15-17": (15, 17)}[band]
    return rng.randint(low, high), None


def _scores(rng: random.Random, category: str, expected: bool) -> dict[str, str]:
    """Plausible domain scores: expected deaths mostly 1; unexpected ones often 1* or 2."""
    scores = {}
    for domain in ("child", "social", "physical", "service"):
        if expected:
            scores[domain] = _pick(rng, [("1", 80), ("1*", 12), ("2", 5), ("0", 3)])
        else:
            scores[domain] = _pick(rng, [("1", 40), ("1*", 25), ("2", 28), ("0", 4), ("3", 3)])
    if category == "sudi" and rng.random() < 0.6:
        scores["physical"] = "2"  # unsafe sleeping arrangements
    return scores


FACTOR_TEXT = {
    "child": "Complex health needs; missed appointments.",
    "social": "Parental smoking; substance misuse in the household.",
    "physical": "Unsafe sleeping arrangement; no stair gate.",
    "service": "Information not shared between services in time.",
}
RECOMMENDATIONS = [
    (
        "Reissue safer sleep guidance to health visitors and maternity staff.",
        "Audit of 20 new-birth visits shows safer sleep discussed in 18.",
        "health-lead",
    ),
    (
        "Review the information-sharing pathway between the emergency department and school nursing.",
        "Pathway agreed and every ED attendance of a school-age child shared within 2 working days.",
        "health-lead",
    ),
    (
        "Run a water safety awareness campaign with schools before the summer holidays.",
        "Campaign delivered in every secondary school; pupil survey shows awareness rising.",
        "paqa",
    ),
    (
        "Brief response officers on the joint agency response protocol.",
        "All response officers briefed; next three JARs started within 24 hours.",
        "police-lead",
    ),
]


#: Where Barnsley's children live by national deprivation quintile (a third of its
#: neighbourhoods are in England's most deprived fifth), with child deaths leaning further
#: towards the most deprived; the postcode is sometimes not known (a death abroad, no fixed home).
DEPRIVATION_WEIGHTS = [("1", 38), ("2", 24), ("3", 17), ("4", 11), ("5", 6), (rules.NOT_KNOWN, 4)]


def _deprivation(case_number: str) -> str:
    """The quintile of a demo case, from its own seeded draw: adding the field left every other
    demo value as it was."""
    return _pick(random.Random(f"imd-{case_number}"), DEPRIVATION_WEIGHTS)


def _financial_year_dates(rng: random.Random, start_year: int, n: int, latest: dt.date) -> list[dt.date]:
    start, end = periods.FinancialYear(start_year).dates
    end = min(end, latest)
    span = (end - start).days
    if span <= 0:
        return []
    return sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))


@transaction.atomic
def seed(stdout=None) -> None:
    from partnership.models import Agency, User

    if not Category.objects.exists() or not FactorDomain.objects.exists():
        from cdop.framework import load

        load()
    # Rates per 100,000 need population estimates: the demo partnership has illustrative ones,
    # labelled as such wherever a rate is shown (a real partnership loads ONS's).
    from cdop.framework import load_population

    load_population(Path(__file__).resolve().parent / "demo_population.csv")
    rng = random.Random(80)
    today = timezone.localdate()
    latest = today - dt.timedelta(days=3)
    categories = {c.code: c for c in Category.objects.all()}
    domains = {d.code: d for d in FactorDomain.objects.all()}
    areas = list(Area.objects.exclude(code="out-of-area"))
    out_of_area = Area.objects.filter(code="out-of-area").first()
    ethnicities = {e.code: e for e in Ethnicity.objects.all()}
    agency_pool = list(
        Agency.objects.filter(
            short_name__in=["Children's Services", "SY Police", "SY ICB", "Barnsley Hospital", "YAS", "Public Health"]
        )
    )
    panel_user = User.objects.filter(username="cdop").first()

    # Panel meetings: the second Thursday of every other month.
    meetings = []
    for year in range(min(PER_YEAR), today.year + 1):
        for month in (1, 3, 5, 7, 9, 11):
            first = dt.date(year, month, 1)
            thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 7)
            if thursday <= latest:
                meeting, _ = PanelMeeting.objects.get_or_create(
                    date=thursday, defaults={"location": "Westgate Plaza, meeting room 2"}
                )
                meetings.append(meeting)
    if panel_user:
        for meeting in meetings:
            if not meeting.attendees.exists():
                meeting.attendees.add(panel_user)

    created = 0
    for start_year, n in PER_YEAR.items():
        for number, died in enumerate(_financial_year_dates(rng, start_year, n, latest), start=1):
            band = _pick(rng, AGE_WEIGHTS)
            years, days = _age(rng, band)
            category = _pick(rng, CATEGORY_WEIGHTS[band])
            unexpected = category in UNEXPECTED_CATEGORIES or rng.random() < 0.1
            notified = min(died + dt.timedelta(days=rng.choice([0, 0, 1, 1, 2, 3, 5])), latest)
            ethnicity = ethnicities.get(
                _pick(
                    rng,
                    [
                        ("white-british", 82),
                        ("white-other", 4),
                        ("asian-pakistani", 3),
                        ("mixed-wbc", 3),
                        ("black-african", 2),
                        ("not-stated", 6),
                    ],
                )
            )
            scores = _scores(rng, category, not unexpected)
            case_number = f"CD-{start_year}-{number:03d}"
            review_due = notified + dt.timedelta(days=rng.randint(90, 300))
            meeting = next((m for m in meetings if m.date >= review_due), None)
            involved = rng.sample(agency_pool, k=min(len(agency_pool), rng.randint(2, 4)))
            if Death.objects.filter(case_number=case_number).exists():
                continue
            death = Death(
                case_number=case_number,
                date_of_death=died,
                date_notified=notified,
                age_years=years,
                age_days=days,
                sex=_pick(rng, [("male", 55), ("female", 44), ("not_known", 1)]),
                ethnicity=ethnicity if rng.random() > 0.05 else None,
                area=out_of_area if rng.random() < 0.05 else rng.choice(areas),
                deprivation_quintile=_deprivation(case_number),
                place_of_death=_pick(
                    rng, [("hospital", 70), ("home", 18), ("hospice", 6), ("public", 5), ("abroad", 1)]
                ),
                expectation=Death.Expectation.UNEXPECTED if unexpected else Death.Expectation.EXPECTED,
                jar_held=unexpected,
                jar_date=min(died + dt.timedelta(days=rng.choice([0, 1, 1, 2])), latest) if unexpected else None,
                created_by=panel_user,
            )
            if meeting is None:
                age_in_days = (today - notified).days
                death.status = (
                    rules.AWAITING_PANEL
                    if age_in_days > 60
                    else (rules.GATHERING if age_in_days > 14 else rules.NOTIFIED)
                )
            else:
                death.status = rules.CLOSED if meeting.date < today - dt.timedelta(days=120) else rules.REVIEWED
            death.save()
            death.agencies.set(involved)
            created += 1
            if meeting is None:
                continue
            meeting.agenda.add(death)
            identified = [s for s in scores.values() if s in rules.IDENTIFIED_SCORES]
            modifiable = (
                PanelReview.Modifiable.YES
                if any(s in rules.CONTRIBUTING_SCORES for s in identified)
                else (PanelReview.Modifiable.INSUFFICIENT if "0" in scores.values() else PanelReview.Modifiable.NO)
            )
            if modifiable == PanelReview.Modifiable.INSUFFICIENT and "3" in scores.values():
                modifiable = PanelReview.Modifiable.YES
            review = PanelReview.objects.create(
                death=death,
                reviewed_on=meeting.date,
                meeting=meeting,
                category=categories[category],
                modifiable=modifiable,
                learning_points="Learning shared with the agencies involved." if modifiable == "yes" else "",
                reviewed_by=panel_user,
            )
            FactorScore.objects.bulk_create(
                [
                    FactorScore(
                        review=review,
                        domain=domains[code],
                        score=score,
                        factors=FACTOR_TEXT[code] if score in rules.IDENTIFIED_SCORES else "",
                    )
                    for code, score in scores.items()
                ]
            )
    _recommendations(rng)
    _referral(panel_user)
    _seed_themes()
    _seed_requests(panel_user, today)
    _seed_jar_and_key_workers()
    _seed_deprivation()
    # Deaths and reviews were written directly: the cached published figures no longer hold.
    published.invalidate()
    if stdout:
        stdout.write(f"  CDOP: {created} new demo cases, {Death.objects.count()} in all")


def _recommendations(rng: random.Random) -> None:
    """A recommendation on a few recent reviews with modifiable factors (once each)."""
    from actions.models import Action
    from cdop.services import recommendation_add
    from partnership.models import User

    reviews = list(PanelReview.objects.filter(modifiable="yes").order_by("-reviewed_on", "pk")[: len(RECOMMENDATIONS)])
    for review, (text, measure, username) in zip(reviews, RECOMMENDATIONS, strict=False):
        owner = User.objects.filter(username=username).select_related("agency").first()
        if owner is None or owner.agency is None or Action.objects.for_source(review).exists():
            continue
        recommendation_add(
            review=review,
            by=owner,
            description=text,
            measure=measure,
            owner=owner,
            agency=owner.agency,
            due_date=review.reviewed_on + dt.timedelta(days=180),
            priority="medium",
        )
        if review.death.status == rules.CLOSED:
            # A case with an open recommendation stays reviewed until it is done.
            Death.objects.filter(pk=review.death_id).update(status=rules.REVIEWED)


def _referral(panel_user) -> None:
    """One case referred for a rapid review through the reviews strand (kept if already done)."""
    if panel_user is None or Death.objects.exclude(review_reference="").exists():
        return
    death = Death.objects.filter(review__category__code="abuse").order_by("date_of_death").first()
    if death is None:
        death = Death.objects.filter(expectation="unexpected", review__isnull=False).order_by("date_of_death").first()
    if death is None:
        return
    from reviews.services import case_review_refer

    review = case_review_refer(
        by=panel_user,
        reference=f"RR-{death.date_notified.year}-CDOP",
        kind="rapid",
        title="Referred by the Child Death Overview Panel",
        became_aware_on=death.date_notified,
        agencies=list(death.agencies.all()),
    )
    Death.objects.filter(pk=death.pk).update(review_reference=review.reference)


#: Themes of learning (the national panel's list) a demo review raises, by category of death.
CATEGORY_THEMES = {
    "abuse": ["neglect", "information-sharing"],
    "suicide": ["child-mental-health", "harm-outside-home"],
    "trauma": ["harm-outside-home"],
    "sudi": ["safer-sleep", "infants-under-one"],
    "perinatal": ["infants-under-one"],
    "chronic": ["disabled-children"],
}


def _seed_themes() -> None:
    """Themes on demo panel reviews with modifiable factors that have none yet."""
    from partnership.models import LearningTheme

    themes = {t.code: t for t in LearningTheme.objects.all()}
    reviews = PanelReview.objects.filter(themes__isnull=True, modifiable="yes").select_related("category")
    for review in reviews:
        codes = CATEGORY_THEMES.get(review.category.code, [])
        review.themes.set([themes[c] for c in codes if c in themes])


def _seed_requests(panel_user, today) -> None:
    """Information requests on the newest unexpected death still waiting for panel: the police
    lead has not answered yet; the hospital's named nurse has."""
    from cdop import services
    from cdop.models import InformationRequest
    from partnership.models import User

    if panel_user is None or InformationRequest.objects.exists():
        return
    death = Death.objects.filter(expectation="unexpected", status__in=rules.WAITING).order_by("-date_notified").first()
    police, health = (User.objects.filter(username=u).first() for u in ("police-lead", "health-lead"))
    if death is None or police is None or health is None:
        return
    sent = max(death.date_notified, today - dt.timedelta(days=14))
    for person, question, answer in (
        (
            police,
            "Any police contact with the child or household in the two years before the death, and any "
            "intelligence about adults living there.",
            "",
        ),
        (
            health,
            "Attendances at the emergency department and the maternity record, including any safeguarding "
            "referrals made.",
            "Two attendances with minor injuries, both with a safeguarding check; no referral was needed.",
        ),
    ):
        info = services.information_request_send(
            death=death,
            by=panel_user,
            agency=person.agency,
            addressee=person,
            question=question,
            due_on=sent + dt.timedelta(days=28),
            today=sent,
        )
        if answer:
            services.information_request_answer(
                request=info,
                by=person,
                version=info.version,
                answer=answer,
                today=min(today, sent + dt.timedelta(days=9)),
            )


KEY_WORKERS = [
    "Specialist nurse for child death reviews, Barnsley Hospital",
    "Bereavement support worker, Children's Services",
    "Named GP for safeguarding, SY ICB",
]


def _seed_deprivation() -> None:
    """Demo cases made before deprivation was recorded hold "not known" (what the migration
    wrote): give them their demo quintile, as a new demo case gets it."""
    for pk, case_number in Death.objects.filter(
        case_number__regex=r"^CD-20[0-9]{2}-[0-9]{3}$", deprivation_quintile=rules.NOT_KNOWN
    ).values_list("pk", "case_number"):
        quintile = _deprivation(case_number)
        if quintile != rules.NOT_KNOWN:
            Death.objects.filter(pk=pk).update(deprivation_quintile=quintile)


def _seed_jar_and_key_workers() -> None:
    """Reasons for responses outside 24 hours, key workers for every case still waiting, and one
    unexpected infant death whose joint agency response is not yet recorded (flagged)."""
    late = [
        d.pk
        for d in Death.objects.filter(jar_held=True, jar_reason="").only("pk", "date_of_death", "jar_date")
        if d.jar_date and not rules.jar_within_timescale(d.date_of_death, d.jar_date)
    ]
    Death.objects.filter(pk__in=late).update(
        jar_reason="Death on a Saturday night: the paediatrician and police met on Monday morning."
    )
    for n, death in enumerate(Death.objects.filter(status__in=rules.WAITING, key_worker="").order_by("pk")):
        Death.objects.filter(pk=death.pk).update(key_worker=KEY_WORKERS[n % len(KEY_WORKERS)])
    infants = Death.objects.filter(expectation="unexpected", age_years=0, status__in=rules.WAITING)
    if not infants.filter(jar_held=False).exists():
        newest = infants.order_by("-date_notified").first()
        if newest is not None:
            Death.objects.filter(pk=newest.pk).update(jar_held=False, jar_date=None)
