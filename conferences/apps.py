from partnership.registry import FigureKind, NavItem, Retention, StrandConfig


class ConferencesConfig(StrandConfig):
    name = "conferences"
    verbose_name = "Conferences"
    # Every signed-in person has a view here: agency users see their own agency's figures.
    nav = NavItem("Conferences", "conferences:index", 70, match="/conferences/")
    panel = "home.panel"
    lookups = ("LateReason", ("Standard", {"intro": "The conference standards checklist."}))
    hooks = (
        FigureKind("conference_attendance", "Conference attendance", "figures.resolve"),
        Retention("conferences", "conferences' case references anonymised", "services.conferences_anonymise"),
    )
