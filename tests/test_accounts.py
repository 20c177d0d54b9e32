"""Staff accounts in the admin: who may change whose account, password and permissions, and
accounts are deactivated, never deleted, so the audit log keeps who did what.

Administrators manage staff accounts, but only a superuser makes someone a superuser,
gives individual permissions, changes their own groups, touches a superuser's account or
sets someone else's password. Forms are posted as the page rendered them; forged fields
are added to exactly that.
"""

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from bhp.models import User

from . import pages
from .conftest import STAFF_PASSWORD
from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

USERS = "/admin/bhp/user/"
NEW_PASSWORD = "a-new-long-passphrase"  # noqa: S105 (test accounts only)
SUPERUSER_ONLY = {"is_superuser", "user_permissions"}


def change_url(user):
    return f"{USERS}{user.pk}/change/"


def password_url(user):
    return f"{USERS}{user.pk}/password/"


@pytest.fixture
def trusted_group():
    """A group the administrator does not belong to, with a permission they lack."""
    group = Group.objects.create(name="Trusted")
    group.permissions.add(Permission.objects.get(codename="delete_logentry"))
    return group


def forged(form, **values):
    """What the page's form sends, plus fields it never rendered, as a forger would post."""
    data = form.data(button="_save")
    data.update(values)
    return data


def account_change_form(client, user):
    page = client.get(change_url(user))
    assert page.status_code == 200
    return page, pages.form(page, field="username")


# --- Superuser status, permissions and groups -------------------------------------------


def test_an_administrator_cannot_make_themselves_superuser_or_widen_their_own_access(
    admin_client_in_group, admin_user_in_group, trusted_group
):
    page, form = account_change_form(admin_client_in_group, admin_user_in_group)
    # Shown, so they know where they stand, but not as fields they can change.
    assert not (SUPERUSER_ONLY | {"groups"}) & form.names
    html = page.content.decode()
    assert "Superuser status" in html
    assert "Administrators" in html

    permission = Permission.objects.get(codename="delete_logentry")
    response = admin_client_in_group.post(
        form.action,
        forged(
            form,
            is_superuser="on",
            user_permissions=[str(permission.pk)],
            groups=[str(group.pk) for group in Group.objects.all()],
        ),
    )
    assert response.status_code == 302
    admin_user_in_group.refresh_from_db()
    assert not admin_user_in_group.is_superuser
    assert not admin_user_in_group.user_permissions.exists()
    assert list(admin_user_in_group.groups.values_list("name", flat=True)) == ["Administrators"]


def test_an_administrator_sets_a_colleagues_groups_but_not_superuser_status_or_permissions(
    admin_client_in_group, comms_user
):
    _, form = account_change_form(admin_client_in_group, comms_user)
    assert "groups" in form.names
    assert not SUPERUSER_ONLY & form.names
    administrators = Group.objects.get(name="Administrators")
    permission = Permission.objects.get(codename="delete_logentry")
    data = forged(form, is_superuser="on", user_permissions=[str(permission.pk)])
    data["groups"] = [str(administrators.pk)]  # a field the page does render
    assert admin_client_in_group.post(form.action, data).status_code == 302
    comms_user.refresh_from_db()
    assert list(comms_user.groups.all()) == [administrators]
    assert not comms_user.is_superuser
    assert not comms_user.user_permissions.exists()


def test_a_forged_superuser_tick_on_the_add_form_makes_an_ordinary_account(
    admin_client_in_group,
):
    form = pages.form(admin_client_in_group.get(f"{USERS}add/"), field="username")
    data = form.data(
        button="_save", username="newcomer", password1=NEW_PASSWORD, password2=NEW_PASSWORD
    )
    data.update(is_superuser="on", is_staff="on")
    assert admin_client_in_group.post(form.action, data).status_code == 302
    newcomer = User.objects.get(username="newcomer")
    assert not newcomer.is_superuser
    assert not newcomer.is_staff


