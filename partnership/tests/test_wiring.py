"""What the apps register once they are ready, pinned: the navigation, home panels, framework
loaders, demo seeders, lists, report sources, figure kinds, retention rules, theme sources and
the beat schedule. Each app declares its part on its config (`partnership.registry.StrandConfig`);
a change here is a change people see (menus, home page, "Lists", PAQA's pages) or a job that runs."""

import ast
from pathlib import Path

from django.conf import settings

from bscp_portal.schedule import STRAND_APPS
from partnership.registry import HomePanel, Keyed, NavItem, Ordered, registry

ROOT = Path(__file__).resolve().parents[2]


def named(function) -> str:
    return f"{function.__module__}.{function.__qualname__}"


NAV = [
    ("Actions", "actions:index", 20, ""),
    ("Scorecard", "scorecard:index", 30, "/scorecard/"),
    ("Section 11", "section11:index", 40, "/section11/"),
    ("Audits", "audits:index", 50, ""),
    ("Reviews", "reviews:index", 60, "/reviews/"),
    ("Conferences", "conferences:index", 70, "/conferences/"),
    ("Child deaths", "cdop:index", 80, ""),
    ("Reports", "annual_report:index", 85, ""),
    ("Annual report", "annual_report:annual", 86, ""),
    ("Partnership", "governance:index", 88, "/partnership/performance/"),
    ("PAQA", "paqa:board", 89, "/paqa/"),
    ("Agencies", "partnership:index", 90, ""),
]


def test_the_navigation_in_order():
    assert [(i.label, i.url_name, i.order, i.match) for i in registry.nav] == NAV
    own_rule = {i.url_name: named(i.visible) for i in registry.nav if i.visible is not NavItem.visible}
    assert own_rule == {
        "cdop:index": "cdop.apps.signed_in",
        "annual_report:index": "annual_report.apps.sees_reports",
        "annual_report:annual": "annual_report.apps.signs_off_only",
        "paqa:board": "paqa.access.sees_board",
    }


def test_the_home_panels_in_order():
    assert [(p.key, p.order, named(p.render)) for p in registry.home_panels] == [
        ("my-actions", 20, "actions.home.render"),
        ("scorecard", 30, "scorecard.home.render"),
        ("section11", 40, "section11.home.render"),
        ("audits", 50, "audits.home.render"),
        ("reviews", 60, "reviews.panels.home_panel"),
        ("conferences", 70, "conferences.home.panel"),
        ("cdop", 80, "cdop.apps._home_panel"),
        ("governance", 85, "governance.panels.render"),
    ]


#: Each strand's place: its demo seeder's, and its framework loader's where it has one.
STRAND_ORDER = {
    "partnership": 10,
    "actions": 20,
    "scorecard": 30,
    "section11": 40,
    "audits": 50,
    "reviews": 60,
    "conferences": 70,
    "cdop": 80,
    "governance": 85,
    "paqa": 95,
    "annual_report": 95,
}


def test_the_framework_loaders_and_demo_seeders_in_order():
    assert [(s.name, s.order, named(s.run)) for s in registry.framework_loaders] == [
        (name, order, f"{name}.framework.load")
        for name, order in STRAND_ORDER.items()
        if name not in ("actions", "paqa", "annual_report")
    ]
    assert [(s.name, s.order, named(s.run)) for s in registry.demo_seeders] == [
        (name, order, f"{name}.demo.seed") for name, order in STRAND_ORDER.items()
    ]


def test_the_lists_the_business_unit_keeps():
    lists = {k: (e.group, e.order, e.extra_fields, e.intro, e.own_page) for k, e in registry.lookups.items()}
    plain = {
        f"partnership-{m}": ("Partnership", 10) for m in ("outcomearea", "qaquadrant", "risktheme", "learningtheme")
    }
    plain |= {"reviews-methodology": ("Reviews", 60), "conferences-latereason": ("Conferences", 70)}
    plain |= {f"cdop-{m}": ("Child deaths", 80) for m in ("factordomain", "ethnicity", "area")}
    assert lists == {
        "partnership-subcommittee": ("Partnership", 10, (), "", "partnership:index"),
        "conferences-standard": ("Conferences", 70, (), "The conference standards checklist.", ""),
        "cdop-category": ("Child deaths", 80, ("number",), "", ""),
    } | {key: (*where, (), "", "") for key, where in plain.items()}
    assert [e.model.__name__ for e in registry.lookup_lists()] == [
        *("LearningTheme", "OutcomeArea", "QAQuadrant", "RiskTheme", "SubCommittee", "Methodology"),
        *("Standard", "LateReason", "Area", "Category", "FactorDomain", "Ethnicity"),
    ]


