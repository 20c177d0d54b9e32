from django.conf import settings


def site(request):
    """The site's public address, and this page's canonical address on it.

    Both use the configured SITE_DOMAIN rather than the request's host, so the copies the
    site answers to (www. and the bare name) all point search engines at one address.
    Query strings are left out, except the page number, which is a different page.
    """
    site_url = f"{request.scheme}://{settings.SITE_DOMAIN}"
    canonical = site_url + request.path
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1:
        canonical += f"?page={int(page)}"
    return {"site_url": site_url, "canonical_url": canonical}
