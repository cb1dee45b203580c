from partnership.registry import FigureKind, NavItem, StrandConfig


class ScorecardConfig(StrandConfig):
    name = "scorecard"
    verbose_name = "Scorecard"
    nav = NavItem("Scorecard", "scorecard:index", 30, match="/scorecard/")
    panel = "home.render"
    hooks = (FigureKind("indicator", "Indicator value", "figures.resolve"),)

    def ready(self):
        from scorecard import status_store

        status_store.connect_signals()
        super().ready()
