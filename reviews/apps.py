from partnership.registry import NavItem, StrandConfig, ThemeSource


class ReviewsConfig(StrandConfig):
    name = "reviews"
    verbose_name = "Reviews"
    nav = NavItem("Reviews", "reviews:index", 60, match="/reviews/")
    panel = "panels.home_panel"
    lookups = ("Methodology",)
    hooks = (
        ThemeSource("case_reviews", "Case reviews", 10, "summary.case_review_themes"),
        ThemeSource("themed_reviews", "Themed reviews", 20, "summary.themed_review_themes"),
        ThemeSource("inspections", "Inspections", 30, "summary.inspection_themes"),
    )
