"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

No test downloads a browser: Playwright launches the system Chromium (`apt-get install
chromium`). The live server runs in a thread of the test process, so Django's async-safety
guard must let the synchronous Playwright API and the ORM share it.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections

from ..conftest import STAFF_PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
# A quiet, offline browser: no GPU, no sandbox (CI runs as root), no calls home.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


HERE = Path(__file__).parent


def pytest_itemcollected(item):
    # Browser tests need committed data (the live server reads it from another thread) and
    # the groups the roles migration made, so each one restores them after the flush.
    if HERE in Path(item.path).parents:
        item.add_marker(pytest.mark.browser)
        item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # They run last: pytest's grouping by browser would otherwise put them among tests
    # that expect the migrations' data still there.
    browser = [item for item in items if item.get_closest_marker("browser")]
    items[:] = [item for item in items if item not in browser] + browser


@pytest.fixture(scope="session", autouse=True)
def _migrated_data_for_every_context(django_db_setup):
    """Let serialized_rollback restore the migrations' data (the staff roles) in every test.

    Once Playwright's event loop runs in this thread, Django hands out a second set of
    database connections, which lack the copy of that data Django made at set-up. Kept on
    the connection class, the copy is found whichever connection a test gets.
    """
    wrapper = connections["default"]
    contents = getattr(wrapper, "_test_serialized_contents", None)
    if contents is not None:
        type(wrapper)._test_serialized_contents = contents
        yield
        del type(wrapper)._test_serialized_contents
    else:
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Chromium at {CHROMIUM}: apt-get install chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP, "locale": "en-GB"}


@pytest.fixture(autouse=True)
def _quick_failures(page):
    page.set_default_timeout(10_000)


@pytest.fixture
def demo_site():
    """The demo content: nine members, strategy, a year of news with images."""
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def screenshot():
    """Save a full-page picture for people to look at: artifacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    return take


def sign_in(page, live_server, user):
    """Sign in through the admin's own login form, as a person does."""
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Manage the website").wait_for()
