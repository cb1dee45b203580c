"""docs/security.md carries the access table the matrix test checks, exactly as the code has it."""

from tests.access_doc import DOC, END, START, with_table


def test_the_access_table_in_the_security_doc_is_current():
    doc = DOC.read_text()
    assert START in doc and END in doc
    assert doc == with_table(doc), "docs/security.md is out of date: run python -m tests.access_doc --write"


def test_the_security_doc_names_every_retention_setting():
    from django.conf import settings

    doc = DOC.read_text()
    for strand in settings.RETENTION_DAYS:
        assert f"`{strand}`" in doc, strand
