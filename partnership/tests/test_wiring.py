"""What the apps register once they are ready, pinned: the navigation, home panels, framework
loaders, demo seeders, lists, report sources, figure kinds, retention rules, theme sources, PAQA's
hooks and the beat schedule, as `wiring.json` beside this file records them. Each app declares its
part on its config (`partnership.registry.StrandConfig`); a change here is a change people see
(menus, home page, "Lists", PAQA's pages) or a job that runs, so the file changes with it."""

import ast
import json
from pathlib import Path

import pytest
from django.conf import settings

from bscp_portal.schedule import STRAND_APPS
from partnership.registry import HomePanel, Keyed, NavItem, Ordered, registry

ROOT = Path(__file__).resolve().parents[2]
PINNED = json.loads((Path(__file__).parent / "wiring.json").read_text())


def named(function) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def wiring() -> dict[str, list]:
    """Everything registered, in the registry's own order, as plain values."""
    return {
        "nav": [
            [i.label, i.url_name, i.order, i.match, None if i.visible is NavItem.visible else named(i.visible)]
            for i in registry.nav
        ],
        "home_panels": [[p.key, p.order, named(p.render)] for p in registry.home_panels],
        "framework_loaders": [[s.name, s.order, named(s.run)] for s in registry.framework_loaders],
        "demo_seeders": [[s.name, s.order, named(s.run)] for s in registry.demo_seeders],
        "lookups": [
            [e.key, e.model.__name__, e.group, e.order, list(e.extra_fields), e.intro, e.own_page]
            for e in registry.lookups.values()
        ],
        "lists_page": [e.key for e in registry.lookup_lists()],
        "report_sources": [[s.kind, s.order, named(s.candidates)] for s in registry.report_sources],
        "figure_kinds": [[k, f.label, named(f.resolve)] for k, f in registry.figure_kinds.items()],
        "retention": [[r.strand, r.what, named(r.apply)] for r in registry.retention],
        "theme_sources": [[t.key, t.label, t.order, named(t.counts)] for t in registry.theme_sources],
        "paqa": [
            named(f)
            for f in (
                registry.figure_questions,
                registry.figure_question_counts,
                *vars(registry.dataset_review).values(),
            )
        ],
        "beat": [[key, e["task"], str(e["schedule"])] for key, e in settings.CELERY_BEAT_SCHEDULE.items()],
    }


@pytest.mark.parametrize("part", sorted(PINNED))
def test_what_the_apps_register_is_as_pinned(part):
    assert wiring()[part] == PINNED[part]


def test_every_part_is_pinned():
    assert sorted(wiring()) == sorted(PINNED)


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
