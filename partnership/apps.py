from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = "Partnership"

    def ready(self):
        from partnership import (
            demo,
            framework,
            security,  # noqa: F401  (signal receivers)
        )
        from partnership.access import is_business_unit
        from partnership.registry import NavItem, Step, registry

        registry.add_nav(NavItem("Home", "home", 0, match="/__home__"))
        registry.add_nav(NavItem("Partnership", "partnership:index", 90))
        registry.add_nav(NavItem("Security log", "partnership:security_log", 95, visible=is_business_unit))
        registry.add_nav(NavItem("Administration", "admin:index", 100, visible=is_business_unit))
        registry.add_framework_loader(Step("partnership", 10, framework.load))
        registry.add_demo_seeder(Step("partnership", 10, demo.seed))
