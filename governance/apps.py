from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Partnership performance: business plan, budget, attendance, training, members' rating,
    practitioner voice and report routing through PAQA (a sibling of `partnership`, which keeps
    agencies, people and access)."""

    name = "governance"
    verbose_name = "Partnership performance"

    def ready(self):
        from governance import demo, framework, panels
        from partnership.registry import HomePanel, NavItem, ReportSource, Step, registry

        registry.add_nav(NavItem("Partnership", "governance:index", 88, match="/partnership/performance/"))
        registry.add_home_panel(HomePanel("governance", 85, panels.render))
        registry.add_framework_loader(Step("governance", 85, framework.load))
        registry.add_demo_seeder(Step("governance", 85, demo.seed))
        from governance import routing

        registry.add_report_source(ReportSource("subcommittee", 85, routing.candidates))