def test_the_report_sources_figure_kinds_retention_and_theme_sources():
    assert [(s.kind, s.order, named(s.candidates)) for s in registry.report_sources] == [
        (kind, order, f"{app}.routing.candidates")
        for kind, app, order in [
            ("section11", "section11", 40),
            ("audits", "audits", 50),
            ("reviews", "reviews", 60),
            ("conferences", "conferences", 70),
            ("cdop", "cdop", 80),
            ("subcommittee", "governance", 85),
        ]
    ]
    assert {k: (f.label, named(f.resolve)) for k, f in registry.figure_kinds.items()} == {
        "indicator": ("Indicator value", "scorecard.figures.resolve"),
        "s11_rating": ("Section 11 rating", "section11.figures.resolve"),
        "audit_finding": ("Audit finding", "audits.figures.resolve"),
        "conference_attendance": ("Conference attendance", "conferences.figures.resolve"),
    }
    assert [(r.strand, r.what, named(r.apply)) for r in registry.retention] == [
        ("cdop", "cases' details anonymised", "cdop.services.cases_anonymise"),
        ("conferences", "conferences' case references anonymised", "conferences.services.conferences_anonymise"),
        ("exports", "exports built in the background deleted", "partnership.export_jobs.export_jobs_prune"),
        ("partnership", "security-log rows and login attempts deleted", "partnership.services.security_log_prune"),
    ]
    assert [(t.key, t.label, t.order, named(t.counts)) for t in registry.theme_sources] == [
        ("case_reviews", "Case reviews", 10, "reviews.summary.case_review_themes"),
        ("themed_reviews", "Themed reviews", 20, "reviews.summary.themed_review_themes"),
        ("inspections", "Inspections", 30, "reviews.summary.inspection_themes"),
        ("agency_audits", "Single-agency audits", 40, "audits.summary.agency_audit_themes"),
        ("practice_audits", "Multi-agency audits", 50, "audits.summary.practice_audit_themes"),
        ("cdop", "Child death reviews", 60, "cdop.summary.theme_counts"),
    ]


def test_paqa_answers_for_the_question_log_and_the_dataset_review():
    hooks = [registry.figure_questions, registry.figure_question_counts, *vars(registry.dataset_review).values()]
    assert [named(f) for f in hooks] == [
        "paqa.selectors.questions_on_figures",
        "paqa.selectors.question_markers",
        "paqa.selectors.retired_excluded",
        "paqa.selectors.review_note",
    ]


def test_the_beat_schedule():
    beats = {key: (entry["task"], str(entry["schedule"])) for key, entry in settings.CELERY_BEAT_SCHEDULE.items()}
    at = "<crontab: {} (m/h/dM/MY/d)>".format
    assert beats == {
        "partnership-daily-retention": ("partnership.tasks.apply_retention", at("30 2 * * *")),
        "actions-daily-owner-reminders": ("actions.tasks.daily_owner_reminders", at("0 7 * * *")),
        "actions-weekly-chair-digests": ("actions.tasks.weekly_chair_digests", at("30 7 * * mon")),
        "scorecard-daily-return-reminders": ("scorecard.tasks.return_reminders", at("15 7 * * *")),
        "section11-daily-reminders": ("section11.tasks.daily_reminders", at("15 7 * * *")),
        "section11-late-escalations": ("section11.tasks.open_late_escalations", at("30 7 * * *")),
        "audits-follow-up-reminders": ("audits.tasks.send_follow_up_reminders", at("15 7 * * *")),
        "conferences-recompute-indicators": ("conferences.tasks.recompute_indicators", at("30 2 * * *")),
        "conferences-recompute-closed-month": ("conferences.tasks.recompute_closed_month", at("20 0 1 * *")),
        "cdop-weekly-waiting-reminder": ("cdop.tasks.send_waiting_reminders", at("40 7 * * mon")),
        "governance-training-follow-up-reminders": ("governance.tasks.daily_follow_up_reminders", at("25 7 * * *")),
        "annual-report-requeue-stalled": ("annual_report.tasks.requeue_stalled", at("*/5 * * * *")),
    }


def test_an_apps_config_imports_none_of_its_own_modules_when_loaded():
    """Apps are not ready while their configs are imported: what they name is imported in ready()."""
    for app in STRAND_APPS:
        tree = ast.parse((ROOT / app / "apps.py").read_text())
        imported = {node.module for node in tree.body if isinstance(node, ast.ImportFrom)}
        assert imported <= {"partnership.registry"}, app


def test_registering_again_under_the_same_key_replaces_and_keeps_the_order():
    panels = Ordered("key")
    for panel in [HomePanel("b", 20, print), HomePanel("a", 10, print), HomePanel("b", 5, repr)]:
        panels.add(panel)
    assert [(p.key, p.order, p.render) for p in panels] == [("b", 5, repr), ("a", 10, print)]
    kinds = Keyed("key")
    kinds.add(HomePanel("a", 1, print))
    kinds.add(HomePanel("a", 2, repr))
    assert list(kinds.items()) == [("a", HomePanel("a", 2, repr))]
