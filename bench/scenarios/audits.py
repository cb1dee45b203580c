"""Audits: the audit programme, a practice audit of 200 cases x 6 agencies x 10 standards, and a
random draw from 100,000 candidate cases (all scaled by ctx.scale)."""

import datetime as dt
import random
import time

from bench.harness import Context, Page, Timing

STATUSES = ["planned", "in_progress", "reported", "action_plan_agreed", "follow_up_due", "closed"]


def build(ctx: Context) -> None:
    from audits.models import (
        AgencyAudit,
        Answer,
        AuditCase,
        AuditStandard,
        CaseAgency,
        CaseSample,
        Criterion,
        Escalation,
        Finding,
        FollowUp,
        PracticeAudit,
    )

    agencies = ctx.extra["agencies"]
    paqa = ctx.users["paqa"]
    rng = random.Random(50)
    today = dt.date.today()

    n_audits = max(50, int(2000 * ctx.scale))
    AgencyAudit.objects.bulk_create(
        [
            AgencyAudit(
                agency=agencies[i % len(agencies)],
                title=f"Bench audit {i}",
                theme=rng.choice(["Neglect", "Domestic abuse", "Supervision", "Thresholds", "Voice of the child"]),
                origin=rng.choice(["own", "paqa", "partnership"]),
                status=STATUSES[i % len(STATUSES)],
                due_date=today + dt.timedelta(days=rng.randint(-400, 300)),
                independent=i % 10 == 0,
                auditing_agency=agencies[(i + 1) % len(agencies)] if i % 10 == 0 else None,
            )
            for i in range(n_audits)
        ]
    )
    audits = list(AgencyAudit.objects.order_by("pk"))
    Finding.objects.bulk_create(
        [Finding(audit=a, grade=rng.choice(["good_practice", "improvement", "shortfall"]), text="x") for a in audits]
    )
    FollowUp.objects.bulk_create(
        [
            FollowUp(audit=a, due_date=today + dt.timedelta(days=rng.randint(-60, 60)), requested_by=paqa)
            for a in audits
            if a.status == "follow_up_due"
        ]
    )
    Escalation.objects.bulk_create(
        [Escalation(audit=a, reason="Bench concern", escalated_by=paqa) for a in audits[::25]]
    )
    ctx.extra["audit_count"] = n_audits

    standards = AuditStandard.objects.bulk_create(
        [AuditStandard(code=f"bench-std-{i}", title=f"Bench standard {i}", order=i) for i in range(10)]
    )
    Criterion.objects.bulk_create(
        [
            Criterion(standard=s, code=f"bench-std-{i}-{j}", text=f"Criterion {j} of standard {i}", order=j)
            for i, s in enumerate(standards)
            for j in range(2)
        ]
    )
    criteria = list(Criterion.objects.filter(standard__in=standards))
    audit = PracticeAudit.objects.create(title="Bench practice audit", theme="Neglect", lead=paqa, start_date=today)
    taking_part = agencies[:6]
    audit.standards.set(standards)
    audit.agencies.set(taking_part)
    CaseSample.objects.create(audit=audit, source="bench", loaded_by=paqa)
    n_cases = max(20, int(200 * ctx.scale))
    cases = AuditCase.objects.bulk_create(
        [
            AuditCase(
                audit=audit,
                reference=f"BENCH-{i:05d}",
                position=i,
                grade=rng.choice(["outstanding", "good", "requires_improvement", "inadequate"]),
            )
            for i in range(n_cases)
        ]
    )
    reviews = CaseAgency.objects.bulk_create(
        [
            CaseAgency(
                case=c,
                agency=a,
                completed=True,
                strengths="Timely information sharing." if rng.random() < 0.1 else "",
                learning="Escalation not used." if rng.random() < 0.1 else "",
            )
            for c in cases
            for a in taking_part
        ]
    )
    values = ["met", "partly", "not_met", "na"]
    Answer.objects.bulk_create(
        [
            Answer(case_agency=r, criterion=c, value=rng.choices(values, [6, 2, 1.5, 0.5])[0])
            for r in reviews
            for c in criteria
        ],
        batch_size=5000,
    )
    ctx.extra["practice_audit"] = audit
    ctx.extra["answer_count"] = len(reviews) * len(criteria)
    ctx.extra["candidate_count"] = max(1000, int(100_000 * ctx.scale))


