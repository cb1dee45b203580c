from django.apps import AppConfig


class Section11Config(AppConfig):
    name = "section11"
    verbose_name = "Section 11"

    def ready(self):
        from partnership.registry import FigureKind, HomePanel, NavItem, ReportSource, Step, registry
        from section11 import demo, framework, home

        registry.add_nav(NavItem("Section 11", "section11:index", 40, match="/section11/"))
        registry.add_home_panel(HomePanel("section11", 40, home.render))
        registry.add_framework_loader(Step("section11", 40, framework.load))
        registry.add_demo_seeder(Step("section11", 40, demo.seed))
        from section11 import routing

        registry.add_report_source(ReportSource("section11", 40, routing.candidates))
        from section11 import figures

        registry.add_figure_kind(FigureKind("s11_rating", "Section 11 rating", figures.resolve))
