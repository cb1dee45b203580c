"""Documents attached to reviews: upload and download."""

from bscp_portal.lib import storage
from partnership.access import get_visible_or_404
from reviews import forms, services
from reviews.models import Attachment
from reviews.views.common import manage_or_403, on_case_and_themed, save_or_form_page


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


case_attachment_add, themed_attachment_add = on_case_and_themed(_attach)


def attachment_download(request, pk: int):
    """A review document, only for those who may see its review; always as a download."""
    attachment = get_visible_or_404(Attachment.objects.all(), request.user, request, pk=pk)
    return storage.serve(attachment.file, filename=attachment.original_name, content_type=attachment.content_type)
