from django.urls import reverse

#: Every signed-in page: session, user, roles, the user's agency in the header, and the session
#: save (savepoint, update, release).
LAYOUT_QUERIES = 7


def csv_export(client, url_name: str, query: str) -> str:
    """An export downloaded as CSV, as text (the file starts with a byte-order mark for Excel)."""
    return client.get(reverse(url_name) + query).getvalue().decode("utf-8-sig")