def test_a_superuser_changes_superuser_status_permissions_and_their_own_groups(
    admin_client, admin_user, comms_user, trusted_group
):
    _, form = account_change_form(admin_client, comms_user)
    assert SUPERUSER_ONLY | {"groups"} <= form.names
    permission = Permission.objects.get(codename="delete_logentry")
    form.submit(admin_client, "_save", is_superuser="on", user_permissions=[str(permission.pk)])
    comms_user.refresh_from_db()
    assert comms_user.is_superuser
    assert list(comms_user.user_permissions.all()) == [permission]

    _, own = account_change_form(admin_client, admin_user)
    own.submit(admin_client, "_save", groups=[str(trusted_group.pk)])
    assert list(admin_user.groups.all()) == [trusted_group]


# --- A superuser's account, and passwords ------------------------------------------------


def test_an_administrator_may_look_at_but_not_change_a_superusers_account(
    admin_client_in_group, admin_user
):
    page = admin_client_in_group.get(change_url(admin_user))
    assert page.status_code == 200
    assert "username" not in {name for form in pages.forms(page) for name in form.names}
    forged_post = {"username": "taken-over", "email": "attacker@example.com", "is_active": "on"}
    assert admin_client_in_group.post(change_url(admin_user), forged_post).status_code == 403
    admin_user.refresh_from_db()
    assert admin_user.username == "admin"
    assert admin_user.is_active


