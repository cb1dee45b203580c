"""What each section of the annual report says, read from every strand's public summary.

One function per section returns the plain context its part of the PDF template prints; the
business unit's approved narrative goes above it. Where the portal holds no evidence for the
year, the section says so in one line.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from annual_report.formatting import dfe_pct
from annual_report.svg import run_chart
from annual_report.yearvalue import direction, is_snapshot, year_value

BODY_ROWS = 12  # longer lists go to the appendix; the body shows exceptions and the top items
PERFORMANCE_ROWS = 30  # indicators with a target in the body's table (red and amber first)


def money(value) -> str:
    """Pounds, whole, with thousands separators; ":" when not recorded."""
    if value is None:
        return ":"
    return f"£{Decimal(value).quantize(Decimal(1)):,}"


def pct(value) -> str:
    if value is None:
        return ":"
    return value if isinstance(value, str) else f"{dfe_pct(value)}%"


def number(value, decimals: int = 0) -> str:
    if value is None or value == "":
        return ":"
    if isinstance(value, str):
        return value
    value = Decimal(str(value))
    if decimals == 0 and value == value.to_integral():
        return f"{int(value):,}"
    return f"{value.quantize(Decimal(1).scaleb(-decimals)):,}"


def fmt_unit(value, unit: str, decimals: int) -> str:
    if value is None:
        return ":"
    text = number(value, decimals)
    return f"{text}%" if unit == "percentage" else text


def day(value) -> str:
    return f"{value:%-d %B %Y}" if value else ""


@dataclass
class Appendix:
    """Full tables behind the body's short ones, written to CSV / XLSX."""

    tables: list = field(default_factory=list)  # (title, columns, rows)

    def add(self, title: str, columns: list[str], rows: list[list]) -> None:
        if rows:
            self.tables.append((title, columns, rows))


def _summary(app: str, **kwargs):
    import importlib

    return importlib.import_module(f"{app}.summary").annual_summary(**kwargs)


