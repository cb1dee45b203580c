import pytest

from cdop.tests.factories import load_reference_data


@pytest.fixture
def cdop_data(db):
    """The CDOP reference lists (categories, domains, ethnicities, areas)."""
    load_reference_data()


@pytest.fixture
def member(world):
    """A panel member who does not chair the panel."""
    from partnership.tests.factories import UserFactory, membership

    user = UserFactory(username="w-cdop-member", agency=world.home, roles=["cdop"])
    membership(user, "cdop", False)
    return user
