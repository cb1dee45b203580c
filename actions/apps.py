from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Actions"

    def ready(self):
        from partnership.registry import NavItem, registry

        registry.add_nav(NavItem("Actions", "actions:index", 20))
