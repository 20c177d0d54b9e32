"""Known defects in saving pages, each reproduced: two pages saved at one address at the same
moment, and restoring a version of a page whose section has since been deleted."""

import threading

import pytest
from django.db import connections, transaction
from django.utils import timezone
from reversion.models import Version

from pages.models import Page

from . import pages
from .factories import PageFactory
from .test_pages import ADD, LIST, change_url, open_form, save

pytestmark = pytest.mark.django_db


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_pages_saved_at_one_address_at_once_give_a_form_error(admin_client_in_group):
    form = pages.form(admin_client_in_group.get(ADD), field="title")
    typed = {"title": "Our board", "slug": "board", "summary": "Who sits on the board."}
    inserted, done = threading.Event(), threading.Event()

    def other_person():
        # Another save of the same address, not yet committed while this form is checked.
        try:
            with transaction.atomic():
                PageFactory(title="The board", slug="board")
                inserted.set()
                done.wait(2)  # this form's save is waiting on the row now
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_person)
    thread.start()
    assert inserted.wait(10)
    timer = threading.Timer(0.5, done.set)
    timer.start()
    response = form.submit(admin_client_in_group, button="_save", **typed)
    thread.join(10)

    assert response.status_code == 200
    assert pages.errors(response)["slug"] == [
        "There is already a page at /board/: choose another slug or parent."
    ]
    again = pages.form(response, field="title")
    assert (again.value("title"), again.value("summary")) == ("Our board", "Who sits on the board.")
    assert list(Page.objects.values_list("title", flat=True)) == ["The board"]


@pytest.fixture
def orphaned():
    """A page saved inside a section, then moved out, and the section deleted."""
    section = PageFactory(title="Programmes", slug="programmes")
    page = PageFactory(title="Maternity", slug="maternity", parent=section, summary="Then.")
    Version.objects.all().delete()
    return section, page


def _version_in_section(client, page):
    save(client, page, summary="Inside the section.")
    version = Version.objects.get_for_object(page).first()
    save(client, page, parent="", summary="Moved out.")
    page.refresh_from_db()
    return version


def test_restoring_a_version_whose_section_was_deleted_restores_at_the_top(
    admin_client_in_group, client, orphaned
):
    section, page = orphaned
    version = _version_in_section(admin_client_in_group, page)
    section.delete()
    url = f"/admin/pages/page/{page.pk}/history/{version.pk}/"

    response = admin_client_in_group.get(url)
    assert response.status_code == 200
    shown = response.content.decode()
    assert (
        "The parent this page had when that version was saved has since been deleted, so it is "
        "restored without one" in shown
    )
    form = pages.form(response, field="title")
    assert (form.value("summary"), form.value("parent")) == ("Inside the section.", "")
    page.refresh_from_db()
    assert page.summary == "Moved out."  # showing a version changes nothing

    assert form.submit(admin_client_in_group, button="_save").status_code == 302
    page.refresh_from_db()
    assert (page.parent, page.path, page.summary) == (None, "maternity", "Inside the section.")
    assert "Inside the section." in client.get("/maternity/").content.decode()


def test_a_restore_at_the_top_that_would_take_a_used_address_is_refused_clearly(
    admin_client_in_group, orphaned
):
    section, page = orphaned
    version = _version_in_section(admin_client_in_group, page)
    save(admin_client_in_group, page, slug="maternity-care")
    PageFactory(title="Maternity elsewhere", slug="maternity")
    section.delete()
    url = f"/admin/pages/page/{page.pk}/history/{version.pk}/"
    form = pages.form(admin_client_in_group.get(url), field="title")
    response = form.submit(admin_client_in_group, button="_save")
    assert (response.status_code, response["Location"]) == (302, "/admin/pages/page/")
    assert (
        "The page “Maternity” cannot be restored as it was: its address, or another value no "
        "two may share, has since been taken." in admin_client_in_group.get(LIST).content.decode()
    )
    page.refresh_from_db()
    assert (page.path, page.summary) == ("maternity-care", "Moved out.")


def test_recovering_a_deleted_page_whose_section_was_deleted_too(admin_client_in_group, orphaned):
    section, page = orphaned
    save(admin_client_in_group, page, summary="Last words.")
    version = Version.objects.get_for_object(page).first()
    pk = page.pk
    page.delete()
    section.delete()
    url = f"/admin/pages/page/recover/{version.pk}/"
    response = admin_client_in_group.get(url)
    assert response.status_code == 200
    assert "has since been deleted" in response.content.decode()
    form = pages.form(response, field="title")
    assert form.submit(admin_client_in_group, button="_save").status_code == 302
    recovered = Page.objects.get(pk=pk)
    assert (recovered.path, recovered.summary) == ("maternity", "Last words.")
    assert recovered.updated_at <= timezone.now()
    assert open_form(admin_client_in_group, recovered).value("parent") == ""
    assert change_url(recovered)
