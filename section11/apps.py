from django.apps import AppConfig


class Section11Config(AppConfig):
    name = "section11"
    verbose_name = "Section 11"

    def ready(self):
        from partnership.registry import NavItem, registry

        registry.add_nav(NavItem("Section 11", "section11:index", 40))
