"""The pictures at the top of the README: the product as a reader first sees it.

They are taken from the demo content at fixed window sizes, with motion off, every lazy
image loaded and the web font in place, so that a run changes them only when the site's
look or the demo content changes. They go to artifacts/screenshots/readme/, which git
ignores, so CI leaves the tree clean; `UPDATE_SCREENSHOTS=1` writes them to
docs/screenshots/ instead, to be committed:

    UPDATE_SCREENSHOTS=1 DATABASE_URL=postgres://... pytest tests/browser/test_screenshots.py
"""

import os
from pathlib import Path

from django.conf import settings
from PIL import Image

from news.models import Article

from .conftest import DESKTOP, sign_in

PHONE = {"width": 390, "height": 844}

if os.environ.get("UPDATE_SCREENSHOTS"):
    FOLDER = Path(settings.BASE_DIR) / "docs" / "screenshots"
else:
    FOLDER = Path(settings.BASE_DIR) / "artifacts" / "screenshots" / "readme"

# Lazy pictures load only near the window: load them all, then wait for them and the font.
EVERYTHING_LOADED = """async () => {
  document.querySelectorAll('img[loading="lazy"]').forEach(img => { img.loading = 'eager'; });
  await Promise.all([...document.images].map(img => img.complete ? null :
    new Promise(done => { img.onload = img.onerror = done; })));
  await document.fonts.ready;
}"""


def photograph(page, url, name, viewport, full_page=True):
    page.set_viewport_size(viewport)
    page.goto(url)
    page.evaluate(EVERYTHING_LOADED)
    path = FOLDER / f"{name}.png"
    page.screenshot(path=path, full_page=full_page, animations="disabled", caret="hide")
    # 256 colours lose nothing a reader would notice and keep the repository a third the size.
    Image.open(path).convert("RGB").quantize(256, dither=Image.Dither.NONE).save(
        path, optimize=True
    )
    return path


def test_the_readme_pictures_are_taken_from_the_demo(page, live_server, demo_site, comms_user):
    FOLDER.mkdir(parents=True, exist_ok=True)
    page.emulate_media(reduced_motion="reduce")
    article = Article.objects.live().exclude(image="").filter(documents__isnull=False).first()
    article = article or Article.objects.live().exclude(image="").first()
    taken = [
        photograph(page, live_server.url + "/", "home", DESKTOP),
        photograph(page, live_server.url + article.get_absolute_url(), "article", DESKTOP),
        photograph(page, live_server.url + "/news/", "news-phone", PHONE),
    ]
    sign_in(page, live_server, comms_user)
    taken.append(photograph(page, live_server.url + "/admin/", "dashboard", DESKTOP, False))

    for path in taken:
        assert path.stat().st_size > 10_000, f"{path.name} looks empty"
