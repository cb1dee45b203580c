from tests.access import Route, signed_in

ROUTES = [
    Route("annual_report:index", signed_in(200)),
]
