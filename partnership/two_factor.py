"""Two-factor authentication (TOTP, django-otp): required for the business unit, CDOP panel
members and anyone with admin access; optional for everyone else."""

from io import BytesIO

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from partnership.access import BUSINESS_UNIT, CDOP, has_role

EXEMPT_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/static/", "/health/")


def requires_two_factor(user) -> bool:
    return user.is_staff or user.is_superuser or has_role(user, BUSINESS_UNIT, CDOP)


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
            target = "two_factor_verify" if _confirmed_device(user) else "two_factor_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Six-digit code from your authenticator app",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}),
    )


def _confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or reverse("home")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return reverse("home")
    return target


def verify(request):
    device = _confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse('two_factor_setup')}?next={_next_url(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", "That code was not accepted. Codes change every 30 seconds: try the current one.")
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _next_url(request)})


def setup(request):
    """Enrol an authenticator app: scan the QR code (or type the key), then confirm a code."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="Authenticator app", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            otp_login(request, device)
            messages.success(request, "Two-step sign-in is set up. You will be asked for a code each time you sign in.")
            return redirect(_next_url(request))
        form.add_error(
            "token", "That code was not accepted. Check the app shows this account and try the current code."
        )
    svg = BytesIO()
    write_qrcode_image(device.config_url, svg)
    import base64

    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            # The SVG is generated here from our own data, never from user input.
            "qr_svg": mark_safe(svg.getvalue().decode()),  # noqa: S308
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": requires_two_factor(request.user),
        },
    )
