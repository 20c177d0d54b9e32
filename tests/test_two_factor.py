"""Two-factor sign-in for staff: setting up an authenticator app, signing in with its code,
backup codes, turning it off, making it compulsory, and nobody reaching another's device.

Codes are worked out as the app would, from the device's key and the (frozen) clock.
"""

import base64
import re
import time
from datetime import UTC, datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bhp.two_factor import new_backup_codes
from news.models import Article

from . import pages
from .conftest import STAFF_PASSWORD
from .factories import ArticleFactory, DocumentFactory

pytestmark = pytest.mark.django_db

PAGE = "/admin/two-factor/"


@pytest.fixture(autouse=True)
def clock(time_machine):
    """Time stands still unless a test moves it: each code is valid for 30 seconds."""
    time_machine.move_to(datetime(2026, 11, 23, 9, 0, tzinfo=UTC), tick=False)
    return time_machine


def code(device, steps_ahead=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device):
    """A 6-digit code the app shows at none of the moments the site accepts."""
    accepted = {code(device, step) for step in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in accepted)


def app_of(user, confirmed=True):
    return TOTPDevice.objects.get(user=user, confirmed=confirmed)


@pytest.fixture
def app(comms_user):
    """The communications officer has turned two-factor sign-in on."""
    return TOTPDevice.objects.create(user=comms_user, name="Authenticator app", confirmed=True)


def sign_in(client, otp_token="", password=STAFF_PASSWORD, username="comms"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "otp_token": otp_token, "next": "/admin/"},
    )


def signed_in(client):
    return client.get("/admin/").status_code == 200


def assert_labelled_code_field(html, field_id):
    """Labelled, and ready for the browser or a phone's number pad to fill in."""
    assert f'<label for="{field_id}"' in html
    field = re.search(rf'<input[^>]*id="{field_id}"[^>]*>', html).group(0)
    assert 'autocomplete="one-time-code"' in field
    assert 'inputmode="numeric"' in field


def failures(username="comms"):
    return sum(
        AccessAttempt.objects.filter(username=username).values_list(
            "failures_since_start", flat=True
        )
    )


# --- Setting it up ------------------------------------------------------------------


def test_the_admin_links_every_member_of_staff_to_the_page(comms_client):
    assert f'href="{PAGE}"' in comms_client.get("/admin/").content.decode()