def _candidate_rows(n: int, agencies) -> list[dict]:
    rng = random.Random(7)
    names = [a.name for a in agencies[:8]]
    return [
        {
            "reference": f"CAND-{i:07d}",
            "agencies": ";".join(rng.sample(names, rng.choice([1, 2, 2, 3]))),
            "age_band": rng.choice(["0-4", "5-9", "10-15", "16-17"]),
        }
        for i in range(n)
    ]


def _clean_pure(ctx: Context) -> dict:
    """Reading a candidate list: 100,000 rows checked (references, duplicates, agencies)."""
    from audits import sampling

    rows = _candidate_rows(ctx.extra["candidate_count"], ctx.extra["agencies"])
    lookup = {a.name.lower(): a.pk for a in ctx.extra["agencies"]}
    start = time.perf_counter()
    eligible, excluded = sampling.clean_candidates(rows, lookup)
    seconds = time.perf_counter() - start
    ctx.extra["eligible"] = eligible
    return {"seconds": round(seconds, 3), "rows": len(rows), "eligible": len(eligible), "excluded": len(excluded)}


def _draw_pure(ctx: Context) -> dict:
    """The draw itself: 200 cases, stratified, from the candidate list (the issue's 2-second budget)."""
    from audits import sampling

    eligible = ctx.extra["eligible"]
    start = time.perf_counter()
    chosen = sampling.draw_sample(eligible, 200, seed=2024, stratify_by="age_band")
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 3), "candidates": len(eligible), "drawn": len(chosen)}


def _draw_service(ctx: Context) -> dict:
    """Through the services: store the list (JSON), then draw and create the 200 cases and their agency rows."""
    from audits import practice_services
    from audits.models import PracticeAudit

    paqa = ctx.users["paqa"]
    audit = PracticeAudit.objects.create(title="Bench draw", theme="Sampling", lead=paqa)
    rows = _candidate_rows(ctx.extra["candidate_count"], ctx.extra["agencies"])
    start = time.perf_counter()
    sample = practice_services.candidates_load(audit=audit, by=paqa, rows=rows, source="bench")
    loaded = time.perf_counter()
    practice_services.sample_draw(audit=audit, by=paqa, size=200, seed=2024, stratify_by="age_band")
    drawn = time.perf_counter()
    return {
        "load_seconds": round(loaded - start, 3),
        "draw_seconds": round(drawn - loaded, 3),
        "candidates": len(rows),
        "eligible": len(sample.candidates),
    }


def pages(ctx: Context) -> list:
    from django.urls import reverse

    audit = ctx.extra["practice_audit"]
    analysis = reverse("audits:practice_analysis", args=[audit.pk])
    n = ctx.extra["audit_count"]
    return [
        Page("audit programme (PAQA)", "/audits/", ctx.users["paqa"], rows=n),
        Page("audit programme (agency lead)", "/audits/", ctx.users["lead"], rows=n),
        Page(
            "audit programme filtered (PAQA)", "/audits/?status=follow_up_due&overdue=true", ctx.users["paqa"], rows=n
        ),
        Page("audit programme CSV export", "/audits/export.csv", ctx.users["paqa"], rows=n),
        Page("practice audit analysis (PAQA)", analysis, ctx.users["paqa"], rows=ctx.extra["answer_count"]),
        Page("practice audit analysis (agency lead)", analysis, ctx.users["lead"], rows=ctx.extra["answer_count"]),
        Timing("candidate list check (pure)", lambda: _clean_pure(ctx)),
        Timing("sample draw (pure)", lambda: _draw_pure(ctx)),
        Timing("candidate load and sample draw (services)", lambda: _draw_service(ctx)),
    ]
