"""The Permissions-Policy comes with the CSP (bhp.middleware.CachedPolicyMiddleware), on
responses with a policy of their own or a nonce as on every other."""

import pytest
from django.urls import reverse

from .factories import ArticleFactory, DocumentFactory

pytestmark = pytest.mark.django_db

DENIED = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def test_a_download_with_its_own_policy_denies_the_same_features(client):
    article = ArticleFactory()
    document = DocumentFactory()
    article.documents.set([document])
    response = client.get(document.get_absolute_url())
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Permissions-Policy"] == DENIED


def test_a_page_with_a_nonce_denies_the_same_features(comms_client):
    response = comms_client.get(reverse("admin:news_article_add"))
    assert "'nonce-" in response["Content-Security-Policy"]
    assert response["Permissions-Policy"] == DENIED


@pytest.mark.parametrize("url", ["/", "/static/css/site.css", "/no-such-page/"])
def test_every_other_response_denies_them_too(client, url):
    assert client.get(url)["Permissions-Policy"] == DENIED
