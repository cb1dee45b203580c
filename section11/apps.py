from partnership.registry import FigureKind, NavItem, StrandConfig


class Section11Config(StrandConfig):
    name = "section11"
    verbose_name = "Section 11"
    nav = NavItem("Section 11", "section11:index", 40, match="/section11/")
    panel = "home.render"
    hooks = (FigureKind("s11_rating", "Section 11 rating", "figures.resolve"),)
