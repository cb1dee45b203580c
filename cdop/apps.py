from django.apps import AppConfig


class CdopConfig(AppConfig):
    name = "cdop"
    verbose_name = "Child deaths"

    def ready(self):
        from partnership.registry import NavItem, registry

        registry.add_nav(NavItem("Child deaths", "cdop:index", 80))
