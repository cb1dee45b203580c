from tests.access import Route, signed_in

ROUTES = [
    Route("cdop:index", signed_in(200)),
]
