from tests.access import Route, signed_in

ROUTES = [
    Route("actions:index", signed_in(200)),
]