def test_the_set_up_page_shows_a_qr_code_and_the_key_to_type(comms_client, comms_user):
    page = comms_client.get(PAGE)
    assert page.status_code == 200
    html = page.content.decode()
    device = app_of(comms_user, confirmed=False)
    key = base64.b32encode(device.bin_key).decode()
    # The key is shown in groups of four for typing, and is what the QR code holds.
    shown = re.search(r'<code class="otp-key">([A-Z2-7 ]+)</code>', html).group(1)
    assert shown.replace(" ", "") == key
    image = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)"[^>]*alt="([^"]+)"', html)
    svg = base64.b64decode(image.group(1)).decode()
    assert svg.startswith("<svg")
    assert "<script" not in svg
    assert "style" not in svg
    assert "key is written out below" in image.group(2)
    assert "Birmingham%20Health%20Partners" in device.config_url
    assert_labelled_code_field(html, "id_code")
    # No inline style or script: the Content-Security-Policy allows neither.
    assert " style=" not in html
    assert "<script>" not in html
    # Reloading shows the same key, so a scan that was already made still works.
    assert shown in comms_client.get(PAGE).content.decode()


def test_the_right_code_turns_it_on_and_shows_backup_codes_once(comms_client, comms_user):
    comms_client.get(PAGE)
    device = app_of(comms_user, confirmed=False)
    done = comms_client.post(PAGE, {"code": code(device)})
    assert done.status_code == 200
    assert app_of(comms_user).confirmed
    shown = re.findall(r"<li><code>(\d{5} \d{5})</code></li>", done.content.decode())
    assert len(shown) == 10
    assert {c.replace(" ", "") for c in shown} == set(
        StaticToken.objects.filter(device__user=comms_user).values_list("token", flat=True)
    )
    # This session gave a code, so it counts as signed in with it.
    assert comms_client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    again = comms_client.get(PAGE).content.decode()
    assert "Two-factor sign-in is <strong>on</strong>" in again
    assert "10 unused backup codes" in again
    assert shown[0] not in again


def test_a_wrong_code_does_not_turn_it_on(comms_client, comms_user):
    comms_client.get(PAGE)
    device = app_of(comms_user, confirmed=False)
    refused = comms_client.post(PAGE, {"code": wrong_code(device)})
    assert refused.status_code == 200
    assert "That code is not right" in refused.content.decode()
    assert 'aria-invalid="true"' in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=comms_user, confirmed=True).exists()
    # Until it is on, the password alone still signs in.
    assert sign_in(Client()).status_code == 302


# --- Signing in -----------------------------------------------------------------------


def test_staff_without_an_app_sign_in_with_their_password_alone(comms_user):
    client = Client()
    assert sign_in(client).status_code == 302
    assert signed_in(client)


def test_the_sign_in_form_has_a_labelled_code_field(client):
    html = client.get(reverse("admin:login")).content.decode()
    assert_labelled_code_field(html, "id_otp_token")


def test_with_an_app_the_right_code_signs_in(app):
    client = Client()
    assert sign_in(client, code(app)).status_code == 302
    assert signed_in(client)
    assert client.session[DEVICE_ID_SESSION_KEY] == app.persistent_id
    assert failures() == 0


@pytest.mark.parametrize("given", ["wrong", "missing"])
def test_with_an_app_a_wrong_or_missing_code_does_not_sign_in_and_counts_as_a_failure(app, given):
    client = Client()
    refused = sign_in(client, wrong_code(app) if given == "wrong" else "")
    assert refused.status_code == 200
    assert "If you use two-factor sign-in, enter the code" in refused.content.decode()
    assert not signed_in(client)
    assert failures() == 1


def sign_in_on_the_page(username, password, otp_token, address):
    """Fill in the sign-in page a person sees, from an address of its own (so the lockout
    by address never decides the outcome), and send it."""
    client = Client(REMOTE_ADDR=address)
    page = client.get(reverse("admin:login"), {"next": "/admin/"})
    form = pages.form(page, field="otp_token")
    response = form.submit(client, username=username, password=password, otp_token=otp_token)
    return client, response


def errors_shown(response):
    html = response.content.decode()
    notes = re.findall(r'<p class="errornote">\s*(.*?)\s*</p>', html, re.S)
    listed = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)
    return notes + listed


