"""Every kind of public page, found in the demo content."""

from django.db.models import Count, Q
from django.urls import reverse

from events.models import Event
from news.models import Article
from opportunities.models import Opportunity
from pages.models import Page
from people.models import Person, Role
from publications.models import Publication
from strategy.models import Priority, ResearchTheme


def public_pages():
    """{page type: address} for one page of each kind, each with real content on it."""
    live = Q(articles__in=Article.objects.live())
    article = (
        Article.objects.live()
        .exclude(image="")
        .filter(organisations__is_member=True, themes__isnull=False, tags__isnull=False)
        .first()
    )
    member = article.organisations.filter(is_member=True).first()
    downloads = Article.objects.live().filter(documents__isnull=False).first()
    theme = ResearchTheme.objects.annotate(news=Count("articles", filter=live)).latest("news")
    priority = Priority.objects.annotate(news=Count("articles", filter=live)).latest("news")
    # Someone with a role today and one before, named in the news, with a photo.
    person = (
        Person.objects.listed()
        .exclude(photo="")
        .filter(roles__in=Role.objects.current(), articles__in=Article.objects.live())
        .order_by("name")
        .first()
    )
    section = Page.objects.live().filter(children__isnull=False).distinct().first()
    leaf = Page.objects.live().filter(parent=section, children__isnull=True).first()
    return {
        "home": reverse("home"),
        "news-index": reverse("news:article-list"),
        "news-filtered": reverse("news:article-list")
        + f"?member={member.slug}&year={article.publish_at.year}",
        "article": article.get_absolute_url(),
        "article-downloads": downloads.get_absolute_url(),
        "tag": reverse("news:tag-detail", args=[article.tags.first().slug]),
        "members": reverse("members:organisation-list"),
        "member": member.get_absolute_url(),
        "strategy": reverse("strategy:strategy"),
        "theme": theme.get_absolute_url(),
        "priority": priority.get_absolute_url(),
        "search": reverse("search:results") + "?q=" + article.title.split()[-1],
        "accessibility": reverse("accessibility"),
        "people": reverse("people:index"),
        "people-past": reverse("people:index") + "?past=1",
        "person": person.get_absolute_url(),
        "contact": reverse("contact:enquiry"),
        "press": reverse("contact:press"),
        "privacy": reverse("contact:privacy"),
        "section-page": section.get_absolute_url(),
        "page": leaf.get_absolute_url(),
        "not-found": "/news/no-such-article/",
        **event_pages(),
        **opportunity_pages(),
        **publication_pages(),
    }


def event_pages():
    """{page type: address} for each kind of events page in the demo content."""
    upcoming = Event.objects.live().upcoming()
    hybrid = upcoming.filter(attendance=Event.Attendance.BOTH).first()
    return {
        "events": reverse("events:event-list"),
        "events-filtered": reverse("events:event-list") + "?theme=clinical-trials",
        "events-past": reverse("events:past-list"),
        "event": upcoming.exclude(pk=hybrid.pk)
        .filter(booking_url__gt="")
        .first()
        .get_absolute_url(),
        "event-hybrid-all-day": hybrid.get_absolute_url(),
        "event-past": Event.objects.live().past().first().get_absolute_url(),
    }


def opportunity_pages():
    """{page type: address} for each kind of opportunities page, from the demo content."""
    listing = reverse("opportunities:list")
    return {
        "opportunities": listing,
        "opportunities-kind": f"{listing}?kind=fellowship",
        "opportunities-closed": reverse("opportunities:closed"),
        "opportunity": Opportunity.objects.open().get(kind="fellowship").get_absolute_url(),
        "opportunity-closed": Opportunity.objects.closed().first().get_absolute_url(),
    }


def publication_pages():
    """The publications index, filtered, a long one with its contents, tables and PDF, and
    one only published elsewhere."""
    report = Publication.objects.live().filter(pdf__isnull=False).exclude(body="").first()
    elsewhere = Publication.objects.live().filter(body="").first()
    theme = report.themes.first()
    listing = reverse("publications:publication-list")
    return {
        "publications": listing,
        "publications-filtered": f"{listing}?kind={report.kind}&theme={theme.slug}",
        "publication": report.get_absolute_url(),
        "publication-elsewhere": elsewhere.get_absolute_url(),
    }
