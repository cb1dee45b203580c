from django.apps import AppConfig


class ScorecardConfig(AppConfig):
    name = "scorecard"
    verbose_name = "Scorecard"

    def ready(self):
        from partnership.registry import NavItem, registry

        registry.add_nav(NavItem("Scorecard", "scorecard:index", 30))
