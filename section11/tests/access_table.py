from tests.access import Route, signed_in

ROUTES = [
    Route("section11:index", signed_in(200)),
]
