"""Actions at scale: 20,000 SMART actions (scaled) across every agency and sub-committee, a
third of them complete, some overdue, some linked to a source record; the all-actions list,
the dashboard and the exports."""

import datetime as dt
import random
import statistics
import time

from bench.harness import Context, Page, Timing, whole_export

COMMITTEES = [
    ("partnership", "Safeguarding Children Partnership"),
    ("paqa", "Performance, Audit and Quality Assurance"),
    ("case-review", "Case Review"),
    ("ppwpd", "Practice, Procedures and Workforce Professional Development"),
    ("cdop", "Child Death Overview Panel"),
]


def build(ctx: Context) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from actions.models import Action
    from partnership.models import Membership, SubCommittee, User

    rng = random.Random(20)  # noqa: S311 - synthetic data
    n = max(200, int(20_000 * ctx.scale))
    agencies = ctx.extra["agencies"]
    committees = [SubCommittee.objects.get_or_create(code=c, defaults={"name": name})[0] for c, name in COMMITTEES]
    Membership.objects.get_or_create(user=ctx.users["chair"], subcommittee=committees[1], defaults={"is_chair": True})
    owners: dict[int, list[User]] = {}
    for user in User.objects.filter(agency__in=agencies).only("pk", "agency_id"):
        owners.setdefault(user.agency_id, []).append(user)
    action_type = ContentType.objects.get_for_model(Action)
    today = timezone.localdate()
    now = timezone.now()
    batch = []
    for i in range(n):
        agency = agencies[i % len(agencies)]
        due = today + dt.timedelta(days=rng.randint(-700, 300))
        status = rng.choices(["not_started", "in_progress", "complete", "withdrawn"], [20, 40, 35, 5])[0]
        completed_at = None
        if status == "complete":
            completed_at = now - dt.timedelta(days=max(0, (today - due).days + rng.randint(-60, 30)))
        batch.append(
            Action(
                description=f"Bench action {i}: improve the quality of multi-agency referrals in area {i % 37}",
                measure="Quarterly audit of 20 referrals meets the standard in 18",
                owner=rng.choice(owners[agency.pk]),
                agency=agency,
                subcommittee=committees[i % len(committees)] if i % 7 else None,
                due_date=due,
                status=status,
                completed_at=completed_at,
                priority=rng.choice(["high", "medium", "low"]),
                # A tenth are follow-ups of an earlier action (the generic source link).
                source_type=action_type if i % 10 == 0 and i else None,
                source_id=i // 2 + 1 if i % 10 == 0 and i else None,
                source_label=f"Bench action {i // 2}" if i % 10 == 0 and i else "",
            )
        )
    Action.objects.bulk_create(batch, batch_size=2000)
    ctx.extra["actions"] = n


def full_download(url: str, user, repeat: int = 10):
    """The CSV streams, so a Page measures time to the first byte; this reads the whole body."""

    def run() -> dict:
        from django.test import Client

        client = Client()
        client.force_login(user)
        times, size = [], 0
        for _ in range(repeat + 1):
            start = time.perf_counter()
            response = whole_export(client, url)
            size = len(b"".join(response.streaming_content))
            times.append((time.perf_counter() - start) * 1000)
        times = sorted(times[1:])
        return {
            "whole_file_p50_ms": round(statistics.median(times), 1),
            "whole_file_p95_ms": round(times[max(0, int(round(0.95 * len(times))) - 1)], 1),
            "bytes": size,
        }

    return run


def pages(ctx: Context) -> list[Page]:
    n = ctx.extra["actions"]
    return [
        Page("actions: all-actions list (PAQA)", "/actions/", ctx.users["paqa"], rows=n),
        Page("actions: list, overdue filter (PAQA)", "/actions/?overdue=true&page=3", ctx.users["paqa"], rows=n),
        Page("actions: agency list (lead)", "/actions/?status=open", ctx.users["lead"], rows=n),
        Page("actions: dashboard (PAQA)", "/actions/dashboard/", ctx.users["paqa"], rows=n),
        Page(
            "actions: dashboard, chair filter (chair)", "/actions/dashboard/?chaired=true", ctx.users["chair"], rows=n
        ),
        Page("actions: export CSV, first byte (PAQA, all)", "/actions/export.csv", ctx.users["paqa"], rows=n),
        Timing("actions: export CSV, whole file (PAQA, all)", full_download("/actions/export.csv", ctx.users["paqa"])),
        Page("actions: export CSV (PAQA, overdue)", "/actions/export.csv?overdue=true", ctx.users["paqa"], rows=n),
        Page("actions: export XLSX (PAQA, overdue)", "/actions/export.xlsx?overdue=true", ctx.users["paqa"], rows=n),
        Page("home with my actions (lead)", "/", ctx.users["lead"]),
    ]
