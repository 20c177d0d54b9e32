"""Two-factor sign-in for staff: an authenticator app (TOTP) and single-use backup codes.

Built on django-otp. Staff turn it on for themselves on the admin's "Two-factor sign-in"
page; from then on the admin's sign-in asks for a code from the app as well as the
password. With `STAFF_REQUIRE_2FA` on, staff without it are sent to that page before
anything else in the admin (`bhp.middleware.StaffTwoFactorMiddleware`).

A wrong or missing code after a right password counts as a failed sign-in for
django-axes, like a wrong password, and gets the same answer, word for word: otherwise the
code step would tell anyone who guesses a password that it was right.
"""

import base64
import secrets

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_CODE_DIGITS = 6
BACKUP_CODES = 10
BACKUP_CODE_DIGITS = 10
APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"

WRONG_CODE = (
    "That code is not right. Enter the 6-digit code your authenticator app shows now, "
    "or one of your backup codes."
)
TOO_MANY_WRONG = "Too many wrong codes in a row. Wait a minute, then enter a new code."
# The sign-in's one answer to every refusal; anything more specific would tell a guesser
# which part they got right.
SIGN_IN_REFUSED = (
    "Your username, password or code is not right. The username and password are "
    "case-sensitive. If you use two-factor sign-in, enter the code your authenticator app "
    "shows now, or an unused backup code; after a wrong code, wait a minute before trying "
    "a new one."
)


def code_widget():
    # Digits only (backup codes are digits too), so phones offer a number pad, and the
    # browser or password manager may fill in the code itself.
    return forms.TextInput(
        attrs={
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "autocapitalize": "off",
            "spellcheck": "false",
            "maxlength": 20,
        }
    )


def normalise(code):
    """People type codes with spaces or dashes, as the app and the backup list show them."""
    return "".join(character for character in code if character.isdigit())


def verify_code(user, code):
    """The user's device that accepts this code, or None; a wrong code counts against it.

    A 6-digit code is tried against the authenticator app, a longer one against the backup
    codes, so a code never counts as a wrong try against the other device.
    """
    code = normalise(code)
    model = TOTPDevice if len(code) == APP_CODE_DIGITS else StaticDevice
    return _verify(model.objects.devices_for_user(user, confirmed=True), code)


def _verify(devices, code):
    """Raises `forms.ValidationError` while a device refuses codes after repeated mistakes
    (django-otp waits twice as long after each one)."""
    with transaction.atomic():
        # Locked, so two requests cannot both spend the same code.
        for device in devices.select_for_update():
            if not device.verify_is_allowed()[0]:
                raise forms.ValidationError(TOO_MANY_WRONG, code="throttled")
            if device.verify_token(code):
                return device
    return None


def new_backup_codes(user):
    """Replace the user's backup codes with a new set, and return them to show once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": BACKUP_DEVICE_NAME})
    device.token_set.all().delete()
    codes = [
        f"{secrets.randbelow(10**BACKUP_CODE_DIGITS):0{BACKUP_CODE_DIGITS}d}"
        for _ in range(BACKUP_CODES)
    ]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:5]} {code[5:]}" for code in codes]


class TwoFactorAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in: username and password, and a code for those who turned it on."""

    # Also what Django says for a wrong password, an unknown, inactive or non-staff account.
    error_messages = {**AdminAuthenticationForm.error_messages, "invalid_login": SIGN_IN_REFUSED}

    otp_token = forms.CharField(
        label="Code from your authenticator app",
        required=False,
        help_text="Only if you have turned on two-factor sign-in. A backup code works too.",
        widget=code_widget(),
    )

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user_has_device(user):
            # django-otp marks the session verified when Django signs this user in.
            user.otp_device = self._device(user, cleaned_data.get("otp_token", ""))
        return cleaned_data

    def _device(self, user, code):
        try:
            device = verify_code(user, code) if code else None
        except forms.ValidationError:  # the device refuses codes for now
            device = None
        if device is None:
            # Count it as a failed sign-in, as Django does for a wrong password.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": self.cleaned_data.get("username")},
                request=self.request,
            )
            self.user_cache = None
            raise self.get_invalid_login_error()
        return device


class CodeForm(forms.Form):
    code = forms.CharField(label="Code from your authenticator app", widget=code_widget())

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_code(self):
        self.device = verify_code(self.user, self.cleaned_data["code"])
        if self.device is None:
            raise forms.ValidationError(WRONG_CODE, code="wrong")
        return self.cleaned_data["code"]


class SetupCodeForm(CodeForm):
    """Turning it on: the code must come from the new app, proving it was set up right."""

    def __init__(self, user, device, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.new_device = device
        self.fields["code"].help_text = "The 6 digits the app shows for this site now."

    def clean_code(self):
        code = normalise(self.cleaned_data["code"])
        self.device = _verify(TOTPDevice.objects.filter(pk=self.new_device.pk), code)
        if self.device is None:
            raise forms.ValidationError(
                "That code is not right. Check the app shows this site, then enter the "
                "code it shows now.",
                code="wrong",
            )
        return self.cleaned_data["code"]


def qr_code_data_uri(device):
    """The app's set-up address as a QR code: an SVG image, since the page allows no inline
    style, only images from this site and data: addresses."""
    svg = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, border=4
    ).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def readable_key(device):
    """The secret as authenticator apps ask for it when typed in: base32, in groups of 4."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def _render(request, context):
    return TemplateResponse(
        request,
        "admin/two_factor.html",
        {
            **admin.site.each_context(request),
            "title": "Two-factor sign-in",
            "required": settings.STAFF_REQUIRE_2FA,
            **context,
        },
    )


@sensitive_post_parameters("code")
def two_factor(request):
    """Each member of staff's own page for turning two-factor sign-in on and off.

    It only ever shows or changes the signed-in person's devices: nothing in the address
    or the form names a device, so nobody can reach anyone else's.
    """
    user = request.user
    app = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    if app is None:
        return _set_up(request, user)
    form = CodeForm(user, request.POST or None)
    action = request.POST.get("action")
    if request.method == "POST" and form.is_valid():
        if action == "backup-codes":
            messages.success(request, "You have new backup codes. The old ones no longer work.")
            return _render(request, {"backup_codes": new_backup_codes(user)})
        if action == "turn-off" and not settings.STAFF_REQUIRE_2FA:
            for model in (TOTPDevice, StaticDevice):
                model.objects.filter(user=user).delete()
            messages.success(request, "Two-factor sign-in is off. You sign in with your password.")
            return redirect("two-factor")
    return _render(
        request,
        {
            "form": form,
            "app": app,
            "backup_codes_left": StaticToken.objects.filter(device__user=user).count(),
        },
    )


def _set_up(request, user):
    # The key is kept, unconfirmed, until the person proves their app has it, so reloading
    # the page shows the same QR code.
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    form = SetupCodeForm(user, device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.device.confirmed = True
        form.device.save(update_fields=["confirmed"])
        # This session has just shown the code, so it counts as signed in with it.
        otp_login(request, form.device)
        messages.success(request, "Two-factor sign-in is on.")
        return _render(request, {"backup_codes": new_backup_codes(user), "turned_on": True})
    return _render(
        request,
        {
            "form": form,
            "qr_code": qr_code_data_uri(device),
            "key": readable_key(device),
        },
    )
