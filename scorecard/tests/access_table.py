from tests.access import Route, signed_in

ROUTES = [
    Route("scorecard:index", signed_in(200)),
]
