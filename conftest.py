"""Fixtures shared by every app's tests: a small partnership with one user per role."""

import io
import os
import shutil
from dataclasses import dataclass, field

import pytest

# pytest-playwright runs an event loop in the test thread; the ORM calls the tests make around
# it are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# `s3_storage` (a fresh private bucket on moto's server) for any test that asks for it.
pytest_plugins = ["tests.object_storage"]

ROLE_USERS = {
    # key: (role, agency: "home" or "other" or None, sub-committee seats)
    "bu": ("business_unit", "home", [("partnership", False), ("paqa", False)]),
    "paqa": ("paqa", "home", [("paqa", False)]),
    "chair": ("chair", "home", [("paqa", True), ("case-review", True)]),
    "board": ("board", "home", [("partnership", False)]),
    "lead": ("agency_lead", "home", []),
    "contributor": ("agency_contributor", "home", []),
    "cdop": ("cdop", "home", [("cdop", True)]),
    "ssm": ("safeguarding_manager", "home", []),
}
ROLE_KEYS = ["anon", *ROLE_USERS]


@dataclass
class World:
    """Two agencies — the users' own ("home") and a canary ("other") — and a user per role."""

    home: object
    other: object
    users: dict = field(default_factory=dict)
    other_lead: object = None

    def user(self, key: str):
        return self.users.get(key)


@pytest.fixture
def world(db):
    from partnership.models import AgencyKind, S11Duty
    from partnership.tests.factories import AgencyFactory, UserFactory, membership

    home = AgencyFactory(name="Home Agency", short_name="Home", kind=AgencyKind.POLICE, s11_duty=S11Duty.STATUTORY)
    other = AgencyFactory(
        name="Canary Agency", short_name="Canary", kind=AgencyKind.HEALTH_PROVIDER, s11_duty=S11Duty.STATUTORY
    )
    w = World(home=home, other=other)
    for key, (role, agency, seats) in ROLE_USERS.items():
        user = UserFactory(username=f"w-{key}", agency=home if agency == "home" else other, roles=[role])
        if role == "business_unit":
            user.is_staff = user.is_superuser = True
            user.save()
        for code, chair in seats:
            membership(user, code, chair)
        w.users[key] = user
    w.other_lead = UserFactory(username="w-other-lead", agency=other, roles=["agency_lead"])
    return w


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL, the test databases do not wait for each commit to reach the disk
    (`synchronous_commit = off`, for the test processes' own connections only): a crash could
    lose a throw-away test database's last commits, never a result. What the tests check is the
    same; migrations and the journeys' committed transactions no longer wait on the disk."""
    from django.db import connections

    for alias in connections:
        settings_dict = connections[alias].settings_dict
        if settings_dict["ENGINE"] == "django.db.backends.postgresql":
            options = settings_dict.setdefault("OPTIONS", {})
            options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete():
    """On PostgreSQL, a test that commits (browser journeys, the live server, the Celery worker)
    is followed by Django's flush of every table, which it does by TRUNCATE: for the portal's
    270 tables that takes seconds, as PostgreSQL gives each table new files. DELETE of the same
    tables, in the same transaction with the foreign keys checked at its end, empties the same
    tables in a fraction of a second (a test leaves a few rows). Where a flush must also reset
    sequences or reach tables beyond those named (CASCADE), Django's own statement is kept."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        delete = f"{style.SQL_KEYWORD('DELETE')} {style.SQL_KEYWORD('FROM')}"
        return ["SET CONSTRAINTS ALL DEFERRED", *(f"{delete} {style.SQL_FIELD(self.quote_name(t))};" for t in tables)]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = truncate


# --- the demo partnership, seeded once for a module's tests ------------------------------------

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TEST_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}


@pytest.fixture(scope="module")
def demo_seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """`seed_demo` run once for the module, inside a transaction rolled back after its last test.

    Seeding the demo takes tens of seconds; a module whose tests all read the demo asks for
    `demo` (below) and seeds it once instead of once per test. Tests run in savepoints inside
    that transaction, so what one test changes is gone before the next, and no other module
    ever sees the demo. Mark such a module `pytest.mark.xdist_group("<its name>")` so that
    pytest-xdist (`--dist loadgroup`) sends its tests to one process, which seeds once."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import override_settings

    from bscp_portal.celery import app

    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True  # as Django's TestCase marks its own: a durable block may sit inside
        outer.__enter__()
        saved = app.conf.task_always_eager, app.conf.task_eager_propagates
        app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
        try:
            # What each test gets from _test_settings below, for the seeding too.
            with override_settings(
                CACHES=TEST_CACHE,
                MEDIA_ROOT=media,
                PASSWORD_HASHERS=FAST_HASHERS,
                OTP_REQUIRED=False,
            ):
                call_command("seed_demo", stdout=io.StringIO())
            # PostgreSQL checks a foreign key when the transaction that wrote the row ends, and
            # Django checks them after each test (in the test's savepoint, rolled back after it):
            # left unchecked, every demo row would be checked again after every test (seconds
            # each). Checked once here, each test's check covers only the rows it wrote.
            connection.check_constraints()
            yield media
        finally:
            app.conf.task_always_eager, app.conf.task_eager_propagates = saved
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_seeded, db, settings):
    """The demo partnership for one test (see demo_seeded); its changes are rolled back. Its
    files (evidence the demo uploads) are in the folder the demo was seeded with."""
    settings.MEDIA_ROOT = demo_seeded


