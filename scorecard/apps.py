from django.apps import AppConfig


class ScorecardConfig(AppConfig):
    name = "scorecard"
    verbose_name = "Scorecard"

    def ready(self):
        from partnership.registry import FigureKind, NavItem, registry
        from scorecard import demo, figures, framework, home, status_store

        status_store.connect_signals()
        registry.add_strand(
            "scorecard",
            30,
            nav=NavItem("Scorecard", "scorecard:index", 30, match="/scorecard/"),
            home_panel=home.render,
            framework=framework.load,
            demo=demo.seed,
            figure_kinds=(FigureKind("indicator", "Indicator value", figures.resolve),),
        )
