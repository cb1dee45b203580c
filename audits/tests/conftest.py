import pytest


@pytest.fixture
def standards(db):
    from audits.tests.factories import standard_with_criteria

    return [
        standard_with_criteria(2, title="Information sharing"),
        standard_with_criteria(1, title="Voice of the child"),
    ]


@pytest.fixture
def third(db):
    from partnership.tests.factories import AgencyFactory

    return AgencyFactory(name="Third Agency", short_name="Third")
