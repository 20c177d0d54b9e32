from itertools import batched

from django.db import connections
from django.db.models import OuterRef, Subquery
from django.db.models.signals import post_save

from core.batches import later
from events.models import EVENT_FIELDS, Event
from members.models import ORGANISATION_FIELDS, Organisation
from news.models import ARTICLE_FIELDS, Article
from opportunities.models import OPPORTUNITY_FIELDS, Opportunity
from pagecache.totals import renew_rows
from pages.models import PAGE_FIELDS, Page
from people.models import PERSON_FIELDS, Person
from publications.models import PUBLICATION_FIELDS, Publication
from strategy.models import STRATEGY_FIELDS, Priority, ResearchTheme

# The models whose words are stored (see search.models), with the fields they are read from.
INDEXED = {
    Article: ARTICLE_FIELDS,
    Page: PAGE_FIELDS,
    Person: PERSON_FIELDS,
    Organisation: ORGANISATION_FIELDS,
    ResearchTheme: STRATEGY_FIELDS,
    Priority: STRATEGY_FIELDS,
    Event: EVENT_FIELDS,
    Opportunity: OPPORTUNITY_FIELDS,
    Publication: PUBLICATION_FIELDS,
}


def index(model, ids, using="default"):
    """Compute the search vectors of these objects of `model` in the database, from their
    columns.

    Queryset `update()` and `bulk_create()` send no signal: code that writes searched text
    that way calls this itself.
    """
    if connections[using].vendor != "postgresql":
        return
    document = model.search_document.related.related_model
    owner = document._meta.pk.attname
    documents = document.objects.using(using)
    documents.bulk_create([document(**{owner: pk}) for pk in ids], ignore_conflicts=True)
    words = model._base_manager.filter(pk=OuterRef(owner)).annotate(v=INDEXED[model].vector())
    documents.filter(**{f"{owner}__in": ids}).update(vector=Subquery(words.values("v")))
    # What a search finds is kept with the rows it shows (search/results.html), named
    # when the rows were saved: found before these words were, it must not outlive them.
    renew_rows(model, pks=ids)


def update_document(sender, instance, using, update_fields=None, **kwargs):
    """Re-index a saved object; saves of other fields only (publishing, say) need not."""
    if update_fields is not None and not set(update_fields) & set(INDEXED[sender].weights):
        return
    if not later(index_existing, sender, using, key=instance.pk):
        index(sender, [instance.pk], using)


def index_existing(model, using, ids):
    """`index()` for those of `ids` still in the database, some hundreds at a time: a batch
    of saves (`core.batches`) may include saves since rolled back."""
    existing = model._base_manager.using(using).filter(pk__in=ids).values_list("pk", flat=True)
    for some in batched(existing, 500):
        index(model, list(some), using)


for indexed in INDEXED:
    uid = f"search.update_document:{indexed._meta.label}"
    post_save.connect(update_document, sender=indexed, dispatch_uid=uid)