def previous_year(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    return start.replace(year=start.year - 1), end.replace(year=end.year - 1)


# -- sections ---------------------------------------------------------------------------------


def arrangements(start, end, user, appendix) -> dict:
    from partnership.models import Agency, SubCommittee

    agencies = list(Agency.objects.filter(active=True).order_by("name"))
    labels = dict(Agency._meta.get_field("kind").choices)
    by_kind: dict[str, list[str]] = {}
    for a in agencies:
        if not a.statutory_partner:
            by_kind.setdefault(labels.get(a.kind, a.kind), []).append(a.short_name or a.name)
    governance = _summary("governance", start=start, end=end, user=user)
    from django.db.models import Count

    committees = SubCommittee.objects.annotate(n=Count("memberships")).order_by("name")
    return {
        "partners": [a.name for a in agencies if a.statutory_partner],
        "relevant": sorted(by_kind.items()),
        "relevant_count": sum(len(v) for v in by_kind.values()),
        "committees": [(c.name, c.n) for c in committees],
        "attendance": governance["attendance"],
        "has_data": bool(agencies),
    }


def priorities(start, end, user, appendix) -> dict:
    from governance.summary import plan_progress

    plan = plan_progress(start=start, end=end, user=user)
    if plan is None:
        return {"has_data": False}
    little = []
    for p in plan["priorities"]:
        for o in p["objectives"]:
            if o["rag"] == "RED" or o["lagging"]:
                little.append(
                    {
                        "objective": o["title"],
                        "rating": o["rag_label"],
                        "why": o["explanation"],
                        "lagging": o["lagging"],
                    }
                )
    lagging_rows = [
        [x["objective"], a["description"], a["agency"], day(a["due_date"]), a["status_label"]]
        for x in little
        for a in x["lagging"]
    ]
    appendix.add(
        "Business plan actions overdue at the year end or withdrawn",
        ["Objective", "Action", "Agency", "Due", "State"],
        lagging_rows,
    )
    for x in little:
        x["shown"] = x["lagging"][:3]
        x["more"] = max(0, len(x["lagging"]) - 3)
    return {"has_data": True, **plan, "little": little}


def performance(start, end, user, appendix) -> dict:
    from scorecard.population import child_population, per_10000
    from scorecard.rag import Rag, rag_rating
    from scorecard.summary import year_figures

    prev_start, prev_end = previous_year(start, end)
    population = child_population(settings.SCORECARD_LOCAL_AUTHORITY, end.year)
    rows, volume = [], []
    footnote_used = False
    for f in year_figures(start=start, end=end, user=user):
        of_year = partial(
            year_value, unit=f["unit"], decimals=f["decimals"], snapshot=is_snapshot(f["name"], f["definition"])
        )
        yv = of_year(points=f["points"], year_start=start, year_end=end)
        if yv.value is None:
            continue
        pv = of_year(points=f["previous"], year_start=prev_start, year_end=prev_end)
        rag = rag_rating(yv.value, f["target"], f["polarity"])
        previous_rag = rag_rating(pv.value, f["target"], f["polarity"]) if pv.value is not None else None
        below = (
            rag == Rag.GREEN
            and f["target"] is not None
            and (
                (f["polarity"] == "higher" and yv.value < f["target"])
                or (f["polarity"] == "lower" and yv.value > f["target"])
            )
        )
        mark = ""
        if below and not footnote_used:
            mark, footnote_used = "*", True
        elif below:
            mark = "*"
        comps = f["comparators"]
        rate = previous_rate = ""
        if f["unit"] == "count" and population:
            rate = number(per_10000(yv.value, population.children), 1)
            previous_rate = number(per_10000(pv.value, population.children), 1) if pv.value is not None else ":"
        row = {
            "code": f["code"],
            "name": f["name"],
            "unit": f["unit_label"],
            "value": fmt_unit(yv.value, f["unit"], f["decimals"]),
            "raw_value": yv.value,
            "numerator": number(yv.numerator) if yv.numerator is not None else "",
            "denominator": number(yv.denominator) if yv.denominator is not None else "",
            "method": yv.method,
            "periods": yv.periods,
            "previous": fmt_unit(pv.value, f["unit"], f["decimals"]),
            "direction": direction(yv.value, pv.value, f["polarity"]),
            "target": fmt_unit(f["target"], f["unit"], f["decimals"]) if f["target"] is not None else "",
            "rag": rag.value,
            "previous_rag": previous_rag.value if previous_rag else "",
            "rag_label": rag.label if hasattr(rag, "label") else str(rag),
            "mark": mark,
            "england": fmt_unit(comps.get("england"), f["unit"], f["decimals"]) if "england" in comps else "",
            "region": fmt_unit(comps.get("region"), f["unit"], f["decimals"]) if "region" in comps else "",
            "neighbours": fmt_unit(comps.get("stat_neighbours"), f["unit"], f["decimals"])
            if "stat_neighbours" in comps
            else "",
            "rate": rate,
            "previous_rate": previous_rate,
            "category": f["category"],
            "outcome_area": f["outcome_area"],
        }
        (rows if f["target"] is not None else volume).append(row)
    order = {"RED": 0, "AMBER": 1, "GREEN": 2, "NOT_RATED": 3}
    rows.sort(key=lambda r: (order.get(r["rag"], 4), r["name"]))
    counts = {k: sum(1 for r in rows if r["rag"] == k) for k in ("GREEN", "AMBER", "RED")}
    # Last year's figures against this year's targets, for the executive summary's comparison.
    previous_rated = [r for r in rows if r["previous_rag"]]
    previous_counts = {
        "rated": len(previous_rated),
        "GREEN": sum(1 for r in previous_rated if r["previous_rag"] == "GREEN"),
    }
    appendix.add(
        "Performance: every indicator with a figure for the year",
        ["Indicator", "Unit", "Year value", "How the year value is worked out", "Numerator", "Denominator",
         "Per 10,000 children", "Previous year", "Previous year per 10,000 children", "Change", "Target", "Rating",
         "England", "Region", "Statistical neighbours"],
        [[r["name"], r["unit"], r["value"], r["method"], r["numerator"], r["denominator"], r["rate"], r["previous"],
          r["previous_rate"], r["direction"], r["target"], r["rag_label"], r["england"], r["region"],
          r["neighbours"]]
         for r in rows + volume],
    )  # fmt: skip
    return {
        "has_data": bool(rows or volume),
        "rows": rows,
        # The body's table: red and amber first, cut at PERFORMANCE_ROWS (every row is in the appendix).
        "rows_shown": rows[:PERFORMANCE_ROWS],
        "rows_more": max(0, len(rows) - PERFORMANCE_ROWS),
        "volume": volume[:BODY_ROWS],
        "volume_more": max(0, len(volume) - BODY_ROWS),
        "counts": counts,
        "previous_counts": previous_counts,
        "footnote": footnote_used or any(r["mark"] for r in rows),
        "green_pct": getattr(settings, "RAG_GREEN_PCT", 95),
        "population": population,
        "population_text": number(population.children) if population else "",
        "key": key_charts(end, user),
    }


def _run_label(period_start: dt.date, period_end: dt.date) -> str:
    if (period_end - period_start).days < 40:
        return f"{period_end:%b %y}"
    if (period_end - period_start).days < 100:
        return f"{period_start:%b}-{period_end:%b %y}"
    return f"{period_start:%Y}-{period_end:%y}"


def key_charts(end: dt.date, user) -> list[dict]:
    """The key indicators' run charts with their variation and assurance icons (Making Data Count)."""
    from scorecard import spc_icons
    from scorecard.spc import COLOURS
    from scorecard.summary import key_indicator_runs

    out = []
    for k in key_indicator_runs(end=end, user=user):
        suffix = "%" if k["unit"] == "percentage" else ""
        points = [(_run_label(a, b), float(v), COLOURS[kind]) for a, b, v, kind in k["points"]]
        target = float(k["target"]) if k["target"] is not None else None
        svg = run_chart(
            title=f"{k['name']}{' (per 10,000 children)' if k['unit'] == 'rate_per_10000' else ''}",
            points=points,
            mean=k["mean"],
            lower=k["lower"],
            upper=k["upper"],
            target=target,
            stretch_from=k["stretch_from"],
            suffix=suffix,
        )

        def fig(v, d=1, suffix=suffix):
            return "" if v is None else f"{number(round(v, d), d)}{suffix}"

        alt = [
            f"Run chart of {k['name']}: {len(points)} figures from {points[0][0]} to {points[-1][0]}, "
            f"the latest {fig(points[-1][1])}."
        ]
        if k["mean"] is not None:
            alt.append(f"Mean {fig(k['mean'])}, process limits {fig(k['lower'])} to {fig(k['upper'])}.")
        if target is not None:
            alt.append(f"Target {fig(target)}.")
        variation, assurance = k["variation"], k["assurance"]
        alt.append(variation.label + "." if variation else k["warning"])
        if assurance:
            alt.append(f"Assurance: {assurance.label.lower()}.")
        out.append(
            {
                "name": k["name"],
                "chart": data_uri(svg),
                "alt": " ".join(a for a in alt if a),
                "variation": variation,
                "variation_icon": data_uri(spc_icons.variation_svg(variation)) if variation else "",
                "variation_text": VARIATION_WORDS.get(variation.kind, "") if variation else "",
                "assurance": assurance,
                "assurance_icon": data_uri(spc_icons.assurance_svg(assurance)) if assurance else "",
                "assurance_text": ASSURANCE_WORDS.get(assurance.value, "") if assurance else "",
                "warning": k["warning"],
            }
        )
    return out


VARIATION_WORDS = {
    "common_cause": "The figures move within their usual range: nothing unusual has changed.",
    "improvement": "Something has changed for the better: the latest figures are outside the usual pattern.",
    "concern": "Something has changed for the worse: the latest figures are outside the usual pattern.",
    "neither": "The latest figures are outside the usual pattern (this measure has no better direction).",
}
ASSURANCE_WORDS = {
    "pass": "If nothing changes, the target will be met every month.",
    "fail": "If nothing changes, the target will be missed every month: the way the work is done must change.",
    "hit_and_miss": "The target lies within the usual range: it will be met in some months and missed in others.",
}


def data_uri(svg: str) -> str:
    import base64

    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def section11(start, end, user, appendix) -> dict:
    s = _summary("section11", start=start, end=end, user=user)
    if s["round"] is None:
        return {"has_data": False}
    return {"has_data": True, **s, "overall": pct(s["overall_compliance"]),
            "previous": pct(s["previous_overall_compliance"])}  # fmt: skip


def audits(start, end, user, appendix) -> dict:
    s = _summary("audits", start=start, end=end, user=user)
    if s.get("no_data"):
        return {"has_data": False}
    p = s["practice"]
    return {
        "has_data": True,
        "single": s["single_agency"],
        "practice": p["audits"],
        "cases": p["cases"],
        "overall": {k: pct(v) for k, v in p["overall"].items()},
        "standards": [(t, pct(c)) for t, c in p["standards"]],
        "grades": [(g, n, pct(x)) for g, n, x in p["grades"]],
        "outstanding": s["recommendations_outstanding"],
    }


def conferences(start, end, user, appendix) -> dict:
    s = _summary("conferences", start=start, end=end, user=user)
    if not s.get("available") or not s.get("conferences"):
        return {"has_data": False}
    appendix.add(
        "Conferences: attendance and reports by agency",
        ["Agency", "Invited", "Attended (%)", "Reports on time (%)"],
        [[a["name"], a["invited"], dfe_pct(a["attendance_pct"]), dfe_pct(a["reports_on_time_pct"])]
         for a in s["agencies"]],
    )  # fmt: skip
    return {"has_data": True, **s, "agencies_shown": s["agencies"][:BODY_ROWS],
            "agencies_more": max(0, len(s["agencies"]) - BODY_ROWS)}  # fmt: skip


def voice(start, end, user, appendix) -> dict:
    c = _summary("conferences", start=start, end=end, user=user)
    r = _summary("reviews", start=start, end=end, user=user)
    items = []
    if c.get("available") and c.get("conferences"):
        items.append(
            (
                "Conferences where the child's views were heard (attended or views given)",
                pct(c["child_voice_pct"]),
                f"of {number(c['conferences'])} conferences",
            )
        )
        items.append(
            (
                "Conferences a parent attended",
                pct(c["parents_attended_pct"]),
                f"of {number(c['conferences'])} conferences",
            )
        )
    if c.get("questionnaires"):
        items.append(
            ("Conference questionnaires returned by parents and young people", number(c["questionnaires"]), "")
        )
        items.append(("Questionnaire answers agreeing (positive)", pct(c["satisfaction_pct"]), ""))
    feedback_total = sum(f["n"] for f in r["feedback"])
    if feedback_total:
        items.append(("Practitioners' feedback on learning received", number(feedback_total), ""))
        items.append(
            (
                "Said the learning changed their practice, fully or in part",
                pct(r["feedback_changed_practice_pct"]),
                f"of {number(feedback_total)}",
            )
        )
    policy = [t for t in r["themed_reviews"] if t.get("policy_change")]
    return {"has_data": bool(items or policy), "items": items, "policy": policy[:BODY_ROWS]}  # fmt: skip


def reviews(start, end, user, appendix) -> dict:
    from reviews.summary import case_reviews_for_report, recommendations_for_report

    s = _summary("reviews", start=start, end=end, user=user)
    cases = case_reviews_for_report(start=start, end=end, user=user)
    recs = recommendations_for_report(end=end, user=user)
    appendix.add(
        "Review recommendations and where their actions stand",
        ["Review", "No.", "Recommendation", "Agency", "Made", "State", "Actions", "Complete", "Overdue"],
        [[r["review"], r["number"], r["text"], r["agency"], day(r["made_on"]), r["status_label"],
          r["actions_total"], r["actions_complete"], r["actions_overdue"]] for r in recs],
    )  # fmt: skip
    # The body: open recommendations first (most overdue actions first), then the rest.
    recs.sort(key=lambda r: (r["status_label"] != "Open", -r["actions_overdue"], r["review"], r["number"]))
    has = bool(cases or recs or s["briefings"] or s["events"])
    return {"has_data": has, **s, "cases": cases, "recs": recs[:BODY_ROWS], "recs_more": max(0, len(recs) - BODY_ROWS),
            "recs_total": len(recs)}  # fmt: skip


def training(start, end, user, appendix) -> dict:
    g = _summary("governance", start=start, end=end, user=user)
    t = g["training"]
    return {"has_data": bool(t["sessions"]), **t, "recommend": pct(t["recommend_pct"])}


def cdop(start, end, user, appendix) -> dict:
    from cdop.summary import annual_summary

    # Published figures: read as someone who is not a panel member, so that every small number
    # is suppressed by the CDOP's own function, exactly as on its web pages.
    s = annual_summary(start=start, end=end, user=AnonymousUser())
    has = s["deaths_notified"] is not None or s["reviews_completed"] is not None
    pooled = s["pooled"] or {}
    cuts = []
    for caption, heading, key in (
        ("Reviews completed by category of death", "Category", "category"),
        ("Reviews completed: modifiable factors identified", "Modifiable factors", "modifiable"),
        ("Reviews completed: time from the death to the review", "Time to review", "timeliness"),
    ):
        rows = s["by_category" if key == "category" else key]
        if rows:
            cuts.append((caption, heading, list(zip(rows, pooled.get(key) or [{}] * len(rows), strict=True))))
    # The panel's analysis by the child's characteristics: the same published cells.
    for c in s["characteristics"]:
        rows = c["rows"]
        cuts.append((c["title"], c["heading"], list(zip(rows, pooled.get(c["key"]) or [{}] * len(rows), strict=True))))
    return {"has_data": has, **s, "cuts": cuts}


def funding(start, end, user, appendix) -> dict:
    from governance.summary import funding_by_partner

    f = funding_by_partner(start=start, end=end, user=user)
    if not (f["contributions"] or f["spend"]):
        return {"has_data": False}
    appendix.add(
        "Budget pressures reported by agencies",
        ["Agency", "Pressure", "Impact on safeguarding", "Risk", "Mitigations", "Reported"],
        [[p["agency"], p["description"], p["impact"], p["risk"], p["mitigations"], day(p["reported_on"])]
         for p in f["pressures"]],
    )  # fmt: skip
    agreed = sum((c["agreed"] or 0) for c in f["contributions"])
    received = sum((c["received"] or 0) for c in f["contributions"])
    budget = sum((s["budget"] or 0) for s in f["spend"])
    actual = sum((s["actual"] or 0) for s in f["spend"])
    return {
        "has_data": True,
        "contributions": [{**c, "agreed": money(c["agreed"]), "received": money(c["received"])} for c in f["contributions"]],
        "spend": [{**s, "budget": money(s["budget"]), "actual": money(s["actual"])} for s in f["spend"]],
        "pressures": f["pressures"][:5],
        "pressures_more": max(0, len(f["pressures"]) - 5),
        "totals": {"agreed": money(agreed), "received": money(received), "budget": money(budget), "actual": money(actual)},
    }  # fmt: skip


def _mentions(text: str, words: tuple[str, ...]) -> bool:
    text = (text or "").lower()
    return any(w in text for w in words)


EARLY_HELP_WORDS = ("early help", "early years")


def early_help(start, end, user, appendix, ctx=None) -> dict:
    """The business plan's early help objectives and any indicator of early help."""
    ctx = ctx or {}
    plan = ctx.get("priorities", {})
    objectives = [
        o for p in plan.get("priorities", []) for o in p["objectives"] if _mentions(o["title"], EARLY_HELP_WORDS)
    ]
    perf = ctx.get("performance", {})
    indicators = [r for r in perf.get("rows", []) + perf.get("volume", []) if _mentions(r["name"], EARLY_HELP_WORDS)]
    return {"has_data": bool(objectives or indicators), "objectives": objectives, "indicators": indicators}


def workforce(start, end, user, appendix, ctx=None) -> dict:
    """What the portal holds on the workforce: training, practitioners' feedback on learning and
    the Section 11 standards on staff training and safer recruitment."""
    ctx = ctx or {}
    items = []
    t = ctx.get("training", {})
    if t.get("has_data"):
        items.append(
            ("Places taken on multi-agency training", number(t["places"]), f"in {number(t['sessions'])} sessions")
        )
        if t.get("recommend_pct") is not None:
            items.append(("Trainees who would recommend their course", pct(t["recommend_pct"]), ""))
    r = _summary("reviews", start=start, end=end, user=user)
    feedback = sum(f["n"] for f in r["feedback"])
    if feedback:
        items.append(("Practitioners who gave feedback on learning from reviews", number(feedback), ""))
        items.append(("Of them, said it changed their practice, fully or in part",
                      pct(r["feedback_changed_practice_pct"]), ""))  # fmt: skip
    standards = []
    s11 = ctx.get("section11", {})
    for s in s11.get("by_standard", []) if s11.get("has_data") else []:
        if _mentions(s["title"], ("training", "recruitment")):
            standards.append(s)
    return {"has_data": bool(items or standards), "items": items, "standards": standards}


def outcomes(start, end, user, appendix, performance_ctx=None) -> dict:
    """Each of the five outcome areas with how its indicators were rated for the year."""
    from partnership.models import OutcomeArea

    rows = (performance_ctx or {}).get("rows", []) + (performance_ctx or {}).get("volume", [])
    areas: dict[str, dict] = {
        a.name: {"indicators": 0, "GREEN": 0, "AMBER": 0, "RED": 0}
        for a in OutcomeArea.objects.order_by("order", "name")
    }
    for r in rows:
        if r["outcome_area"]:
            a = areas.setdefault(r["outcome_area"], {"indicators": 0, "GREEN": 0, "AMBER": 0, "RED": 0})
            a["indicators"] += 1
            if r["rag"] in a:
                a[r["rag"]] += 1
    return {"has_data": any(a["indicators"] for a in areas.values()), "areas": list(areas.items())}


def next_year(start, end, user, appendix) -> dict:
    from governance.summary import next_priorities

    items = next_priorities(end=end, user=user)
    return {"has_data": bool(items), "priorities": items}


def headlines(start, end, user, ctx) -> list[dict]:
    """The executive summary's headline figures, each with last year's and the direction."""
    ps, pe = previous_year(start, end)
    out = []

    def add(label, cur, prev, polarity, fmt=pct):
        if cur is None and prev is None:
            return
        out.append(
            {
                "label": label,
                "value": fmt(cur),
                "previous": fmt(prev),
                "direction": direction(
                    None if isinstance(cur, str) else cur, None if isinstance(prev, str) else prev, polarity
                ),
            }
        )

    perf = ctx["performance"]
    if perf.get("has_data"):
        rated, before = len(perf["rows"]), perf["previous_counts"]
        now_share = Decimal(perf["counts"]["GREEN"]) / rated if rated else None
        then_share = Decimal(before["GREEN"]) / before["rated"] if before["rated"] else None
        out.append(
            {
                "label": "Indicators with a target rated green (last year: the same targets)",
                "value": f"{perf['counts']['GREEN']} of {rated}",
                "previous": f"{before['GREEN']} of {before['rated']}" if before["rated"] else ":",
                "direction": direction(now_share, then_share, "higher"),
            }
        )
    a_now = _summary("actions", start=start, end=end, user=user)
    a_prev = _summary("actions", start=ps, end=pe, user=user)
    add("Actions signed off by their due date", a_now["on_time_pct"], a_prev["on_time_pct"], "higher")
    add("Actions overdue at the year end", a_now["overdue_at_end"], a_prev["overdue_at_end"], "lower", fmt=number)
    c_now = _summary("conferences", start=start, end=end, user=user)
    c_prev = _summary("conferences", start=ps, end=pe, user=user)
    if c_now.get("available"):
        add("Initial conferences within 15 working days", c_now["icpc_15wd_pct"], c_prev["icpc_15wd_pct"], "higher")
        add("Review conferences in timescale", c_now["reviews_in_time_pct"], c_prev["reviews_in_time_pct"], "higher")
    s11 = ctx["section11"]
    if s11.get("has_data"):
        add(
            "Section 11 standards met (agreed ratings)",
            s11["overall_compliance"],
            s11["previous_overall_compliance"],
            "higher",
        )
    g_now = _summary("governance", start=start, end=end, user=user)
    g_prev = _summary("governance", start=ps, end=pe, user=user)
    add("Meeting attendance by agencies", g_now["attendance"]["rate"], g_prev["attendance"]["rate"], "higher")
    add("Training places attended", g_now["training"]["places"] or None, g_prev["training"]["places"] or None,
        "higher", fmt=number)  # fmt: skip
    return out


SECTION_BUILDERS = {
    "arrangements": arrangements,
    "priorities": priorities,
    "performance": performance,
    "section11": section11,
    "audits": audits,
    "conferences": conferences,
    "voice": voice,
    "reviews": reviews,
    "training": training,
    "cdop": cdop,
    "funding": funding,
    "next-year": next_year,
}

#: Sections read from the ones built before them (the plan, performance, training, Section 11).
CONTEXT_BUILDERS = {"early-help": early_help, "workforce": workforce}
