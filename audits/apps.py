from partnership.registry import FigureKind, NavItem, StrandConfig, ThemeSource


class AuditsConfig(StrandConfig):
    name = "audits"
    verbose_name = "Audits"
    nav = NavItem("Audits", "audits:index", 50)
    panel = "home.render"
    hooks = (
        FigureKind("audit_finding", "Audit finding", "figures.resolve"),
        ThemeSource("agency_audits", "Single-agency audits", 40, "summary.agency_audit_themes"),
        ThemeSource("practice_audits", "Multi-agency audits", 50, "summary.practice_audit_themes"),
    )
