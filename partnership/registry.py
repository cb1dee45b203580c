"""Hooks strand apps register in their AppConfig.ready(), so that the foundation never
imports a strand: navigation entries, home-page panels, framework loaders, demo seeders,
the reports each strand sends to PAQA, retention rules and the lists the business unit keeps."""

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    order: int
    visible: Callable = lambda user: True  # noqa: E731
    match: str = ""  # URL prefix that marks the item as current


@dataclass(frozen=True)
class HomePanel:
    """A panel on a person's home page: `render(user)` returns (template, context) or None."""

    key: str
    order: int
    render: Callable


@dataclass(frozen=True)
class Step:
    """A loader or seeder, run in `order` by load_framework / seed_demo."""

    name: str
    order: int
    run: Callable


@dataclass(frozen=True)
class ReportCandidate:
    """A report a strand can send to PAQA from where it lives (a round, an audit, a year...)."""

    kind: str  # governance source kind: "section11", "audits", "conferences", ...
    ref: str  # the strand's own reference, stable across calls (e.g. "round-12", "2025-26")
    title: str
    source_label: str
    url: str  # the record the report comes from, linked from the report's page
    summary: str = ""  # plain-text headline figures (already suppressed where the strand must)
    summary_fn: Callable | None = None  # or computed only when needed (sending, the send page)

    def headline(self) -> str:
        return self.summary_fn() if self.summary_fn is not None else self.summary


@dataclass(frozen=True)
class ReportSource:
    """`candidates(user)` lists the reports this user may send from the strand (newest first)."""

    kind: str
    order: int
    candidates: Callable


@dataclass(frozen=True)
class Retention:
    """What `apply_retention` removes for a strand: `apply(before=date)` deletes or anonymises
    the strand's personal data dated before `before` and returns how many records it changed.
    The period is `settings.RETENTION_DAYS[strand]` (0 keeps everything)."""

    strand: str
    what: str
    apply: Callable


@dataclass(frozen=True)
class Figure:
    """One figure PAQA can ask about: an indicator value for a period, an S11 rating, ..."""

    kind: str
    ref: str
    label: str
    url: str
    agency_id: int | None  # the agency that owns the figure and answers questions on it


@dataclass(frozen=True)
class FigureKind:
    """`resolve(ref, user)` returns the Figure when it exists and the user may see it, else None."""

    kind: str
    label: str
    resolve: Callable


@dataclass(frozen=True)
class DatasetReviewHooks:
    """PAQA's yearly dataset review shaping a financial year's scorecard (labels like "2026-27"):
    `retired_excluded(indicators, year)` leaves out indicators retired at an earlier review;
    `change_note(year)` is an expression giving the note of a change decided the year before."""

    retired_excluded: Callable
    change_note: Callable


@dataclass(frozen=True)
class ThemeCount:
    """How often one theme appears on one kind of record, and where the actions on them stand.

    `records` is a count, or "c" where a restricted strand (CDOP) suppresses a small one."""

    records: int | str
    actions: int  # actions raised on those records, withdrawn ones left out
    done: int  # of which signed off as complete with evidence
    overdue: int  # of which still open past their due date


@dataclass(frozen=True)
class ThemeSource:
    """A kind of record that carries learning themes: `counts(user, today)` returns
    {theme id: ThemeCount} over the records the user may see."""

    key: str
    label: str
    order: int
    counts: Callable


@dataclass(frozen=True)
class LookupList:
    """A list the business unit keeps (a `bscp_portal.lib.lookups.Lookup` model), managed from
    "Lists": `group` heads it there (the strand), `extra_fields` are the model's own fields the
    form shows after name and help text (say, a category's number). A list with pages of its own
    (`own_page`, a URL name: say, sub-committees, which keep members and a security log) is kept
    there only: "Lists" names it and links to that page, and its own list pages send people there."""

    model: type
    group: str
    order: int
    extra_fields: tuple[str, ...] = ()
    intro: str = ""
    own_page: str = ""

    @property
    def key(self) -> str:
        return f"{self.model._meta.app_label}-{self.model._meta.model_name}"

    @property
    def title(self) -> str:
        plural = str(self.model._meta.verbose_name_plural)
        return plural[:1].upper() + plural[1:]


