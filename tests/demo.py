"""The demo partnership, seeded inside a test module's own transaction."""

import io

from django.core.management import call_command
from django.db import connection


def seed_demo_checked() -> None:
    """`seed_demo` inside the caller's open transaction, then its foreign keys checked at once.

    PostgreSQL checks a foreign key at the end of the transaction that wrote the row. A module
    that seeds the demo once keeps its transaction open for all its tests, and Django checks the
    constraints after each test (in the test's savepoint, rolled back after it): left unchecked,
    every demo row would be checked again after every test (seconds each). Checked here, once,
    the checks are done, and each test's check covers only the rows that test wrote."""
    call_command("seed_demo", stdout=io.StringIO())
    connection.check_constraints()
