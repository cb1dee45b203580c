from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = "Audits"

    def ready(self):
        from audits import demo, framework, home
        from partnership.registry import FigureKind, HomePanel, NavItem, ReportSource, Step, registry

        registry.add_nav(NavItem("Audits", "audits:index", 50))
        registry.add_home_panel(HomePanel("audits", 50, home.render))
        registry.add_framework_loader(Step("audits", 50, framework.load))
        registry.add_demo_seeder(Step("audits", 50, demo.seed))
        from audits import routing

        registry.add_report_source(ReportSource("audits", 50, routing.candidates))
        from audits import figures

        registry.add_figure_kind(FigureKind("audit_finding", "Audit finding", figures.resolve))
        from audits import summary
        from partnership.registry import ThemeSource

        registry.add_theme_source(ThemeSource("agency_audits", "Single-agency audits", 40, summary.agency_audit_themes))
        registry.add_theme_source(
            ThemeSource("practice_audits", "Multi-agency audits", 50, summary.practice_audit_themes)
        )
