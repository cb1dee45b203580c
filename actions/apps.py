from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Actions"

    def ready(self):
        from actions import demo, home
        from partnership.registry import HomePanel, NavItem, Step, registry

        registry.add_nav(NavItem("Actions", "actions:index", 20))
        registry.add_home_panel(HomePanel("my-actions", 20, home.render))
        registry.add_demo_seeder(Step("actions", 20, demo.seed))
