"""A record's single-purpose form page, described once and served by one function.

Many pages take one record, show one form, and hand what was typed to one service together with
the record and the person: "add a finding to this audit", "grade this case". Such a page is a
`FormPage`: the form, the service and the record's keyword in it, the message, and the page's
words (the title may name the record):

    FINDING = FormPage(
        forms.FindingForm,
        services.finding_add,
        record_as="audit",
        success_message="The finding was added.",
        words={"title": "Add a finding to {audit.title}", "submit": "Add finding"},
        anchor="findings",
    )

    def finding_add(request, pk):
        audit = workable_or_403(request, pk)       # 404 first, then 403: the view's own
        return FINDING.serve(request, audit, page=save_or_form_page, data=posted(request))

`serve` builds the form (its initial from the record), calls
`page(request, form, save, success_message=..., redirect_to=..., **words)` with `save` calling
`service(<record_as>=record, by=request.user, **form.cleaned_data)`, so the strand's own page
function (and its template) still shows the form; what saving does is `save_through_service`'s.

A form that sits on its record's own page (rate this objective, answer this question) has no
page of its own: `page=on_record_page(shown_again)` takes only a POST (anything else goes back to
the record) and, when the form is refused, answers `shown_again(form)` (the record's page again,
with the form's errors).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from bscp_portal.lib.forms import save_through_service


@dataclass(frozen=True)
class FormPage:
    """What one form page says and does. `words` (title, submit, intro...) are formatted with the
    record under `record_as`; `initial` names the record's fields the form starts from (with
    `initial_from` for anything else, given the record); saving goes to the record, at `anchor`
    on its page when given. A page that makes a new record has no record (`record_as=None`): its
    words are as written and saving goes to what the service made. With `refused_status`, a form shown again with errors answers with
    that status (the page function is given `status`, called once the save has been tried).
    The service is given the person as `person_as` ("by" unless it names them otherwise, or not at
    all with None)."""

    form: type[BaseForm]
    service: Callable[..., Any]
    record_as: str | None
    success_message: str | Callable[[Any], str] = ""
    words: Mapping[str, str] = field(default_factory=dict)
    initial: tuple[str, ...] = ()
    initial_from: Callable[[Any], dict] | None = None
    anchor: str = ""
    refused_status: int | None = None
    person_as: str | None = "by"

    def initial_for(self, record: Any) -> dict:
        values = {name: getattr(record, name) for name in self.initial}
        if self.initial_from is not None:
            values.update(self.initial_from(record))
        return values

    def words_for(self, record: Any) -> dict:
        if self.record_as is None:
            return dict(self.words)
        return {key: text.format(**{self.record_as: record}) for key, text in self.words.items()}

    def redirect_for(self, record: Any) -> Any:
        if record is None or not self.anchor:
            return record
        return f"{record.get_absolute_url()}#{self.anchor}"

    def service_arguments(self, request: HttpRequest, record: Any, form: BaseForm) -> dict:
        about = {} if self.record_as is None else {self.record_as: record}
        if self.person_as is not None:
            about[self.person_as] = request.user
        return {**about, **form.cleaned_data}

    def serve(
        self,
        request: HttpRequest,
        record: Any = None,
        *,
        page: Callable[..., HttpResponse],
        data: Any,
        files: Any = None,
        form_options: Mapping[str, Any] | None = None,
        initial: Mapping[str, Any] | None = None,
        **page_options: Any,
    ) -> HttpResponse:
        """The page for `record`: the form bound to `data` (and `files`), built with
        `form_options` and starting from `initial` too, and `page` (the strand's save-or-show function) given `page_options` too,
        which win over the page's own (a `redirect_to` elsewhere than the record, say)."""
        options = dict(form_options or {})
        if files is not None:
            options["files"] = files
        form = self.form(data, initial={**self.initial_for(record), **(initial or {})}, **options)
        if self.refused_status is not None:
            page_options = {"status": lambda: self.refused_status if form.errors else 200, **page_options}
        said = {"success_message": self.success_message, "redirect_to": self.redirect_for(record)}
        said.update(self.words_for(record), **page_options)

        def save():
            return self.service(**self.service_arguments(request, record, form))

        return page(request, form, save, **said)


def on_record_page(shown_again: Callable[[BaseForm], HttpResponse]) -> Callable[..., HttpResponse]:
    """The page function of a form posted from its record's own page (see the module's words)."""

    def page(request: HttpRequest, form: BaseForm, save: Callable[[], Any], **options: Any) -> HttpResponse:
        if request.method != "POST":
            return redirect(options["redirect_to"])
        return save_through_service(request, form, save, **options) or shown_again(form)

    return page
