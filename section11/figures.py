"""Section 11 ratings PAQA can ask about (partnership.registry), referenced as "response-<pk>"."""

from partnership.record_figures import figure_on, record_named
from partnership.registry import Figure
from section11.models import StandardResponse


def resolve(ref: str, user) -> Figure | None:
    visible = StandardResponse.objects.for_user(user).select_related(
        "submission__agency", "submission__round", "standard"
    )
    response = record_named(ref, "response", visible)
    if response is None:
        return None
    rating = response.agreed_rating or response.rating
    shown = dict(response._meta.get_field("rating").choices).get(rating, "not rated")
    label = f"{response.submission.agency}, {response.submission.round}: standard {response.standard.number} {shown.lower()}"
    return figure_on(response.submission, kind="s11_rating", ref=ref, label=label)
