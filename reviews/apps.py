from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Reviews"

    def ready(self):
        from partnership.registry import NavItem, ThemeSource, registry
        from reviews import demo, framework, panels, routing, summary

        registry.add_strand(
            "reviews",
            60,
            nav=NavItem("Reviews", "reviews:index", 60, match="/reviews/"),
            home_panel=panels.home_panel,
            framework=framework.load,
            demo=demo.seed,
            report_source=routing.candidates,
            theme_sources=(
                ThemeSource("case_reviews", "Case reviews", 10, summary.case_review_themes),
                ThemeSource("themed_reviews", "Themed reviews", 20, summary.themed_review_themes),
                ThemeSource("inspections", "Inspections", 30, summary.inspection_themes),
            ),
        )
