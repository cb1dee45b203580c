from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "conferences"
    verbose_name = "Conferences"

    def ready(self):
        from conferences import demo, framework, home, services
        from conferences.models import LateReason, Standard
        from partnership.registry import HomePanel, LookupList, NavItem, ReportSource, Retention, Step, registry

        # Every signed-in person has a view here: agency users see their own agency's figures.
        registry.add_nav(NavItem("Conferences", "conferences:index", 70, match="/conferences/"))
        registry.add_home_panel(HomePanel("conferences", 70, home.panel))
        registry.add_framework_loader(Step("conferences", 70, framework.load))
        registry.add_demo_seeder(Step("conferences", 70, demo.seed))
        registry.add_lookup(LookupList(LateReason, "Conferences", 70))
        registry.add_lookup(LookupList(Standard, "Conferences", 70, intro="The conference standards checklist."))
        from conferences import routing

        registry.add_report_source(ReportSource("conferences", 70, routing.candidates))
        from conferences import figures
        from partnership.registry import FigureKind

        registry.add_figure_kind(FigureKind("conference_attendance", "Conference attendance", figures.resolve))
        registry.add_retention(
            Retention("conferences", "conferences' case references anonymised", services.conferences_anonymise)
        )
