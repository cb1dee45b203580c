from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = "Audits"

    def ready(self):
        from partnership.registry import NavItem, registry

        registry.add_nav(NavItem("Audits", "audits:index", 50))
