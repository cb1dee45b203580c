from django.apps import AppConfig


class AnnualReportConfig(AppConfig):
    name = "annual_report"
    verbose_name = "Reports"

    def ready(self):
        from partnership.access import BOARD, BUSINESS_UNIT, PAQA, has_role
        from partnership.registry import NavItem, registry

        registry.add_nav(
            NavItem(
                "Reports", "annual_report:index", 85, visible=lambda user: has_role(user, BUSINESS_UNIT, PAQA, BOARD)
            )
        )
