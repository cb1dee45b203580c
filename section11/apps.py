from django.apps import AppConfig


class Section11Config(AppConfig):
    name = "section11"
    verbose_name = "Section 11"

    def ready(self):
        from partnership.registry import FigureKind, NavItem, registry
        from section11 import demo, figures, framework, home, routing

        registry.add_strand(
            "section11",
            40,
            nav=NavItem("Section 11", "section11:index", 40, match="/section11/"),
            home_panel=home.render,
            framework=framework.load,
            demo=demo.seed,
            report_source=routing.candidates,
            figure_kinds=(FigureKind("s11_rating", "Section 11 rating", figures.resolve),),
        )
