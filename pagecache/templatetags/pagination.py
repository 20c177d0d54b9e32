from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_links(context, page):
    """The addresses of the pages around `page`, each keeping the rest of the query string.

    `numbers` holds (number, address, is_current) for the page numbers to show, numbers
    as text (a template formats a number for the locale, slowly), with (ELLIPSIS, "", False)
    for each gap. Django's {% querystring %} does the same for one link at a time, encoding
    the whole query string again for each: most of the cost of a list page's navigation.
    """
    query = context.request.GET.copy()
    query.pop("page", None)
    prefix = f"?{query.urlencode()}&page=" if query else "?page="

    def address(number):
        return f"{prefix}{number}"

    return {
        "previous": address(page.previous_page_number()) if page.has_previous() else "",
        "next": address(page.next_page_number()) if page.has_next() else "",
        # A gap is the paginator's ELLIPSIS, a lazy translation, slow to compare: the type
        # tells a page number from a gap.
        "numbers": [
            (str(number), address(number), number == page.number)
            if isinstance(number, int)
            else (number, "", False)
            for number in page.paginator.get_elided_page_range(page.number)
        ],
    }
