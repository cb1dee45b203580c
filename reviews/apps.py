from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Reviews"

    def ready(self):
        from partnership.registry import HomePanel, NavItem, ReportSource, Step, registry
        from reviews import demo, framework, panels

        registry.add_nav(NavItem("Reviews", "reviews:index", 60, match="/reviews/"))
        registry.add_home_panel(HomePanel("reviews", 60, panels.home_panel))
        registry.add_framework_loader(Step("reviews", 60, framework.load))
        registry.add_demo_seeder(Step("reviews", 60, demo.seed))
        from reviews import routing

        registry.add_report_source(ReportSource("reviews", 60, routing.candidates))
