"""Hooks strand apps register in their AppConfig.ready(), so that the foundation never
imports a strand: navigation entries, home-page panels, framework loaders, demo seeders,
the reports each strand sends to PAQA, retention rules and the lists the business unit keeps."""

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from importlib.util import find_spec
from operator import attrgetter

from django.apps import AppConfig
from django.utils.module_loading import import_string


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


class Ordered(list):
    """Hooks of one kind, kept in order: registering one with the same `key` as one already there
    (an app registering again) replaces it; `by` is what the list is sorted by."""

    def __init__(self, key: str, by: str = "order"):
        super().__init__()
        self.key, self.by = key, by

    def add(self, entry) -> None:
        same = getattr(entry, self.key)
        self[:] = sorted([e for e in self if getattr(e, self.key) != same] + [entry], key=attrgetter(self.by))


class Keyed(dict):
    """Hooks of one kind looked up by their `key`; registering the same key again replaces it."""

    def __init__(self, key: str):
        super().__init__()
        self.key = key

    def add(self, entry) -> None:
        self[getattr(entry, self.key)] = entry


def _ordered(key: str, by: str = "order"):
    return field(default_factory=lambda: Ordered(key, by))


def _keyed(key: str):
    return field(default_factory=lambda: Keyed(key))


@dataclass
class Registry:
    nav: Ordered = _ordered("url_name")
    home_panels: Ordered = _ordered("key")
    framework_loaders: Ordered = _ordered("name")
    demo_seeders: Ordered = _ordered("name")
    report_sources: Ordered = _ordered("kind")
    retention: Ordered = _ordered("strand", by="strand")
    figure_kinds: Keyed = _keyed("kind")
    theme_sources: Ordered = _ordered("key")
    lookups: Keyed = _keyed("key")
    #: Set by the app holding PAQA's question log: (user, kind, ref_prefix) -> list of questions.
    figure_questions: Callable | None = None
    #: Set by the app holding PAQA's question log: (user, kind, refs) -> {ref: marker}.
    figure_question_counts: Callable | None = None
    #: Set by the app holding PAQA's dataset review.
    dataset_review: DatasetReviewHooks | None = None

    def add(self, *entries) -> None:
        """Register hooks, each on the list of its kind (a loader or seeder goes straight onto
        `framework_loaders` or `demo_seeders`: both are steps)."""
        for entry in entries:
            getattr(self, _LISTS[type(entry)]).add(entry)

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

    def lookup_lists(self) -> list[LookupList]:
        """Every registered list, by strand then title."""
        return sorted(self.lookups.values(), key=lambda e: (e.order, e.title))


#: Which list of the registry takes each kind of hook.
_LISTS = {
    NavItem: "nav",
    HomePanel: "home_panels",
    ReportSource: "report_sources",
    Retention: "retention",
    FigureKind: "figure_kinds",
    ThemeSource: "theme_sources",
    LookupList: "lookups",
}

registry = Registry()


class StrandConfig(AppConfig):
    """An app's part in the portal, declared on its config; `ready()` registers it once every app
    is loaded. A callable is written "module.function" inside the app and imported only then, and
    a list's model is written by its name, so the app's config never imports its own modules.

    As Django finds an app's `admin` module, the strand's own modules are found by name:
    `demo.seed` is what `seed_demo` runs, `framework.load` (where the app has a `framework`
    module) what `load_framework` runs, and `routing.candidates` (where it has a `routing`
    module) the reports it sends to PAQA. `order` places these, the home panel and the app's
    lists on "Lists" (headed by its verbose name); by default it is the navigation entry's."""

    # Each app's apps.py imports this class too: Django takes the app's own config, never this one.
    default = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.default = cls.__dict__.get("default", True)

    #: The app's entries in the navigation (a NavItem, or a tuple of them).
    nav: NavItem | tuple[NavItem, ...] = ()
    order: int | None = None
    #: The home page panel's `render(user)`, keyed by `panel_key` (default: the app's label).
    panel: str = ""
    panel_key: str = ""
    #: `seed_demo` runs the strand at `seed_order` (default: `order`).
    seed_order: int | None = None
    #: The kind of the reports the strand sends to PAQA (default: the app's label).
    report_kind: str = ""
    #: The lists the business unit keeps: a model's name, or (name, {LookupList's own options}).
    lookups: tuple = ()
    #: Any other hooks: figure kinds, theme sources, retention rules.
    hooks: tuple = ()

    def ready(self):
        nav = self.nav if isinstance(self.nav, tuple) else (self.nav,)
        label, order = self.label, nav[0].order if self.order is None else self.order
        registry.add(*(self.resolved(item) for item in nav))
        if self.panel:
            registry.add(HomePanel(self.panel_key or label, order, self.resolve(self.panel)))
        if self.has_module("framework"):
            registry.framework_loaders.add(Step(label, order, self.resolve("framework.load")))
        registry.demo_seeders.add(Step(label, self.seed_order or order, self.resolve("demo.seed")))
        if self.has_module("routing"):
            registry.add(ReportSource(self.report_kind or label, order, self.resolve("routing.candidates")))
        for name, options in (item if isinstance(item, tuple) else (item, {}) for item in self.lookups):
            registry.add(LookupList(self.get_model(name), str(self.verbose_name), order, **options))
        registry.add(*(self.resolved(hook) for hook in self.hooks))

    def has_module(self, name: str) -> bool:
        """Whether the app has a module `name` (a folder of data files by that name is not one)."""
        spec = find_spec(f"{self.name}.{name}")
        return spec is not None and spec.origin is not None

    def resolve(self, name: str) -> Callable:
        """The app's function written "module.function"."""
        return import_string(f"{self.name}.{name}")

    def resolved(self, hook):
        """`hook` with each callable written as a name replaced by the function it names."""
        named = {f.name: getattr(hook, f.name) for f in fields(hook) if f.type is Callable}
        return replace(hook, **{k: self.resolve(v) for k, v in named.items() if isinstance(v, str)})
