"""PAQA's quarter at scale: every agency submitting a tenth of the indicators (schools' bullying
returns and the like) for two years, some late and some missing; ten years of questions on
figures (most closed); PAQA's board and the meeting pack built from every strand's data."""

import datetime as dt
import time
from decimal import Decimal

from bench.harness import Context, Page, Timing


def build(ctx: Context) -> None:
    from django.utils import timezone

    from paqa import rules
    from paqa.models import Question
    from scorecard import calendar
    from scorecard.models import AgencyReturn, Indicator, Submitter

    agencies = ctx.extra["agencies"]
    today = timezone.localdate()
    indicators = list(Indicator.objects.filter(code__startswith="BENCH_").order_by("code"))
    if not indicators:
        raise RuntimeError("The PAQA scenario reads the scorecard's: run it with scorecard (--only scorecard,paqa).")
    submitted = indicators[: max(3, len(indicators) // 10)]
    Submitter.objects.bulk_create(
        Submitter(indicator=i, agency=a, expected_from=today - dt.timedelta(days=3650))
        for i in submitted
        for a in agencies
    )
    returns = []
    for i in submitted:
        for k, (start, end) in enumerate(calendar.previous_periods(i.frequency, today, 24)):
            due_on = calendar.due_date(end, i.due_days)
            for n, agency in enumerate(agencies):
                if k < 2 and n % 7 == 0:
                    continue  # the latest periods: one agency in seven has sent nothing
                late = 9 if n % 5 == 0 else 0
                returns.append(
                    AgencyReturn(
                        indicator=i, agency=agency, period_start=start, period_end=end,
                        numerator=Decimal(40 + n % 30), denominator=Decimal(50), due_on=due_on,
                        submitted_on=due_on + dt.timedelta(days=late), days_late=late,
                    )
                )  # fmt: skip
    AgencyReturn.objects.bulk_create(returns, batch_size=5000)
    questions = []
    paqa = ctx.users["paqa"]
    for year in range(10):
        for n, agency in enumerate(agencies):
            for q in range(2):
                raised = today - dt.timedelta(days=365 * year + 30 * q + n % 20)
                indicator = indicators[(n + q) % len(indicators)]
                still_open = year == 0 and q == 0 and n % 3 == 0
                questions.append(
                    Question(
                        figure_kind="indicator",
                        figure_ref=f"{indicator.code}:{raised.replace(day=1).isoformat()}",
                        figure_label=f"{indicator.name}, {raised:%b %Y}",
                        figure_url=f"/scorecard/indicator/{indicator.code}/",
                        agency=agency,
                        text="Why did this figure move, and what is being done?",
                        due_on=raised + dt.timedelta(days=21),
                        status=rules.OPEN if still_open else rules.CLOSED,
                        raised_by=paqa,
                        raised_on=raised,
                        closed_on=None if still_open else raised + dt.timedelta(days=20),
                    )
                )
    Question.objects.bulk_create(questions, batch_size=5000)
    ctx.extra["paqa_submitters"] = len(submitted) * len(agencies)
    ctx.extra["paqa_returns"] = len(returns)
    ctx.extra["paqa_questions"] = len(questions)


def _pack(ctx: Context):
    def run() -> dict:
        from django.utils import timezone
        from pypdf import PdfReader

        from paqa import pack as builder
        from paqa import services

        started = time.perf_counter()
        pack = services.pack_request(meeting_date=timezone.localdate() + dt.timedelta(days=7), by=None, queue=False)
        built = builder.pack_build(pack_id=pack.pk)
        seconds = time.perf_counter() - started
        with built.pdf.open("rb") as f:
            pages = len(PdfReader(f).pages)
        return {"total_s": round(seconds, 2), "pages": pages, "under_30_s": seconds < 30}

    return run


def pages(ctx: Context) -> list:
    rows = ctx.extra["paqa_returns"] + ctx.extra["paqa_questions"]
    return [
        Page("PAQA board", "/paqa/", ctx.users["paqa"], rows=rows),
        Page("PAQA question log (open)", "/paqa/questions/", ctx.users["paqa"], rows=ctx.extra["paqa_questions"]),
        Timing("PAQA meeting pack", _pack(ctx)),
    ]
