from partnership.registry import NavItem, StrandConfig


class GovernanceConfig(StrandConfig):
    """Partnership performance: business plan, budget, attendance, training, members' rating,
    practitioner voice and report routing through PAQA (a sibling of `partnership`, which keeps
    agencies, people and access)."""

    name = "governance"
    verbose_name = "Partnership performance"
    nav = NavItem("Partnership", "governance:index", 88, match="/partnership/performance/")
    order = 85
    panel = "panels.render"
    report_kind = "subcommittee"
