"""Documents attached to reviews: upload and download."""

from bscp_portal.lib import storage
from partnership.access import get_visible_or_404
from reviews import forms, services
from reviews.models import Attachment
from reviews.views.common import case_or_404, manage_or_403, save_or_form_page, themed_or_404


def _attach(request, *, review, back, **which):
    manage_or_403(request)
    form = forms.AttachmentForm(request.POST or None, request.FILES or None)
    return save_or_form_page(
        request,
        form,
        lambda: services.attachment_add(
            by=request.user, upload=form.cleaned_data["upload"], kind=form.cleaned_data["kind"], **which
        ),
        success_message="The document was attached.",
        redirect_to=back,
        title=f"Attach a document to {review}",
        submit="Upload",
    )


def case_attachment_add(request, pk: int):
    review = case_or_404(request, pk)
    return _attach(request, review=review.reference, back=review, case_review=review)


def themed_attachment_add(request, pk: int):
    review = themed_or_404(request, pk)
    return _attach(request, review=review, back=review, themed_review=review)


def attachment_download(request, pk: int):
    """A review document, only for those who may see its review; always as a download."""
    attachment = get_visible_or_404(Attachment.objects.all(), request.user, request, pk=pk)
    return storage.serve(attachment.file, filename=attachment.original_name, content_type=attachment.content_type)