@pytest.mark.parametrize("whose", ["a superuser's", "a colleague's", "their own"])
def test_only_a_superuser_sets_passwords_on_an_accounts_password_page(
    whose, admin_client_in_group, admin_user_in_group, admin_user, comms_user
):
    account = {
        "a superuser's": admin_user,
        "a colleague's": comms_user,
        "their own": admin_user_in_group,
    }[whose]
    assert admin_client_in_group.get(password_url(account)).status_code == 403
    forged_post = {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert admin_client_in_group.post(password_url(account), forged_post).status_code == 403
    account.refresh_from_db()
    assert not account.check_password(NEW_PASSWORD)
    # No link to a page they cannot use.
    if account != admin_user:
        page = admin_client_in_group.get(change_url(account)).content.decode()
        assert "../password/" not in page


def test_a_superuser_sets_a_colleagues_password(admin_client, comms_user):
    page = admin_client.get(change_url(comms_user))
    assert "../password/" in page.content.decode()
    form = pages.form(admin_client.get(password_url(comms_user)), field="password1")
    response = form.submit(admin_client, password1=NEW_PASSWORD, password2=NEW_PASSWORD)
    assert response.status_code == 302
    comms_user.refresh_from_db()
    assert comms_user.check_password(NEW_PASSWORD)


def test_an_administrator_changes_their_own_password_with_their_current_one(
    admin_client_in_group, admin_user_in_group
):
    page = admin_client_in_group.get(reverse("admin:password_change"))
    form = pages.form(page, field="old_password")
    wrong = form.submit(
        admin_client_in_group,
        old_password="not-my-password",
        new_password1=NEW_PASSWORD,
        new_password2=NEW_PASSWORD,
    )
    assert wrong.status_code == 200
    form.submit(
        admin_client_in_group,
        old_password=STAFF_PASSWORD,
        new_password1=NEW_PASSWORD,
        new_password2=NEW_PASSWORD,
    )
    admin_user_in_group.refresh_from_db()
    assert admin_user_in_group.check_password(NEW_PASSWORD)


# --- Deactivated, never deleted -----------------------------------------------------------


@pytest.fixture
def comms_history(comms_user):
    """The communications officer has done something the audit log recorded."""
    return LogEntry.objects.log_actions(comms_user.pk, [ArticleFactory()], ADDITION)


def test_nobody_deletes_a_staff_account_in_the_admin_not_even_a_superuser(
    admin_client, comms_user, comms_history
):
    delete_url = f"{USERS}{comms_user.pk}/delete/"
    assert admin_client.get(delete_url).status_code == 403
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    page = admin_client.get(USERS)
    form = pages.form(page, field="action")
    html = page.content.decode()
    assert 'value="delete_selected"' not in html
    assert 'value="deactivate"' in html
    # The bulk delete, forged onto the list's own form, does nothing either.
    data = form.data(_selected_action=[str(comms_user.pk)])
    data.update(action="delete_selected", post="yes")
    admin_client.post(form.action, data)
    assert User.objects.filter(pk=comms_user.pk).exists()
    assert LogEntry.objects.filter(user=comms_user).count() == 1


def test_an_account_with_audit_entries_cannot_be_deleted_from_code_either(
    comms_user, comms_history
):
    # Each in a transaction of its own, as the shell's would be.
    with pytest.raises(ProtectedError, match="Deactivate it instead"), transaction.atomic():
        comms_user.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        User.objects.filter(pk=comms_user.pk).delete()
    assert User.objects.filter(pk=comms_user.pk).exists()
    assert LogEntry.objects.filter(user=comms_user).count() == 1


def test_deactivating_an_account_keeps_its_audit_entries_and_stops_it_signing_in(
    admin_client_in_group, comms_user, comms_history
):
    officer = Client()
    officer.force_login(comms_user)
    assert officer.get("/admin/").status_code == 200
    form = pages.form(admin_client_in_group.get(USERS), field="action")
    done = form.submit(
        admin_client_in_group, action="deactivate", _selected_action=[str(comms_user.pk)]
    )
    assert done.status_code == 302
    comms_user.refresh_from_db()
    assert not comms_user.is_active
    assert LogEntry.objects.filter(user=comms_user).count() == 1
    message = admin_client_in_group.get(done["Location"]).content.decode()
    assert "1 account deactivated" in message
    audit = admin_client_in_group.get("/admin/admin/logentry/", {"event": "deactivated"})
    assert [(row["User"], row["What"]) for row in pages.results(audit)] == [
        ("administrator", "comms")
    ]
    # Signed out where they were signed in, and refused at the sign-in page.
    assert officer.get("/admin/").status_code == 302
    login = Client()
    sign_in = pages.form(login.get(reverse("admin:login")), field="username")
    refused = sign_in.submit(login, username="comms", password=STAFF_PASSWORD)
    assert refused.status_code == 200
    assert login.get("/admin/").status_code == 302


def test_an_administrator_cannot_deactivate_a_superuser_or_themselves(
    admin_client_in_group, admin_user_in_group, admin_user
):
    form = pages.form(admin_client_in_group.get(USERS), field="action")
    done = form.submit(
        admin_client_in_group,
        action="deactivate",
        _selected_action=[str(admin_user.pk), str(admin_user_in_group.pk)],
    )
    page = admin_client_in_group.get(done["Location"]).content.decode()
    assert "Not deactivated" in page
    assert User.objects.filter(is_active=False).count() == 0


def test_only_a_superuser_changes_what_a_group_may_do(admin_client_in_group, admin_client):
    """A group's permissions are individual permissions handed out in bulk."""
    communications = Group.objects.get(name="Communications")
    granted = set(communications.permissions.all())
    url = f"/admin/auth/group/{communications.pk}/change/"
    form = pages.form(admin_client_in_group.get(url), field="name")
    assert "permissions" not in form.names
    delete_logs = Permission.objects.get(codename="delete_logentry")
    data = forged(form, permissions=[str(delete_logs.pk)])
    assert admin_client_in_group.post(url, data).status_code == 302
    assert set(communications.permissions.all()) == granted

    form = pages.form(admin_client.get(url), field="permissions")
    chosen = [str(permission.pk) for permission in granted] + [str(delete_logs.pk)]
    assert form.submit(admin_client, "_save", permissions=chosen).status_code == 302
    assert delete_logs in communications.permissions.all()
