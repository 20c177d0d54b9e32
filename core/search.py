"""A search engine for any model: PostgreSQL full-text search, with a plain fallback for
SQLite. Each app says which of its fields are searched (`SearchFields`).

On PostgreSQL a query is read with `websearch_to_tsquery` (quoted phrases, `-excluded`,
`or`), matched against a weighted, stemmed vector (a title match counts most), ranked, and
given a highlighted snippet. Each object's vector is stored, not computed for each search:
a searched model has a one-to-one `search_document` holding it as `vector`, kept current
by whoever owns those documents (the search app), and GIN-indexed. For a large table,
`best_matches()` ranks only a bounded set of candidates and counts up to a cap, so a search
for the commonest word costs about what a rare one does. SQLite, used only for local
development, gets a word-by-word `icontains` match that understands the same quotes and
minus signs, without ranking.
"""

import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import reduce
from operator import add, or_
from typing import Any

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connections
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, Left
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

CONFIG = "english"
# Longer queries are cut here: nobody types more, and it bounds the work a query can cause.
MAX_QUERY_LENGTH = 200
# Snippet highlight markers: control characters no stored text contains, swapped for <mark>
# only after the snippet has been escaped.
START, STOP = "\x01", "\x02"
TERM = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')
# best_matches(): how many of the newest matches, and of the newest matches in the fields
# weighted A (an article's title), are ranked; and how far matches are counted.
CANDIDATES = 100
COUNT_CAP = 1000
# best_few(): the same, for a group of which only the best five are shown: each candidate's
# stored words are read to rank it.
FEW_CANDIDATES = 25
# Where each searched object's vector is kept (see the module's docstring).
STORED = "search_document__vector"
# How much of an object's text its snippet is cut from, in every search (the news's too).
# Highlighting reads all of the text it is given, and a first-time search highlights
# about fifty results (docs/performance.md). A match only further in is still found and
# ranked, and its result is shown with its summary instead of a snippet; a snippet ending
# at the cut may end mid-word.
SNIPPET_SOURCE_LENGTH = 1000


@dataclass(frozen=True)
class SearchFields:
    """Which text fields of a model are searched, each with a weight from A (most) to D."""

    weights: dict[str, str]
    # Rich-text fields, whose markup is removed before the snippet is cut.
    snippet_fields: tuple[str, ...]

    def vector(self):
        """The weighted vector of an object's fields, as its stored document keeps it."""
        vectors = (SearchVector(name, weight=w, config=CONFIG) for name, w in self.weights.items())
        return reduce(add, vectors)

    def title_vector(self):
        """The words of the fields weighted A (the title) alone, computed: for asking which
        objects match in the title without reading their stored vectors. For the large
        tables, search.0004 indexes exactly this expression."""
        titles = (name for name, weight in self.weights.items() if weight == "A")
        return SearchVector(*titles, config=CONFIG)

    def snippet_source(self):
        texts = [StripTags(F(name)) for name in self.snippet_fields]
        joined = [part for text in texts for part in (text, Value(" "))][:-1]
        return Left(Concat(*joined, output_field=TextField()), SNIPPET_SOURCE_LENGTH)


class StripTags(Func):
    """Text without its HTML tags, so a snippet never cuts a tag in half."""

    function = "regexp_replace"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(expression, Value("<[^>]*>"), Value(" "), Value("g"))


def clean_query(text):
    """What is searched for: without NUL bytes (PostgreSQL refuses them), within the limit."""
    return " ".join(text.replace("\x00", " ").split())[:MAX_QUERY_LENGTH]


def search(queryset, fields, text, *, rank=True):
    """The objects of `queryset` that match `text`, best first when `rank` is true.

    On PostgreSQL each result carries `search_rank` and a `search_headline`, which
    `snippet()` turns into safe HTML; the fallback elsewhere gives neither.
    """
    text = clean_query(text)
    if not text:
        return queryset.none()
    if connections[queryset.db].vendor != "postgresql":
        return _fallback(queryset, fields, text)
    query = _query(text)
    matches = queryset.filter(**{STORED: query})
    return _ranked(matches, fields, query) if rank else matches


