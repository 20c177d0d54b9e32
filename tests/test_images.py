"""Image uploads as staff make them: checked by content, cleaned, served responsively."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from news.models import Article

from . import files, pages
from .admin_forms import article_form, png
from .factories import ArticleFactory, OrganisationFactory

ADD = "/admin/news/article/add/"

pytestmark = pytest.mark.django_db


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def encoded(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def photo_with_metadata():
    """A 1600x1200 JPEG taken 'sideways': EXIF says rotate it, and it records where."""
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 degrees clockwise to view
    exif[0x010F] = "PhoneMaker"  # camera make
    exif.get_ifd(0x8825)[2] = (52.0, 27.0, 0.0)  # GPS latitude
    return encoded(Image.new("RGB", (1600, 1200), "teal"), "JPEG", exif=exif)


def stored_image(article):
    with default_storage.open(article.image.name) as stored:
        image = Image.open(stored)
        image.load()
    return image


def test_upload_is_rotated_stripped_of_metadata_and_served_responsively(comms_client, client):
    response = comms_client.post(
        ADD,
        article_form(
            status="published",
            image=upload("IMG_0001.JPG", photo_with_metadata()),
            image_alt="A teal square",
            image_caption="The new ward",
            image_credit="BHP",
        ),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    image = stored_image(article)
    assert image.size == (1200, 1600)  # turned upright
    assert not image.getexif()
    assert article.image.name.startswith("news/")
    assert "IMG_0001" not in article.image.name

    # Every width is made at save time, in WebP and the upload's own format.
    for name in ["w400", "w800", "w1200", "w400_webp", "w800_webp", "w1200_webp"]:
        url = getattr(article.image, name)
        path = url.removeprefix("/media/")
        assert default_storage.exists(path), name
    with default_storage.open(article.image.w800_webp.removeprefix("/media/")) as webp:
        assert Image.open(webp).format == "WEBP"
        assert Image.open(webp).size == (800, 450)

    page = client.get(article.get_absolute_url()).content.decode()
    assert '<source type="image/webp" srcset="' in page
    assert f"{article.image.w1200_webp} 1200w" in page
    assert 'width="1200" height="675"' in page
    assert 'alt="A teal square"' in page
    assert "The new ward" in page
    assert "Image: BHP" in page
    # The main image is at the top of the page: it loads at once, not lazily.
    picture = page[page.index("<picture>") : page.index("</picture>")]
    assert 'loading="lazy"' not in picture


def test_cards_load_lazily_and_small_images_are_not_enlarged(client):
    article = ArticleFactory(with_image=True)  # 400 pixels wide
    assert default_storage.exists(article.image.w400.removeprefix("/media/"))
    assert not article.image.w800  # nothing is made larger than the upload

    page = client.get("/news/").content.decode()
    picture = page[page.index("<picture>") : page.index("</picture>")]
    assert 'loading="lazy"' in picture
    assert "800w" not in picture
    assert 'width="400" height="225"' in picture


def test_focus_choice_decides_which_part_a_crop_keeps():
    # A tall image: red at the top, blue at the bottom. A wide crop keeps one of them.
    tall = Image.new("RGB", (800, 1600), "blue")
    tall.paste(Image.new("RGB", (800, 800), "red"), (0, 0))
    colours = {}
    for focus in ["0.5x0.2", "0.5x0.8"]:
        article = ArticleFactory(
            image=SimpleUploadedFile("tall.png", encoded(tall, "PNG")),
            image_alt="Red over blue",
            image_focus=focus,
        )
        with default_storage.open(article.image.w400.removeprefix("/media/")) as crop:
            colours[focus] = Image.open(crop).convert("RGB").getpixel((200, 112))
    assert colours["0.5x0.2"] == (255, 0, 0)
    assert colours["0.5x0.8"] == (0, 0, 255)


def test_decorative_image_needs_no_alt_text_and_is_hidden_from_screen_readers(comms_client, client):
    response = comms_client.post(
        ADD, article_form(status="published", image=png(), image_decorative="on")
    )
    assert response.status_code == 302
    page = client.get(Article.objects.get().get_absolute_url()).content.decode()
    picture = page[page.index("<picture>") : page.index("</picture>")]
    assert 'alt=""' in picture


def pixel_bomb():
    """A small file that decodes to 50 million pixels (1-bit PNG compresses well)."""
    return encoded(Image.new("1", (10_000, 5_000)), "PNG")


def polyglot():
    """A real JPEG with an HTML page hidden after its end."""
    return encoded(Image.new("RGB", (40, 30), "red"), "JPEG") + b"<html><script>x()</script>"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.jpg", b"<html><script>alert(1)</script>", "not an image we can read"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "not an image"),
        ("photo.jpg", encoded(Image.new("RGB", (40, 30)), "BMP"), "This is a BMP image"),
        ("photo.jpg", encoded(Image.new("RGB", (40, 30)), "TIFF"), "This is a TIFF image"),
        ("photo.jpg", encoded(Image.new("RGB", (400, 300)), "JPEG")[:400], "not an image"),
        ("huge.png", pixel_bomb(), "10,000 × 5,000 pixels; the largest accepted is 40 million"),
    ],
    ids=["html", "svg", "bmp-named-jpg", "tiff", "truncated", "pixel-bomb"],
)
def test_bad_images_are_refused_with_a_clear_message(comms_client, name, content, message):
    response = comms_client.post(ADD, article_form(image=upload(name, content), image_alt="x"))
    assert response.status_code == 200
    assert message in pages.errors(response)["image"][0]
    assert not Article.objects.exists()


def test_an_image_over_the_byte_limit_is_refused(comms_client, settings):
    settings.IMAGE_MAX_BYTES = 1000
    big = encoded(Image.effect_noise((200, 200), 64).convert("RGB"), "PNG")
    response = comms_client.post(ADD, article_form(image=upload("big.png", big), image_alt="x"))
    assert "the largest image accepted is 1000" in " ".join(pages.errors(response)["image"])


def test_a_polyglot_is_stored_as_a_clean_image(comms_client):
    response = comms_client.post(
        ADD, article_form(image=upload("photo.jpg", polyglot()), image_alt="A red square")
    )
    assert response.status_code == 302
    with default_storage.open(Article.objects.get().image.name) as stored:
        assert b"<script" not in stored.read()


def test_a_bad_image_on_an_existing_article_keeps_what_was_saved(comms_client):
    article = ArticleFactory(with_image=True, title="Original title")
    saved_image = article.image.name
    form = pages.form(comms_client.get(f"/admin/news/article/{article.pk}/change/"), field="title")
    response = form.submit(
        comms_client, title="Edited title", image=upload("x.jpg", b"not an image"), image_alt="x"
    )
    assert response.status_code == 200
    # What the editor typed is still in the form, and nothing was saved.
    assert pages.form(response, field="title").value("title") == "Edited title"
    article.refresh_from_db()
    assert (article.title, article.image.name) == ("Original title", saved_image)


def test_logos_are_scaled_whole_never_cropped(client):
    wide = encoded(Image.new("RGB", (600, 200), "navy"), "PNG")
    member = OrganisationFactory(
        logo=SimpleUploadedFile("logo.png", wide), logo_alt="Example Trust logo"
    )
    with default_storage.open(member.logo.w320.removeprefix("/media/")) as scaled:
        assert Image.open(scaled).size == (320, 106)
    page = client.get(member.get_absolute_url()).content.decode()
    assert 'width="320" height="106"' in page
    assert 'alt="Example Trust logo"' in page


def add_article_with_animation(client, frames):
    form = pages.form(client.get(ADD), field="image")
    return form.submit(
        client,
        title="New trust joins",
        slug="new-trust-joins",
        summary="A new trust has joined.",
        image=upload("wave.gif", files.animated_gif(frames, (400, 300)), "image/gif"),
        image_alt="A waving hand",
    )


def test_an_animated_gif_within_the_limits_stays_animated(comms_client, settings):
    settings.IMAGE_MAX_PIXELS = 3 * 400 * 300  # exactly three frames of 400 by 300
    response = add_article_with_animation(comms_client, 3)
    assert response.status_code == 302, pages.errors(response)
    with default_storage.open(Article.objects.get().image.name) as stored:
        image = Image.open(stored)
        assert (image.format, image.size, image.n_frames) == ("GIF", (400, 300), 3)


def test_one_frame_more_than_the_limit_is_refused(comms_client, settings):
    settings.IMAGE_MAX_PIXELS = 3 * 400 * 300
    response = add_article_with_animation(comms_client, 4)
    assert response.status_code == 200
    (error,) = pages.errors(response)["image"]
    assert error == (
        "This animation’s frames add up to more than 0.36 million pixels: it has at least 4 "
        "frames of 400 × 300 pixels. Use fewer or smaller frames and upload it again."
    )
    assert not Article.objects.exists()
