"""`bench_data` makes any rendition a kept bench database names but the media folder lacks,
so `make bench` weighs a home page whose every picture is there."""

from pathlib import Path

import pytest
from django.conf import settings

from bench.management.commands.bench_data import Command

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_missing_rendition_is_made_again():
    article = ArticleFactory(with_image=True)
    renditions = sorted(Path(settings.MEDIA_ROOT).rglob("__processed__/**/*.*"))
    assert renditions
    for rendition in renditions:
        rendition.unlink()

    Command().renditions()

    assert sorted(Path(settings.MEDIA_ROOT).rglob("__processed__/**/*.*")) == renditions
    assert Path(article.image.path).exists()
