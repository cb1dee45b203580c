from django.apps import AppConfig


class ScorecardConfig(AppConfig):
    name = "scorecard"
    verbose_name = "Scorecard"

    def ready(self):
        from partnership.registry import FigureKind, HomePanel, NavItem, Step, registry
        from scorecard import demo, framework, home, status_store

        status_store.connect_signals()

        registry.add_nav(NavItem("Scorecard", "scorecard:index", 30, match="/scorecard/"))
        registry.add_framework_loader(Step("scorecard", 30, framework.load))
        registry.add_demo_seeder(Step("scorecard", 30, demo.seed))
        registry.add_home_panel(HomePanel("scorecard", 30, home.render))
        from scorecard import figures

        registry.add_figure_kind(FigureKind("indicator", "Indicator value", figures.resolve))
