from tests.access import Route, signed_in


def _indicator(world, agency=None, partnership_wide=True):
    from scorecard.tests.factories import IndicatorFactory

    return IndicatorFactory(owning_agency=agency or world.home, partnership_wide=partnership_wide)


ROUTES = [
    Route("scorecard:index", signed_in(200)),
    Route("scorecard:indicator", signed_in(200), kwargs=lambda w: {"code": _indicator(w).code}),
    # A single-agency indicator of the canary agency: agency roles get 404.
    Route(
        "scorecard:indicator",
        signed_in(404, bu=200, paqa=200, board=200),
        kwargs=lambda w: {"code": _indicator(w, w.other, partnership_wide=False).code},
    ),
]