def sign_in_quickly(client, user) -> None:
    """Give `client` the session a sign-in leaves, registered as the user's (so that ending their
    sessions ends it), without the rest of what a sign-in records: the security log's row, the
    lock-out bookkeeping and the last-login time cost more than most pages take to answer, on
    every role's every page. Signing in itself is tested through the login page (test_login.py,
    the login journey) and force_login."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from partnership.models import UserSession

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    UserSession.objects.create(user=user, session_key=session.session_key)
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key


@pytest.fixture
def client_for(client):
    """client_for(user) -> the test client signed in as that user (sign_in_quickly), or
    anonymous for None."""
    from django.conf import settings

    def _client(user):
        client.cookies.pop(settings.SESSION_COOKIE_NAME, None)
        if user is not None:
            sign_in_quickly(client, user)
        return client

    return _client


# --- browser tests ---------------------------------------------------------------------------


def _chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session", autouse=True)
def _patient_expectations():
    """Journeys run beside other tests (one per core): give a page up to 15 s to show what a
    check waits for, instead of Playwright's 5 s. What is checked stays the same."""
    try:
        from playwright.sync_api import expect
    except ImportError:
        yield
        return
    expect.set_options(timeout=15_000)
    yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Use the machine's Chromium; Playwright downloads its own only where none is found."""
    args = {
        **browser_type_launch_args,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }
    path = _chromium_path()
    if path:
        args["executable_path"] = path
    return args


@pytest.fixture
def patient_page(page):
    """The browser page with longer waits: the machine is shared, so a journey allows slow answers
    rather than fail on a busy moment (`pytestmark = pytest.mark.usefixtures("patient_page")`)."""
    from playwright.sync_api import expect

    page.set_default_timeout(30_000)
    expect.set_options(timeout=20_000)
    yield page
    expect.set_options(timeout=5_000)


# --- CI's SQLite run: only the tests that reach the database ---------------------------------


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="run only tests that use the database (CI's SQLite run: a test without one runs the "
        "same code on any database, and runs in the PostgreSQL run)",
    )


def uses_database(item) -> bool:
    """pytest-django lets a test reach the database only through the django_db mark or a fixture
    built on _django_db_helper (db, transactional_db, live_server, admin_client, ...)."""
    return item.get_closest_marker("django_db") is not None or "_django_db_helper" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--database-tests-only"):
        return
    kept, left = [], []
    for item in items:
        (kept if uses_database(item) else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


# --- CI: a skipped test that needs PostgreSQL, Redis or the browser is a failure ---------------


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("PORTAL_FAIL_ON_SKIP") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"PORTAL_FAIL_ON_SKIP: {len(skipped)} test(s) skipped; every test must run here", red=True)
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _celery_in_process(request):
    """Tasks run in the test process, whatever REDIS_URL says, except in tests marked `redis`,
    which send them to a real worker (tests/worker.py)."""
    if request.node.get_closest_marker("redis"):
        yield
        return
    from bscp_portal.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path_factory, request):
    if not request.node.get_closest_marker("redis"):
        # Counts kept in the cache (the feedback rate limit) stay in this process, even where
        # REDIS_URL points the portal's cache at Redis; tests marked `redis` use the real one.
        settings.CACHES = TEST_CACHE
        # Each test starts with an empty cache: cached figures never outlive the rows behind them.
        from django.core.cache import cache

        cache.clear()
    # Uploaded files go to a throw-away folder, never to var/media.
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    settings.PASSWORD_HASHERS = FAST_HASHERS
    # Two-factor sign-in is tested on its own (partnership/tests/test_two_factor.py and the
    # login journey); elsewhere tests sign in with force_login.
    settings.OTP_REQUIRED = False
