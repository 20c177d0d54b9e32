"""Whole-page cache for visitors, correct the moment content changes.

Pages are stored with the *content version* they were made under, and served only while it
is current. Saving, deleting or relinking anything in a content app, and any successful
staff POST (admin bulk actions update rows without signals), forgets the version, so the
next visitor gets a freshly rendered page and every older copy is never served again. The
version also carries the next time the public view changes by itself (a scheduled article
going live, or midnight, when dates take effect), and expires then: scheduled articles
appear on time with no job running.

The parts pages share (cards, lists) are kept under the same version whether or not whole
pages are, in Redis and in each worker's memory (`cached_for_content`); a few are kept
longer, until what they show changes (`totals`: the news totals and filters with the set of
live articles, the navigation and other parts with the rows of the models they show, an
article's card and page with its own row and the rows it links to). A request names all it
keeps by the generations as it first read them, so a page's parts agree.
Each worker keeps its copy of the version, and of the pages it served, while it listens to
the announcements every process makes when it forgets the version (`versions._ProcessCopy`).

A visitor without a session cookie is served before the session, CSRF, authentication,
two-factor and lockout middlewares run (`VisitorFastPathMiddleware`); with one, only once the
user is known to be no staff (`AnonymousPageCacheMiddleware`).

Staff, anything marked private or no-store (previews, drafts, the admin), responses that
set a cookie and anything but a 200 are never stored or served from here. Browsers are
told to revalidate every time; ConditionalGetMiddleware answers them 304 from the ETag.

A page is kept under its own query parameters only, which its view names as
`query_parameters` (the news filters, `page`, `q`), in one order: anything else in the
address (utm_source, fbclid, junk) is taken out before the view sees it, so the page is the
same with or without it and a visitor cannot fill the cache by varying it. A view that
names none is kept only for its address without a query string.
"""
