from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Partnership performance: business plan, budget, attendance, training, members' rating,
    practitioner voice and report routing through PAQA (a sibling of `partnership`, which keeps
    agencies, people and access)."""

    name = "governance"
    verbose_name = "Partnership performance"

    def ready(self):
        from governance import demo, framework, panels, routing
        from partnership.registry import NavItem, ReportSource, registry

        registry.add_strand(
            "governance",
            85,
            nav=NavItem("Partnership", "governance:index", 88, match="/partnership/performance/"),
            home_panel=panels.render,
            framework=framework.load,
            demo=demo.seed,
        )
        registry.add_report_source(ReportSource("subcommittee", 85, routing.candidates))
