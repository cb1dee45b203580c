"""Two-step sign-in pages (TOTP, django-otp): required for the business unit, CDOP panel members
and anyone with admin access when OTP_REQUIRED is on; optional for everyone else.

The rules live in `partnership.two_step`; these views only handle the request."""

import base64
from io import BytesIO

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.qr import write_qrcode_image

from bscp_portal.lib.forms import act_through_service
from partnership import two_step
from partnership.access import BUSINESS_UNIT, require_role
from partnership.models import User
from partnership.two_step import requires_two_factor

# The enrolment pages must stay reachable before the second step; each checks `may_enrol` itself.
EXEMPT_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/static/", "/health/")
SESSION_CODES = "two_step_new_backup_codes"

__all__ = ["TwoFactorMiddleware", "requires_two_factor"]


class TwoFactorMiddleware:
    """Send a signed-in user who needs a second factor to set one up or enter a code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.OTP_REQUIRED
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(EXEMPT_PREFIXES)
            and requires_two_factor(user)
        ):
            target = "two_factor_verify" if two_step.has_confirmed_authenticator(user) else "two_factor_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Six-digit code from your authenticator app",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}),
    )


class VerifyForm(forms.Form):
    token = forms.CharField(
        label="Six-digit code from your authenticator app, or a backup code",
        max_length=11,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none"}),
    )


def _verified(request) -> bool:
    return bool(request.user.is_authenticated and request.user.is_verified())


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or reverse("home")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return reverse("home")
    return target


def _to_verify(request, message: str):
    messages.info(request, message)
    return redirect(f"{reverse('two_factor_verify')}?next={reverse('two_factor_setup')}")


def verify(request):
    """Enter a code from a confirmed authenticator, or spend a backup code."""
    user = request.user
    if not two_step.has_confirmed_authenticator(user):
        return redirect(f"{reverse('two_factor_setup')}?next={_next_url(request)}")
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        device = None
        if token.isdigit() and len(token) == 6:
            device = next((d for d in two_step.confirmed_authenticators(user) if d.verify_token(token)), None)
        else:
            device = two_step.use_backup_code(user=user, text=token, request=request)
            if device is not None:
                left = two_step.remaining_backup_codes(user)
                messages.warning(
                    request,
                    f"You used a backup code. You have {left} left"
                    + (": make new ones from Two-step sign-in in your account menu." if left < 4 else "."),
                )
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error(
            "token",
            "That code was not accepted. App codes change every 30 seconds: try the current one. "
            "A backup code works once only.",
        )
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _next_url(request)})


def setup(request):
    """Enrol an authenticator app: scan the QR code (or type the key), then confirm a code.

    A session without a second step may do this only while the person has no authenticator;
    otherwise it must first enter a code from the one they have (or a backup code)."""
    user = request.user
    verified = _verified(request)
    if not two_step.may_enrol(user, verified=verified):
        return _to_verify(
            request,
            "You already have two-step sign-in. Enter a code from your authenticator app, or a backup code, "
            "before you add or replace one.",
        )
    device = two_step.pending_authenticator(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            codes = two_step.confirm_authenticator(user=user, device=device, verified=verified, request=request)
            otp_login(request, device)
            messages.success(request, "Two-step sign-in is set up. You will be asked for a code each time you sign in.")
            if codes:
                request.session[SESSION_CODES] = codes
                return redirect(f"{reverse('two_factor_backup_codes')}?next={_next_url(request)}")
            return redirect(_next_url(request))
        form.add_error(
            "token", "That code was not accepted. Check the app shows this account and try the current code."
        )
    svg = BytesIO()
    write_qrcode_image(device.config_url, svg)
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            # noqa reason: the SVG is drawn by the qrcode library from the device's own key URL, never
            # from anything a person typed, so marking it safe cannot carry script.
            "qr_svg": mark_safe(svg.getvalue().decode()),  # noqa: S308
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": requires_two_factor(user),
            "authenticators": list(two_step.confirmed_authenticators(user)) if verified else [],
            "current_device": getattr(user, "otp_device", None),
            "backup_codes_left": two_step.remaining_backup_codes(user) if verified else None,
        },
    )


def backup_codes(request):
    """New backup codes, shown once; a verified session may replace them."""
    user = request.user
    if two_step.has_confirmed_authenticator(user) and not _verified(request):
        return _to_verify(request, "Enter a code from your authenticator app before you look at backup codes.")
    if not two_step.has_confirmed_authenticator(user):
        return redirect("two_factor_setup")
    if request.method == "POST":
        request.session[SESSION_CODES] = two_step.issue_backup_codes(user=user, request=request)
        messages.success(request, "New backup codes made. The old ones no longer work.")
        return redirect("two_factor_backup_codes")
    return render(
        request,
        "registration/two_factor_backup_codes.html",
        {
            "codes": request.session.pop(SESSION_CODES, None),
            "left": two_step.remaining_backup_codes(user),
            "next": _next_url(request),
        },
    )


@require_POST
def remove_device(request, pk: int):
    try:
        return act_through_service(
            request,
            lambda: two_step.remove_authenticator(
                user=request.user,
                device_id=pk,
                verified=_verified(request),
                current_persistent_id=getattr(getattr(request.user, "otp_device", None), "persistent_id", ""),
                request=request,
            ),
            success_message="Authenticator removed.",
            redirect_to="two_factor_setup",
        )
    except PermissionDenied:
        return _to_verify(request, "Enter a code from your authenticator app before you remove one.")


@require_role(BUSINESS_UNIT)
def reset(request, pk: int):
    """The business unit resets another person's two-step sign-in (for a lost phone)."""
    person = get_object_or_404(User, pk=pk)
    if request.method == "POST":
        # A refusal comes back to this page, which says why.
        return act_through_service(
            request,
            lambda: two_step.reset_two_step(person=person, by=request.user, request=request),
            success_message=f"Two-step sign-in reset for {person.get_full_name() or person.username}. "
            "They have been e-mailed and will set it up again at their next sign-in.",
            redirect_to=reverse("partnership:agency_detail", kwargs={"pk": person.agency_id})
            if person.agency_id
            else reverse("partnership:index"),
            refused_to=request.path,
        )
    return render(
        request,
        "registration/two_factor_reset.html",
        {
            "person": person,
            "own": person.pk == request.user.pk,
            "has_device": two_step.has_confirmed_authenticator(person),
        },
    )