def without_tokens(response):
    """The page without what differs on every response anyway (CSRF token, CSP nonce)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    return re.sub(r'nonce="[^"]*"', "", html)


def test_the_sign_in_page_never_tells_a_guesser_the_password_was_right(
    app, comms_user, admin_user_in_group, clock
):
    """The same page, word for word, whichever part was wrong, for staff with an app or
    without one; none signs in, and each counts towards the lockout."""
    typed = wrong_code(app)
    attempts = {
        "wrong password, a code": ("comms", "not-the-password", typed),
        "right password, wrong code": ("comms", STAFF_PASSWORD, typed),
        "right password, no code": ("comms", STAFF_PASSWORD, ""),
        # Straight after a wrong code the app refuses even the right one for a while:
        # saying so would also say the password was right.
        "right password, right code too soon": ("comms", STAFF_PASSWORD, code(app)),
        "no app, wrong password, a code": ("administrator", "not-the-password", typed),
        "no such account, a code": ("nobody", STAFF_PASSWORD, typed),
    }
    shown = {}
    for number, (attempt, (username, password, otp_token)) in enumerate(attempts.items()):
        client, response = sign_in_on_the_page(
            username, password, otp_token, f"198.51.100.{number + 10}"
        )
        assert response.status_code == 200, attempt
        assert not signed_in(client), attempt
        shown[attempt] = (errors_shown(response), without_tokens(response))
    messages_shown = {attempt: errors for attempt, (errors, _) in shown.items()}
    assert len(messages_shown["wrong password, a code"]) == 1
    for attempt, errors in messages_shown.items():
        assert errors == messages_shown["wrong password, a code"], attempt
    # Not only the message: nothing else on the page differs (a field marked invalid...).
    assert shown["wrong password, a code"][1] == shown["right password, wrong code"][1]
    assert failures("comms") == 4
    assert failures("administrator") == 1


def test_a_code_is_only_good_once(app, clock):
    first = code(app)
    assert sign_in(Client(), first).status_code == 302
    assert sign_in(Client(), first).status_code == 200
    clock.shift(30)
    assert sign_in(Client(), code(app)).status_code == 302


def test_wrong_codes_lock_the_account_even_with_the_right_password(app, clock):
    client = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(5):
        sign_in(client, wrong_code(app))
        clock.shift(60)  # past the app's own slow-down after a wrong code
    locked = sign_in(Client(REMOTE_ADDR="198.51.100.2"), code(app))
    assert locked.status_code == 429


def test_codes_are_left_out_of_the_record_of_failed_sign_ins(app):
    typed = wrong_code(app)
    sign_in(Client(), typed)
    attempt = AccessAttempt.objects.get(username="comms")
    assert typed not in attempt.post_data


def test_a_backup_code_signs_in_once(app, comms_user):
    backup = new_backup_codes(comms_user)[0]
    client = Client()
    assert sign_in(client, backup).status_code == 302
    assert signed_in(client)
    assert sign_in(Client(), backup).status_code == 200
    assert StaticToken.objects.filter(device__user=comms_user).count() == 9


# --- Managing it ------------------------------------------------------------------------


@pytest.fixture
def verified_client(app):
    client = Client()
    assert sign_in(client, code(app)).status_code == 302
    return client


def test_a_code_turns_it_off(verified_client, app, clock, comms_user):
    new_backup_codes(comms_user)
    refused = verified_client.post(PAGE, {"code": wrong_code(app), "action": "turn-off"})
    assert "That code is not right" in refused.content.decode()
    assert TOTPDevice.objects.filter(pk=app.pk).exists()
    clock.shift(60)
    turned_off = verified_client.post(PAGE, {"code": code(app), "action": "turn-off"})
    assert turned_off.status_code == 302
    assert not TOTPDevice.objects.filter(user=comms_user).exists()
    assert not StaticToken.objects.filter(device__user=comms_user).exists()
    assert sign_in(Client()).status_code == 302


def test_new_backup_codes_replace_the_old_ones(verified_client, app, clock, comms_user):
    old = set(new_backup_codes(comms_user))
    clock.shift(30)  # the sign-in used this moment's code
    page = verified_client.post(PAGE, {"code": code(app), "action": "backup-codes"})
    new = set(re.findall(r"<li><code>(\d{5} \d{5})</code></li>", page.content.decode()))
    assert len(new) == 10
    assert not new & old
    assert StaticToken.objects.filter(device__user=comms_user).count() == 10


def test_nobody_reaches_anyone_elses_device(app, admin_user_in_group, admin_client_in_group):
    # The administrator's own page sets up their own app, never shows the officer's key...
    page = admin_client_in_group.get(PAGE).content.decode()
    assert base64.b32encode(app.bin_key).decode()[:8] not in page.replace(" ", "")
    # ...and the officer's code does nothing there.
    TOTPDevice.objects.create(user=admin_user_in_group, name="Authenticator app")
    admin_client_in_group.post(PAGE, {"code": code(app), "action": "turn-off"})
    assert TOTPDevice.objects.filter(pk=app.pk).exists()
    assert TOTPDevice.objects.filter(user=admin_user_in_group).exists()
    # Devices in the admin are for superusers alone, even for administrators.
    for url in [
        "/admin/otp_totp/totpdevice/",
        f"/admin/otp_totp/totpdevice/{app.pk}/change/",
        f"/admin/otp_totp/totpdevice/{app.pk}/config/",
        f"/admin/otp_totp/totpdevice/{app.pk}/qrcode/",
        "/admin/otp_static/staticdevice/",
    ]:
        assert admin_client_in_group.get(url).status_code == 403, url


def test_a_superuser_may_remove_someones_lost_app_but_never_read_its_key(admin_client, app):
    assert admin_client.get("/admin/otp_totp/totpdevice/").status_code == 200
    change = admin_client.get(f"/admin/otp_totp/totpdevice/{app.pk}/change/")
    assert change.status_code == 200
    assert app.key not in change.content.decode()
    assert admin_client.get(f"/admin/otp_totp/totpdevice/{app.pk}/qrcode/").status_code == 403
    admin_client.post(f"/admin/otp_totp/totpdevice/{app.pk}/delete/", {"post": "yes"})
    assert not TOTPDevice.objects.filter(pk=app.pk).exists()


# --- Making it compulsory ----------------------------------------------------------------


@pytest.fixture
def required(settings):
    settings.STAFF_REQUIRE_2FA = True


@pytest.mark.usefixtures("required")
@pytest.mark.parametrize("url", ["/admin/", "/admin/news/article/", "/admin/review/"])
def test_when_required_staff_without_an_app_are_sent_to_set_one_up(comms_client, url):
    response = comms_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == PAGE
    page = comms_client.get(PAGE)
    assert page.status_code == 200
    assert "must use two-factor sign-in" in page.content.decode()


@pytest.mark.usefixtures("required")
def test_when_required_setting_it_up_opens_the_admin(comms_client, comms_user):
    comms_client.get(PAGE)
    comms_client.post(PAGE, {"code": code(app_of(comms_user, confirmed=False))})
    assert comms_client.get("/admin/").status_code == 200


@pytest.mark.usefixtures("required")
def test_when_required_a_session_that_gave_no_code_must_sign_in_again(comms_client, app):
    response = comms_client.get("/admin/news/article/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert "_auth_user_id" not in comms_client.session


@pytest.mark.usefixtures("required")
def test_when_required_it_cannot_be_turned_off(verified_client, app, clock):
    page = verified_client.get(PAGE).content.decode()
    assert 'value="turn-off"' not in page
    clock.shift(60)
    verified_client.post(PAGE, {"code": code(app), "action": "turn-off"})
    assert TOTPDevice.objects.filter(pk=app.pk).exists()


@pytest.fixture
def draft_with_document():
    draft = ArticleFactory(status=Article.Status.DRAFT, title="Embargoed trial results")
    document = DocumentFactory(title="Embargoed report")
    draft.documents.set([document])
    return draft, document


@pytest.mark.usefixtures("required")
@pytest.mark.parametrize("who", ["without an app", "with an app, signed in without its code"])
def test_when_required_staff_without_a_code_see_drafts_and_their_documents_as_visitors_do(
    who, comms_user, comms_client, draft_with_document
):
    if who.startswith("with an app"):
        TOTPDevice.objects.create(user=comms_user, name="Authenticator app", confirmed=True)
    for thing in draft_with_document:
        url = thing.get_absolute_url()
        assert Client().get(url).status_code == 404
        response = comms_client.get(url)
        assert response.status_code == 404, url
        assert b"Embargoed" not in response.content


@pytest.mark.usefixtures("required")
def test_when_required_staff_signed_in_with_a_code_see_drafts_and_their_documents(
    verified_client, draft_with_document
):
    draft, document = draft_with_document
    page = verified_client.get(draft.get_absolute_url())
    assert page.status_code == 200
    assert "This article is a draft." in page.content.decode()
    assert verified_client.get(document.get_absolute_url()).status_code == 200


@pytest.mark.usefixtures("required")
def test_when_required_visitors_pages_are_untouched(client):
    response = client.get("/")
    assert response.status_code == 200
    assert not response.cookies
