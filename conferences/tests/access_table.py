from tests.access import Route, signed_in

ROUTES = [
    Route("conferences:index", signed_in(200)),
]