def _query(text):
    return SearchQuery(text, search_type="websearch", config=CONFIG)


def _ranked(matches, fields, query):
    """`matches` ranked, best first, each with its snippet."""
    return matches.annotate(
        search_rank=SearchRank(F(STORED), query),
        search_headline=SearchHeadline(
            fields.snippet_source(),
            query,
            config=CONFIG,
            start_sel=START,
            stop_sel=STOP,
            max_words=30,
            min_words=12,
            max_fragments=2,
            fragment_delimiter=" … ",
        ),
    ).order_by(
        # Last, not first, if a candidate found by its title has no stored words yet.
        F("search_rank").desc(nulls_last=True),
        *matches.query.order_by or matches.model._meta.ordering,
    )


@dataclass(frozen=True)
class BestMatches:
    """A search's results, best first (`results`, `listed` of them), and how many objects
    match (`found`, counted no further than COUNT_CAP + 1: see `more_than`)."""

    results: Any
    listed: int
    found: int

    @property
    def more_than(self):
        """The cap, when more objects match than were counted; else None."""
        return COUNT_CAP if self.found > COUNT_CAP else None


def best_matches(queryset, fields, text):
    """The best matches of `text`, ranked, found with work bounded whatever the table's size.

    Ranking every match of a common word (most of the table) would read and rank every
    matching row, and counting them would read them all again. Instead the candidates are
    the newest CANDIDATES matches and the newest CANDIDATES matches in the fields weighted
    A (the title), found by walking the queryset's ordering index; matches are counted up
    to COUNT_CAP + 1 in the same query. Only candidates are ranked, so a match in the title
    still comes above one in the body; what is given up is an older match outside both
    sets, which is not listed (narrowing the search lists it). Every match is listed, and
    ranked as `search()` would, while there are no more than CANDIDATES.

    On SQLite every match is listed and counted.
    """
    text = clean_query(text)
    if not text or connections[queryset.db].vendor != "postgresql":
        matches = search(queryset, fields, text)
        return BestMatches(matches, found := matches.count(), found)
    anywhere, candidates = _candidates(_newest(queryset, fields, text))
    results = _ranked(queryset.filter(pk__in=candidates), fields, _query(text))
    return BestMatches(results, len(candidates), len(anywhere))


def _newest(queryset, fields, text):
    """The newest COUNT_CAP + 1 matches and the newest CANDIDATES matches in the title, in
    one query, each part in its own order and limit: (in the title?, pk, and the fields it
    is ordered by, which a part of a union must select to be ordered by them: the ordering
    must be of field names)."""
    matches, in_title = _newest_matches(queryset, fields, text)
    ordered_by = [name.lstrip("-") for name in matches.query.order_by]
    selected = ["in_title", "pk", *(name for name in ordered_by if name != "pk")]
    anywhere, titled = (
        part.annotate(in_title=Value(flag)).values_list(*selected)[:limit]
        for part, flag, limit in ((matches, False, COUNT_CAP + 1), (in_title, True, CANDIDATES))
    )
    return anywhere.union(titled, all=True).order_by()


def _candidates(rows):
    """From the rows of `_newest()`: the matches counted, and the candidates to rank."""
    anywhere, titled = [], []
    for is_title, pk, *_ in rows:
        (titled if is_title else anywhere).append(pk)
    return anywhere, sorted({*anywhere[:CANDIDATES], *titled})


