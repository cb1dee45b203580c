from tests.access import Route, signed_in

ROUTES = [
    Route("reviews:index", signed_in(200)),
]