def _put(entries: list, entry, key: str, *, by: str = "order") -> list:
    """`entries` with `entry` in place of the one with the same `key` (an app registering again
    replaces its hook), sorted by `by`."""
    same = getattr(entry, key)
    return sorted([e for e in entries if getattr(e, key) != same] + [entry], key=attrgetter(by))


@dataclass
class Registry:
    nav: list[NavItem] = field(default_factory=list)
    home_panels: list[HomePanel] = field(default_factory=list)
    framework_loaders: list[Step] = field(default_factory=list)
    demo_seeders: list[Step] = field(default_factory=list)
    report_sources: list[ReportSource] = field(default_factory=list)
    retention: list[Retention] = field(default_factory=list)
    figure_kinds: dict = field(default_factory=dict)
    theme_sources: list[ThemeSource] = field(default_factory=list)

    lookups: dict[str, LookupList] = field(default_factory=dict)
    #: Set by the app holding PAQA's question log: (user, kind, ref_prefix) -> list of questions.
    figure_questions: Callable | None = None
    #: Set by the app holding PAQA's question log: (user, kind, refs) -> {ref: marker}.
    figure_question_counts: Callable | None = None
    #: Set by the app holding PAQA's dataset review.
    dataset_review: DatasetReviewHooks | None = None

    def add_nav(self, item: NavItem) -> None:
        self.nav = _put(self.nav, item, "url_name")

    def add_home_panel(self, panel: HomePanel) -> None:
        self.home_panels = _put(self.home_panels, panel, "key")

    def add_framework_loader(self, step: Step) -> None:
        self.framework_loaders = _put(self.framework_loaders, step, "name")

    def add_demo_seeder(self, step: Step) -> None:
        self.demo_seeders = _put(self.demo_seeders, step, "name")

    def add_report_source(self, source: ReportSource) -> None:
        self.report_sources = _put(self.report_sources, source, "kind")

    def add_figure_kind(self, kind: FigureKind) -> None:
        self.figure_kinds[kind.kind] = kind

    def figure(self, user, kind: str, ref: str) -> Figure | None:
        found = self.figure_kinds.get(kind)
        return found.resolve(ref, user) if found else None

    def questions_on(self, user, kind: str, ref_prefix: str) -> list:
        """Questions PAQA raised on figures of `kind` whose reference starts with `ref_prefix`."""
        return self.figure_questions(user, kind, ref_prefix) if self.figure_questions else []

    def in_scorecard_year(self, indicators, year: str):
        """`indicators` as `year`'s scorecard shows them: those retired at PAQA's dataset review
        of an earlier year left out, each annotated with `review_change_note` (no extra query)."""
        from django.db.models import CharField, Value

        if self.dataset_review is None:
            return indicators.annotate(review_change_note=Value("", output_field=CharField()))
        hooks = self.dataset_review
        return hooks.retired_excluded(indicators, year).annotate(review_change_note=hooks.change_note(year))

    def question_markers(self, user, kind: str, refs) -> dict[str, dict]:
        """For the figures `refs` of `kind` that carry PAQA's questions: {ref: {"total", "open",
        "text", "url"}} in one query, so every page showing the figures can mark them."""
        refs = [r for r in refs if r]
        if not refs or self.figure_question_counts is None:
            return {}
        return self.figure_question_counts(user, kind, refs)

    def report_candidates(self, user) -> list[ReportCandidate]:
        """Every report this user may send to PAQA, strand by strand."""
        return [c for source in self.report_sources for c in source.candidates(user)]

    def report_candidates_of(self, user, kind: str) -> list[ReportCandidate]:
        """The reports of one strand this user may send (newest first)."""
        return [c for source in self.report_sources if source.kind == kind for c in source.candidates(user)]

    def report_candidate(self, user, kind: str, ref: str) -> ReportCandidate | None:
        """One report this user may send, or None when there is no such report or they may not."""
        return next((c for c in self.report_candidates_of(user, kind) if c.ref == ref), None)

    def add_theme_source(self, source: ThemeSource) -> None:
        self.theme_sources = _put(self.theme_sources, source, "key")

    def add_lookup(self, entry: LookupList) -> None:
        self.lookups[entry.key] = entry

    def lookup_lists(self) -> list[LookupList]:
        """Every registered list, by strand then title."""
        return sorted(self.lookups.values(), key=lambda e: (e.order, e.title))

    def add_retention(self, rule: Retention) -> None:
        self.retention = _put(self.retention, rule, "strand", by="strand")


registry = Registry()
