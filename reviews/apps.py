from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Reviews"

    def ready(self):
        from partnership.registry import HomePanel, LookupList, NavItem, ReportSource, Step, registry
        from reviews import demo, framework, panels
        from reviews.models import Methodology

        registry.add_nav(NavItem("Reviews", "reviews:index", 60, match="/reviews/"))
        registry.add_home_panel(HomePanel("reviews", 60, panels.home_panel))
        registry.add_framework_loader(Step("reviews", 60, framework.load))
        registry.add_demo_seeder(Step("reviews", 60, demo.seed))
        registry.add_lookup(LookupList(Methodology, "Reviews", 60))
        from reviews import routing

        registry.add_report_source(ReportSource("reviews", 60, routing.candidates))
        from partnership.registry import ThemeSource
        from reviews import summary

        registry.add_theme_source(ThemeSource("case_reviews", "Case reviews", 10, summary.case_review_themes))
        registry.add_theme_source(ThemeSource("themed_reviews", "Themed reviews", 20, summary.themed_review_themes))
        registry.add_theme_source(ThemeSource("inspections", "Inspections", 30, summary.inspection_themes))