class PreparedBest:
    """`best_matches()` of the querysets `public(now)` makes, run as SQL compiled once per
    process (`Prepared`): building and compiling its queries with the ORM was most of what
    a first-time search for a rare word cost in Python. Its `results` are read a page at a
    time, as the slices `results[start:stop]`, each compiled once too.
    """

    def __init__(self, public, fields):
        self.public = public
        self.fields = fields
        self.newest = Prepared(lambda text, now: _newest(public(now), fields, text))
        # (start, stop) -> Prepared: as many as the candidates fill pages, at most.
        self.slices = {}

    def best(self, text, now=None):
        now = now or timezone.now()
        queryset = self.public(now)
        text = clean_query(text)
        if not text or connections[queryset.db].vendor != "postgresql":
            return best_matches(queryset, self.fields, text)
        anywhere, candidates = _candidates(self.newest.rows(text, now))
        results = _PreparedResults(self, text, now, candidates)
        return BestMatches(results, len(candidates), len(anywhere))

    def ranked(self, start, stop):
        if (start, stop) not in self.slices:

            def build(text, now, ids):
                among = self.public(now).filter(
                    pk__in=RawSQL("SELECT unnest(%s::bigint[])", (ids,))
                )
                return _ranked(among, self.fields, _query(text))[start:stop]

            self.slices[start, stop] = Prepared(build, ids=True)
        return self.slices[start, stop]


@dataclass(frozen=True)
class _PreparedResults:
    """The ranked candidates of a `PreparedBest`, read by slices with both bounds given (as
    `ContentPaginator(by_id=False)` reads a page), each slice compiled once."""

    best: PreparedBest
    text: str
    now: datetime
    ids: list

    def __getitem__(self, part):
        if not self.ids or part.start >= part.stop:
            return []
        return self.best.ranked(part.start, part.stop).objects(self.text, self.now, self.ids)


def best_few(queryset, fields, text):
    """The matches of `text` ranked as `search()` ranks them, among candidates found as
    `best_matches()` finds them but FEW_CANDIDATES of each kind (with what that gives up), in
    one query and uncounted: for a group of which only the best few are shown. Ranking
    every match of a common word read the vectors of thousands of publications, events and
    opportunities to show five of each. The candidates are the first in the queryset's own
    order: order it latest first where the oldest matches are the least wanted."""
    text = clean_query(text)
    if not text or connections[queryset.db].vendor != "postgresql":
        return search(queryset, fields, text)
    # Every candidate matches: ranked without asking again whether it does, which made
    # PostgreSQL test the stored vector of every object.
    matches, in_title = (
        part.values("pk")[:FEW_CANDIDATES] for part in _newest_matches(queryset, fields, text)
    )
    # One list of both (two lists OR-ed made PostgreSQL test every row of the table).
    candidates = queryset.filter(pk__in=matches.union(in_title, all=True))
    return _ranked(candidates, fields, _query(text))


def _newest_matches(queryset, fields, text):
    """The matches of `text`, and its matches in the title (`SearchFields.title_vector()`),
    both unranked and in the queryset's order (newest first, for the news), so that the
    first few are found by walking an index."""
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    query = _query(text)
    matches = queryset.filter(**{STORED: query}).order_by(*ordering)
    in_title = queryset.alias(title_words=fields.title_vector()).filter(title_words=query)
    return matches, in_title.order_by(*ordering)


