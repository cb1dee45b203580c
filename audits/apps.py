from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = "Audits"

    def ready(self):
        from audits import demo, figures, framework, home, routing, summary
        from partnership.registry import FigureKind, NavItem, ThemeSource, registry

        registry.add_strand(
            "audits",
            50,
            nav=NavItem("Audits", "audits:index", 50),
            home_panel=home.render,
            framework=framework.load,
            demo=demo.seed,
            report_source=routing.candidates,
            figure_kinds=(FigureKind("audit_finding", "Audit finding", figures.resolve),),
            theme_sources=(
                ThemeSource("agency_audits", "Single-agency audits", 40, summary.agency_audit_themes),
                ThemeSource("practice_audits", "Multi-agency audits", 50, summary.practice_audit_themes),
            ),
        )
