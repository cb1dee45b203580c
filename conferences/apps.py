from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "conferences"
    verbose_name = "Conferences"

    def ready(self):
        from conferences import demo, figures, framework, home, routing, services
        from partnership.registry import FigureKind, NavItem, registry

        # Every signed-in person has a view here: agency users see their own agency's figures.
        registry.add_strand(
            "conferences",
            70,
            nav=NavItem("Conferences", "conferences:index", 70, match="/conferences/"),
            home_panel=home.panel,
            framework=framework.load,
            demo=demo.seed,
            report_source=routing.candidates,
            retention=("conferences' case references anonymised", services.conferences_anonymise),
            figure_kinds=(FigureKind("conference_attendance", "Conference attendance", figures.resolve),),
        )
