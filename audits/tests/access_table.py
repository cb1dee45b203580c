from tests.access import Route, signed_in

ROUTES = [
    Route("audits:index", signed_in(200)),
]
