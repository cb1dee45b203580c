#: Every signed-in page: session, user, roles, the user's agency in the header, and the session
#: save (savepoint, update, release).
LAYOUT_QUERIES = 7