class Prepared:
    """A search built and compiled by the ORM once per process, then run again with each
    search's text and time as parameters of the same SQL (on PostgreSQL; elsewhere it is
    built for every search).

    For the groups shown beside the news, building and compiling eight querysets (each
    with its candidates' subqueries, rank and snippet) took 20 ms of a first-time search,
    as long as PostgreSQL took to run them. `build(text, now)` returns the queryset of what
    `text` finds at time `now`. It is built twice, with different stand-ins for both, and
    the parameters that differ between the two are where each search's own go. A parameter
    that differs otherwise would be wrong when run again, so it is refused: a value made
    from the text, or a clock read inside `build` rather than `now` (seen as two times a
    moment apart, so not while a test has stopped the clock). What `build` makes of the
    text or time that comes out the same for both stand-ins cannot be seen: it must use
    them only as they are. With `ids=True`, `build(text, now, ids)` is also given a list of
    primary keys, as one parameter.
    """

    # Two builds' stand-ins for the text and the time, unlike each other in every part
    # (length, words, date and time of day) so that little made from them matches by chance.
    TEXTS = ("preparedsearch", "stand in for the words searched")
    TIMES = (
        datetime(2001, 1, 1, tzinfo=UTC),
        datetime(2002, 2, 2, 3, 4, 5, 678901, tzinfo=UTC),
    )
    # And for a list of primary keys, for a build given one (`ids=True`).
    IDS = ([1], [2, 3])
    # Each Prepared's compiled SQL (None where it is built for every search).
    _compiled = {}

    def __init__(self, build, *, ids=False):
        self.build = build
        self.takes_ids = ids

    @classmethod
    def forget(cls):
        """Compile again on next use: for tests that change what a build makes."""
        cls._compiled.clear()

    def objects(self, text, now=None, ids=None):
        """The model instances found, each with the queryset's annotations."""

        def fetch(compiled, params):
            manager = compiled.queryset.model._default_manager.db_manager(compiled.queryset.db)
            return list(manager.raw(compiled.sql, params))

        return self._found(text, now, ids, fetch)

    def rows(self, text, now=None, ids=None):
        """The rows found by a `values_list()` queryset, as tuples."""

        def fetch(compiled, params):
            with connections[compiled.queryset.db].cursor() as cursor:
                cursor.execute(compiled.sql, params)
                return cursor.fetchall()

        return self._found(text, now, ids, fetch)

    def _found(self, text, now, ids, fetch):
        text = clean_query(text)
        if not text:
            return []
        now = now or timezone.now()
        own = (text, now, ids)[: len(self._stand_ins())]
        if self not in self._compiled:
            self._compiled[self] = self._compile()
        compiled = self._compiled[self]
        if compiled is None:
            return list(self.build(*own))
        return fetch(compiled, compiled.parameters(own))

    def _stand_ins(self):
        """A pair of stand-ins for each argument `build` takes."""
        return (self.TEXTS, self.TIMES, self.IDS) if self.takes_ids else (self.TEXTS, self.TIMES)

    def _compile(self):
        stand_ins = self._stand_ins()
        (one, (sql, params)), (_, (other_sql, other_params)) = (
            (queryset, queryset.query.sql_with_params()) for queryset in map(self.build, *stand_ins)
        )
        if connections[one.db].vendor != "postgresql":
            return None
        if sql != other_sql or len(params) != len(other_params):
            raise ValueError("A prepared search's SQL changes with its text or time.")
        places = {}
        for place, pair in enumerate(zip(params, other_params, strict=True)):
            if pair[0] == pair[1]:
                continue
            # Compared, not looked up: a parameter may be a list, which cannot be hashed.
            argument = next((n for n, pairs in enumerate(stand_ins) if pair == pairs), None)
            if argument is None:
                ids = " nor its ids" if self.takes_ids else ""
                raise ValueError(
                    f"Parameter {place} of a prepared search is neither its text nor its "
                    f"time{ids}, yet changes between two builds: {pair[0]!r}, {pair[1]!r}."
                )
            places[place] = argument
        return _Compiled(one, sql, params, places)


@dataclass(frozen=True)
class _Compiled:
    queryset: Any
    sql: str
    params: tuple
    # Which of a search's own arguments (text, time, ids) each varying parameter is:
    # {index among the parameters: index among the arguments}.
    places: dict

    def parameters(self, own):
        return [own[self.places[n]] if n in self.places else value
                for n, value in enumerate(self.params)]  # fmt: skip


def snippet(result):
    """A result's snippet as safe HTML, or "" when it has no highlighted words."""
    headline = getattr(result, "search_headline", "") or ""
    if START not in headline:
        return ""
    text = escape(" ".join(html.unescape(headline).split()))
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 (escaped above)


def _fallback(queryset, fields, text):
    """Every word or quoted phrase must appear in some field; `-word` must appear in none."""
    for excluded, phrase, excluded_word, word in TERM.findall(text):
        term = (phrase or word).strip()
        if not term:
            continue
        anywhere = reduce(or_, (Q(**{f"{name}__icontains": term}) for name in fields.weights))
        if excluded or excluded_word:
            queryset = queryset.exclude(anywhere)
        else:
            queryset = queryset.filter(anywhere)
    return queryset
