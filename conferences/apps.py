from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "conferences"
    verbose_name = "Conferences"

    def ready(self):
        from partnership.registry import NavItem, registry

        registry.add_nav(NavItem("Conferences", "conferences:index", 70))
