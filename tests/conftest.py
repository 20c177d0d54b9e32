import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client

from core.cache import _failed_at
from core.search import Prepared
from pagecache import totals
from pagecache.versions import _owed, _process_copy

STAFF_PASSWORD = "a-long-test-password"  # noqa: S105 (test accounts only)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a fresh folder per test, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no cached pages: a rolled-back test sends no change signals."""
    _forget_cached_pages()
    yield
    _forget_cached_pages()


def _forget_cached_pages():
    Prepared.forget()  # a test may change a bound its SQL was compiled with
    cache.clear()
    caches["pages"].clear()
    _process_copy.forget()


@pytest.fixture(autouse=True)
def _cache_trouble_forgotten():
    """A cache that failed in one test is not resting, nor owed a version, in the next."""
    yield
    _failed_at.clear()
    _owed.clear()
    totals._owed.clear()


@pytest.fixture(autouse=True)
def _postgres_only(request):
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


def _staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(
        username=username, password=STAFF_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def comms_user(django_user_model):
    """A communications officer, with the permissions the roles migration gives."""
    return _staff(django_user_model, "comms", "Communications")


@pytest.fixture
def admin_user_in_group(django_user_model):
    """An administrator by group membership (not a superuser)."""
    return _staff(django_user_model, "administrator", "Administrators")


@pytest.fixture
def contributor(django_user_model):
    """Staff at a member trust who write and submit articles (the Contributors role)."""
    user = _staff(django_user_model, "priya", "Contributors")
    user.first_name, user.last_name, user.email = "Priya", "Shah", "priya@trust.example"
    user.save()
    return user


@pytest.fixture
def contributor_client(contributor):
    client = Client()
    client.force_login(contributor)
    return client


@pytest.fixture
def comms_client(comms_user):
    """A browser of its own: the `client` fixture stays an anonymous visitor."""
    client = Client()
    client.force_login(comms_user)
    return client


@pytest.fixture
def admin_client_in_group(admin_user_in_group):
    """A browser of its own, so a test can have an administrator and a comms officer at once."""
    client = Client()
    client.force_login(admin_user_in_group)
    return client
