"""Shared returns: an agency's return downloaded as an exchange file, and an exchange file from
another partnership's portal imported into the agency's own draft (docs/formats.md)."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from bscp_portal.lib.forms import save_through_service
from partnership.access import refuse
from partnership.security import log_event
from section11 import exports, services
from section11.forms import ExchangeImportForm
from section11.views import _get_return


def return_exchange(request, pk: int):
    """The return as an exchange file: the agency's own lead, or the business unit."""
    submission = _get_return(request, pk)
    if not services.can_export_return(request.user, submission):
        refuse(request, f"return {submission.pk} is exported by its agency's lead or the business unit")
    try:
        document = exports.exchange_document(submission)
    except exports.EvidenceMissing as exc:
        messages.error(
            request,
            f"The exchange file could not be made: the evidence file {exc} is missing from storage. "
            "Tell the business unit, or remove the file and upload it again.",
        )
        return redirect(submission)
    log_event(request, "export", detail=f"section 11 exchange file, return {submission.pk}")
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{exports.exchange_filename(submission)}"'
    return response


def return_import(request, pk: int):
    """Import another partnership's exchange file into this draft, each answer to be confirmed."""
    submission = _get_return(request, pk)
    if not services.can_import_into(request.user, submission):
        refuse(request, f"return {submission.pk} is imported into only by its agency's lead, while a draft")
    posted = request.method == "POST"
    form = ExchangeImportForm(request.POST if posted else None, request.FILES if posted else None)

    def imported(outcome):
        messages.success(
            request,
            f"Imported {len(outcome.imported)} standard{'s' if len(outcome.imported) != 1 else ''} from "
            f"{outcome.source}. Each is marked to confirm: check it, then confirm it or change it.",
        )
        if outcome.kept or outcome.unmatched or outcome.unmatched_criteria:
            messages.warning(request, outcome.summary())
        return redirect(submission)

    done = save_through_service(
        request,
        form,
        lambda: services.return_import(submission=submission, by=request.user, document=form.document),
        errors_to="file",
        respond=imported,
    )
    if done:
        return done
    if posted and form.errors and request.FILES:
        form.add_error(
            "file", "Nothing was imported and your return is unchanged. Choose the file again once it is put right."
        )
    return render(request, "section11/import_form.html", {"submission": submission, "form": form})
