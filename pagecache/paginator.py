from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property

from .parts import cached_for_content


class ContentPaginator(Paginator):
    """A paginator for long lists of content that stays fast on page 1 and on page 5,000.

    The total, and each page's rows, are kept until content changes (`count_key` names
    the list). A page's rows are found by id: the database walks an index to the page's
    place instead of reading and discarding every whole row before it.

    `object_list` is a function that makes the list: it is called only to count the list
    or to read a page's rows, when they are not kept yet. `count`, if given, is a function
    that says how long the list is without counting it. `keep`, if given, keeps the total
    and the rows instead of `cached_for_content` (a function of a key and of what makes the
    value), for a list that outlives some changes of content (`pagecache.totals`).
    `by_id=False` reads a page's rows in one query instead, for a short list whose every
    row is computed anyway (a search's few hundred ranked candidates), where finding them
    by id built and ran the ranking twice.
    """

    def __init__(
        self, object_list, per_page, *, count_key, count=None, keep=None, by_id=True, **kwargs
    ):
        super().__init__(object_list, per_page, **kwargs)
        self.count_key = count_key
        self.by_id = by_id
        self.counter = count or (lambda: self.made.count)
        self.keep = keep or cached_for_content

    @cached_property
    def made(self):
        """Django's own paginator over the list, made once and only when needed (it warns
        of a list in no fixed order, whose pages would overlap)."""
        return Paginator(self.object_list(), self.per_page)

    @cached_property
    def count(self):
        return self.keep(f"count:{self.count_key}", self.counter)

    def page(self, number):
        number = self.validate_number(number)
        rows = self.keep(
            f"rows:{self.count_key}:{self.per_page}:{number}", lambda: self.rows(number)
        )
        return Page(rows, number, self)

    def rows(self, number):
        """The rows of page `number`; its last row is the list's if the page is the last."""
        articles = self.made.object_list
        bottom = (number - 1) * self.per_page
        if not self.by_id:
            # A whole page's bounds even on the last page (and its orphans), so that a page
            # is always cut the same (a search compiles its SQL once for each cut:
            # core.search.PreparedBest).
            last = number == self.num_pages
            return list(articles[bottom : bottom + self.per_page + (self.orphans if last else 0)])
        top = Page((), number, self).end_index()
        return list(articles.filter(pk__in=articles[bottom:top].values("pk")))
