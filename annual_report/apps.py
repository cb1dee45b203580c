from django.apps import AppConfig


class AnnualReportConfig(AppConfig):
    name = "annual_report"
    verbose_name = "Reports"

    def ready(self):
        from annual_report import demo
        from annual_report.models import is_partner_lead
        from partnership.access import BOARD, BUSINESS_UNIT, PAQA, has_role
        from partnership.registry import NavItem, Step, registry

        registry.add_nav(
            NavItem(
                "Reports", "annual_report:index", 85, visible=lambda user: has_role(user, BUSINESS_UNIT, PAQA, BOARD)
            )
        )
        # Lead partners sign the annual report off without seeing the cross-strand dashboard.
        registry.add_nav(
            NavItem(
                "Annual report",
                "annual_report:annual",
                86,
                visible=lambda user: is_partner_lead(user) and not has_role(user, BUSINESS_UNIT, PAQA, BOARD),
            )
        )
        registry.add_demo_seeder(Step("annual_report", 95, demo.seed))
