"""Section 11 ratings PAQA can ask about (partnership.registry), referenced as "response-<pk>"."""

from partnership.registry import Figure
from section11.models import StandardResponse


def resolve(ref: str, user) -> Figure | None:
    if not ref.startswith("response-") or not ref.removeprefix("response-").isdigit():
        return None
    response = (
        StandardResponse.objects.for_user(user)
        .filter(pk=int(ref.removeprefix("response-")))
        .select_related("submission__agency", "submission__round", "standard")
        .first()
    )
    if response is None:
        return None
    rating = response.agreed_rating or response.rating
    shown = dict(response._meta.get_field("rating").choices).get(rating, "not rated")
    return Figure(
        kind="s11_rating",
        ref=ref,
        label=f"{response.submission.agency}, {response.submission.round}: standard {response.standard.number} {shown.lower()}",
        url=response.submission.get_absolute_url(),
        agency_id=response.submission.agency_id,
    )
