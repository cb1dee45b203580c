from partnership.registry import NavItem, StrandConfig


class AnnualReportConfig(StrandConfig):
    name = "annual_report"
    verbose_name = "Reports"
    nav = (
        NavItem("Reports", "annual_report:index", 85, visible="apps.sees_reports"),
        # Lead partners sign the annual report off without seeing the cross-strand dashboard.
        NavItem("Annual report", "annual_report:annual", 86, visible="apps.signs_off_only"),
    )
    seed_order = 95


def sees_reports(user) -> bool:
    from partnership.access import BOARD, BUSINESS_UNIT, PAQA, has_role

    return has_role(user, BUSINESS_UNIT, PAQA, BOARD)


def signs_off_only(user) -> bool:
    from annual_report.models import is_partner_lead

    return is_partner_lead(user) and not sees_reports(user)
