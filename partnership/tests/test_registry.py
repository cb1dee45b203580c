"""A strand registers its hooks in one call; each lands under the strand's name and order."""

from partnership.registry import FigureKind, NavItem, Registry, ThemeSource


def _panel(user):
    return None


def _load():
    return None


def _seed():
    return None


def _candidates(user):
    return []


def _anonymise(before):
    return 0


def test_a_strand_registers_every_hook_under_its_name_and_order():
    registry = Registry()
    kind = FigureKind("thing", "A thing", lambda ref, user: None)
    themes = ThemeSource("things", "Things", 10, lambda user, today: {})
    registry.add_strand(
        "things",
        42,
        nav=NavItem("Things", "things:index", 41),
        home_panel=_panel,
        framework=_load,
        demo=_seed,
        report_source=_candidates,
        retention=("things anonymised", _anonymise),
        figure_kinds=(kind,),
        theme_sources=(themes,),
    )
    assert [(n.label, n.order) for n in registry.nav] == [("Things", 41)]
    assert [(p.key, p.order, p.render) for p in registry.home_panels] == [("things", 42, _panel)]
    assert [(s.name, s.order, s.run) for s in registry.framework_loaders] == [("things", 42, _load)]
    assert [(s.name, s.order, s.run) for s in registry.demo_seeders] == [("things", 42, _seed)]
    assert [(s.kind, s.order, s.candidates) for s in registry.report_sources] == [("things", 42, _candidates)]
    assert [(r.strand, r.what, r.apply) for r in registry.retention] == [("things", "things anonymised", _anonymise)]
    assert registry.figure_kinds == {"thing": kind}
    assert registry.theme_sources == [themes]


def test_a_strand_leaves_out_what_it_does_not_give():
    registry = Registry()
    registry.add_strand("quiet", 5, demo=_seed)
    assert [s.name for s in registry.demo_seeders] == ["quiet"]
    assert registry.nav == [] and registry.home_panels == [] and registry.framework_loaders == []
    assert registry.report_sources == [] and registry.retention == [] and registry.figure_kinds == {}


def test_the_running_portal_has_each_strands_hooks():
    from partnership.registry import registry

    assert {"section11", "audits", "reviews", "conferences", "cdop", "governance"} <= {
        s.name for s in registry.framework_loaders
    }
    assert {"section11", "audits", "reviews", "conferences", "cdop", "subcommittee"} <= {
        s.kind for s in registry.report_sources
    }
    assert {"conferences", "cdop"} <= {r.strand for r in registry.retention}
    assert {"indicator", "s11_rating", "audit_finding", "conference_attendance"} <= set(registry.figure_kinds)
