from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Reviews"

    def ready(self):
        from partnership.registry import NavItem, registry

        registry.add_nav(NavItem("Reviews", "reviews:index", 60))
