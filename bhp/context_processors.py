from core.addresses import site_url


def site(request):
    """The site's public address (see core.addresses), and this page's canonical address.

    Query strings are left out, except the page number, which is a different page.
    """
    url = site_url(request)
    canonical = url + request.path
    page = request.GET.get("page", "")
    if page.isascii() and page.isdigit() and int(page) > 1:  # "²" is a digit, not a number
        canonical += f"?page={int(page)}"
    return {"site_url": url, "canonical_url": canonical}
